"""Warnings the editor has read and keeps: ``reviewed.yml`` in a plan's folder.

A plan as published may carry its issuer's own slips (a traditional character, a word typed
twice) that the editor must not correct. Listing such a warning here marks it *reviewed*:
it is shown on the plan's findings page as 已复核 with the editor's comment, no longer printed
line by line, and not counted by ``--strict``, so that ``--strict`` fails on any *new*
warning. An entry names the warning by its code and by a piece of the text it is about
(whitespace ignored), not by a line number, so it survives edits above it::

    # content/<slug>/reviewed.yml
    warnings:
      - code: traditional-character
        text: 宽普职融通路徑          # a piece of the paragraph (or of the message) concerned
        comment: 原文如此，不改

An entry that matches no warning of the build is stale: an error at its line, as in
``links.yml`` (the text it acknowledged has changed: read the new warning, then update the
entry). The errors about a division the text may be printed without
(:data:`REVIEWABLE_ERRORS`: a gap in the numbers, numbers starting again, a contents entry the
body lacks) are listed the same way once the editor has checked the printed plan. Source of
the idea: Sphinx's ``suppress_warnings`` and the baseline files of
linters (e.g. detekt's, ruff's ``--add-noqa``), keyed here by text instead of position.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from generator.config.yamlfile import load_yaml
from generator.parse.grammar import squash
from generator.structure.diagnostics import ERROR, REVIEWED, WARNING, Report
from generator.structure.messages import CHINESE, msg, said
from generator.structure.records import Plan

REVIEWED_FILE = "reviewed.yml"
# Errors about a division the text may really be printed without (check.checks: a gap in the
# numbers, the numbering started again, a division the contents list): listed here, the plan
# is built as printed. Every other error stays an error.
REVIEWABLE_ERRORS = ("numbering-gap", "heading-missing", "toc-missing")
_TEXT = {"type": "string", "pattern": r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*\S[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$",
         "maxLength": 500, "description": msg("a piece of the text the warning is about (some visible characters)")}
REVIEWED_SCHEMA = {
    "type": ["object", "null"],
    "additionalProperties": False,
    "properties": {
        "warnings": {"type": "array", "maxItems": 5000, "items": {
            "type": "object", "required": ["code", "text"], "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "pattern": "^[a-z0-9-]{1,64}$",
                         "description": msg("the warning's code, as printed in [brackets]")},
                "text": _TEXT,
                "comment": dict(_TEXT, maxLength=2000, description=msg("why the text stays as printed")),
            }}},
    },
}


def review_warnings(folder: Path, plan: Plan, report: Report) -> None:
    """Mark the plan's warnings that ``folder/reviewed.yml`` lists as reviewed (severity
    ``reviewed``, the entry's ``comment`` in the diagnostic's), in place in ``report``.

    A warning, or an error of :data:`REVIEWABLE_ERRORS`, matches an entry when its code is the
    entry's and the entry's text (whitespace ignored) is in the text of the node the warning is
    about, in its excerpt or in its message (in English or in Chinese, whatever language the
    build speaks). Errors: ``reviewed.yml:line`` for a malformed file (nothing is marked) or an
    entry matching no warning of the plan (``reviewed-stale``). No file: nothing to do."""
    path = folder / REVIEWED_FILE
    if not path.exists() and not path.is_symlink():
        return
    document = load_yaml(path, report, REVIEWED_SCHEMA, "reviewed")
    if document is None or not document.value:
        return
    own = (plan.source_path, plan.meta.meta_path)
    for number, entry in enumerate(document.value.get("warnings") or []):
        matched = [i for i, d in enumerate(report.items)
                   if _reviewable(d.severity, d.code) and d.path in own and d.code == entry["code"]
                   and squash(entry["text"]) in _text_of(plan, i, report)]
        if not matched:
            report.error(str(path), document.line("warnings", number), "reviewed-stale",
                         msg("no {code} warning about “{text}” any more: read what the build says now, then "
                             "update or remove this entry", code=entry["code"], text=entry["text"]))
        for i in matched:
            report.items[i] = replace(report.items[i], severity=REVIEWED, comment=entry.get("comment", ""))


def _reviewable(severity: str, code: str) -> bool:
    return severity == WARNING or (severity == ERROR and code in REVIEWABLE_ERRORS)


def _text_of(plan: Plan, index: int, report: Report) -> str:
    diagnostic = report.items[index]
    node = plan.diagnostic_node(diagnostic)
    message = diagnostic.message
    return squash(" ".join((node.own_chars() if node else "", diagnostic.excerpt, message, said(message, CHINESE))))
