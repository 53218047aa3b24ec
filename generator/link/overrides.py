"""The editor's overrides file, ``links.yml`` in a plan's folder: links added and removed by
hand, findings marked as reviewed with a comment (:data:`OVERRIDES_SCHEMA`).

Applied after the link rules, in the file's order; the result is new lists, the rules'
links and findings are left as they were.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

from generator.structure.diagnostics import Report
from generator.structure.messages import msg
from generator.structure.records import Finding, Link, Node
from generator.config.yamlfile import load_yaml

_NODE_ID = {"type": "string", "pattern": "^[!-~]+$", "maxLength": 200,
            "description": msg("a node id such as chp_5__sec_1__para_2")}
_COMMENT = {"type": "string", "pattern": r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$", "maxLength": 2000,
            "description": msg("text without control characters (at most 2000 characters)")}
_LIST = {"type": "array", "maxItems": 5000}
_EDITION = {"type": "string", "format": "date",
            "description": msg("the date (YYYY-MM-DD) of the edition the entry speaks of; without it, the latest")}
OVERRIDES_SCHEMA = {
    "type": ["object", "null"],
    "additionalProperties": False,
    "properties": {
        "add": dict(_LIST, items={"type": "object", "required": ["from", "to"], "additionalProperties": False,
                                  "properties": {"from": _NODE_ID, "to": _NODE_ID, "why": _COMMENT, "edition": _EDITION,
                                                 "kind": {"enum": ["serves"], "description": msg("serves: the "
                                                          "measure works toward the indicator")}}}),
        "remove": dict(_LIST, items={"type": "object", "required": ["from", "to"], "additionalProperties": False,
                                     "properties": {"from": _NODE_ID, "to": _NODE_ID, "edition": _EDITION}}),
        "review": dict(_LIST, items={"type": "object", "required": ["finding", "comment"],
                                     "additionalProperties": False,
                                     "properties": {"finding": dict(_NODE_ID, description=msg(
                                                        "a finding id such as indicator-baseline:ind_5:chp_1__para_1")),
                                                    "comment": _COMMENT, "edition": _EDITION}}),
    },
}


@dataclass
class _Edited:
    """The links and findings as the file's entries so far leave them."""

    links: list[Link]
    findings: list[Finding]
    by_id: dict[str, Node]
    finding_at: dict[str, int]  # finding id → index in ``findings`` (the last of one id)


def apply_overrides(path: Path, links: list[Link], findings: list[Finding], by_id: dict[str, Node],
                    report: Report, edition: str | None = None, latest: bool = True) -> tuple[list[Link], list[Finding]]:
    """``links`` and ``findings`` with links.yml applied: ``add`` and ``remove`` links (an added
    link replaces any between the same nodes; its kind is ``indicator`` from an indicator,
    ``serves`` when the entry says so, else ``project``), ``review`` marks a finding reviewed
    with a comment. ``by_id``: the plan's nodes by id. Errors: ``links.yml:line`` for a
    malformed file or an entry naming a node or finding that does not exist (then the entry
    is skipped); a warning for a link to remove that is not there; a note counting what was
    applied. A plan with editions: an entry speaks of the latest edition, or of the one whose
    date its ``edition`` names; ``edition`` is the date of the edition linked here, ``latest``
    whether it is the latest (entries of other editions are left out)."""
    document = load_yaml(path, report, OVERRIDES_SCHEMA, "overrides")
    if document is None or document.value is None:
        return links, findings
    where = str(path)
    edited = _Edited(list(links), list(findings), by_id, {f.id: i for i, f in enumerate(findings)})
    applied: Counter = Counter()
    errors = len(report.errors)
    for section, entries in document.value.items():
        for number, values in enumerate(entries or []):
            if not (values.get("edition") == edition or ("edition" not in values and latest)):
                continue
            line = document.line(section, number)
            if _apply_one(edited, section, values, where, line, report):
                applied[section] += 1
    if applied and len(report.errors) == errors:  # with an error nothing is applied: the build stops
        report.note(where, 1, "overrides-applied",
                    msg("overrides applied: {added} link(s) added, {removed} removed, {reviewed} finding(s) "
                        "marked reviewed", added=applied["add"], removed=applied["remove"],
                        reviewed=applied["review"]))
    return edited.links, edited.findings


def _apply_one(edited: _Edited, section: str, values: dict, where: str, line: int, report: Report) -> bool:
    if section == "review":
        return _review(edited, values, where, line, report)
    source, target = values["from"], values["to"]
    missing = [i for i in (source, target) if i not in edited.by_id]
    if missing:
        report.error(where, line, "overrides-stale", msg("node '{node}' does not exist (any more)", node=missing[0]))
        return False
    if section == "add":
        _add(edited, source, target, values)
        return True
    return _remove(edited, source, target, where, line, report)


def _review(edited: _Edited, values: dict, where: str, line: int, report: Report) -> bool:
    at = edited.finding_at.get(values["finding"])
    if at is None:
        report.error(where, line, "overrides-stale", msg("finding '{finding}' does not exist (any more)",
                                                                  finding=values["finding"]))
        return False
    edited.findings[at] = replace(edited.findings[at], reviewed=True, comment=values["comment"])
    return True


def _add(edited: _Edited, source: str, target: str, values: dict) -> None:
    kind = "indicator" if edited.by_id[source].kind == "indicator" else "project"
    kind = "serves" if kind == "indicator" and values.get("kind") == "serves" else kind
    edited.links = [l for l in edited.links if (l.source, l.target) != (source, target)]
    edited.links.append(Link(source, target, kind, values.get("why") or "编辑添加", origin="editor", score=1.0))


def _remove(edited: _Edited, source: str, target: str, where: str, line: int, report: Report) -> bool:
    before = len(edited.links)
    edited.links = [l for l in edited.links if (l.source, l.target) != (source, target)]
    if len(edited.links) == before:
        report.warning(where, line, "overrides-nothing-to-remove", msg("no link from '{source}' to '{target}' to remove",
                                                                             source=source, target=target))
        return False
    return True
