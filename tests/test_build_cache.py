"""The build cache (generator/write/cache.py, build.py) and the worker processes: what is
reused, what invalidates it, and that the output never depends on either."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SEED_DIR
from generator.build import build, summary
from generator.search.segment import Cuts, Segmenter
from generator.write.cache import Cache

SLUG = SEED_DIR.name


def cli(content: Path, out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    """``python -m generator build`` with its cache in ``cache``."""
    env = dict(os.environ, PLANSITE_CACHE=str(cache))
    return subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
                           *extra], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def stamps(site: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(site).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(SEED_DIR, folder / SLUG)
    return folder


def test_second_build_does_nothing_and_says_so(content, tmp_path, segmenter):
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    first = build(content, out, cache_dir=cache, segmenter=segmenter)
    before = stamps(out)
    second = build(content, out, cache_dir=cache, segmenter=segmenter)
    assert first.written and second.written and second.unchanged and not first.unchanged
    assert stamps(out) == before
    assert summary(second)[-1].endswith("nothing changed since the last build: no file rewritten")
    assert [str(d) for d in second.report.items] == [str(d) for d in first.report.items]  # same warnings


def test_one_changed_character_rewrites_only_the_pages_it_shows_on(content, tmp_path, segmenter):
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    build(content, out, cache_dir=cache, segmenter=segmenter)
    before = stamps(out)
    text = content / SLUG / "plan.txt"
    original = text.read_text(encoding="utf-8")
    text.write_text(original.replace("培育一批科学、规范", "培养一批科学、规范", 1), encoding="utf-8")
    assert text.read_text(encoding="utf-8") != original
    result = build(content, out, cache_dir=cache, segmenter=segmenter)
    after = stamps(out)
    assert result.rebuilt == 1 and not result.unchanged
    changed = {path for path in after if after[path] != before.get(path)}
    assert f"{SLUG}/index.html" not in changed and "static/style.css" not in changed
    assert after["static/style.css"][1] == before["static/style.css"][1]  # same bytes, same modification time
    assert f"search/plan-{SLUG}.js" in changed and f"data/{SLUG}.json" in changed
    assert "search/engine.js" not in changed  # the shared engine did not change
    assert 0 < result.rewritten < result.files
    assert len(changed) == result.rewritten


def one_character_rebuild(content: Path, tmp_path: Path, segmenter, monkeypatch, cls, name: str, record):
    """Build the seed with a cache, change one character in 第四章 (plan.txt:452: 培育 → 培养),
    and build again with ``cls.name`` wrapped by ``record(args)`` (called before it); check
    that the site is the bytes of a build without cache. The second build's result."""
    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache_dir=cache, segmenter=segmenter)
    text = content / SLUG / "plan.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("培育一批科学、规范", "培养一批科学、规范", 1),
                    encoding="utf-8")
    wrapped = getattr(cls, name)
    monkeypatch.setattr(cls, name, lambda *args: record(args) or wrapped(*args))
    result = build(content, tmp_path / "site", cache_dir=cache, segmenter=segmenter)
    monkeypatch.undo()
    build(content, tmp_path / "fresh", segmenter=segmenter)
    assert {p: b for p, (b, _) in stamps(tmp_path / "site").items()} == \
        {p: b for p, (b, _) in stamps(tmp_path / "fresh").items()}
    return result


def test_a_changed_plan_cuts_again_only_its_changed_texts(content, tmp_path, segmenter, monkeypatch):
    """The plan's cuts are remembered (search.segment.Cuts): after one changed character,
    jieba cuts only texts holding it, and the site is the bytes of a build without cache."""
    cut = []
    result = one_character_rebuild(content, tmp_path, segmenter, monkeypatch, Segmenter, "_jieba_cut",
                                   lambda args: cut.append(args[2]))
    assert result.rebuilt == 1
    assert cut and all("养" in text for text in cut), cut


def test_kept_cuts_are_joined_words_read_back_as_cut():
    """The cache keeps a cut as its words joined by NUL (``Cuts.entry``), or as its tuple when a
    word is empty or holds NUL; ``known_words`` reads either back; ``since`` keeps only the
    entries added after a point, and ``added`` entries join the rest."""
    from generator.search.segment import known_words

    cuts = Cuts()
    cuts.used[((), "cut")] = {"培养人才": ("培养", "人才"), "a\0b": ("a\0b",), "": ()}
    cuts.used[(("培养",), "search")] = {"培养": ("培养",)}
    entry = cuts.entry()
    assert entry[((), "cut")] == {"培养人才": "培养\0人才", "a\0b": ("a\0b",), "": ""}
    assert {text: known_words(kept) for text, kept in entry[((), "cut")].items()} == cuts.used[((), "cut")]
    assert known_words(["not", "a", "cut"]) is None
    assert cuts.entry(since={((), "cut"): 2, (("培养",), "search"): 1}) == {((), "cut"): {"": ""}}
    merged = cuts.entry({((), "search"): {"人才": "人才"}})
    assert merged[((), "search")] == {"人才": "人才"} and merged[((), "cut")] == entry[((), "cut")]


def test_a_changed_plan_renders_again_only_the_pages_it_shows_on(content, tmp_path, segmenter, monkeypatch):
    """The rendered pages are remembered (render.html.RenderedPages): after one changed
    character in 第四章, only the pages that show it are rendered again: the chapter's page
    and the whole plan's print page; the site is the bytes of a build without cache."""
    from generator.render.html import Renderer

    rendered = []
    result = one_character_rebuild(content, tmp_path, segmenter, monkeypatch, Renderer, "_render",
                                   lambda args: rendered.append(args[2]["path"]))
    assert result.rebuilt == 1
    assert sorted(p for p in rendered if p.startswith(f"{SLUG}/")) == [f"{SLUG}/chp_4.html", f"{SLUG}/print.html"]


def test_with_a_core_to_spare_the_index_is_made_beside_and_the_site_is_the_same(content, tmp_path, segmenter,
                                                                                monkeypatch):
    """With two workers and one plan to build, the plan's index and the catalog's search files
    are made in a child process (``build.SearchSide``, ``write.beside``) while this one renders:
    after a one-character change the cuts the child made are kept for the next build, and the
    site is the bytes of a build without cache in one process."""
    from generator import build as build_module
    from generator.write import beside

    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache_dir=cache, segmenter=segmenter, workers=2)
    text = content / SLUG / "plan.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("培育一批科学、规范", "培养一批科学、规范", 1),
                    encoding="utf-8")
    children = []
    started = beside.Beside.__init__
    monkeypatch.setattr(beside.Beside, "__init__", lambda self, *a: started(self, *a) or children.append(self.pid))
    result = build(content, tmp_path / "site", cache_dir=cache, segmenter=segmenter, workers=2)
    assert result.rebuilt == 1 and len(children) == 1
    assert not (Path("/proc") / str(children[0])).exists()  # reaped
    build(content, tmp_path / "fresh", segmenter=segmenter, workers=1)
    assert {p: b for p, (b, _) in stamps(tmp_path / "site").items()} == \
        {p: b for p, (b, _) in stamps(tmp_path / "fresh").items()}
    key = build_module._keys(content, [content / SLUG], build_module.PROJECT / "templates",
                             build_module.PROJECT / "static", False)["cuts", content / SLUG]
    kept = Cache(cache).get("cuts", key)
    assert any("培养一批科学、规范" in text for table in kept.values() for text in table)  # cut in the child


def test_an_error_while_the_index_is_made_beside_leaves_no_child(content, tmp_path, segmenter, monkeypatch):
    """The pages fail to render while the child indexes: the error reaches the caller, the
    child is killed and reaped, and the previous site is left as it was."""
    from generator import phases
    from generator.write import beside

    children = []
    started = beside.Beside.__init__
    monkeypatch.setattr(beside.Beside, "__init__", lambda self, *a: started(self, *a) or children.append(self.pid))

    def broken(*args):
        raise RuntimeError("the templates broke")

    monkeypatch.setattr(phases, "render_pages", broken)
    with pytest.raises(RuntimeError, match="the templates broke"):
        build(content, tmp_path / "site", segmenter=segmenter, workers=2)
    assert len(children) == 1 and not (Path("/proc") / str(children[0])).exists()
    assert not (tmp_path / "site").exists()


def test_a_page_memo_renders_what_it_has_not_seen():
    from generator.render.html import RenderedPages

    calls = []

    def render(template, context):
        calls.append((template, context["n"]))
        return f"{template}:{context['n']}".encode()

    first = RenderedPages()
    assert first.page("a.html", {"n": 1}, render) == b"a.html:1"
    again = RenderedPages(first.now)
    assert again.page("a.html", {"n": 1}, render) == b"a.html:1"  # found: not rendered again
    assert again.page("b.html", {"n": 1}, render) == b"b.html:1"  # another template
    assert again.page("a.html", {"n": 2}, render) == b"a.html:2"  # another context
    assert calls == [("a.html", 1), ("b.html", 1), ("a.html", 2)]
    assert RenderedPages(["not", "a", "memo"]).page("a.html", {"n": 4}, render) == b"a.html:4"
    assert calls[-1] == ("a.html", 4)


def test_an_unpicklable_context_is_rendered_every_time():
    from generator.render.html import RenderedPages

    calls = []
    memo = RenderedPages()
    for _ in range(2):
        assert memo.page("a.html", {"n": lambda: 0}, lambda t, c: calls.append(t) or b"x") == b"x"
    assert calls == ["a.html", "a.html"] and memo.now == {}


def test_cached_build_equals_uncached_build(content, tmp_path, segmenter):
    cache = tmp_path / "cache"
    build(content, tmp_path / "one", cache_dir=cache, segmenter=segmenter)
    from_cache = build(content, tmp_path / "two", cache_dir=cache, segmenter=segmenter)
    assert from_cache.rebuilt == 0  # another output folder: the plan still comes from the cache
    build(content, tmp_path / "three", segmenter=segmenter)
    one, two, three = (stamps(tmp_path / name) for name in ("one", "two", "three"))
    assert {p: b for p, (b, _) in two.items()} == {p: b for p, (b, _) in one.items()} \
        == {p: b for p, (b, _) in three.items()}


@pytest.mark.parametrize("change", ["glossary", "overrides", "site"])
def test_changed_plan_data_misses(content, tmp_path, segmenter, change):
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    build(content, out, cache_dir=cache, segmenter=segmenter)
    if change == "glossary":
        path = content / SLUG / "glossary.yml"
        path.write_text(path.read_text(encoding="utf-8") + "\n# 另一条注释\n", encoding="utf-8")
    elif change == "overrides":
        path = content / SLUG / "links.yml"
        path.write_text(path.read_text(encoding="utf-8") + "\n# 另一条注释\n", encoding="utf-8")
    else:
        (content / "site.yml").write_text("site_url: https://example.org/plans/\n", encoding="utf-8")
    result = build(content, out, cache_dir=cache, segmenter=segmenter)
    assert result.rebuilt == 1 and not result.unchanged
    if change == "site":
        assert (out / "sitemap.xml").is_file()
        assert 'href="https://example.org/plans/' in (out / SLUG / "chp_5.html").read_text(encoding="utf-8")


def test_changed_genre_data_misses(content, tmp_path, segmenter, monkeypatch):
    """The genre files are part of the generator's version: a changed one rebuilds every plan."""
    import generator.write.cache as cache_module

    cache = tmp_path / "cache"
    out = tmp_path / "site"
    build(content, out, cache_dir=cache, segmenter=segmenter)
    generator = tmp_path / "generator"
    shutil.copytree(ROOT / "generator", generator, ignore=shutil.ignore_patterns("__pycache__"))
    genre = generator / "genres" / "education.yml"
    genre.write_text(genre.read_text(encoding="utf-8") + "\n# 另一条注释\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "GENERATOR", generator)
    result = build(content, out, cache_dir=cache, segmenter=segmenter)
    assert result.rebuilt == 1 and not result.unchanged


def test_touched_site_is_rebuilt(content, tmp_path, segmenter):
    """An output folder changed by hand since the last build is not trusted: built again."""
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    build(content, out, cache_dir=cache, segmenter=segmenter)
    original = (out / "about.html").read_bytes()
    (out / "about.html").write_bytes(b"edited")
    result = build(content, out, cache_dir=cache, segmenter=segmenter)
    assert not result.unchanged and result.rebuilt == 0
    assert (out / "about.html").read_bytes() == original


def test_corrupt_or_foreign_cache_is_a_miss(content, tmp_path, segmenter):
    cache = tmp_path / "cache"
    clean = tmp_path / "clean"
    build(content, clean, cache_dir=cache, segmenter=segmenter)
    entries = [p for p in cache.rglob("*") if p.is_file() and p.name != "secret"]
    assert entries
    for number, path in enumerate(entries):  # truncated, flipped, emptied, or another cache's
        data = path.read_bytes()
        path.write_bytes([data[:10], data[:-1] + bytes([data[-1] ^ 1]), b"", b"\x80\x04K\x01."][number % 4])
    out = tmp_path / "site"
    result = build(content, out, cache_dir=cache, segmenter=segmenter)
    assert result.written and result.rebuilt == 1
    assert stamps(out).keys() == stamps(clean).keys()
    (cache / "secret").write_bytes(b"not a secret")  # a secret of the wrong size: a new one, every entry a miss
    assert build(content, tmp_path / "again", cache_dir=cache, segmenter=segmenter).rebuilt == 1


def test_cache_entry_round_trip_and_tamper(tmp_path):
    cache = Cache(tmp_path)
    cache.put("kind", "key", {"a": [1, 2]})
    assert Cache(tmp_path).get("kind", "key") == {"a": [1, 2]}
    assert Cache(tmp_path).get("kind", "other") is None
    path = tmp_path / "kind" / "key"
    os.rename(path, tmp_path / "kind" / "moved")
    assert Cache(tmp_path).get("kind", "moved") is None  # the tag binds the entry to its key
    assert Cache(None).get("kind", "key") is None


def test_no_cache_reads_and_writes_none(content, tmp_path):
    cache = tmp_path / "cache"
    out = tmp_path / "site"
    first = cli(content, out, cache, "--no-cache", "--quiet")
    assert first.returncode == 0, first.stderr
    assert not cache.exists() or not any(p for p in cache.rglob("*") if p.is_file() and "jieba" not in p.name)
    second = cli(content, out, cache)
    assert second.returncode == 0 and "1 of 1 plan(s) rebuilt" in second.stdout
    third = cli(content, out, cache)
    assert "nothing changed since the last build" in third.stdout
    fourth = cli(content, out, cache, "--no-cache")
    assert "1 of 1 plan(s) rebuilt" in fourth.stdout


def test_same_bytes_whatever_the_workers_and_hash_seed(tmp_path):
    """Three plans (the seed under three names) built by 1 and 3 worker processes, under
    two hash seeds: the same files, byte for byte."""
    content = tmp_path / "content"
    for name in ("a-plan", "b-plan", "c-plan"):
        shutil.copytree(SEED_DIR, content / name)
    sites = []
    for workers, seed in (("1", "1"), ("3", "2"), ("2", "3")):
        out = tmp_path / f"site-{workers}-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
                              "--no-cache", "--workers", workers, "--quiet"], cwd=ROOT, env=env,
                             capture_output=True, text=True, timeout=600)
        assert run.returncode == 0, run.stderr
        sites.append({p: b for p, (b, _) in stamps(out).items()})
    assert sites[0] == sites[1] == sites[2]
    assert len(sites[0]) > 3 * 30


YEAR_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {"year": {"type": "integer"}}}
TEXT_YEAR_SCHEMA = {"type": "object", "additionalProperties": False, "properties": {"year": {"type": "string"}}}


@pytest.fixture
def validations(monkeypatch) -> list[str]:
    """The texts ``load_yaml`` validated (generator/config/yamlfile.py ``_validate``), in order."""
    from generator.config import yamlfile

    seen: list[str] = []
    validate = yamlfile._validate

    def counted(value, lines, refused, schema, problems):
        seen.append(f"{value}")
        validate(value, lines, refused, schema, problems)

    monkeypatch.setattr(yamlfile, "_validate", counted)
    return seen


def _load(path: Path, schema: dict, cache: Cache) -> tuple[object, list[tuple[int, str]]]:
    from generator.config.yamlfile import load_yaml, loads_remembered
    from generator.structure.diagnostics import Report

    report = Report()
    with loads_remembered(cache):
        document = load_yaml(path, report, schema, "meta")
    return document and document.value, [(d.line, d.code) for d in report.items]


def test_a_text_that_passed_its_schema_is_neither_parsed_nor_validated_again(tmp_path, validations, monkeypatch):
    from generator.config import yamlevents

    parsed = []
    values = yamlevents.values
    monkeypatch.setattr(yamlevents, "values", lambda text, problems: parsed.append(text) or values(text, problems))
    path = tmp_path / "plan.yml"
    path.write_text("year: 2021\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    assert _load(path, YEAR_SCHEMA, cache) == ({"year": 2021}, [])
    assert _load(path, YEAR_SCHEMA, Cache(tmp_path / "cache")) == ({"year": 2021}, [])
    assert validations == ["{'year': 2021}"]
    assert parsed == ["year: 2021\n"]
    path.write_text("year: 2022\n", encoding="utf-8")  # another text: validated
    assert _load(path, YEAR_SCHEMA, cache) == ({"year": 2022}, [])
    assert len(validations) == 2


def test_a_remembered_text_under_another_schema_is_validated(tmp_path, validations):
    path = tmp_path / "plan.yml"
    path.write_text("\nyear: 2021\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    assert _load(path, YEAR_SCHEMA, cache) == ({"year": 2021}, [])
    assert _load(path, TEXT_YEAR_SCHEMA, cache) == (None, [(2, "meta-bad-value")])  # 2021 is no text
    assert len(validations) == 2


def test_a_text_that_failed_is_validated_every_time(tmp_path, validations):
    path = tmp_path / "plan.yml"
    path.write_text("year: 2021\nyaer: 2022\n", encoding="utf-8")
    cache = Cache(tmp_path / "cache")
    for _ in range(2):
        assert _load(path, YEAR_SCHEMA, cache) == (None, [(2, "meta-unknown-key")])
    assert len(validations) == 2
    assert not (tmp_path / "cache" / "loaded").exists()


def _imported_by_a_one_character_rebuild(content: Path, tmp_path: Path, modules: list[str]) -> str:
    """Built once with a cache, then again after 培育 → 培养 in one sentence: whether each of
    ``modules`` was imported by the rebuild, as the probe prints it ("False False"), with the
    probe's output after it when the probe printed nothing."""
    cache = tmp_path / "cache"
    assert cli(content, tmp_path / "site", cache).returncode == 0
    text = content / SLUG / "plan.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("培育一批科学、规范", "培养一批科学、规范", 1),
                    encoding="utf-8")
    env = dict(os.environ, PLANSITE_CACHE=str(cache))
    probe = ("import runpy, sys; sys.argv = ['generator', 'build', '--content', sys.argv[1], '--out', sys.argv[2]]\n"
             "try:\n    runpy.run_module('generator', run_name='__main__')\n"
             f"except SystemExit:\n    pass\nprint({', '.join(repr(m) + ' in sys.modules' for m in modules)})")
    run = subprocess.run([sys.executable, "-c", probe, str(content), str(tmp_path / "site")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=300)
    lines = run.stdout.strip().splitlines()
    return lines[-1] if lines else run.stdout + run.stderr


def test_a_rebuild_with_every_yaml_file_loaded_before_never_imports_pyyaml(content, tmp_path):
    assert _imported_by_a_one_character_rebuild(content, tmp_path, ["yaml", "jsonschema"]) == "False False"


def test_a_rebuild_with_its_pipe_tables_read_before_never_imports_markdown_it(content, tmp_path):
    """The rows of a pipe table read before come from the build cache (``table.pipe_rows_remembered``):
    a one-character change outside the tables imports no markdown-it-py."""
    assert _imported_by_a_one_character_rebuild(content, tmp_path, ["markdown_it"]) == "False"


def test_a_changed_pipe_table_is_read_again(content, tmp_path, segmenter, monkeypatch):
    """A cell changed in the indicator table (普惠率's target 88 → 90): that table's rows are
    read again, never taken from the cache, and the site is the bytes of a build without cache."""
    from generator.parse import table

    cache = tmp_path / "cache"
    build(content, tmp_path / "site", cache_dir=cache, segmenter=segmenter)
    text = content / SLUG / "plan.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("| | 普惠率 (%) | 约束性 | 75 | 88 |",
                                                             "| | 普惠率 (%) | 约束性 | 75 | 90 |", 1), encoding="utf-8")
    read = []
    reader = table._read_pipe_rows
    monkeypatch.setattr(table, "_read_pipe_rows", lambda tokens: read.append(tokens) or reader(tokens))
    build(content, tmp_path / "site", cache_dir=cache, segmenter=segmenter)
    monkeypatch.undo()
    assert len(read) == 1 and any("| 75 | 90 |" in token.text for token in read[0])
    build(content, tmp_path / "fresh", segmenter=segmenter)
    site, fresh = stamps(tmp_path / "site"), stamps(tmp_path / "fresh")
    assert {p: b for p, (b, _) in site.items()} == {p: b for p, (b, _) in fresh.items()}
    assert b"90" in site[f"data/{SLUG}.json"][0]


def test_without_a_cache_every_text_is_validated(tmp_path, validations):
    path = tmp_path / "plan.yml"
    path.write_text("year: 2021\n", encoding="utf-8")
    for _ in range(2):
        assert _load(path, YEAR_SCHEMA, Cache(None)) == ({"year": 2021}, [])
    assert len(validations) == 2


def test_the_fold_table_is_kept_by_the_characters_used(tmp_path, monkeypatch):
    from generator.search import index

    cache = Cache(tmp_path / "cache")
    made = index.simplified_table(["線上線下裏面"], cache)
    assert dict(made) == dict(index.simplified_table(["線上線下裏面"]))
    assert made["線"] == "线" and made["裏"] == "里"
    computed = []
    table_of = index._table_of
    monkeypatch.setattr(index, "_table_of", lambda used: computed.append(used) or table_of(used))
    again = index.simplified_table(["裏面線下線上"], Cache(tmp_path / "cache"))  # the same characters
    assert list(again.items()) == list(made.items()) and computed == []
    other = index.simplified_table(["線上學校"], cache)  # 學 and 校 are new
    assert other["學"] == "学" and computed == [["上", "學", "校", "線"]]
