"""The build: run the stages in order, then write the site or leave the old one alone.

read → parse → check → pages → export + render → write. Every stage adds to one
:class:`Report`; errors stop the build before anything is written.
"""
from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass, field
from pathlib import Path

from .check import check
from .diagnostics import InputRejected, Report
from .link import link
from .export import catalog, dumps, indicators_csv, plan_data
from .pages import PlanPages, paginate
from .parse import parse
from .records import Plan
from .render import environment, render_site
from .catalog_search import catalog_files, plan_year
from .search import build_search, compact_script, plan_terms
from .segment import Segmenter
from .siteconfig import SiteConfig, read_site_config
from .source import discover, read_plan
from .write import unsafe_out, write_site

PROJECT = Path(__file__).resolve().parent.parent
LUNR_JS = PROJECT / "node_modules" / "lunr" / "lunr.min.js"
OVERRIDES = "links.yml"


@dataclass
class BuildResult:
    report: Report
    plans: list[Plan] = field(default_factory=list)
    seconds: float = 0.0
    written: bool = False


def search_bundle(static: Path) -> bytes:
    """Everything a search page runs, in one file shared by every search page (one request,
    cached, and it works from file://): lunr.js as npm ships it, the engine, the catalog
    loader and the page script. The data comes in files of its own (``search_data``)."""
    parts = [
        b"/* lunr.js 2.3.9 (MIT), from node_modules/lunr/lunr.min.js */\n" + LUNR_JS.read_bytes(),
        *(compact_script((static / name).read_text(encoding="utf-8")).encode("utf-8")
          for name in ("search-core.js", "search-catalog.js", "site.js", "search.js")),
    ]
    return b"\n".join(parts)


def search_data(data: dict) -> bytes:
    """One plan's search data as a script (stamped with a digest of its content, which the
    browser uses to cache its rebuilt index)."""
    data = dict(data, h=digest(data))
    return b"window.PLAN_SEARCH_DATA = " + compact_json(data) + b";\n"


def digest(data: dict) -> str:
    return hashlib.sha256(compact_json(data)).hexdigest()[:16]


def search_files(sites: list[PlanPages], segmenter: Segmenter, static: Path) -> dict[str, bytes]:
    """``search/engine.js``; per plan ``search/plan-<slug>.js`` (that plan's own index, for its
    search page); the catalog search split by term (generator/catalog_search.py)."""
    files = {"search/engine.js": search_bundle(static)}
    for site in sites:
        files[f"search/plan-{site.plan.meta.slug}.js"] = search_data(build_search([site], segmenter).data([site]))
    index = build_search(sites, segmenter)
    plan_no = {site.plan.meta.slug: number for number, site in enumerate(sites)}
    plan_of = [plan_no[doc.page.split("/")[0]] for doc in index.docs]
    plans = [{"slug": s.plan.meta.slug, "title": s.plan.meta.title, "issuer": s.plan.meta.issuer,
              "year": plan_year(s.plan.meta.date)} for s in sites]
    files.update(catalog_files(index, plans, plan_of, digest))
    return files


def compact_json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def read_and_parse(content: Path, report: Report, segmenter: Segmenter | None = None) -> list[Plan]:
    """Stages read, parse and check: every plan under ``content`` as checked records."""
    sources = [read_plan(folder, report) for folder in discover(content, report)]
    if report.errors:
        raise InputRejected
    plans = [parse(source, report) for source in sources]
    segmenter = segmenter or Segmenter()
    for plan in plans:
        check(plan, report, segmenter)
        link(plan, report, Path(plan.meta.meta_path).parent / OVERRIDES, segmenter)
    if report.errors:
        raise InputRejected
    return plans


def build(content: Path, out: Path, strict: bool = False, templates: Path = PROJECT / "templates",
          static: Path = PROJECT / "static", segmenter: Segmenter | None = None) -> BuildResult:
    started = time.perf_counter()
    result = BuildResult(Report())
    segmenter = segmenter or Segmenter()
    refusal = unsafe_out(out, content)
    if refusal:
        result.report.error(str(out), 0, "out-unsafe", refusal)
        return result
    try:
        result.plans = read_and_parse(content, result.report, segmenter)
    except InputRejected:
        result.seconds = time.perf_counter() - started
        return result
    config = read_site_config(content, result.report)
    if result.report.errors:
        result.seconds = time.perf_counter() - started
        return result
    if strict and result.report.warnings:
        result.seconds = time.perf_counter() - started
        return result
    sites = [paginate(plan) for plan in result.plans]
    if not LUNR_JS.is_file():
        result.report.error(str(LUNR_JS), 0, "lunr-missing", "lunr.js is not installed: run `make site` (npm ci)")
        result.seconds = time.perf_counter() - started
        return result
    for site in sites:
        segmenter.add_words(plan_terms(site, content, result.report))
    if result.report.errors or (strict and result.report.warnings):
        result.seconds = time.perf_counter() - started
        return result
    files = site_files(sites, result.report, templates, static, config)
    files.update(search_files(sites, segmenter, static))
    write_site(files, out)
    result.written = True
    result.seconds = time.perf_counter() - started
    return result


def site_files(sites: list[PlanPages], report: Report, templates: Path, static: Path,
               config: SiteConfig = SiteConfig()) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    plans = [site.plan for site in sites]
    files["data/catalog.json"] = dumps(catalog(plans)).encode("utf-8")
    findings = {plan.meta.slug: [d for d in report.items if d.path in (plan.source_path, plan.meta.meta_path)]
                for plan in plans}
    for plan in plans:
        files[f"data/{plan.meta.slug}.json"] = dumps(plan_data(plan, findings[plan.meta.slug])).encode("utf-8")
        files[f"data/{plan.meta.slug}-indicators.csv"] = indicators_csv(plan).encode("utf-8")
    files.update(render_site(environment(templates), sites, findings, config))
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        files[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    return files


def summary(result: BuildResult) -> list[str]:
    """The build report an editor reads: diagnostics, counts per kind, time."""
    lines = [str(d) for d in sorted(result.report.items, key=lambda d: (d.path, d.line, d.code))]
    for plan in result.plans:
        counts = {}
        for node in plan.nodes:
            counts[node.kind] = counts.get(node.kind, 0) + 1
        listed = ", ".join(f"{n} {kind}" for kind, n in counts.items())
        lines.append(f"{plan.meta.slug}: {listed}; {len(plan.page_breaks)} page breaks rejoined; "
                     f"{sum(1 for l in plan.links if l.kind == 'project')} project links, "
                     f"{sum(1 for l in plan.links if l.kind == 'indicator')} indicator links, "
                     f"{sum(1 for l in plan.links if l.kind == 'serves')} serves links, "
                     f"{len(plan.findings)} figure findings")
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    verdict = "built" if result.written else "not built (previous site left as it was)"
    lines.append(f"{verdict}: {len(result.plans)} plan(s), {errors} error(s), {warnings} warning(s), "
                 f"{result.seconds:.2f} s")
    return lines
