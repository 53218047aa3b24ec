"""Issue 10 in headless Chromium: a parent on a phone (375 px, text at 130–200 %), an
official at a desk (copying a citation over plain http), the 404 page under a sub-folder,
the words searched for marked on the opened page, details kept open on Back, dark scheme."""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import quote

import pytest

from browser import CHROMIUM, CHROMIUM_ARGS, QuietHandler, serve
from conftest import ROOT
from generator.build import build

SLUG = "shuozhou-education-14th"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LONG_URL = "https://www.example.gov.cn/zwgk/zcwj/2022/very-long-path-without-any-break/index_of_documents.html"


@pytest.fixture
def open_page(browser):
    contexts = []

    def opener(url: str, width: int = 375, height: int = 812, text: int = 100, **options):
        options.setdefault("bypass_csp", True)  # the tests inject a text-size style and axe-core
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        if text != 100:  # the reader's text size setting: every size in rem/em follows it
            page.add_style_tag(content=f"html {{ font-size: {text}%; }}")
        return page

    yield opener
    for context in contexts:
        context.close()


# Pages richer than the first of their type, checked besides one page of every type
# (``site_pages``, derived from the views: a new page type is checked without being listed).
RICH_PAGES = {"chapter with tables and 专栏": f"{SLUG}/chp_5.html", "stage": f"{SLUG}/stage-preschool.html",
              "site search with another query": "search.html?q=" + quote("课后服务")}


@pytest.fixture(scope="module")
def every_page(site_pages) -> dict[str, str]:
    """One page of every type the site writes, and the richer pages above."""
    return {**site_pages, **RICH_PAGES}


@pytest.mark.parametrize("text", [100, 130, 150, 200])
def test_phone_pages_never_scroll_sideways(open_page, base, every_page, text):
    wide = {}
    for kind, path in every_page.items():
        page = open_page(base + path, text=text)
        width = page.evaluate("document.documentElement.scrollWidth")
        button = page.locator(".site-search button").bounding_box()
        if width > 375 or button["x"] < 0 or button["x"] + button["width"] > 375:  # 搜索 is not cut off
            wide[f"{kind}: {path}"] = (width, button["x"], button["width"])
        page.context.close()
    assert wide == {}


def sizes(page, selector: str) -> list[tuple[str, float, float]]:
    return page.eval_on_selector_all(selector, """els => els.filter(e => e.getClientRects().length)
        .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 12), r.width, r.height]; })""")


@pytest.mark.parametrize("path, selector", [
    (f"{SLUG}/chp_5.html", "main .permalink, main button.cite, .pager a, .crumbs a"),
    (f"{SLUG}/index.html", ".stage-links a, .plan-links a"),
    (f"{SLUG}/stage-preschool.html", ".listed a"),
])
def test_tap_targets_are_at_least_24_px(open_page, base, path, selector):
    page = open_page(base + path)
    found = sizes(page, selector)
    assert len(found) > 5
    small = [s for s in found if s[1] < 24 or s[2] < 24]
    assert small == []


def test_primary_controls_are_at_least_44_px(open_page, base):
    page = open_page(base + "search.html?q=" + quote("课后服务"))
    for selector in ["#site-search", ".site-search button", "#search-q", ".search-form button", "#search-partial-toggle"]:
        box = page.locator(selector).bounding_box()
        assert box["height"] >= 44, selector


def test_copy_control_is_visible_without_hover_and_one_tab_stop_per_clause(open_page, base):
    page = open_page(base + f"{SLUG}/chp_5.html", width=1280, height=900)
    button = page.locator("#chp_5__sec_1__item_1__para_2 > button.cite")
    assert button.evaluate("e => getComputedStyle(e).opacity") == "1"
    number = page.locator("#chp_5__sec_1__item_1__para_2 > .permalink")
    assert number.inner_text() == "第2段" and number.is_visible()
    stops = page.eval_on_selector_all("main a[href], main button", "els => els.filter(e => e.tabIndex >= 0 && e.getClientRects().length).length")
    clauses = page.locator("main button.cite").count()
    links = page.eval_on_selector_all("main a[href]:not(.permalink)", "els => els.filter(e => e.getClientRects().length).length")
    assert stops == clauses + links  # no second stop (the permalink) beside each copy control


def test_focus_stays_on_the_copy_control_in_a_non_secure_context(browser, built_site):
    """Plain http under a host name: no Clipboard API, the textarea fallback runs; focus must
    come back to the button so the next Tab goes on from there."""
    server, root = serve(built_site)
    port = root.rsplit(":", 1)[1].strip("/")
    try:
        insecure = browser.browser_type.launch(executable_path=CHROMIUM, headless=True,
                                               args=CHROMIUM_ARGS + ["--host-resolver-rules=MAP plansite.test 127.0.0.1"])
        page = insecure.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(f"http://plansite.test:{port}/{SLUG}/chp_5.html")
        assert page.evaluate("window.isSecureContext") is False
        button = page.locator("#chp_5__sec_1__item_1__para_2 > button.cite")
        button.focus()
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('copy-status').textContent !== ''")
        assert page.evaluate("document.activeElement.dataset.target") == "chp_5__sec_1__item_1__para_2"
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.closest('main') !== null")
        insecure.close()
    finally:
        server.shutdown()


@pytest.fixture(scope="module")
def long_url_site(tmp_path_factory, segmenter) -> Path:
    tmp = tmp_path_factory.mktemp("longurl")
    folder = tmp / "content" / SLUG
    shutil.copytree(ROOT / "content" / SLUG, folder)
    text = (folder / "plan.txt").read_text(encoding="utf-8")
    sentence = "加强学生安全教育，提升学生自我防范能力。"
    assert sentence in text
    (folder / "plan.txt").write_text(text.replace(sentence, f"加强学生安全教育（详见{LONG_URL}），提升学生自我防范能力。"),
                                     encoding="utf-8")
    out = tmp / "_site"
    assert build(tmp / "content", out, segmenter=segmenter).written
    return out


def test_a_long_url_in_the_plan_does_not_widen_the_phone_page(open_page, long_url_site):
    page = open_page((long_url_site / SLUG / "chp_12.html").as_uri())
    assert LONG_URL in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


class NotFoundHandler(QuietHandler):
    """Like a static host: a missing path gets the site's 404.html (status 404)."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "sub" / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_404_page_works_under_a_sub_folder(open_page, tmp_path, segmenter):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/sub/"
    try:
        content = tmp_path / "content"
        shutil.copytree(ROOT / "content" / SLUG, content / SLUG)
        (content / "site.yml").write_text(f"site_url: {site}\n", encoding="utf-8")
        assert build(content, tmp_path / "sub", segmenter=segmenter).written
        page = open_page(site + "no/such/deep/page.html", width=1280)
        assert page.locator("h1").inner_text() == "页面不存在"
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "flex"  # styled
        page.fill("#site-search", "近视")
        page.press("#site-search", "Enter")
        page.wait_for_function("document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
        assert page.url.startswith(site + "search.html?q=")
        assert page.locator("#search-results > li").count() == 1
    finally:
        server.shutdown()


def test_404_page_without_site_url_is_styled_and_finds_home_at_any_depth(browser, tmp_path, segmenter):
    """Without site_url the 404 page cannot know the site's root: its style is inline (under
    its CSP's hash) and a script it holds finds the folder with data/catalog.json, so 首页
    leads home from any depth (issue 20; dart-lang/site-www#6980)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = f"http://127.0.0.1:{server.server_address[1]}/sub/"
    context = browser.new_context()
    violations: list[str] = []
    try:
        content = tmp_path / "content"
        shutil.copytree(ROOT / "content" / SLUG, content / SLUG)
        assert build(content, tmp_path / "sub", segmenter=segmenter).written
        page = context.new_page()
        page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(site + "no/such/deep/page.html")
        assert page.locator("h1").inner_text() == "页面不存在"
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") == "flex"
        home = page.get_by_role("link", name="首页")
        from playwright.sync_api import expect  # not wait_for_function: its polling evaluates a string, which the CSP forbids

        expect(page.locator("main a").first).to_have_attribute("href", re.compile(r"^/sub/"))
        assert home.get_attribute("href") == "/sub/index.html"
        assert violations == []
    finally:
        context.close()
        server.shutdown()


def test_searched_words_are_marked_on_the_opened_page(open_page, base):
    page = open_page(base + "search.html?q=" + quote("近视防控"), width=1280)
    page.wait_for_function("document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
    page.locator("#search-results > li a").first.click()
    page.wait_for_url("**/chp_4.html#chp_4__sec_4__item_2__para_1")
    page.wait_for_selector("mark.searched")
    assert page.locator("#chp_4__sec_4__item_2__para_1 mark.searched").all_inner_texts() == ["近视", "防控"]
    assert page.locator("mark.searched").count() == 2  # only in the clause opened


def test_opened_details_stay_open_on_back(open_page, base):
    page = open_page(base + f"{SLUG}/indicators.html", width=1280)
    details = page.locator("#st-ind_2")
    details.locator("summary").click()
    assert details.evaluate("e => e.open")
    details.locator("li a").first.click()
    page.wait_for_url("**/chp_*.html#*")
    page.go_back()
    page.wait_for_url("**/indicators.html")
    assert page.locator("#st-ind_2").evaluate("e => e.open")
    assert not page.locator("#st-ind_1").evaluate("e => e.open")


def test_stage_page_puts_promises_first_and_labels_the_review(open_page, base):
    page = open_page(base + f"{SLUG}/stage-preschool.html")
    headings = page.locator("main h2").all_inner_texts()
    assert headings == ["本页内容", "发展指标", "专栏项目", "规划措施", "回顾：规划期之前的情况"]
    assert "全市共有幼儿园294所" in page.locator("#review-h ~ section").first.inner_text()
    assert "全市共有幼儿园294所" not in page.locator("#measures-h + section").inner_text()
    label = page.locator("tr td.num").first.evaluate("e => getComputedStyle(e, '::before').content")
    assert label == '"基期2020年 "'  # the phone layout hides the table header: each figure says its year


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_schemes_stay_accessible_with_every_details_open(open_page, base, every_page, scheme):
    found = {}
    for kind, path in every_page.items():
        page = open_page(base + path, width=1280, color_scheme=scheme)
        background = page.evaluate("getComputedStyle(document.documentElement).backgroundColor")
        assert background == ("rgb(18, 20, 23)" if scheme == "dark" else "rgb(255, 255, 255)"), path
        if path.startswith("search.html?"):
            page.wait_for_selector("#search-results[aria-busy=false]")
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa']})")
        serious = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                   if v["impact"] in ("serious", "critical")]
        if serious:
            found[f"{kind}: {path}"] = serious
        page.context.close()
    assert found == {}


def test_a_figure_stated_otherwise_is_flagged_where_it_stands(built_site):
    """第三章 says 普惠率达到95%以上 where the indicator table says 88 (and 第五章 90%):
    the paragraph itself links to the findings, on its chapter page and its stage page."""
    for page in ("chp_3.html", "stage-preschool.html"):
        html = (built_site / SLUG / page).read_text(encoding="utf-8")
        assert ('<a class="flag" href="findings.html#indicator-target-ind_2-chp_3__sec_3__para_2">'
                "数字与别处不一致：学前教育普惠率：指标表 2025年 88%，正文 ≥95%</a>") in html
    findings = (built_site / SLUG / "findings.html").read_text(encoding="utf-8")
    assert 'id="indicator-target-ind_2-chp_3__sec_3__para_2"' in findings


def test_a_long_chapter_keeps_a_way_back_to_the_contents_in_reach(open_page, base):
    """On a phone 回到目录 rides in the sticky header: in reach anywhere in the chapter, never
    over the text (issue 20), and it opens the contents it leads to."""
    page = open_page(base + f"{SLUG}/chp_5.html")
    back = page.get_by_role("link", name="回到目录")
    for fraction in (0.3, 0.7):  # anywhere in the chapter, on a phone
        page.evaluate(f"window.scrollTo(0, document.documentElement.scrollHeight * {fraction})")
        box = back.bounding_box()
        header = page.locator(".site-header").bounding_box()
        assert box is not None and 0 <= box["y"] and box["y"] + box["height"] <= header["y"] + header["height"]
        assert box["height"] >= 44 and box["width"] >= 44
    back.click()
    page.wait_for_url("**#toc-details")
    assert page.evaluate("document.getElementById('toc-details').open")
    toc = page.locator("#toc-details").bounding_box()
    assert 0 <= toc["y"] < 812


def test_the_phone_header_stays_small_at_200_percent_text(open_page, base):
    page = open_page(base + f"{SLUG}/chp_5.html", text=200)
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 812 * 0.2
