"""The PDF converter (generator/read/pdf.py): one small PDF per rule, written by
tests/pdf_maker.py (16 pt characters one em wide; the text block runs from x = 72 to 520,
28 characters; a paragraph's first line is indented two characters, to x = 104), and the
seed's published PDF against its text edition, node by node."""
from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

from conftest import SEED_DIR, SEED_TEXT, parse_text, run_build
from pdf_maker import Page, make_pdf

from generator.read.pdf import pdf_lines, tidy
from generator.structure.diagnostics import Report

INGEST = Path("/work/shared/ingest")
LEFT, INDENT, SIZE = 72, 104, 16
FULL = "推进教育现代化建设教育强市办好人民满意的教育加快构建体系"  # 28 characters: a full line
assert len(FULL) == 28


def read(pages: list[Page]) -> tuple[list[tuple[str, str | None]] | None, Report]:
    report = Report()
    lines = pdf_lines(make_pdf(pages), "plan.pdf", report)
    return (None if lines is None else [(line.text, line.page) for line in lines]), report


def test_a_paragraph_is_its_indented_line_and_the_lines_after_it_until_one_stops_short():
    page = (Page().text(LEFT, 780, "第一章 总体要求")
            .text(INDENT, 750, FULL[:26]).text(LEFT, 725, FULL).text(LEFT, 700, "满意的教育。")
            .text(INDENT, 675, "第二段只有一行。"))
    lines, report = read([page])
    assert lines == [("第一章 总体要求", None),
                     (FULL[:26] + FULL + "满意的教育。", None),
                     ("第二段只有一行。", None)]
    assert not report.items


def test_a_heading_is_its_own_line_even_after_a_full_line():
    page = Page().text(LEFT, 780, FULL).text(LEFT, 755, "一、发展基础").text(LEFT, 730, "（一）主要成效")
    lines, _ = read([page])
    assert [text for text, _ in lines] == [FULL, "一、发展基础", "（一）主要成效"]


def test_a_printed_page_label_is_dropped_and_kept_as_the_page_of_its_lines():
    first = Page().text(INDENT, 780, FULL[:26]).text(LEFT, 755, "满意。").text(280, 60, "— 12 —", 14)
    second = Page().text(INDENT, 780, "第二页的段落。").text(290, 60, "13")
    third = Page().text(INDENT, 780, "第三页的段落。").text(260, 60, "第 14 页")
    lines, _ = read([first, second, third])
    assert lines == [(FULL[:26] + "满意。", "12"), ("第二页的段落。", "13"), ("第三页的段落。", "14")]


def test_a_paragraph_goes_on_across_a_page_break():
    first = Page().text(INDENT, 780, FULL[:26]).text(LEFT, 120, FULL).text(280, 60, "— 1 —", 14)
    second = Page().text(LEFT, 780, "发展体系。").text(INDENT, 755, "下一段。").text(280, 60, "— 2 —", 14)
    lines, _ = read([first, second])
    assert lines == [(FULL[:26] + FULL + "发展体系。", "1"), ("下一段。", "2")]


def test_the_running_header_and_footer_of_a_browser_print_are_dropped():
    pages = [Page().text(20, 826, "12/7/26, 4:24 PM 某某规划_某某市人民政府", 8)
             .text(INDENT, 760, FULL[:26]).text(LEFT, 735, f"第{numeral}页。")
             .text(20, 14, f"file:///tmp/plan.html {n}/3", 8) for n, numeral in enumerate("一二三", 1)]
    lines, _ = read(pages)
    assert lines == [(FULL[:26] + "第一页。", "1"), (FULL[:26] + "第二页。", "2"), (FULL[:26] + "第三页。", "3")]


def test_kangxi_radicals_and_supplement_radicals_are_folded():
    # ⼈ U+2F08 (Kangxi radical man), ⺠ U+2EA0 (radical civilian, which NFKC leaves alone)
    lines, _ = read([Page().text(INDENT, 780, "全市\u2f08\u2ea0群众。")])
    assert lines == [("全市人民群众。", None)]


def test_only_the_radical_and_compatibility_blocks_are_folded():
    # ⼈ Kangxi man, ⺠ civilian, ⻓ c-simplified long, ⻘ blue, 金 U+F90A compatibility ideograph
    assert tidy("\u2f08\u2ea0\u2ed3\u2ed8\uf90a") == "人民长青金"
    assert tidy("１２％（ＡＢ）ﬁ") == "１２％（ＡＢ）ﬁ"  # NFKC would change all of these


def test_spaces_between_chinese_and_digits_are_removed():
    lines, _ = read([Page().text(LEFT, 780, "2022 年 9 月 6 日")])
    assert lines == [("2022年9月6日", None)]
    assert tidy("朔政发〔2022〕34 号 和 2035 年") == "朔政发〔2022〕34号 和2035年"


def _indicator_page(rows: list[list[str]], top: float) -> Page:
    """A ruled table of three columns (x 72-200-300-420), one 25 pt row per entry of rows."""
    page = Page()
    ys = [top - 25 * i for i in range(len(rows) + 1)]
    page.grid([72, 200, 300, 420], ys)
    for row, y in zip(rows, ys):
        for x, cell in zip((76, 204, 304), row):
            if cell:
                page.text(x, y - 18, cell, 12)
    return page


def test_a_table_cut_by_a_page_break_is_one_table_with_its_header_once_and_its_cut_row_whole():
    header = ["指标", "2020年", "2025年"]
    first = _indicator_page([header, ["入园率", "93", "99"], ["在校生规模", "0.6", "1.5"]], 200)
    second = _indicator_page([header, ["（万人）", "", ""], ["就业率", "90", "96"]], 780)
    first.text(INDENT, 780, "表格之前的段落。")
    second.text(INDENT, 650, "表格之后的段落。")
    lines, _ = read([first, second])
    assert [text for text, _ in lines] == [
        "表格之前的段落。",
        "| 指标 | 2020年 | 2025年 |", "|---|---|---|",
        "| 入园率 | 93 | 99 |", "| 在校生规模（万人） | 0.6 | 1.5 |", "| 就业率 | 90 | 96 |",
        "表格之后的段落。",
    ]


def test_a_table_cut_inside_a_merged_cell_and_above_a_row_is_completed():
    # page 1: 学前教育 spans its row and the next, and the page ends inside it (no line
    # under it); page 2 starts with a row whose top line the break took (only the column
    # rules come down to the first closed row)
    first = Page().text(INDENT, 780, "表格之前的段落。")
    for x in (72, 200, 300, 420):
        first.rule(x, 200, x, 125)
    first.rule(72, 200, 420, 200).rule(72, 175, 420, 175).rule(200, 150, 420, 150).rule(200, 125, 420, 125)
    for x, y, text in ((76, 182, "学段"), (204, 182, "指标"), (304, 182, "2020年"), (76, 157, "学前教育"),
                       (204, 157, "入园率"), (304, 157, "93"), (204, 132, "毕业率"), (304, 132, "98")):
        first.text(x, y, text, 12)
    second = Page()
    for x in (72, 200, 300, 420):
        second.rule(x, 780, x, 730)
    second.rule(72, 755, 420, 755).rule(72, 730, 420, 730)
    for x, y, text in ((204, 762, "普惠率"), (304, 762, "75"), (76, 737, "高中教育"), (204, 737, "升学率"),
                       (304, 737, "65")):
        second.text(x, y, text, 12)
    lines, _ = read([first, second])
    assert [text for text, _ in lines] == [
        "表格之前的段落。", "| 学段 | 指标 | 2020年 |", "|---|---|---|", "| 学前教育 | 入园率 | 93 |",
        "|  | 毕业率 | 98 |", "|  | 普惠率 | 75 |", "| 高中教育 | 升学率 | 65 |",
    ]


def test_a_box_drawn_as_a_rectangle_around_text_is_a_box():
    page = Page().grid([72, 520], [700, 600])
    page.text(200, 680, "专栏2：重点项目", 14)
    page.text(104, 655, "1. 学前教育普及普惠计划。", 14)
    page.text(104, 630, "2. 义务教育共同体计划。", 14)
    lines, _ = read([page])
    assert [text for text, _ in lines] == ["专栏2：重点项目", "1. 学前教育普及普惠计划。", "2. 义务教育共同体计划。"]


def test_space_between_lines_ends_a_paragraph():
    # lines 25 pt apart inside a paragraph, 45 pt between paragraphs that have no indent
    page = Page()
    y = 780
    for text in (FULL, FULL, "第一段。", None, FULL, "第二段。", None, FULL, "第三段。"):
        if text is None:
            y -= 20
            continue
        page.text(LEFT, y, text)
        y -= 25
    lines, _ = read([page])
    assert [text for text, _ in lines] == [FULL + FULL + "第一段。", FULL + "第二段。", FULL + "第三段。"]


def test_mirrored_margins_of_odd_and_even_sheets_are_each_their_own_left_margin():
    # odd sheets (1st, 3rd) set from x = 72, even sheets from x = 100: 28 pt, more than the
    # 1.2 em that marks an indent; 20 lines a sheet, so each side has 40
    pages = []
    for sheet in range(4):
        left = 72 if sheet % 2 == 0 else 100
        page = Page()
        for n in range(5):
            top = 780 - n * 100
            page.text(left + 32, top, "一二三四"[sheet] + FULL[1:26]).text(left, top - 25, FULL).text(left, top - 50, FULL)
            page.text(left, top - 75, f"第{'一二三四'[sheet]}页第{'一二三四五'[n]}段。")
        pages.append(page)
    lines, _ = read(pages)
    assert len(lines) == 20
    assert lines[5] == ("二" + FULL[1:26] + FULL + FULL + "第二页第一段。", None)


def test_two_tables_on_one_page_stay_two_tables():
    page = _indicator_page([["指标", "2020年", "2025年"], ["入园率", "93", "99"]], 700)
    second = _indicator_page([["项目", "规模", "年份"], ["新建学校", "10", "2025"]], 600)
    page.rules += second.rules
    page.texts += second.texts
    lines, _ = read([page])
    assert [text for text, _ in lines] == [
        "| 指标 | 2020年 | 2025年 |", "|---|---|---|", "| 入园率 | 93 | 99 |",
        "| 项目 | 规模 | 年份 |", "|---|---|---|", "| 新建学校 | 10 | 2025 |",
    ]


def test_a_merged_cell_is_given_once():
    page = Page()
    # 学前教育 spans the two rows below the header: no line between them in the first column
    page.grid([72, 200, 300], [700, 675])
    for x in (72, 200, 300):
        page.rule(x, 675, x, 625)
    page.rule(200, 650, 300, 650).rule(72, 625, 300, 625)
    page.text(76, 682, "学段", 12).text(204, 682, "指标", 12)
    page.text(76, 645, "学前教育", 12).text(204, 657, "入园率", 12).text(204, 632, "普惠率", 12)
    lines, _ = read([page])
    assert [text for text, _ in lines] == ["| 学段 | 指标 |", "|---|---|", "| 学前教育 | 入园率 |", "|  | 普惠率 |"]


def test_a_box_drawn_as_a_one_column_table_is_its_title_then_one_line_per_entry():
    page = Page().grid([72, 520], [700, 675, 575])
    page.text(200, 682, "专栏1：重点工程", 14)
    page.text(104, 655, "1. 增强学校教育主阵地工程。统筹资源夯实公", 14)
    page.text(76, 635, "办学校育人基础。", 14)
    page.text(104, 615, "2. 提升体育素养工程。", 14)
    lines, _ = read([page])
    assert [text for text, _ in lines] == ["专栏1：重点工程", "1. 增强学校教育主阵地工程。统筹资源夯实公办学校育人基础。",
                                           "2. 提升体育素养工程。"]


def test_a_scanned_pdf_is_refused_for_having_no_text_layer():
    lines, report = read([Page(image=True), Page(image=True)])
    assert lines is None
    assert report.codes() == ["pdf-no-text"]
    message = report.errors[0].message
    assert "no text layer" in message and "OCR" in message and "Word" in message


def test_a_font_without_a_unicode_map_is_refused():
    lines, report = read([Page(unmapped_font=True).text(LEFT, 780, "第一章 总体要求")])
    assert lines is None
    assert report.codes() == ["pdf-no-unicode"]


def test_a_few_characters_without_a_unicode_map_are_marked_and_warned_about():
    # 4 × 28 characters of text, and two glyphs (a symbol font's stars) without a Unicode map
    text = Page()
    for n in range(4):
        text.text(LEFT, 780 - 25 * n, FULL)
    star = Page(unmapped_font=True).text(INDENT, 780, "★★")
    lines, report = read([text, star])
    assert lines[-1] == ("\ufffd\ufffd", None)
    assert report.codes() == ["pdf-unmapped"]


@pytest.mark.parametrize("data, code", [
    (make_pdf([Page().text(LEFT, 780, "加密的文件。")], encrypt=True), "pdf-encrypted"),
    (b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n", "pdf-broken"),
    (make_pdf([Page().text(LEFT, 780, "截断的文件。")])[:300], "pdf-broken"),
])
def test_an_encrypted_or_broken_pdf_is_refused_without_a_traceback(data, code):
    report = Report()
    assert pdf_lines(data, "plan.pdf", report) is None
    assert report.codes() == [code]
    assert report.errors[0].line == 1


# --- the seed as published --------------------------------------------------------------

def _records(plan) -> list[tuple]:
    rows = []
    for node in plan.nodes:
        fields = [node.kind, node.number, node.title, node.text]
        fields += [getattr(node, name, None) for name in
                   ("stage", "substage", "name", "unit", "binding", "baseline", "target", "value", "year")]
        rows.append(tuple(fields))
    return rows


@pytest.fixture(scope="module")
def text_edition(tmp_path_factory, segmenter):
    """The seed's text edition parsed as the PDFs are (same plan.yml, no glossary)."""
    plan, _ = parse_text(tmp_path_factory.mktemp("text"), SEED_TEXT.read_text(encoding="utf-8"), segmenter)
    return plan


# What the text edition holds that the published PDF does not: the text edition was taken
# from a print whose indicator table broke in two (its second part a table of its own, with
# the header again) and whose 专栏4 title was printed again after a page break; its header
# cell reads "“十四五” 目标" where the Word file and its PDF have "“十四五”目标".
TEXT_EDITION_ONLY = {"table", "box_continuation"}


@pytest.mark.skipif(not (INGEST / "seed.pdf").exists(), reason="needs /work/shared/ingest")
def test_the_seed_pdf_reads_to_the_records_of_its_text_edition(tmp_path, segmenter, text_edition):
    report = Report()
    lines = pdf_lines((INGEST / "seed.pdf").read_bytes(), "seed.pdf", report)
    assert not report.items
    text_plan = text_edition
    # the build's own path: the plan folder's source is the PDF (its kind known by its bytes)
    pdf_plan, pdf_report = parse_text(tmp_path / "pdf", (INGEST / "seed.pdf").read_bytes(), segmenter)
    assert pdf_plan is not None, [str(d) for d in pdf_report.errors]
    counts = Counter(node.kind for node in pdf_plan.nodes)
    assert (counts["chapter"], counts["section"], counts["item"], counts["measure"], counts["indicator"],
            counts["box"], counts["project"], counts["target"]) == (12, 45, 100, 245, 37, 5, 24, 40)
    keep = [r for r in _records(text_plan) if r[0] not in TEXT_EDITION_ONLY]
    assert [r for r in _records(pdf_plan) if r[0] not in TEXT_EDITION_ONLY] == keep
    tables = [r for r in _records(pdf_plan) if r[0] == "table"]
    assert [(t[2], t[3]) for t in tables] == [("朔州市“十四五”教育发展指标", "学段 指标 指标属性 2020年 “十四五”目标")]
    assert {line.page for line in lines} == {str(n) for n in range(1, 80)}  # — 1 — to — 79 —
    rows = {line.text.split(" | ")[1]: line.page for line in lines if line.text.startswith("| ")}
    # the indicator table starts on page 15 and runs over 16 and 17 (its rows keep their pages)
    assert (rows["入园率 (%)"], rows["优质率 (%)"], rows["就业率（%）"]) == ("15", "16", "17")


@pytest.mark.skipif(not (INGEST / "seed-scan-5pages.pdf").exists(), reason="needs /work/shared/ingest")
def test_the_seed_scan_is_refused():
    report = Report()
    assert pdf_lines((INGEST / "seed-scan-5pages.pdf").read_bytes(), "seed-scan-5pages.pdf", report) is None
    assert report.codes() == ["pdf-no-text"]


@pytest.mark.skipif(not (INGEST / "seed-web.pdf").exists(), reason="needs /work/shared/ingest")
def test_the_browser_print_keeps_every_measure_and_indicator_and_none_of_the_browser_header(tmp_path, segmenter,
                                                                                          text_edition):
    """seed-web.pdf: seed.html printed by Chromium with its default header (date, time,
    title) and footer (file address, page N/43), no space glyph anywhere, the indicator
    table cut by two page breaks inside rows that span rows. The site's own navigation
    stays (docs/editing.md says how an editor takes it out)."""
    data = (INGEST / "seed-web.pdf").read_bytes()
    report = Report()
    lines = pdf_lines(data, "seed-web.pdf", report)
    assert not report.items
    assert not [line.text for line in lines if "file:///" in line.text or "4:24 PM" in line.text]
    assert {line.page for line in lines} == {str(n) for n in range(1, 44)}  # from "N/43"
    text_plan = text_edition
    web_plan, web_report = parse_text(tmp_path / "web", data, segmenter)
    assert web_plan is not None, [str(d) for d in web_report.errors]
    indicators = [r for r in _records(text_plan) if r[0] == "indicator"]
    assert [r for r in _records(web_plan) if r[0] == "indicator"] == indicators
    assert len(indicators) == 37
    web_measures = {r[3] for r in _records(web_plan) if r[0] == "measure"}
    assert [r[3] for r in _records(text_plan) if r[0] == "measure" and r[3] not in web_measures] == []


def _damaged_copies() -> list[bytes]:
    """A small valid PDF cut short at several places, and with bytes overwritten inside its
    objects, its page tree and its cross-reference table."""
    data = make_pdf([Page().text(LEFT, 780, "第一章 总体要求").grid([72, 200, 300], [700, 675, 650])])
    cuts = [data[:n] for n in (9, 60, len(data) // 2, len(data) - 40)]
    spoiled = []
    for marker in (b"/Type /Pages", b"stream\n", b"xref", b"/Font"):
        at = data.index(marker)
        spoiled.append(data[:at] + b"\x00\xff(%#" * 4 + data[at + 16:])
    return cuts + spoiled


@pytest.mark.parametrize("data", _damaged_copies())
def test_a_damaged_pdf_never_raises(data):
    report = Report()
    lines = pdf_lines(data, "plan.pdf", report)
    assert lines is not None or [d.line for d in report.errors] == [1]


@pytest.mark.skipif(not (INGEST / "seed.pdf").exists(), reason="needs /work/shared/ingest")
def test_a_plan_folder_whose_source_is_the_pdf_builds_strictly(tmp_path):
    """The seed's folder (its glossary, links.yml and reviewed.yml kept) with plan.pdf as
    source: the build passes --strict (the PDF gives no warning the text edition's review
    does not cover) and exports the 37 indicators."""
    folder = tmp_path / "content" / "seed-pdf"
    shutil.copytree(SEED_DIR, folder)
    (folder / "plan.txt").unlink()
    shutil.copy(INGEST / "seed.pdf", folder / "plan.pdf")
    meta = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(meta.replace("source: plan.txt", "source: plan.pdf"), encoding="utf-8")
    result = run_build(tmp_path / "content", tmp_path / "_site", "--strict", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    export = json.loads((tmp_path / "_site" / "data" / "seed-pdf.json").read_text(encoding="utf-8"))
    assert Counter(node["kind"] for node in export["nodes"])["indicator"] == 37
