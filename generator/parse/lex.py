"""The parse phase, first step (lex): paragraphs to a token stream, split into regions, page breaks rejoined.

Regions, in print order: ``front`` (the notice around the plan), ``toc`` (the
printed table of contents, turned into :class:`TocEntry`), ``body`` and ``back``
(interpretation note, 抄送, 印发 line). Each body paragraph becomes a token by the
first rule in :data:`RULES` that matches, so the list reads as the grammar.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.parse import grammar as g
from generator.structure.records import TocEntry
from generator.read.source import Paragraph


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    line: int
    end_line: int
    joined_at: tuple[tuple[int, int], ...] = ()  # (offset in text, line) where a page break was rejoined
    style: str = ""  # a heading's numbering style (grammar.DIVISION_STYLES)


@dataclass
class Lexed:
    front: list[Token] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    body: list[Token] = field(default_factory=list)
    back: list[Token] = field(default_factory=list)


def _is(kind: str, test):
    return kind, test


RULES = (
    _is("attachment_list", g.ATTACHMENT_LIST.match),  # 附件：1.… 2.… (entries on the next lines: mark_attachments)
    _is("attachment", g.ATTACHMENT.match),  # 附件1 / 附件1：title (an entry of a list of them: mark_attachments)
    _is("box", g.BOX.match),
    _is("table_rule", g.TABLE_RULE.match),
    _is("table_row", g.table_cells),
    _is("heading", g.division_style),
    _is("para", lambda text: True),
)

# The closing lines after the body (back matter), by role; the line before the print line
# that names an office (ORGANISATION) is its publisher.
INTERPRETATION = re.compile(r"负责解释|负责解读")
CC = re.compile(r"^抄送[：:]")
PRINT_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*印发$")
BACK_PATTERNS = (("interpretation", INTERPRETATION), ("cc", CC), ("print_date", PRINT_LINE))
ORGANISATION = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(?:办公室|办公厅|政府|委员会|局|厅)$")
PERIOD_LINE = re.compile(r"^[（(]\d{4}\s*年?\s*[-—–－~～至]{1,2}\s*\d{4}\s*年?[）)]$")
TITLE_LIKE = re.compile(r"^[^，。；！？：:]{4,60}(?:规划|方案|计划|纲要|意见|办法|要点|[（(]\d{4}[^）)]*[）)])$")
FRONT_END = re.compile(f"{g.NOTE_LINE.pattern}|{g.DATE_LINE.pattern}|{g.CN_DATE_LINE.pattern}")  # the last line of a notice


def classify(paragraph: Paragraph) -> Token:
    for kind, test in RULES:
        if test(paragraph.text):
            style = g.division_style(paragraph.text)[0] if kind == "heading" else ""
            return Token(kind, paragraph.text, paragraph.line, paragraph.end_line, style=style)
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
    back_start = signature_start(tokens, body_start, back_start)
    result.front = [replace(t, kind="front") for t in tokens[:front_end]]
    result.body = rejoin_page_breaks(mark_table_lines(mark_closing(mark_attachments(tokens[body_start:back_start]))))
    result.back = [replace(t, kind="front") for t in tokens[back_start:]]
    return result


def _front_end_without_toc(tokens: list[Token], plan_title: str) -> int:
    """Index of the first body token when the plan prints no table of contents: after the
    plan's title (on one line or several) and its period line (（2021—2025年）), else after
    the notice's date or publication note, else after a first line that reads as a title."""
    first_heading = next((i for i, t in enumerate(tokens) if t.kind in ("heading", "box")), len(tokens))
    title_end = _title_end(tokens, g.squash(plan_title), first_heading)
    if title_end is not None:
        return _after_period_line(tokens, title_end)
    ends = [i for i in range(first_heading) if FRONT_END.match(tokens[i].text)]
    if ends:
        return _after_period_line(tokens, ends[-1] + 1)
    if first_heading > 0 and TITLE_LIKE.match(tokens[0].text):
        return _after_period_line(tokens, 1)
    return 0


def _title_end(tokens: list[Token], wanted: str, limit: int) -> int | None:
    """Index after the last line of the plan's title, printed on one line or up to three."""
    for i in range(limit):
        joined = ""
        for j in range(i, min(i + 3, limit)):
            joined += g.squash(tokens[j].text)
            if joined == wanted or g.STATUS_AFTER_TITLE.sub("", joined) == wanted:
                return j + 1
            if not wanted.startswith(joined):
                break
    return None


def _after_period_line(tokens: list[Token], index: int) -> int:
    """Index after the title's period line (（2021—2025年）) and status line (（送审稿）), in
    either order, when they follow the title; and after a document number and the addressees
    (国办发〔2019〕4号 / 各省、自治区…：), which follow the title of a text issued without a
    covering notice (an 意见)."""
    for _ in range(2):
        squashed = g.squash(tokens[index].text) if index < len(tokens) else ""
        if PERIOD_LINE.match(squashed) or g.STATUS_LINE.match(squashed):
            index += 1
    if index < len(tokens) and g.DOC_NUMBER.match(g.squash(tokens[index].text)):
        index += 1
        if index < len(tokens) and tokens[index].kind == "para" and g.ADDRESSEES.match(tokens[index].text):
            index += 1
    return index


def _back_start(tokens: list[Token], body_start: int) -> int:
    """Index where the closing lines (解读 note, 抄送, issuing office, 印发 date) begin."""
    start = len(tokens)
    while start > body_start:
        text = tokens[start - 1].text
        follows_print_line = start < len(tokens) and PRINT_LINE.match(tokens[start].text)
        if any(p.search(text) for _, p in BACK_PATTERNS) or (follows_print_line and ORGANISATION.match(text)):
            start -= 1
        else:
            break
    return start


def back_role(text: str, following: str) -> str:
    """The role of a closing line (back matter): ``interpretation`` (…负责解释), ``cc`` (抄送：…),
    ``print_date`` (2021年6月1日印发), ``publisher`` (the line before the print line),
    ``date`` (2019年1月12日), ``publication_note`` (（此件公开发布）), ``signature`` (the line
    before a date), else ``other``. ``following``: the next line's text ("" for the last)."""
    role = next((role for role, pattern in BACK_PATTERNS if pattern.search(text)), None)
    if role:
        return role
    if PRINT_LINE.match(following):
        return "publisher"
    if is_date_line(text):
        return "date"
    if g.CLOSING_NOTE.match(g.squash(text)):
        return "publication_note"
    return "signature" if is_date_line(following) and g.SIGNATURE.match(g.squash(text)) else "other"


def is_date_line(text: str) -> bool:
    """2019年1月12日 or 二〇〇五年六月十一日 alone on a line."""
    squashed = g.squash(text)
    return bool(g.DATE_LINE.match(squashed) or g.CN_DATE_LINE.match(squashed))


def signature_start(tokens: list[Token], start: int, end: int) -> int:
    """Where the lines signing the text end at ``end`` begin: its issuer (国务院), its date,
    then a note (（此件公开发布）) — a text issued without a covering notice ends so, and a
    notice prints them before its appendices. ``end`` when the lines before it do not sign."""
    i = end
    if i > start and g.CLOSING_NOTE.match(g.squash(tokens[i - 1].text)):
        i -= 1
    if not (i > start and is_date_line(tokens[i - 1].text)):
        return end
    i -= 1
    if i > start and g.SIGNATURE.match(g.squash(tokens[i - 1].text)) and tokens[i - 1].kind == "para":
        i -= 1
    return i


def mark_closing(tokens: list[Token]) -> list[Token]:
    """The lines signing a notice before its appendices (国务院办公厅 / 2018年12月23日 / （本文有
    删减）, between the list of appendices and 附件1): ``closing`` tokens, not paragraphs."""
    first = next((i for i, t in enumerate(tokens) if t.kind == "attachment"), None)
    if first is None:
        return tokens
    begin = signature_start(tokens, 0, first)
    return tokens[:begin] + [replace(t, kind="closing") for t in tokens[begin:first]] + tokens[first:]


def _read_toc(tokens: list[Token], start: int) -> tuple[int, list[TocEntry]]:
    """Entries of the printed table of contents and the index of the first body token.
    The style of the first entry is the top level; the body starts where a top-level
    number comes again."""
    entries: list[TocEntry] = []
    top_ordinal = 0
    i = start
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "table_rule":
            i += 1
            continue
        if token.kind == "attachment":  # 附件1　…指标体系……5: an appendix, outside the body's numbering
            entries.append(_toc_attachment(token))
            i += 1
            continue
        text = _cells_text(token.text) if token.kind == "table_row" else token.text
        if not text:
            i += 1
            continue
        entry = _toc_entry(text, top_ordinal, token.line)
        if entry is None:
            break
        if entry.style == entries[0].style if entries else True:
            if any(e.style == entry.style and e.ordinal == entry.ordinal for e in entries):
                break  # the body starts: its first heading repeats the TOC's
            top_ordinal = entry.ordinal
            entry = replace(entry, chapter=entry.ordinal)
        entries.append(entry)
        i += 1
    return i, entries


def _toc_attachment(token: Token) -> TocEntry:
    """A contents line listing an appendix (附件1　…指标体系……5): level and style ``attachment``."""
    found = g.trailing_page(token.text)
    text = token.text[: found[1]].rstrip(" \t\u3000" + g.PAGE_LEADERS) if found else token.text
    number = g.ATTACHMENT.match(token.text).group(1)
    title = g.attachment_title(text)[1] if g.ATTACHMENT.match(text) else None
    return TocEntry("attachment", g.cn_to_int(number) if number else 1, 0, title or "",
                    found[0] if found else None, token.line, "attachment")


def _cells_text(row: str) -> str:
    found = g.table_cells(row)
    return " ".join(cell for cell in found[1] if cell) if found else row


def _toc_entry(text: str, top_ordinal: int, line: int) -> TocEntry | None:
    page = None
    found = g.trailing_page(text)
    body = text
    if found:
        page = found[0]
        body = text[: found[1]].rstrip(" \t\u3000" + g.PAGE_LEADERS)
    division = g.division_style(body)
    if division is None or g.ends_sentence(body) or (page is None and len(division[3]) > 40):
        return None
    style, _, ordinal, title = division
    return TocEntry("", ordinal, top_ordinal, title.strip(), page, line, style)


ATTACHMENT_TITLE_MAX = 60  # an appendix's title printed on the line after its label


def mark_attachments(tokens: list[Token]) -> list[Token]:
    """Tell the body's list of appendices from the appendices themselves.

    ``attachment_list`` tokens: a 附件： line, the numbered lines right after it that carry its
    numbering on (2.…, 3.…), and 附件N：title lines in a run (a line followed by another
    附件 line, or continuing the list's numbering). ``attachment`` tokens: every other 附件
    label, which starts an appendix; an ``attachment_title`` token: the short line after a
    bare label that ends no sentence (its title)."""
    result = list(tokens)
    next_entry = 0  # the number the list's next entry would carry, while a list is open (else 0)
    for i, token in enumerate(result):
        following = result[i + 1] if i + 1 < len(result) else None
        if token.kind == "attachment_list":
            entries = g.attachment_entries(token.text)
            next_entry = max([o or 1 for _, o, _ in entries] or [0]) + 1  # 附件： alone: 1.… follows
        elif token.kind == "heading" and next_entry and token.style == "arabic" and \
                g.division_style(token.text)[2] == next_entry:
            result[i] = replace(token, kind="attachment_list", style="")
            next_entry += 1
        elif token.kind == "attachment" and _in_list(token, following, next_entry - 1 if next_entry else 0):
            result[i] = replace(token, kind="attachment_list")
            next_entry = _attachment_ordinal(token.text) + 1
        elif token.kind == "attachment":
            next_entry = 0
            title = g.attachment_title(token.text)[1]
            if not title and following is not None and following.kind == "para" and \
                    len(following.text) <= ATTACHMENT_TITLE_MAX and not g.ends_paragraph(following.text):
                result[i + 1] = replace(following, kind="attachment_title")
        else:
            next_entry = 0
    return result


def _in_list(token: Token, following: Token | None, last_entry: int) -> bool:
    """A 附件N：title line is an entry of a list when the next line is another 附件 line or it
    carries the list's numbering on; a bare label (附件1) never is."""
    if not g.attachment_title(token.text)[1]:
        return False
    ordinal = _attachment_ordinal(token.text)
    if last_entry and ordinal == last_entry + 1:
        return True
    return following is not None and following.kind == "attachment" and bool(g.attachment_title(following.text)[1]) \
        and _attachment_ordinal(following.text) == ordinal + 1


def _attachment_ordinal(text: str) -> int:
    """1 for 附件 / 附件1, 2 for 附件2 or 附件二."""
    number = g.ATTACHMENT.match(text).group(1)
    return g.cn_to_int(number) if number else 1


TABLE_KINDS = ("table_row", "table_rule", "table_line")
WRAPPED_CELL_MAX = 30  # a line wrapped inside a table cell is short
NOTE = re.compile(r"^(?:注|说明|备注|资料来源|数据来源)[：:0-9１-９]")


def mark_table_lines(tokens: list[Token]) -> list[Token]:
    """Lines without separators that belong to the table above: ``table_line`` tokens.

    A line between two rows (a wrapped cell, a group row spanning the table, a 专栏's
    lead), or a short line right after the last row that ends no sentence (its last cell
    wrapped); never a note (注：…) nor the caption of the next table.
    """
    result = list(tokens)
    for i, token in enumerate(result):
        if i and token.kind == "para" and result[i - 1].kind in TABLE_KINDS and _table_line(result, i):
            result[i] = replace(token, kind="table_line")
        elif i and token.kind == "heading" and result[i - 1].kind in TABLE_KINDS and _cell_line(result, i):
            result[i] = replace(token, kind="table_line", style="")
    return result


def _cell_line(tokens: list[Token], i: int) -> bool:
    """A numbered line (2.…, （2）…, ②…) inside a table is a line of a cell, not a point: it
    goes on with the numbering the cell above holds (1.… in the row above), or more lines of
    the table follow it (after any further such lines)."""
    style, _, ordinal, _ = g.division_style(tokens[i].text)
    if style not in g.CELL_STYLES:
        return False
    if g.holds_number(tokens[i - 1].text, style, ordinal - 1):
        return True
    j = i + 1
    while j < len(tokens) and tokens[j].kind in ("heading", "para") and g.item_style(tokens[j].text) \
            and g.division_style(tokens[j].text)[0] in g.CELL_STYLES:
        j += 1
    return j < len(tokens) and tokens[j].kind in ("table_row", "table_rule")


def _table_line(tokens: list[Token], i: int) -> bool:
    token, previous = tokens[i], tokens[i - 1]
    if NOTE.match(token.text) or g.CAPTION.match(token.text):
        return False
    if i + 1 < len(tokens) and tokens[i + 1].kind in ("table_row", "table_rule"):
        return True
    pipe = g.TABLE_ROW.match(previous.text) or previous.kind == "table_rule"
    return (not pipe and len(token.text) <= WRAPPED_CELL_MAX and not g.ends_sentence(token.text)
            and token.line == previous.end_line + 1)


def rejoin_page_breaks(tokens: list[Token]) -> list[Token]:
    """Join a paragraph cut by a page break (no sentence-final punctuation) with the next one.
    A paragraph that ends with a responsibility note (grammar.ends_paragraph) is whole."""
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
        return not g.ends_paragraph(token.text)
    if token.kind == "heading":
        style = g.item_style(token.text)
        # a numbered point with sentences (a 专栏 project) can be cut; a bare heading cannot
        return bool(style) and _has_sentence(style[2]) and not g.ends_paragraph(token.text)
    return False


def _has_sentence(text: str) -> bool:
    return any(mark in text for mark in g.SENTENCE_MARKS)
