"""The render phase (export): the open-data files of ``../shared/CONTRACTS.md``.

``data/catalog.json``, ``data/<slug>.json`` (plan, nodes in document order,
links, findings) and ``data/<slug>-indicators.csv`` (UTF-8 with BOM). Output is
deterministic: sorted keys, no timestamps. Both per-plan files take the paginated plan
(``pages.PlanPages``): every node's ``url`` comes from paginating, so it is never empty.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import fields

from generator.parse import grammar as g
from generator.structure.diagnostics import Diagnostic
from generator.structure.messages import SITE_LANGUAGE, said
from generator.paginate.pages import PlanPages
from generator.structure.paths import plan_data_path
from generator.parse.duties import departments
from generator.structure.records import Duty, Finding, Indicator, Link, Node, Plan

INDICATOR_COLUMNS = ("id", "stage", "substage", "name", "unit", "binding", "baseline", "target",
                     "baseline_year", "target_year", "url", "baseline_text", "target_text", "target_op",
                     "growth_text")


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def catalog(plans: list[Plan]) -> dict:
    """``data/catalog.json``: ``{"plans": [{"slug", "title", "data", "url"}, …]}`` in build order."""
    return {"plans": [{"slug": p.meta.slug, "title": p.meta.title, "data": plan_data_path(p.meta.slug),
                       "url": f"{p.meta.slug}/"} for p in plans]}


def plan_data(site: PlanPages, findings: list[Diagnostic]) -> dict:
    """``data/<slug>.json``: ``{"plan": …, "nodes": […], "links": […], "findings": […]}``; the
    findings are the link stage's figure findings, then ``findings`` (the plan's diagnostics)."""
    plan = site.plan
    record = plan_record(plan)
    if site.place:
        record["edition"] = {"date": site.place.date, "label": site.place.label, "latest": site.place.latest,
                             "note": site.place.note}
    progress = {"progress": progress_records(plan)} if plan.progress else {}
    return {
        **progress,
        "plan": record,
        "nodes": [node_record(n, site.url(n.id), plan.indicator_of) for n in plan.nodes],
        "links": [link_record(l) for l in plan.links],
        "findings": [consistency_record(f) for f in plan.findings] + [finding_record(plan, d) for d in findings],
        "duties": [duty_record(d, site.url(d.task)) for d in plan.duties],
        "departments": department_records(plan),
    }


def duty_record(duty: Duty, url: str) -> dict:
    """A task's departments: ``task`` (a node's id, or a table row's ``tbl_N__tr_M`` with
    ``table`` and ``row``), ``lead`` and ``support`` (names as printed), ``via`` (note or
    table), ``quote`` (the note or the row's department cells), ``label``, ``line``, ``url``."""
    return {"task": duty.task, "lead": duty.lead, "support": duty.support, "via": duty.via, "quote": duty.quote,
            "label": duty.label, "table": duty.table, "row": duty.row, "line": duty.source.line, "url": url}


def department_records(plan: Plan) -> list[dict]:
    """Every department named, in order of first mention: ``name``, ``leads`` and ``supports``
    (the task ids)."""
    return [{"name": name, "leads": [d.task for d in lead], "supports": [d.task for d in support]}
            for name, (lead, support) in departments(plan.duties).items()]


def plan_record(plan: Plan) -> dict:
    meta = plan.meta
    fronts: dict[str, str] = {}
    for node in plan.by_kind("front"):  # a notice title printed on two lines is one title
        fronts[node.role] = fronts.get(node.role, "") + node.text if node.role == "notice_title" else node.text
    return {
        "slug": meta.slug, "title": meta.title, "doc_number": meta.doc_number, "issuer": meta.issuer,
        "date": meta.date, "publisher": meta.publisher, "url": f"{meta.slug}/",
        "source": meta.source, "notice_title": fronts.get("notice_title"),
        "addressees": fronts.get("addressees"),
        "status": plan_status(fronts),
        "counts": dict(sorted(plan.kind_counts().items())),
        "page_breaks_rejoined": len(plan.page_breaks),
        "toc": [{"level": e.level, "chapter": e.chapter, "ordinal": e.ordinal, "title": e.title,
                 "page": e.page, "line": e.line} for e in plan.toc],
    }


def plan_status(fronts: dict[str, str]) -> str | None:
    """The draft's or trial's status printed with the title: its own line (（送审稿）) or the
    end of the title's line (某省能源发展规划（征求意见稿）), without brackets; None otherwise."""
    if "status" in fronts:
        return g.STATUS_LINE.match(g.squash(fronts["status"])).group(1)
    found = g.STATUS_AFTER_TITLE.search(g.squash(fronts.get("plan_title", "")))
    return found.group(1) if found else None


def node_record(node: Node, url: str, indicator_of: dict[str, str]) -> dict:
    """Every field of the record (but ``source``), its kind, lines and ``url``; a target's
    ``indicator`` from the link stage (``indicator_of``)."""
    record = {"kind": node.kind, "line": node.source.line, "end_line": node.source.end_line, "url": url}
    for f in fields(node):
        if f.name != "source":
            record[f.name] = getattr(node, f.name)
    if node.kind == "target":
        record["indicator"] = indicator_of.get(node.id)
    return record


def link_record(link: Link) -> dict:
    return {"from": link.source, "to": link.target, "kind": link.kind, "source": link.origin, "why": link.why,
            "score": link.score, "role": link.role}


def consistency_record(finding: Finding) -> dict:
    return {"id": finding.id, "kind": finding.kind, "severity": "finding", "nodes": finding.nodes,
            "message": finding.message, "quotes": [{"node": n, "text": t} for n, t in finding.quotes],
            "reviewed": finding.reviewed, "comment": finding.comment}


def finding_record(plan: Plan, diagnostic: Diagnostic) -> dict:
    """A diagnostic as the export gives it, its message in the site's language (Chinese,
    whatever language the build printed in)."""
    node = plan.diagnostic_node(diagnostic)
    return {"kind": diagnostic.code, "severity": diagnostic.severity, "nodes": [node.id] if node else [],
            "line": diagnostic.line, "message": said(diagnostic.message, SITE_LANGUAGE),
            "excerpt": diagnostic.excerpt, "comment": diagnostic.comment}


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIGURE_TEXT = re.compile(r"[-+\d.,%\s]*")  # a figure as printed (-5, +1.2%, --): no function can hide in it
BUILD_SYMBOL_COLUMNS = ("target_op",)  # one of the build's own symbols (=, ≥, ≤, ≈, +), never the plan's text


def csv_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs as a formula: text beginning with ``= + - @``,
    tab or CR gets a leading ``'`` (OWASP's advice on CSV injection), unless it is only a
    figure as printed (``--``, ``-5``, ``+1.2%``: signs, digits, ``.,%`` and spaces). Numbers
    stay numbers, None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not (
            value[0] in "+-" and FIGURE_TEXT.fullmatch(value)):
        return "'" + value
    return value


PROGRESS_COLUMNS = ("indicator", "name", "unit", "baseline_year", "baseline", "target_year", "target", "year",
                    "value", "expected", "status", "source")


def progress_records(plan: Plan) -> list[dict]:
    """``progress``: each observed value of ``progress.yml`` judged (``link.progress``):
    ``indicator``, ``year``, ``value``, ``source``, ``expected`` (the straight path's value
    for the year, or null) and ``status`` (reached, on-track, behind, or "" without a rule)."""
    from generator.link.progress import judged

    indicators = plan.index()
    records = []
    for observation in plan.progress:
        judgement = judged(indicators[observation.indicator], observation)
        records.append({"indicator": observation.indicator, "year": observation.year, "value": observation.value,
                        "source": observation.source, "expected": judgement.expected, "status": judgement.status})
    return records


def progress_csv(plan: Plan) -> str:
    """``data/<slug>-progress.csv``: a header of ``PROGRESS_COLUMNS``, one row per observed value
    (UTF-8 with BOM, as the indicators' CSV)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(PROGRESS_COLUMNS)
    indicators = plan.index()
    for record in progress_records(plan):
        node = indicators[record["indicator"]]
        values = dict(record, name=node.name, unit=node.unit, baseline_year=node.baseline_year,
                      baseline=node.baseline, target_year=node.target_year, target=node.target)
        writer.writerow([csv_cell(values[c]) for c in PROGRESS_COLUMNS])
    return "\ufeff" + out.getvalue()


def indicators_csv(site: PlanPages) -> str:
    """``data/<slug>-indicators.csv``: a header of ``INDICATOR_COLUMNS``, one row per indicator."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(INDICATOR_COLUMNS)
    for node in site.plan.nodes:
        if isinstance(node, Indicator):
            values = {c: site.url(node.id) if c == "url" else getattr(node, c) for c in INDICATOR_COLUMNS}
            writer.writerow([values[c] if c in BUILD_SYMBOL_COLUMNS else csv_cell(values[c])
                             for c in INDICATOR_COLUMNS])
    return "\ufeff" + out.getvalue()
