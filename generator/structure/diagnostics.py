"""One diagnostic type for the whole pipeline, printed as ``path:line: severity: message``
(``path:p.12: …`` for a file with printed pages, a PDF: the page the editor looks at).

Stages collect diagnostics in a :class:`Report` instead of stopping at the first
problem, so one run shows the editor everything; the build decides at the end
whether errors stop it. Codes are stable so tests can name them.

A diagnostic's ``message`` is a :class:`~generator.structure.messages.Message` made with
``msg("English template {name}", name=…)``: its English text as a ``str`` (what code and tests
compare), printed in the language the environment asks for (Chinese unless ``LANG=en…``) and
shown on the site in Chinese (``messages.said(message, SITE_LANGUAGE)``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.structure.messages import said

ERROR = "error"
WARNING = "warning"
NOTE = "note"  # for the report only: never stops a build, not even with --strict
REVIEWED = "reviewed"  # a warning the editor listed in reviewed.yml: shown on the site, not counted by --strict
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with control, line-separator, zero-width and direction characters written as
    Python escapes (``\\n``, ``\\x1b``, ``\\u200d``): safe to print on one terminal line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    severity: str
    code: str
    message: str
    excerpt: str = field(default="", compare=False)  # the plan text concerned, for readers of the report
    comment: str = field(default="", compare=False)  # the editor's, on a reviewed warning (reviewed.yml)
    page: str | None = field(default=None, compare=False)  # the printed page of ``line`` (a PDF), else None

    @property
    def where(self) -> str:
        """``path:line``, or ``path:p.PAGE`` when the line stood on a printed page."""
        return f"{self.path}:p.{self.page}" if self.page else f"{self.path}:{self.line}"

    def __str__(self) -> str:
        """``path:line: severity: message [code]`` on one line, the message in the language
        the environment asks for (``messages.language``: Chinese unless ``LANG=en…``); the
        severity word and the code stay as they are in every language, for tools that read
        them. Control characters of the path or message (a line break, an ANSI escape, from a
        folder name or the plan's text) are written as escapes (``\\n``, ``\\x1b``), so no
        diagnostic prints two lines or drives the terminal."""
        return self.said()

    def said(self, lang: str | None = None) -> str:
        """The line :meth:`__str__` prints, its message in ``lang`` (``messages.ENGLISH`` or
        ``messages.CHINESE``; default: the environment's)."""
        return f"{printable(self.where)}: {self.severity}: {printable(said(self.message, lang))} [{self.code}]"


@dataclass
class Report:
    """Diagnostics collected while building, in the order they were found."""

    items: list[Diagnostic] = field(default_factory=list)
    pages: dict[str, dict[int, str]] = field(default_factory=dict)  # path -> line -> printed page

    def paged(self, path: str, pages: dict[int, str]) -> None:
        """Say on which printed page each line of ``path`` stood (a converted PDF): every
        diagnostic of that file from now on carries its line's page."""
        self.pages[str(path)] = pages

    def _page(self, path: str, line: int) -> str | None:
        pages = self.pages.get(path)
        return pages.get(line) if pages else None

    def error(self, path: str, line: int, code: str, message: str, excerpt: str = "") -> None:
        path = str(path)
        self.items.append(Diagnostic(path, line, ERROR, code, message, excerpt, page=self._page(path, line)))

    def warning(self, path: str, line: int, code: str, message: str, excerpt: str = "") -> None:
        path = str(path)
        self.items.append(Diagnostic(path, line, WARNING, code, message, excerpt, page=self._page(path, line)))

    def note(self, path: str, line: int, code: str, message: str) -> None:
        path = str(path)
        self.items.append(Diagnostic(path, line, NOTE, code, message, page=self._page(path, line)))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity == WARNING]

    @property
    def reviewed(self) -> list[Diagnostic]:
        """Warnings the editor has marked reviewed (``check/reviewed.py``)."""
        return [d for d in self.items if d.severity == REVIEWED]

    def codes(self) -> list[str]:
        return [d.code for d in self.items]


class InputRejected(Exception):
    """Raised by a stage when the input cannot be processed any further.

    The diagnostics explaining why are already in the report.
    """
