"""The catalog as a place to compare (issue 9, item 5): each plan's level, sector and
period for the home page's list, and the indicators that different plans share, side by
side, for ``indicators.html`` at the site root.

Rules:

- Level: plan.yml's ``level`` when given; else from the issuer, most local first:
  自治区 → provincial; 县, 区 → county; 市 → city; 省 → provincial; 国务院, 部 → national
  (某市某区人民政府 is a county's, 某省教育厅 a province's). Unknown: "".
- Sector: the genre's ``title`` (教育, 卫生健康…).
- Period: the five-year plan the title names (“十四五”); else the target year (至2025年).
- Shared indicators: the same name, or names of one set of the genres' ``indicator_synonyms``
  (普惠率 here, 普惠性幼儿园覆盖率 there); only those found in two plans or more.
- Targets stated in prose (issue 22, item 4): a plan's ``Target`` that the link stage tied
  to no indicator of its own table (``Plan.indicator_of``) joins another plan's indicator
  when its subject, folded (NFKC, simplified, lower case: ``paginate.stages.fold``), holds
  the indicator's name or a word of its synonym set, and its unit, folded, is the
  indicator's (``%`` fits ``％``; 个 fits no ``%``); an increase (op ``+``, ``-``) is no
  level to compare. The longest word held wins; a tie, the first shown name. A plan
  stating one target twice (a 专栏 repeating its chapter: same quote) gives one row. Such a row
  counts as its plan's: an indicator printed in one table and named in another plan's
  prose is shared.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.parse.grammar import FIVE_YEAR_PERIOD
from generator.paginate.stages import fold
from generator.structure.records import Indicator, PlanMeta, Target

LEVELS = {"national": "国家级", "provincial": "省级", "city": "市级", "county": "县级"}
ISSUER_LEVELS = (("自治区", "provincial"), ("县", "county"), ("区", "county"), ("市", "city"),
                 ("省", "provincial"), ("国务院", "national"), ("部", "national"))
FIVE_YEAR = re.compile(FIVE_YEAR_PERIOD)


def plan_level(meta: PlanMeta) -> str:
    """One of LEVELS' keys, or "" when neither plan.yml nor the issuer says."""
    if meta.level:
        return meta.level
    for word, level in ISSUER_LEVELS:
        if word in meta.issuer:
            return level
    return ""


def plan_period(meta: PlanMeta) -> str:
    """“十四五” from the title, else 至<target_year>年, else ""."""
    found = FIVE_YEAR.search(meta.title)
    if found:
        return f"“{found.group(0)}”"
    return f"至{meta.target_year}年" if meta.target_year else ""


@dataclass(frozen=True)
class SharedRow:
    """One plan's row of a shared indicator: plan index, the row as printed, where it is."""

    plan: int
    row: Indicator
    path: str  # the plan's indicator page (the row's id is its fragment)


def synonym_key(synonym_sets: list[tuple[str, ...]]) -> dict[str, str]:
    """Each word of a synonym set → the set's first word (the name the comparison shows)."""
    key: dict[str, str] = {}
    for words in synonym_sets:
        for word in words:
            key.setdefault(word, words[0])
    return key


@dataclass(frozen=True)
class ProseRow:
    """One plan's target stated in prose, joined to an indicator that another plan's table
    prints: plan index and the target (its quote, figure and year as parsed)."""

    plan: int
    target: Target


def shared_indicators(plans: list[tuple[list[Indicator], str]],
                      synonym_sets: list[tuple[str, ...]],
                      prose: list[list[Target]] | None = None) -> list[tuple[str, list[SharedRow | ProseRow]]]:
    """Indicators found in two plans or more, by shown name (sorted), each with its table
    rows in plan order, then the prose targets naming it (``prose_names``) in plan order.
    ``plans``: per plan, its indicator rows and its indicator page's path; ``prose``: per
    plan, its targets that no indicator of its own table states (default: none)."""
    key = synonym_key(synonym_sets)
    groups: dict[str, list[SharedRow | ProseRow]] = {}
    for number, (rows, path) in enumerate(plans):
        for row in rows:
            groups.setdefault(key.get(row.name, row.name), []).append(SharedRow(number, row, path))
    for number, targets in enumerate(prose or []):
        for target in targets:
            name = prose_names(target, number, groups, synonym_sets)
            if name and not any(isinstance(r, ProseRow) and r.plan == number and r.target.quote == target.quote
                                for r in groups[name]):
                groups[name].append(ProseRow(number, target))
    return [(name, rows) for name, rows in sorted(groups.items())
            if len({r.plan for r in rows}) >= 2]


def prose_names(target: Target, plan: int, groups: dict[str, list[SharedRow | ProseRow]],
                synonym_sets: list[tuple[str, ...]]) -> str:
    """The shown name of the group whose indicator, printed by a plan other than ``plan``,
    ``target``'s subject names (the rule in the module's docstring); "" for none."""
    if target.op in ("+", "-") or not target.subject:
        return ""
    subject, unit = fold(target.subject), fold(target.unit)
    best: tuple[int, str] = (0, "")
    for name, rows in sorted(groups.items()):
        words = {fold(w) for r in rows if isinstance(r, SharedRow) and r.plan != plan
                 and fold(r.row.unit or "") == unit for w in _words(r.row.name, synonym_sets)}
        held = max((len(w) for w in words if w and w in subject), default=0)
        if held > best[0]:
            best = (held, name)
    return best[1]


def _words(name: str, synonym_sets: list[tuple[str, ...]]) -> tuple[str, ...]:
    """``name`` and the other words of its synonym sets."""
    return (name, *(w for words in synonym_sets if name in words for w in words))
