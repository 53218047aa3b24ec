"""The link phase: the cross-references of one plan and the places where it states a figure
two ways, composed from the rules of each kind:

- :mod:`generator.projects`: 专栏 projects to the measures that carry them out (``project``);
- :mod:`generator.statements`: indicators to the sentences that give their baseline or
  target (``indicator``), and the indicator each target node speaks of;
- :mod:`generator.serves`: measures that work toward an indicator (``serves``);
- :mod:`generator.findings`: statements the table contradicts, and the table on its own;
- :mod:`generator.overrides`: the editor's ``links.yml``, applied last.

The phase computes a :class:`LinkResult`; ``with_links`` gives the plan carrying it (a new
``Plan`` sharing the parsed nodes: records are frozen once parsed, and nothing here changes one).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.structure.diagnostics import Report
from generator.structure.files import present
from generator.link.findings import check_table, compare_statements
from generator.link.overrides import apply_overrides
from generator.link.places import Places
from generator.link.projects import link_projects
from generator.structure.records import Finding, Link, Plan
from generator.search.segment import Segmenter
from generator.link.serves import scored_links, serves_links
from generator.parse.groups import group_terms
from generator.link.statements import find_statements, statement_link, target_indicators


@dataclass(frozen=True)
class LinkResult:
    """What the link phase found: ``links`` sorted by kind, source, score (highest first)
    and target, then the editor's; ``findings`` in rule order; ``indicator_of`` the id of
    the indicator each target node speaks of, by target id (targets of none are absent)."""

    links: list[Link] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    indicator_of: dict[str, str] = field(default_factory=dict)


def link(plan: Plan, report: Report, overrides: Path | None = None, segmenter: Segmenter | None = None,
         latest: bool = True) -> LinkResult:
    """The links and findings of ``plan`` (parsed and checked), the editor's overrides file
    applied if any; ``plan`` is left as it was. ``segmenter`` cuts indicator names for
    ``serves`` links (a new one when None: ~1 s). Errors in the overrides file go to ``report``.
    ``latest``: False for an earlier edition of a plan with editions (only the overrides
    naming its date apply: ``overrides.apply_overrides``)."""
    linked = find_links(plan, segmenter)
    if overrides is not None and present(overrides):
        links, findings = apply_overrides(overrides, linked.links, linked.findings, plan.index(), report,
                                          plan.meta.date, latest)
        linked = LinkResult(links, findings, linked.indicator_of)
    return linked


def with_links(plan: Plan, linked: LinkResult) -> Plan:
    """A new ``Plan`` like ``plan`` (the same nodes) carrying ``linked`` in ``links``,
    ``findings`` and ``indicator_of``."""
    return replace(plan, links=linked.links, findings=linked.findings, indicator_of=linked.indicator_of)


def find_links(plan: Plan, segmenter: Segmenter | None = None) -> LinkResult:
    """What the rules alone find in ``plan``, before any editor's overrides."""
    places = Places(plan)
    statements = find_statements(plan, places)
    links = link_projects(plan, places)
    links += [statement_link(s, plan.genre) for s in statements]
    links += serves_links(plan, group_terms(plan), places.in_review, segmenter)
    findings = compare_statements(statements) + check_table(plan)
    return LinkResult(_deduplicated(links), findings, target_indicators(statements, places, plan.genre))


def serves_candidates(plan: Plan) -> list[Link]:
    """Every candidate ``serves`` link of the plan with its score, before the threshold
    (for ``make eval-links``'s precision/recall table)."""
    return scored_links(plan, group_terms(plan), Places(plan).in_review)


def _deduplicated(links: list[Link]) -> list[Link]:
    """One link per (source, target, kind), the highest scored, sorted by kind, source,
    score (highest first) and target."""
    seen: dict[tuple[str, str, str], Link] = {}
    for item in links:
        key = (item.source, item.target, item.kind)
        if key not in seen or item.score > seen[key].score:
            seen[key] = item
    return sorted(seen.values(), key=lambda l: (l.kind, l.source, -l.score, l.target))
