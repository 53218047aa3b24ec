"""The check phase: what an editor would want to fix in the source, and what makes the
input unusable.

Each check is a small function over the plan's records that adds diagnostics to
the report; :data:`CHECKS` lists them in the order they run. Warnings never stop
the build; errors (no chapters, a truncated file) do.
"""
from __future__ import annotations

import re
from pathlib import PurePath
from functools import lru_cache

import opencc

from generator.parse import grammar as g
from generator.parse.groups import unworded_groups
from generator.structure import ids
from generator.structure.diagnostics import Report
from generator.structure.messages import Message, joined, msg
from generator.structure.records import Chapter, Measure, Node, Part, Plan, Section
from generator.search.segment import Segmenter

HAN = "\u4e00-\u9fff"
LATIN_WORD = re.compile(rf"(?<=[{HAN}，。、；：“”（）])\s*([a-z]{{2,}})\s*(?=[{HAN}，。、；：“”（）])")
DOUBLED = re.compile(rf"([{HAN}])\1")


@lru_cache(maxsize=None)
def _to_simplified() -> opencc.OpenCC:
    """OpenCC's t2s, built on first use."""
    return opencc.OpenCC("t2s")

NUMBERED = ("part", "chapter", "section", "item", "box", "project", "attachment")
LEVEL_WORDS = {"part": msg("part"), "chapter": msg("chapter"), "section": msg("section"),
               "attachment": msg("attachment")}  # the levels a table of contents lists


def check(plan: Plan, report: Report, segmenter: Segmenter) -> None:
    for rule in CHECKS:
        rule(plan, report, segmenter)


def chapters_present(plan: Plan, report: Report, _: Segmenter) -> None:
    if not plan.by_kind("chapter"):
        report.error(plan.source_path, 1, "no-chapters",
                     msg("no division headings (第一章, 一、, （一） …) found: is this the text of a plan?"))


def not_truncated(plan: Plan, report: Report, _: Segmenter) -> None:
    body = [n for n in plan.nodes if n.kind not in ("front", "target")]
    chapters = plan.by_kind("chapter")
    if body and isinstance(body[-1], Measure) and not g.ends_paragraph(body[-1].text):
        last = body[-1]
        report.error(plan.source_path, last.source.end_line, "truncated",
                     msg("the plan ends mid-sentence (“…{end}”): the file looks truncated", end=last.text[-12:]))
    printed_chapters = [e for e in plan.toc if e.level == "chapter"]
    if chapters and printed_chapters:
        last_printed = max(e.ordinal for e in printed_chapters)
        last_body = max(c.ordinal for c in chapters)
        if last_body < last_printed:
            entry = next(e for e in plan.toc if e.level == "chapter" and e.ordinal == last_printed)
            report.error(plan.source_path, chapters[-1].source.line, "truncated",
                         msg("the body stops at chapter {last}, but the table of contents lists chapter "
                             "{listed} (line {line}): the file looks truncated",
                             last=last_body, listed=last_printed, line=entry.line))


def toc_matches_body(plan: Plan, report: Report, _: Segmenter) -> None:
    headings = _body_headings(plan)
    printed = {(e.level, e.chapter, e.ordinal): e for e in plan.toc}
    for key, entry in printed.items():
        node = headings.get(key)
        if node is None:
            if _lost_between(key, headings):
                report.error(plan.source_path, entry.line, "toc-missing",
                             msg("table of contents lists {level} “{title}”, which the body does not have "
                                 "although it has the ones after it: its text would be published and cited "
                                 "under the heading before it; restore the heading in the body",
                                 level=LEVEL_WORDS.get(entry.level, entry.level), title=entry.title))
            elif _lost_at_end(key, headings, printed):
                before = max((k for k in headings if k[:2] == key[:2] and k[2] < key[2]), key=lambda k: k[2])
                report.error(plan.source_path, entry.line, "toc-missing",
                             msg("table of contents lists {level} “{title}”, which the body does not have: the "
                                 "text under it, if its heading was lost, is published and cited under {before} "
                                 "(line {line}); restore the heading in the body",
                                 level=LEVEL_WORDS.get(entry.level, entry.level), title=entry.title,
                                 before=_label(headings[before], plan.index()), line=headings[before].source.line))
            elif key[0] in ("chapter", "attachment") or ("chapter", key[1], key[1]) in headings:
                report.warning(plan.source_path, entry.line, "toc-missing",
                               msg("table of contents lists {level} “{title}”, which the body does not have",
                                   level=LEVEL_WORDS.get(entry.level, entry.level), title=entry.title))
            continue
        if not _same_title(entry.title, node.title):
            report.warning(plan.source_path, entry.line, "toc-mismatch",
                           msg("table of contents says “{listed}”, the body heading at line {line} says “{title}”",
                               listed=entry.title, line=node.source.line, title=node.title))
    listed = {e.level for e in plan.toc}  # a contents listing only 篇 and 章 is not missing its 节
    if plan.toc:
        for key, node in headings.items():
            if key not in printed and key[0] in listed and not g.ends_sentence(node.title or ""):
                report.warning(plan.source_path, node.source.line, "toc-absent",
                               msg("{number} “{title}” is not in the table of contents",
                                   number=node.number, title=node.title),
                               excerpt=f"{node.number} {node.title}")


def _lost_between(key: tuple[str, int, int], headings: dict[tuple[str, int, int], Node]) -> bool:
    """Whether a heading the contents list (``key``: level, chapter, ordinal) is missing from a
    body that has a later one of the same level (and chapter, for a section): then the text
    under it is read as part of the heading before it, and its ids and citations are wrong."""
    level, chapter, ordinal = key
    return any(lv == level and o > ordinal and (level == "chapter" or c == chapter) for lv, c, o in headings)


def _lost_at_end(key: tuple[str, int, int], headings: dict[tuple[str, int, int], Node],
                 printed: dict[tuple[str, int, int], object]) -> bool:
    """Whether a section the contents list (``key``: level, chapter, ordinal) is missing at the
    end of a chapter the body has, after sections that are all as the contents list them: then
    the text under it, its heading lost, is read as part of the section before it. A body whose
    sections the contents do not list (numbered otherwise) is a mismatch, not a loss; a body
    that stops in that chapter before later ones the contents list is truncated."""
    level, chapter, ordinal = key
    if level != "section" or ("chapter", chapter, chapter) not in headings:
        return False
    last_body = max(k[1] for k in headings if k[0] == "chapter")
    if chapter == last_body and any(k[0] == "chapter" and k[1] > chapter for k in printed):
        return False  # the body stops in this chapter: ``truncated`` says so
    body = [k for k in headings if k[0] == "section" and k[1] == chapter]
    return any(k[2] < ordinal for k in body) and all(k in printed for k in body)


def _body_headings(plan: Plan) -> dict[tuple[str, int, int], Node]:
    headings: dict[tuple[str, int, int], Node] = {}
    chapter = 0
    for node in plan.nodes:
        if node.kind == "attachment":
            headings.setdefault(("attachment", 0, node.ordinal), node)
            continue
        if ids.attachment_of(node.id):
            continue  # an appendix's own divisions are not in the plan's contents
        if isinstance(node, Chapter):
            chapter = node.ordinal
            headings.setdefault(("chapter", chapter, chapter), node)
        elif isinstance(node, Section):
            headings.setdefault(("section", chapter, node.ordinal), node)
        elif isinstance(node, Part):
            headings.setdefault(("part", 0, node.ordinal), node)
    return headings


HALF_BRACKETS = str.maketrans("()", "（）")  # a contents line and its heading may print brackets either way


def _same_title(printed: str, body: str | None) -> bool:
    printed, body = g.squash(printed).translate(HALF_BRACKETS), g.squash(body).translate(HALF_BRACKETS)
    shortened = re.sub(r"(?:\.{2,}|…+)$", "", printed)
    if shortened != printed:
        return body.startswith(shortened)
    return printed == body


def numbering_in_sequence(plan: Plan, report: Report, _: Segmenter) -> None:
    """Gaps (一、 then 三、) and repeats in each of the plan's own numbering sequences.

    Divisions of one kind and style either start again under each parent (第一节 in every
    chapter) or run straight through the plan (（一）…（二十） across a State Council text's
    divisions); the plan shows which: after a change of parent, does the next number go
    back to 1 or carry on? Chapters, parts and boxes always run through the plan. A number
    the parser already reported as used twice in the same place (``numbering-duplicate``)
    is not reported again here.

    A gap in the numbers of divisions (parts, chapters, sections, points) whose missing numbers
    do not come later is an error (``numbering-gap``): the division is not in the text, and
    if its heading line was lost its paragraphs, targets and points are published and cited
    as the division's before it. A gap the plan is printed with is listed in ``reviewed.yml``.
    A gap whose missing numbers come later (三、 before 二、, a misordering), a text starting
    past 1 with nothing before it (an excerpt from 第五章), and a gap in 专栏 boxes, projects or
    appendices stay warnings; so does a gap the contents already reported as an error
    (``toc-missing``), to say it once."""
    duplicated = {d.line for d in report.items if d.code == "numbering-duplicate" and d.path == plan.source_path}
    index = plan.index()
    toc_lost = _toc_lost(plan)
    absorbers: set[str] = set()
    sequences = _sequences(plan)
    for sequence in sequences.values():
        expected = 1
        for i, node in enumerate(sequence):
            if node.ordinal > expected:
                missing = _numbers(expected, node.ordinal - 1)
                later = {n.ordinal for n in sequence[i + 1:]}
                previous = sequence[i - 1] if i else None
                holders = _holders(plan, index, previous, node)
                lost = node.kind in DIVISIONS and not later & set(range(expected, node.ordinal)) \
                    and (previous is not None or node.parent is not None or bool(holders))
                if lost and (previous or index.get(node.parent or "")) is not None:
                    absorbers.add((previous or index[node.parent]).id)
                message = msg("{number} comes where number {expected} was expected ({missing} missing)",
                              number=node.number, expected=expected, missing=missing)
                if lost and not _reported_by_toc(node, range(expected, node.ordinal), toc_lost, index):
                    report.error(plan.source_path, node.source.line, "numbering-gap",
                                 _lost_text(plan, index, holders, node, message))
                else:
                    report.warning(plan.source_path, node.source.line, "numbering-gap", message)
            elif node.ordinal < expected and node.kind != "chapter" and node.source.line not in duplicated:
                report.warning(plan.source_path, node.source.line, "numbering-repeat",
                               msg("{number} goes back: number {expected} was expected here",
                                   number=node.number, expected=expected))
            expected = max(expected, node.ordinal + 1)
    _numbering_restarts(plan, report, sequences, index, absorbers)


DIVISIONS = ("part", "chapter", "section", "item")


def _numbering_restarts(plan: Plan, report: Report, sequences: dict[tuple, list[Node]], index: dict[str, Node],
                        explained: set[str]) -> None:
    """A division whose points or sections (numbered afresh in each parent) go back to the
    first number inside it after a run past it (（一）（二）（一）), as if a second division
    began (``heading-missing``, an error):
    the heading of the division that held the second run was lost, and its text is cited
    as this one's. Not reported for a division a gap after it already explains (``explained``:
    ids of the divisions before gaps reported as lost)."""
    for key, sequence in sequences.items():
        if not _per_parent(key) or key[0] not in DIVISIONS:
            continue  # a sequence running through the plan has no parent to start again in
        for before, node in zip(sequence, sequence[1:]):
            parent = index.get(node.parent or "")
            if node.ordinal == 1 and before.ordinal >= 2 and parent is not None and parent.id not in explained:
                report.error(plan.source_path, node.source.line, "heading-missing",
                             msg("{number} starts the numbering again inside {parent} (line {parent_line}), after "
                                 "{before} (line {before_line}): the heading of the division they belong to looks "
                                 "lost, so they are published and cited as part of {parent}; restore the heading, "
                                 "or list this in reviewed.yml if the plan is printed so", number=node.number,
                                 parent=_label(parent, index), parent_line=parent.source.line, before=before.number,
                                 before_line=before.source.line))
                break


def _holders(plan: Plan, index: dict[str, Node], previous: Node | None, node: Node) -> list[Node | None]:
    """Where the text of a division lost before ``node`` would now be read, in document order:
    the division before it in its numbering (``previous``: the end of its text), and its
    parent when text stands between the parent's heading and ``node`` (None: the plan's
    preamble, for a division with no parent). Empty when no text stands where the lost
    division was: its heading line went with the text printed on it, or the plan is an
    excerpt starting at 第五章."""
    holders: list[Node | None] = [previous] if previous is not None else []
    if previous is not None and previous.parent == node.parent:
        return holders  # the text under the parent before ``node`` is the previous one's
    parent = index.get(node.parent or "")
    first = parent.source.line if parent is not None else 0
    if any(n.parent == node.parent and n.kind not in ("front", "target") and first < n.source.line < node.source.line
           for n in plan.nodes):  # the parent's own text before ``node`` (no parent: the preamble's)
        holders.append(parent)
    return holders


def _lost_text(plan: Plan, index: dict[str, Node], holders: list[Node | None], node: Node, gap: Message) -> Message:
    """The ``gap`` message with what it adds about a lost division: where its text, if its
    heading line was lost, is published now (``holders``), with the lines and the targets
    there, and what to do."""
    if not holders:
        return msg("{gap}: that division is not in the text, and no text stands where it was: its heading line was "
                   "lost with the text printed on it; restore the heading, or list this gap in reviewed.yml if the "
                   "plan is printed so", gap=gap)
    places = [_label(h, index) if h is not None else msg("the plan's preamble") for h in holders]
    where = places[0]
    for place in places[1:]:
        where = msg("{one} or of {other}", one=where, other=place)
    first = holders[0].source.line if holders[0] is not None else 1
    span = range(first, node.source.line)
    targets = sum(1 for n in plan.nodes if n.kind == "target" and n.source.line in span)
    held = [msg(", {count} target(s) among them", count=targets)] if targets else []
    reviews = [c for c in (_chapter_of(h, index) for h in holders) if c is not None and getattr(c, "review", False)]
    if reviews:
        held.append(msg("; {chapter} reviews past years, so figures in it are not read as targets",
                        chapter=reviews[0].number))
    return msg("{gap}: that division is not in the text; if its heading line was lost, its text is published and "
               "cited as part of {where} (lines {first}–{last}{held}); restore the heading, or list this gap in "
               "reviewed.yml if the plan is printed so", gap=gap, where=where, first=first,
               last=node.source.line - 1, held=joined(held, separator=""))


def _label(node: Node, index: dict[str, Node]) -> str:
    """A division as a citation names it: its number after its parents' (第九章第二节 一、)."""
    numbers = []
    while node is not None:
        if getattr(node, "number", None):
            numbers.append(node.number)
        node = index.get(node.parent or "")
    return "".join(reversed(numbers)) if all(n.startswith("第") for n in numbers) else " ".join(reversed(numbers))


def _chapter_of(node: Node | None, index: dict[str, Node]) -> Node | None:
    while node is not None and node.kind != "chapter":
        node = index.get(node.parent or "")
    return node


def _toc_lost(plan: Plan) -> set[tuple[str, int, int]]:
    """The contents' entries (level, chapter, ordinal) that ``toc_matches_body`` reports as
    lost (errors)."""
    headings = _body_headings(plan)
    printed = {(e.level, e.chapter, e.ordinal): e for e in plan.toc}
    return {key for key in printed if key not in headings
            and (_lost_between(key, headings) or _lost_at_end(key, headings, printed))}


def _reported_by_toc(node: Node, missing: range, toc_lost: set[tuple[str, int, int]],
                     index: dict[str, Node]) -> bool:
    """Whether every missing number before ``node`` is a contents entry reported lost already."""
    if node.kind == "chapter":
        keys = [("chapter", n, n) for n in missing]
    elif node.kind == "section":
        chapter = _chapter_of(node, index)
        keys = [("section", chapter.ordinal if chapter else 0, n) for n in missing]
    else:
        return False
    return all(k in toc_lost for k in keys)


def _numbers(first: int, last: int) -> str:
    """The numbers ``first`` to ``last`` as a message names them: ``2``, ``2, 3``, or a range
    ``2–997`` when more than three (a plan starting at 第九百九十八章 was listed 997 numbers)."""
    if last - first >= 3:
        return f"{first}–{last}"
    return ", ".join(str(n) for n in range(first, last + 1))


def _per_parent(key: tuple) -> bool:
    """Whether a key of ``_sequences`` is of a sequence numbered afresh in each parent (kind,
    style, appendix, parent) rather than running through the plan (kind, style, appendix)."""
    return len(key) == 4


def _sequences(plan: Plan) -> dict[tuple, list[Node]]:
    by_style: dict[tuple, list[Node]] = {}
    for node in plan.nodes:
        if node.kind in NUMBERED and node.number and getattr(node, "ordinal", 0):
            # each appendix numbers its divisions afresh
            scope = ids.attachment_of(node.id) if node.kind != "attachment" else None
            by_style.setdefault((node.kind, getattr(node, "style", ""), scope), []).append(node)
    sequences: dict[tuple, list[Node]] = {}
    for key, nodes in by_style.items():
        through = key[0] in ("part", "chapter", "box", "attachment") or _runs_through(nodes)
        for node in nodes:
            sequences.setdefault(key if through else key + (node.parent,), []).append(node)
    return sequences


def _runs_through(nodes: list[Node]) -> bool:
    """Whether numbers carry on across parents more often than they start again at 1."""
    carried = restarted = 0
    for before, after in zip(nodes, nodes[1:]):
        if before.parent != after.parent:
            carried += after.ordinal == before.ordinal + 1 and after.ordinal != 1
            restarted += after.ordinal == 1
    return carried > restarted


def glossary_current(plan: Plan, report: Report, _: Segmenter) -> None:
    """Entries of the plan's glossary.yml that name nothing in this edition of the plan."""
    indicators = plan.by_kind("indicator")
    names = {n.name for n in indicators}
    groups = {g for n in indicators for g in (n.stage, n.substage) if g}
    text = "".join(n.own_chars() for n in plan.nodes)
    where = plan.genre.glossary_path
    for entry in plan.genre.glossary:
        missing = [w for w in entry.words if w not in text and w not in names]
        if entry.key == "indicator_synonyms" and not names & set(entry.words):
            report.error(where, entry.line, "glossary-stale",
                         msg("no indicator of the plan is called any of {words}", words=", ".join(entry.words)))
        elif entry.key == "group_terms" and entry.label not in groups:
            report.error(where, entry.line, "glossary-stale",
                         msg("the indicator table has no group “{group}”", group=entry.label))
        elif missing:
            report.error(where, entry.line, "glossary-stale", msg("the plan never says {words}", words=", ".join(missing)))


def groups_worded(plan: Plan, report: Report, _: Segmenter) -> None:
    """A note for each group of the indicator table the genre's ``group_terms`` (and the
    glossary's) give no words for (``group-unworded``): a sentence is placed in it by the
    label itself, or, naming no group, by the indicator's name alone."""
    unworded = unworded_groups(plan)
    seen: set[str] = set()
    for indicator in plan.by_kind("indicator"):
        for label in (indicator.stage, indicator.substage):
            if label in unworded and label not in seen:
                seen.add(label)
                report.note(plan.source_path, indicator.source.line, "group-unworded",
                            msg("table group “{group}” has no words in genre '{genre}' (group_terms) nor in "
                                "{glossary}: sentences are placed in it by its label, or by an indicator's name "
                                "when they name no group", group=label, genre=plan.genre.name,
                                glossary=plan.genre.glossary_path or msg("a glossary.yml")))


def paragraphs_finished(plan: Plan, report: Report, _: Segmenter) -> None:
    measures = [n for n in plan.nodes if isinstance(n, Measure)]
    for node in measures[:-1]:
        if not g.ends_paragraph(node.text):
            report.warning(plan.source_path, node.source.end_line, "unfinished-paragraph",
                           msg("paragraph ends without sentence-final punctuation (“…{end}”)", end=node.text[-12:]))


def latin_words(plan: Plan, report: Report, _: Segmenter) -> None:
    for node, offset, word in _matches(plan, LATIN_WORD):
        report.warning(plan.source_path, node.source.line_at(offset), "latin-word",
                       msg("Latin word “{word}” inside Chinese prose (“{context}”)", word=word,
                           context=_context(node, offset)),
                       excerpt=_context(node, offset))


def traditional_characters(plan: Plan, report: Report, _: Segmenter) -> None:
    for node in _prose_nodes(plan):
        text = node.own_chars()
        simplified = _to_simplified().convert(text)
        if simplified == text or len(simplified) != len(text):
            continue
        for offset, (was, now) in enumerate(zip(text, simplified)):
            if was != now:
                report.warning(plan.source_path, node.source.line_at(offset), "traditional-character",
                               msg("traditional character “{was}” (simplified: “{now}”) in “{context}”",
                                   was=was, now=now, context=_context(node, offset)), excerpt=_context(node, offset))


def doubled_characters(plan: Plan, report: Report, segmenter: Segmenter) -> None:
    """A character typed twice: '活活动' cuts as 活/活动, a lone copy beside a word it starts."""
    for node in _prose_nodes(plan):
        text = node.own_chars()
        for match in DOUBLED.finditer(text):
            char, at = match.group(1), match.start()
            window_start = max(0, at - 8)
            words = segmenter.cut(text[window_start: at + 10])
            if _lone_copy(words, at - window_start, char):
                report.warning(plan.source_path, node.source.line_at(at), "doubled-character",
                               msg("“{twice}” looks like a character typed twice (“{context}”)",
                                   twice=char * 2, context=_context(node, at)), excerpt=_context(node, at))


def _lone_copy(words: list[str], offset: int, char: str) -> bool:
    position = 0
    for i, word in enumerate(words):
        if position == offset or position == offset + 1:
            if word != char:
                return False
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            return (len(after) > 1 and after.startswith(char)) or (len(before) > 1 and before.endswith(char))
        position += len(word)
    return False


def _prose_nodes(plan: Plan) -> list[Node]:
    return [n for n in plan.nodes if n.kind in ("measure", "item", "project", "chapter", "section", "box", "front")]


def _matches(plan: Plan, pattern: re.Pattern) -> list[tuple[Node, int, str]]:
    found = []
    for node in _prose_nodes(plan):
        text = node.own_chars()
        for match in pattern.finditer(text):
            found.append((node, match.start(1), match.group(1)))
    return found


def _context(node: Node, offset: int) -> str:
    text = node.own_chars()
    return text[max(0, offset - 6): offset + 8]


def metadata_agrees(plan: Plan, report: Report, _: Segmenter) -> None:
    """plan.yml's doc_number and date against the ones the text prints (a value plan.yml
    does not give, "", as when it was refused, is not compared)."""
    fronts = {n.role: n for n in plan.by_kind("front")}
    meta = plan.meta
    number = fronts.get("doc_number")
    if number and meta.doc_number and g.squash(number.text) != g.squash(meta.doc_number):
        report.warning(meta.meta_path, 1, "meta-mismatch",
                       msg("doc_number is “{given}”, the text prints “{printed}” ({where})",
                           given=meta.doc_number, printed=number.text,
                           where=_text_line(plan, number)))
    date = fronts.get("date")
    printed = g.date_of(date.text) if date else None
    if printed and meta.date:
        y, m, d = printed
        if f"{y:04d}-{m:02d}-{d:02d}" != meta.date:
            report.warning(meta.meta_path, 1, "meta-mismatch",
                           msg("date is {given}, the text prints “{printed}” ({where})",
                               given=meta.date, printed=date.text, where=_text_line(plan, date)))


def _text_line(plan: Plan, node: Node) -> str:
    """``plan.txt:15``: the line of the plan's text, named by the file's name only, as the
    folder holds it beside plan.yml (never the build machine's path, which the site would
    publish in the findings page)."""
    return f"{PurePath(plan.source_path).name}:{node.source.line}"


CHECKS = (
    chapters_present,
    not_truncated,
    toc_matches_body,
    numbering_in_sequence,
    glossary_current,
    groups_worded,
    paragraphs_finished,
    latin_words,
    traditional_characters,
    doubled_characters,
    metadata_agrees,
)
