"""The paginate phase (stages): which stages or themes of the plan's genre (学前教育,
义务教育, … in education) each measure, project and indicator concerns, for the stage pages
and the search filters. The genre file lists them (``stages``), a glossary adds local words.

The rule, applied to measures, items and projects: a node concerns a stage when
its own text, or the title of any heading above it (chapter, section, point,
专栏), contains one of the stage's terms. Headings carry their stage down: every
paragraph under a point whose title names a stage concerns that stage, even one that never
names it. Indicators concern the stage of their table group. A node may
concern several stages.
"""
from __future__ import annotations

from generator.config.genre import Stage
from generator.structure.records import Indicator, Node, Plan

__all__ = ["Stage", "assign_stages", "catalog_stages"]


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
