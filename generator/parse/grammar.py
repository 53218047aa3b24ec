"""The plan genre's printed forms: heading patterns, numbering styles, punctuation.

Shared by the reader (to unwrap hard-wrapped text) and the lexer; holds patterns
and pure helpers only.
"""
from __future__ import annotations

import functools
import re

CN_DIGITS = "零〇一二三四五六七八九两"
CN_NUM = "[零〇一二三四五六七八九十百千万两]+"
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
SPACE = "[ \t\u3000]"

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# 第三章的要求 / 第二部分中 at the start of a line is a cross-reference running on, not a heading
NOT_A_TITLE = "(?![的之中所和与及、，。；])"
PART = re.compile(rf"^第({CN_NUM}|\d+)(?:篇|部分){NOT_A_TITLE}{SPACE}*(.*)$")
CHAPTER = re.compile(rf"^第({CN_NUM}|\d+)章{NOT_A_TITLE}{SPACE}*(.*)$")
SECTION = re.compile(rf"^(?:[-*•]{SPACE}+)?第({CN_NUM}|\d+)节{NOT_A_TITLE}{SPACE}*(.*)$")
BOX = re.compile(rf"^专栏{SPACE}*({CN_NUM}|\d+)(?:{SPACE}*[-－—–]{SPACE}*(\d+))?{SPACE}*[：:]?{SPACE}*(.*)$")
TOC_MARK = re.compile(rf"^目{SPACE}*录$")
# 附件 (appendices). The body's list of them: 附件：1.…指标体系（2023年） 2.…任务分工表, 附件：XXX
# alone, or 附件1：XXX lines; an appendix starts with its label on a line (附件, 附件1, 附件2：),
# its title on the same line after a colon or on the next. An entry or title is a name, not a sentence.
_ATTACHMENT_TITLE = r"[^。；;！？]{2,80}"
ATTACHMENT_LIST = re.compile(rf"^附{SPACE}*件{SPACE}*[：:]{SPACE}*({_ATTACHMENT_TITLE})?$")
ATTACHMENT = re.compile(rf"^附{SPACE}*件{SPACE}*(\d{{1,2}}|{CN_NUM})?{SPACE}*"
                        rf"(?:[：:]{SPACE}*({_ATTACHMENT_TITLE})?|(?<=[\d{CN_DIGITS}十]){SPACE}+({_ATTACHMENT_TITLE}))?$")
ATTACHMENT_ENTRY = re.compile(rf"(?:^|(?<=\S){SPACE}+)((?:附{SPACE}*件{SPACE}*(\d{{1,2}})?{SPACE}*[：:]{SPACE}*)?"
                              rf"(?:(\d{{1,2}})[.．、]{SPACE}*)?)(\S(?:(?!{SPACE}+\d{{1,2}}[.．、]).)*)")
TABLE_ROW = re.compile(r"^\|.*\|$")
TABLE_RULE = re.compile(r"^\|[\s\-:|]+\|$")
LEVELLED_NAME = re.compile(rf"^(?:{CN_NUM}|\d)级指标")  # an indicator system's 一级指标 | 二级指标 | 三级指标
COLUMN_GAP = re.compile("[ \u3000]{2,}")  # columns aligned with spaces in a PDF extraction
CAPTION = re.compile(rf"^(?:附表{SPACE}*\d*|续?表{SPACE}*(?:\d+(?:[-－—.．]\d+)?|{CN_NUM}(?={SPACE}|[：:])))(?!\d)")

NO_GAP = "(?!.*[ \u3000]{2})"
NOT_A_UNIT = "(?![万亿千百十元个年月日倍米吨亩人家项次天周座台辆公里平方立克升%])"
# Numbering styles of divisions, in the order plans of the genre nest them. A plan uses
# some of them; the parser reads which (see parse.plan_levels).
DIVISION_STYLES = (
    ("pian", PART),                                                     # 第一篇 / 第一部分
    ("zhang", CHAPTER),                                                 # 第一章
    ("jie", SECTION),                                                   # 第一节
    # a contingency plan's (应急预案) decimal numbering: 1　总则 / 1.1　编制目的 / 1.2.1　国家级…;
    # not a figure with its unit printed apart (2 年内, 1.5 万亩), nor a row of columns aligned
    # with spaces (1    师德师风建设    开展…)
    ("decimal", re.compile(rf"^(\d{{1,2}}){SPACE}+({NOT_A_UNIT}[\u4e00-\u9fff][^。；！？\s]{{0,30}})$")),
    ("decimal2", re.compile(rf"^\d{{1,2}}[.．](\d{{1,2}}){SPACE}+({NOT_A_UNIT}{NO_GAP}[\u4e00-\u9fff].*)$")),
    ("decimal3", re.compile(rf"^\d{{1,2}}[.．]\d{{1,2}}[.．](\d{{1,2}}){SPACE}+({NO_GAP}[\u4e00-\u9fff].*)$")),
    ("cn", re.compile(rf"^({CN_NUM})、{SPACE}*(.*)$")),                   # 一、
    ("cn_paren", re.compile(rf"^[（(]({CN_NUM})[）)]{SPACE}*(.*)$")),     # （一）
    ("arabic", re.compile(rf"^(\d{{1,2}})(?:[.．](?!\d)|、){SPACE}*(.*)$")),  # 1. / 1． / 1、
    ("arabic_paren", re.compile(rf"^[（(](\d{{1,2}})[）)]{SPACE}*(.*)$")),  # （1）
    ("circled", re.compile(rf"^([{CIRCLED}]){SPACE}*(.*)$")),          # ①
)
STYLE_RANK = {style: rank for rank, (style, _) in enumerate(DIVISION_STYLES)}
# styles whose heading is all title (第五章 全面推动基础教育高质量发展): no sentence of the
# division's text follows it on its line, as one may after 一、 or （一）
WHOLE_LINE_TITLES = frozenset({"pian", "zhang", "jie"})
INLINE_ITEM = re.compile(r"^([一二三四五六七八九十]+)是(.+)$")

SENTENCE_END = "。！？；…"
SENTENCE_MARKS = "。！？；"  # marks that close a sentence (or a sentence-like clause) inside a paragraph
SENTENCE = re.compile(rf"[^{SENTENCE_MARKS}]+[{SENTENCE_MARKS}]?")  # a sentence with its closing mark
CLAUSE_MARKS = "，。；：！？"  # marks that close a clause
CLAUSE = re.compile(rf"[^{CLAUSE_MARKS}]+")  # a clause: the words between two marks
DATE_LINE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")  # a notice's date line: 2022年9月6日
NOTE_LINE = re.compile(r"^[（(]此件[^）)]*[）)]$")  # （此件公开发布）
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号$")  # a document number: 国办发〔2019〕4号
ADDRESSEES = re.compile(r"^[^。！？]{2,200}[：:]$")  # 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
# The lines that sign a text: its issuer, its date (2019年1月12日, 二〇〇五年六月十一日) and a
# note on its publication (（此件公开发布）, （本文有删减）)
CN_DATE_LINE = re.compile(r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$")
CLOSING_NOTE = re.compile(r"^[（(](?:此件|本文|此文)[^（）()]{0,20}[）)]$")
SIGNATURE = re.compile(r"^[^，。；：:！？、“”]{2,40}$")
# A draft's or trial's status printed under its title: （送审稿）, （征求意见稿）, （试行）, （修订稿）
STATUS_LINE = re.compile(r"^[（(]([^（）()]{0,10}稿|试行|暂行|草案)[）)]$")
STATUS_AFTER_TITLE = re.compile(r"[（(]([^（）()]{0,10}稿|草案)[）)]$")  # 某省能源发展规划（送审稿） on one line
HEADLINE = re.compile(r"^[^，,；;：:。！？]{2,30}[。！？]")  # a measure's headline sentence: short, one clause
FIVE_YEAR_PERIOD = r"十[一二三四五六七八九]五"  # a five-year plan period: 十三五, 十四五
CLOSING = "”’」』）)】"
PAGE_LEADERS = ".…·．"  # dot leaders between a contents entry and its page
_TRAILING_DIGITS = re.compile(r"(?<!\d)\d+$")  # starts only where a run of digits starts: linear


def trailing_page(text: str) -> tuple[int, int] | None:
    """(page, offset where the page number starts) when a contents line ends with a page
    number of 1 to 4 digits after dot leaders (``总则……12``), spaces or tabs (``总则 12``),
    or right after a Chinese character or closing bracket (``总则12``); else None.
    Linear in the line's length (no pattern is tried from every character of a run of dots
    or spaces)."""
    found = _TRAILING_DIGITS.search(text)
    if not found or len(found.group()) > 4:
        return None
    before = text[: found.start()]
    leaders = len(before) - len(before.rstrip(PAGE_LEADERS))
    last = before[-1:]
    if leaders >= 2 or (last and last in " \t\u3000") or (last and ("\u4e00" <= last <= "\u9fff" or last in "”）)")):
        return int(found.group()), found.start()
    return None


def attachment_title(text: str) -> tuple[str, str | None]:
    """(label, title) of an appendix's label line: 附件1：甲表 → ("附件1：", "甲表"), 附件1　甲表 →
    ("附件1", "甲表"), 附件2 → ("附件2", None). ``text`` must match :data:`ATTACHMENT`."""
    match = ATTACHMENT.match(text)
    group = 2 if match.group(2) else 3 if match.group(3) else None
    if group is None:
        return text.strip(" \t\u3000"), None
    return text[: match.start(group)].strip(" \t\u3000"), match.group(group).strip(" \t\u3000")


def attachment_entries(text: str) -> list[tuple[str, int | None, str]]:
    """The entries of a line of the body's list of appendices, as (printed number, ordinal,
    title): ``附件：1.甲指标体系 2.乙任务分工表`` → [("附件：1.", 1, "甲指标体系"), ("2.", 2,
    "乙任务分工表")]; ``附件：甲方案`` → [("附件：", None, "甲方案")]; ``附件2：乙表`` → [("附件2：", 2, "乙表")].
    The number keeps its spaces out; the ordinal is None when the list prints none."""
    head = ATTACHMENT_LIST.match(text)
    if head and not head.group(1):
        return []  # 附件： alone: its entries follow on the next lines
    entries = []
    for match in ATTACHMENT_ENTRY.finditer(text):
        number = re.sub(rf"{SPACE}+", "", match.group(1))
        ordinal = match.group(3) or match.group(2)
        entries.append((number, int(ordinal) if ordinal else None, match.group(4).strip(" \t\u3000")))
    return entries


def ends_paragraph(text: str) -> bool:
    """Whether a paragraph is whole: it ends a sentence, or ends with a responsibility note
    (…（生态环境部牵头，…参与）, …（责任单位：X）, read by :func:`duty_notes`) or is one
    (牵头单位：X；配合单位：Y), which closes a task without 。."""
    return ends_sentence(text) or ends_with_duty_note(text) or _ends_with_labelled_note(text)


def _ends_with_labelled_note(text: str) -> bool:
    """A line that is a labelled note (牵头单位：X；配合单位：Y) or ends with one in brackets
    (…（责任单位：市发展改革委，2025年底前完成））."""
    stripped = text.rstrip(" \u3000。；;")
    if DUTY_LABEL.match(squash(stripped)):
        return True
    last = list(BRACKETED.finditer(stripped))
    return bool(last) and last[-1].end() == len(stripped) and DUTY_LABEL.match(squash(last[-1].group(1))) is not None


def date_of(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date line: 2019年1月12日, or 二〇〇五年六月十一日 in Chinese
    numerals; None for any other text."""
    squashed = squash(text)
    found = DATE_LINE.match(squashed)
    if found:
        return int(found.group(1)), int(found.group(2)), int(found.group(3))
    if not CN_DATE_LINE.match(squashed):
        return None
    year, rest = squashed.split("年", 1)
    month, day = rest.rstrip("日").split("月")
    return int("".join(str("〇一二三四五六七八九".index(c)) for c in year.replace("○", "〇").replace("零", "〇"))), \
        cn_to_int(month), cn_to_int(day)


def squash(text: str | None) -> str:
    """Text without any whitespace, for comparing what was printed with different spacing."""
    return re.sub(r"\s+", "", text or "")


def cn_to_int(numeral: str) -> int:
    """12 from '十二', 45 from '四十五', 1001 from '一千零一', 12000 from '一万二千', 7 from '7',
    3 from '③'. 十 百 千 multiply the digit before them (one when none), 万 all before it."""
    if numeral.isdigit() and numeral.isascii():
        return int(numeral)
    if len(numeral) == 1 and numeral in CIRCLED:
        return CIRCLED.index(numeral) + 1
    total, section, current = 0, 0, 0
    for char in numeral:
        if char in CN_UNITS:
            section += (current or 1) * CN_UNITS[char]
            current = 0
        elif char == "万":
            total += ((section + current) or 1) * 10000
            section = current = 0
        else:
            current = {"两": 2, "〇": 0}.get(char, CN_DIGITS.find(char) - 1 if char != "零" else 0)
    return total + section + current


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


CELL_STYLES = ("cn_paren", "arabic", "arabic_paren", "circled")  # numbered lines a table cell may hold


@functools.lru_cache(maxsize=1024)
def _number_at(style: str, ordinal: int) -> re.Pattern | None:
    """Number ``ordinal`` of ``style`` printed at the start of a text or after a sentence, a
    space or a cell border; None for a number the style cannot print (0, ⑳ and beyond, 一百)."""
    if not 1 <= ordinal <= 99:  # the numbers DIVISION_STYLES reads
        return None
    if style == "arabic":
        number = rf"{ordinal}[.．、](?!\d)"
    elif style == "arabic_paren":
        number = rf"[（(]{ordinal}[）)]"
    elif style == "circled" and ordinal <= len(CIRCLED):
        number = re.escape(CIRCLED[ordinal - 1])
    elif style == "cn_paren":
        number = rf"[（(]{_cn_numeral(ordinal)}[）)]"
    else:
        return None
    return re.compile(rf"(?:^|(?<=[\s|{SENTENCE_END}]))(?<!\d){number}")


def holds_number(text: str, style: str, ordinal: int) -> bool:
    """Whether ``text`` prints number ``ordinal`` of numbering ``style`` at its start or after
    a sentence or a space (``1.推进…。2.加强…`` holds arabic 1 and 2), as a table cell
    holding numbered lines does."""
    pattern = _number_at(style, ordinal)
    return pattern is not None and pattern.search(text) is not None


def numbered_run(text: str) -> list[tuple[str, int, str]] | None:
    """A text that is a run of numbered entries, (1)…。(2)…。(3)…。 or 1.…。2.…。, cut into
    (printed number, ordinal, rest) per entry; None unless it starts with number 1 of a
    cell's numbering style (:data:`CELL_STYLES`) and holds number 2 after a sentence."""
    found = division_style(text)
    if not found or found[0] not in CELL_STYLES or found[2] != 1:
        return None
    style, starts = found[0], [0]
    while True:
        pattern = _number_at(style, len(starts) + 1)
        match = pattern.search(text, starts[-1] + 1) if pattern else None
        if match is None or text[match.start() - 1] not in SENTENCE_END + " \u3000":
            break
        starts.append(match.start())
    if len(starts) < 2:
        return None
    entries = []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        _, number, ordinal, rest = division_style(text[start:end].strip(" \u3000"))
        entries.append((number, ordinal, rest.strip(" \u3000")))
    return entries


def _cn_numeral(n: int) -> str:
    """一 … 九十九 for 1 … 99."""
    digits = "一二三四五六七八九"
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens - 1]) + "十" if tens else "") + (digits[ones - 1] if ones else "")


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


# -- responsibility notes (任务分工) ------------------------------------------------------
# A note naming who carries out a task, inside or at the end of a paragraph or cell:
# （生态环境部牵头，国家发展改革委、工业和信息化部参与）, （工业和信息化部指导）, （市卫健委负责）.
# Each clause of the note is departments followed by a role verb; the first clause's verb
# makes them the lead. Verbs longest first (按职责分工负责 before 负责).
LEAD_VERBS = ("牵头负责", "牵头", "主责", "指导", "负责")
SUPPORT_VERBS = ("按职责分工负责", "按职责分别负责", "按职能分工负责", "按职责负责", "分工负责", "分别负责",
                 "共同负责", "负责落实", "参与", "配合", "参加", "协助", "协同", "负责")
ALL_VERBS = tuple(sorted(set(LEAD_VERBS + SUPPORT_VERBS), key=len, reverse=True))  # longest first
BRACKETED = re.compile(r"[（(]((?:[^（()）]|[（(][^（()）]*[）)])+)[）)]")  # one level of inner brackets: 各县（市、区）
# 牵头单位：X；配合单位：Y (a label before the departments, in prose or in a cell)
DUTY_LABEL = re.compile(r"(牵头单位|牵头部门|责任单位|责任部门|主责单位|配合单位|配合部门|参与单位|协办单位)[：:]")
LEAD_LABELS = ("牵头单位", "牵头部门", "主责单位")
RESPONSIBLE_LABELS = ("责任单位", "责任部门")  # the lead, unless a 牵头 label or column names one
DEPARTMENT_MARKS = "、，,；;"  # between two departments (outside brackets)
# A remark in a note saying the first department named leads (国发〔2019〕3号: （税务总局、财政部、
# 海关总署负责，排在第一位的部门为牵头部门，下同）; 国发〔2018〕42号: （…等负责。列第一位者为牵头单位，
# 下同）); 下同: so does every later note.
FIRST_NAMED_LEADS = re.compile(r"(?:排在|排|列在|列)(?:第一位|第一|首位)的?(?:部门|单位|者)?为牵头(?:部门|单位)")
SAME_BELOW = "下同"


def split_departments(text: str) -> list[str]:
    """Department names as printed, split on 、，；(outside brackets: 各县（市、区）人民政府
    is one name), stripped of spaces and a trailing 等 or 等有关部门 (商务部、海关总署等有关部门负责:
    商务部 is named, the others are not); empty names dropped."""
    text = re.sub(r"等(?:有关部门)?和(?=各)", "、", text)  # 商务部等和各有关省级人民政府 (国办发〔2018〕129号): two names
    names = _top_level_split(text, DEPARTMENT_MARKS)
    cleaned = [re.sub(r"等(?:有关|相关)?(?:部门|单位)?$", "", squash(name).strip("。.：:")) for name in names]
    return [name for name in cleaned if name]


def duty_note(inner: str) -> tuple[list[str], list[str]] | None:
    """(lead, support) departments of the words inside a bracketed note when its first clause
    (split on ，；) is departments followed by a role verb (they lead, whatever the verb; verbs
    matched longest first: 按职责分工负责 before 负责) and each later clause is departments and a
    supporting verb, up to a remark that is not (2025年底前完成 ends the reading):
    生态环境部牵头，国家发展改革委、…参与 → ([生态环境部], [国家发展改革委, …]); None for any
    other bracket (（2023年底前）, （含民办））."""
    clauses = [c for c in _top_level_split(squash(inner), "，,；;。") if c]  # 。: （…等负责。列第一位者为牵头单位，下同）
    if not clauses:
        return None
    lead: list[str] = []
    support: list[str] = []
    for number, clause in enumerate(clauses):
        verbs = ALL_VERBS if number == 0 else SUPPORT_VERBS  # the first clause leads whatever its verb
        verb = next((v for v in verbs if clause.endswith(v) and len(clause) > len(v)), None)
        if verb is None and number > 0:
            break  # a remark after the departments: 2025年底前完成, 排在第一位的部门为牵头部门，下同
        if verb is None:
            return None
        named = re.sub(r"^由", "", clause[: -len(verb)])
        if "由" in named:  # 技工院校内由…负责: a statement of scope, not a task's departments
            return None
        named, _, together = named.partition("会同")  # 国家发展改革委会同有关部门负责: the first leads
        names = split_departments(named)
        if not names:
            return None
        (lead if number == 0 else support).extend(names)
        support.extend(split_departments(together))
    return lead, support


def duty_notes(text: str) -> list[tuple[int, int, list[str], list[str]]]:
    """Every responsibility note in ``text``: (start, end, lead, support), start and end the
    offsets of the whole bracket."""
    found = []
    for match in BRACKETED.finditer(text):
        read = duty_note(match.group(1))
        if read:
            found.append((match.start(), match.end(), *read))
    return found


def ends_with_duty_note(text: str) -> bool:
    """Whether a paragraph ends with a responsibility note (…（工业和信息化部指导）): such a
    paragraph is whole even without a closing 。."""
    stripped = text.rstrip(" \u3000。；;")
    notes = duty_notes(stripped)
    return bool(notes) and notes[-1][1] == len(stripped)


def _top_level_split(text: str, marks: str) -> list[str]:
    parts, depth, current = [], 0, []
    for char in text:
        if char in "（(":
            depth += 1
        elif char in "）)":
            depth = max(0, depth - 1)
        if depth == 0 and char in marks:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts
