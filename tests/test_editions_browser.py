"""A plan with editions in headless Chromium (the seed pair of tests/editions_pair.py): the
change page, the older edition's notice following the clause in the address, and
point-in-time links landing on the clause as each edition numbers it."""
from __future__ import annotations

import pytest

from editions_pair import FIRST, LATER, make_pair

SLUG = "shuozhou-education-14th"
REMOVED = "chp_5__sec_1__item_2__para_2"

# A second plan whose later edition renames its 第二章 and adds a 第三章: the search page's
# chapter filter under ed= lists the chapters of the edition searched.
RENAMED = "renamed-chapters"
RENAMED_EDITIONS = {
    "2021-03-01": "测试规划\n\n第一章 总体要求\n\n坚持教育优先发展。\n\n第二章 主要任务\n\n推进学前教育普及普惠发展。\n",
    "2023-03-01": ("测试规划\n\n第一章 总体要求\n\n坚持教育优先发展。\n\n第二章 重点任务\n\n推进学前教育普及普惠发展。\n\n"
                   "第三章 保障措施\n\n加强学前教育经费保障。\n"),
}


def make_renamed(folder):
    folder.mkdir()
    listed = ""
    for day, text in RENAMED_EDITIONS.items():
        (folder / f"plan-{day}.txt").write_text(text, encoding="utf-8")
        listed += f"  - {{date: {day}, source: plan-{day}.txt}}\n"
    (folder / "plan.yml").write_text("title: 测试规划\nissuer: 测试市人民政府\ndoc_number: 测试〔2021〕1号\ngenre: education\neditions:\n" + listed,
                                     encoding="utf-8")


@pytest.fixture(scope="module")
def pair_base(tmp_path_factory, segmenter):
    from browser import serve
    from generator.build import build

    root = tmp_path_factory.mktemp("editions-browser")
    make_pair(root / "content")
    make_renamed(root / "content" / RENAMED)
    assert build(root / "content", root / "_site", segmenter=segmenter).written
    server, base = serve(root)
    yield base + "_site/"
    server.shutdown()


@pytest.fixture
def open_page(browser, pair_base):
    contexts = []

    def opened(path: str):
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        contexts.append(context)
        page = context.new_page()
        page.goto(pair_base + path)
        return page

    yield opened
    for context in contexts:
        context.close()


def _result_links(page) -> list[str]:
    page.locator("#search-results[aria-busy=false]").wait_for(state="attached")  # no eval under the CSP
    return page.locator("#search-results > li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_the_edition_filter_searches_the_earlier_edition(open_page, pair_base):
    # 完善学前教育教研指导体系。 is the paragraph the 2024 edition removed (editions_pair.py)
    page = open_page(f"{SLUG}/search.html?q=完善学前教育教研指导体系&ed={FIRST}")
    links = _result_links(page)
    assert any(link.endswith(f"/{SLUG}/{FIRST}/chp_5.html#{REMOVED}") for link in links)
    assert all(f"/{SLUG}/{FIRST}/" in link for link in links)
    with page.expect_navigation():  # the latest: the page reloads without ed=
        page.select_option("#search-ed", "")
    assert "ed=" not in page.url and "q=" in page.url
    links = _result_links(page)
    assert links
    assert not any(link.endswith(f"#{REMOVED}") for link in links)
    assert not any(f"/{SLUG}/{FIRST}/" in link for link in links)


def test_change_page_marks_words_and_links_both_editions(open_page, pair_base):
    page = open_page(f"{SLUG}/changes.html")
    assert page.locator("li.change").count() == 7
    assert page.locator("li.change-moved").count() == 3
    changed = page.locator('li[data-id="chp_3__sec_3__para_2"]')
    assert changed.locator("del").all_inner_texts() == ["95%"] and changed.locator("ins").all_inner_texts() == ["90%"]
    assert page.locator("table.figure-changes tbody tr").count() == 4
    changed.locator("a.before").click()
    assert page.url == pair_base + f"{SLUG}/{FIRST}/chp_3.html#chp_3__sec_3__para_2"
    assert "普惠率达到95%以上" in page.locator(":target").inner_text()
    page.go_back()
    page.locator('li[data-id="chp_3__sec_3__para_2"] a.after').click()
    assert page.url == pair_base + f"{SLUG}/{LATER}/chp_3.html#chp_3__sec_3__para_2"
    assert "普惠率达到90%以上" in page.locator(":target").inner_text()


def test_point_in_time_links_land_on_the_clause_as_each_edition_numbers_it(open_page):
    older = open_page(f"{SLUG}/{FIRST}/chp_5.html#chp_5__sec_2")
    assert older.locator(":target").inner_text().startswith("第二节 全面提高义务教育质量")
    latest = open_page(f"{SLUG}/chp_5.html#chp_5__sec_2")  # the 2022 permalink of the same 节
    assert latest.locator(":target").inner_text().startswith("第三节 全面提高义务教育质量")
    assert latest.locator("#edition-moved").is_hidden()


def test_older_notice_links_the_same_clause_in_the_latest(open_page, pair_base):
    page = open_page(f"{SLUG}/{FIRST}/chp_5.html#chp_5__sec_2")
    notice = page.locator("#edition-notice")
    assert "本页为2022年9月6日版，不是现行版本" in notice.inner_text()
    page.locator("#edition-latest").click()
    assert page.url == pair_base + f"{SLUG}/chp_5.html#chp_5__sec_2"
    assert page.locator(":target").inner_text().startswith("第三节")


def test_a_removed_clause_says_so_in_both_editions(open_page):
    older = open_page(f"{SLUG}/{FIRST}/chp_5.html#{REMOVED}")
    assert older.locator("#edition-moved").inner_text() == "该链接所指条款在2024年5月29日调整版中已删除。"
    latest = open_page(f"{SLUG}/chp_5.html#{REMOVED}")
    assert latest.locator("#edition-moved").is_visible()
    assert latest.locator("#edition-moved").inner_text() == "该链接所指条款在2024年5月29日调整版中已删除。"


def _chapter_options(page) -> list[str]:
    page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
    return page.locator("#search-ch option").all_inner_texts()[1:]  # after 全部章


def test_the_chapter_filter_lists_the_chapters_of_the_edition_searched(open_page):
    page = open_page(f"{RENAMED}/search.html?q=学前教育&ed=2021-03-01&ch=1")
    assert _chapter_options(page) == ["第一章 总体要求", "第二章 主要任务"]
    assert page.locator("#search-ch option:checked").inner_text() == "第二章 主要任务"
    links = _result_links(page)
    assert links and all(f"/{RENAMED}/2021-03-01/" in link for link in links)
    with page.expect_navigation():  # the latest has no 第二章 主要任务: ch= goes
        page.select_option("#search-ed", "")
    assert "ch=" not in page.url
    assert _chapter_options(page) == ["第一章 总体要求", "第二章 重点任务", "第三章 保障措施"]
    page.select_option("#search-ch", label="第一章 总体要求")
    with page.expect_navigation():  # 第一章 总体要求 is the earlier edition's too: ch= kept
        page.select_option("#search-ed", "2021-03-01")
    assert "ch=0" in page.url and page.locator("#search-ch option:checked").inner_text() == "第一章 总体要求"
