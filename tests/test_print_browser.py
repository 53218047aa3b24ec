"""Paper (issue 20, item 2): the whole seed printed by headless Chromium to A4 from its print
page, read back with pdfplumber: the running header names the plan and its 文号 on every
page, every paragraph number citations use (第N段) and every printed-page number the
contents give reach the paper; a closed <details> is open when a page is printed."""
from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from conftest import SEED_DIR
from generator.read.normalise import fold_look_alikes

SLUG = SEED_DIR.name
TITLE = "《朔州市“十四五”教育改革与发展规划》"  # plan.yml's title
DOC_NUMBER = "（朔政发〔2022〕34号）"  # plan.yml's doc_number


@pytest.fixture(scope="module")
def printed(browser, base):
    """The print page's PDF, A4, as Chromium prints it (CSS paged media), one text per page."""
    page = browser.new_page()
    page.goto(f"{base}{SLUG}/print.html")
    data = page.pdf(format="A4", prefer_css_page_size=True)
    html = page.content()
    page.close()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        texts = [fold_look_alikes(p.extract_text() or "")[0] for p in pdf.pages]
    return texts, html


def test_every_printed_page_carries_the_title_and_doc_number(printed):
    texts, _ = printed
    assert len(texts) > 20  # the whole plan, not one chapter
    assert [i for i, text in enumerate(texts, 1) if TITLE + DOC_NUMBER not in re.sub(r"\s", "", text)] == []
    assert [i for i, text in enumerate(texts, 1) if f"第 {i} 页 / 共 {len(texts)} 页" not in text] == []


def test_paragraph_numbers_and_printed_pages_reach_the_paper(printed):
    texts, html = printed
    paper = re.sub(r"\s", "", "".join(texts))
    on_page = re.findall(r'class="permalink" href="#[^"]*" title="引用：[^"]*"[^>]*>(第\d+段)</a>', html)
    assert len(on_page) > 200
    assert len(re.findall(r"〔第\d+段〕", paper)) == len(on_page)
    notes = re.findall(r'<span class="printed-page">([^<]+)</span>', html)
    assert notes and all(re.sub(r"\s", "", note) in paper for note in notes)


def test_the_print_page_holds_every_chapter_and_the_indicator_table(printed):
    _, html = printed
    plan = (SEED_DIR / "plan.txt").read_text(encoding="utf-8")
    chapters = sorted(set(re.findall(r"^(第[一二三四五六七八九十]+章)", plan, re.M)))
    assert all(f">{c} " in html or f">{c}<" in html for c in chapters)
    assert html.count('class="num"') >= 2 * 37  # baseline and target of the 37 indicators


def test_closed_details_are_open_on_paper(browser, base):
    page = browser.new_page()
    page.goto(f"{base}{SLUG}/indicators.html")
    closed = page.evaluate("document.querySelectorAll('main details:not([open])').length")
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    still_closed = page.evaluate("document.querySelectorAll('main details:not([open])').length")
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    after = page.evaluate("document.querySelectorAll('main details:not([open])').length")
    page.close()
    assert closed > 0 and still_closed == 0 and after == closed
