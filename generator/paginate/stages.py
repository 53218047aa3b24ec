"""The paginate phase (stages): which stages or themes of the plan's genre (学前教育,
义务教育, … in education) each measure, project and indicator concerns, for the stage pages
and the search filters. The genre file lists them (``stages``), a glossary adds local words.

The rule, applied to measures, items and projects: a node concerns a stage when one of
the stage's terms stands (as a word, after folding: :func:`stands_in`) in its own text or
in the title of any heading above it (chapter, section, point, 专栏). Headings carry their
stage down: every paragraph under a point whose title names a stage concerns that stage,
even one that never names it. Indicators concern the stage of their table group, and the
stages whose terms stand in their name. A node may concern several stages.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc

from generator.config.genre import Stage
from generator.search.segment import Segmenter
from generator.structure.records import Indicator, Node, Plan

__all__ = ["Stage", "assign_stages", "catalog_stages", "fold", "stands_in"]


TEXT_KINDS = ("measure", "item", "project")


def assign_stages(plan: Plan, segmenter: Segmenter, memo: dict | None = None) -> dict[str, tuple[str, ...]]:
    """Stage slugs of every measure, item, project and indicator, by node id. ``memo``: the
    stages of texts already seen (a plan's editions share most of their text), filled here.

    A measure, item or project concerns a stage when one of the stage's terms stands in its
    text or in a heading above it; an indicator when its table group is one of the stage's
    (``table_groups``) or a term stands in its name (双师型教师占比 → 教师队伍 too). A term
    *stands* in a text (:func:`stands_in`) when it is there after folding (NFKC,
    traditional → simplified, lower case: 中小學生 holds 中小学) and no word of the text as
    ``segmenter`` (jieba's dictionary) cuts it crosses one of its ends (高校 does not stand in
    提高校长, 校企 not in 学校企业)."""
    by_id = plan.index()
    result: dict[str, tuple[str, ...]] = {}
    memo = {} if memo is None else memo
    terms = [(stage, [(term, _folded_term(term)) for term in stage.terms]) for stage in plan.genre.stages]

    def stands(stage_terms: list[tuple[str, str]], text: str, not_within: tuple[str, ...]) -> bool:
        """A term of the stage stands in ``text`` (``stands_in``, asked only of the terms the
        text holds: most of a plan's 25,000 questions find no term)."""
        return any(stands_in(term, text, segmenter, not_within) for term, folded in stage_terms if folded in text)

    for node in plan.nodes:
        if isinstance(node, Indicator):
            groups = {node.stage, node.substage}
            name = fold(node.name or "")
            key = ("indicator", node.stage, node.substage, name)
            if key not in memo:
                memo[key] = tuple(s.slug for s, its in terms if groups & set(s.table_groups)
                                  or stands(its, name, s.not_within))
            result[node.id] = memo[key]
        elif node.kind in TEXT_KINDS:
            text = fold(_text_with_headings(node, by_id))
            if text not in memo:
                memo[text] = tuple(s.slug for s, its in terms if stands(its, text, s.not_within))
            result[node.id] = memo[text]
    return result


def fold(text: str) -> str:
    """``text`` as the search index folds it: NFKC, traditional → simplified (OpenCC t2s),
    lower case."""
    return _to_simplified().convert(unicodedata.normalize("NFKC", text)).lower()


@lru_cache(maxsize=None)
def _to_simplified() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _folded_term(term: str) -> str:
    """``fold(term)``, once per term: a plan's clauses ask about the same few stage terms
    25,000 times."""
    return fold(term)


def stands_in(term: str, text: str, segmenter: Segmenter, not_within: tuple[str, ...] = ()) -> bool:
    """Whether ``term`` occurs in ``text`` (both folded) at least once with no word of the
    text crossing either of its ends: the words of a few characters around the occurrence,
    as ``segmenter`` cuts them, may hold the term whole (中小学 in 中小学生) or lie inside
    it, but not straddle its start or its end (技能 in 竞技能力: 竞技 straddles). An
    occurrence inside one of the phrases ``not_within`` (the stage's, from the genre file:
    小学 in 去小学化) does not count."""
    term = _folded_term(term)
    start = text.find(term)
    covered = _covered(text, not_within) if start >= 0 else []
    while start >= 0:
        inside = any(left <= start and start + len(term) <= right for left, right in covered)
        if not inside and not _straddled(text, start, start + len(term), segmenter):
            return True
        start = text.find(term, start + 1)
    return False


def _covered(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]]:
    """The spans ``[start, end)`` of ``text`` where one of ``phrases`` (folded) occurs."""
    spans = []
    for phrase in map(_folded_term, phrases):
        start = text.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    return spans


_WINDOW = 4  # characters of context cut on each side of an occurrence


def _straddled(text: str, start: int, end: int, segmenter: Segmenter) -> bool:
    left = max(0, start - _WINDOW)
    position = left
    for word in segmenter.cut(text[left:end + _WINDOW]):
        word_start, position = position, position + len(word)
        if (word_start < start < position < end) or (start < word_start < end < position):
            return True
    return False


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
