"""Responsibility as data in real plans (tests/fixtures/realplans): expected values written by
reading each plan.txt. 国发〔2018〕42号 (nongji-zhuangbei): notes whose first department leads
(列第一位者为牵头单位，下同); 国办发〔2018〕126号 (chuangxin-tuiguang): a table whose 指导部门
column names the departments of each 改革举措."""
from __future__ import annotations

import pytest

from generator.build import read_and_parse
from generator.parse.duties import departments
from generator.structure.diagnostics import Report
from realplans import FIXTURE_REALPLANS, copied


@pytest.fixture(scope="module")
def plans(tmp_path_factory, segmenter):
    content = tmp_path_factory.mktemp("duties-realplans")
    for name in ("nongji-zhuangbei", "chuangxin-tuiguang"):
        copied(FIXTURE_REALPLANS / name, content)
    return {plan.meta.slug: plan for plan in read_and_parse(content, Report(), segmenter)}


def test_which_tasks_a_ministry_leads(plans):
    """哪些任务由农业农村部牵头？ The notes of （七）…（十五）, （十七）, （二十） name it first, and
    （十八） names it 牵头负责: twelve; it supports （三）…（六） and （十六）, where another
    department is named first."""
    plan = plans["nongji-zhuangbei"]
    lead, support = departments(plan.duties)["农业农村部"]
    sections = lambda duties: [d.task.split("__")[1] for d in duties]  # noqa: E731
    assert sections(lead) == ["sec_7", "sec_8", "sec_9", "sec_10", "sec_11", "sec_12", "sec_13", "sec_14",
                              "sec_15", "sec_17", "sec_18", "sec_20"]
    assert sections(support) == ["sec_3", "sec_4", "sec_5", "sec_6", "sec_16"]
    assert departments(plan.duties)["各省级人民政府"] == ([d for d in plan.duties if d.task == "chp_8__sec_19__para_1"], [])


def test_a_guiding_department_column_gives_each_row_its_departments(plans):
    plan = plans["chuangxin-tuiguang"]
    rows = {d.task: d for d in plan.duties}
    first = rows["tbl_1__tr_2"]  # printed 1, under the group row 一、知识产权保护方面（共5项）
    assert (first.label, first.lead, first.support, first.via) == (
        "知识产权民事、刑事、行政案件“三合一”审判", ["最高人民法院", "最高人民检察院", "国家知识产权局"], [], "table")
    last = rows["tbl_1__tr_22"]  # printed 23
    assert (last.label, last.lead) == ("以地方立法形式建立推动改革创新的决策容错机制", ["国家发展改革委", "国务院国资委", "审计署"])
    assert "tbl_1__tr_1" not in rows  # a group row names no department
    assert len(plan.duties) == 17  # the 17 measures the (abridged) list prints
