"""Plans as published (issue 18): the kind of a file from its bytes, the Word and web-page
converters, the text normalisation every source gets, and the documents of
``../shared/ingest/`` read to the records of their text edition."""
from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import META, ROOT, SEED_DIR
from generator.build import read_and_parse
from generator.read.lines import SourceLine
from generator.read.normalise import normalise
from generator.read.published import OLE_HEADER, published_lines, sniff
from generator.render.export import link_record, node_record
from generator.structure.diagnostics import InputRejected, Report
from realplans import REALPLANS

INGEST = next((p for p in (ROOT.parent / "shared" / "ingest", Path("/work/shared/ingest")) if p.is_dir()),
              ROOT.parent / "shared" / "ingest")  # ../shared/ingest/ beside the checkout (CI's layout), or the workplace's
needs_ingest = pytest.mark.skipif(not INGEST.is_dir() or REALPLANS is None,
                                  reason="../shared/ingest/ and ../shared/realplans/ are not beside this checkout")
FIXTURES = Path(__file__).parent / "fixtures" / "published"


def lines_of(data: bytes, where: str = "plan.bin") -> tuple[list[str] | None, Report]:
    report = Report()
    lines = published_lines(data, where, report)
    return (None if lines is None else [line.text for line in lines if line.text.strip()]), report


# -- the kind from the bytes ----------------------------------------------------------

def _docx_bytes(build) -> bytes:
    import docx

    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n...", "pdf"),
    (OLE_HEADER + b"\x00" * 100, "ole"),
    (b"<!DOCTYPE html><html><body></body></html>", "html"),
    (b"\xef\xbb\xbf  \n<!-- saved -->\n<HTML lang=zh>", "html"),
    ("<html>\n<p>一、总体要求</p>".encode("gbk"), "html"),
    ("第一章 总体要求\n".encode(), "text"),
    (b"PK\x03\x04 not really a zip", "text"),
    ("<p>一段</p>".encode(), "text"),  # a fragment without <html is text
])
def test_the_kind_is_read_from_the_bytes(data, kind):
    assert sniff(data) == kind


def test_a_word_file_is_found_whatever_its_name():
    data = _docx_bytes(lambda d: d.add_paragraph("第一章 总体要求"))
    assert sniff(data) == "docx"
    assert lines_of(data, "plan.txt")[0] == ["第一章 总体要求"]


def test_an_old_word_file_without_libreoffice_says_to_save_it_as_docx(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    lines, report = lines_of(OLE_HEADER + b"\x00" * 512, "plan.doc")
    assert lines is None
    assert [(d.path, d.line, d.code) for d in report.errors] == [("plan.doc", 1, "doc-needs-office")]
    assert "save it as .docx" in report.errors[0].message


# -- normalisation ----------------------------------------------------------------------

def test_spaces_between_chinese_and_digits_are_removed():
    assert normalise(["2022 年 9 月 6 日印发", "共 12 所学校，占 93.5% 以上"]).lines == ["2022年9月6日印发",
                                                                                "共12所学校，占93.5%以上"]


def test_a_caption_number_keeps_its_space():
    assert normalise(["表1 主要发展指标", "专栏 1 重点工程"]).lines == ["表1 主要发展指标", "专栏1重点工程"]


def test_no_break_and_zero_width_spaces():
    assert normalise(["A\u00a0B\u200bC\u3000D"]).lines == ["A BC\u3000D"]


def test_kangxi_radicals_and_compatibility_ideographs_are_folded():
    # ⼈ U+2F08 KANGXI RADICAL MAN, ⺠ U+2EA0 CJK RADICAL CIVILIAN, ⾏ U+2F8F KANGXI RADICAL WALK,
    # 豈 U+F900 a compatibility ideograph (of 豈 U+8C48); 﨑 U+FA11 is a unified ideograph of that
    # block (no decomposition) and stays
    result = normalise(["第一章", "坚持以\u2f08\u2ea0为中心，\u2f8f动", "\uf900\ufa11"])
    assert result.lines == ["第一章", "坚持以人民为中心，行动", "\u8c48\ufa11"]
    assert (result.folded, result.first_folded_line) == (4, 2)


def test_a_text_file_with_look_alikes_gets_a_warning_naming_the_count_and_first_line():
    lines, report = lines_of("第一章 总体要求\n坚持以\u2f08\u2ea0为中心。\n".encode())
    assert lines == ["第一章 总体要求", "坚持以人民为中心。"]
    assert [(d.line, d.code) for d in report.warnings] == [(2, "look-alike-characters")]
    assert "2 look-alike" in report.warnings[0].message


def test_ocr_page_numbers_are_dropped_and_lines_kept():
    text = ["（一）推进光伏等非一1一化石能源发展，", "-3", "构建清洁低碳的能源", "7", "体系。", "— 12",
            "二、保障措施", "加强组织领导。", "最后一段没有句号", "13", "14"]
    assert normalise(text).lines == ["（一）推进光伏等非化石能源发展，", "", "构建清洁低碳的能源", "", "体系。", "",
                                     "二、保障措施", "加强组织领导。", "最后一段没有句号", "", ""]


def test_a_number_after_a_finished_sentence_or_in_a_table_and_a_year_are_kept():
    text = ["到2025年达到以下目标。", "3", "| 指标 | 2020年 |", "95", "到", "2035", "年基本实现。"]
    assert normalise(text).lines == text


# -- Word -------------------------------------------------------------------------------

def _numbered_list(document, num_id: int, fmt: str, text: str, start: int = 1) -> None:
    """Add a one-level list definition (abstractNum ``num_id`` and num ``num_id``) to the document."""
    numbering = document.part.numbering_part.element
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    abstract = etree.fromstring(
        f'<w:abstractNum xmlns:w="{w}" w:abstractNumId="{num_id}"><w:lvl w:ilvl="0"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
        f'<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>'
        f'</w:abstractNum>')
    first_num = numbering.find(f"{{{w}}}num")
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    numbering.append(etree.fromstring(
        f'<w:num xmlns:w="{w}" w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def _numbered(container, text: str, num_id: int, level: int = 0):
    """A paragraph of list ``num_id`` at ``level`` added to a document or a table cell."""
    from docx.oxml import parse_xml

    paragraph = container.add_paragraph(text)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return paragraph


def test_a_word_file_unpacking_to_more_than_the_limit_is_refused(monkeypatch):
    import generator.read.docx as word

    data = _docx_bytes(lambda d: d.add_paragraph("第一章 总体要求"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
    monkeypatch.setattr(word, "MAX_UNPACKED", unpacked - 1)
    lines, report = lines_of(data, "plan.docx")
    assert lines is None and [d.code for d in report.errors] == ["docx-too-large"]
    monkeypatch.setattr(word, "MAX_UNPACKED", unpacked)
    assert lines_of(data)[0] == ["第一章 总体要求"]


def test_word_automatic_numbering_is_rendered():
    def build(document):
        _numbered_list(document, 71, "chineseCounting", "%1、")
        _numbered_list(document, 72, "chineseCounting", "（%1）")
        _numbered_list(document, 73, "decimalEnclosedCircle", "%1")
        document.add_paragraph("第一章 总体要求")
        for title in ("加强领导", "强化保障"):
            _numbered(document, title, 71)
        _numbered(document, "细化分工", 71, level=1)
        _numbered(document, "压实责任", 71, level=1)
        for n in range(11):
            _numbered(document, f"第{n + 1}项", 72)
        _numbered(document, "圆圈", 73)
        _numbered(document, "三项", 71)
        _numbered(document, "重新计数", 71, level=1)

    lines, report = lines_of(_docx_bytes(build))
    assert report.items == []
    assert lines == ["第一章 总体要求", "一、加强领导", "二、强化保障", "1.细化分工", "2.压实责任",
                     *[f"（{n}）第{i}项" for i, n in enumerate("一二三四五六七八九十", 1)], "（十一）第11项",
                     "①圆圈", "三、三项", "1.重新计数"]


def test_word_tables_give_pipe_rows_with_merged_cells_once():
    def build(document):
        table = document.add_table(rows=4, cols=4)
        for r, row in enumerate([["学段", "指标", "2020年", "2025年"], ["学前教育", "入园率", "93.56", "99"],
                                 ["", "普惠率", "75", "88"], ["合计说明", "", "", ""]]):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        table.cell(1, 0).merge(table.cell(2, 0))  # 学前教育 down two rows
        table.cell(3, 0).merge(table.cell(3, 3))  # a note across the row

    lines, _ = lines_of(_docx_bytes(build))
    assert lines == ["| 学段 | 指标 | 2020年 | 2025年 |", "|---|---|---|---|",
                     "| 学前教育 | 入园率 | 93.56 | 99 |", "|  | 普惠率 | 75 | 88 |", "| 合计说明 |  |  |  |"]


def test_a_one_column_word_table_is_a_box_read_as_lines():
    def build(document):
        document.add_paragraph("为推进工作，制定本方案。")
        table = document.add_table(rows=2, cols=1)
        table.cell(0, 0).text = "专栏1：重点工程"
        table.cell(1, 0).text = "1.学前教育扩容工程。"
        table.cell(1, 0).add_paragraph("2.县中振兴工程。")

    assert lines_of(_docx_bytes(build))[0] == ["为推进工作，制定本方案。", "专栏1：重点工程", "1.学前教育扩容工程。",
                                                "2.县中振兴工程。"]


def test_word_page_number_fields_and_line_breaks():
    from docx.oxml import parse_xml

    def build(document):
        paragraph = document.add_paragraph("第一行")
        paragraph.add_run().add_break()
        paragraph.add_run("第二行")
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        paragraph._p.append(parse_xml(f'<w:fldSimple xmlns:w="{w}" w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>'))
        for run in ('<w:fldChar w:fldCharType="begin"/>', "<w:instrText> NUMPAGES </w:instrText>",
                    '<w:fldChar w:fldCharType="separate"/>', "<w:t>79</w:t>", '<w:fldChar w:fldCharType="end"/>'):
            paragraph._p.append(parse_xml(f'<w:r xmlns:w="{w}">{run}</w:r>'))
        document.sections[0].footer.paragraphs[0].text = "— 1 —"

    assert lines_of(_docx_bytes(build))[0] == ["第一行", "第二行"]


def test_a_damaged_word_file_is_refused():
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("word/document.xml", "<<< not XML")  # and no [Content_Types].xml
    lines, report = lines_of(archive.getvalue(), "plan.docx")
    assert lines is None and [(d.path, d.line, d.code) for d in report.errors] == [("plan.docx", 1, "docx-unreadable")]


# -- whole documents against their text edition -----------------------------------------

def _records(content: Path, segmenter) -> tuple[list[dict], list[dict]]:
    """The plan's nodes (export records without lines and URLs) and links, by reading its folder."""
    plan = read_and_parse(content, Report(), segmenter)[0]
    nodes = []
    for node in plan.nodes:
        record = node_record(node, "", plan.indicator_of)
        for key in ("line", "end_line", "url"):
            record.pop(key)
        nodes.append(record)
    return nodes, [link_record(link) for link in plan.links]


def _plan_folder(tmp_path: Path, source: Path, meta_folder: Path, name: str, extras: str = "*.yml") -> Path:
    """A content folder holding one plan, ``source`` with ``meta_folder``'s plan.yml (and its
    other files matching ``extras``), ``source:`` naming it."""
    folder = tmp_path / name / "plan"
    folder.mkdir(parents=True)
    for extra in {*meta_folder.glob(extras), meta_folder / "plan.yml"}:
        shutil.copy(extra, folder / extra.name)
    shutil.copy(source, folder / source.name)
    meta = (folder / "plan.yml").read_text(encoding="utf-8")
    (folder / "plan.yml").write_text(
        "\n".join(f"source: {source.name}" if line.startswith("source:") else line for line in meta.splitlines()),
        encoding="utf-8")
    return folder.parent


def _printed_across_pages(node: dict) -> bool:
    """A node that exists only because the text edition was printed on pages: a 专栏 resumed
    after a page break, a table's part after its header was repeated on the next page."""
    return node["kind"] == "box_continuation" or (node["kind"] == "table" and (node.get("part") or 1) > 1)


def _same_records(text_edition: tuple, published: tuple) -> None:
    expected_nodes = [n for n in text_edition[0] if not _printed_across_pages(n)]
    got_nodes = [n for n in published[0] if not _printed_across_pages(n)]
    for nodes in (expected_nodes, got_nodes):
        for node in nodes:
            if node["kind"] == "table" and node["text"]:
                node["text"] = "".join(node["text"].split())  # a header cell's spaces as the copy left them
    assert [n["id"] for n in got_nodes] == [n["id"] for n in expected_nodes]
    for got, expected in zip(got_nodes, expected_nodes):
        assert got == expected
    assert published[1] == text_edition[1]


@pytest.fixture(scope="module")
def seed_records(segmenter):
    return _records(SEED_DIR.parent, segmenter)


@needs_ingest
def test_numbered_docx_gives_its_chapters_points_and_box(tmp_path, segmenter):
    content = _plan_folder(tmp_path, INGEST / "numbered.docx", SEED_DIR, "numbered", extras="plan.yml")
    nodes, _ = _records(content, segmenter)
    shape = [(n["kind"], n["number"], n["title"]) for n in nodes if n["kind"] in ("chapter", "section", "item", "box", "project")]
    assert shape == [("chapter", "第一章", "总体要求"), ("section", "第一节", "主要任务"),
                     ("item", "一、", "扩大普惠性学前教育资源"), ("item", "二、", "推进义务教育优质均衡发展"),
                     ("item", "三、", "提升普通高中办学质量"), ("box", "专栏1：", "重点工程"),
                     ("project", "1.", "学前教育扩容工程。"), ("project", "2.", "县中振兴工程。"),
                     ("chapter", "第二章", "保障措施"), ("item", "1.", "加强组织领导。"), ("item", "2.", "强化经费保障。")]


@needs_ingest
def test_seed_docx_reads_to_the_records_of_its_text_edition(tmp_path, segmenter, seed_records):
    content = _plan_folder(tmp_path, INGEST / "seed.docx", SEED_DIR, "docx")
    _same_records(seed_records, _records(content, segmenter))


@needs_ingest
def test_seed_doc_is_read_through_libreoffice_or_refused_with_advice(tmp_path, segmenter, seed_records):
    from generator.read.office import office_program

    content = _plan_folder(tmp_path, INGEST / "seed.doc", SEED_DIR, "doc")
    if office_program() is None:
        report = Report()
        with pytest.raises(InputRejected):
            read_and_parse(content, report, segmenter)
        assert [d.code for d in report.errors] == ["doc-needs-office"]
    else:
        _same_records(seed_records, _records(content, segmenter))


# -- web pages --------------------------------------------------------------------------

def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_the_article_container_is_read_and_the_site_chrome_left_out():
    lines, report = lines_of(_fixture("container.html"), "plan.html")
    assert report.items == []
    assert lines == ["某市“十四五”某某发展规划", "第一章 总体要求", "到2025年，全市 学前教育毛入园率达到95%。",
                     "其中普惠率达到85%。", "一、加强组织领导"]


def test_a_gb2312_page_is_decoded_by_its_declared_charset():
    data = _fixture("gbk.html")
    assert b"charset=gb2312" in data and "总体要求".encode("gbk") in data
    assert lines_of(data)[0] == ["第一章 总体要求", "坚持以人民为中心，推进教育公平。"]


def test_rowspan_and_colspan_give_a_cell_once_and_a_one_column_table_is_a_box():
    assert lines_of(_fixture("spans.html"))[0] == [
        "主要指标如下。",
        "| 学段 | 指标 | 2020年 | 2025年 |", "|---|---|---|---|",
        "| 学前教育 | 入园率（%） | 93.56 | 99 |", "|  | 普惠率（%） | 75 | 88 |",
        "| 义务教育 巩固率（%） |  | 98 | 100 |",
        "专栏1：重点工程", "1.学前教育扩容工程。", "2.县中振兴工程。", "完。"]


def test_absurd_spans_give_a_bounded_table():
    page = ("<html><body><div id='zoom'><p>到2025年，主要发展指标如下表所示。</p><table><tr><td rowspan='100000' colspan='100000'>a</td>"
            "<td>b</td></tr><tr><td>c</td></tr></table></div></body></html>")
    lines = lines_of(page.encode())[0]
    assert lines[1] == "| a |" + "  |" * 63 + " b |"
    assert lines[3] == "|" + "  |" * 64 + " c |"
    assert len(lines) == 4


def test_without_a_container_the_largest_block_of_paragraphs_is_the_article():
    assert lines_of(_fixture("largest_block.html"))[0] == [
        "第一章 总体要求", "坚持以人民为中心，推进教育公平，办好人民满意的教育。", "一、加强组织领导"]


def test_a_page_without_an_article_is_refused():
    lines, report = lines_of(_fixture("no_article.html"), "plan.html")
    assert lines is None
    assert [(d.path, d.line, d.code) for d in report.errors] == [("plan.html", 1, "html-no-article")]


def test_a_page_whose_bytes_break_its_charset_is_refused_at_its_line():
    data = b'<html><head><meta charset="utf-8"></head>\n<body><div id="zoom"><p>\xb5\xda\xd2\xbb</p></div></body></html>'
    lines, report = lines_of(data, "plan.html")
    assert lines is None
    assert [(d.line, d.code) for d in report.errors] == [(2, "encoding")]


@needs_ingest
def test_seed_html_reads_to_the_records_of_its_text_edition(tmp_path, segmenter, seed_records):
    content = _plan_folder(tmp_path, INGEST / "seed.html", SEED_DIR, "html")
    _same_records(seed_records, _records(content, segmenter))


@needs_ingest
def test_the_real_govcn_page_reads_to_the_records_of_zhijiao(tmp_path, segmenter):
    zhijiao = REALPLANS / "zhijiao"
    text_edition = _records(_plan_folder(tmp_path, zhijiao / "plan.txt", zhijiao, "txt"), segmenter)
    published = _records(_plan_folder(tmp_path, INGEST / "zhijiao_govcn.html", zhijiao, "html"), segmenter)
    assert published == text_edition


# -- python -m generator extract ----------------------------------------------------------

def _extract(folder: Path, capsys, *flags: str) -> tuple[int, list[str], str]:
    from generator.__main__ import main

    status = main(["extract", *flags, str(folder)])
    out, err = capsys.readouterr()
    return status, out.split("\n")[:-1], err


def test_extract_prints_the_normalised_lines_one_for_one(tmp_path, capsys):
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.yml").write_text(META, encoding="utf-8")
    (folder / "plan.txt").write_text("第一章 总体要求\n\n到 2025 年，入园率达到\u00a095%，\n— 3 —\n普惠率达到85%。\n",
                                     encoding="utf-8")
    status, lines, err = _extract(folder, capsys)
    assert (status, err) == (0, "")
    assert lines == ["第一章 总体要求", "", "到2025年，入园率达到95%，", "", "普惠率达到85%。"]  # the page number dropped
    assert _extract(folder, capsys, "-n")[1][2] == "3\t到2025年，入园率达到95%，"


def test_extract_of_a_folder_that_cannot_be_read_exits_2_with_the_error(tmp_path, capsys):
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.yml").write_text(META.replace("plan.txt", "plan.html"), encoding="utf-8")
    (folder / "plan.html").write_bytes(_fixture("no_article.html"))
    status, lines, err = _extract(folder, capsys)
    assert (status, lines) == (2, [])
    assert err == f"{folder / 'plan.html'}:1: error: " + err.split(": error: ", 1)[1]
    assert err.rstrip().endswith("[html-no-article]")
    assert _extract(tmp_path, capsys)[0] == 2  # no plan.yml


@needs_ingest
def test_a_word_files_diagnostics_name_the_line_extract_prints(tmp_path, capsys, segmenter):
    content = _plan_folder(tmp_path, INGEST / "seed.docx", SEED_DIR, "docx")
    report = Report()
    read_and_parse(content, report, segmenter)
    traditional = [d for d in report.items if d.code == "traditional-character"]
    assert [d.excerpt for d in traditional] == ["宽普职融通路徑。", "县实现了中小學生营养餐计划全", "全面开展中小學生每周至少一天",
                                                "健全学生和家長参与教师评价制"]
    _, lines, _ = _extract(content / "plan", capsys)
    for diagnostic, character in zip(traditional, "徑學學長"):
        assert diagnostic.path == str(content / "plan" / "seed.docx")
        assert character in lines[diagnostic.line - 1]


# -- diagnostics of a paged source name the printed page ---------------------------------

def test_a_diagnostic_on_a_paged_line_prints_its_page():
    report = Report()
    report.paged("plan.pdf", {2: "12"})
    report.warning("plan.pdf", 2, "latin-word", "Latin word")
    report.warning("plan.pdf", 3, "other", "no page known")
    report.warning("plan.txt", 2, "other", "another file")
    assert [str(d) for d in report.items] == ["plan.pdf:p.12: warning: Latin word [latin-word]",
                                              "plan.pdf:3: warning: no page known [other]",
                                              "plan.txt:2: warning: another file [other]"]
    assert report.items[0].line == 2


def test_a_pdf_plans_warnings_name_the_printed_page(tmp_path, monkeypatch, segmenter):
    import generator.read.pdf as pdf

    converted = [SourceLine("某市“十四五”某某发展规划", "1"), SourceLine("第一章 总体要求", "3"),
                 SourceLine("统筹学校布局 and 资源配置，推进教育公平。", "4")]
    monkeypatch.setattr(pdf, "pdf_lines", lambda data, where, report: converted)
    content = tmp_path / "content"
    folder = content / "plan"
    folder.mkdir(parents=True)
    (folder / "plan.yml").write_text(META.replace("plan.txt", "plan.pdf"), encoding="utf-8")
    (folder / "plan.pdf").write_bytes(b"%PDF-1.7\n")
    report = Report()
    read_and_parse(content, report, segmenter)
    latin = [d for d in report.items if d.code == "latin-word"]
    assert [(d.line, d.page, d.where) for d in latin] == [(3, "4", f"{folder / 'plan.pdf'}:p.4")]


def test_two_spaces_between_a_number_and_chinese_align_columns_and_stay():
    assert normalise(["1       师德师风建设      开展师德培训"]).lines == ["1       师德师风建设      开展师德培训"]


# -- .doc/.wps through LibreOffice (a stand-in soffice on PATH) ---------------------------

FAKE_SOFFICE = """#!{python}
import os, shutil, sys, time
args = sys.argv[1:]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(" ".join(a for a in args if a.startswith("-env:UserInstallation=")) + "\\n")
time.sleep(float(os.environ.get("FAKE_SLEEP", "0")))
out = args[args.index("--outdir") + 1]
os.makedirs(out, exist_ok=True)
if os.environ.get("FAKE_DOCX"):
    shutil.copy(os.environ["FAKE_DOCX"], os.path.join(out, "in.docx"))
else:
    sys.stderr.write("Error: source file could not be loaded\\n")
    sys.exit(1)
"""


@pytest.fixture
def fake_soffice(tmp_path, monkeypatch):
    """A stand-in ``soffice`` first on PATH: it logs its profile argument, sleeps FAKE_SLEEP
    seconds and 'converts' by copying FAKE_DOCX (or fails when that is unset)."""
    import sys as _sys

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "soffice"
    program.write_text(FAKE_SOFFICE.format(python=_sys.executable), encoding="utf-8")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    return tmp_path / "calls.log"


def test_a_doc_file_is_converted_by_libreoffice_with_a_profile_of_its_own(tmp_path, monkeypatch, fake_soffice):
    docx_file = tmp_path / "converted.docx"
    docx_file.write_bytes(_docx_bytes(lambda d: d.add_paragraph("第一章 总体要求")))
    monkeypatch.setenv("FAKE_DOCX", str(docx_file))
    for _ in range(2):
        lines, report = lines_of(OLE_HEADER + b"\x00" * 512, "plan.doc")
        assert (lines, report.items) == (["第一章 总体要求"], [])
    profiles = fake_soffice.read_text(encoding="utf-8").split()
    assert len(profiles) == 2 and len(set(profiles)) == 2
    assert all(p.startswith("-env:UserInstallation=file:///") for p in profiles)


def test_a_failed_or_slow_conversion_is_an_error_naming_the_file(monkeypatch, fake_soffice):
    import generator.read.office as office

    lines, report = lines_of(OLE_HEADER + b"\x00" * 512, "plan.wps")  # FAKE_DOCX unset: the stand-in fails
    assert lines is None and [(d.path, d.code) for d in report.errors] == [("plan.wps", "doc-unconvertible")]
    assert "source file could not be loaded" in report.errors[0].message
    monkeypatch.setattr(office, "TIMEOUT", 0.5)
    monkeypatch.setenv("FAKE_SLEEP", "30")
    lines, report = lines_of(OLE_HEADER + b"\x00" * 512, "plan.doc")
    assert lines is None and [d.code for d in report.errors] == ["doc-timeout"]


def test_numbering_given_by_a_paragraph_style_is_rendered():
    from docx.oxml import parse_xml

    def build(document):
        _numbered_list(document, 75, "chineseCounting", "第%1章")
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        style = document.styles["Heading 1"].element
        style.get_or_add_pPr().append(parse_xml(
            f'<w:numPr xmlns:w="{w}"><w:ilvl w:val="0"/><w:numId w:val="75"/></w:numPr>'))
        document.add_heading("总体要求", level=1)
        document.add_paragraph("坚持以人民为中心。")
        document.add_heading("保障措施", level=1)

    assert lines_of(_docx_bytes(build))[0] == ["第一章 总体要求", "坚持以人民为中心。", "第二章 保障措施"]


def test_the_findings_page_of_a_pdf_plan_names_the_printed_page(tmp_path, monkeypatch, segmenter):
    import generator.read.pdf as pdf
    from generator.build import build

    converted = [SourceLine("某市“十四五”某某发展规划", "1"), SourceLine("第一章 总体要求", "3"),
                 SourceLine("统筹学校布局 and 资源配置，推进教育公平。", "4")]
    monkeypatch.setattr(pdf, "pdf_lines", lambda data, where, report: converted)
    folder = tmp_path / "content" / "plan"
    folder.mkdir(parents=True)
    (folder / "plan.yml").write_text(META.replace("plan.txt", "plan.pdf"), encoding="utf-8")
    (folder / "plan.pdf").write_bytes(b"%PDF-1.7\n")
    result = build(tmp_path / "content", tmp_path / "site", segmenter=segmenter)
    assert result.written
    findings = (tmp_path / "site" / "plan" / "findings.html").read_text(encoding="utf-8")
    assert "原文第 4 页" in findings and "原文第 3 行" not in findings


def test_tracked_changes_read_as_accepted():
    from docx.oxml import parse_xml

    def build(document):
        paragraph = document.add_paragraph("到2025年，")
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        for change in ('<w:ins w:id="1" w:author="a"><w:r><w:t>入园率达到95%。</w:t></w:r></w:ins>',
                       '<w:del w:id="2" w:author="a"><w:r><w:delText>入园率达到90%。</w:delText></w:r></w:del>',
                       '<w:moveFrom w:id="3" w:author="a"><w:r><w:t>移走的句子。</w:t></w:r></w:moveFrom>'):
            paragraph._p.append(parse_xml(change.replace("<w:ins ", f'<w:ins xmlns:w="{w}" ')
                                          .replace("<w:del ", f'<w:del xmlns:w="{w}" ')
                                          .replace("<w:moveFrom ", f'<w:moveFrom xmlns:w="{w}" ')))

    assert lines_of(_docx_bytes(build))[0] == ["到2025年，入园率达到95%。"]


def test_numbered_lines_in_a_table_cell_count_once():
    def build(document):
        _numbered_list(document, 76, "decimal", "%1.")
        table = document.add_table(rows=2, cols=2)
        table.cell(0, 0).text, table.cell(0, 1).text = "工作事项", "主要内容"
        table.cell(1, 0).text = "健康促进"
        cell = table.cell(1, 1)
        cell._tc.remove(cell.paragraphs[0]._p)  # the empty paragraph a new cell holds
        for text in ("开展健康教育。", "建设健康学校。"):
            _numbered(cell, text, 76)

    assert lines_of(_docx_bytes(build))[0] == ["| 工作事项 | 主要内容 |", "|---|---|",
                                                "| 健康促进 | 1.开展健康教育。 2.建设健康学校。 |"]


def test_a_page_declaring_no_charset_is_read_as_utf8_or_gb18030():
    page = "<html><body><div id='zoom'><p>第一章 总体要求</p><p>坚持以人民为中心，推进教育公平。</p></div></body></html>"
    assert lines_of(page.encode())[0] == ["第一章 总体要求", "坚持以人民为中心，推进教育公平。"]
    lines, report = lines_of(page.encode("gbk"))
    assert lines == ["第一章 总体要求", "坚持以人民为中心，推进教育公平。"]
    assert [d.code for d in report.items] == ["encoding-gb18030"]


def test_paragraphs_inside_content_controls_and_custom_xml_are_read_in_order():
    from docx.oxml import parse_xml

    def build(document):
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        document.add_paragraph("第一章 总体要求")
        body = document.element.body
        sect = body[-1]  # sectPr stays last
        sect.addprevious(parse_xml(
            f'<w:sdt xmlns:w="{w}"><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>目 录</w:t></w:r></w:p>'
            f'</w:sdtContent></w:sdt>'))
        sect.addprevious(parse_xml(
            f'<w:customXml xmlns:w="{w}" w:element="plan"><w:p><w:r><w:t>坚持以人民为中心。</w:t></w:r></w:p></w:customXml>'))
        document.add_paragraph("第二章 保障措施")

    assert lines_of(_docx_bytes(build))[0] == ["第一章 总体要求", "目 录", "坚持以人民为中心。", "第二章 保障措施"]


def test_a_zero_width_character_in_a_converted_heading_is_named_and_removed():
    """Issue 21's 第\u200d六章 in a Word file and a web page, not only in a text file: the
    heading is read and the warning names the character at the line ``extract`` prints."""
    docx_data = _docx_bytes(lambda d: [d.add_paragraph("第一章 总体要求"), d.add_paragraph("第\u200d二章 主要任务")])
    prose = "".join(f"<p>加强学校建设，提高教育质量，推进第{n}项改革任务落实。</p>" for n in range(1, 9))
    html_data = (f"<html><body><div id='zoom'>{prose}<p>第一章 总体要求</p><p>第\u200d二章 主要任务</p></div>"
                 "</body></html>").encode()
    for data, name in ((docx_data, "plan.docx"), (html_data, "plan.html")):
        report = Report()
        lines = [line.text for line in published_lines(data, name, report)]
        assert lines[-2:] == ["第一章 总体要求", "第二章 主要任务"], name
        [warning] = [d for d in report.warnings if d.code == "invisible-character"]  # named once
        assert "ZERO WIDTH JOINER (U+200D)" in warning.message, name
        # at the line extract prints (the Word file's second paragraph); a web page's, at its own line
        assert warning.line == (2 if name == "plan.docx" else 1), name
