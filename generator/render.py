"""Stage 5b, render: pages to HTML with Jinja2 (autoescaped; plan text is data).

Templates only loop and test flags: every URL, heading level and label is
computed here into small view objects.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .pages import Page, PlanPages
from .records import Indicator, Node

HEADING_LEVEL = {"chapter": 1, "section": 2, "item": 3, "box": 2}


@dataclass(frozen=True)
class Block:
    """One node as the chapter template shows it."""

    id: str
    kind: str
    level: int
    number: str
    title: str
    text: str
    lead: str
    rest: str
    page_note: str


def environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def relative(from_page: str, to: str) -> str:
    """A link from one site page to another site path, relative so the site works anywhere."""
    base = posixpath.dirname(from_page) or "."
    path, _, anchor = to.partition("#")
    rel = posixpath.relpath(path, base) if path else posixpath.basename(from_page)
    return f"{rel}#{anchor}" if anchor else rel


def render_site(env: Environment, sites: list[PlanPages]) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    plans = [{"title": s.plan.meta.title, "doc_number": s.plan.meta.doc_number, "issuer": s.plan.meta.issuer,
              "date": s.plan.meta.date, "url": relative("index.html", s.overview.path),
              "data": f"data/{s.plan.meta.slug}.json"} for s in sites]
    files["index.html"] = _page(env, "index.html", "index.html", title="规划目录", plans=plans)
    for site in sites:
        for page in site.all():
            files[page.path] = _render_plan_page(env, site, page)
    return files


def _page(env: Environment, template: str, path: str, **context) -> bytes:
    root = relative(path, "index.html").removesuffix("index.html")
    return env.get_template(template).render(root=root, **context).encode("utf-8")


def _render_plan_page(env: Environment, site: PlanPages, page: Page) -> bytes:
    meta = site.plan.meta
    nav = [{"title": p.title, "url": relative(page.path, p.path), "current": p is page} for p in site.chapters]
    common = {"plan_title": meta.title, "overview_url": relative(page.path, site.overview.path),
              "indicators_url": relative(page.path, site.indicators.path), "nav": nav,
              "data_url": relative(page.path, f"data/{meta.slug}.json")}
    if page.kind == "indicators":
        return _page(env, "indicators.html", page.path, title=page.title, tables=_tables(page.nodes), **common)
    neighbours = {
        "previous": {"title": page.previous.title, "url": relative(page.path, page.previous.path)} if page.previous else None,
        "next": {"title": page.next.title, "url": relative(page.path, page.next.path)} if page.next else None,
    }
    blocks = [_block(n) for n in page.nodes]
    return _page(env, f"{page.kind}.html", page.path, title=page.title, blocks=blocks,
                 meta=meta, **neighbours, **common)


@dataclass
class TableView:
    id: str
    title: str
    baseline_year: int | None = None
    target_year: int | None = None
    parts: list[dict] = field(default_factory=list)


def _tables(nodes: list[Node]) -> list[TableView]:
    """Indicator tables as printed parts, each with its rows (indicators and group labels)."""
    tables: list[TableView] = []
    for node in nodes:
        if node.kind == "table" and node.part == 1:
            tables.append(TableView(node.id, node.title or "", parts=[{"id": None, "rows": []}]))
        elif node.kind == "table":
            tables[-1].parts.append({"id": node.id, "rows": []})
        else:
            tables[-1].parts[-1]["rows"].append(node)
            if isinstance(node, Indicator):
                tables[-1].baseline_year = tables[-1].baseline_year or node.baseline_year
                tables[-1].target_year = tables[-1].target_year or node.target_year
    return tables


def _block(node: Node) -> Block:
    lead = getattr(node, "lead", None) or ""
    text = node.text or ""
    page = getattr(node, "page", None)
    return Block(
        id=node.id, kind=node.kind, level=min(6, HEADING_LEVEL.get(node.kind, 0) + (getattr(node, "depth", 1) - 1)) if node.kind in HEADING_LEVEL else 0,
        number=node.number or "", title=node.title or "", text=text, lead=lead,
        rest=text[len(lead):] if lead else text, page_note=f"印刷版第{page}页" if page else "",
    )
