"""Editions of the genre as they arrive: web copies, PDF extractions, other numbering styles."""
from __future__ import annotations

from pathlib import Path

from conftest import SEED_TEXT, outline, parse_text

FIXTURES = Path(__file__).parent / "fixtures"
STRUCTURE = ("front", "chapter", "section", "item", "measure", "box", "project")


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_paren_and_arabic_numbering_nest_with_fullwidth_spaces_and_page_numbers(tmp_path, segmenter):
    plan, report = parse_text(tmp_path, read("web_paren_numbering.txt"), segmenter)
    assert outline(plan, STRUCTURE) == [
        "front 朔州市“十四五”教育改革",
        "chapter 第一章 总体思路",
        "section 第一节 指导思想",
        "measure 以习近平新时代中国特色社",
        "chapter 第二章 全面落实立德树人根本任务",
        "item （一） 完善党对教育全面领导的体制机制",
        "measure 坚持和加强党对教育工作的",
        "item 1. 坚持把党的领导全面贯彻到学校工作的各个方面整个过程。",
        "measure 不断强化学校党组织建设。",
        "item （1） 实施党员名师工程，健全“双培养”机制。",
        "item （2） 落实党建带动“三全育人”工作机制。",
        "item 2. 实现党的组织和党的工作全覆盖。",
        "measure 强化全市各级各类学校的党",
        "item （二） 坚持依法依规高质量办学的基本要求",
        "measure 健全学校依法办学常态化监",
    ]
    by_id = plan.index()
    assert by_id["chp_1__sec_1__para_1"].text.endswith("的使命担当，转变育人方式，提高办学质量。")
    assert by_id["chp_2__item_1__item_1__item_2"].number == "（2）"
    assert by_id["chp_2__item_1__item_1__item_2"].depth == 3
    assert by_id["chp_2__item_2"].parent == "chp_2"
    assert plan.toc == []
    assert report.errors == []
    # page-number lines are not plan content
    assert not [n for n in plan.nodes if "— 12 —" in n.own_chars() or "第 14 页" in n.own_chars()]


def test_pdf_extraction_gives_the_same_records_as_the_web_copy(tmp_path, segmenter):
    web, _ = parse_text(tmp_path / "web", read("web_chapter5.txt"), segmenter)
    pdf, report = parse_text(tmp_path / "pdf", read("pdf_chapter5.txt"), segmenter)
    assert report.errors == []
    assert [(n.id, n.kind, n.number, n.title, n.text) for n in pdf.nodes] == \
           [(n.id, n.kind, n.number, n.title, n.text) for n in web.nodes]
    assert outline(pdf, STRUCTURE)[:6] == [
        "front 朔州市“十四五”教育改革",
        "chapter 第五章 全面推动基础教育高质量发展",
        "measure 不断优化基础教育资源配置",
        "section 第一节 实现学前教育普及普惠安全优质发展",
        "measure 全面贯彻落实国家学前教育",
        "item 一、 持续扩大普惠幼儿园规模",
    ]
    measure = next(n for n in pdf.by_kind("measure") if n.text.startswith("实施农村幼儿园补缺工程"))
    assert "2000人以下的连片村设联办幼儿园" in measure.text
    assert [p.label for p in pdf.by_kind("project")] == ["学前教育普及普惠安全发展计划", "义务教育城乡一体化发展共同体计划"]
    targets = [(t.value, t.unit, t.year) for t in pdf.by_kind("target") if t.parent == measure.id]
    assert targets == [(3, "个百分点", None), (70, "%", 2025), (90, "%", 2025)]


def test_gb18030_edition_decodes_to_the_same_plan(tmp_path, segmenter):
    text = SEED_TEXT.read_text(encoding="utf-8")
    utf8, _ = parse_text(tmp_path / "u", text, segmenter)
    gbk, report = parse_text(tmp_path / "g", text.encode("gb18030"), segmenter)
    assert [n.own_chars() for n in gbk.nodes] == [n.own_chars() for n in utf8.nodes]
    assert [d.code for d in report.warnings if d.line == 1] == ["encoding-gb18030"]


def test_toc_differences_are_warnings_with_both_lines(tmp_path, segmenter):
    text = "\n".join([
        "目录", "第一章 总体思路", "- 第一节 指导思想 12", "- 第二节 基本原则 13", "- 第四节 保障措施 15",
        "第一章 总体思路", "第一节 指导思想", "坚持以人民为中心。",
        "第二节 基本原则与要求", "坚持党的领导。", "第三节 发展目标", "到2025年，普惠率达到95%以上。",
    ])
    plan, report = parse_text(tmp_path, text, segmenter)
    assert [(d.line, d.code) for d in report.warnings] == [
        (4, "toc-mismatch"), (5, "toc-missing"), (11, "toc-absent")]
    mismatch = report.warnings[0].message
    assert "基本原则" in mismatch and "line 9" in mismatch and "基本原则与要求" in mismatch
    assert plan.index()["chp_1__sec_1"].page == 12


def test_numbering_gaps_are_errors_and_repeats_warnings(tmp_path, segmenter):
    """二、 and 第二节 never come: if their headings were lost, their text is cited as 一、's
    and 第一节's (issue 20), so the gaps are errors; 三、 printed twice is a warning."""
    text = "\n".join([
        "第一章 总体思路", "第一节 指导思想", "一、坚持党的领导", "坚持党的领导。",
        "三、坚持改革创新", "坚持改革创新。", "三、坚持依法治教", "坚持依法治教。",
        "第三节 发展目标", "到2025年，普惠率达到95%以上。",
    ])
    plan, report = parse_text(tmp_path, text, segmenter)
    assert sorted((d.line, d.code) for d in report.errors) == [(5, "numbering-gap"), (9, "numbering-gap")]
    assert sorted((d.line, d.code) for d in report.warnings) == [(7, "numbering-duplicate")]
    (tmp_path / "content" / "plan" / "reviewed.yml").write_text(  # the plan is printed so
        "warnings:\n  - {code: numbering-gap, text: 三、坚持改革创新}\n"
        "  - {code: numbering-gap, text: 第三节 发展目标}\n", encoding="utf-8")
    plan, report = parse_text(tmp_path, text, segmenter)
    assert report.errors == []
    assert [n.id for n in plan.by_kind("item")] == [
        "chp_1__sec_1__item_1", "chp_1__sec_1__item_3", "chp_1__sec_1__item_3_2"]
