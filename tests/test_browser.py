"""The site in headless Chromium: navigation, anchors, copy-citation, dashboard, phone and
desktop layouts, accessibility (axe-core), reading without JavaScript, file:// and sub-paths."""
from __future__ import annotations


import pytest

from browser import ARTIFACTS
from conftest import ROOT

SLUG = "shuozhou-education-14th"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"




@pytest.fixture
def page_at(browser, base):
    """Open pages in a fresh context; every request is recorded and must stay inside the site."""
    contexts = []
    requests: list[str] = []

    def open_page(path: str, width: int = 1280, height: int = 900, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + path)
        return page

    yield open_page
    for context in contexts:
        context.close()
    outside = [url for url in requests if not url.startswith((base, "data:", "about:"))]
    assert outside == [], f"requests left the site: {outside}"


def test_home_to_chapter_to_clause_and_copy_its_citation(page_at, base):
    page = page_at("index.html", permissions=["clipboard-read", "clipboard-write"])
    page.get_by_text("目录", exact=True).first.click()
    page.get_by_role("link", name="第五章 全面推动基础教育高质量发展").first.click()
    assert page.url == base + f"{SLUG}/chp_5.html"
    page.locator("nav.toc").get_by_role("link", name="一、持续扩大普惠幼儿园规模").click()
    assert page.url.endswith("#chp_5__sec_1__item_1")
    heading = page.locator("#chp_5__sec_1__item_1")
    assert heading.is_visible() and heading.evaluate("e => e.matches(':target')")
    assert heading.evaluate("e => { const r = e.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }")
    heading.hover()
    button = heading.locator("button.cite")
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    # content/ sets no site_url: the citation names no address (this loopback one means nothing to a reader)
    assert copied == "《朔州市“十四五”教育改革与发展规划》（朔政发〔2022〕34号）第五章第一节 实现学前教育普及普惠安全优质发展 一、持续扩大普惠幼儿园规模，印刷版第33页起"
    assert page.locator("#copy-status").text_content().startswith("已复制引用")


def test_follow_a_permalink_to_a_paragraph(page_at):
    page = page_at(f"{SLUG}/chp_9.html#chp_9__sec_3__item_1__para_1")
    target = page.locator(":target")
    assert target.get_attribute("id") == "chp_9__sec_3__item_1__para_1"
    assert "保障义务教育教师平均工资不低于当地当年公务员平均工资收入水平" in target.inner_text()


def test_indicator_dashboard(page_at):
    page = page_at(f"{SLUG}/index.html")
    page.get_by_role("link", name="发展指标一览").click()
    rows = page.locator("tr[id^=ind_]")
    assert rows.count() == 37  # the indicator table prints 37 rows (plan.txt lines 226-266)
    row = page.locator("#ind_2")
    assert row.locator("svg[role=img]").get_attribute("aria-label") == "2020年75%，2025年目标88%"
    assert page.locator("#ind_34").inner_text().count("未设目标") == 1


@pytest.mark.parametrize("name, width, height", [("phone", 375, 812), ("desktop", 1280, 900)])
def test_layout_on_phone_and_desktop(page_at, name, width, height):
    page = page_at(f"{SLUG}/chp_5.html", width=width, height=height)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    toc_open = page.locator("#toc-details").evaluate("e => e.open")
    assert toc_open == (name == "desktop")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.measure')).fontSize)")
    assert size >= 16
    line = page.evaluate("document.querySelector('.measure').getBoundingClientRect().width")
    assert line <= 42 * size + 1  # a readable line length
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"chapter-{name}.png"))
    dashboard = page_at(f"{SLUG}/indicators.html", width=width, height=height)
    assert dashboard.evaluate("document.documentElement.scrollWidth") <= width
    dashboard.screenshot(path=str(ARTIFACTS / f"indicators-{name}.png"))


def test_no_serious_accessibility_violations_on_any_page_type(page_at, site_pages):
    """Every page type the site writes (``browser.page_types``: derived from the views)."""
    found = {}
    for kind, path in site_pages.items():
        page = page_at(path, bypass_csp=True)  # axe-core is injected as an inline script
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', "
                               "'best-practice']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        if serious:
            found[f"{kind}: {path}"] = serious
    assert found == {}


def test_reading_needs_no_javascript(page_at):
    page = page_at(f"{SLUG}/chp_5.html", java_script_enabled=False)
    assert page.locator("#chp_5__sec_1__item_1__para_2").is_visible()
    assert not page.locator("button.cite").first.is_visible()
    page.locator("#toc-details summary").click()
    assert page.locator("nav.toc").get_by_role("link", name="第六章 推动特殊教育公平融合发展").is_visible()


def test_slash_focuses_the_search_box(page_at):
    page = page_at(f"{SLUG}/chp_5.html")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "site-search"


def test_site_works_from_file_urls(browser, built_site):
    context = browser.new_context()
    failed: list[str] = []
    page = context.new_page()
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto((built_site / SLUG / "chp_4.html").as_uri())
    page.get_by_role("link", name="第五章 全面推动基础教育高质量发展 →").click()
    page.wait_for_url(f"**/{SLUG}/chp_5.html")
    page.wait_for_load_state("load")  # the stylesheet is in: a loaded machine may take a while
    assert page.evaluate("getComputedStyle(document.querySelector('.box')).borderTopStyle") == "solid"  # CSS loaded
    page.get_by_role("link", name="规划通").click()
    page.wait_for_url("**/_site/index.html")
    context.close()
    assert failed == []


def test_print_stylesheet_shows_text_without_navigation(page_at):
    page = page_at(f"{SLUG}/chp_5.html")
    page.emulate_media(media="print")
    assert page.locator(".site-header").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("nav.toc").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("#chp_5__sec_1__item_1__para_2").is_visible()
    after = page.locator(".table-ref a, .related a").first.evaluate("e => getComputedStyle(e, '::after').content")
    assert after == "none"  # a relative address means nothing on paper: the link prints as its words
    assert page.locator(".print-source").inner_text() == "《朔州市“十四五”教育改革与发展规划》（朔政发〔2022〕34号）"
