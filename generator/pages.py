"""Stage 4, pages: decide which page shows each node and give every node its URL.

Like MkDocs' navigation, the page structure is computed here once, not in
templates: the plan overview (front matter, table of contents, preamble), one
page per chapter (with its 专栏 boxes), and the indicator page. URLs are relative
to the site root and end in ``#anchor`` for nodes inside a page.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .records import Chapter, Node, Plan

INDICATOR_KINDS = ("table", "table_group", "indicator")


@dataclass
class Page:
    path: str  # relative to the site root, e.g. "slug/chp_5.html"
    title: str
    kind: str  # "overview", "chapter" or "indicators"
    nodes: list[Node] = field(default_factory=list)
    chapter: Chapter | None = None
    previous: "Page | None" = None
    next: "Page | None" = None


@dataclass
class PlanPages:
    plan: Plan
    overview: Page
    chapters: list[Page]
    indicators: Page

    def all(self) -> list[Page]:
        return [self.overview, *self.chapters, self.indicators]


def plan_dir(plan: Plan) -> str:
    return plan.meta.slug


def paginate(plan: Plan) -> PlanPages:
    slug = plan_dir(plan)
    overview = Page(f"{slug}/index.html", plan.meta.title, "overview")
    indicators = Page(f"{slug}/indicators.html", "发展指标", "indicators")
    chapters: list[Page] = []
    by_id = plan.index()
    for node in plan.nodes:
        if isinstance(node, Chapter):
            chapters.append(Page(f"{slug}/{node.id}.html", f"{node.number} {node.title or ''}".strip(),
                                 "chapter", chapter=node))
        page = _page_for(node, by_id, overview, indicators, chapters)
        if node.kind == "target":
            node.url = by_id[node.parent].url
            continue
        page.nodes.append(node)
        node.url = page.path if node is page.chapter else f"{page.path}#{node.id}"
    for before, after in zip(chapters, chapters[1:]):
        before.next, after.previous = after, before
    return PlanPages(plan, overview, chapters, indicators)


def _page_for(node: Node, by_id: dict[str, Node], overview: Page, indicators: Page,
              chapters: list[Page]) -> Page:
    if node.kind in INDICATOR_KINDS:
        return indicators
    if node.kind == "front" or not chapters:
        return overview
    top = node
    while top.parent is not None:
        top = by_id[top.parent]
    if isinstance(top, Chapter):
        return next(page for page in chapters if page.chapter is top)
    return overview
