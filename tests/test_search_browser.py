"""The search page in headless Chromium: contract, results, filters, robustness."""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest

from browser import serve

DONE = "document.getElementById('search-results').getAttribute('aria-busy') === 'false'"
HOSTILE = [
    "课" * 1000,
    "，。！？、……“”",
    "a:b* ~c^2 +d -e field:title",
    "😀🎉 教育",
    "學生",
    "ＳＴＥＭ",
    "<img src=x onerror=alert(1)>",
    "",
    "   ",
    "\\u0000'\";--",
]




@pytest.fixture(scope="module")
def base(built_site):
    server, root = serve(built_site)
    yield root
    server.shutdown()


@pytest.fixture
def search(browser, base):
    contexts = []
    problems: list[str] = []

    def open_search(query: str, extra: str = ""):
        context = browser.new_context()
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: problems.append(f"error: {error}"))
        page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        page.goto(f"{base}search.html?q={quote(query)}{extra}")
        page.wait_for_function(DONE, timeout=10000)
        return page

    yield open_search
    for context in contexts:
        context.close()
    assert problems == []


def test_static_page_starts_busy(built_site):
    html = (built_site / "search.html").read_text(encoding="utf-8")
    assert '<ol id="search-results" class="search-results" aria-busy="true"' in html


def test_result_links_breadcrumb_and_highlight(search, base):
    page = search("近视防控")
    first = page.locator("#search-results > li").first
    assert first.locator("a[href]").count() == 1
    assert first.locator("a").get_attribute("href") == (
        f"{base}shuozhou-education-14th/chp_4.html#chp_4__sec_4__item_2__para_1")
    assert first.locator(".result-crumbs").inner_text() == "第四章 › 第四节 › 二、开展多种形式体育活动"
    assert first.locator("mark").all_inner_texts()[:2] == ["近视", "防控"]
    first.locator("a").click()
    assert page.locator(":target").get_attribute("id") == "chp_4__sec_4__item_2__para_1"


def test_a_skip_link_leads_past_the_form_to_the_results(search):
    """The first result is three Tab stops and an Enter from the top (the two skip links,
    then the results), not twelve Tab stops (the header's search, the crumbs, every field of
    the form) (WCAG 2.4.1)."""
    page = search("课后服务")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到搜索结果"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "search-status"
    page.keyboard.press("Tab")
    first = page.evaluate("document.querySelector('#search-results a, #search-indicators a').href")
    assert page.evaluate("document.activeElement.href") == first


def test_indicators_show_beside_clauses(search):
    page = search("普惠率")
    assert page.locator("#search-indicators").is_visible()
    assert page.locator("#search-indicators a").first.inner_text() == "普惠率"
    # three clauses say 普惠率: its indicator row, 第三章第三节 (到2025年…普惠率达到95%以上), 第五章第一节 一、
    assert page.locator("#search-results > li").count() == 3


def test_filters_by_stage_and_chapter_and_share_the_url(search):
    page = search("教师")
    everything = page.locator("#search-results > li").count()
    assert everything == 20  # the first page of results
    page.select_option("#search-st", label="特殊教育")
    page.locator("#search-results[aria-busy=false]").wait_for(state="attached")  # no eval under the CSP
    assert "st=special" in page.url and "q=%E6%95%99%E5%B8%88" in page.url
    special = page.locator("#search-status").inner_text()
    # the catalog fetches a few chapters at a time: it says when more may hold results
    assert special.startswith(("找到 ", "先列出 "))
    page.select_option("#search-ch", label="第六章 推动特殊教育公平融合发展")
    page.locator("#search-results[aria-busy=false]").wait_for(state="attached")  # no eval under the CSP
    hrefs = page.locator("#search-results a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all("/chp_6.html#" in h for h in hrefs)


def test_a_stage_is_named_in_links_and_old_numbered_links_still_work(search):
    """st=special names 特殊教育; st=5 (its place among the education genre's stages before they
    were named: preschool, compulsory, high-school, vocational, higher, special) means the same."""
    named = search("教师", "&st=special")
    assert named.input_value("#search-st") == "special"
    old = search("教师", "&st=5")
    assert old.input_value("#search-st") == "special"
    assert old.locator("#search-status").inner_text() == named.locator("#search-status").inner_text()


def test_typing_updates_results_and_url(search):
    page = search("")
    page.fill("#search-q", "随班就读")
    page.locator("#search-results > li").first.wait_for()  # the catalog loads its parts first (a locator: no eval under the CSP)
    assert "q=%E9%9A%8F%E7%8F%AD%E5%B0%B1%E8%AF%BB" in page.url
    assert "随班就读" in page.locator("#search-results > li").first.inner_text()


def test_no_results_explain_themselves(search):
    page = search("彩票")
    help_text = page.locator("#search-help").inner_text()
    assert "没有找到包含“彩票”的条款" in help_text
    assert "按词查找" not in help_text
    assert page.locator("#search-help a").all_inner_texts() == ["丰富多彩", "多彩"]


def test_no_results_page_shows_no_internal_tokens(search):
    page = search("qwe r")
    help_text = page.locator("#search-help").inner_text()
    assert "没有找到包含“qwe r”的条款" in help_text
    assert "qw" not in help_text.replace("qwe r", "") and " / " not in help_text
    assert page.locator("#search-help a").count() == 0


def test_partial_matches_wait_behind_a_button(search):
    page = search("课后服务")
    assert page.locator("#search-status").inner_text() == "找到 6 条"
    assert page.locator("#search-results > li").count() == 6
    toggle = page.locator("#search-partial-toggle")
    # the catalog fetches the chapters holding only some words when asked, the six holding the most of
    # the query (static/search-catalog.js PARTIAL): their count comes then, "at least" while more are left
    assert toggle.inner_text() == "另有只含部分词语的条款，显示"
    assert not page.locator("#search-partial-results").is_visible()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator("#search-partial-results[aria-busy=false]").wait_for(state="attached")
    shown = re.fullmatch(r"另有(?:至少)? (\d+) 条只含部分词语，显示", toggle.inner_text())
    assert shown, toggle.inner_text()
    # the list shows the first 50 of them (static/search.js)
    assert page.locator("#search-partial-results > li").count() == min(50, int(shown.group(1)))
    assert page.locator("#search-results > li").count() == 6


def test_indicator_rows_are_results(search):
    page = search("本科在校生人数")
    first = page.locator("#search-results > li").first
    assert first.locator("a").inner_text() == "指标：在校生规模"
    assert first.locator("a").get_attribute("href").endswith("indicators.html#ind_27")


@pytest.mark.parametrize("query", HOSTILE, ids=[f"q{n}" for n in range(len(HOSTILE))])
def test_hostile_queries_neither_throw_nor_execute(search, query):
    page = search(query)
    assert page.locator("#search-results img, #search-help img").count() == 0
    results = page.locator("#search-results > li").count()
    help_shown = page.locator("#search-help").is_visible()
    assert results > 0 or help_shown
    assert page.evaluate("typeof window.__xss") == "undefined"


def test_traditional_and_full_width_queries_find_simplified_text(search):
    page = search("學生營養餐")
    assert "营养餐计划全覆盖" in page.locator("#search-results > li").first.inner_text()
    page = search("ＳＴＥＭ課程")
    assert "STEM课程" in page.locator("#search-results > li").first.inner_text()


def test_search_works_from_a_file_url(browser, built_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((built_site / "search.html").as_uri() + "?q=" + quote("双师型"))
    page.wait_for_function(DONE, timeout=10000)
    assert page.locator("#search-results > li").count() == 5  # 4 clauses and the 占比 row
    context.close()
