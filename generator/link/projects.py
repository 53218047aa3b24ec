"""专栏 projects to the measures that carry them out (links of kind ``project``).

A 专栏 summarises measures of the body, clause by clause, often with the same words
(“实施农村幼儿园补缺工程”) or nearly (增容行动 / 扩容行动). Each project clause is compared
with each measure by the character 4-grams they share, weighted by rarity (idf over the
plan's measures), so that boilerplate (全面落实, 建立健全) counts for little and names and
numbers count for much. A measure is linked when one clause is mostly found in it: half of
the clause's weight in the chapter the box closes, three quarters elsewhere (boxes summarise
their own chapter; a box may also point further). The paragraphs under a point heading so
linked are linked too when they share a phrase of five characters with the project.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from itertools import chain, repeat
from dataclasses import dataclass

from generator.parse.grammar import CLAUSE
from generator.link.places import Places
from generator.structure.records import Link, Node, Plan

NOT_WORD = re.compile(r"[^\w%]")
GRAM = 4
MIN_CLAUSE_WEIGHT = 6.0
SAME_CHAPTER_COVERAGE = 0.5
OTHER_CHAPTER_COVERAGE = 0.75


def _grams(text: str) -> set[str]:
    text = NOT_WORD.sub("", text)
    return {text[i:i + GRAM] for i in range(len(text) - GRAM + 1)}


def link_projects(plan: Plan, context: Places) -> list[Link]:
    """``project`` links from each 专栏 project to the measures and points (outside review
    chapters) that carry it out; ``why`` names the shared phrases, ``score`` the shared weight
    (0.5 for a paragraph linked through the point heading above it)."""
    measures = [n for n in plan.nodes if n.kind in ("measure", "item") and not context.in_review(n)
                and context.chapter.get(n.id) is not None]
    squashed = {m.id: NOT_WORD.sub("", m.own_chars()) for m in measures}
    grams = {m.id: _grams(squashed[m.id]) for m in measures}
    frequency = Counter(chain.from_iterable(grams.values()))
    idf = {g: math.log(len(measures) / frequency[g]) for g in frequency}
    candidates = {m.id: m for m in measures}
    children: dict[str, list[Node]] = {}
    for measure in measures:
        children.setdefault(measure.parent, []).append(measure)
    links = []
    for project in plan.by_kind("project"):
        box_chapter = context.chapter.get(project.id)
        text = (project.title or "") + (project.text or "")
        clauses = [_Clause(c, found, _weight(found, idf)) for c in CLAUSE.findall(text) for found in [_grams(c)]]
        clauses = [c for c in clauses if c.weight >= MIN_CLAUSE_WEIGHT]
        project_grams = set().union(*(c.grams for c in clauses))
        found = []
        for measure in measures:
            if project_grams.isdisjoint(grams[measure.id]):
                continue  # no clause shares a gram with it: no match (``_project_match`` would say None)
            match = _project_match(clauses, grams[measure.id], idf, squashed[measure.id])
            if match is None:
                continue
            coverage, total, phrases = match
            threshold = SAME_CHAPTER_COVERAGE if context.chapter.get(measure.id) is box_chapter else OTHER_CHAPTER_COVERAGE
            if coverage >= threshold:
                found.append(Link(project.id, measure.id, "project", "共同词句：" + "；".join(phrases),
                                  score=round(total, 2)))
        links.extend(found)
        links.extend(_under_linked_headings(project, text, found, candidates, children, squashed))
    return links


def _under_linked_headings(project: Node, text: str, found: list[Link], candidates: dict[str, Node],
                           children: dict[str, list[Node]], squashed: dict[str, str]) -> list[Link]:
    """A point heading the project restates is carried out by the paragraphs under it
    that share the project's wording (a phrase of five characters or more).

    ``found``: the project's links so far; ``candidates``: the measures and points that may
    be linked, by id; ``children``: the same by parent id, in document order."""
    linked = {l.target for l in found}
    project_text = NOT_WORD.sub("", text)
    under = []
    for heading in (candidates[l.target] for l in found):
        if heading.kind != "item":
            continue
        for child in children.get(heading.id, []):
            if child.id in linked:
                continue
            phrases = _shared_phrases(project_text, squashed[child.id], shortest=5)
            if phrases:
                longest = sorted(set(phrases), key=lambda p: (len(p), p))[-3:]
                under.append(Link(project.id, child.id, "project",
                                  f"在“{heading.title}”之下；共同词句：" + "；".join(longest), score=0.5))
    return under


def _weight(grams: set[str], idf: dict[str, float]) -> float:
    return sum(map(idf.get, grams, repeat(0.0)))


@dataclass
class _Clause:
    text: str
    grams: set[str]
    weight: float


def _project_match(clauses: list[_Clause], measure_grams: set[str], idf: dict[str, float],
                   measure_text: str) -> tuple[float, float, list[str]] | None:
    """Best clause coverage (the smaller of its rarity-weighted and its plain character
    coverage), the total shared weight, and the shared phrases."""
    best, total, phrases = 0.0, 0.0, []
    for clause in clauses:
        common = clause.grams & measure_grams
        if not common:
            continue
        shared = _weight(common, idf)
        runs = _shared_phrases(clause.text, measure_text, shortest=GRAM)
        plain = sum(len(r) for r in runs) / max(1, len(NOT_WORD.sub("", clause.text)))
        best = max(best, min(shared / clause.weight, plain))
        total += shared
        phrases.extend(r for r in runs if len(r) >= 6)
    if not total:
        return None
    phrases = sorted(set(phrases), key=lambda p: (-len(p), p))[:3]
    return best, total, phrases


def _shared_phrases(clause: str, text: str, shortest: int = 6) -> list[str]:
    """Longest runs of the clause (``shortest`` characters or more) that the text also has."""
    found, start = [], 0
    squashed = NOT_WORD.sub("", clause)
    while start < len(squashed):
        end = start + GRAM
        if end > len(squashed) or squashed[start:end] not in text:
            start += 1
            continue
        while end < len(squashed) and squashed[start:end + 1] in text:
            end += 1
        if end - start >= shortest:
            found.append(squashed[start:end])
        start = end
    return found
