"""A wide table on a 375 px phone, in headless Chromium (tests/fixtures/duties/fenggong):
the 7-column 任务分工表 (a header row) shows each row as a card, each cell under its column's
name; the 7-column table printed without a header row scrolls inside its own box. Never one
character per line: every cell is measured."""
from __future__ import annotations

import shutil

import pytest

from browser import serve
from conftest import ROOT
from generator.build import build

FIXTURE = ROOT / "tests" / "fixtures" / "duties" / "fenggong"
EM = 16  # px: the default text size
CHARACTER = EM  # a CJK character is one em wide


@pytest.fixture(scope="module")
def base(tmp_path_factory, segmenter):
    root = tmp_path_factory.mktemp("duties-browser")
    shutil.copytree(FIXTURE, root / "content" / "fenggong")
    assert build(root / "content", root / "_site", segmenter=segmenter).written
    server, url = serve(root / "_site")
    yield url
    server.shutdown()


@pytest.fixture
def phone(browser, base):
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    page.goto(base + "fenggong/chp_3.html")
    yield page
    context.close()


def widths(page, selector: str) -> list[float]:
    return page.eval_on_selector_all(selector, "els => els.filter(e => e.getClientRects().length)"
                                               ".map(e => e.getBoundingClientRect().width)")


def test_browser_phone_shows_a_task_table_as_cards(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375  # the page never scrolls sideways
    cells = widths(phone, "#tbl_1 td")
    assert len(cells) == 3 * 7 - 1  # the empty 配合单位 cell of row 3 is not shown
    assert min(cells) >= 300  # each cell spans the card: its text runs across the phone
    label = phone.eval_on_selector("#tbl_1__tr_3 td[data-label='牵头单位']",
                                   "e => getComputedStyle(e, '::before').content")
    assert label == '"牵头单位："'
    assert phone.eval_on_selector("#tbl_1 thead", "e => getComputedStyle(e).display") == "none"


def test_browser_phone_scrolls_a_table_without_header_inside_its_box(phone):
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    box = phone.eval_on_selector("#tbl_2 .table-scroll", "e => [e.scrollWidth, e.clientWidth]")
    assert box[0] > box[1]  # wider than the phone: it scrolls inside its own box
    assert min(widths(phone, "#tbl_2 td")) >= 6 * CHARACTER  # no column squeezed to a character or two


AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("path", ["fenggong/departments.html", "fenggong/chp_3.html", "fenggong/chp_2.html"])
@pytest.mark.parametrize("width", [375, 1280])
def test_browser_duty_pages_have_no_serious_accessibility_violations(browser, base, path, width):
    context = browser.new_context(viewport={"width": width, "height": 812}, bypass_csp=True)  # axe is injected
    try:
        page = context.new_page()
        page.goto(base + path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']})")
        serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == []
    finally:
        context.close()
