"""Characters a reader cannot see, found in a plan's decoded text and named at their line.

- Zero-width characters (``INVISIBLE``: zero-width space, non-joiner and joiner, word
  joiner, and a byte-order mark past the start of the file) are removed: pasted from a
  web page or a word processor, they split a heading's number (``第\u200d六章``) so
  that the line is read as prose. Each line that held one gets a warning naming it.
- Control characters (Unicode category Cc other than line feed and tab: an ANSI escape,
  a bell) are plan text: they stay in the text as data, are named in a warning, and are
  never printed raw to a terminal (:class:`~generator.structure.diagnostics.Diagnostic`
  escapes them). A NUL byte is refused by the reader before this point.
"""
from __future__ import annotations

import re
import unicodedata

from generator.structure.diagnostics import Report
from generator.structure.messages import msg

INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
MAX_NAMED_LINES = 10  # lines named one by one; the rest are counted in one more warning
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
_CONTROL = re.compile("[\x01-\x08\x0b-\x1f\x7f-\x9f]")  # Cc without NUL, tab, line feed


def character_name(char: str) -> str:
    """``ZERO WIDTH JOINER (U+200D)``; a control character by its code alone (``U+001B``)."""
    name = unicodedata.name(char, "")
    return f"{name} (U+{ord(char):04X})" if name else f"U+{ord(char):04X}"


def visible_text(text: str, where: str, report: Report) -> str:
    """``text`` without zero-width characters; a warning at each line that held one, or a
    control character. Line numbers are those of ``text`` (1-based); the line count is
    unchanged."""
    lines = text.split("\n")
    found = [(number, line) for number, line in enumerate(lines, 1) if _INVISIBLE.search(line) or _CONTROL.search(line)]
    for number, line in found[:MAX_NAMED_LINES]:
        _warn(number, line, where, report)
    if len(found) > MAX_NAMED_LINES:
        report.warning(where, found[MAX_NAMED_LINES][0], "invisible-character",
                       msg("{count} more line(s) hold invisible or control characters",
                           count=len(found) - MAX_NAMED_LINES))
    return _INVISIBLE.sub("", text) if found else text


def _warn(number: int, line: str, where: str, report: Report) -> None:
    invisible = sorted(set(_INVISIBLE.findall(line)))
    controls = sorted(set(_CONTROL.findall(line)))
    if invisible:
        names = ", ".join(character_name(c) for c in invisible)
        report.warning(where, number, "invisible-character",
                       msg("line holds an invisible character, {names}: removed (it can hide a heading's number)",
                           names=names))
    if controls:
        names = ", ".join(character_name(c) for c in controls)
        report.warning(where, number, "control-character",
                       msg("line holds a control character, {names}: kept as text; delete it if it was not meant",
                           names=names))
