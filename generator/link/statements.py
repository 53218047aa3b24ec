"""Indicator statements: the sentences of the prose that give an indicator's baseline or
target, or say to raise it (links of kind ``indicator``).

An indicator is named by the table and by the prose in other words: the genre file's
``indicator_synonyms`` hold the usual ones, and the indicator's own name always counts. A
sentence speaks of an indicator when it names it and its stage is the indicator's stage (by
the sentence's own words first, else its headings: 小学 → 九年义务教育, 三残 → 特殊教育; the
words are the genre's ``group_terms``, :func:`generator.paginate.stages.group_terms`). The figure
after the name is its value, read by the genre's figure reader
(:meth:`generator.parse.figures.FigureReader.after_name`: its units and comparison words); in
the review of past years it is a baseline, elsewhere a target; sentences that only say to
raise the quantity (genre ``rising_verbs``: 提高…比例), or to lower that of a falling indicator
(genre ``falling_verbs`` and ``falling``: 降低…死亡率), are statements without a figure (role
``direction``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.parse.figures import reader
from generator.config.genre import Genre
from generator.parse.grammar import CLAUSE, FIVE_YEAR_PERIOD, SENTENCE
from generator.link.places import Places
from generator.structure.records import Indicator, Link, Node, Plan
from generator.parse.groups import group_terms, groups_named, placed_by_name, substages, unworded_groups

DEADLINE_CLAUSE = re.compile(rf"\d{{4}}年|五年内|{FIVE_YEAR_PERIOD}")
CLAUSE_MARKS = "，；：、"


@dataclass
class Statement:
    """A sentence that speaks of an indicator, with the figure it gives (if any)."""

    node: Node
    indicator: Indicator
    quote: str
    values: list[float]
    unit: str | None
    op: str  # "=", "≥", "≤", "+" (an increase) or "" (no figure)
    role: str  # "baseline", "target" or "direction"
    annual: bool = False


@dataclass(frozen=True)
class _Figure:
    start: int
    end: int
    values: list[float]
    unit: str
    op: str
    annual: bool


def names_in(indicator: Indicator, text: str, genre: Genre) -> list[str]:
    """The names of the indicator (its own and the genre's synonyms) that occur in the text,
    longest first."""
    return sorted((n for n in genre.synonyms_of(indicator.name) if n in text), key=len, reverse=True)


def find_statements(plan: Plan, places: Places, indicators: list[Indicator] | None = None) -> list[Statement]:
    """Every statement of an indicator in the measures and projects inside chapters, in
    document order (sentence by sentence, indicators in table order). ``indicators``: the
    plan's own (its table's) unless given: another plan's, whose results this plan's prose
    states (the plan it continues: ``render.predecessor``), placed in the plan's groups."""
    indicators = plan.by_kind("indicator") if indicators is None else indicators
    subgroups = substages(plan)
    statements = []
    groups = group_terms(plan)
    unworded = unworded_groups(plan)
    names = [(indicator, plan.genre.synonyms_of(indicator.name)) for indicator in indicators]
    for node in plan.nodes:
        if node.kind not in ("measure", "project") or places.chapter.get(node.id) is None:
            continue
        review = places.in_review(node)
        headings = places.headings(node)
        for sentence in SENTENCE.findall(node.own_chars()):
            for indicator, its_names in names:
                if (any(map(sentence.__contains__, its_names))  # names_in would be empty otherwise
                        and _stage_fits(indicator, sentence, headings, subgroups, groups, unworded)):
                    statements.extend(_read_statements(node, indicator, sentence, review, plan.genre))
    return statements


def _stage_fits(indicator: Indicator, sentence: str, headings: str, substages: dict[str, set[str]],
                groups: dict[str, tuple[str, ...]], unworded: frozenset[str]) -> bool:
    """The sentence (else its headings) is about the indicator's stage, and not about
    another group of the same stage (高职 and 本科 under 高等教育); or it names no group and the
    indicator's group has no genre words (:func:`generator.parse.groups.placed_by_name`)."""
    stages = groups_named(sentence, groups) or groups_named(headings, groups)
    if placed_by_name(indicator.stage, indicator.substage, stages, unworded):
        return True
    if indicator.substage and indicator.substage in stages:
        return True
    others = substages.get(indicator.stage, set()) - {indicator.substage}
    return indicator.stage in stages and not (stages & others)


def _figures(indicator: Indicator, sentence: str, genre: Genre) -> list[_Figure]:
    """Each figure written right after a name of the indicator (longest names first); a
    figure with 每年 in the twelve characters before the name is ``annual``."""
    found: list[_Figure] = []
    covered: list[tuple[int, int]] = []
    figures = reader(genre)
    for name in names_in(indicator, sentence, genre):
        for match in re.finditer(re.escape(name), sentence):
            if any(a <= match.start() < b for a, b in covered):
                continue
            covered.append((match.start(), match.end()))
            figure = figures.after_name(sentence[match.end():])
            if figure is None:
                continue
            annual = "每年" in sentence[max(0, match.start() - 12):match.start()]
            found.append(_Figure(match.start(), match.end() + figure.length, figure.values, figure.unit,
                                 figure.op, annual))
    return sorted(found, key=lambda f: f.start)


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding position ``at`` begins (after the last ，；：、), taking in a
    short deadline clause before it (到2025年，…)."""
    start = max(sentence.rfind(mark, 0, at) for mark in CLAUSE_MARKS) + 1
    before = max(sentence.rfind(mark, 0, max(0, start - 1)) for mark in CLAUSE_MARKS) + 1
    if start and DEADLINE_CLAUSE.search(sentence[before:start - 1]) and start - before <= 12:
        return before
    return start


def _read_statements(node: Node, indicator: Indicator, sentence: str, review: bool,
                     genre: Genre) -> list[Statement]:
    role = "baseline" if review else "target"
    fits = reader(genre).unit_fits
    figures = [f for f in _figures(indicator, sentence, genre) if fits(indicator.unit, f.unit)]
    if figures:
        if indicator.name.endswith("总量") and len(figures) > 1 and all(f.op == "=" for f in figures):
            quote = "，".join(sentence[f.start:f.end] for f in figures)  # parts of one total
            return [Statement(node, indicator, quote, [sum(f.values[0] for f in figures)], figures[0].unit, "=", role)]
        return [Statement(node, indicator, sentence[_clause_start(sentence, f.start):f.end], f.values, f.unit,
                          f.op, role, f.annual) for f in figures]
    if review or _figures(indicator, sentence, genre):
        return []
    return _direction(node, indicator, sentence, genre)


def _direction(node: Node, indicator: Indicator, sentence: str, genre: Genre) -> list[Statement]:
    """A sentence raising a quantity without a figure: an indicator whose name ends with one
    of the genre's ``unit_words`` (率, 比例, 规模, 总量…) after a rising verb (提高…比例), or a
    falling indicator's after a falling verb (降低…事故死亡率)."""
    figures = reader(genre)
    verbs = [figures.rising]
    if any(word in indicator.name for word in genre.falling):
        verbs.append(figures.falling)
    for name in names_in(indicator, sentence, genre):
        at = sentence.find(name)
        if name.endswith(genre.unit_words) and any(v.search(sentence[max(0, at - 6):at]) for v in verbs):
            clause = next((c for c in CLAUSE.findall(sentence) if name in c), sentence)
            return [Statement(node, indicator, clause.strip(), [], None, "", "direction")]
    return []


def statement_link(statement: Statement, genre: Genre) -> Link:
    """The ``indicator`` link of a statement; ``why`` names the indicator (and the name the
    prose uses), the role (基期, 目标 or 方向) and the quote; score 1 with a figure, 0.5 without."""
    indicator = statement.indicator
    named = names_in(indicator, statement.quote, genre) or [indicator.name]
    why = f"{indicator.name}" + (f" = {named[0]}" if named[0] != indicator.name else "")
    if statement.values:
        why += f"；{statement.role == 'baseline' and '基期' or '目标'}：{statement.quote}"
    else:
        why += f"；方向：{statement.quote}"
    return Link(indicator.id, statement.node.id, "indicator", why, role=statement.role,
                score=1.0 if statement.values else 0.5)


def target_indicators(statements: list[Statement], places: Places, genre: Genre) -> dict[str, str]:
    """The indicator each target node speaks of, by target id: a target statement's indicator
    when the target's quote names it (the last such statement wins)."""
    found: dict[str, str] = {}
    for statement in statements:
        if statement.role != "target":
            continue
        for target in places.targets.get(statement.node.id, []):
            if names_in(statement.indicator, target.quote, genre):
                found[target.id] = statement.indicator.id
    return found
