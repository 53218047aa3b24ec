"""The predecessor a plan continues (issue 22, item 2): ``predecessor: <slug>`` in plan.yml
names a plan of the same catalog (a 十三五 plan for a 十四五 one), and
``<slug>/predecessor.html`` holds its targets against the results this plan reports.

Rules (:data:`RULE` is printed on the page):

- Alignment: an indicator of the predecessor and one of this plan are the same when their
  names are the same or of one set of the genres' ``indicator_synonyms``
  (``render.catalog.synonym_key``); among several, the one of the same table group (学段).
- The result: this plan's baseline of that indicator, when its baseline year is the
  predecessor's target year (the year the predecessor ends).
- Reached: the predecessor's direction is up when its target is above its baseline (or ≥),
  down when below (or ≤), kept (at least the target) when equal; 达到 when the result is at
  or beyond the target in that direction, 未达到 when not, 无法比较 when no indicator of this
  plan matches, a figure is missing or the years differ.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.render.catalog import synonym_key
from generator.structure.records import Indicator

RULE = ("对照规则：两规划的指标按名称对应（名称相同，或属于领域同义词表中的同一组；同名多项时取同一学段）；"
        "“实际”取本规划指标表中基期年等于前一规划目标年的基期值；前一规划目标高于其基期（或为≥）时实际值不低于目标为“达到”，"
        "低于其基期（或为≤）时实际值不高于目标为“达到”，与基期相同时不低于目标为“达到”；否则为“未达到”；"
        "无对应指标、缺少数值或年份不一致时为“无法比较”。")
VERDICTS = {"reached": "达到", "missed": "未达到", "": "无法比较"}


@dataclass(frozen=True)
class Continued:
    """An indicator of the predecessor (``before``) and the one of this plan that continues it
    (``after``, None without one); ``result`` this plan's report of the predecessor's target
    year (None when it gives none for that year); ``verdict`` reached, missed or ""."""

    before: Indicator
    after: Indicator | None
    result: float | int | None
    verdict: str
    why: str  # in words, when no verdict: 无对应指标, 年份不一致 …


def continued(before: list[Indicator], after: list[Indicator],
              synonym_sets: list[tuple[str, ...]]) -> list[Continued]:
    """Each indicator of the predecessor (``before``, table order) with this plan's
    indicator (``after``) that continues it, and the verdict (module rules)."""
    key = synonym_key(synonym_sets)
    by_name: dict[str, list[Indicator]] = {}
    for node in after:
        by_name.setdefault(key.get(node.name, node.name), []).append(node)
    found = []
    for node in before:
        candidates = by_name.get(key.get(node.name, node.name), [])
        same_group = [c for c in candidates if c.stage == node.stage]
        match = (same_group or (candidates if len(candidates) == 1 else []) or [None])[0]
        found.append(_judged(node, match))
    return found


def _judged(before: Indicator, after: Indicator | None) -> Continued:
    if after is None:
        return Continued(before, None, None, "", "无对应指标")
    if before.target is None or before.baseline is None:
        return Continued(before, after, None, "", "前一规划未给出数值目标")
    if after.baseline is None or not before.target_year or after.baseline_year != before.target_year:
        return Continued(before, after, None, "",
                         f"本规划基期为{after.baseline_year or '—'}年，前一规划目标年为{before.target_year or '—'}年")
    down = before.target < before.baseline or (before.target == before.baseline and before.target_op in ("≤", "<"))
    reached = after.baseline <= before.target if down else after.baseline >= before.target
    return Continued(before, after, after.baseline, "reached" if reached else "missed", "")
