"""The groups of the indicator table (the genre's ``table_groups`` and ``group_terms``, a
glossary's local words): which labels are group rows, the words that place a sentence in a
group, and what each group covers. Read by the table parser and by the link rules.
"""
from __future__ import annotations

from generator.config.genre import Genre
from generator.structure.records import Plan

__all__ = ["group_covers", "group_terms", "groups_named", "placed_by_name", "substages", "table_groups",
           "unworded_groups"]


def table_groups(genre: Genre) -> tuple[tuple[str, ...], frozenset[str]]:
    """The labels of the indicator table's top-level group rows (genre ``table_groups``), and
    every label the genre knows as a group (those and the keys of ``group_terms``)."""
    return genre.table_groups, frozenset(genre.table_groups) | {label for label, _ in genre.group_terms}


def group_terms(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Words placing a sentence in each group of the plan's indicator table: the genre's, and
    for a group the genre does not know, its own label (learnt from the table's group rows)."""
    terms = dict(plan.genre.group_terms)
    for indicator in plan.by_kind("indicator"):
        for label in (indicator.stage, indicator.substage):
            if label and label not in terms:
                terms[label] = (label,)
    return terms


def substages(plan: Plan) -> dict[str, set[str]]:
    """The subgroups of each group of the indicator table (高职, 本科 under 高等教育), by group."""
    found: dict[str, set[str]] = {}
    for indicator in plan.by_kind("indicator"):
        if indicator.substage:
            found.setdefault(indicator.stage, set()).add(indicator.substage)
    return found


def group_covers(plan: Plan, terms: dict[str, tuple[str, ...]],
                 subgroups: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """What each group of the plan's table covers: itself, its table subgroups
    (``subgroups``: :func:`substages`) and the groups that share a genre stage with it; a
    subgroup covers neither its parent nor its siblings."""
    covers: dict[str, set[str]] = {g: {g} for g in terms}
    for stage, subs in subgroups.items():
        covers.setdefault(stage, {stage}).update(subs)
    for stage in plan.genre.stages:
        for group in stage.table_groups:
            covers.setdefault(group, {group}).update(stage.table_groups)
    for stage, subs in subgroups.items():
        for sub in subs:
            covers[sub] = covers.get(sub, {sub}) - {stage} - (subs - {sub})
    return {g: frozenset(c) for g, c in covers.items()}


def groups_named(text: str, terms: dict[str, tuple[str, ...]]) -> set[str]:
    """The groups of ``terms`` (:func:`group_terms`) that one of their words in ``text`` names."""
    return {group for group, words in terms.items() if any(w in text for w in words)}


def unworded_groups(plan: Plan) -> frozenset[str]:
    """The groups of the plan's indicator table that the genre's (and glossary's)
    ``group_terms`` give no words for: :func:`group_terms` places a sentence in them by their
    own label only (a transport genre without group_terms: 基础设施, 运输服务)."""
    worded = {label for label, _ in plan.genre.group_terms}
    return frozenset(label for indicator in plan.by_kind("indicator")
                     for label in (indicator.stage, indicator.substage) if label and label not in worded)


def placed_by_name(stage: str, substage: str | None, named: set[str] | frozenset[str],
                   unworded: frozenset[str]) -> bool:
    """Whether a sentence naming an indicator is placed in its group without naming one: the
    indicator has no group (a table without group rows), or its group has no words of the
    genre's (:func:`unworded_groups`) and neither the sentence nor its headings name any group
    (``named``). A genre file without ``group_terms`` still links its plans by name."""
    return not stage or (not named and (substage or stage) in unworded)
