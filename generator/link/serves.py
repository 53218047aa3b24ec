"""The link phase (continued): each indicator to the measures that work toward it
(links of kind ``serves``), beside the statements that print its figure (``indicator``).

Subject. An indicator's name is cut into its subject words: the unit word it ends with is
dropped (genre ``unit_words``: 养老床位数 → 养老床位), the name is segmented with jieba
(养老 / 床位) and words that say nothing alone are dropped (genre ``stop_words`` and
``weak_words``: 教育, 学校, 建设…). A word of the indicator's own table group is dropped
too when other words remain (社区养老覆盖率 in the group 社区养老 → 覆盖): the group is context, not subject.
Each word may be said by one of its genre ``subject_synonyms`` (训练 ~ 实训 ~ 培训).

Naming. A sentence names the subject when it holds every subject word, in any order, and:
- a word of the genre's ``outcome_words`` (优质, 入学…) names a result, not a measure: it counts
  only with a word of the group or of the indicator's own name within ``REACH`` characters
  (优质公办普通高中, 优质学校共同体) and a verb of reaching or creating (genre ``target_verbs``,
  ``create_verbs``) before it in the same clause (增加优质特色幼儿园);
- a subject made only of the genre's ``generic_words`` (专业, 课程, 教师: 专业课程规模) counts only
  as one phrase (专业课程, 课程专业) after a verb of creating, a word of its own in the jieba cut
  of the same clause (创建…6个学科专业; not 健全学科专业动态调整机制, nor 人才培养课程专业样板).

Placement. The clause must be placed in the indicator's table group: by the nearest heading
(a point's, a 专栏 project's own title, or one above) that names groups (genre ``group_terms``), unless that heading names groups of
different stages (高等教育和职业教育), in which case the sentence decides. A group covers its
table subgroups and the groups sharing a genre stage with it (职业教育 covers 高等职业教育). An
indicator of a subgroup (高职 under 高等教育) needs its subgroup named, or its parent named and no
sibling subgroup (本科); a sentence naming a sibling subgroup is not placed there. Only measures count: not the review of past years nor divisions
setting out aims (genre ``goal_titles``).

Scores (the source of each is the seed's gold set, tests/serves_gold.yaml, through
``make eval-links``, which prints precision and recall for every threshold):
- 1.0: a point heading, or the first sentence of a measure or project (the plan's own title
  of the measure: 推进普惠性幼儿园扩容行动。), names the subject;
- 0.9: a later sentence names it;
- 0.7: a sentence names part and its point heading the rest (城乡 under “…一体化发展基础”);
- 0.6: the words are spread over the sentences of one paragraph;
- 0.5: a paragraph under a point heading that names the subject;
less ``SPREAD`` for each character between the subject words beyond ``CLOSE`` (a subject
spread over a whole sentence is a loose tie), at most ``MAX_SPREAD``. Links under
``THRESHOLD`` are dropped.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import product

from generator.config.genre import Genre
from generator.parse.grammar import CLAUSE_MARKS, SENTENCE
from generator.structure.records import Indicator, Link, Node, Plan
from generator.search.segment import Segmenter
from generator.parse.figures import reader
from generator.parse.groups import group_covers, placed_by_name, substages, unworded_groups

QUOTES = re.compile(r"[“”\"'‘’]")
REACH = 8
LEAD, BODY, SPLIT, PARAGRAPH, CARRIED = 1.0, 0.9, 0.7, 0.6, 0.5
CLOSE = 12
SPREAD = 0.01
MAX_SPREAD = 0.4
LISTED = 0.2
LIST_ITEMS = 3
SHORT_ITEM = 3
THRESHOLD = 0.85
SHOWN = 5  # links shown per indicator before a “more” link


@dataclass(frozen=True)
class Word:
    """One subject word: its alternatives (the word and its synonyms) and how it counts
    (``subject``, ``outcome`` or ``generic``)."""

    alternatives: tuple[str, ...]
    kind: str = "subject"


@dataclass(frozen=True)
class Subject:
    """What an indicator is about: its words, and every word of its name (for outcome words)."""

    indicator: Indicator
    words: tuple[Word, ...]
    name_words: tuple[str, ...] = ()

    @property
    def only_generic(self) -> bool:
        return all(w.kind == "generic" for w in self.words)


@dataclass(frozen=True)
class Groups:
    """The indicator table's groups: words naming each, and the groups each covers."""

    terms: dict[str, tuple[str, ...]]
    covers: dict[str, frozenset[str]]
    substages: dict[str, frozenset[str]]
    unworded: frozenset[str] = frozenset()  # groups placed by their own label only
    _named: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)  # text → groups

    def named(self, text: str) -> frozenset[str]:
        cached = self._named.get(text)
        if cached is None:
            cached = self._named[text] = frozenset(g for g, words in self.terms.items() if any(w in text for w in words))
        return cached

    def one_stage(self, named: frozenset[str]) -> bool:
        """The groups are all covered by one of them (高等教育 with 本科; not 高等教育 with 职业教育)."""
        return any(named <= self.covers.get(g, frozenset({g})) for g in named)


@dataclass
class Context:
    """What scoring a clause needs besides the indicator: the plan's nodes and word lists."""

    by_id: dict[str, Node]
    groups: Groups
    verbs: tuple[str, ...]
    create_verbs: tuple[str, ...]
    segmenter: Segmenter
    _cut: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)  # text → its words
    heading_groups: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)  # node id →

    def words_of(self, text: str) -> frozenset[str]:
        """The words of jieba's cut of ``text`` (each text cut once for all indicators)."""
        if text not in self._cut:
            self._cut[text] = frozenset(self.segmenter.cut(text))
        return self._cut[text]


def serves_links(plan: Plan, groups: dict[str, tuple[str, ...]], in_review: Callable[[Node], bool],
                 segmenter: Segmenter | None = None, threshold: float = THRESHOLD) -> list[Link]:
    """The ``serves`` links of the plan's indicators (source: indicator id, target: clause id)
    scoring at least ``threshold``."""
    return [l for l in scored_links(plan, groups, in_review, segmenter) if l.score >= threshold - 1e-9]


def scored_links(plan: Plan, groups: dict[str, tuple[str, ...]], in_review: Callable[[Node], bool],
                 segmenter: Segmenter | None = None) -> list[Link]:
    """Every candidate ``serves`` link with its score (best evidence per indicator and clause)."""
    genre = plan.genre
    segmenter = segmenter or Segmenter()
    by_id = plan.index()
    context = Context(by_id, table_groups(plan, groups), reader(genre).target_verbs + genre.create_verbs,
                      genre.create_verbs, segmenter)
    candidates = [n for n in plan.nodes if n.kind in ("measure", "item", "project")
                  and not in_review(n) and not _under_goal(n, by_id, genre)]
    clauses = {n.id: Clause(n, _point(n, by_id)) for n in candidates}
    links: list[Link] = []
    for indicator in plan.by_kind("indicator"):
        subject = subject_of(indicator, genre, groups, segmenter)
        if not subject.words:
            continue
        headings = {n.id: found for n in candidates if n.kind == "item"
                    for found in [_said(subject, n.title or "", n, context)] if found}
        for node in candidates:
            found = _evidence(subject, node, headings, context, clauses[node.id])
            if found:
                score, quote = found
                links.append(Link(indicator.id, node.id, "serves", f"{indicator.name}：{quote}",
                                  score=round(score, 3)))
    return links


def table_groups(plan: Plan, terms: dict[str, tuple[str, ...]]) -> Groups:
    """The groups of the plan's table (``terms``: ``stages.group_terms``) with what each
    covers (``stages.group_covers``) and their subgroups (``stages.substages``)."""
    subgroups = substages(plan)
    return Groups(terms, group_covers(plan, terms, subgroups), {g: frozenset(s) for g, s in subgroups.items()},
                  unworded_groups(plan))


def subject_of(indicator: Indicator, genre: Genre, groups: dict[str, tuple[str, ...]],
               segmenter: Segmenter) -> Subject:
    """The indicator's subject words (see the module's docstring)."""
    core = _without_unit(QUOTES.sub("", indicator.name), genre.unit_words)
    drop = set(genre.stop_words) | set(genre.weak_words) | set(genre.unit_words)
    cut = [w for w in segmenter.cut(core) if w.strip()]
    words = [w for w in cut if w not in drop]
    stage_words = groups.get(indicator.substage or indicator.stage, ()) + groups.get(indicator.stage, ())
    subject = [w for w in words if not any(t in w for t in stage_words)] or words
    subject = [part for w in subject for part in _generic_parts(w, genre.generic_words)]
    return Subject(indicator, tuple(Word(_synonyms(w, genre), _kind(w, genre)) for w in subject),
                   tuple(w for w in cut if w not in genre.stop_words and w not in subject))


def _generic_parts(word: str, generic: tuple[str, ...]) -> list[str]:
    """A word made of generic words, cut into them (学科专业 → 学科, 专业); else the word."""
    for head in generic:
        if word.startswith(head) and len(word) > len(head):
            rest = _generic_parts(word[len(head):], generic)
            if all(r in generic for r in rest):
                return [head, *rest]
    return [word]


def _kind(word: str, genre: Genre) -> str:
    if word in genre.outcome_words:
        return "outcome"
    return "generic" if word in genre.generic_words else "subject"


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


class Clause:
    """A candidate clause, read once for every indicator: its text, sentences (when first
    asked for) and the point heading it stands under (or None)."""

    def __init__(self, node: Node, point: Node | None):
        self.text = node.own_chars()
        self.point = point
        self._sentences: list[str] | None = None

    @property
    def sentences(self) -> list[str]:
        if self._sentences is None:
            self._sentences = [s for s in SENTENCE.findall(self.text) if s.strip()]
        return self._sentences


def _evidence(subject: Subject, node: Node, headings: dict[str, tuple[float, str]],
              context: Context, clause: Clause) -> tuple[float, str] | None:
    """The best (score, quote) for the node serving the subject, or None."""
    if node.kind == "item":
        return headings.get(node.id)
    point, text = clause.point, clause.text
    if not any(any(map(text.__contains__, word.alternatives)) for word in subject.words):
        # no subject word at all: only a heading above can carry the paragraph (the other
        # kinds of evidence need at least one word in the text)
        carried = point is not None and point.id in headings and node.kind == "measure"
        return (CARRIED, f"在“{point.title}”之下") if carried else None
    sentences = clause.sentences
    found = []
    for number, sentence in enumerate(sentences):
        said = _said(subject, sentence, node, context)
        if said:
            found.append((said[0] - (LEAD - BODY) * (number > 0), said[1]))
    if point is not None and not found:
        above = [bool(_occurrences(w, point.title or "", subject, context)) for w in subject.words]
        found += [(SPLIT, f"{s.strip('。！？；')}（在“{point.title}”之下）") for s in sentences
                  if _split(subject, s, above, node, context)]
    if not found and len(sentences) > 1 and _said(subject, text, node, context, whole=True):
        found.append((PARAGRAPH, sentences[0].strip("。！？；")))
    if point is not None and point.id in headings and node.kind == "measure":
        found.append((CARRIED, f"在“{point.title}”之下"))
    return max(found, key=lambda f: f[0]) if found else None


def _point(node: Node, by_id: dict[str, Node]) -> Node | None:
    parent = by_id.get(node.parent) if node.parent else None
    return parent if parent is not None and parent.kind == "item" else None


def _said(subject: Subject, text: str, node: Node, context: Context,
          whole: bool = False) -> tuple[float, str] | None:
    """(score, quote) when ``text`` (a sentence, or a whole paragraph) names every subject word
    and is placed in the indicator's group; else None."""
    if not all(any(map(text.__contains__, word.alternatives)) for word in subject.words):
        return None  # a word missing: ``_gap`` would say so, after the dearer ``_placed``
    if not _placed(subject.indicator, text, node, context):
        return None
    gap = _gap(subject, text, context)
    if gap is None:
        return None
    score = (LEAD if not whole else PARAGRAPH) - LISTED * (len(subject.words) == 1 and _in_list(subject, text, context))
    return score - min(MAX_SPREAD, SPREAD * max(0, gap - CLOSE)), text.strip().strip("。！？；")


def _split(subject: Subject, sentence: str, above: list[bool], node: Node, context: Context) -> bool:
    """The sentence names some subject words and its point heading the others (``above``:
    per subject word, whether the heading names it)."""
    present = [any(map(sentence.__contains__, w.alternatives)) for w in subject.words]
    if not any(present) or not all(p or a for p, a in zip(present, above)):
        return False  # a word counts only where it stands: ``here`` below is within ``present``
    here = [bool(_occurrences(w, sentence, subject, context)) for w in subject.words]
    return any(here) and not all(here) and all(h or a for h, a in zip(here, above)) \
        and _placed(subject.indicator, sentence, node, context)


def _gap(subject: Subject, text: str, context: Context) -> int | None:
    """The fewest characters between the subject words in ``text`` (0 for one word), or None
    when one is missing."""
    spots = [_occurrences(word, text, subject, context) for word in subject.words]
    if not all(spots):
        return None
    if len(spots) > 6 or any(len(s) > 20 for s in spots):
        spots = [s[:20] for s in spots[:6]] + [s[:1] for s in spots[6:]]
    best = None
    for choice in product(*spots):
        span = max(e for _, e in choice) - min(s for s, _ in choice) - sum(e - s for s, e in choice)
        best = span if best is None else min(best, span)
    if subject.only_generic and best > 1:
        return None
    return max(0, best)


def _in_list(subject: Subject, text: str, context: Context) -> bool:
    """Every place the subject's first word stands is a bare item of a list of ``LIST_ITEMS``
    or more short words (普惠、安全、优质、便利)."""
    spots = _occurrences(subject.words[0], text, subject, context)
    return bool(spots) and all(_list_item(text, start, end) for start, end in spots)


def _list_item(text: str, start: int, end: int) -> bool:
    clause_start = max(text.rfind(p, 0, start) for p in CLAUSE_MARKS) + 1
    ends = [i for i in (text.find(p, end) for p in CLAUSE_MARKS) if i >= 0]
    before, after = text[clause_start:start], text[end:min(ends or [len(text)])]
    items_before = before.split("、")[:-1] if before.endswith("、") else []
    items_after = after.split("、")[1:] if after.startswith("、") else []
    inner = items_before[1:] + items_after[:-1]
    return all(len(i) <= SHORT_ITEM for i in inner) and 1 + len(items_before) + len(items_after) >= LIST_ITEMS


def _occurrences(word: Word, text: str, subject: Subject, context: Context) -> list[tuple[int, int]]:
    """Where the word (or a synonym) stands in ``text`` and counts there: (start, end) pairs."""
    spots = []
    for alternative in word.alternatives:
        start = text.find(alternative)
        while start >= 0:
            end = start + len(alternative)
            if _counts(word, text, start, end, subject, context):
                spots.append((start, end))
            start = text.find(alternative, end)
    return sorted(spots)


def _counts(word: Word, text: str, start: int, end: int, subject: Subject, context: Context) -> bool:
    clause_start = max(text.rfind(p, 0, start) for p in CLAUSE_MARKS) + 1
    before = text[clause_start:start]
    if word.kind == "outcome":
        near = text[max(clause_start, start - REACH):end + REACH]
        terms = context.groups.terms.get(subject.indicator.substage or subject.indicator.stage, ()) \
            + context.groups.terms.get(subject.indicator.stage, ()) + subject.name_words
        return any(t in near for t in terms) and any(v in before for v in context.verbs)
    if word.kind == "generic" and subject.only_generic:
        # a verb in the cut is a substring of the text: cut only when one is there
        verbs = [v for v in context.create_verbs if v in before]
        return bool(verbs) and bool(context.words_of(before) & set(verbs))
    return True


def _placed(indicator: Indicator, sentence: str, node: Node, context: Context) -> bool:
    """The clause is placed in the indicator's group (see the module's docstring)."""
    groups = context.groups
    named = _heading_groups(node, context)
    said = groups.named(sentence)
    if not named or not groups.one_stage(named):
        named = said if groups.one_stage(said) else frozenset()
    if (not indicator.stage or groups.unworded) and placed_by_name(indicator.stage, indicator.substage,
                                                                   named | said, groups.unworded):
        return True  # (checked only when it can hold: every group worded is the usual case)
    if indicator.substage:
        siblings = groups.substages.get(indicator.stage, frozenset()) - {indicator.substage}
        if said & siblings:
            return False
        return indicator.substage in named or indicator.stage in named
    return bool(named & groups.covers.get(indicator.stage, frozenset({indicator.stage})))


def _heading_groups(node: Node, context: Context) -> frozenset[str]:
    """The groups named by the nearest heading above the node (its own title for a point or
    a project) that names any (kept per node for every indicator)."""
    if node.id not in context.heading_groups:
        parent = node if node.kind in ("item", "project") else (context.by_id.get(node.parent) if node.parent else None)
        named: frozenset[str] = frozenset()
        while parent is not None and not named:
            named = context.groups.named(parent.title or "")
            parent = context.by_id.get(parent.parent) if parent.parent else None
        context.heading_groups[node.id] = named
    return context.heading_groups[node.id]
