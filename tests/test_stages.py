"""The stage-view rule: a clause concerns a stage when its text or a heading above it names it."""
from __future__ import annotations

from conftest import parse_text
from generator.paginate.stages import assign_stages

TEXT = """第一章 推动基础教育发展

第一节 实现学前教育普及普惠

一、持续扩大普惠园规模

优化布局，加大扶持力度。

二、加强教师培训

为幼儿园和小学补充教师。

第二节 强化信息化

建设教育大数据平台。
"""


def test_headings_carry_their_stage_down_and_text_adds_its_own(tmp_path, segmenter):
    plan, _ = parse_text(tmp_path, TEXT, segmenter)
    stages = assign_stages(plan, segmenter)
    # no stage word of its own, but under 第一节 实现学前教育普及普惠
    assert stages["chp_1__sec_1__item_1__para_1"] == ("preschool",)
    # its own words add 义务教育 (小学) and 教师 to the heading's 学前教育
    assert stages["chp_1__sec_1__item_2__para_1"] == ("preschool", "compulsory", "teachers")
    assert stages["chp_1__sec_2__para_1"] == ("digital",)


# Invented clauses, one rule each; the stage each concerns written by reading it.
RULES = """第一章 推动各类教育发展

第一节 综合改革

加强中小學生视力监测。

提高校长治理能力。

推动学校企业文化建设。

组织学生掌握1-2项运动技能，定期开展竞技能力测试。

加强学生职业技能培养。

对幼儿园保教工作和“去小学化”进行动态监测。

推进幼小衔接，帮助幼儿适应小学生活。
"""


def test_terms_match_folded_text_and_only_where_they_stand_as_words(tmp_path, segmenter):
    plan, _ = parse_text(tmp_path, RULES, segmenter)
    stages = assign_stages(plan, segmenter)
    assert stages["chp_1__sec_1__para_1"] == ("compulsory",)  # 中小學生: 中小学 after folding
    assert stages["chp_1__sec_1__para_2"] == ("teachers",)  # 校长; 高校 straddles 提高|校长
    assert stages["chp_1__sec_1__para_3"] == ()  # 校企 straddles 学校|企业
    assert stages["chp_1__sec_1__para_4"] == ()  # 运动技能, 竞技能力: no vocational skill
    assert stages["chp_1__sec_1__para_5"] == ("vocational",)  # 职业技能
    # 小学 inside 去小学化 (the compulsory stage's not_within) is a kindergarten's duty
    assert stages["chp_1__sec_1__para_6"] == ("preschool",)
    # 小学 standing alone still counts, beside 幼小 and 幼儿
    assert stages["chp_1__sec_1__para_7"] == ("preschool", "compulsory")


def test_an_indicator_concerns_its_group_and_the_stages_its_name_names(seed, segmenter):
    plan, _ = seed
    stages = assign_stages(plan, segmenter)
    by_name = {i.name: stages[i.id] for i in plan.by_kind("indicator")}
    assert "teachers" in by_name["“双师型”教师占比"]
    assert "teachers" in by_name["专业教师规模"]
    assert "teachers" not in by_name["普惠率"]
