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
    stages = assign_stages(plan)
    # no stage word of its own, but under 第一节 实现学前教育普及普惠
    assert stages["chp_1__sec_1__item_1__para_1"] == ("preschool",)
    # its own words add 义务教育 (小学) and 教师 to the heading's 学前教育
    assert stages["chp_1__sec_1__item_2__para_1"] == ("preschool", "compulsory", "teachers")
    assert stages["chp_1__sec_2__para_1"] == ("digital",)
