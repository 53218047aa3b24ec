"""Web pages (a government site's article page) as the plan's lines, with lxml (BSD).

- **charset**: a byte-order mark, else the page's ``<meta charset>`` or
  ``<meta http-equiv="Content-Type" content="…; charset=…">`` (in its first 16 KiB), else
  UTF-8 or GB18030 as a text file is decoded; GB2312 and GBK pages are decoded as GB18030
  (their superset). Bytes the declared charset cannot decode are refused.
- **the article**: the first of :data:`ARTICLE_CONTAINERS` (the containers gov.cn-style
  sites put an article in: ``#UCAP-CONTENT``, ``.pages_content``, ``.TRS_Editor``, ``#zoom``…)
  that holds text; else the element whose own paragraphs hold the most text. The site's
  chrome (navigation, the metadata table, the footer, scripts) is outside it; scripts,
  styles, forms, navigation and hidden elements (``display:none``) inside it are left out too. A page where no article is
  found (no paragraph of :data:`MIN_ARTICLE_CHARS` characters) is refused.
- **lines**: every block element (``<p>``, ``<div>``, headings, list items…) and ``<br>``
  ends a line; whitespace inside a line is collapsed as a browser shows it.
- **tables**: one pipe row per row, a cell spanning rows or columns (``rowspan``,
  ``colspan``) given once, in its first row and column, the places it covers empty; the
  row after the header (``<thead>`` rows or rows of ``<th>``, else the first row) is
  followed by ``|---|``. A one-column table (a 专栏 drawn as a box) gives its lines as
  if typed.
"""
from __future__ import annotations

import codecs
import re

from lxml import etree, html

from generator.read.lines import SourceLine
from generator.structure.diagnostics import Report
from generator.structure.messages import msg

ARTICLE_CONTAINERS = (
    "#UCAP-CONTENT", ".pages_content", ".TRS_Editor", "#zoom", "#Zoom", ".zoom", ".article-content",
    ".article_content",
)
"""CSS selectors of the article's container on gov.cn-style sites, most specific first
(gov.cn's own pages: ``#UCAP-CONTENT``/``.pages_content``; TRS WCM sites: ``.TRS_Editor``;
many provincial sites: ``#zoom``). Generic names (``.content``, ``<article>``) are not in
the list: on many sites they wrap the navigation too, which the largest block of
paragraphs leaves out."""
MIN_ARTICLE_CHARS = 20
HEAD_BYTES = 16384  # where a charset declaration is looked for: gov.cn pages have long heads
BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article blockquote center pre tr "
                   "table form header footer address figure figcaption hr".split())
LEFT_OUT = frozenset("script style noscript nav form iframe select button input textarea template head".split())
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_CHARSET_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030"}
_SPACE = re.compile(r"[ \t\r\n\f]+")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def page_text(data: bytes, where: str, report: Report) -> str | None:
    """The page decoded by its BOM or declared charset (see the module's docstring), or None
    after ``[encoding]``."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            charset = codec
            break
    else:
        declared = _META_CHARSET.search(data[:HEAD_BYTES])
        if declared is None:
            return _undeclared(data, where, report)
        charset = declared.group(1).decode("ascii").lower()
    charset = _CHARSET_ALIASES.get(charset, charset)
    try:
        return data.decode(charset).lstrip("\ufeff")
    except LookupError:
        report.error(where, 1, "encoding", msg("the page declares the charset {charset}, which is not known: "
                                               "save the page as UTF-8", charset=repr(charset)))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        report.error(where, line, "encoding",
                     msg("the page is not {charset} text as it declares (byte 0x{byte:02x} cannot be decoded): "
                         "save the page again from the browser, or as UTF-8", charset=charset.upper(),
                         byte=data[exc.start]))
    return None


def _undeclared(data: bytes, where: str, report: Report) -> str | None:
    """A page declaring no charset: UTF-8, else GB18030 as a text file is read (``decoding.decode``)."""
    from generator.read.decoding import decode

    return decode(data, where, report)


def find_article(root: etree._Element) -> etree._Element | None:
    """The element holding the article: a known container with text, else the element whose
    own paragraphs (``<p>``, ``<br>``-separated text) hold the most characters."""
    for selector in ARTICLE_CONTAINERS:
        for element in _select(root, selector):
            if len(_visible_text(element)) >= MIN_ARTICLE_CHARS:
                return element
    scores: dict[etree._Element, int] = {}
    for paragraph in root.iter("p", "br"):
        parent = paragraph.getparent()
        if parent is not None:
            text = _visible_text(paragraph) if paragraph.tag == "p" else (paragraph.tail or "").strip()
            scores[parent] = scores.get(parent, 0) + len(text)
    best = max(scores, key=scores.get, default=None)
    return best if best is not None and scores[best] >= MIN_ARTICLE_CHARS else None


def _select(root: etree._Element, selector: str) -> list[etree._Element]:
    """The elements matching a selector of the forms ``#id``, ``.class`` or ``tag``, in document order."""
    if selector.startswith("#"):
        return root.xpath("//*[@id=$v]", v=selector[1:])
    if selector.startswith("."):
        return root.xpath("//*[contains(concat(' ', normalize-space(@class), ' '), $v)]", v=f" {selector[1:]} ")
    return root.xpath(f"//{selector}")


def _visible_text(element: etree._Element) -> str:
    return "".join(t for t in element.xpath(".//text()[not(ancestor::script) and not(ancestor::style)]")).strip()


class _Lines:
    """Lines built from the article's elements: inline text joins the current line; a block
    or ``<br>`` ends it."""

    def __init__(self) -> None:
        self.lines: list[str] = [""]

    def add(self, text: str | None) -> None:
        if text:
            self.lines[-1] += _SPACE.sub(" ", text)

    def end(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")
        else:
            self.lines[-1] = ""

    def result(self) -> list[str]:
        return [line.strip() for line in self.lines if line.strip()]


def article_lines(element: etree._Element) -> list[str]:
    """The lines of an article element (see the module's docstring)."""
    out = _Lines()
    out.add(element.text)
    _walk(element, out)
    return out.result()


def _walk(element: etree._Element, out: _Lines) -> None:
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in LEFT_OUT or not tag or _hidden(child):
            out.add(child.tail)
            continue
        if tag == "br":
            out.end()
        elif tag == "table":
            out.end()
            out.lines[-1:] = table_lines(child) + [""]
        else:
            block = tag in BLOCKS
            if block:
                out.end()
            out.add(child.text)
            _walk(child, out)
            if block:
                out.end()
        out.add(child.tail)


def _hidden(element: etree._Element) -> bool:
    """Whether the page hides the element from its readers (``hidden``, ``display:none``)."""
    return element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or "") is not None


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (not those of tables nested in its cells)."""
    return [tr for tr in table.iter("tr") if _owner(tr) is table]


def _owner(element: etree._Element) -> etree._Element | None:
    parent = element.getparent()
    while parent is not None and parent.tag != "table":
        parent = parent.getparent()
    return parent


def table_lines(table: etree._Element) -> list[str]:
    """A table's lines: pipe rows with merged cells once and ``|---|`` after the header row,
    or, for a one-column table, its cells' lines."""
    rows = _rows(table)
    cells = [[c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")] for tr in rows]
    if cells and all(len(row) <= 1 and _span(row[0], "colspan", MAX_COLSPAN) <= 1 if row else True for row in cells):
        return [line for row in cells for cell in row for line in article_lines(cell)]
    grid = _grid(cells)
    header = _header_row(rows, cells)
    lines = []
    for number, row in enumerate(grid):
        if any(row):
            lines.append("| " + " | ".join(row) + " |")
        if number == header:
            lines.append("|" + "---|" * len(row))
    return lines


MAX_COLSPAN = 64  # wider than any plan's table; a page's colspan="1000" is not a table of 1000 columns


def _span(cell: etree._Element, name: str, limit: int) -> int:
    """A cell's rowspan or colspan: 1 when absent or not a number, at most ``limit``."""
    try:
        return max(1, min(int(cell.get(name, "1").strip()), limit))
    except ValueError:
        return 1


def _grid(cells: list[list[etree._Element]]) -> list[list[str]]:
    """Cell texts on the table's grid: a cell spanning rows or columns given once, in its first
    row and column; the places it covers empty."""
    grid: list[list[str]] = []
    covered: dict[tuple[int, int], bool] = {}
    for r, row in enumerate(cells):
        line: list[str] = []
        c = 0
        for cell in row:
            while covered.pop((r, c), False):
                line.append("")
                c += 1
            rowspan, colspan = _span(cell, "rowspan", len(cells) - r), _span(cell, "colspan", MAX_COLSPAN)
            line.append(" ".join(article_lines(cell)).replace("|", "｜"))
            line.extend([""] * (colspan - 1))
            for dr in range(1, rowspan):
                for dc in range(colspan):
                    covered[(r + dr, c + dc)] = True
            c += colspan
        while covered.pop((r, c), False):
            line.append("")
            c += 1
        grid.append(line)
    width = max((len(line) for line in grid), default=0)
    return [line + [""] * (width - len(line)) for line in grid]


def _header_row(rows: list[etree._Element], cells: list[list[etree._Element]]) -> int:
    """The index of the last header row: the rows of ``<thead>`` or rows of ``<th>`` cells at
    the top; else the first row."""
    last = -1
    for number, (tr, row) in enumerate(zip(rows, cells)):
        in_head = tr.getparent() is not None and tr.getparent().tag == "thead"
        if in_head or (row and all(c.tag == "th" for c in row)):
            last = number
        else:
            break
    return max(last, 0)


def html_lines(data: bytes, where: str, report: Report) -> list[SourceLine] | None:
    """The lines of a web page's article (see the module's docstring), or None after an error."""
    text = page_text(data, where, report)
    if text is None:
        return None
    try:
        root = html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        report.error(where, 1, "html-unreadable",
                     msg("the web page cannot be read ({reason}): save it again from the browser", reason=str(exc)))
        return None
    article = find_article(root)
    if article is None:
        report.error(where, 1, "html-no-article",
                     msg("no article found in the web page: none of the containers government sites use "
                         "({containers}…) and no block of paragraphs; save the article's text as a text file "
                         "(UTF-8) and name that file in source:", containers=", ".join(ARTICLE_CONTAINERS[:4])))
        return None
    return [SourceLine(line) for line in article_lines(article)]
