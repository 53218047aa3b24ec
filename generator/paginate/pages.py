"""The paginate phase: decide which page shows each node, give every node its URL and
its citation, and compute the navigation. Nothing is written back onto the records:
URLs, citations and stages are carried in the result (:class:`PlanPages`).

Like MkDocs' navigation, the page structure is computed here once, not in
templates. Per plan: the overview (front matter, table of contents, preamble), one
page per chapter (with its 专栏 boxes), the indicator dashboard, the 专栏 page, one
page per stage and the findings report. URLs are relative to the site root and end
in ``#anchor`` for nodes inside a page.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.editions.place import EditionPlace
from generator.parse.duties import task_column
from generator.parse.grammar import squash
from generator.structure import ids
from generator.structure.records import Chapter, Indicator, Node, Plan, TableRow
from generator.paginate.stages import Stage, assign_stages
from generator.search.segment import Segmenter

INDICATOR_KINDS = ("table", "table_group", "indicator")


@dataclass
class Page:
    """A page of a plan and the nodes it shows, in plan order (a chapter page also lists an
    indicator table printed in it, which the dashboard shows)."""

    path: str  # relative to the site root, e.g. "slug/chp_5.html"
    title: str
    kind: str  # overview, chapter, indicators, boxes, stage, findings, whole (the plan to print)
    nodes: list[Node] = field(default_factory=list)
    chapter: Chapter | None = None
    stage: Stage | None = None
    previous: "Page | None" = None
    next: "Page | None" = None


@dataclass
class PlanPages:
    """One plan's pages, with what paginating worked out about its nodes (by node id):
    ``url_of`` (site-root-relative ``slug/page.html#node_id``; a chapter's is its page's path),
    ``citations``, ``references`` and ``node_stages``."""

    plan: Plan
    overview: Page
    chapters: list[Page]
    indicators: Page | None  # None when the plan prints no indicator table
    boxes: Page | None  # None when the plan prints no 专栏
    stages: list[Page]
    findings: Page
    citations: dict[str, str]  # short, for link text: 《规划》第五章第一节 一、… 第2段
    node_stages: dict[str, tuple[str, ...]]
    references: dict[str, str] = field(default_factory=dict)  # full, to copy: with 文号 and printed page
    url_of: dict[str, str] = field(default_factory=dict)  # every node's URL (a target: its paragraph's)
    departments: Page | None = None  # who leads and supports which task; None when the plan names no department
    whole: Page | None = None  # the whole plan on one page, to print (its nodes keep their own pages' URLs)
    place: EditionPlace | None = None  # which edition's pages these are (None: a plan with one edition)
    paragraph_of: dict[str, str] = field(default_factory=dict)  # with editions: a paragraph's place among its division's

    def paragraph(self, node: Node) -> str:
        """The number a paragraph has among its division's paragraphs as printed in this
        edition (its id may be an earlier edition's: ``editions.align``); "" for anything else."""
        return self.paragraph_of.get(node.id) or paragraph_number(node)

    def url(self, node_id: str) -> str:
        """The URL of node ``node_id``, e.g. ``slug/chp_5.html#chp_5__sec_1``; KeyError for an
        id not in the plan."""
        return self.url_of[node_id]

    def all(self) -> list[Page]:
        """Overview, chapters, dashboard and 专栏 page (when the plan has them), stages, findings,
        the whole plan to print."""
        indicators = [self.indicators] if self.indicators else []
        boxes = [self.boxes] if self.boxes else []
        departments = [self.departments] if self.departments else []
        whole = [self.whole] if self.whole else []
        return [self.overview, *self.chapters, *indicators, *boxes, *departments, *self.stages, self.findings, *whole]


def paginate(plan: Plan, segmenter: Segmenter, place: EditionPlace | None = None,
             stages_memo: dict | None = None) -> PlanPages:
    """The pages of ``plan`` and every node's URL, citation, reference and stages
    (``segmenter``: jieba's dictionary, to tell where a stage's term stands as a word).
    ``place``: for a plan with editions, which edition's pages (in ``place.folder``; the
    citations name the edition); ``stages_memo``: the stages of texts seen in the plan's
    other editions (``stages.assign_stages``)."""
    slug = place.folder if place else plan.meta.slug
    overview = Page(f"{slug}/index.html", plan.meta.title, "overview")
    indicators = Page(f"{slug}/indicators.html", "发展指标", "indicators") if plan.by_kind("indicator") else None
    chapters: list[Page] = []
    by_id = plan.index()
    url_of: dict[str, str] = {}
    for node in plan.nodes:
        if isinstance(node, Chapter):
            chapters.append(Page(f"{slug}/{node.id}.html", f"{node.number} {node.title or ''}".strip(),
                                 "chapter", chapter=node))
        if node.kind == "target":
            continue
        page = _page_for(node, by_id, overview, indicators, chapters)
        page.nodes.append(node)
        url_of[node.id] = page.path if node is page.chapter else f"{page.path}#{node.id}"
        if node.kind == "table" and chapters and page is indicators:
            chapters[-1].nodes.append(node)  # the chapter shows where the table was printed
        if node.kind == "table" and getattr(node, "part", 1) > 1:
            url_of[node.id] = url_of[ids.whole_table(node.id)]  # a later printed part of the same table
    for node in plan.by_kind("target"):
        url_of[node.id] = url_of[node.parent]
    for before, after in zip(chapters, chapters[1:]):
        before.next, after.previous = after, before
    node_stages = assign_stages(plan, segmenter, stages_memo)
    boxes = Page(f"{slug}/boxes.html", "专栏重点项目", "boxes",
                 nodes=[n for n in plan.nodes if n.kind in ("box", "project")]) if plan.by_kind("box") else None
    stage_pages = [Page(f"{slug}/stage-{s.slug}.html", s.name, "stage", stage=s,
                        nodes=[n for n in plan.nodes if s.slug in node_stages.get(n.id, ())])
                   for s in plan.genre.stages]
    findings = Page(f"{slug}/findings.html", "规划自查报告", "findings")
    paragraph_of = paragraph_places(plan) if place else {}
    citations = {n.id: cite(n, by_id, plan.meta.title, paragraph_of) for n in plan.nodes}
    references = {n.id: reference(n, by_id, plan.meta.title, plan.meta.doc_number, paragraph_of) for n in plan.nodes}
    if place:
        citations, references = _with_edition(citations, place, plan), _with_edition(references, place, plan)
    for table in plan.nodes:
        for row_id, ordinal in table_rows(table):
            url_of[row_id] = f"{url_of[table.id].split('#')[0]}#{row_id}"
            citations[row_id] = f"{citations[table.id]} 第{ordinal}行"
            references[row_id] = f"{references[table.id]} 第{ordinal}行"
    departments = Page(f"{slug}/departments.html", "任务分工", "departments") if plan.duties else None
    whole = Page(f"{slug}/print.html", "全文（打印版）", "whole")
    return PlanPages(plan, overview, chapters, indicators, boxes, [p for p in stage_pages if p.nodes],
                     findings, citations, node_stages, references, url_of, departments, whole, place,
                     paragraph_of)


def table_rows(node: Node) -> list[tuple[str, int]]:
    """(id, ordinal) of each body row of a printed table (``role`` data: header rows not
    counted), each an anchor on the table's page and a search document; none for other nodes."""
    if node.kind != "table" or getattr(node, "role", "") != "data" or not getattr(node, "rows", None):
        return []
    first = 1 if node.header else 0
    return [(ids.table_row_id(node.id, ordinal), ordinal) for ordinal in range(1, len(node.rows) - first + 1)]


def paragraph_places(plan: Plan) -> dict[str, str]:
    """Each paragraph's place among its division's paragraphs ("2"), counted as the parser
    numbers them (``parse.tree``): for ids kept from an earlier edition, whose ordinals may
    not be the place any more."""
    counts: dict[str | None, int] = {}
    places = {}
    for node in plan.nodes:
        if node.kind == "measure":
            counts[node.parent] = counts.get(node.parent, 0) + 1
            places[node.id] = str(counts[node.parent])
    return places


def _with_edition(citations: dict[str, str], place: EditionPlace, plan: Plan) -> dict[str, str]:
    """Citations naming the edition after the title: 《规划》（2024年5月29日调整版）第五章…"""
    title = f"《{plan.meta.title}》"
    return {key: text.replace(title, f"{title}（{place.label}）", 1) for key, text in citations.items()}



def _page_for(node: Node, by_id: dict[str, Node], overview: Page, indicators: Page | None,
              chapters: list[Page]) -> Page:
    if indicators is not None and on_indicator_page(node, by_id):
        return indicators
    if node.kind == "front" or not chapters:
        return overview
    top = node
    while top.parent is not None and not isinstance(top, Chapter):
        top = by_id[top.parent]  # up to the chapter (a part above it is shown on the overview)
    if isinstance(top, Chapter):
        return next(page for page in chapters if page.chapter is top)
    return overview


def on_indicator_page(node: Node, by_id: dict[str, Node]) -> bool:
    """Indicators, and the heads and group rows of the tables printing them (not a table of
    another kind, nor a 专栏 printed as a table)."""
    if node.kind == "table_group":
        parent = by_id.get(node.parent)
        return parent is not None and parent.kind == "table" and getattr(parent, "role", "") == "indicators"
    if node.kind == "table":
        return getattr(node, "role", "indicators") == "indicators"
    return node.kind in INDICATOR_KINDS


def ancestors(node: Node, by_id: dict[str, Node]) -> list[Node]:
    """The nodes above ``node``, outermost first."""
    chain = []
    parent = node.parent
    while parent is not None:
        chain.append(by_id[parent])
        parent = by_id[parent].parent
    return chain[::-1]


def paragraph_number(node: Node) -> str:
    """The number a paragraph has among its division's paragraphs ("2" for …__para_2), as the
    page shows it and citations use it; "" for anything else."""
    if node.kind != "measure" or node.parent is None:
        return ""
    return ids.last_ordinal(node.id)


def printed_page(node: Node, by_id: dict[str, Node]) -> int | None:
    """The printed page the node's section (or chapter) starts on, from the plan's table of
    contents; None when the contents give none."""
    for part in [node, *reversed(ancestors(node, by_id))]:
        page = getattr(part, "page", None)
        if page:
            return page
    return None


def reference(node: Node, by_id: dict[str, Node], plan_title: str, doc_number: str,
              paragraph_of: dict[str, str] | None = None) -> str:
    """The citation an official pastes: 《规划》（某政发〔2022〕1号）第十一章第三节 一、… 第1段，
    印刷版第73页起 (the page its section starts on: the text gives no page of its own)."""
    short = cite(node, by_id, plan_title, paragraph_of)
    title = f"《{plan_title}》"
    full = f"{title}（{doc_number}）{short[len(title):]}" if doc_number else short
    page = printed_page(node, by_id)
    return f"{full}，印刷版第{page}页起" if page else full


def table_name(table: Node, by_id: dict[str, Node]) -> str:
    """What a table is called: its caption; else, for a table an appendix prints under its
    title, the appendix (附件1 某市…指标体系（2023年）); else 发展指标."""
    if table.title:
        return table.title
    parent = by_id.get(table.parent or "")
    if parent is not None and parent.kind == "attachment":
        return f"{parent.number} {parent.title or ''}".strip()
    return "发展指标"


def cite(node: Node, by_id: dict[str, Node], plan_title: str, paragraph_of: dict[str, str] | None = None) -> str:
    """How an official cites a node: the numbers of its divisions, the innermost chapter's or
    section's title, the point's number and title, the paragraph — 《规划》第五章第一节
    实现学前教育普及普惠安全优质发展 一、持续扩大普惠幼儿园规模 第2段 — so a citation names the
    same parts in every plan's form (issue 20: the section's title included; a paragraph
    right under a section names its title alone). ``paragraph_of``: a paragraph's place when
    it is not its id's ordinal, ``PlanPages.paragraph_of``."""
    if isinstance(node, Indicator):
        table = by_id.get(node.parent)
        where = table_name(table, by_id) if table is not None else "发展指标"
        group = "·".join(part for part in (node.stage, node.substage) if part)
        return f"《{plan_title}》{where} {group} {node.name}"
    chain = [*ancestors(node, by_id), node]
    numbers = ""
    label = ""
    paragraph = ""
    if any(part.kind == "box" for part in chain):
        chain = chain[next(i for i, part in enumerate(chain) if part.kind == "box"):]  # 专栏 are numbered plan-wide
    heading_title = ""  # the innermost chapter's or section's title: the label when no point gives one
    for part in chain:
        if part.kind in ("chapter", "section"):
            numbers += part.number or ""
            heading_title = part.title or heading_title
        elif part.kind == "attachment":
            numbers += (part.number or "").rstrip("：:") + " "
        elif part.kind == "box":
            numbers += (part.number or "").rstrip("：:")
        elif part.kind == "item":
            point = f"{part.number}{part.title or ''}"
            label = f"{heading_title} {point}" if heading_title else point
        elif part.kind == "project":
            label = f"项目{part.ordinal} {part.label}"
        elif part.kind == "measure":
            number = (paragraph_of or {}).get(part.id) or paragraph_number(part)
            paragraph = f"第{number}段" if part.parent else "前言"
        elif part.kind == "front":
            label = part.text or ""
        elif part.kind == "attachment_ref":
            label = f"{part.number or ''}{part.title or ''}"
    if node.kind in ("chapter", "section", "attachment"):
        label = node.title or ""
    elif not label and node.kind in ("measure", "table") and node.parent:
        label = heading_title  # every plan's citation names its place in words (zhijiao: 三、（十二）<title>)
    if node.kind == "box":
        label = node.title or ""
    return " ".join(part for part in (f"《{plan_title}》{numbers.strip()}", label, paragraph) if part)


def table_row_nodes(table: Node) -> list[TableRow]:
    """Each body row of a printed table as a ``TableRow`` (its id from ``table_rows``): the
    title is the cell under the header naming the task (``parse.duties.task_column``: 工作事项,
    重点任务…), else the first cell that is not a 序号; the text the other cells, the cells
    merged over it from a row above included (``merged_cells``); none for other nodes."""
    rows = getattr(table, "rows", None) or []
    header = [squash(c) for c in rows[0]] if rows and getattr(table, "header", False) else []
    title_at = task_column(header)
    numbered = {i for i, cell in enumerate(header) if cell in ("序号", "编号")}
    nodes = []
    for (row_id, ordinal), cells in zip(table_rows(table), merged_cells(rows[1 if header else 0:])):
        at = title_at if title_at is not None and title_at < len(cells) else next(
            (i for i, c in enumerate(cells) if c and i not in numbered), None)
        title = cells[at] if at is not None else ""
        text = " ".join(c for i, c in enumerate(cells) if c and i != at and i not in numbered)
        nodes.append(TableRow(row_id, table.id, table.source, title=title or None, text=text, ordinal=ordinal))
    return nodes


def merged_cells(rows: list[list[str]]) -> list[list[str]]:
    """Body rows with the cells a row leaves empty before its first cell filled in from the
    row above: a group printed once over several rows (一、医疗质量 | （一）功能定位 over its
    indicators; the parser aligns a row printed with fewer cells to the right), so each row
    carries its groups. A row whose first cell is filled (a 序号, a group row spanning the
    table) takes nothing."""
    carried: list[str] = []
    out = []
    for cells in rows:
        first = next((i for i, cell in enumerate(cells) if cell), len(cells))
        carried = [carried[i] if i < first and i < len(carried) else cell for i, cell in enumerate(cells)]
        out.append(carried)
    return out

