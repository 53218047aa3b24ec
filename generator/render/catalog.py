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
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.parse.grammar import FIVE_YEAR_PERIOD
from generator.structure.records import Indicator, PlanMeta

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


def shared_indicators(plans: list[tuple[list[Indicator], str]],
                      synonym_sets: list[tuple[str, ...]]) -> list[tuple[str, list[SharedRow]]]:
    """Indicators found in two plans or more, by shown name (sorted), each with its rows in
    plan order. ``plans``: per plan, its indicator rows and its indicator page's path."""
    key = synonym_key(synonym_sets)
    groups: dict[str, list[SharedRow]] = {}
    for number, (rows, path) in enumerate(plans):
        for row in rows:
            groups.setdefault(key.get(row.name, row.name), []).append(SharedRow(number, row, path))
    return [(name, rows) for name, rows in sorted(groups.items())
            if len({r.plan for r in rows}) >= 2]
