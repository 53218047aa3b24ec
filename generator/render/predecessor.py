"""The predecessor a plan continues (issue 22, item 2): ``predecessor: <slug>`` in plan.yml
names a plan of the same catalog (a 十三五 plan for a 十四五 one), and
``<slug>/predecessor.html`` holds its targets against the results this plan reports.

Rules (:data:`RULE` is printed on the page):

- Alignment: an indicator of the predecessor and one of this plan are the same when their
  names are the same or of one set of the genres' ``indicator_synonyms``
  (``render.catalog.synonym_key``); among several, the one of the same table group (学段).
- The result, first from the table: this plan's baseline of that indicator, when its
  baseline year is the predecessor's target year (the year the predecessor ends).
- Else from the review: a sentence of this plan's chapter reviewing past years
  (``Chapter.review``) stating a figure of the predecessor's indicator, found as this plan's
  own baseline statements are (``link.statements.find_statements``: the name or a synonym,
  the same group, the figure right after the name read by the genre's ``FigureReader``, a
  unit that fits), when the chapter's title names the predecessor's period (“十三五”) or the
  sentence names its target year, and names no other year; an increase (提高5个百分点) or a
  yearly figure (每年) is no result. Several sentences giving different figures: no result.
- A table result the review states otherwise (普惠率 75 in the table, 普惠性幼儿园覆盖率85.51% in
  the review) keeps the table's, with the review's figure noted beside the verdict.
- Reached: the predecessor's direction is up when its target is above its baseline (or ≥),
  down when below (or ≤), kept (at least the target) when equal; 达到 when the result is at
  or beyond the target in that direction, 未达到 when not, 无法比较 when no result is found, a
  figure is missing, or the result is a bound (97.37%以上) on the wrong side of the target.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.link.places import Places
from generator.link.statements import Statement, find_statements
from generator.parse.grammar import FIVE_YEAR_PERIOD
from generator.render.catalog import synonym_key
from generator.render.views import number_text
from generator.structure.records import Indicator, Plan

RULE = ("对照规则：两规划的指标按名称对应（名称相同，或属于领域同义词表中的同一组；同名多项时取同一学段）；"
        "“实际”先取本规划指标表中基期年等于前一规划目标年的基期值；没有时，取本规划回顾前一时期的章节中写明该指标数值的语句"
        "（名称相同或为同义词、学段相同、单位相同；章节标题写明前一规划时期如“十三五”或语句写明其目标年，且语句不写其他年份；"
        "“提高几个百分点”“每年”之类不算；几处数值不一时不取；回顾章节所述与指标表不一时仍取指标表，并注明所述数值）；"
        "前一规划目标高于其基期（或为≥）时实际值不低于目标为“达到”，"
        "低于其基期（或为≤）时实际值不高于目标为“达到”，与基期相同时不低于目标为“达到”；否则为“未达到”；"
        "无对应指标、缺少数值、年份不一致，或实际值只写下限（以上）、上限（以下）而不能判断时为“无法比较”。")
VERDICTS = {"reached": "达到", "missed": "未达到", "": "无法比较"}
YEAR = re.compile(r"(\d{4})年")


@dataclass(frozen=True)
class Continued:
    """An indicator of the predecessor (``before``) and the one of this plan that continues it
    (``after``, None without one); ``result`` this plan's report of the predecessor's target
    year (None when it gives none), ``result_op`` "=", or "≥"/"≤" for a bound (…以上);
    ``source`` where the result is read: "table" (this plan's baseline column), "review" (a
    statement of its review chapter) or ""; ``verdict`` reached, missed or ""; ``statements``
    the review's sentences stating a figure of the indicator (``link.statements.Statement``)."""

    before: Indicator
    after: Indicator | None
    result: float | int | None
    verdict: str
    why: str  # in words, when no verdict: 无对应指标, 年份不一致 …
    source: str = ""
    result_op: str = "="
    statements: tuple[Statement, ...] = ()


def continued(before: list[Indicator], after: list[Indicator], synonym_sets: list[tuple[str, ...]],
              reported: dict[str, list[Statement]] | None = None) -> list[Continued]:
    """Each indicator of the predecessor (``before``, table order) with this plan's
    indicator (``after``) that continues it, the result and the verdict (module rules);
    ``reported``: the review's statements of each predecessor indicator, by its id
    (:func:`reported_in_review`)."""
    key = synonym_key(synonym_sets)
    by_name: dict[str, list[Indicator]] = {}
    for node in after:
        by_name.setdefault(key.get(node.name, node.name), []).append(node)
    found = []
    for node in before:
        candidates = by_name.get(key.get(node.name, node.name), [])
        same_group = [c for c in candidates if c.stage == node.stage]
        match = (same_group or (candidates if len(candidates) == 1 else []) or [None])[0]
        found.append(_judged(node, match, tuple((reported or {}).get(node.id, ()))))
    return found


def reported_in_review(plan: Plan, before: Plan) -> dict[str, list[Statement]]:
    """The sentences of ``plan``'s review chapters stating a result of an indicator of
    ``before`` (the predecessor) for its target year (module rules), by that indicator's id,
    in document order. Figures are read by ``plan``'s genre."""
    indicators = before.by_kind("indicator")
    years = {str(n.target_year) for n in indicators if n.target_year}
    period = re.search(FIVE_YEAR_PERIOD, before.meta.title)
    places = Places(plan)
    found: dict[str, list[Statement]] = {}
    for statement in find_statements(plan, places, indicators):
        if statement.role != "baseline" or not statement.values or statement.op == "+" or statement.annual:
            continue
        named = set(YEAR.findall(statement.quote))
        year = str(statement.indicator.target_year or "")
        chapter = places.chapter.get(statement.node.id)
        of_period = bool(period and chapter and period.group(0) in (chapter.title or ""))
        if named - {year} or not (of_period or year in named) or year not in years:
            continue
        found.setdefault(statement.indicator.id, []).append(statement)
    return found


def _judged(before: Indicator, after: Indicator | None, statements: tuple[Statement, ...]) -> Continued:
    if before.target is None or before.baseline is None:
        return Continued(before, after, None, "", "前一规划未给出数值目标", statements=statements)
    if after is not None and after.baseline is not None and before.target_year \
            and after.baseline_year == before.target_year:
        judged = _verdict(before, after, after.baseline, "=", "table", statements)
        other = sorted({s.values[0] for s in statements} - {after.baseline})
        unit = "%" if before.unit == "%" else ""
        note = f"回顾章节所述为{'、'.join(number_text(v) + unit for v in other)}，与指标表不一" if other else ""
        return replace(judged, why=note)
    figures = {(s.values[0], s.op) for s in statements}
    if len(figures) == 1:
        value, op = next(iter(figures))
        return _verdict(before, after, value, op, "review", statements)
    if len(figures) > 1:
        return Continued(before, after, None, "", "本规划回顾章节所述数值不一", statements=statements)
    if after is None:
        return Continued(before, None, None, "", "无对应指标，回顾章节也未写明")
    return Continued(before, after, None, "",
                     f"本规划基期为{after.baseline_year or '—'}年，前一规划目标年为{before.target_year or '—'}年")


def _verdict(before: Indicator, after: Indicator | None, value: float, op: str, source: str,
             statements: tuple[Statement, ...]) -> Continued:
    down = before.target < before.baseline or (before.target == before.baseline and before.target_op in ("≤", "<"))
    beyond = value <= before.target if down else value >= before.target
    short = value > before.target if down else value < before.target
    bound_away = (op in ("≥", ">") and down) or (op in ("≤", "<") and not down)
    bound_short = (op in ("≥", ">") and not down) or (op in ("≤", "<") and down)
    if (bound_away and beyond) or (bound_short and short):
        return Continued(before, after, value, "", "实际值只写下限或上限，不能判断", source, op, statements)
    return Continued(before, after, value, "reached" if beyond else "missed", "", source, op, statements)
