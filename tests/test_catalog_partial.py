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


def test_focus_goes_to_the_first_result_listed_when_the_more_button_goes(apart_site, browser):
    """A keyboard reader presses 显示更多结果 (Enter); the button is gone once the last four
    clauses are listed (the list made anew in its order), and focus is on the first of them,
    not on the page's body."""
    from urllib.parse import quote

    from browser import serve

    server, base = serve(apart_site)
    try:
        page = browser.new_page()
        page.goto(f"{base}search.html?q={quote('书法场馆')}")
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        links = "Array.from(document.querySelectorAll('#search-results > li a[data-n]')).map(a => a.href)"
        before = set(page.evaluate(links))
        page.locator("#search-more").focus()
        page.keyboard.press("Enter")
        page.locator("#search-results > li").nth(19).wait_for()
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-more").is_hidden()
        first_new = next(href for href in page.evaluate(links) if href not in before)
        assert page.evaluate("document.activeElement.href") == first_new
        page.close()
    finally:
        server.shutdown()


def _far_plan() -> str:
    """Ten chapters: the first nine as in ``_apart_plan`` but short clauses saying 书法 or 场馆
    three times (high lunr scores), the tenth one long clause saying 书法场馆 once (a low one):
    the tenth is the last chapter fetched, after eight that hold no result."""
    lines = ["某市“十四五”教育改革与发展规划", ""]
    for n, numeral in enumerate(CHAPTERS, 1):
        lines += [f"第{numeral}章 任务{numeral}", ""]
        if n < 10:
            lines += ["书法课、书法社团、书法展览。", "", "场馆建设、场馆开放、场馆共享。", ""]
        else:
            lines += ["落实立德树人根本任务，关心学生成长，推进教育公平，提高教育质量，深化教育改革，加强教师队伍建设，"
                      "统筹城乡教育发展，建设一批书法场馆，完善教育督导评估制度，营造良好教育生态。", ""]
    return "\n".join(lines)


def _spread_plan(holding: tuple[int, ...]) -> str:
    """Fourteen chapters, each holding the characters of 外来务工子女 but 外 (none can hold the
    query whole), one a clause, so no clause holds two of them (none is a partial match, and
    every chapter holds as much of the query: they are fetched in their order); the chapters
    ``holding`` say as well 务工人员子女, a partial match."""
    names = list(CHAPTERS) + ["十一", "十二", "十三", "十四"]
    lines = ["某市“十四五”教育改革与发展规划", ""]
    for n, numeral in enumerate(names, 1):
        lines += [f"第{numeral}章 主要举措{numeral}", ""]
        for clause in ("展望未来发展。", "完成服务保障。", "做好宣传工作。", "关心孩子成长。", "保障妇女权益。"):
            lines += [clause, ""]
        if n in holding:
            lines += ["保障进城务工人员子女平等接受义务教育。", ""]
    return "\n".join(lines)


def _build(tmp_path_factory, segmenter, name: str, text: str):
    from generator.build import build

    root = tmp_path_factory.mktemp(name)
    out = root / "site"
    result = build(make_content(root, text, META.replace("朔州市“十四五”", "某市“十四五”")), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    return out


def _searched(page, base, query):
    from urllib.parse import quote

    page.goto(f"{base}search.html?q={quote(query)}")
    page.locator("#search-results[aria-busy=false]").wait_for(state="attached")


def test_a_result_found_later_keeps_the_partial_matches_behind_their_button(tmp_path_factory, segmenter, browser):
    """书法场馆: the first fetch lists the sixteen partial matches of chapters 1-8; 显示更多结果
    fetches chapters 9 and 10 and finds the tenth's clause: the list starts anew with it, and
    the eighteen partial matches (two a chapter in 1-9) wait behind their button, as on the
    plan's own page (they were gone, the button hidden)."""
    from browser import serve

    server, base = serve(_build(tmp_path_factory, segmenter, "catalog-far", _far_plan()))
    try:
        page = browser.new_page()
        _searched(page, base, "书法场馆")
        assert page.locator("#search-status").inner_text() == \
            "已查的章节中没有条款包含全部词语；先列出 16 条包含其中一部分（还有 2 章可能含有结果，见页末）"
        page.locator("#search-more").click()
        page.locator("#search-status", has_text="找到").wait_for()
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-status").inner_text() == "找到 1 条"
        links = page.locator("#search-results > li a.result-title")
        assert links.count() == 1 and links.first.get_attribute("href").endswith("#chp_10__para_1")
        assert page.locator("#search-partial-toggle").is_visible()
        assert page.locator("#search-partial-toggle").inner_text() == "另有 18 条只含部分词语，显示"
        page.locator("#search-partial-toggle").click()
        assert page.locator("#search-partial-results > li").count() == 18
        page.close()
    finally:
        server.shutdown()


def test_chapters_bringing_no_partial_match_are_fetched_past(tmp_path_factory, segmenter, browser):
    """外来务工子女 where only the fourteenth chapter holds a partial match: the first six
    chapters fetched bring none, and the page fetches on to it instead of saying nothing was
    found (the plan's own page lists it); where the first and the fourteenth hold one, one
    press of 显示更多结果 lists the fourteenth's, past six chapters bringing none (a press
    changed nothing, the button still offered)."""
    from browser import serve

    last_only = _build(tmp_path_factory, segmenter, "catalog-spread-last", _spread_plan((14,)))
    both = _build(tmp_path_factory, segmenter, "catalog-spread-both", _spread_plan((1, 14)))
    server, base = serve(last_only.parent)  # the site at a sub-path
    try:
        page = browser.new_page()
        _searched(page, f"{base}site/", "外来务工子女")
        assert page.locator("#search-status").inner_text() == "没有条款包含全部词语；以下 1 条包含其中一部分"
        links = page.locator("#search-results > li a.result-title")
        assert links.count() == 1 and links.first.get_attribute("href").endswith("#chp_14__para_6")
        assert page.locator("#search-more").is_hidden()
        page.close()
    finally:
        server.shutdown()
    server, base = serve(both)
    try:
        page = browser.new_page()
        _searched(page, base, "外来务工子女")
        assert page.locator("#search-status").inner_text() == \
            "没有条款包含全部词语；先列出 1 条包含其中一部分（还有更多，见页末）"
        page.locator("#search-more").click()
        page.locator("#search-results > li").nth(1).wait_for(timeout=10000)
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-status").inner_text() == "没有条款包含全部词语；以下 2 条包含其中一部分"
        hrefs = [a.get_attribute("href").split("#")[1] for a in page.locator("#search-results > li a.result-title").all()]
        assert hrefs == ["chp_1__para_6", "chp_14__para_6"]
        assert page.locator("#search-more").is_hidden()
        page.close()
    finally:
        server.shutdown()


def _better_later_plan() -> str:
    """Ten chapters, each holding every character of 校车安全管理 (each might hold it whole): the
    first nine in short clauses saying 管理 or 安全 three times (a word of the query: a partial
    match that holds less than half of it, high lunr scores), and 校 and 车 apart; the tenth one
    long clause saying 校车安全 once (four of its six characters side by side: a better partial
    match, a low lunr score, so fetched last), 管 and 理 in two other clauses."""
    lines = ["某市“十四五”教育改革与发展规划", ""]
    for n, numeral in enumerate(CHAPTERS, 1):
        lines += [f"第{numeral}章 任务{numeral}", ""]
        if n < 10:
            lines += ["管理制度、管理办法、管理责任。", "", "安全教育、安全检查、安全演练。", "", "校园整洁。", "",
                      "车辆停放。", ""]
        else:
            lines += ["落实立德树人根本任务，关心学生成长，推进教育公平，提高教育质量，深化教育改革，加强教师队伍建设，"
                      "统筹城乡教育发展，保障农村学生校车安全，完善教育督导评估制度。", "", "主管部门。", "", "理顺体制。", ""]
    return "\n".join(lines)


def test_partial_matches_are_listed_anew_in_order_when_a_later_chapter_brings_a_better_one(tmp_path_factory, segmenter,
                                                                                         browser):
    """校车安全管理: the first fetch lists the eight chapters' clauses saying 管理 or 安全 (16);
    显示更多结果 fetches the last two chapters, whose clause saying 校车安全 holds more of the
    query: the list is made anew with it first (not appended 17th), 19 clauses in all, and focus
    goes to it, the first clause not listed before."""
    from urllib.parse import quote

    from browser import serve
    from generator.build import build

    root = tmp_path_factory.mktemp("catalog-better-later")
    out = root / "site"
    result = build(make_content(root, _better_later_plan(), META.replace("朔州市“十四五”", "某市“十四五”")), out,
                   segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    server, base = serve(out)
    try:
        page = browser.new_page()
        page.goto(f"{base}search.html?q={quote('校车安全管理')}")
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-results > li").count() == 16
        page.locator("#search-more").focus()
        page.keyboard.press("Enter")
        page.locator("#search-results > li").nth(18).wait_for()
        page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
        assert page.locator("#search-results > li").count() == 19
        assert page.locator("#search-status").inner_text() == "没有条款包含全部词语；以下 19 条包含其中一部分"
        first = page.locator("#search-results > li a[data-n]").first
        assert first.get_attribute("href").endswith("#chp_10__para_1")
        focused = page.evaluate("document.activeElement === document.querySelector('#search-results > li a[data-n]')")
        assert focused is True
        page.close()
    finally:
        server.shutdown()


SCHOOL_BUS = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    保障农村学生校车安全。

    完善教育督导评估制度。
    """)

WORKSHOP = textwrap.dedent("""\
    某县职业教育发展规划

    第一章 主要任务

    学校教学车间要安排周全。

    推进产教融合。
    """)

LAST_RESORT = """
const {catalogEngine, planEngine} = require(process.argv[1]);
const catalog = catalogEngine(process.argv[2]);
let hits = catalog.searchNow(process.argv[3]);
while (hits.pending || hits.partialPending) {
  catalog.more((h) => { hits = h; });
}
const slugs = catalog.entry.plans.map((p) => p.slug);
process.stdout.write(JSON.stringify({
  catalog: hits.partial.map((h) => slugs[h.doc.plan] + "#" + h.doc.id),
  own: slugs.map((slug) => planEngine(process.argv[2], slug).search(process.argv[3]).partial.map((h) => slug + "#" + h.doc.id)),
}));
"""


def test_a_plans_last_resort_matches_stay_in_the_catalog_beside_another_plans_better_ones(tmp_path_factory, segmenter):
    """校车安全管理 on a catalog of two plans: the first holds 校车安全 side by side (four of its six
    characters: a partial match); the second only 校, 车, 安 and 全 apart (学校教学车间要安排周全),
    which its own page lists as the last resort. The catalog lists both plans' clauses as their
    own pages do (before, the second plan's was dropped because the first held a better one)."""
    from generator.build import build

    root = tmp_path_factory.mktemp("catalog-last-resort")
    content = make_content(root, SCHOOL_BUS, META.replace("朔州市“十四五”", "某市“十四五”"), slug="bus")
    make_content(root, WORKSHOP, META.replace("朔州市“十四五”教育改革与发展规划", "某县职业教育发展规划")
                 .replace("朔政发〔2022〕34号", "某政发〔2022〕5号"), slug="workshop")
    out = root / "site"
    result = build(content, out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    run = subprocess.run(["node", "-e", LAST_RESORT, str(ROOT / "tests/js/site_engines.js"), str(out), "校车安全管理"],
                         capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(run.stdout)
    assert found["own"] == [["bus#chp_1__para_1"], ["workshop#chp_1__para_1"]]
    assert found["catalog"] == ["bus#chp_1__para_1", "workshop#chp_1__para_1"]


def _staged_plan() -> str:
    """Seventeen chapters, each holding 书法 and 场馆 in two clauses (each might hold 书法场馆
    whole, none does): the first eight say 幼儿园 (学前教育) and each word three times (the
    highest lunr scores), the next eight say 中学 and each word twice, the last says 幼儿园 in
    one long clause saying 书法 once (the lowest): under the 学前教育 filter, the second eight
    bring no clause the page may list."""
    names = list(CHAPTERS) + ["十一", "十二", "十三", "十四", "十五", "十六", "十七"]
    lines = ["某市“十四五”教育改革与发展规划", ""]
    for n, numeral in enumerate(names, 1):
        lines += [f"第{numeral}章 任务{numeral}", ""]
        if n <= 8:
            lines += ["幼儿园书法课、书法社团、书法展览。", "", "幼儿园场馆建设、场馆开放、场馆共享。", ""]
        elif n <= 16:
            lines += ["中学书法课、书法社团。", "", "中学场馆建设、场馆开放。", ""]
        else:
            lines += ["落实立德树人根本任务，关心学生成长，推进教育公平，提高教育质量，深化教育改革，加强教师队伍建设，"
                      "统筹城乡教育发展，幼儿园开展书法启蒙，完善教育督导评估制度，营造良好教育生态。", "", "建设场馆。", ""]
    return "\n".join(lines)


STAGED = """
const {catalogEngine} = require(process.argv[1]);
const catalog = catalogEngine(process.argv[2]);
const fetched = () => catalog.read.files.filter((f) => f.startsWith("f/")).length;
let hits = catalog.searchNow(process.argv[3], {stage: "0"});
const first = {partial: hits.partial.length, fetched: fetched()};
catalog.more((h) => { hits = h; });
process.stdout.write(JSON.stringify({first: first, press: {partial: hits.partial.map((h) => h.doc.id), fetched: fetched(),
                                                          pending: hits.pending}}));
"""


def test_a_press_fetches_past_chapters_the_filter_leaves_nothing_in(tmp_path_factory, segmenter):
    """书法场馆 under the 学前教育 filter (stage 0): the first fetch takes the first eight chapters
    and lists their sixteen clauses; a press of 显示更多结果 fetches the next eight, which the
    filter leaves nothing in, and goes on to the seventeenth, listing its clause (before, the
    press stopped after the eight and listed nothing new, the button still offered)."""
    site = _build(tmp_path_factory, segmenter, "catalog-staged", _staged_plan())
    run = subprocess.run(["node", "-e", STAGED, str(ROOT / "tests/js/site_engines.js"), str(site), "书法场馆"],
                         capture_output=True, text=True, timeout=120, check=True)
    found = json.loads(run.stdout)
    assert found["first"] == {"partial": 16, "fetched": 8}
    assert found["press"]["fetched"] == 17 and found["press"]["pending"] == 0
    assert len(found["press"]["partial"]) == 17 and "chp_17__para_1" in found["press"]["partial"]
