"""Stage 2a, lex: paragraphs to a token stream, split into regions, page breaks rejoined.

Regions, in print order: ``front`` (the notice around the plan), ``toc`` (the
printed table of contents, turned into :class:`TocEntry`), ``body`` and ``back``
(interpretation note, 抄送, 印发 line). Each body paragraph becomes a token by the
first rule in :data:`RULES` that matches, so the list reads as the grammar.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import grammar as g
from .records import TocEntry
from .source import Paragraph


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int
    end_line: int
    joined_at: tuple[tuple[int, int], ...] = ()  # (offset in text, line) where a page break was rejoined


@dataclass
class Lexed:
    front: list[Token] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    body: list[Token] = field(default_factory=list)
    back: list[Token] = field(default_factory=list)


def _is(kind: str, test):
    return kind, test


RULES = (
    _is("chapter", g.CHAPTER.match),
    _is("section", g.SECTION.match),
    _is("box", g.BOX.match),
    _is("table_rule", g.TABLE_RULE.match),
    _is("table_row", g.TABLE_ROW.match),
    _is("item", g.item_style),
    _is("para", lambda text: True),
)

BACK_PATTERNS = (
    re.compile(r"^抄送[：:]"),
    re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*印发$"),
    re.compile(r"负责解释|负责解读"),
)
ORGANISATION = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:办公室|办公厅|政府|委员会|局|厅)$")
FRONT_END = re.compile(r"^[（(]此件[^）)]*[）)]$|^\d{4}年\d{1,2}月\d{1,2}日$")


def classify(paragraph: Paragraph) -> Token:
    for kind, test in RULES:
        if test(paragraph.text):
            return Token(kind, paragraph.text, paragraph.line, paragraph.end_line)
    raise AssertionError("the last rule matches everything")


def lex(paragraphs: list[Paragraph], plan_title: str) -> Lexed:
    tokens = [classify(p) for p in paragraphs]
    result = Lexed()
    toc_start = next((i for i, t in enumerate(tokens) if g.TOC_MARK.match(t.text)), None)
    if toc_start is not None:
        front_end = toc_start
        body_start, result.toc = _read_toc(tokens, toc_start + 1)
    else:
        front_end = body_start = _front_end_without_toc(tokens, plan_title)
    back_start = _back_start(tokens, body_start)
    result.front = [replace(t, kind="front") for t in tokens[:front_end]]
    result.body = rejoin_page_breaks(tokens[body_start:back_start])
    result.back = [replace(t, kind="front") for t in tokens[back_start:]]
    return result


def _front_end_without_toc(tokens: list[Token], plan_title: str) -> int:
    """Index of the first body token when the plan prints no table of contents."""
    first_chapter = next((i for i, t in enumerate(tokens) if t.kind == "chapter"), len(tokens))
    wanted = g.squash(plan_title)
    for i in range(first_chapter):
        if g.squash(tokens[i].text) == wanted:
            return i + 1
    ends = [i for i in range(first_chapter) if FRONT_END.match(tokens[i].text)]
    return ends[-1] + 1 if ends else 0


def _back_start(tokens: list[Token], body_start: int) -> int:
    """Index where the closing lines (解读 note, 抄送, issuing office, 印发 date) begin."""
    start = len(tokens)
    while start > body_start:
        text = tokens[start - 1].text
        follows_print_line = start < len(tokens) and BACK_PATTERNS[1].match(tokens[start].text)
        if any(p.search(text) for p in BACK_PATTERNS) or (follows_print_line and ORGANISATION.match(text)):
            start -= 1
        else:
            break
    return start


def _read_toc(tokens: list[Token], start: int) -> tuple[int, list[TocEntry]]:
    """Entries of the printed table of contents and the index of the first body token."""
    entries: list[TocEntry] = []
    chapter = 0
    i = start
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "table_rule":
            i += 1
            continue
        text = _cells_text(token.text) if token.kind == "table_row" else token.text
        if not text:
            i += 1
            continue
        entry = _toc_entry(text, chapter, token.line)
        if entry is None:
            break
        if entry.level == "chapter":
            if any(e.level == "chapter" and e.ordinal == entry.ordinal for e in entries):
                break  # the body starts: its first chapter heading repeats the TOC's
            chapter = entry.ordinal
        entries.append(entry)
        i += 1
    return i, entries


def _cells_text(row: str) -> str:
    return " ".join(cell.strip() for cell in row.strip("|").split("|") if cell.strip())


def _toc_entry(text: str, chapter: int, line: int) -> TocEntry | None:
    page = None
    found = g.TRAILING_PAGE.search(text)
    body = text
    if found:
        page = int(found.group(1))
        body = text[: found.start()].rstrip(" \t\u3000.…·．")
    for level, pattern in (("chapter", g.CHAPTER), ("section", g.SECTION)):
        match = pattern.match(body)
        if match and not g.ends_sentence(body):
            ordinal = g.cn_to_int(match.group(1))
            return TocEntry(level, ordinal, ordinal if level == "chapter" else chapter,
                            match.group(2).strip(), page, line)
    return None


def rejoin_page_breaks(tokens: list[Token]) -> list[Token]:
    """Join a paragraph cut by a page break (no sentence-final punctuation) with the next one."""
    result: list[Token] = []
    for token in tokens:
        previous = result[-1] if result else None
        if previous is not None and token.kind == "para" and _is_cut(previous):
            result[-1] = Token(previous.kind, previous.text + token.text, previous.line,
                               token.end_line, previous.joined_at + ((len(previous.text), token.line),))
        else:
            result.append(token)
    return result


def _is_cut(token: Token) -> bool:
    if token.kind == "para":
        return not g.ends_sentence(token.text)
    if token.kind == "item":
        style = g.item_style(token.text)
        # a numbered point with sentences (a 专栏 project) can be cut; a bare heading cannot
        return bool(style) and _has_sentence(style[2]) and not g.ends_sentence(token.text)
    return False


def _has_sentence(text: str) -> bool:
    return any(mark in text for mark in "。！？；")
