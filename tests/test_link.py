"""Cross-links: projects to measures, indicators to statements, figures the plan states two
ways, the table checked on its own, and editor overrides."""
from __future__ import annotations

import textwrap

import pytest
import yaml

from conftest import ROOT, SEED_TEXT, make_content, parse_text
from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from generator.link.compose import link, with_links

GOLD = yaml.safe_load((ROOT / "tests" / "links_gold.yaml").read_text(encoding="utf-8"))
SEED = SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def auto(seed):
    """The seed linked without the editor's overrides (what the linker alone finds)."""
    return with_links(seed[0], link(seed[0], Report(), overrides=None))


def precision_recall(plan, kind: str, key: str) -> tuple[float, float]:
    gold = {(s, t) for s, targets in GOLD[key].items() for t in targets}
    found = {(l.source, l.target) for l in plan.links if l.kind == kind and l.source in GOLD[key]}
    return len(found & gold) / len(found), len(found & gold) / len(gold)


def test_project_links_against_the_gold_set(auto):
    precision, recall = precision_recall(auto, "project", "projects")
    assert precision > 0.9 and recall > 0.9
    assert len(GOLD["projects"]) == 24  # the gold set covers every project of 专栏1-5 (5 + 5 + 3 + 6 + 5)


def test_indicator_links_against_the_gold_set(auto):
    precision, recall = precision_recall(auto, "indicator", "indicators")
    assert precision > 0.9 and recall > 0.9
    assert len(GOLD["indicators"]) >= 15


def test_findings_are_every_disagreement_and_no_agreement(auto):
    assert sorted(f.id for f in auto.findings) == sorted([
        "indicator-baseline:ind_2:chp_1__sec_1__para_1",      # 普惠率 75 vs 普惠性幼儿园覆盖率85.51%
        "indicator-baseline:ind_5:chp_1__sec_2__para_1",      # 巩固率 98 vs 100%
        "indicator-baseline:ind_33:chp_1__sec_2__para_1",     # 特殊教育入学率 93 vs “三残”儿童96%
        "indicator-target:ind_2:chp_3__sec_3__para_2",        # 88 vs 95%以上
        "indicator-target:ind_2:chp_5__sec_1__item_1__para_2",  # 88 vs 普惠园规模超过90%
        "indicator-target:ind_2:box_2__proj_1",               # 88 vs 专栏2 项目1 超过90%
        "indicator-rate:ind_2:chp_5__sec_1__item_1__para_2",  # 75 + 5 × (3..5) ≠ 88
        "figure-differs:ind_2:chp_3__sec_3__para_2:chp_5__sec_1__item_1__para_2",
        "figure-differs:ind_2:chp_3__sec_3__para_2:box_2__proj_1",
    ])
    finding = next(f for f in auto.findings if f.id == "indicator-target:ind_2:chp_3__sec_3__para_2")
    assert finding.message == "学前教育普惠率：指标表 2025年 88%，正文 ≥95%"
    assert finding.quotes[1] == ("chp_3__sec_3__para_2", "到2025年，学前教育普惠率达到95%以上")
    # agreements are links, not findings: 入园率 93.56, 高中入学率 97.37, 508 人, 192 + 58 = 250
    agreeing = {(l.source, l.target) for l in auto.links if l.kind == "indicator"}
    assert {("ind_1", "chp_1__sec_1__para_1"), ("ind_11", "chp_1__sec_3__para_2"),
            ("ind_37", "chp_1__sec_2__para_1"), ("ind_36", "chp_1__sec_2__para_1")} <= agreeing
    flagged = {n for f in auto.findings for n in f.nodes}
    assert not {"ind_1", "ind_11", "ind_36", "ind_37", "ind_4"} & flagged


def test_targets_know_their_indicator(auto):
    assert auto.indicator_of["chp_3__sec_3__para_2__tgt_1"] == "ind_2"
    assert auto.indicator_of["box_2__proj_1__tgt_2"] == "ind_2"
    assert "chp_5__sec_2__item_1__para_1__tgt_1" in auto.index()
    assert "chp_5__sec_2__item_1__para_1__tgt_1" not in auto.indicator_of  # 学位 has no indicator


def test_project_link_explains_itself(auto):
    found = next(l for l in auto.links if (l.source, l.target) == ("box_3__proj_1", "chp_7__sec_2__item_1__para_2"))
    assert found.why.startswith("共同词句：") and "完成本科专业基础性课程资源建设" in found.why


def table_plan(rows: str) -> str:
    return textwrap.dedent("""\
        第一章 总体思路

        第一节 发展目标

        到2025年，全面提高教育质量。

        指标

        | 学段 | 指标 | 指标属性 | 2020年 | “十四五” 目标 |
        |----|----|----|----|----|
        """) + rows


def test_table_checked_on_its_own(tmp_path, segmenter):
    rows = ("| 学前教育 | 入园率 (%) | 约束性 | 93 | 101 |\n"
            "| | 优质率 (%) | 预期性 | 60 | 55 |\n"
            "| | 普惠率 (%) | 约束性 | 75 | -- |\n"
            "| | 辍学率 (%) | 约束性 | 2 | 1 |\n")
    plan, report = parse_text(tmp_path, table_plan(rows), segmenter)
    assert sorted(f.id for f in plan.findings) == [
        "table-binding-without-target:ind_3", "table-over-100:ind_1", "table-target-below-baseline:ind_2"]


def overridden(tmp_path, segmenter, overrides: str):
    content = make_content(tmp_path, SEED)
    (content / "plan" / "links.yml").write_text(overrides, encoding="utf-8")
    report = Report()
    try:
        plans = read_and_parse(content, report, segmenter)
    except Exception:
        return None, report
    return plans[0], report


def test_overrides_add_remove_and_review(tmp_path, segmenter):
    plan, report = overridden(tmp_path, segmenter, textwrap.dedent("""\
        add:
          - {from: box_1__proj_3, to: chp_4__sec_4__item_2__para_1, why: 丰富性体育活动}
        remove:
          - {from: box_3__proj_3, to: chp_7__sec_3__item_6__para_1}
        review:
          - {finding: "indicator-baseline:ind_5:chp_1__sec_2__para_1", comment: 表中为2020年数据}
        """))
    links = {(l.source, l.target): l for l in plan.links}
    assert links[("box_1__proj_3", "chp_4__sec_4__item_2__para_1")].origin == "editor"
    assert ("box_3__proj_3", "chp_7__sec_3__item_6__para_1") not in links
    finding = next(f for f in plan.findings if f.id == "indicator-baseline:ind_5:chp_1__sec_2__para_1")
    assert (finding.reviewed, finding.comment) == (True, "表中为2020年数据")
    applied = [d for d in report.items if d.code == "overrides-applied"]
    assert [d.message for d in applied] == [
        "overrides applied: 1 link(s) added, 1 removed, 1 finding(s) marked reviewed"]


@pytest.mark.parametrize("overrides, line, code", [
    ("add:\n  - {from: box_9__proj_1, to: chp_4__para_1}\n", 2, "overrides-stale"),
    ("remove:\n  - {from: box_1__proj_1, to: chp_4__sec_1__item_3__para_1}\n"
     "  - {from: box_1__proj_1, to: chp_99__para_1}\n", 3, "overrides-stale"),
    ("review:\n  - {finding: 'indicator-target:ind_9:chp_3__para_1', comment: x}\n", 2, "overrides-stale"),
    ("ad:\n  - {from: a, to: b}\n", 1, "overrides-unknown-key"),
    ("add:\n  - {from: box_1__proj_1}\n", 2, "overrides-missing-key"),
])
def test_stale_or_malformed_overrides_are_errors_with_their_line(tmp_path, segmenter, overrides, line, code):
    _, report = overridden(tmp_path, segmenter, overrides)
    errors = [(d.line, d.code) for d in report.errors]
    assert errors == [(line, code)]
    assert report.errors[0].path.endswith("links.yml")
    # nothing is applied when the file has an error (the build stops): no note says otherwise
    assert not [d for d in report.items if d.code == "overrides-applied"]


def test_seed_overrides_apply_in_the_build(seed):
    plan, report = seed
    links = {(l.source, l.target): l.origin for l in plan.links}
    assert links[("box_3__proj_3", "chp_7__sec_3__item_2__para_2")] == "editor"
    assert ("box_3__proj_3", "chp_7__sec_3__item_6__para_1") not in links


def test_site_shows_the_links(built_site):
    slug = "shuozhou-education-14th"
    chapter = (built_site / slug / "chp_5.html").read_text(encoding="utf-8")
    para = chapter[chapter.index('id="chp_5__sec_1__item_1__para_2"'):]
    para = para[:para.index("</p>")]
    assert 'href="chp_5.html#box_2__proj_1">见专栏2 项目1' in para
    assert 'href="indicators.html#ind_2">指标：普惠率' in para and "75% → 88%" in para
    dashboard = (built_site / slug / "indicators.html").read_text(encoding="utf-8")
    row = dashboard[dashboard.index('<tr id="ind_2">'):]
    row = row[:row.index('<tr id="ind_3">')]
    assert "正文中的数字 4" in row and "与本表不一致" in row
    findings = (built_site / slug / "findings.html").read_text(encoding="utf-8")
    assert "学前教育普惠率：指标表 2025年 88%，正文 ≥95%" in findings
    assert "<p>到2025年，学前教育普惠率达到95%以上</p>" in findings
