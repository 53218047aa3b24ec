"""The published file, whatever its kind, as the lines the parser reads.

The kind is decided by the file's first bytes, never by its name (an editor's ``plan.doc``
may be a web page saved by a browser):

=========  =====================================================  =============================
kind       bytes                                                  converter
=========  =====================================================  =============================
``pdf``    ``%PDF``                                               ``read.pdf.pdf_lines``
``docx``   a zip archive holding ``word/document.xml``            ``read.docx.docx_lines``
``ole``    the OLE2 header ``D0 CF 11 E0 A1 B1 1A E1`` (.doc/.wps) ``read.office.ole_lines``
``html``   ``<html``, ``<!DOCTYPE html`` (after a BOM, spaces or   ``read.html.html_lines``
           comments; any case)
``text``   anything else                                          decoded as today (``decoding.decode``)
=========  =====================================================  =============================

Every converter gives the same list of :class:`~generator.read.lines.SourceLine`, or None
after reporting why (``path:1: error: …``). :func:`published_lines` then normalises the
text of every kind alike (``read.normalise``).
"""
from __future__ import annotations

import importlib
import io
import re

from generator.read.characters import visible_text
from generator.read.lines import SourceLine
from generator.read.normalise import normalise
from generator.structure.diagnostics import Report
from generator.structure.messages import msg

OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html)[\s>]",
                         re.IGNORECASE | re.DOTALL)
KINDS = ("pdf", "docx", "ole", "html", "text")


def sniff(data: bytes) -> str:
    """The kind of a published file from its bytes: one of :data:`KINDS`."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and _holds_word_document(data):
        return "docx"
    if data.startswith(OLE_HEADER):
        return "ole"
    if _HTML_START.match(data[:4096]):
        return "html"
    return "text"


def _holds_word_document(data: bytes) -> bool:
    import zipfile  # here: a plain-text plan never needs it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


CONVERTERS = {"pdf": ("generator.read.pdf", "pdf_lines"), "docx": ("generator.read.docx", "docx_lines"),
              "ole": ("generator.read.office", "ole_lines"), "html": ("generator.read.html", "html_lines")}
"""Each kind's converter, ``(data, where, report) -> list[SourceLine] | None``; imported when
a file of that kind is read (a text plan's build never loads pdfplumber or python-docx)."""


def converted_lines(data: bytes, where: str, report: Report) -> tuple[str, list[SourceLine] | None]:
    """(kind, lines) of the published file's bytes, before normalisation; lines None after
    an error naming ``where`` (the file's path)."""
    kind = sniff(data)
    if kind in CONVERTERS:
        module, function = CONVERTERS[kind]
        return kind, getattr(importlib.import_module(module), function)(data, where, report)
    from generator.read.decoding import decode

    text = decode(data, where, report)
    return kind, None if text is None else [SourceLine(line) for line in text.split("\n")]


def published_lines(data: bytes, where: str, report: Report) -> list[SourceLine] | None:
    """The published file's lines, converted by its kind, without zero-width characters (each
    named in a warning at its line: ``read.characters``) and normalised (``read.normalise``);
    a text file holding look-alike characters gets a warning naming how many and the first
    line. None after an error."""
    kind, lines = converted_lines(data, where, report)
    if lines is None:
        return None
    texts = [line.text for line in lines]
    if kind != "text":  # a text file was checked as it was decoded; a converted one is checked here
        texts = visible_text("\n".join(texts), where, report).split("\n")
    normalised = normalise(texts)
    if normalised.folded and kind == "text":
        report.warning(where, normalised.first_folded_line, "look-alike-characters",
                       msg("the file holds {count} look-alike character(s) (Kangxi radicals or CJK compatibility "
                           "forms, as PDF text tools emit: ⼈⺠ for 人民), the first on this line; read as the "
                           "normal characters, but search in the editor's own tools misses them: replace them "
                           "in the file", count=normalised.folded))
    return [SourceLine(text, line.page) for text, line in zip(normalised.lines, lines)]
