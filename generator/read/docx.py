"""Word files (.docx) as the plan's lines, with python-docx (MIT).

The body is walked in order, paragraphs and tables interleaved
(``document.element.body.iterchildren()``; content controls are opened):

- a paragraph is one line; a line break inside it (``w:br``) starts a new line; a tab is a
  space; a page-number field (``PAGE``, ``NUMPAGES``) gives nothing; deleted text
  (tracked changes) gives nothing; a text box's paragraphs follow its paragraph as lines.
- Word's automatic numbering (``w:numPr`` on the paragraph or its style → ``numbering.xml``)
  is rendered as Word prints it: the level's ``lvlText`` (``%1、``, ``（%1）``, ``%1.``) with
  each level's counter in its ``numFmt`` (:data:`NUMBER_FORMATS`: ``chineseCounting`` 一,
  ``decimal`` 1, ``decimalEnclosedCircle`` ①…); bullets give nothing. Word's tab or space
  after the number (``w:suff``) is a space, unless the number ends in a mark (``一、``, ``1.``,
  ``（一）``, ``①``: then the text follows it directly, as typed plans print it). Counters run per list
  (``w:num``; a list that restarts with ``w:startOverride`` counts on its own), and a level
  restarts when a higher level is numbered.
- a table is one pipe row per row (``| a | b |``); a cell merged across columns
  (``gridSpan``) or down rows (``vMerge``) is given once, in its first row and column, the
  cells it covers in later rows empty; the paragraphs of a cell are joined by a space.
- a one-column table (a boxed 专栏) is its cells' paragraphs, one line each, as if typed.
- headers, footers and their page numbers are not read (they are not in the body).

A file python-docx cannot open is refused with ``path:1: error: … [docx-unreadable]``.
"""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from generator.read.lines import SourceLine
from generator.structure.diagnostics import Report
from generator.structure.messages import msg

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


_P, _TBL, _TR, _TC, _T = (_w(n) for n in ("p", "tbl", "tr", "tc", "t"))
_VAL = _w("val")
_WRAPPERS = frozenset(_w(n) for n in ("sdt", "sdtContent", "customXml", "smartTag"))
CN_DIGITS = "〇一二三四五六七八九"
MAX_UNPACKED = 256 * 2**20  # the seed's .docx unpacks to 0.6 MiB; a zip bomb to gigabytes
MAX_SPAN = 64  # grid columns a cell may span: wider than any plan's table
LABEL_ENDS = "、.．)）:：" + "".join(map(chr, range(0x2460, 0x2474)))
"""A number ending so is followed by its text directly (一、加强, 1.加强, （一）加强, ①加强)."""


def chinese_counting(n: int) -> str:
    """Chinese numerals as Word's ``chineseCounting`` prints them: 1 一, 10 十, 12 十二, 20 二十, 105 一百零五."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CN_DIGITS[n // 10] + "十" + (CN_DIGITS[n % 10] if n % 10 else "")
    rest = n % 100
    tail = "" if rest == 0 else ("零" + CN_DIGITS[rest] if rest < 10 else
                                 (CN_DIGITS[rest // 10] + "十" + (CN_DIGITS[rest % 10] if rest % 10 else "")))
    return CN_DIGITS[n // 100] + "百" + tail if n < 1000 else str(n)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letter(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


NUMBER_FORMATS = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "japaneseCounting": chinese_counting,
    "ideographTraditional": lambda n: "甲乙丙丁戊己庚辛壬癸"[(n - 1) % 10],
    "ideographDigital": lambda n: "".join(CN_DIGITS[int(d)] for d in str(n)),
    "decimalFullWidth": lambda n: "".join(chr(0xFF10 + int(d)) for d in str(n)),
    "decimalEnclosedCircle": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedCircleChinese": lambda n: chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n),
    "decimalEnclosedParen": lambda n: f"（{n}）",
    "decimalEnclosedFullstop": lambda n: f"{n}.",
    "upperRoman": _roman,
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperLetter": _letter,
    "lowerLetter": lambda n: _letter(n).lower(),
    "none": lambda n: "",
}
"""Word's ``w:numFmt`` values and how each prints a counter (ECMA-376 §17.18.59);
an unknown format prints as ``decimal``. ``bullet`` is handled apart: it prints nothing."""


@dataclass(frozen=True)
class Level:
    """One level of a Word list: its number format, its text (``%1、``) and its start."""

    fmt: str
    text: str
    start: int = 1
    legal: bool = False  # w:isLgl: every level's number printed in decimal
    separated: bool = True  # w:suff tab (Word's default) or space: the number is set off from the text


@dataclass
class Numbering:
    """The lists of ``numbering.xml`` and their running counters, keyed by list."""

    lists: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> (abstractNumId, starts)
    levels: dict[str, dict[int, Level]] = field(default_factory=dict)  # abstractNumId -> ilvl -> Level
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, root: etree._Element | None) -> "Numbering":
        numbering = cls()
        if root is None:
            return numbering
        for abstract in root.iterchildren(_w("abstractNum")):
            numbering.levels[abstract.get(_w("abstractNumId"))] = {
                _number(lvl.get(_w("ilvl")), 0): _level(lvl) for lvl in abstract.iterchildren(_w("lvl"))}
        for num in root.iterchildren(_w("num")):
            abstract = num.find(_w("abstractNumId"))
            starts = {_number(o.get(_w("ilvl")), 0): _int(s, 1)
                      for o in num.iterchildren(_w("lvlOverride")) if (s := o.find(_w("startOverride"))) is not None}
            if abstract is not None:
                numbering.lists[num.get(_w("numId"))] = (abstract.get(_VAL), starts)
        return numbering

    def label(self, num_id: str, ilvl: int) -> str:
        """The number Word prints before the next paragraph of list ``num_id`` at level ``ilvl``
        ('' when the list is unknown, a bullet list or ``numId`` 0), its counters advanced."""
        if num_id not in self.lists:
            return ""
        abstract, starts = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        level = levels.get(ilvl)
        if level is None or level.fmt == "bullet":
            return ""
        key = num_id if starts else abstract  # lists sharing an abstract list count on, unless restarted
        counters = self.counters.setdefault(key, {})
        start = starts.get(ilvl, level.start)
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def number(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lvl = levels.get(k)
            value = counters.get(k, starts.get(k, lvl.start if lvl else 1))
            fmt = "decimal" if level.legal or lvl is None else lvl.fmt
            return NUMBER_FORMATS.get(fmt, str)(value)

        label = re.sub(r"%([1-9])", number, level.text)
        return label + " " if label and level.separated and label[-1] not in LABEL_ENDS else label


def _level(lvl: etree._Element) -> Level:
    fmt_el = lvl.find(_w("numFmt"))
    choice = lvl.find(f"{{{MC}}}AlternateContent/{{{MC}}}Choice/{_w('numFmt')}")
    fmt_el = choice if choice is not None else fmt_el
    fmt = fmt_el.get(_VAL, "decimal") if fmt_el is not None else "decimal"
    if fmt == "custom":  # Word 2010's custom formats: '一, 二, 三, ...', '01, 02, 03, ...'
        sample = fmt_el.get(_w("format"), "")
        fmt = "chineseCounting" if "一" in sample else "decimalZero" if sample.startswith("0") else "decimal"
    text_el, start_el, suffix = lvl.find(_w("lvlText")), lvl.find(_w("start")), lvl.find(_w("suff"))
    return Level(fmt, text_el.get(_VAL, "") if text_el is not None else "", _int(start_el, 1),
                 lvl.find(_w("isLgl")) is not None,
                 suffix is None or suffix.get(_VAL) != "nothing")


@dataclass
class _Styles:
    """Numbering a paragraph style gives its paragraphs (``w:style/w:pPr/w:numPr``, through ``basedOn``)."""

    numbered: dict[str, tuple[str | None, int | None]]
    based_on: dict[str, str]

    @classmethod
    def of(cls, root: etree._Element | None) -> "_Styles":
        numbered, based_on = {}, {}
        for style in (root.iterchildren(_w("style")) if root is not None else ()):
            style_id = style.get(_w("styleId"))
            base = style.find(_w("basedOn"))
            if base is not None:
                based_on[style_id] = base.get(_VAL)
            num_pr = style.find(f"{_w('pPr')}/{_w('numPr')}")
            if num_pr is not None:
                numbered[style_id] = _num_pr(num_pr)
        return cls(numbered, based_on)

    def num_pr(self, style_id: str | None) -> tuple[str | None, int | None]:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if style_id in self.numbered:
                return self.numbered[style_id]
            style_id = self.based_on.get(style_id)
        return None, None


def _num_pr(num_pr: etree._Element) -> tuple[str | None, int | None]:
    num_id, ilvl = num_pr.find(_w("numId")), num_pr.find(_w("ilvl"))
    return (num_id.get(_VAL) if num_id is not None else None, _int(ilvl, 0) if ilvl is not None else None)


def _number(text: str | None, default: int) -> int:
    """``text`` as a number ≥ 0, or ``default`` when absent or not a number (damaged XML)."""
    try:
        return max(0, int(text)) if text is not None else default
    except ValueError:
        return default


@dataclass
class _Reader:
    numbering: Numbering
    styles: _Styles

    def block(self, element: etree._Element) -> list[str]:
        """The lines of one body element: a paragraph, a table, or the paragraphs and tables
        inside a content control (``w:sdt``, a table of contents) or custom XML."""
        if element.tag == _P:
            return self.paragraph(element)
        if element.tag == _TBL:
            return self.table(element)
        if element.tag in _WRAPPERS:
            return [line for child in element for line in self.block(child)]
        return []

    def paragraph(self, p: etree._Element) -> list[str]:
        """A paragraph's lines: its number and text, split at line breaks; then its text boxes."""
        lines, boxes = [self.number(p)], []
        hidden: list[bool] = []  # the open complex fields: whether each one's result is a page number
        for el in _text_elements(p):
            tag = el.tag
            if tag == _w("txbxContent"):
                boxes.extend(line for child in el for line in self.block(child))
            elif tag == _w("fldChar"):
                kind = el.get(_w("fldCharType"))
                if kind == "begin":
                    hidden.append(False)
                elif kind == "end" and hidden:
                    hidden.pop()
            elif tag == _w("instrText") and hidden:
                hidden[-1] = hidden[-1] or _is_page_field(el.text or "")
            elif any(hidden):
                continue
            elif tag == _T:
                lines[-1] += el.text or ""
            elif tag in (_w("tab"), _w("ptab")):
                lines[-1] += " "
            elif tag in (_w("br"), _w("cr")) and el.get(_w("type")) not in ("page", "column"):
                lines.append("")
            elif tag == _w("noBreakHyphen"):
                lines[-1] += "-"
        return [line for line in lines if line.strip()] + boxes

    def number(self, p: etree._Element) -> str:
        num_pr = p.find(f"{_w('pPr')}/{_w('numPr')}")
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        num_id, ilvl = self.styles.num_pr(style.get(_VAL) if style is not None else None)
        if num_pr is not None:
            own_id, own_lvl = _num_pr(num_pr)
            num_id, ilvl = own_id or num_id, own_lvl if own_lvl is not None else ilvl
        if not num_id or num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def table(self, tbl: etree._Element) -> list[str]:
        """A table's lines: pipe rows, or a one-column table's paragraphs (each cell read
        once, so the numbering inside the cells counts once). The last header row
        (``w:tblHeader``: repeated on each page), else the first row, is followed by ``|---|``."""
        spans = _spans(tbl)
        if spans and all(len(cells) <= 1 and all(span == 1 for span, _, _ in cells) for cells in spans):
            return [line for cells in spans for _, _, tc in cells if tc is not None
                    for line in self.cell_lines(tc) if line.strip()]
        lines = []
        headers = [n for n, tr in enumerate(tbl.iterchildren(_TR)) if tr.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None]
        for number, cells in enumerate(spans):
            row = []
            for span, continues, tc in cells:
                row.append("" if continues or tc is None else
                           " ".join(line.strip() for line in self.cell_lines(tc)).replace("|", "｜"))
                row.extend([""] * (span - 1))
            if any(row):
                lines.append("| " + " | ".join(row) + " |")
            if number == max(headers, default=0):
                lines.append("|" + "---|" * len(row))
        return lines

    def cell_lines(self, tc: etree._Element) -> list[str]:
        return [line for child in tc for line in self.block(child)]

def _spans(tbl: etree._Element) -> list[list[tuple[int, bool, etree._Element | None]]]:
    """Each row's cells as (grid columns spanned, continues a vertical merge, the cell); the
    columns a row skips at its start (``w:gridBefore``) as one empty cell. A merged cell is
    given once, in its first row and column: the columns it spans after its first and the
    rows a vertical merge (``w:vMerge``) covers are empty cells."""
    rows = []
    for tr in tbl.iterchildren(_TR):
        cells: list[tuple[int, bool, etree._Element | None]] = []
        before = _int(tr.find(f"{_w('trPr')}/{_w('gridBefore')}"), 0)
        if before:
            cells.append((min(before, MAX_SPAN), True, None))
        for tc in tr.iterchildren(_TC):
            merge = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
            continues = merge is not None and merge.get(_VAL, "continue") != "restart"
            cells.append((min(_int(tc.find(f"{_w('tcPr')}/{_w('gridSpan')}"), 1), MAX_SPAN), continues, tc))
        rows.append(cells)
    return rows


def _int(element: etree._Element | None, default: int) -> int:
    """The ``w:val`` of ``element`` as a number ≥ 0, or ``default`` when absent or not a number."""
    return _number(element.get(_VAL) if element is not None else None, default)


def _text_elements(p: etree._Element):
    """The elements of a paragraph that carry its text, in order, skipping deleted and moved-away runs, the
    fallback copy of alternate content and the inside of text boxes (given as a whole)."""
    skip = (f"{{{MC}}}Fallback", _w("del"), _w("moveFrom"), _w("pPr"), _w("rPr"))
    stack = list(reversed(p))
    while stack:
        el = stack.pop()
        if el.tag in skip or (el.tag == _w("fldSimple") and _is_page_field(el.get(_w("instr"), ""))):
            continue
        yield el
        if el.tag != _w("txbxContent"):
            stack.extend(reversed(el))


def _is_page_field(instruction: str) -> bool:
    words = instruction.split()
    return bool(words) and words[0].upper() in ("PAGE", "NUMPAGES", "SECTIONPAGES")


def docx_lines(data: bytes, where: str, report: Report) -> list[SourceLine] | None:
    """The lines of a .docx file's body (see the module's docstring), or None after
    ``[docx-unreadable]``, ``[docx-too-large]`` (unpacking to more than :data:`MAX_UNPACKED`
    bytes) or ``[docx-empty]``."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    unpacked = _unpacked_size(data)
    if unpacked > MAX_UNPACKED:
        report.error(where, 1, "docx-too-large",
                     msg("the Word file unpacks to {size} MiB, more than {limit} MiB (a plan's is a few MiB): it is "
                         "damaged or not a plan; save the plan's text as .docx again",
                         size=unpacked // 2**20, limit=MAX_UNPACKED // 2**20))
        return None
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError) as exc:
        report.error(where, 1, "docx-unreadable",
                     msg("the file looks like a Word file (.docx) but cannot be opened ({reason}): open it in Word "
                         "or WPS and save it again as .docx", reason=str(exc)))
        return None
    reader = _Reader(Numbering.of(_part_element(document, "numbering_part")),
                     _Styles.of(_part_element(document, "_styles_part")))
    lines = [line for child in document.element.body.iterchildren() for line in reader.block(child)]
    if not any(line.strip() for line in lines):
        report.error(where, 1, "docx-empty", msg("the Word file holds no text in its body"))
        return None
    return [SourceLine(line) for line in lines]


def _unpacked_size(data: bytes) -> int:
    """The bytes the archive's members unpack to, as its directory declares them (zipfile
    reads no more than that of a member), or 0 when it is no zip archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError):
        return 0


def _part_element(document, name: str) -> etree._Element | None:
    """The XML of the document's numbering or styles part, or None when it has none."""
    try:
        part = getattr(document.part, name)
    except (NotImplementedError, KeyError, AttributeError):
        return None
    return part.element if part is not None else None
