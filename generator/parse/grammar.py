"""The plan genre's printed forms: heading patterns, numbering styles, punctuation.

Shared by the reader (to unwrap hard-wrapped text) and the lexer; holds patterns
and pure helpers only.
"""
from __future__ import annotations

import re

CN_DIGITS = "零〇一二三四五六七八九两"
CN_NUM = "[零〇一二三四五六七八九十百两]+"
SPACE = "[ \t\u3000]"

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 第三章的要求 / 第二部分中 at the start of a line is a cross-reference running on, not a heading
NOT_A_TITLE = "(?![的之中所和与及、，。；])"
PART = re.compile(rf"^第({CN_NUM}|\d+)(?:篇|部分){NOT_A_TITLE}{SPACE}*(.*)$")
CHAPTER = re.compile(rf"^第({CN_NUM}|\d+)章{NOT_A_TITLE}{SPACE}*(.*)$")
SECTION = re.compile(rf"^(?:[-*•]{SPACE}+)?第({CN_NUM}|\d+)节{NOT_A_TITLE}{SPACE}*(.*)$")
BOX = re.compile(rf"^专栏{SPACE}*({CN_NUM}|\d+)(?:{SPACE}*[-－—–]{SPACE}*(\d+))?{SPACE}*[：:]?{SPACE}*(.*)$")
TOC_MARK = re.compile(rf"^目{SPACE}*录$")
TABLE_ROW = re.compile(r"^\|.*\|$")
TABLE_RULE = re.compile(r"^\|[\s\-:|]+\|$")
COLUMN_GAP = re.compile("[ \u3000]{2,}")  # columns aligned with spaces in a PDF extraction
CAPTION = re.compile(rf"^(?:附表{SPACE}*\d*|续?表{SPACE}*(?:\d+(?:[-－—.．]\d+)?|{CN_NUM}(?={SPACE}|[：:])))(?!\d)")

# Numbering styles of divisions, in the order plans of the genre nest them. A plan uses
# some of them; the parser reads which (see parse.plan_levels).
DIVISION_STYLES = (
    ("pian", PART),                                                     # 第一篇 / 第一部分
    ("zhang", CHAPTER),                                                 # 第一章
    ("jie", SECTION),                                                   # 第一节
    ("cn", re.compile(rf"^({CN_NUM})、{SPACE}*(.*)$")),                   # 一、
    ("cn_paren", re.compile(rf"^[（(]({CN_NUM})[）)]{SPACE}*(.*)$")),     # （一）
    ("arabic", re.compile(rf"^(\d{{1,2}})(?:[.．](?!\d)|、){SPACE}*(.*)$")),  # 1. / 1． / 1、
    ("arabic_paren", re.compile(rf"^[（(](\d{{1,2}})[）)]{SPACE}*(.*)$")),  # （1）
    ("circled", re.compile(rf"^([{CIRCLED}]){SPACE}*(.*)$")),          # ①
)
STYLE_RANK = {style: rank for rank, (style, _) in enumerate(DIVISION_STYLES)}
ITEM_STYLES = DIVISION_STYLES[3:]
INLINE_ITEM = re.compile(r"^([一二三四五六七八九十]+)是(.+)$")

SENTENCE_END = "。！？；…"
SENTENCE_MARKS = "。！？；"  # marks that close a sentence (or a sentence-like clause) inside a paragraph
SENTENCE = re.compile(rf"[^{SENTENCE_MARKS}]+[{SENTENCE_MARKS}]?")  # a sentence with its closing mark
CLAUSE_MARKS = "，。；：！？"  # marks that close a clause
CLAUSE = re.compile(rf"[^{CLAUSE_MARKS}]+")  # a clause: the words between two marks
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")  # a notice's date line: 2022年9月6日
NOTE_LINE = re.compile(r"^[（(]此件[^）)]*[）)]$")  # （此件公开发布）
HEADLINE = re.compile(r"^[^，,；;：:。！？]{2,30}[。！？]")  # a measure's headline sentence: short, one clause
FIVE_YEAR_PERIOD = r"十[一二三四五六七八九]五"  # a five-year plan period: 十三五, 十四五
CLOSING = "”’」』）)】"
TRAILING_PAGE = re.compile(rf"(?:{SPACE}*[.…·．]{{2,}}|{SPACE}+|(?<=[\u4e00-\u9fff”）)]))(\d{{1,4}})$")


def squash(text: str | None) -> str:
    """Text without any whitespace, for comparing what was printed with different spacing."""
    return re.sub(r"\s+", "", text or "")


def cn_to_int(numeral: str) -> int:
    """12 from '十二', 45 from '四十五', 7 from '7', 3 from '③'."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if len(numeral) == 1 and numeral in CIRCLED:
        return CIRCLED.index(numeral) + 1
    total, current = 0, 0
    for char in numeral:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = {"两": 2, "〇": 0}.get(char, CN_DIGITS.find(char) - 1 if char != "零" else 0)
    return total + current


def division_style(text: str) -> tuple[str, str, int, str] | None:
    """(style, printed number, ordinal, rest) when ``text`` starts with a division number
    of any style (第二章 …, （三）…, ②…)."""
    for style, pattern in DIVISION_STYLES:
        match = pattern.match(text)
        if match:
            rest = match.group(match.lastindex)
            end = match.start(match.lastindex)
            return style, text[:end].rstrip(" \t\u3000"), cn_to_int(match.group(1)), rest
    return None


def item_style(text: str) -> tuple[str, str, str] | None:
    """(style, printed number, rest) when ``text`` starts with a point number (一、 … ①)."""
    found = division_style(text)
    if found and found[0] in STYLE_RANK and STYLE_RANK[found[0]] >= STYLE_RANK["cn"]:
        return found[0], found[1], found[3]
    return None


def ends_sentence(text: str) -> bool:
    """Whether text ends with sentence-final punctuation (possibly inside closing quotes)."""
    stripped = text.rstrip(CLOSING + " \u3000")
    return bool(stripped) and stripped[-1] in SENTENCE_END + "：:" and len(stripped) >= 1


def table_cells(text: str) -> tuple[str, list[str]] | None:
    """(form, cells) when a line is a table row: ``pipe`` (``| a | b |``), ``bars`` (``a | b | c``
    without outer pipes), ``tab`` (cells separated by tabs, as a web page copied to text), ``spaces`` (three or more columns
    aligned with runs of two or more spaces, as a PDF extraction prints them). Cells are
    stripped; empty cells are kept in place. None for prose: a heading, a numbered point
    with one tab after its number, a line with one gap, or gaps between sentences.
    """
    if TABLE_ROW.match(text):
        return "pipe", [cell.strip() for cell in text.strip("|").split("|")]
    if PART.match(text) or CHAPTER.match(text) or SECTION.match(text) or BOX.match(text):
        return None
    heading = division_style(text)
    if text.count("|") >= 2 and not heading:
        cells = [cell.strip(" \u3000") for cell in text.split("|")]
        if len([c for c in cells if c]) >= 3 and not any(c[-1:] in SENTENCE_END for c in cells[:-1]):
            return "bars", cells  # a | b | c without outer pipes: one line a row, like tabs
    if "\t" in text:
        cells = [cell.strip(" \u3000") for cell in text.split("\t")]
        filled = [c for c in cells if c]
        if len(filled) >= 3 or (len(filled) == 2 and not heading):
            return "tab", cells
        return None
    cells = COLUMN_GAP.split(text)
    if len(cells) >= 3 and not any(cell[-1] in SENTENCE_END for cell in cells[:-1]) and not heading:
        return "spaces", cells
    return None


def starts_block(text: str) -> bool:
    """Whether a line is a heading or numbered point that must begin a new block."""
    return bool(
        division_style(text) or BOX.match(text) or TOC_MARK.match(text) or table_cells(text)
        or CAPTION.match(text)
    )
