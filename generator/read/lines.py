"""What a converter of a published file hands the parser: the plan's text as lines.

Every source kind (text, PDF, Word, a web page) becomes the same list of
:class:`SourceLine`: one paragraph or heading per line, a table as one pipe row per line
(``| 指标 | 单位 | 2020年 |``, merged cells given once), a 专栏 drawn as a box as its own
lines. ``page`` is the printed page label the line stood on (``12`` from ``— 12 —``) when
the source has printed pages (a PDF), else None; diagnostics and citations name it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceLine:
    """One line of converted text and the printed page it came from (None: no pages)."""

    text: str
    page: str | None = None
