"""Text files' bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK with a
warning; every problem an error at the line it is on (a file mixing encodings, bytes no
encoding reads, a cut-off last character, binary data). Used for a plan's text, the text a
web page is decoded to, and the editor's other text files (terms.txt); ``read.characters``
then names the invisible and control characters left.
"""
from __future__ import annotations

import codecs
import re

from generator.read.characters import visible_text
from generator.structure.diagnostics import Report
from generator.structure.messages import msg

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # Unicode category Cc but tab and line feed


def decode(data: bytes, where: str, report: Report) -> str | None:
    """Text of a plan file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""
    if not data.strip():
        report.error(where, 1, "empty", msg("file is empty"))
        return None
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _checked_text(data.decode(codec).lstrip("\ufeff"), where, report)
            except UnicodeDecodeError as exc:
                return _undecodable(data, exc, codec, where, report)
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        report.error(where, line, "binary", msg("file holds binary data (NUL bytes), not text"))
        return None
    try:
        return _checked_text(data.decode("utf-8"), where, report)
    except UnicodeDecodeError as utf8_error:
        if _gbk_after_utf8(data, utf8_error.start):
            return _mixed(data, utf8_error, where, report)
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            return _undecodable(data, utf8_error, "utf-8", where, report)
        if _looks_chinese(text):
            report.warning(where, 1, "encoding-gb18030",
                           msg("file is GB18030/GBK-encoded, not UTF-8; decoded it as GB18030 "
                               "(save it as UTF-8 to silence this)"))
            return _checked_text(text, where, report)
        return _undecodable(data, utf8_error, "utf-8", where, report)


def _undecodable(data: bytes, exc: UnicodeDecodeError, codec: str, where: str, report: Report) -> None:
    line = data[: exc.start].count(b"\n") + 1
    if exc.start >= len(data) - 3 and codec == "utf-8":
        message = msg("file ends in the middle of a UTF-8 character: it looks truncated")
    else:
        message = msg("not {codec} text (byte 0x{byte:02x} cannot be decoded) and not GB18030/GBK either; "
                      "save the file as UTF-8", codec=codec.upper(), byte=data[exc.start])
    report.error(where, line, "encoding", message)
    return None


def _gbk_after_utf8(data: bytes, start: int) -> bool:
    """Whether the bytes before ``start`` hold UTF-8 beyond ASCII and the line at ``start``
    reads as GB18030/GBK Chinese: two encodings in one file."""
    if not any("\u4e00" <= c <= "\u9fff" for c in data[:start].decode("utf-8")):
        return False  # no Chinese in UTF-8 before: a GBK file (whose first pairs may pass as UTF-8)
    begin = data.rfind(b"\n", 0, start) + 1
    end = data.find(b"\n", start)
    try:
        return _looks_chinese(data[begin: end if end >= 0 else len(data)].decode("gb18030"))
    except UnicodeDecodeError:
        return False


def _mixed(data: bytes, exc: UnicodeDecodeError, where: str, report: Report) -> None:
    """A file whose first lines are UTF-8 Chinese and a later line another encoding (GBK text
    pasted into a UTF-8 file): an error at the first line that is not UTF-8."""
    line = data[: exc.start].count(b"\n") + 1
    report.error(where, line, "encoding-mixed",
                 msg("this line is not UTF-8 although the lines before it are: the file mixes encodings "
                     "(GBK pasted into UTF-8?); save the whole file as UTF-8"))
    return None


def _looks_chinese(text: str) -> bool:
    non_ascii = [c for c in text if ord(c) > 127 and not c.isspace()]
    if not non_ascii:
        return False
    han = sum(1 for c in non_ascii if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")
    return han / len(non_ascii) > 0.9


def _checked_text(text: str, where: str, report: Report) -> str | None:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if "\x00" in text:  # whatever the encoding (UTF-16 text, or UTF-8 after a BOM)
        report.error(where, text[: text.index("\x00")].count("\n") + 1, "binary",
                     msg("file holds binary data (NUL characters), not text"))
        return None
    controls = [m.start() for m in CONTROLS.finditer(text)]
    if len(controls) > max(8, len(text) // 1000):
        line = text[: controls[0]].count("\n") + 1
        report.error(where, line, "binary", msg("file holds control characters: it is binary data, not text"))
        return None
    text = visible_text(text, where, report)
    if not text.strip():
        report.error(where, 1, "empty", msg("file holds only whitespace"))
        return None
    return text
