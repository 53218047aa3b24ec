"""The genre's vocabulary of stages, in one place: which stages or themes of the plan's genre
(学前教育, 义务教育, … in education) each measure, project and indicator concerns, and the
groups of the indicator table (the words that place a sentence in a group). The genre file
lists them (``stages``, ``table_groups``, ``group_terms``), a glossary adds local words.

The rule, applied to measures, items and projects: a node concerns a stage when
its own text, or the title of any heading above it (chapter, section, point,
专栏), contains one of the stage's terms. Headings carry their stage down: every
paragraph under a point whose title names a stage concerns that stage, even one that never
names it. Indicators concern the stage of their table group. A node may
concern several stages.
"""
from __future__ import annotations

from .genre import Genre, Stage
from .records import Indicator, Node, Plan

__all__ = ["Stage", "assign_stages", "catalog_stages", "group_terms", "groups_named", "substages", "table_groups"]


TEXT_KINDS = ("measure", "item", "project")


def assign_stages(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Stage slugs of every measure, item, project and indicator, by node id."""
    by_id = plan.index()
    result: dict[str, tuple[str, ...]] = {}
    for node in plan.nodes:
        if isinstance(node, Indicator):
            groups = {node.stage, node.substage}
            result[node.id] = tuple(s.slug for s in plan.genre.stages if groups & set(s.table_groups))
        elif node.kind in TEXT_KINDS:
            text = _text_with_headings(node, by_id)
            result[node.id] = tuple(s.slug for s in plan.genre.stages if any(term in text for term in s.terms))
    return result


def catalog_stages(plans: list[Plan]) -> tuple[Stage, ...]:
    """The stages of every plan's genre, in genre order, each slug once (for catalog-wide filters)."""
    stages: dict[str, Stage] = {}
    for plan in plans:
        for stage in plan.genre.stages:
            stages.setdefault(stage.slug, stage)
    return tuple(stages.values())


def _text_with_headings(node: Node, by_id: dict[str, Node]) -> str:
    parts = [node.own_chars()]
    parent = node.parent
    while parent is not None:
        ancestor = by_id[parent]
        parts.append(ancestor.title or "")
        parent = ancestor.parent
    return " ".join(parts)


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
