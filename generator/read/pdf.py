"""A published PDF with a text layer, read into :class:`SourceLine` (one paragraph per line).

PDFium (pypdfium2, Apache-2.0/BSD: the renderer pdfplumber itself uses) gives each
character with its position and font size; pdfplumber (MIT, on pdfminer.six) finds the
ruled tables on the pages that draw lines. From those this module rebuilds what the
printed page shows:

- **Paragraphs** from the layout, as a reader sees them: a line indented from the left
  margin (the two-character first-line indent) or centred starts a paragraph; a line that
  stops short of the right margin ends one, and so does more space above the next line
  than between the lines of a paragraph; a heading (第一章, 第一节, 一、, （一）, 1.,
  专栏1：…) is a paragraph of its own. A paragraph goes on across a page break. Odd and
  even sheets have each their own margins (a book's mirror).
- **Printed page labels** (``— 12 —``, ``- 12 -``, ``12``, ``第 12 页``) at the top or foot
  of a page are dropped from the text and kept as the ``page`` of every line of that page;
  the **running header and footer** of a browser's print (date, title, address, ``1/79``),
  found as the same line, digits aside, at the edge of most pages, are dropped too.
- **Tables** (ruled: ``page.find_tables()``) become pipe rows ``| a | b |`` in reading order,
  a merged cell given once (the cells it covers are empty); a table cut by a page break
  (the same number of columns, first thing on the next page) is one table again, its
  repeated header row dropped and a row cut in two rejoined; the cells a page break left
  open are completed (:func:`_completed`). A one-column table, or a rectangle drawn around
  text, is a **box** (a 专栏): its lines are paragraphs, its title first.
- **Spaces**: those the PDF prints; between Latin words, and around a Latin word set off by
  one, those its gaps show; in a PDF that prints none (a browser's print) every gap
  (:func:`_line`).
- **Characters**: Kangxi radicals and CJK compatibility ideographs that some fonts map
  text to (``⼈⺠`` for 人民) are folded to the unified ideographs; spaces between Chinese
  and digits (``2022 年 9 月 6 日``) are removed (:func:`tidy`, with ``read.normalise``'s
  functions, which ``read.published`` applies to every kind of source again).

A PDF without a text layer (a scan), with a font that has no Unicode map (``(cid:12)``),
encrypted or broken is refused with an error at line 1 of the file; no PDF raises.
"""
from __future__ import annotations

import io
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from generator.parse.grammar import BOX, division_style
from generator.read.lines import SourceLine
from generator.read.normalise import fold_look_alikes, normalise_line
from generator.structure.diagnostics import Report
from generator.structure.messages import msg

# A printed page label standing alone at the top or foot of a page.
PAGE_LABEL = re.compile(
    r"^(?:[—–\-－~]{1,2}\s*(\d{1,4})\s*[—–\-－~]{1,2}|第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|(\d{1,4})|(\d{1,4})\s*/\s*\d{1,4})$"
)
SHEET_OF = re.compile(r"(?<!\d)(\d{1,4})\s*/\s*\d{1,4}$")  # a browser footer's "12/79"
TOC_LINE_END = re.compile(r"[.…·．]{2,}\s*\d{1,4}$")  # a contents line: leader dots and a page number
EDGE_BAND = 0.12  # the top and foot of a page where headers, footers and labels stand (share of its height)
# Chinese characters (with radicals and compatibility forms), CJK marks, full-width forms
CJK = "\u2e80-\u2fdf\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
SPACE_BY_DIGIT = re.compile(rf"(?<=[{CJK}]) +(?=\d)|(?<=\d) +(?=[{CJK}])")


def tidy(text: str) -> str:
    """One line of converted text as the parser reads it, the same for a PDF read alone as
    through ``read.published``: look-alike radicals folded (``read.normalise.fold_look_alikes``:
    ``⼈⺠`` → ``人民``), spaces normalised (``read.normalise.normalise_line``) and every space
    between a Chinese character or mark and a digit removed (``2022 年 9 月 6 日`` →
    ``2022年9月6日``, ``34 号`` → ``34号``: a PDF's lines are whole paragraphs and pipe rows,
    with no columns aligned by spaces for the rule to break), ends trimmed."""
    folded, _ = fold_look_alikes(normalise_line(text))
    return SPACE_BY_DIGIT.sub("", folded).strip(" \u3000")


@dataclass
class _Line:
    """One printed line: its text, box (PDF points, top-down) and font size."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    trailing_space: bool = False
    sheet: int = 0  # the page's index in the file (0-based)


@dataclass
class _Table:
    """A ruled table: rows of cells, each the cell's lines, or None for a cell covered by a
    merged cell; ``labels``: the printed page of each row (set once the table is in the flow)."""

    top: float
    rows: list[list[list[_Line] | None]]
    labels: list[str | None] = field(default_factory=list)
    sheet: int = 0  # the page (0-based index in the file) of its last row

    @property
    def columns(self) -> int:
        return len(self.rows[0]) if self.rows else 0


@dataclass
class _Page:
    items: list  # _Line and _Table, in reading order
    label: str | None = None
    height: float = 0.0


@dataclass
class _Layout:
    """The text block of the document's body: left and right margins, body font size, the
    distance from one line to the next inside a paragraph (None: unknown)."""

    left: float
    right: float
    size: float
    pitch: float | None = None
    centre: float = field(init=False)

    def __post_init__(self) -> None:
        self.centre = (self.left + self.right) / 2


def pdf_lines(data: bytes, where: str, report: Report) -> list[SourceLine] | None:
    """The paragraphs, headings and table rows of the PDF ``data`` (named ``where`` in
    diagnostics), each with the printed page label it stands on; None after an error
    (``pdf-encrypted``, ``pdf-broken``, ``pdf-no-text``, ``pdf-no-unicode``) in ``report``."""
    pages = _read_pages(data, where, report)
    if pages is None:
        return None
    if not any(isinstance(item, _Table) or item.text.strip() for page in pages for item in page.items):
        report.error(where, 1, "pdf-no-text",
                     msg("the PDF has no text layer (it is a scan: its pages are images): OCR is not good enough "
                         "for a citable text (about 1.5% of characters wrong on prose, tables unreadable), so "
                         "ask the issuer for the text, a Word file or the web page, and name that in source:"))
        return None
    _drop_running_lines(pages)
    flow = _joined_tables([(page.label, item) for page in pages for item in page.items])
    return _paragraphs(flow, _layouts(pages))


# --- reading the pages -------------------------------------------------------------------

def _read_pages(data: bytes, where: str, report: Report) -> list[_Page] | None:
    """Every page's lines and tables. Characters come from PDFium (pypdfium2, the renderer
    pdfplumber itself depends on: ten times faster than pdfminer's interpreter on the seed's
    79 pages); table cells from pdfplumber's ``find_tables``, run only on pages that draw
    lines or rectangles."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium.raw.FPDF_ERR_PASSWORD:
            report.error(where, 1, "pdf-encrypted",
                         msg("the PDF is encrypted (it needs a password to open): ask for an unprotected copy"))
        else:
            report.error(where, 1, "pdf-broken",
                         msg("the PDF cannot be read ({reason}): it is damaged or not a PDF; ask for the file "
                             "again, or for the text", reason=str(exc)))
        return None
    try:
        read = [_page_chars(page) for page in document]
    except pdfium.PdfiumError as exc:  # a page that cannot be loaded
        report.error(where, 1, "pdf-broken", msg("a page of the PDF cannot be read ({reason}): the file is damaged; "
                                                 "ask for the file again, or for the text", reason=str(exc)))
        return None
    finally:
        document.close()
    if not _mapped(read, where, report):
        return None
    tables = _tables(data, [index for index, (_, _, ruled, _) in enumerate(read) if ruled], where, report)
    if tables is None:
        return None
    # a PDF that prints no space at all (a browser's print: Skia places words instead) has
    # its spaces only as gaps, between Chinese characters too
    gaps = not any(char["text"] == " " for chars, _, _, _ in read for char in chars)
    pages = []
    for index, (chars, height, _, _) in enumerate(read):
        found, cell_chars = tables.get(index, ([], chars))
        cells = [(bbox, _Table(bbox[1], [[None if box is None else _lines(_inside(cell_chars, box), gaps)
                                          for box in row] for row in rows], sheet=index))
                 for bbox, rows in found]
        body = [c for c in chars if not any(_centre_in(c, bbox) for bbox, _ in cells)]
        lines = [replace(line, sheet=index) for line in _lines(body, gaps)]
        items = sorted([*lines, *(t for _, t in cells)], key=lambda item: item.top)
        pages.append(_Page(items, height=height))
    return pages


UNMAPPED_SHARE = 0.02  # more characters than this without a Unicode map: the text cannot be read


def _mapped(read: list[tuple[list[dict], float, bool, int]], where: str, report: Report) -> bool:
    """Whether the text can be read: an error (``pdf-no-unicode``) when more than
    :data:`UNMAPPED_SHARE` of the characters come from a font with no Unicode map (pdfminer
    shows them as ``(cid:12)``); a warning (``pdf-unmapped``) for fewer (a symbol font's
    bullets and stars), which stand as U+FFFD (�) in the text."""
    unmapped = sum(count for _, _, _, count in read)
    if not unmapped:
        return True
    total = sum(len(chars) for chars, _, _, _ in read)
    first = next(sheet for sheet, (_, _, _, count) in enumerate(read, 1) if count)
    if unmapped > UNMAPPED_SHARE * total:
        report.error(where, 1, "pdf-no-unicode",
                     msg("a font of this PDF has no Unicode map ({unmapped} of its {total} characters, from sheet "
                         "{first} of the file, are glyph numbers such as (cid:12), not characters): its text cannot "
                         "be read; ask for the text or a Word file", unmapped=unmapped, total=total, first=first))
        return False
    report.warning(where, 1, "pdf-unmapped",
                   msg("{unmapped} character(s) of the PDF (the first on sheet {first} of the file) come from a font "
                       "with no Unicode map and stand as � in the text: check them against the printed page",
                       unmapped=unmapped, first=first))
    return True


def _page_chars(page) -> tuple[list[dict], float, bool, int]:
    """The characters PDFium reads on ``page`` (its own generated spaces and line ends left
    out; one with no Unicode mapping as U+FFFD), the page height, whether it draws paths
    (table rules, boxes) and how many characters have no Unicode mapping."""
    import ctypes

    from pypdfium2 import raw

    height = page.get_height()
    textpage = page.get_textpage()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    chars, unmapped = [], 0
    try:
        for index in range(raw.FPDFText_CountChars(textpage)):
            code = raw.FPDFText_GetUnicode(textpage, index)
            if raw.FPDFText_HasUnicodeMapError(textpage, index) == 1:
                unmapped += 1
                code = 0xFFFD
            elif code == 0x02:
                code = 0x2D  # PDFium's mark for a hyphen at a line's end: the hyphen printed
            elif code in (0x0D, 0x0A, 0xFFFE) or raw.FPDFText_IsGenerated(textpage, index) == 1:
                continue  # PDFium's own line ends and spaces guessed from gaps
            size = raw.FPDFText_GetFontSize(textpage, index)
            box = raw.FS_RECTF()
            raw.FPDFText_GetLooseCharBox(textpage, index, box)
            raw.FPDFText_GetCharOrigin(textpage, index, origin_x, origin_y)
            chars.append({"text": chr(code), "x0": box.left, "x1": box.right, "top": height - box.top,
                          "bottom": height - box.bottom, "size": size, "baseline": height - origin_y.value,
                          "origin": origin_x.value})
        ruled = any(raw.FPDFPageObj_GetType(raw.FPDFPage_GetObject(page, i)) == raw.FPDF_PAGEOBJ_PATH
                    for i in range(raw.FPDFPage_CountObjects(page)))
    finally:
        textpage.close()
        page.close()
    return chars, height, ruled, unmapped


def _tables(data: bytes, indexes: list[int], where: str, report: Report) -> dict[int, list] | None:
    """The ruled tables of the pages ``indexes`` (0-based), by page: a list of (bbox, rows of
    cell boxes, None for a cell a merged cell covers) from pdfplumber's ``find_tables``, and
    the page's characters as pdfminer reads them, for the cells (with the spaces the PDF
    prints, which PDFium replaces by its own guesses: a cell's line that ends in a space
    ends a word). The body keeps PDFium's characters, so that every page's lines are
    measured alike (pdfminer and PDFium differ on font sizes and spaces)."""
    if not indexes:
        return {}
    import pdfplumber

    quiet = logging.getLogger("pdfminer")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # pdfminer logs a warning per odd font descriptor
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            found = {}
            for index in indexes:
                page = pdf.pages[index]
                tables = [table for table in page.find_tables() if table.rows]
                if not tables:
                    continue
                chars = [{"text": char["text"], "x0": char["x0"], "x1": char["x1"], "top": char["top"],
                          "bottom": char["bottom"], "size": char["size"], "baseline": page.height - char["matrix"][5]}
                         for char in page.chars if char.get("upright", True)]
                found[index] = ([_completed(table.bbox, [list(row.cells) for row in table.rows], page.edges, chars)
                                 for table in tables], chars)
            return found
    except Exception as exc:  # pdfminer raises many kinds on a damaged file; none may escape
        report.error(where, 1, "pdf-broken",
                     msg("the PDF's tables cannot be read ({reason}): it is damaged; ask for the file again, or "
                         "for the text", reason=f"{type(exc).__name__}: {str(exc)[:120]}"))
        return None
    finally:
        quiet.setLevel(level)


def _completed(bbox: tuple, rows: list[list], edges: list[dict], chars: list[dict]) -> tuple[tuple, list[list]]:
    """A table as pdfplumber finds it, with what a page break takes from its cells put back.

    pdfplumber makes a cell only where four ruling lines close it. When a page break cuts a
    table, the row at the cut has a line on one side only: (1) a row standing above the
    table's first closed row, between column rules that come down to the table's top, is
    read as the table's first row, its cells cut by the table's columns; (2) a slot with no
    cell (pdfplumber's None, normally a place a merged cell covers) that holds characters no
    cell holds is made a cell (the start of a merged cell the break left open: its text
    stands there)."""
    columns = [next(((cell[0], cell[2]) for row in rows if (cell := row[j]) is not None), None)
               for j in range(len(rows[0]))]
    if None in columns:
        return bbox, rows
    x0, top, x1, bottom = bbox
    height = max(cell[3] - cell[1] for row in rows for cell in row if cell is not None)
    # the column rules that go on above the table's first closed row (a row whose top the break cut off)
    above = [edge["top"] for edge in edges if edge["orientation"] == "v" and x0 - 2 <= edge["x0"] <= x1 + 2
             and edge["bottom"] >= top - 2 and top - 2.5 * height <= edge["top"] < top - 2]
    if len(above) >= len(columns):
        row_top = min(above)
        stray = [(cx0, row_top, cx1, top) for cx0, cx1 in columns]
        if any(_centre_in(c, (x0, row_top, x1, top)) for c in chars):
            rows = [stray, *rows]
            bbox = (x0, row_top, x1, bottom)
    cells = [cell for row in rows for cell in row if cell is not None]
    for row in rows:
        known = next(cell for cell in row if cell is not None)
        for j, cell in enumerate(row):
            if cell is None:
                slot = (columns[j][0], known[1], columns[j][1], known[3])
                if any(_centre_in(c, slot) and not any(_centre_in(c, other) for other in cells) for c in chars):
                    row[j] = slot
    return bbox, rows


def _centre_in(char: dict, bbox: tuple) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return bbox[0] <= x <= bbox[2] and bbox[1] <= y <= bbox[3]


def _inside(chars: list[dict], bbox: tuple) -> list[dict]:
    return [c for c in chars if _centre_in(c, bbox)]


def _lines(chars: list[dict], gaps: bool = False) -> list[_Line]:
    """Characters grouped into printed lines (same baseline within a third of the font
    size: glyph boxes of one line differ between fonts), left to right, with the spaces :func:`_line` sets."""
    rows: list[list[dict]] = []
    for char in sorted(chars, key=lambda c: (round(c["baseline"]), c["x0"])):
        if rows and abs(rows[-1][0]["baseline"] - char["baseline"]) <= rows[-1][0]["size"] / 3:
            rows[-1].append(char)
        else:
            rows.append([char])
    return [line for row in rows if (line := _line(sorted(row, key=lambda c: c["x0"]), gaps)) is not None]


def _is_cjk(char: str) -> bool:
    return bool(re.match(f"[{CJK}\u201c\u201d\u2018\u2019\u2014\u2026]", char))


def _gap(previous: dict, char: dict, em: float) -> float:
    """The white space between two characters of a line. A Chinese character advances by
    one em from its origin (its glyph box may be narrower: a radical drawn from another font)."""
    left = char.get("origin", char["x0"])
    right = previous["origin"] + em if "origin" in previous and _is_cjk(previous["text"]) else previous["x1"]
    return left - right


def _line(chars: list[dict], gaps: bool = False) -> _Line | None:
    """One printed line. Its spaces: those the PDF prints, and a gap of a quarter em (the
    advance of the line's Chinese characters) or more between two Latin letters or digits
    (a PDF may place words instead of printing spaces). A gap between two Chinese characters
    is no space: a justified line spreads them by as much as a space (0.23 em in the seed's
    PDF, where a Chromium print leaves 0.25 em for a space). In a PDF that prints no space
    anywhere (``gaps``), every gap of a fifth of an em is a space.
    Between Chinese and Latin text a typesetter leaves the same gap whether the source had
    a space or not (二本B类 and 家政服务 etc 生活 look alike), so a Latin word gets a space
    after it only when it has one before it (or starts the line)."""
    text, previous, spaced_run = "", None, True
    wide = sorted(c["x1"] - c["x0"] for c in chars if _is_cjk(c["text"]))
    em = wide[len(wide) // 2] if wide else chars[0]["size"]  # a Chinese character's advance
    for char in chars:
        glyph = char["text"]
        if glyph == " ":
            text += "" if text.endswith(" ") else " "
            continue
        gap = _gap(previous, char, em) if previous is not None else 0.0
        if gaps and gap > em / 5 and not text.endswith(" "):
            text += " "
        elif previous is not None and not text.endswith(" ") and gap > em / 4:
            latin_before, latin_now = not _is_cjk(previous["text"]), not _is_cjk(glyph)
            if (latin_before and latin_now) or (latin_before and spaced_run):
                text += " "
        if not _is_cjk(glyph) and (previous is None or _is_cjk(previous["text"])):
            spaced_run = previous is None or text.endswith(" ")
        text += glyph
        previous = char
    visible = [c for c in chars if c["text"].strip()]
    if not visible:
        return None
    size = Counter(round(c["size"], 1) for c in visible).most_common(1)[0][0]
    return _Line(text.strip(), visible[0]["x0"], visible[-1]["x1"], min(c["top"] for c in visible), size,
                 trailing_space=not chars[-1]["text"].strip())


# --- page labels, running headers and footers --------------------------------------------

def _masked(text: str, top: float, page: _Page) -> tuple[str, str]:
    """What a running line keeps from page to page: its text without digits and spaces (the
    two character sources space it differently), and the edge it stands at."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))), \
        "top" if top < page.height / 2 else "foot"


def _outermost(page: _Page) -> list[tuple[_Line, int]]:
    """The first and the last item of a page, when it is a line in the page's top or foot
    band, each with the way inward (1 from the top, -1 from the foot)."""
    found = []
    for index, step in ((0, 1), (-1, -1)):
        if page.items and isinstance(page.items[index], _Line):
            line = page.items[index]
            if line.top < page.height * EDGE_BAND or line.top > page.height * (1 - EDGE_BAND):
                found.append((line, step))
    return found


def _drop_running_lines(pages: list[_Page]) -> None:
    """Remove page labels and running headers and footers from the pages and set each page's
    label (the printed number, or the browser's sheet number ``12`` of ``12/79``).

    At each edge of a page (its top and foot band) the outermost line goes when it is a page
    label or a running line: the same text, digits aside, at the same edge on at least half
    the pages (and two); after a running line, the next line inward goes too when it
    is a page label (a number printed inside a running footer)."""
    seen = Counter()
    for page in pages:
        seen.update({_masked(line.text, line.top, page) for line, _ in _outermost(page)})
    running = {key for key, count in seen.items() if count >= 2 and count >= len(pages) / 2}
    for page in pages:
        for line, step in _outermost(page):
            if _page_label(page, line):
                continue
            if _masked(line.text, line.top, page) not in running:
                continue
            sheet = SHEET_OF.search(line.text)
            page.label = page.label or (sheet.group(1) if sheet else None)
            page.items.remove(line)
            following = page.items and page.items[0 if step > 0 else -1]
            if isinstance(following, _Line):
                _page_label(page, following)


def _page_label(page: _Page, line: _Line) -> bool:
    """Drop ``line`` from ``page`` and take its number as the page's label when it is a
    printed page label (— 12 —, 12, 第 12 页, 12/79)."""
    label = PAGE_LABEL.match(line.text)
    if not label:
        return False
    page.label = next(group for group in label.groups() if group)
    page.items.remove(line)
    return True


# --- tables across pages -----------------------------------------------------------------

def _joined_tables(flow: list[tuple[str | None, object]]) -> list[tuple[str | None, object]]:
    """The flow with each table that a page break cut rejoined: a table that ends its page,
    followed by a table with as many columns that begins the next page."""
    result: list[tuple[str | None, object]] = []
    for label, item in flow:
        if isinstance(item, _Table):
            item = _Table(item.top, item.rows, [label] * len(item.rows), item.sheet)
        if isinstance(item, _Table) and result and isinstance(result[-1][1], _Table) \
                and result[-1][1].sheet + 1 == item.sheet and result[-1][1].columns == item.columns and item.rows:
            result[-1] = (result[-1][0], _continued(result[-1][1], item))
        else:
            result.append((label, item))
    return result


def _cell_text(cell: list[_Line] | None) -> str:
    if not cell:
        return ""
    text = cell[0].text
    for previous, line in zip(cell, cell[1:]):
        text = _join(text, line.text, previous.trailing_space)
    return text


def _continued(first: _Table, more: _Table) -> _Table:
    rows, labels = list(more.rows), list(more.labels)
    if [_cell_text(c) for c in rows[0]] == [_cell_text(c) for c in first.rows[0]]:
        rows, labels = rows[1:], labels[1:]  # the header row printed again
    joined = list(first.rows)
    if rows and joined and _cut_row(joined[-1], rows[0]):
        joined[-1] = [a if b is None else (b if a is None else a + b) for a, b in zip(joined[-1], rows[0])]
        rows, labels = rows[1:], labels[1:]
    return _Table(first.top, joined + rows, first.labels + labels, more.sheet)


def _cut_row(last: list, first: list) -> bool:
    """Whether ``first`` (the first row after a page break) is the rest of ``last``: every
    cell it fills was filled in ``last`` too, and some cell ``last`` fills it leaves empty."""
    filled = [bool(_cell_text(c)) for c in first]
    before = [bool(_cell_text(c)) for c in last]
    return any(filled) and all(b for f, b in zip(filled, before) if f) and \
        any(b and not f and c is not None for f, b, c in zip(filled, before, first))


# --- paragraphs --------------------------------------------------------------------------

def _layouts(pages: list[_Page]) -> dict[int, _Layout]:
    """The text block of odd and of even sheets (0 and 1: a book's margins mirror from one
    side of the paper to the other), or of all pages when a side has too few lines to tell."""
    both = _layout(pages)
    sides = {side: [page for index, page in enumerate(pages) if index % 2 == side] for side in (0, 1)}
    return {side: _layout(kept) if sum(isinstance(i, _Line) for p in kept for i in p.items) >= 40 else both
            for side, kept in sides.items()}


def _layout(pages: list[_Page]) -> _Layout:
    lines = [item for page in pages for item in page.items if isinstance(item, _Line)]
    if not lines:
        return _Layout(0.0, 0.0, 1.0)
    size = Counter(line.size for line in lines).most_common(1)[0][0]
    body = [line for line in lines if line.size == size] or lines
    starts = Counter(round(line.x0) for line in body)
    common = [x for x, count in starts.items() if count >= max(2, len(body) / 20)]
    left = min(common or starts)  # the left margin: the leftmost place many lines start at
    ends = sorted(line.x1 for line in body)
    right = ends[int(len(ends) * 0.9)] if len(ends) >= 10 else ends[-1]
    steps = Counter(round(b.top - a.top) for a, b in zip(body, body[1:]) if b.sheet == a.sheet and b.top > a.top)
    pitch = steps.most_common(1)[0][0] if steps and steps.most_common(1)[0][1] >= 3 else None
    return _Layout(float(left), right, size, pitch)


def _paragraphs(flow: list[tuple[str | None, object]], layouts: dict[int, _Layout]) -> list[SourceLine]:
    result: list[SourceLine] = []
    for label, item in flow:
        if isinstance(item, _Table):
            result.extend(SourceLine(text, page) for text, page in _table_lines(item))
            continue
        previous = result[-1] if result and isinstance(_last_line(result), _Line) else None
        if previous is not None and not _starts_paragraph(_last_line(result), item, layouts[item.sheet % 2]):
            result[-1] = _Joined(_join(previous.text, item.text, _last_line(result).trailing_space),
                                 previous.page, item)
        else:
            result.append(_Joined(item.text, label, item))
    return [SourceLine(tidy(line.text), line.page) for line in result if tidy(line.text)]


@dataclass(frozen=True)
class _Joined(SourceLine):
    """A paragraph being built, with the last printed line it holds (for the next join)."""

    last: _Line | None = None


def _last_line(result: list[SourceLine]) -> _Line | None:
    return getattr(result[-1], "last", None)


def _starts_paragraph(previous: _Line, line: _Line, layout: _Layout) -> bool:
    """Whether ``line`` begins a new paragraph after ``previous`` (see the module docstring)."""
    if abs(previous.size - line.size) > 0.5:
        return True
    if layout.pitch and previous.sheet == line.sheet and line.top - previous.top > 1.5 * layout.pitch:
        return True  # space between paragraphs
    if _is_heading(previous.text) and previous.x1 < layout.right - line.size or _is_heading(line.text):
        return True
    if TOC_LINE_END.search(previous.text):
        return True
    if _centred(previous, layout) and _centred(line, layout) and line.size > layout.size \
            and previous.x1 - previous.x0 >= 0.7 * (layout.right - layout.left):
        return False  # a title too long for one line, centred on two
    if line.x0 > layout.left + 1.2 * line.size:
        return True  # a first-line indent, a centred or right-aligned line
    return previous.x1 < layout.right - 0.9 * previous.size


def _centred(line: _Line, layout: _Layout) -> bool:
    """A line set in the middle of the text block: as far from the left margin as from the
    right, by half an em at least."""
    indent = line.x0 - layout.left
    return indent > line.size / 2 and abs(indent - (layout.right - line.x1)) < line.size


def _is_heading(text: str) -> bool:
    return bool(division_style(text) or BOX.match(text))


LATIN_WORD_FIRST = re.compile(r"^[A-Za-z][A-Za-z.\-]* ")  # a line starting with a Latin word set off by a space
LATIN_WORD_LAST = re.compile(r" [A-Za-z][A-Za-z.\-]*$")


def _join(left: str, right: str, spaced: bool) -> str:
    """Two printed lines of one paragraph joined: no space between Chinese characters; one
    where the PDF prints one at the line's end, where two Latin words meet, and around a
    Latin word set off by a space on its other side (``布局`` + ``and 资源`` → ``布局 and 资源``)."""
    latin_left, latin_right = left[-1:].isascii() and left[-1:].isalnum(), right[:1].isascii() and right[:1].isalnum()
    if spaced or (latin_left and latin_right) or (latin_right and LATIN_WORD_FIRST.match(right)) \
            or (latin_left and LATIN_WORD_LAST.search(left)):
        return f"{left} {right}"
    return left + right


def _table_lines(table: _Table) -> list[tuple[str, str | None]]:
    """A box (one column) as its paragraphs, else one pipe row per table row, the first
    (the header row: a ruled table prints its column heads first) followed by the rule
    ``|---|`` that marks it; each with the printed page its row stands on."""
    if table.columns == 1:
        lines: list[tuple[str, str | None]] = []
        for row, label in zip(table.rows, table.labels):
            cell = row[0] or []
            if cell:
                cell_layout = _Layout(min(l.x0 for l in cell), max(l.x1 for l in cell),
                                      Counter(l.size for l in cell).most_common(1)[0][0])
                lines.extend((line.text, label)
                             for line in _paragraphs([(None, l) for l in cell], {0: cell_layout, 1: cell_layout}))
        return lines
    rows = [("| " + " | ".join(_cell_text(cell).replace("|", "｜") for cell in row) + " |", label)
            for row, label in zip(table.rows, table.labels)]
    return rows[:1] + [("|" + "---|" * table.columns, rows[0][1])] + rows[1:]
