"""Stage 3b, link (continued): each indicator to the measures that work toward it
(links of kind ``serves``), beside the statements that print its figure (``indicator``).

An indicator's name is cut into its subject words: the unit word it ends with is
dropped (genre ``unit_words``: 上门送教量 → 上门送教), the name is segmented with
jieba (上门 / 送教) and words that say nothing alone are dropped (genre
``stop_words`` and ``weak_words``: 教育, 学校, 建设…). A stage word of the
indicator's own table group is dropped too when other words remain (普通高中多样化 →
多样化): the group is context, not subject.

A clause serves the indicator when one of its sentences holds every subject word, in
any order, each word or one of its genre ``subject_synonyms`` (训练 ~ 实训 ~ 培训),
and the clause is placed in the indicator's table group: by the nearest heading above
it that names a group (genre ``group_terms``), else by the sentence itself. A word
of the genre's ``outcome_words`` (优质, 入学…) names a result, not a measure: it counts
only next to a word of the group (``OUTCOME_REACH`` characters: 优质公办普通高中), after a verb of
reaching or creating in the same clause (genre ``target_verbs``, ``create_verbs``: 增加优质特色幼儿园).
An indicator of a subgroup (高职 under 高等教育) needs its subgroup named.
A point whose heading serves carries its paragraphs. Only measures count: not the
review of past years nor divisions setting out aims (genre ``goal_titles``).

Scores: 1.0 for a clause that says it itself, 0.5 for a paragraph carried by its
heading; links below ``THRESHOLD`` are dropped (on the seed's gold set, carried
paragraphs that do not themselves name the subject are right less often than not).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .genre import Genre
from .records import Indicator, Link, Node, Plan
from .segment import Segmenter

SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
CLAUSE = re.compile(r"[^，。；：！？]+")
QUOTES = re.compile(r"[“”\"'‘’]")
OUTCOME_REACH = 8
SAID = 1.0
CARRIED = 0.5
THRESHOLD = 1.0
SHOWN = 5  # links shown per indicator before a “more” link


@dataclass(frozen=True)
class Subject:
    """What an indicator is about: word alternatives, each a tuple of synonyms."""

    indicator: Indicator
    words: tuple[tuple[str, ...], ...]
    outcome: tuple[bool, ...]


def serves_links(plan: Plan, groups: dict[str, tuple[str, ...]], in_review: Callable[[Node], bool],
                 segmenter: Segmenter | None = None) -> list[Link]:
    """The ``serves`` links of the plan's indicators (source: indicator id, target: clause id)."""
    genre = plan.genre
    segmenter = segmenter or Segmenter()
    by_id = plan.index()
    subjects = [s for s in (subject_of(i, genre, groups, segmenter) for i in plan.by_kind("indicator")) if s.words]
    candidates = [n for n in plan.nodes if n.kind in ("measure", "item", "project")
                  and not in_review(n) and not _under_goal(n, by_id, genre)]
    substages: dict[str, set[str]] = {}
    for indicator in plan.by_kind("indicator"):
        if indicator.substage:
            substages.setdefault(indicator.stage, set()).add(indicator.substage)
    verbs = genre.target_verbs + genre.create_verbs
    links: list[Link] = []
    for subject in subjects:
        said = {}
        for node in candidates:
            found = _said(subject, node, by_id, groups, substages, verbs)
            if found:
                said[node.id] = found
        links += [Link(subject.indicator.id, nid, "serves", f"{subject.indicator.name}：{quote}", score=SAID)
                  for nid, quote in said.items()]
        links += _carried(subject, said, candidates, by_id)
    return [l for l in links if l.score >= THRESHOLD]


def subject_of(indicator: Indicator, genre: Genre, groups: dict[str, tuple[str, ...]],
               segmenter: Segmenter) -> Subject:
    core = _without_unit(QUOTES.sub("", indicator.name), genre.unit_words)
    drop = set(genre.stop_words) | set(genre.weak_words) | set(genre.unit_words)
    words = [w for w in segmenter.cut(core) if w.strip() and w not in drop]
    stage_words = groups.get(indicator.substage or indicator.stage, ()) + groups.get(indicator.stage, ())
    subject = [w for w in words if not any(t in w for t in stage_words)] or words
    return Subject(indicator, tuple(_synonyms(w, genre) for w in subject),
                   tuple(w in genre.outcome_words for w in subject))


def _without_unit(name: str, unit_words: tuple[str, ...]) -> str:
    for unit in sorted(unit_words, key=len, reverse=True):
        if name.endswith(unit) and len(name) > len(unit):
            return _without_unit(name[:-len(unit)], unit_words)
    return name


def _synonyms(word: str, genre: Genre) -> tuple[str, ...]:
    found = [word]
    for group in genre.subject_synonyms:
        if word in group:
            found += [w for w in group if w not in found]
    return tuple(found)


def _under_goal(node: Node, by_id: dict[str, Node], genre: Genre) -> bool:
    while node is not None:
        if node.kind in ("chapter", "section") and any(t in (node.title or "") for t in genre.goal_titles):
            return True
        node = by_id.get(node.parent) if node.parent else None
    return False


def _said(subject: Subject, node: Node, by_id: dict[str, Node], groups: dict[str, tuple[str, ...]],
          substages: dict[str, set[str]], verbs: tuple[str, ...]) -> str | None:
    """The sentence of the node that names every subject word, in the indicator's group; else None."""
    text = node.title if node.kind == "item" else node.own_chars()
    for sentence in SENTENCE.findall(text or ""):
        if all(_names(sentence, alts, outcome, subject.indicator, groups, verbs)
               for alts, outcome in zip(subject.words, subject.outcome)) \
                and _in_group(subject.indicator, sentence, node, by_id, groups, substages):
            return sentence.strip("。！？；")
    return None


def _names(sentence: str, alternatives: tuple[str, ...], outcome: bool, indicator: Indicator,
           groups: dict[str, tuple[str, ...]], verbs: tuple[str, ...]) -> bool:
    if not outcome:
        return any(a in sentence for a in alternatives)
    terms = groups.get(indicator.substage or indicator.stage, ()) + groups.get(indicator.stage, ())
    for clause in CLAUSE.findall(sentence):
        for word in alternatives:
            for at in (m.start() for m in re.finditer(re.escape(word), clause)):
                near = clause[max(0, at - OUTCOME_REACH):at + len(word) + OUTCOME_REACH]
                if any(t in near for t in terms) and any(v in clause[:at] for v in verbs):
                    return True
    return False


def _in_group(indicator: Indicator, sentence: str, node: Node, by_id: dict[str, Node],
              groups: dict[str, tuple[str, ...]], substages: dict[str, set[str]]) -> bool:
    """The nearest heading naming a group (else the sentence) names the indicator's group,
    and not another group of the same stage (高职 and 本科 under 高等教育)."""
    named = _groups_named(sentence, groups)
    parent = by_id.get(node.parent) if node.parent else None
    if node.kind == "item":
        parent = node
    while parent is not None:
        from_heading = _groups_named(parent.title or "", groups)
        if from_heading:
            named = from_heading
            break
        parent = by_id.get(parent.parent) if parent.parent else None
    if indicator.substage:
        return indicator.substage in named | _groups_named(sentence, groups)
    others = substages.get(indicator.stage, set()) - {indicator.substage}
    return indicator.stage in named and not named & others


def _groups_named(text: str, groups: dict[str, tuple[str, ...]]) -> set[str]:
    return {g for g, terms in groups.items() if any(t in text for t in terms)}


def _carried(subject: Subject, said: dict[str, str], candidates: list[Node], by_id: dict[str, Node]) -> list[Link]:
    """Paragraphs under a point whose heading serves, that do not say it themselves."""
    links = []
    for node in candidates:
        parent = by_id.get(node.parent) if node.parent else None
        if node.kind == "measure" and node.id not in said and parent is not None \
                and parent.kind == "item" and parent.id in said:
            links.append(Link(subject.indicator.id, node.id, "serves",
                              f"{subject.indicator.name}：在“{parent.title}”之下", score=CARRIED))
    return links
