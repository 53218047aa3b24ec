"""Phone and keyboard (issue 20, item 3) in headless Chromium: the skip link lands in the text,
回到目录 opens the contents, the header (and search) stays on a phone, no page of the site is
wider than a 375 px phone at 200 % text, stage pages open with a list of their sections, and
the home page's filters live in the address."""
from __future__ import annotations

import pytest

from conftest import SEED_DIR

SLUG = SEED_DIR.name


@pytest.fixture
def phone(browser):
    contexts = []

    def opener(url: str, text: int = 100, width: int = 375):
        context = browser.new_context(viewport={"width": width, "height": 812}, bypass_csp=True)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        if text != 100:
            page.add_style_tag(content=f"html {{ font-size: {text}%; }}")
        return page

    yield opener
    for context in contexts:
        context.close()


def test_the_skip_link_lands_in_the_text(phone, base):
    page = phone(f"{base}{SLUG}/chp_9.html", width=1280)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "跳到正文"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside = page.evaluate("""() => { const a = document.activeElement;
        return [!!a.closest('article.chapter'), !!a.closest('nav.toc'), a.getAttribute('data-target')]; }""")
    assert inside == [True, False, "chp_9"]  # the chapter heading's own copy control, not the contents


def test_back_to_contents_opens_them(phone, base):
    page = phone(f"{base}{SLUG}/chp_5.html")
    assert page.evaluate("document.getElementById('toc-details').open") is False
    page.locator("a.back-to-toc").click()
    assert page.evaluate("document.getElementById('toc-details').open") is True


def test_search_stays_in_reach_on_a_phone(phone, base):
    page = phone(f"{base}{SLUG}/chp_5.html")
    page.mouse.wheel(0, 6000)
    page.wait_for_function("window.scrollY > 3000")
    box = page.locator("#site-search").bounding_box()
    assert box is not None and 0 <= box["y"] < 100


def test_no_page_is_wider_than_a_phone_at_200_percent_text(phone, base, built_site):
    wide = []
    for path in sorted(p.relative_to(built_site).as_posix() for p in built_site.rglob("*.html")):
        page = phone(base + path, text=200)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide.append((path, width))
        page.context.close()
    assert wide == []


def test_a_stage_page_opens_with_a_list_of_its_sections(phone, base):
    page = phone(f"{base}{SLUG}/stage-preschool.html")
    targets = page.eval_on_selector_all("nav.on-this-page a", "els => els.map(e => e.getAttribute('href'))")
    sections = page.eval_on_selector_all("main section[aria-labelledby^='s-']", "els => els.map(e => '#' + e.getAttribute('aria-labelledby'))")
    assert sections and set(sections) <= set(targets)
    assert all(page.locator(target).count() == 1 for target in targets)


def test_home_filters_are_kept_in_the_address(phone, base):
    page = phone(f"{base}index.html")
    select = page.locator("#plan-filters select").first
    key = select.get_attribute("data-filter")
    value = select.locator("option").nth(1).get_attribute("value") or select.locator("option").nth(1).text_content()
    select.select_option(label=value)
    assert f"{key}=" in page.url
    again = phone(page.url)
    assert again.locator("#plan-filters select").first.input_value() == value
    box = again.locator("#plan-filters select").first.bounding_box()
    assert box["height"] >= 24
