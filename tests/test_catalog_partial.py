"""A query no clause holds whole, in a catalog: the catalog fetches the chapters that can hold
some of it a few at a time, those holding the most of the query first (the rarest pairs of
its characters weighing most), not every chapter holding one pair of its characters (issue 19:
at a hundred plans 外来务工子女 fetched 1,106 chapters, 5.9 MB gzip); and the chapters that might
hold the whole query, none of which does, eight at a time. The engine runs in Node as
the catalog page runs it (tests/js/site_engines.js); the chapters and clauses expected are read
off the plan below."""
from __future__ import annotations

import json
import subprocess
import textwrap

import pytest

from conftest import META, ROOT, make_content

CHAPTERS = "一二三四五六七八九十"
FILLER = "落实立德树人根本任务，关心学生子女成长。"


def _plan() -> str:
    """Ten chapters, each a fragment of the catalog: every one says 子女 (in 学生子女); the
    eighth alone says 务工人员子女 as well (务工 and 子女, two pairs of 外来务工子女)."""
    lines = ["某市“十四五”教育改革与发展规划", ""]
    for n, numeral in enumerate(CHAPTERS, 1):
        lines += [f"第{numeral}章 任务{numeral}", "", FILLER, ""]
        if n == 8:
            lines += ["保障进城务工人员子女平等接受义务教育。", ""]
    return "\n".join(lines)


SCRIPT = """
const {catalogEngine} = require(process.argv[1]);
const catalog = catalogEngine(process.argv[2]);
const first = catalog.searchNow(process.argv[3]);
const fetched = catalog.read.files.filter((f) => f.startsWith("f/")).length;
let all = first;
while (all.partialPending) {
  catalog.morePartial((h) => { all = h; });
}
process.stdout.write(JSON.stringify({
  first: first.partial.map((h) => h.doc.id), pending: first.partialPending, fetched: fetched,
  all: all.partial.map((h) => h.doc.id),
  fetchedAll: catalog.read.files.filter((f) => f.startsWith("f/")).length,
}));
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("catalog-partial")
    out = root / "site"
    result = build(make_content(root, _plan(), META.replace("朔州市“十四五”", "某市“十四五”")), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    return out


@pytest.fixture(scope="module")
def searched(site):
    run = subprocess.run(["node", "-e", SCRIPT, str(ROOT / "tests/js/site_engines.js"), str(site), "外来务工子女"],
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(run.stdout)


def test_the_first_fetch_takes_a_few_chapters_holding_the_most_of_the_query(searched):
    """No clause holds 外来务工子女 whole: the first fetch loads six of the ten chapters, the
    eighth (务工 and 子女) among them, and its clause is listed first."""
    assert searched["pending"] is True
    assert searched["fetched"] == 6
    assert searched["first"][0] == "chp_8__para_2"


def test_the_rest_comes_when_asked_and_the_list_is_then_complete(searched):
    """Fetching on (the page's 显示更多结果) loads the other four: every chapter's clause saying
    子女 is then listed, the eighth chapter's first."""
    assert searched["fetchedAll"] == 10
    assert searched["all"][0] == "chp_8__para_2"
    assert sorted(searched["all"]) == sorted([f"chp_{n}__para_1" for n in range(1, 11)] + ["chp_8__para_2"])


def test_the_page_says_more_are_left_and_lists_them_when_asked(site, browser):
    """On the catalog's search page: the status says the first six are listed and more are
    left; 显示更多结果 is offered and, pressed, lists all eleven clauses."""
    from urllib.parse import quote

    from browser import serve

    server, base = serve(site)
    try:
        page = browser.new_page()
        page.goto(f"{base}search.html?q={quote('外来务工子女')}")
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-status").inner_text() == "没有条款包含全部词语；先列出 7 条包含其中一部分（还有更多，见页末）"
        assert page.locator("#search-results > li").count() == 7
        page.locator("#search-more").click()
        page.locator("#search-results > li").nth(10).wait_for()
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-results > li").count() == 11
        assert page.locator("#search-status").inner_text() == "没有条款包含全部词语；以下 11 条包含其中一部分"
        assert page.locator("#search-more").is_hidden()
        page.close()
    finally:
        server.shutdown()


def _apart_plan() -> str:
    """Ten chapters each saying 书法 in one clause and 场馆 in another: every chapter may hold
    书法场馆 (it holds every pair of its characters), none of its clauses does."""
    lines = ["某市“十四五”教育改革与发展规划", ""]
    for numeral in CHAPTERS:
        lines += [f"第{numeral}章 任务{numeral}", "", "鼓励学校开设书法课程。", "", "建设一批艺术场馆。", ""]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def apart_site(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("catalog-apart")
    out = root / "site"
    result = build(make_content(root, _apart_plan(), META.replace("朔州市“十四五”", "某市“十四五”")), out,
                   segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    return out


def test_chapters_that_might_hold_the_query_are_fetched_six_at_a_time_when_none_does(apart_site):
    """书法场馆: all ten chapters might hold it; the first fetch stops after eight that hold no
    result (static/search-catalog.js UNFOUND), listing their clauses holding 书法 or 场馆 (two a
    chapter) with two chapters left."""
    run = subprocess.run(["node", "-e", SCRIPT.replace("all.partialPending", "all.pending || all.partialPending")
                          .replace("catalog.morePartial((h)", "catalog.more((h)"),
                          str(ROOT / "tests/js/site_engines.js"), str(apart_site), "书法场馆"],
                         capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(run.stdout)
    assert found["fetched"] == 8 and len(found["first"]) == 16
    assert found["fetchedAll"] == 10 and len(found["all"]) == 20


def test_the_page_says_which_chapters_are_left_when_none_of_those_fetched_holds_the_query(apart_site, browser):
    from urllib.parse import quote

    from browser import serve

    server, base = serve(apart_site)
    try:
        page = browser.new_page()
        page.goto(f"{base}search.html?q={quote('书法场馆')}")
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-status").inner_text() == \
            "已查的章节中没有条款包含全部词语；先列出 16 条包含其中一部分（还有 2 章可能含有结果，见页末）"
        assert page.locator("#search-results > li").count() == 16
        page.locator("#search-more").click()
        page.locator("#search-results > li").nth(19).wait_for()
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-status").inner_text() == "没有条款包含全部词语；以下 20 条包含其中一部分"
        assert page.locator("#search-more").is_hidden()
        page.close()
    finally:
        server.shutdown()
