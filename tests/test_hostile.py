"""Hostile or careless input (issue 11): every bad metadata file, override, name and path
is stopped with ``file:line: error`` and exit 2, nothing is run, and nothing is read or
written outside its place. Each test is one of the failing inputs the issue lists."""
from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from conftest import META, ROOT, SEED_DIR, SEED_TEXT, make_content, parse_text, run_build
from generator.build import build
from generator.read.source import discover as build_folders
from generator.structure.diagnostics import Report
from generator.render.export import csv_cell
from generator.structure.paths import href
from generator.search.segment import Segmenter
from generator.write.staging import remove_debris

SEED = SEED_TEXT.read_text(encoding="utf-8")
LINKS = (SEED_DIR / "links.yml").read_text(encoding="utf-8")


def errors(report: Report) -> list[tuple[str, int, str]]:
    return [(d.path.rsplit("/", 1)[-1], d.line, d.code) for d in report.errors]


def overridden(tmp_path, segmenter, links: str):
    content = make_content(tmp_path, SEED)
    (content / "plan" / "links.yml").write_text(links, encoding="utf-8")
    return parse_text(tmp_path, SEED, segmenter)


# -- plan text ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, headings", [("第一章 总则\n第二章 保障\n", 2), ("一、总则\n", 1), ("第一章 总则。\n", 1)])
def test_a_plan_of_headings_alone_builds_with_its_headings_alone_indexed(tmp_path, text, headings):
    """Found by review: no clause to index made lunr.py divide by zero (exit 1, a traceback).
    Headings are search documents since issue 19: such a plan's index holds them alone."""
    result = run_build(make_content(tmp_path, text), tmp_path / "_site", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    script = (tmp_path / "_site" / "search" / "plan-plan.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.PLAN_SEARCH_DATA = ").rstrip(";\n"))
    assert data["count"] == headings


# -- plan.yml ---------------------------------------------------------------------------------

@pytest.mark.parametrize("date", ["2022-13-45", "2022-02-30", "'2022-02-30'"])
def test_impossible_dates_are_refused_at_their_line(tmp_path, segmenter, date):
    _, report = parse_text(tmp_path, SEED, segmenter, meta=META.replace("2022-09-06", date))
    assert errors(report) == [("plan.yml", 4, "meta-bad-value")]
    assert report.errors[0].message == (f"'date' must be a real date written YYYY-MM-DD (got '{date.strip(chr(39))}')")


def test_python_tags_are_refused_and_nothing_runs(tmp_path, segmenter):
    marker = tmp_path / "ran"
    meta = META.replace("title: 朔州市“十四五”教育改革与发展规划",
                        f"title: !!python/object/apply:os.system ['touch {marker}']")
    _, report = parse_text(tmp_path, SEED, segmenter, meta=meta)
    assert ("plan.yml", 1, "meta-tag") in errors(report)
    assert report.errors[0].message == "tags (!!python/object/apply:os.system) are not allowed"
    assert not marker.exists()


def test_every_problem_of_the_file_is_reported_at_once(tmp_path, segmenter):
    meta = ("title: !custom 规划\nissuer: [朔州市人民政府]\ndoc_numbr: 朔政发〔2022〕34号\n"
            "date: 2022-02-30\nsource: plan.txt\ntarget_year: 二〇二五\n")
    _, report = parse_text(tmp_path, SEED, segmenter, meta=meta)
    assert [(d.line, d.code, d.message) for d in report.errors] == [
        (1, "meta-tag", "tags (!custom) are not allowed"),
        (2, "meta-bad-value", "'issuer' must be one line of text (at most 500 characters) (got ['朔州市人民政府'])"),
        (3, "meta-unknown-key", "unknown key 'doc_numbr' (did you mean 'doc_number'?)"),
        (4, "meta-bad-value", "'date' must be a real date written YYYY-MM-DD (got '2022-02-30')"),
        (6, "meta-bad-value", "'target_year' must be a year like 2025 (got '二〇二五')"),
    ]


def test_aliases_are_refused(tmp_path, segmenter):
    meta = META.replace("issuer: 朔州市人民政府", "issuer: &who 朔州市人民政府")
    meta = meta.replace("publisher: 朔州市人民政府办公室\n", "") + "publisher: *who\n"
    _, report = parse_text(tmp_path, SEED, segmenter, meta=meta)
    assert [(d.line, d.code, d.message) for d in report.errors] == [
        (2, "meta-alias", "anchors (&who) are not allowed"),
        (meta.count("\n"), "meta-alias", "aliases are not allowed (write the value out)"),
    ]


def test_a_huge_metadata_file_is_refused_unread(tmp_path, segmenter):
    _, report = parse_text(tmp_path, SEED, segmenter, meta=META + "# " + "x" * 300_000 + "\n")
    assert errors(report) == [("plan.yml", 1, "meta-too-large")]


# -- links.yml --------------------------------------------------------------------------------

@pytest.mark.parametrize("links, expected", [
    ("add:\n  - {from: 2022-02-30, to: chp_4__para_1}\n", [(2, "overrides-stale")]),
    ("add:\n  - {from: box_1__proj_1, to: !!int 'abc'}\n", [(2, "overrides-tag")]),
    ("add:\n  - {from: !!python/name:os.system x, to: chp_4__para_1}\n", [(2, "overrides-tag")]),
    ("? {add: 1}\n: 2\n", [(1, "overrides-syntax")]),
    ("add: 5\nremove:\n  - {from: box_1__proj_1, to: [chp_4__para_1]}\n",
     [(1, "overrides-bad-value"), (3, "overrides-bad-value")]),
    ("add:\n  - {from: box_1__proj_1, to: chp_4__para_1}\nadd:\n  - {from: a, to: b}\n", [(3, "overrides-syntax")]),
])
def test_malformed_overrides_stop_at_their_line(tmp_path, segmenter, links, expected):
    _, report = overridden(tmp_path, segmenter, links)
    assert [(d.line, d.code) for d in report.errors] == expected
    assert all(d.path.endswith("links.yml") for d in report.errors)


# -- alias bombs, under the cap (10 s, 500 MB) -------------------------------------------

def billion_laughs(levels: int, key: str) -> str:
    lines = [f"{key}: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines) + "\n"


def test_alias_bombs_are_refused_fast_and_small(tmp_path):
    links_bomb = "add:\n  - from: box_1__proj_1\n    to: chp_4__para_1\n    why: &w0 [a, a, a, a, a, a, a, a, a]\n" + \
        "".join(f"w{n}: &w{n} [{', '.join([f'*w{n - 1}'] * 9)}]\n" for n in range(1, 10))
    meta_bomb = META + billion_laughs(10, "extra")
    cases = []
    for name, meta, links in (("links", META, links_bomb), ("meta", meta_bomb, LINKS)):
        case = tmp_path / name
        content = make_content(case, SEED, meta=meta)
        (content / "plan" / "links.yml").write_text(links, encoding="utf-8")
        cases.append(case)
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "capped_builds.py"), "10", "500", *map(str, cases)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert [r["status"] for r in results] == [2, 2], run.stderr
    for case, result in zip(cases, results):
        stderr = (case / "stderr").read_text(encoding="utf-8")
        assert ": error: aliases are not allowed (write the value out) [" in stderr
        print(f"{case.name} alias bomb: {result['seconds']:.2f} s, {result['rss_mib']:.0f} MiB resident")
    assert len(links_bomb.encode()) < 1000


# -- text files other than the plan --------------------------------------------------------------

def test_terms_txt_in_gbk_is_read_with_a_warning(tmp_path):
    content = make_content(tmp_path, SEED)
    (content / "plan" / "terms.txt").write_bytes("# 术语\n职级制\n双减政策\n".encode("gbk"))
    result = build(content, tmp_path / "out", segmenter=Segmenter())  # its own: terms are added to it
    assert result.written
    assert [(d.path.rsplit("/", 1)[-1], d.line, d.code) for d in result.report.warnings
            if d.path.endswith("terms.txt")] == [("terms.txt", 1, "encoding-gb18030")]


def test_undecodable_terms_txt_stops_the_build_at_its_line(tmp_path):
    content = make_content(tmp_path, SEED)
    (content / "plan" / "terms.txt").write_bytes("职级制\n双减\n".encode() + b"\xff\xfe\x80abc\n")
    result = build(content, tmp_path / "out", segmenter=Segmenter())
    assert not result.written and not (tmp_path / "out").exists()
    assert errors(result.report) == [("terms.txt", 3, "encoding")]


# -- names and paths -------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["x" * 250, "javascript:alert(1)", "a?b#c%d&e", "Plan", "规划", "a" * 65])
def test_plan_folder_names_must_be_slugs(tmp_path, segmenter, name):
    content = make_content(tmp_path, SEED, slug=name)
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    shown = name if len(name) <= 80 else name[:80] + "…"  # a long name is cut, and says so
    assert f"{content / name}:0: error: plan folder name '{shown}' is not a slug" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_plan_folder_linked_from_outside_the_content_folder_is_refused(tmp_path):
    elsewhere = make_content(tmp_path / "elsewhere", SEED) / "plan"
    content = tmp_path / "content"
    content.mkdir()
    (content / "linked-plan").symlink_to(elsewhere, target_is_directory=True)
    report = Report()
    assert build_folders(content, report) == []
    assert errors(report) == [("linked-plan", 0, "folder-outside")]
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 2 and "Traceback" not in result.stderr and not (tmp_path / "out").exists()


def test_slugs_of_64_characters_are_fine(tmp_path, segmenter):
    content = make_content(tmp_path, SEED, slug="a-1" + "b" * 61)
    _, report = parse_text(tmp_path, SEED, segmenter)
    assert report.errors == []
    assert (content / ("a-1" + "b" * 61)).is_dir()


@pytest.mark.parametrize("source", ["/etc/passwd", "../../../../elsewhere/plan.txt", "../other/plan.txt",
                                    "outside-link.txt", "fifo-link.txt", ".", "loop-link.txt"])
def test_a_source_outside_the_plan_folder_is_refused_before_it_is_opened(tmp_path, segmenter, source):
    content = make_content(tmp_path, SEED, meta=META.replace("source: plan.txt", f"source: {source}"))
    other = tmp_path / "content" / "other"
    other.mkdir()
    (other / "plan.txt").write_text(SEED, encoding="utf-8")
    (content / "plan" / "outside-link.txt").symlink_to(other / "plan.txt")
    os.mkfifo(tmp_path / "fifo")  # opening it for reading would block the build
    (content / "plan" / "fifo-link.txt").symlink_to(tmp_path / "fifo")
    (content / "plan" / "loop-link.txt").symlink_to(content / "plan" / "loop-link.txt")
    report = Report()
    from generator.read.source import read_plan
    assert read_plan(content / "plan", report) is None
    assert errors(report) == [("plan.yml", 6, "source-outside")]


def test_a_source_name_with_a_nul_byte_or_line_break_is_refused(tmp_path, segmenter):
    meta = META.replace("source: plan.txt", 'source: "plan\\0.txt"')
    _, report = parse_text(tmp_path, SEED, segmenter, meta=meta)
    assert [(d.line, d.code, d.message) for d in report.errors] == [
        (6, "meta-bad-value", "'source' must be the name of the published file in this folder (text, PDF, Word or web page) (got 'plan\x00.txt')")]


def test_metadata_and_overrides_linked_from_elsewhere_are_refused(tmp_path, segmenter):
    content = make_content(tmp_path, SEED)
    (tmp_path / "secret.yml").write_text(LINKS, encoding="utf-8")
    (content / "plan" / "links.yml").symlink_to(tmp_path / "secret.yml")
    _, report = parse_text(tmp_path, SEED, segmenter)
    assert errors(report) == [("links.yml", 1, "overrides-path")]


def test_hrefs_from_data_are_percent_encoded():
    assert href("a?b#c%d&e/index.html") == "a%3Fb%23c%25d%26e/index.html"
    assert href("javascript:alert(1)/chp_1.html", "x y") == "javascript%3Aalert%281%29/chp_1.html#x%20y"
    assert href("../规划/chp_1.html", "chp_1__sec_2") == "../%E8%A7%84%E5%88%92/chp_1.html#chp_1__sec_2"


# -- open data --------------------------------------------------------------------------------------

def test_csv_cells_that_start_a_formula_are_neutralised():
    cells = ("=1+1", "+x", "-x", "@SUM(A1)", "\tx", "\rx", "-2+3+cmd|' /C calc'!A0", "=", "普惠率", "", None, -5, 2.5,
             "--", "-5", "+1.2%", "- 3")
    assert [csv_cell(v) for v in cells] == [
        "'=1+1", "'+x", "'-x", "'@SUM(A1)", "'\tx", "'\rx", "'-2+3+cmd|' /C calc'!A0", "'=", "普惠率", "", "", -5, 2.5,
        "--", "-5", "+1.2%", "- 3"]


def test_indicator_names_with_formulas_reach_the_csv_as_text(tmp_path, segmenter):
    text = SEED.replace("| | 优质率 (%) | 预期性 | 60 | 85 |",
                        '| | =HYPERLINK("http://example.invalid/"&A1,"点击") (%) | 预期性 | 60 | 85 |', 1)
    assert text != SEED
    result = build(make_content(tmp_path, text), tmp_path / "out", segmenter=segmenter)
    assert result.written
    data = (tmp_path / "out" / "data" / "plan-indicators.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    row = next(r for r in rows if "HYPERLINK" in r["name"])
    assert row["name"] == "'=HYPERLINK(\"http://example.invalid/\"&A1,\"点击\")"
    assert (row["baseline"], row["target"]) == ("60", "85")
    assert ",60,85," in next(line for line in data.splitlines() if "HYPERLINK" in line)


# -- the write phase ---------------------------------------------------------------------------------

def site_files(out) -> dict:
    return {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}


def kill_while_writing(content, out, delay: float) -> bool:
    """Start a build and SIGKILL it ``delay`` s after its staging folder appears; False when
    the build ended before it was seen (the write phase of the seed lasts 15 to 40 ms)."""
    child = subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(content),
                              "--out", str(out), "--quiet", "--no-cache"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not any(name.startswith(".site.new-") for name in os.listdir(out.parent)):
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            child.wait()
            return False
        time.sleep(0.0002)
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait()
    return True


@pytest.mark.parametrize("delay", [0.0, 0.002, 0.005, 0.01])
def test_a_build_killed_while_writing_leaves_the_old_site_and_its_debris_is_cleaned(tmp_path, delay):
    content = make_content(tmp_path, SEED)
    out = tmp_path / "site"
    assert run_build(content, out).returncode == 0
    before = site_files(out)
    assert any(kill_while_writing(content, out, delay) for _ in range(5)), "never caught a build writing"
    remove_debris(out)  # what the next build does first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert site_files(out) == before  # the old site, or the same site newly written


def test_a_site_moved_aside_by_a_killed_build_is_put_back(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()  # a process id that no longer runs
    out = tmp_path / "site"
    (tmp_path / f".site.old-{gone.pid}").mkdir()
    (tmp_path / f".site.old-{gone.pid}" / "index.html").write_text("previous", encoding="utf-8")
    (tmp_path / f".site.new-{gone.pid}").mkdir()
    (tmp_path / ".site.new-notapid").mkdir()
    removed = remove_debris(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "previous"
    assert [p.name for p in removed] == [f".site.new-{gone.pid}"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.new-notapid", "site"]


def test_staging_folders_of_a_running_build_are_left_alone(tmp_path):
    out = tmp_path / "site"
    (tmp_path / f".site.new-{os.getppid()}").mkdir()
    assert remove_debris(out) == []
    assert (tmp_path / f".site.new-{os.getppid()}").is_dir()


@pytest.mark.parametrize("where", ["content", "content/plan", "parent", "project"])
def test_the_output_may_not_replace_the_content_or_a_folder_no_build_wrote(tmp_path, where):
    content = make_content(tmp_path, SEED)
    project = tmp_path / "project"
    project.mkdir()
    (project / "README.md").write_text("mine", encoding="utf-8")
    out = {"content": content, "content/plan": content / "plan", "parent": tmp_path, "project": project}[where]
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    result = run_build(content, out)
    assert result.returncode == 2
    assert f"{out.resolve()}:0: error: " in result.stderr and "[out-unsafe]" in result.stderr
    assert sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*")) == before


def test_a_glossary_goes_through_the_same_loader(tmp_path, segmenter):
    content = make_content(tmp_path, SEED)
    (content / "plan" / "glossary.yml").write_text(
        "stage_terms:\n  higher: &t [山海学院]\n  special: *t\nindicator_synonyms: !!python/tuple [[a, b]]\n",
        encoding="utf-8")
    _, report = parse_text(tmp_path, SEED, segmenter)
    assert errors(report) == [("glossary.yml", 2, "yaml-alias"), ("glossary.yml", 3, "yaml-alias"),
                              ("glossary.yml", 4, "yaml-tag")]
