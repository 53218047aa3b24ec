"""Consistency findings: the places where the plan states a figure two ways.

Each statement's figure is compared with the indicator table (tolerance 0.05 for
percentages, so 99.96 and 100 agree as rounding), an annual increase is carried over the
plan period, figures for the same target that differ from each other are reported, and
the table is checked on its own. Finding ids are ``kind:indicator id[:node id…]``; an
editor marks one reviewed in links.yml (:mod:`generator.overrides`).
"""
from __future__ import annotations

from generator.parse.figures import PERCENT_TOLERANCE, agrees, show
from generator.structure.ids import finding_id
from generator.structure.records import Finding, Indicator, Plan
from generator.link.statements import Statement


def _comparable(statement: Statement) -> bool:
    indicator = statement.indicator
    if not statement.values:
        return False
    if indicator.unit == "%" or statement.unit == "%":
        return indicator.unit == statement.unit == "%"
    return indicator.unit is not None and indicator.unit == statement.unit


def compare_statements(statements: list[Statement]) -> list[Finding]:
    """Findings of the statements whose figure the table contradicts (``indicator-baseline``,
    ``indicator-target``: same unit, :func:`generator.parse.figures.agrees` fails), whose annual
    increase does not lead to the table's target (``indicator-rate``), and pairs of places
    giving different targets (``figure-differs``); in statement order. A decrease (op ``-``:
    下降2个百分点) is compared with neither."""
    findings: list[Finding] = []
    for statement in statements:
        if not _comparable(statement):
            continue
        if statement.op == "-":
            continue  # a decrease (下降2个百分点) is no level to compare with the table
        check = _check_increase if statement.op == "+" else _check_figure
        findings.extend(check(statement))
    findings.extend(_prose_differences(statements))
    return findings


def _check_figure(statement: Statement) -> list[Finding]:
    """The statement's figure against the table's baseline or target (none when the table
    gives none, or when they agree)."""
    indicator = statement.indicator
    expected = indicator.baseline if statement.role == "baseline" else indicator.target
    value = statement.values[0]
    if expected is None or agrees(value, statement.op, float(expected), indicator.unit):
        return []
    year = indicator.baseline_year if statement.role == "baseline" else indicator.target_year
    said = f"{'≥' if statement.op == '≥' else ''}{show(value, indicator.unit)}"
    return [Finding(
        finding_id(f"indicator-{statement.role}", indicator.id, statement.node.id), f"indicator-{statement.role}",
        [indicator.id, statement.node.id],
        f"{indicator.stage}{indicator.name}：指标表 {year}年 {show(expected, indicator.unit)}，"
        f"正文 {said}",
        [(indicator.id, indicator.text or ""), (statement.node.id, statement.quote)])]


def _check_increase(statement: Statement) -> list[Finding]:
    """'每年…提高3-5个百分点': carried from the baseline over the plan period."""
    indicator = statement.indicator
    if not statement.annual or indicator.baseline is None or indicator.target is None:
        return []
    years = (indicator.target_year or 0) - (indicator.baseline_year or 0)
    if years <= 0:
        return []
    low = indicator.baseline + years * min(statement.values)
    high = indicator.baseline + years * max(statement.values)
    if low - PERCENT_TOLERANCE <= indicator.target <= high + PERCENT_TOLERANCE:
        return []
    return [Finding(
        finding_id("indicator-rate", indicator.id, statement.node.id), "indicator-rate",
        [indicator.id, statement.node.id],
        f"{indicator.stage}{indicator.name}：每年提高{min(statement.values):g}–{max(statement.values):g}个百分点，"
        f"从{indicator.baseline_year}年的{show(indicator.baseline, '%')}起{years}年后应为"
        f"{low:g}%–{high:g}%，指标表目标为{show(indicator.target, '%')}",
        [(indicator.id, indicator.text or ""), (statement.node.id, statement.quote)])]


def _prose_differences(statements: list[Statement]) -> list[Finding]:
    """Two places in the prose that give different figures for the same target."""
    findings = []
    targets = [s for s in statements if s.role == "target" and _comparable(s) and s.op not in ("+", "-")]
    for i, first in enumerate(targets):
        for second in targets[i + 1:]:
            if first.indicator is not second.indicator or first.node is second.node:
                continue
            if abs(first.values[0] - second.values[0]) <= PERCENT_TOLERANCE:
                continue
            indicator = first.indicator
            findings.append(Finding(
                finding_id("figure-differs", indicator.id, first.node.id, second.node.id), "figure-differs",
                [first.node.id, second.node.id, indicator.id],
                f"{indicator.stage}{indicator.name}的目标在正文中有两个数字："
                f"{show(first.values[0], '%' if first.unit == '%' else first.unit)}与"
                f"{show(second.values[0], '%' if second.unit == '%' else second.unit)}",
                [(first.node.id, first.quote), (second.node.id, second.quote)]))
    return findings


def check_table(plan: Plan) -> list[Finding]:
    """Findings of the indicator table on its own: a percentage over 100
    (``table-over-100``), a target below the baseline of an indicator whose good direction
    is up (genre ``falling`` names the others; ``table-target-below-baseline``), a binding
    (约束性) indicator without a target (``table-binding-without-target``)."""
    findings = []
    for indicator in plan.by_kind("indicator"):
        if indicator.unit == "%":
            for label, value in (("基期", indicator.baseline), ("目标", indicator.target)):
                if value is not None and value > 100:
                    findings.append(_table_finding(indicator, "table-over-100", f"{label} {value:g}% 超过 100%"))
        if (indicator.baseline is not None and indicator.target is not None
                and indicator.target < indicator.baseline
                and not any(word in indicator.name for word in plan.genre.falling)):
            findings.append(_table_finding(
                indicator, "table-target-below-baseline",
                f"目标 {show(indicator.target, indicator.unit)} 低于基期 {show(indicator.baseline, indicator.unit)}"))
        if indicator.binding == "约束性" and indicator.target is None and not indicator.targets:  # 原则上不低于80%: set in words
            findings.append(_table_finding(indicator, "table-binding-without-target", "约束性指标未设目标"))
    return findings


def _table_finding(indicator: Indicator, kind: str, message: str) -> Finding:
    return Finding(finding_id(kind, indicator.id), kind, [indicator.id], f"{indicator.stage}{indicator.name}：{message}",
                   [(indicator.id, indicator.text or "")])
