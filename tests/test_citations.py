"""Citations name the same parts in every plan's form (generator/paginate/pages.py ``cite``):
the numbers of the divisions, then the innermost chapter's or section's title, then a
point's number and title, then the paragraph."""
from __future__ import annotations

import pytest

from conftest import parse_text
from generator.paginate.pages import paginate
from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from realplans import REALPLANS, copied

# Invented text in the State Council's form: 一、 divisions, （一） sections, no points.
TEXT = "\n".join([
    "一、总体要求",
    "（一）指导思想。全面贯彻党的教育方针。",
    "坚持立德树人。",
    "二、主要任务",
    "（二）完善学校治理结构。推进依法治校。",
])


def test_a_paragraph_under_a_section_without_points_names_the_section(tmp_path, segmenter):
    plan, _ = parse_text(tmp_path, TEXT, segmenter)
    site = paginate(plan, segmenter)
    paragraphs = [n for n in plan.by_kind("measure") if n.parent]
    assert [site.citations[n.id].split("》", 1)[1] for n in paragraphs] == [
        "一、（一） 指导思想。 第1段", "一、（一） 指导思想。 第2段", "二、（二） 完善学校治理结构。 第1段"]


@pytest.mark.skipif(REALPLANS is None, reason="../shared/realplans is not here")
def test_zhijiao_citations_carry_the_section_title(tmp_path, segmenter):
    content = tmp_path / "content"
    copied(REALPLANS / "zhijiao", content)
    plan = read_and_parse(content, Report(), segmenter)[0]
    site = paginate(plan, segmenter)
    section = next(n for n in plan.by_kind("section") if n.number == "（十二）")
    first = next(n for n in plan.by_kind("measure") if n.parent == section.id)
    assert site.citations[first.id] == (
        "《国家职业教育改革实施方案》三、（十二） 多措并举打造“双师型”教师队伍。 第1段")


# Invented text in the seed's form: 第X章, 第X节, points 一、 under a section.
POINTS = "\n".join([
    "第一章 推动基础教育发展",
    "第一节 实现学前教育普及普惠",
    "一、持续扩大普惠园规模",
    "优化布局。",
    "第二节 强化信息化",
    "建设教育大数据平台。",
])


def test_a_paragraph_under_a_point_names_its_section_and_its_point(tmp_path, segmenter):
    plan, _ = parse_text(tmp_path, POINTS, segmenter)
    site = paginate(plan, segmenter)
    paragraphs = [n for n in plan.by_kind("measure") if n.parent]
    assert [site.citations[n.id].split("》", 1)[1] for n in paragraphs] == [
        "第一章第一节 实现学前教育普及普惠 一、持续扩大普惠园规模 第1段",
        "第一章第二节 强化信息化 第1段"]
