"""figures.py: the figure after an indicator's name, units, comparisons, agreement, display.
Inputs are phrases of the seed plan (content/shuozhou-education-14th/plan.txt) or of the
genre's patterns as documented."""
from __future__ import annotations

import pytest

from generator.config.genre import load_genre
from generator.parse.figures import NamedFigure, agrees, figure_pattern, reader, show
from generator.structure.diagnostics import Report

GENERAL = reader(load_genre("general", Report()))


@pytest.mark.parametrize("rest, expected", [
    # 学前教育普惠率达到95%以上 (seed, 第三章)
    ("达到95%以上", NamedFigure([95.0], "%", "≥", 7)),
    # 普惠园规模超过90% (seed, 专栏2): 超过 is at least
    ("超过90%。", NamedFigure([90.0], "%", "≥", 5)),
    # 每年学前教育公办率和普惠率提高3-5个百分点: after 公办率, six characters reach the figure
    ("和普惠率提高3-5个百分点，五年内", NamedFigure([3.0, 5.0], "%", "+", 13)),
    ("为508人", NamedFigure([508.0], "人", "=", 5)),
    ("，全市公办园服务规模超过70%", None),  # a figure in the next clause is not this name's
    ("建设工作", None),
])
def test_figure_after_a_name(rest, expected):
    assert GENERAL.after_name(rest) == expected


def test_figure_pattern_reads_range_multiplier_and_qualifier():
    pattern = figure_pattern(("%", "所", "人"))
    assert pattern.search("新建幼儿园20所以上").groups() == ("20", None, "所", "以上")
    assert pattern.search("培训3—5万人").groups() == ("3", "5", "万人", None)
    assert figure_pattern(()).search("达到95%").group(3) == "%"  # no units: percentages only


@pytest.mark.parametrize("before, unit, qualifier, op", [
    ("普惠率", "%", "以上", "≥"),
    ("", "%", "左右", "≈"),
    ("辍学率控制在", "%", None, "≤"),
    ("班额不超过", "人", None, "≤"),
    ("不低于", "%", None, "≥"),
    ("近视率下降", "%", None, "-"),
    ("每年提高", "个百分点", None, "+"),
    ("达到", "%", None, "="),
])
def test_comparison_stated_before_a_figure(before, unit, qualifier, op):
    assert GENERAL.comparison(before, unit, qualifier) == op


@pytest.mark.parametrize("indicator_unit, unit, fits", [
    ("%", "%", True), ("人", "人", True), ("次数", "次", True), ("人数", "人", True), ("个", "所", True),
    (None, "所", True), (None, "%", False), ("%", "人", False), ("所", "个", False),
])
def test_unit_fits(indicator_unit, unit, fits):
    assert GENERAL.unit_fits(indicator_unit, unit) is fits


def test_agreement_allows_rounding_only_for_percentages():
    assert agrees(99.96, "=", 100, "%")
    assert not agrees(95, "≥", 88, "%")  # 普惠率 95%以上 against the table's 88
    assert agrees(90, "≤", 90.05, "%") and not agrees(90, "≤", 90.1, "%")
    assert agrees(508, "=", 508, "人") and not agrees(508, "=", 508.5, "人")


def test_show():
    assert [show(88, "%"), show(85.51, "%"), show(508, "人"), show(12, None), show(None, "%")] == \
        ["88%", "85.51%", "508人", "12", "未设"]


def test_down_to_reads_the_same_in_every_reader():
    """下降到13.5% is at most 13.5%: after an indicator's name, in a target's clause and in a
    table cell (the readers disagreed: = after a name, ≤ in a target)."""
    assert GENERAL.after_name("下降到13.5%").op == "≤"
    assert GENERAL.comparison("近视率下降到", "%", None) == "≤"
    assert (GENERAL.read_figure("下降到13.5%").value, GENERAL.read_figure("下降到13.5%").op) == (13.5, "≤")
    assert [(t.value, t.op) for t in GENERAL.stated_targets("2025年下降到13.5%")] == [(13.5, "≤")]


def test_a_change_down_in_points_is_a_decrease():
    """下降2个百分点 is a decrease (-), 提高2个百分点 an increase (+): the genre's falling and
    rising verbs, one list each (statements and table cells read the same words)."""
    assert GENERAL.after_name("下降2个百分点").op == "-"
    assert GENERAL.after_name("提高2个百分点").op == "+"
    assert GENERAL.read_figure("较上年减少2个百分点").change["direction"] == "down"
