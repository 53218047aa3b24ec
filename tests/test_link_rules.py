"""The link phase's rules on a small plan (statements, findings, the indicator of a target)
and its contract: it computes a result and changes no record of the parse."""
from __future__ import annotations

import copy
import textwrap

from conftest import parse_text
from generator.structure.diagnostics import Report
from generator.link.compose import find_links, link
from generator.link.places import Places
from generator.link.statements import find_statements

PLAN = textwrap.dedent("""\
    第一章 发展基础

    全市学前教育毛入园率达到93.5%。

    第二章 总体要求

    第一节 发展目标

    到2025年，学前教育毛入园率达到95%以上。

    指标

    | 学段 | 指标 | 指标属性 | 2020年 | “十四五” 目标 |
    |----|----|----|----|----|
    | 学前教育 | 毛入园率 (%) | 约束性 | 93.5 | 92 |

    第三章 主要任务

    每年学前教育毛入园率提高1个百分点。
    """)


def test_statements_of_an_indicator(tmp_path, segmenter):
    plan, _ = parse_text(tmp_path, PLAN, segmenter)
    found = [(s.node.id, s.role, s.quote, s.values, s.unit, s.op, s.annual)
             for s in find_statements(plan, Places(plan))]
    assert found == [
        # a review chapter (发展基础) gives the baseline
        ("chp_1__para_1", "baseline", "全市学前教育毛入园率达到93.5%", [93.5], "%", "=", False),
        # the quote takes in the deadline clause before the figure's clause
        ("chp_2__sec_1__para_1", "target", "到2025年，学前教育毛入园率达到95%以上", [95.0], "%", "≥", False),
        ("chp_3__para_1", "target", "每年学前教育毛入园率提高1个百分点", [1.0], "%", "+", True),
    ]


def test_findings_and_the_indicator_of_each_target(tmp_path, segmenter):
    plan, _ = parse_text(tmp_path, PLAN, segmenter)
    assert [(f.id, f.message) for f in plan.findings] == [
        ("indicator-target:ind_1:chp_2__sec_1__para_1", "学前教育毛入园率：指标表 2025年 92%，正文 ≥95%"),
        ("indicator-rate:ind_1:chp_3__para_1", "学前教育毛入园率：每年提高1–1个百分点，从2020年的93.5%起5年后应为"
                                               "98.5%–98.5%，指标表目标为92%"),
        ("table-target-below-baseline:ind_1", "学前教育毛入园率：目标 92% 低于基期 93.5%"),
    ]  # the baseline 93.5 agrees with the review chapter: no finding
    assert plan.indicator_of == {"chp_2__sec_1__para_1__tgt_1": "ind_1", "chp_3__para_1__tgt_1": "ind_1"}


def test_link_changes_no_record(seed, tmp_path):
    plan = copy.deepcopy(seed[0])
    nodes = copy.deepcopy(plan.nodes)
    rules = find_links(plan)
    overrides = tmp_path / "links.yml"
    overrides.write_text("review:\n  - {finding: 'indicator-baseline:ind_5:chp_1__sec_2__para_1', comment: 已核}\n",
                         encoding="utf-8")
    before = copy.deepcopy((plan.links, plan.findings, plan.indicator_of))
    linked = link(plan, Report(), overrides)
    assert plan.nodes == nodes
    assert [f.id for f in linked.findings if f.reviewed] == ["indicator-baseline:ind_5:chp_1__sec_2__para_1"]
    assert not any(f.reviewed for f in rules.findings)  # the rules' findings are left as they were
    assert (plan.links, plan.findings, plan.indicator_of) == before  # the result is handed back, not stored
