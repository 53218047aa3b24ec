"""A plan through time (issue 22, item 1): editions in plan.yml, point-in-time pages, ids
kept across editions, the change page and data. The pair is the seed and a later edition
made by string edits (tests/editions_pair.py); every expected value below was written by
reading those edits, not the build's output."""
from __future__ import annotations

import json
import shutil
import re

import pytest

from conftest import META, make_content, run_build
from editions_pair import FIRST, INSERTED_TEXT, INSERTED_TITLE, LATER, REMOVED_PARAGRAPH_START, SEED_DIR, \
    edition_meta, later_text, make_pair
from generator import phases
from generator.build import build
from generator.structure.diagnostics import Report

SLUG = "shuozhou-education-14th"
INSERTED = "chp_5__sec_2_v20240529"  # 第五章's new 第二节: chp_5__sec_2 is the old 第二节's (now 第三节)
REMOVED = "chp_5__sec_1__item_2__para_2"  # 完善学前教育教研指导体系。… (the second paragraph of 五、一、二、)
EXPECTED_CLAUSES = {
    ("changed", "chp_3__sec_3__para_2"),  # 普惠率达到95% → 90%
    ("changed", "chp_3__sec_3__para_5"),  # 11个 → 12个“技能朔州”品牌职教园区
    ("added", INSERTED),
    ("moved", "chp_5__sec_2"), ("moved", "chp_5__sec_3"), ("moved", "chp_5__sec_4"),  # 第二节-第四节 renumbered
    ("removed", REMOVED),
}
EXPECTED_FIGURES = {  # (name or target id, field, before, after)
    ("普惠率", "target", 88, 90),
    ("“双师型”教师占比", "target", 65, 70),
    ("chp_3__sec_3__para_2__tgt_1", "value", 95, 90),
    ("chp_3__sec_3__para_5__tgt_1", "value", 11, 12),
}


@pytest.fixture(scope="module")
def pair_site(tmp_path_factory, segmenter):
    root = tmp_path_factory.mktemp("editions")
    make_pair(root / "content")
    out = root / "_site"
    result = build(root / "content", out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.errors]
    return out


def data(site, name):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def test_the_pair_gives_exactly_its_edits_as_changes(pair_site):
    changes = data(pair_site, f"{SLUG}-changes.json")
    assert [e["date"] for e in changes["editions"]] == [FIRST, LATER]
    assert [e["label"] for e in changes["editions"]] == ["2022年9月6日版", "2024年5月29日调整版"]
    (pair,) = changes["changes"]
    assert (pair["from"], pair["to"]) == (FIRST, LATER)
    assert {(c["change"], c["id"]) for c in pair["clauses"]} == EXPECTED_CLAUSES
    assert len(pair["clauses"]) == len(EXPECTED_CLAUSES)
    figures = {(f["name"] if f["kind"] == "indicator" else f["id"], f["field"], f["before"], f["after"])
               for f in pair["figures"]}
    assert figures == EXPECTED_FIGURES and len(pair["figures"]) == len(EXPECTED_FIGURES)


def test_a_changed_clause_carries_word_marks_and_links_to_both_editions(pair_site):
    (pair,) = data(pair_site, f"{SLUG}-changes.json")["changes"]
    by_id = {c["id"]: c for c in pair["clauses"]}
    changed = by_id["chp_3__sec_3__para_2"]
    # 普惠率达到95%以上 → 90%: jieba cuts 95% as one word, so the word is marked, not its digit
    assert [m for m in changed["marks"] if m[0] != "="] == [["-", "95%"], ["+", "90%"]]
    parks = by_id["chp_3__sec_3__para_5"]  # 11个 → 12个“技能朔州”品牌职教园区
    assert [m for m in parks["marks"] if m[0] != "="] == [["-", "11"], ["+", "12"]]
    assert changed["before"]["url"] == f"{SLUG}/{FIRST}/chp_3.html#chp_3__sec_3__para_2"
    assert changed["after"]["url"] == f"{SLUG}/{LATER}/chp_3.html#chp_3__sec_3__para_2"
    renumbered = by_id["chp_5__sec_2"]
    assert (renumbered["before"]["number"], renumbered["after"]["number"]) == ("第二节", "第三节")
    added = by_id[INSERTED]
    assert added["before"] is None and added["after"]["number"] == "第二节"
    assert added["after"]["text"] == INSERTED_TITLE
    removed = by_id[REMOVED]
    assert removed["after"] is None and removed["before"]["text"].startswith(REMOVED_PARAGRAPH_START)


def test_every_unchanged_clause_keeps_its_id(pair_site):
    first = {n["id"]: n for n in data(pair_site, f"{SLUG}.{FIRST}.json")["nodes"]}
    later = {n["id"]: n for n in data(pair_site, f"{SLUG}.{LATER}.json")["nodes"]}
    assert set(first) - set(later) == {REMOVED}
    new = set(later) - set(first)
    assert new == {INSERTED, f"{INSERTED}__para_1"}
    assert later[f"{INSERTED}__para_1"]["text"] == INSERTED_TEXT
    changed = {"chp_3__sec_3__para_2", "chp_3__sec_3__para_5", "chp_3__sec_3__para_2__tgt_1",
               "chp_3__sec_3__para_5__tgt_1"}
    for node_id in set(first) & set(later) - changed:
        if first[node_id]["kind"] != "indicator":
            assert first[node_id]["text"] == later[node_id]["text"], node_id


def test_every_2022_permalink_resolves_in_both_editions(pair_site):
    """A 2022 permalink is the plan's address of its clause then (``slug/page#id``): in the
    2022 pages it lands on the clause; in the latest pages on the clause, or on a page that
    says where it went (its edition map names it)."""
    prefix = f"{SLUG}/{FIRST}/"
    pages: dict[str, str] = {}

    def page(path):
        if path not in pages:
            pages[path] = (pair_site / path).read_text(encoding="utf-8")
        return pages[path]

    said = 0
    for node in data(pair_site, f"{SLUG}.{FIRST}.json")["nodes"]:
        path, _, anchor = node["url"].partition("#")
        assert path.startswith(prefix)
        then = f"{SLUG}/{path[len(prefix):]}"
        if not anchor:
            assert (pair_site / then).is_file(), then
            continue
        assert f' id="{anchor}"' in page(path), node["url"]
        if f' id="{anchor}"' not in page(then):
            assert f'data-id="{anchor}"' in page(then), (then, anchor)
            said += 1
    assert said == 1  # the removed paragraph: its page says so


def test_older_pages_name_the_latest_and_link_the_same_page(pair_site):
    older = (pair_site / SLUG / FIRST / "chp_5.html").read_text(encoding="utf-8")
    assert '现行为<a id="edition-latest" href="../chp_5.html">2024年5月29日调整版</a>' in older
    assert f'<li data-id="{REMOVED}" data-url=""></li>' in older
    latest = (pair_site / SLUG / "chp_5.html").read_text(encoding="utf-8")
    assert "本页为现行的2024年5月29日调整版" in latest
    assert (pair_site / SLUG / LATER / "chp_5.html").is_file()
    assert not (pair_site / SLUG / FIRST / "search.html").exists()


def test_citations_name_the_edition(pair_site):
    latest = (pair_site / SLUG / "chp_5.html").read_text(encoding="utf-8")
    assert ('data-cite="《朔州市“十四五”教育改革与发展规划》（2024年5月29日调整版）（朔政发〔2022〕34号）'
            '第五章第三节 全面提高义务教育质量') in latest
    older = (pair_site / SLUG / FIRST / "chp_5.html").read_text(encoding="utf-8")
    assert "《朔州市“十四五”教育改革与发展规划》（2022年9月6日版）（朔政发〔2022〕34号）第五章第二节 全面提高义务教育质量" in older
    # the paragraph after the removed one keeps its id (…para_3) and is cited as the 2nd it now is
    assert re.search(r'href="#chp_5__sec_1__item_2__para_3" title="引用：[^"]*'
                     r'第五章第一节 实现学前教育普及普惠安全优质发展 二、有效提高幼儿园保教质量 第2段，印刷版第33页起">第2段<', latest)


def test_the_plan_export_is_the_latest_and_search_covers_it(pair_site):
    plan = data(pair_site, f"{SLUG}.json")["plan"]
    assert (plan["date"], plan["source"]) == (LATER, "plan-2024.txt")
    assert plan["edition"] == {"date": LATER, "label": "2024年5月29日调整版", "latest": True, "note": "中期评估调整"}
    assert data(pair_site, f"{SLUG}.{FIRST}.json")["plan"]["edition"]["latest"] is False
    script = (pair_site / "search" / f"plan-{SLUG}.js").read_text(encoding="utf-8")
    assert INSERTED_TITLE in script and REMOVED_PARAGRAPH_START not in script


def test_the_earlier_edition_is_searched_through_its_own_data(pair_site):
    script = (pair_site / "search" / f"plan-{SLUG}.{FIRST}.js").read_text(encoding="utf-8")
    assert REMOVED_PARAGRAPH_START in script and INSERTED_TITLE not in script
    pages = json.loads(script.removeprefix("window.PLAN_SEARCH_DATA = ").rstrip().removesuffix(";"))["pages"]
    assert pages and all(p.startswith(f"{SLUG}/{FIRST}/") for p in pages)
    # the latest's point-in-time pages are the plan's own: its search data is the plan's
    assert not (pair_site / "search" / f"plan-{SLUG}.{LATER}.js").exists()


def test_the_search_page_offers_the_edition_filter(pair_site):
    html = (pair_site / SLUG / "search.html").read_text(encoding="utf-8")
    assert ('<select id="search-ed" name="ed">'
            f'<option value="" data-script="search/plan-{SLUG}.js">2024年5月29日调整版（现行）</option>'
            f'<option value="{FIRST}" data-script="search/plan-{SLUG}.{FIRST}.js" data-chapters="{FIRST_CHAPTERS}">'
            '2022年9月6日版</option></select>') in html


# the seed's chapters as its 2022 edition prints them (plan.txt, 第一章 … 第十二章; no 附件): the chapter
# filter's list under ed=2022-09-06, one a line
FIRST_CHAPTERS = "\n".join([
    "第一章 “十三五”改革发展成效", "第二章 “十四五”面临的形势", "第三章 总体思路", "第四章 全面落实立德树人根本任务",
    "第五章 全面推动基础教育高质量发展", "第六章 推动特殊教育公平融合发展", "第七章 高质量发展高等教育和职业教育",
    "第八章 构建全民终身学习教育体系", "第九章 提升教师队伍建设质量", "第十章 提高教育信息化水平",
    "第十一章 深化教育综合改革", "第十二章 完善实施保障机制"])


def test_the_change_page_lists_the_changes_with_marks(pair_site):
    html = (pair_site / SLUG / "changes.html").read_text(encoding="utf-8")
    assert html.count('class="change change-') == len(EXPECTED_CLAUSES)
    assert "<del>95%</del><ins>90%</ins>" in html and "<del>11</del><ins>12</ins>" in html
    assert '<span class="renumbered">第二节 → 第三节</span>' in html
    assert f'href="{LATER}/chp_3.html#chp_3__sec_3__para_2"' in html
    assert f'href="{FIRST}/chp_3.html#chp_3__sec_3__para_2"' in html
    overview = (pair_site / SLUG / "index.html").read_text(encoding="utf-8")
    assert '<li><a href="changes.html">各版本修订对照</a></li>' in overview


@pytest.mark.parametrize("before, after, changed", [
    # a figure: the word 90, not the digit 0 (95 → 90 share their 9)
    ("普惠率达到95以上", "普惠率达到90以上", [["-", "95"], ["+", "90"]]),
    # a word replaced inside a clause: 建成 → 建设, both whole words
    ("建成一批品牌职教园区", "建设一批品牌职教园区", [["-", "建成"], ["+", "建设"]]),
    # words only added
    ("推动幼儿园和小学衔接", "推动幼儿园和小学科学衔接", [["+", "科学"]]),
])
def test_marks_are_whole_words_of_the_segmenter(segmenter, before, after, changed):
    from generator.render.editions import marks

    found = marks(before, after, segmenter.cut)
    assert [m for m in found if m[0] != "="] == changed
    assert "".join(t for op, t in found if op != "+") == before
    assert "".join(t for op, t in found if op != "-") == after


def _aligned(tmp_path, texts: list[tuple[str, str]]):
    """The editions of a seed folder holding ``texts`` ((date, text), oldest first), read,
    parsed and aligned (phases.read → parse → align)."""
    folder = tmp_path / "content" / SLUG
    folder.mkdir(parents=True)
    for day, text in texts:
        (folder / f"plan-{day}.txt").write_text(text, encoding="utf-8")
    (folder / "plan.yml").write_text(edition_meta([(day, f"plan-{day}.txt", "版") for day, _ in texts]),
                                     encoding="utf-8")
    report = Report()
    read = phases.read(folder, folder.parent, report)
    editions = phases.align(phases.parse(read, report), report)
    assert not report.errors
    return editions


def test_three_editions_keep_the_first_ids_through_both_steps(tmp_path):
    seed = (SEED_DIR / "plan.txt").read_text(encoding="utf-8")
    second = later_text(seed)
    third = second.replace("| | 普惠率 (%) | 约束性 | 75 | 90 |", "| | 普惠率 (%) | 约束性 | 75 | 92 |")
    third = third.replace("\n第五节 支持和规范全社会参与服务学校主阵地建设\n",
                          "\n第五节 支持和规范全社会参与服务学校主阵地建设\n\n新增一段：建立校外服务资源清单制度。\n")
    editions = _aligned(tmp_path, [(FIRST, seed), (LATER, second), ("2025-03-01", third)])
    first, middle, last = ({n.id: n for n in e.plan.nodes} for e in editions)
    assert set(first) - set(last) == {REMOVED}
    assert set(middle) - set(last) == set()
    # the new paragraph before 第五节's 一、: under the section's kept id, and no edition used that id before
    # (第四节 of 2022 opened with its points); an id used before gets the date: tested by INSERTED
    assert set(last) - set(middle) == {"chp_5__sec_4__para_1"}
    assert last["chp_5__sec_4"].number == "第五节" and first["chp_5__sec_4"].number == "第四节"
    assert last[INSERTED].title == INSERTED_TITLE
    assert (first["ind_2"].target, middle["ind_2"].target, last["ind_2"].target) == (88, 90, 92)


def test_three_editions_change_data_has_two_steps(tmp_path, segmenter):
    seed = (SEED_DIR / "plan.txt").read_text(encoding="utf-8")
    from generator.paginate.pages import paginate
    from generator.editions.place import edition_places
    from generator.render.editions import changes_data

    texts = [(FIRST, seed), (LATER, later_text(seed)),
             ("2025-03-01", later_text(seed).replace("| | 普惠率 (%) | 约束性 | 75 | 90 |", "| | 普惠率 (%) | 约束性 | 75 | 92 |"))]
    editions = _aligned(tmp_path, texts)
    places = edition_places(editions[-1].read.source)
    pages = [paginate(e.plan, segmenter, place) for e, place in zip(editions, places)]
    steps = changes_data(pages, segmenter.cut)["changes"]
    assert [(s["from"], s["to"]) for s in steps] == [(FIRST, LATER), (LATER, "2025-03-01")]
    assert {(c["change"], c["id"]) for c in steps[0]["clauses"]} == EXPECTED_CLAUSES
    assert steps[1]["clauses"] == []
    assert [(f["name"], f["before"], f["after"]) for f in steps[1]["figures"]] == [("普惠率", 90, 92)]
    assert [p.label for p in places] == ["2022年9月6日版", "2024年5月29日调整版", "2025年3月1日调整版",
                                         "2025年3月1日调整版"]


def test_a_plan_without_editions_has_no_edition_pages(tmp_path):
    text = (SEED_DIR / "plan.txt").read_text(encoding="utf-8")
    content = make_content(tmp_path, text, META, slug=SLUG)
    out = tmp_path / "_site"
    result = run_build(content, out, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert not (out / SLUG / "changes.html").exists()
    assert not (out / "data" / f"{SLUG}-changes.json").exists()
    assert sorted(p.name for p in (out / SLUG).iterdir() if p.is_dir()) == []
    assert "edition" not in (out / SLUG / "chp_5.html").read_text(encoding="utf-8")
    assert "edition" not in data(out, f"{SLUG}.json")["plan"]
    assert 'id="search-ed"' not in (out / SLUG / "search.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (out / "search").glob(f"plan-{SLUG}*.js")) == [f"plan-{SLUG}.js"]


EDITIONS_META = edition_meta([(FIRST, "plan.txt", "印发")])


@pytest.mark.parametrize("meta, line, code, words", [
    (EDITIONS_META + "date: 2022-09-06\n", 8, "meta-edition", "'date' is given both here and in 'editions'"),
    (edition_meta([(FIRST, "plan.txt", "印发"), (FIRST, "plan.txt", "再版")]), 8, "meta-edition",
     "two editions dated 2022-09-06 (the other on line 7)"),
    (edition_meta([(FIRST, "plan.txt", "印发"), (LATER, "missing.txt", "调整")]), 8, "source-missing",
     "source file 'missing.txt' does not exist"),
    (EDITIONS_META.replace("note: 印发", "notes: 印发"), 7, "meta-unknown-key", "unknown key 'notes'"),
    (EDITIONS_META.replace("2022-09-06", "2022-02-30"), 7, "meta-bad-value", ""),
    (META.replace("source: plan.txt\n", ""), 1, "meta-missing-key", "missing required key 'source'"),
])
def test_bad_editions_are_file_line_errors(tmp_path, meta, line, code, words):
    content = make_content(tmp_path, (SEED_DIR / "plan.txt").read_text(encoding="utf-8"), meta)
    out = tmp_path / "_site"
    result = run_build(content, out, "--no-cache")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    where = f"{content / 'plan' / 'plan.yml'}:{line}: error: "
    assert any(l.startswith(where) and l.endswith(f"[{code}]") and words in l
               for l in (result.stdout + result.stderr).splitlines()), result.stdout + result.stderr
    assert not out.exists()


def test_the_edition_pages_are_valid_html(pair_site):
    import shutil
    import subprocess

    from conftest import ROOT

    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test-deps`")
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    pages = [pair_site / SLUG / "changes.html", pair_site / SLUG / "chp_5.html", pair_site / SLUG / FIRST / "chp_5.html",
             pair_site / SLUG / LATER / "index.html"]
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--format", "gnu", *map(str, pages)],
                            capture_output=True, text=True, timeout=300)
    assert (result.stdout + result.stderr).strip() == "" and result.returncode == 0


def test_the_lines_of_an_aligned_edition_name_its_kept_ids(tmp_path):
    """A diagnostic finds its node by line (``Plan.node_at_line``): after the align step the
    later edition's lines lead to its nodes under their kept ids."""
    seed = (SEED_DIR / "plan.txt").read_text(encoding="utf-8")
    later = later_text(seed)
    plan = _aligned(tmp_path, [(FIRST, seed), (LATER, later)])[-1].plan
    line = later.splitlines().index("第三节 全面提高义务教育质量") + 1
    assert plan.node_at_line(line).id == "chp_5__sec_2"
    assert plan.node_at_line(line) is plan.index()["chp_5__sec_2"]


def test_links_yml_speaks_of_the_latest_unless_an_entry_names_an_edition(tmp_path, segmenter):
    seed = (SEED_DIR / "plan.txt").read_text(encoding="utf-8")
    first, latest = _aligned(tmp_path, [(FIRST, seed), (LATER, later_text(seed))])
    (tmp_path / "content" / SLUG / "links.yml").write_text(
        "add:\n"
        "  - {from: box_3__proj_3, to: chp_7__sec_3__item_2__para_2, why: 每版都有}\n"
        f"  - {{from: box_3__proj_3, to: {REMOVED}, why: 只在2022年版, edition: {FIRST}}}\n", encoding="utf-8")

    def editor_links(parsed, is_latest):
        report = Report()
        linked = phases.link(phases.check(parsed, report, segmenter, reviewed=False), report, segmenter,
                             overrides=is_latest)
        assert not report.errors, [str(d) for d in report.errors]
        return sorted(l.target for l in linked.plan.links if l.origin == "editor")

    assert editor_links(first, False) == [REMOVED]
    assert editor_links(latest, True) == ["chp_7__sec_3__item_2__para_2"]


def test_the_sitemap_holds_the_change_page_and_every_edition(tmp_path, segmenter):
    make_pair(tmp_path / "content")
    (tmp_path / "content" / "site.yml").write_text("site_url: https://example.org/plans/\n", encoding="utf-8")
    assert build(tmp_path / "content", tmp_path / "_site", segmenter=segmenter).written
    sitemap = (tmp_path / "_site" / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("changes.html", "chp_5.html", f"{FIRST}/chp_5.html", f"{LATER}/chp_5.html", f"{FIRST}/indicators.html"):
        assert f"<loc>https://example.org/plans/{SLUG}/{path}</loc>" in sitemap, path
    assert f"{FIRST}/search.html" not in sitemap


def test_keep_going_keeps_a_failed_plans_editions(tmp_path, segmenter):
    """A plan with editions failing under --keep-going keeps its point-in-time pages, its
    editions' exports and search data and its changes of the previous site."""
    content, out = tmp_path / "content", tmp_path / "_site"
    folder = make_pair(content)
    shutil.copytree(SEED_DIR, content / "other")
    assert build(content, out, segmenter=segmenter).written
    kept = [f"data/{SLUG}.{FIRST}.json", f"data/{SLUG}.{LATER}.json", f"data/{SLUG}-changes.json",
            f"{SLUG}/{FIRST}/chp_5.html", f"{SLUG}/changes.html", f"search/plan-{SLUG}.{FIRST}.js"]
    before = {path: (out / path).read_bytes() for path in kept}
    latest = folder / "plan-2024.txt"
    latest.write_text(latest.read_text(encoding="utf-8").rstrip()[:-1], encoding="utf-8")  # ends mid-sentence
    result = build(content, out, segmenter=segmenter, keep_going=True)
    assert result.written and result.failed == [SLUG] and result.kept == [SLUG]
    assert {path: (out / path).read_bytes() for path in kept} == before
