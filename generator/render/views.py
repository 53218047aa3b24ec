"""View models: what each page shows, as typed values the templates only loop over and test.

Built from the paginated plans (``pages.PlanPages``) by ``plan_views.py`` (one plan's pages)
and ``site_views.py`` (the pages that span plans); turned into HTML by ``html.py``. Every
URL in a view is relative to the page showing it (:func:`relative`), every label and figure
is already formatted: a template prints fields, loops over lists and tests flags. The way
a dataclass is passed to a template is :meth:`PageView.context`, as MkDocs passes its
``TemplateContext`` (a ``TypedDict``).
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field, fields
from functools import lru_cache
from urllib.parse import urlsplit

from generator.structure.paths import href
from generator.structure.records import Node, PlanMeta
from generator.paginate.stages import Stage

SITE_NAME = "规划通"


@dataclass(frozen=True)
class Crumb:
    """A link with its text: a breadcrumb, the previous or next chapter."""

    title: str
    url: str


@dataclass(frozen=True)
class StageLink:
    """A stage page of a plan, with the number of nodes it gathers."""

    title: str
    url: str
    count: int


@dataclass(frozen=True)
class PlanLinks:
    """A plan's reading entrances; a URL is "" when the plan has no such page."""

    overview_url: str
    indicators_url: str
    boxes_url: str
    findings_url: str
    data_url: str
    csv_url: str  # "" for a plan printing no indicator table (its CSV holds a header alone)
    stages: list[StageLink]
    plan_title: str
    departments_url: str = ""  # "" for a plan naming no department (no 任务分工 page)
    print_url: str = ""  # the whole plan on one page, to print
    changes_url: str = ""  # a plan with editions: changes.html
    predecessor_url: str = ""  # a plan naming its predecessor: predecessor.html
    progress_url: str = ""  # a plan with progress.yml: its progress CSV


@dataclass(frozen=True)
class TocEntry:
    """A line of a table of contents: a chapter (``part``: the 第X篇 it opens), a section
    or a point; ``page``: 印刷版第N页 when the plan's contents give one."""

    title: str
    url: str
    current: bool = False
    page: str = ""
    children: list["TocEntry"] = field(default_factory=list)
    part: str = ""


@dataclass(frozen=True)
class Flag:
    """A figure here that the plan states otherwise (an unreviewed finding), linking to it."""

    message: str
    url: str


@dataclass(frozen=True)
class Related:
    """What a clause serves: a 专栏 project (kind "project") or an indicator ("indicator")."""

    kind: str
    label: str  # 见专栏2 项目3, 指标：…, 推动指标：…
    title: str  # the project's label, or the indicator's change (88% → 95%)
    url: str


@dataclass(frozen=True)
class ClauseRef:
    """A clause cited from elsewhere: a project's carrier, an indicator's statement or measure."""

    url: str
    cite: str
    why: str
    excerpt: str  # its first 60 characters, … when cut
    editor: bool = False  # added by the editor (links.yml), not found by the build
    role: str = ""  # statements: 基期, 目标, 方向 or 编辑
    disagrees: bool = False  # statements: a finding says its figure differs from the table's
    reviewed: bool = False  # statements: every such finding is marked reviewed


@dataclass(frozen=True)
class Block:
    """One node as a page shows it. ``kind`` is the node's, or "table_ref" for an indicator
    table shown on the dashboard; ``level`` the heading level (1-6; 0 for a table)."""

    id: str
    kind: str
    level: int = 0
    number: str = ""
    title: str = ""
    heading: str = ""  # number and title as printed (:func:`heading`)
    lead: str = ""
    rest: str = ""  # the text after the lead
    note: str = ""  # 印刷版第N页, or where a listed node sits (一、… › （二）…)
    cite: str = ""  # the full citation the copy control copies
    url: str = ""
    paragraph: str = ""  # "2" for the second paragraph of its division, shown on the page
    flags: list[Flag] = field(default_factory=list)
    children: list["Block"] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # a printed table's cells (the first row a header if ``header``)
    header: bool = False
    columns: str = ""  # a table inside a 专栏: its first row's non-empty cells, joined by " · "
    related: list[Related] = field(default_factory=list)
    carriers: list[ClauseRef] = field(default_factory=list)  # for a project: the clauses that carry it out
    carrier_count: int = 0
    link: str = ""  # an entry of the list of appendices: the URL of the appendix it names
    table_rows: list["RowView"] = field(default_factory=list)  # a printed table's rows with their anchors
    duties: list["DepartmentLink"] = field(default_factory=list)  # the departments a note in the text names


@dataclass(frozen=True)
class Bar:
    """An indicator row of the dashboard, with its inline SVG bar drawn to scale
    (widths in SVG units of a 150-wide bar)."""

    id: str
    name: str
    unit: str
    binding: str
    constrained: bool
    baseline: str
    target: str
    has_target: bool
    change: str  # +3个百分点, −2, 保持 or ""
    baseline_width: int
    target_width: int
    label: str  # the bar's accessible text: 2020年88%，2025年目标95%
    cite: str  # the indicator's full citation
    printed_target: str = ""  # a target the table prints as words (较“十二五”下降30%以上), shown as printed
    group: str = ""  # a sub-group heading shown above this row
    group_id: str = ""
    statements: list[ClauseRef] = field(default_factory=list)
    statement_count: int = 0
    disagreements: int = 0  # statements whose figure the table contradicts, not yet reviewed
    measures: list[ClauseRef] = field(default_factory=list)  # the first ``SHOWN`` measures serving it
    more_measures: list[ClauseRef] = field(default_factory=list)  # the rest, folded
    measure_count: int = 0
    more_count: int = 0
    observations: list["Observed"] = field(default_factory=list)  # progress.yml's values, by year


@dataclass(frozen=True)
class Observed:
    """An observed value of an indicator (``link.progress``) as the dashboard shows it:
    ``expected`` the straight path's value for its year ("" without a rule), ``status``
    reached, on-track, behind or "", ``label`` its words (已达到 …)."""

    year: int
    value: str
    expected: str
    status: str
    label: str
    source: str


@dataclass(frozen=True)
class Summary:
    """Nodes of a plan by kind, as the overview and the home page count them."""

    chapters: int
    measures: int
    indicators: int
    projects: int
    targets: int
    boxes: int


@dataclass(frozen=True)
class Head:
    """What every page has: where it is, its title and description, the way back to the site
    root (``root``: relative, or for the 404 page with ``site_url`` the absolute address),
    its canonical address (only with ``site_url``), the search box's target and example."""

    path: str
    title: str
    description: str
    root: str
    canonical: str
    crumbs: list[Crumb]
    search_url: str
    example: str  # shown in the search box's placeholder; "" for none
    print_source: str = ""  # 《规划》（文号） printed at the top of a printed plan page
    print_css: str = ""  # the plan's print style sheet (its running header), relative; "" off a plan
    site_name: str = SITE_NAME
    edition: "EditionNotice | None" = None  # a plan with editions: which one this page shows


@dataclass(frozen=True)
class Moved:
    """A clause id a reader may arrive with and where it is in the latest edition (``url``
    relative to the page; "" when the latest edition removed it)."""

    id: str
    url: str


@dataclass(frozen=True)
class EditionNotice:
    """The notice on every page of a plan with editions. ``older``: this page shows an edition
    before the latest (``label``); ``latest_url``: the same page in the latest edition;
    ``elsewhere``: the clauses not found at this address in the latest edition."""

    label: str
    older: bool
    latest_label: str
    latest_url: str
    changes_url: str
    elsewhere: list[Moved]


@dataclass(frozen=True)
class ChangeRow:
    """A clause added, removed, moved or changed (``change``; ``label`` 新增 删除 移动 修改),
    linked in both editions; ``marks``: its words, ``op`` "=", "-" or "+"."""

    id: str
    change: str
    label: str
    before_cite: str
    before_url: str
    after_cite: str
    after_url: str
    number: str  # the number it had → has, when that changed
    marks: list["Mark"]
    text: str  # added or removed: its words


@dataclass(frozen=True)
class Mark:
    op: str
    text: str


@dataclass(frozen=True)
class FigureRow:
    """An indicator's or target's figure that changed: 普惠率 目标 88 → 90."""

    id: str
    name: str
    label: str
    before: str
    after: str
    before_url: str
    after_url: str


@dataclass(frozen=True)
class ChangePair:
    """The changes from one edition to the next."""

    id: str
    before: str
    after: str
    clauses: list[ChangeRow]
    figures: list[FigureRow]
    clause_count: int
    figure_count: int


@dataclass(frozen=True)
class EditionEntry:
    label: str
    url: str
    doc_number: str
    note: str


@dataclass(frozen=True)
class PredecessorRow:
    """An indicator of the predecessor against this plan's report of its target year."""

    name: str
    unit: str
    target: str
    target_year: str
    before_url: str
    after_name: str  # "" without a matching indicator
    after_url: str
    result: str
    verdict: str  # reached, missed or ""
    label: str  # 达到, 未达到, 无法比较
    why: str
    statements: list[Crumb] = field(default_factory=list)  # this plan's sentences stating the result (its review)
    source: str = ""  # where the result is read: 本规划指标表2020年值, 本规划回顾章节所述
    id: str = ""  # the predecessor's indicator id: the row's anchor


@dataclass(frozen=True)
class PredecessorBody:
    """<slug>/predecessor.html: the predecessor's targets and what this plan reports of them."""

    plan_title: str
    plan_url: str
    predecessor_title: str
    predecessor_url: str
    rule: str
    rows: list[PredecessorRow]
    reached: int
    missed: int
    unknown: int


@dataclass(frozen=True)
class ChangesBody:
    """changes.html: the plan's editions and the changes between consecutive ones."""

    links: "PlanLinks"
    editions: list[EditionEntry]
    pairs: list[ChangePair]


@dataclass(frozen=True)
class PageView:
    """A page to render: its template, its head and its body (one of the ``*Body`` view
    models of ``plan_views.py`` and ``site_views.py``)."""

    template: str
    head: Head
    body: object

    def context(self) -> dict[str, object]:
        """The template's variables: the head's and the body's fields (not copied deeper)."""
        return {**_fields(self.head), **_fields(self.body)}


def _fields(view: object) -> dict[str, object]:
    return {f.name: getattr(view, f.name) for f in fields(view)}


# -- the pages of a plan (built by plan_views.py) ------------------------------------------

@dataclass(frozen=True)
class Front:
    """A line printed before the plan (its title, a 通知's 文号, addressees…)."""

    id: str
    role: str
    text: str


@dataclass(frozen=True)
class OverviewBody:
    """overview.html: the plan's facts, counts, contents, the lines printed before it and its preamble."""

    links: PlanLinks
    meta: PlanMeta
    summary: Summary
    toc: list[TocEntry]
    printed_pages: bool  # the contents give printed pages (shown beside the entries)
    fronts: list[Front]
    front_heading: str  # 印发通知, or 标题 when no 通知 is printed
    preamble: list[Block]


@dataclass(frozen=True)
class ChapterBody:
    """chapter.html: a chapter's heading block, its blocks in order, the contents (this chapter
    expanded) and the previous and next chapters (None at either end)."""

    links: PlanLinks
    chapter: Block
    blocks: list[Block]  # a 专栏's projects, continuations and tables are its children
    toc: list[TocEntry]
    previous: Crumb | None
    next: Crumb | None


@dataclass(frozen=True)
class IndicatorGroup:
    """The rows of one stage (学段) of the indicator table."""

    stage: str
    id: str  # stage-1, stage-2…
    rows: list[Bar]


@dataclass(frozen=True)
class PrintChapter:
    """A chapter (or 附件) of the whole plan: its heading block and its blocks, as on its page."""

    chapter: Block
    blocks: list[Block]


@dataclass(frozen=True)
class WholeBody:
    """print.html: the whole plan in print order — the lines printed before it, its preamble,
    every chapter with its 专栏 and tables, then the indicator table — for paper (CSS paged
    media: the running header names the plan and its 文号 on every page)."""

    links: PlanLinks
    meta: PlanMeta
    fronts: list[Front]
    preamble: list[Block]
    chapters: list[PrintChapter]
    indicators: "IndicatorsBody | None"


@dataclass(frozen=True)
class IndicatorsBody:
    """indicators.html: the dashboard, one group per stage; years "" when the table gives none."""

    links: PlanLinks
    groups: list[IndicatorGroup]
    table_id: str
    caption: str
    baseline_year: int | str
    target_year: int | str
    progress_rule: str = ""  # with observed values (progress.yml): how their status is judged


@dataclass(frozen=True)
class BoxesBody:
    """boxes.html: every 专栏 with its projects."""

    links: PlanLinks
    boxes: list[Block]  # each with its projects as children


@dataclass(frozen=True)
class CellView:
    """A cell of a printed table and the name of its column (its header cell; "" without one),
    shown before the cell when a phone shows each row as a card."""

    text: str
    label: str = ""


@dataclass(frozen=True)
class RowView:
    """A row of a printed table: its anchor ("" for a header row), cells, and whether it heads the table."""

    id: str
    cells: list[CellView]
    header: bool = False


@dataclass(frozen=True)
class DepartmentLink:
    """A department named on a task, linking to its entry on the 任务分工 page."""

    role: str  # 牵头 or 配合
    name: str
    url: str


@dataclass(frozen=True)
class DutyRef:
    """A task as a department's list shows it: its words, where it is printed, the other
    departments on it (牵头 or 配合, as the department's role is the other one)."""

    label: str
    url: str
    cite: str
    via: str  # 分工表 or 文中注明
    others: str  # the task's other departments: 牵头：…；配合：…


@dataclass(frozen=True)
class DepartmentView:
    """One department of a plan and its tasks: those it leads (牵头) and supports (配合)."""

    id: str
    name: str
    lead: list[DutyRef]
    support: list[DutyRef]
    counts: str = ""  # 牵头3项 · 配合2项, for the index of departments


@dataclass(frozen=True)
class DepartmentsBody:
    """departments.html: every department a plan names, with the tasks it leads and supports."""

    links: PlanLinks
    departments: list[DepartmentView]
    tasks: int  # tasks with departments


@dataclass(frozen=True)
class StageChapter:
    """A chapter on a stage page, with its listed measures and points."""

    id: str
    title: str
    url: str
    entries: list[Block]


@dataclass(frozen=True)
class StageBody:
    """stage-<slug>.html: what a stage gathers: indicators, projects, measures by chapter."""

    links: PlanLinks
    stage: Stage
    terms: str  # the stage's words, joined by 、
    indicators: list[Bar]
    projects: list[Block]
    chapters: list[StageChapter]
    reviews: list[StageChapter]  # chapters reviewing the years before the plan
    baseline_year: int | str
    target_year: int | str


@dataclass(frozen=True)
class DiagnosticEntry:
    """A diagnostic as the findings page lists it."""

    code: str
    label: str
    message: str
    excerpt: str
    comment: str  # the editor's, on a reviewed warning
    line: int
    where: str  # where the editor looks: 原文第 12 行 (the line of the extracted text), 原文第 12 页 (a PDF's printed page), plan.yml 第 1 行
    severity: str  # 错误, 待核对 (a warning), 已复核 (a warning listed in reviewed.yml) or 提示 (a note)
    url: str  # the node the diagnostic is about, "" when none
    cite: str
    unreviewed: bool = False  # an error or a warning not in reviewed.yml: its 说明 shown open


@dataclass(frozen=True)
class DiagnosticGroup:
    """The diagnostics of one code, with their number."""

    code: str
    label: str
    entries: list[DiagnosticEntry]
    count: int


@dataclass(frozen=True)
class Side:
    """One side of a figure finding: the quoted words and the clause they stand in."""

    url: str
    cite: str
    text: str


@dataclass(frozen=True)
class FigureFinding:
    """A figure the plan states two ways, with its sides and whether the editor reviewed it."""

    id: str
    anchor: str  # the id as an HTML id (``:`` → ``-``)
    kind: str
    message: str
    sides: list[Side]
    reviewed: bool
    comment: str


@dataclass(frozen=True)
class FindingsBody:
    """findings.html: figure findings, then diagnostics grouped by code (``total`` of them)."""

    links: PlanLinks
    figures: list[FigureFinding]
    figure_count: int
    groups: list[DiagnosticGroup]
    total: int


@dataclass(frozen=True)
class EditionOption:
    """An edition in a plan's search page's 版本 filter: ``date`` names it in URLs
    (``ed=2022-09-06``; "" for the latest, the plan's own data), ``label`` is shown,
    ``script`` is its search data (a site path), ``chapters`` an earlier edition's chapter
    filter, one a line (``editions.place.chapter_labels``; "" for the latest, whose chapters the
    page lists)."""

    date: str
    label: str
    script: str
    chapters: str = ""


@dataclass(frozen=True)
class StageOption:
    """A stage in the search page's 学段 filter: ``slug`` names it in URLs (``st=vocational``),
    ``name`` is shown."""

    slug: str
    name: str


@dataclass(frozen=True)
class PlanOption:
    """A plan in the catalog search's plan filter."""

    slug: str
    title: str


@dataclass(frozen=True)
class SearchBody:
    """A search page: the catalog's (``plans``, ``issuers``, ``years`` filled with several
    plans) or one plan's (``plan_title`` set)."""

    data_script: str
    chapters: list[str]
    stages: list[StageOption]  # the catalog's stages (``catalog_stages``), in the order of the index's bits
    plans: list[PlanOption]
    issuers: list[str]
    years: list[str]
    plan_title: str
    examples_text: str  # up to three examples, joined by 、
    editions: tuple = ()  # a plan with editions: its EditionOption, the latest first, then the earlier ones newest first


# -- the pages spanning plans (built by site_views.py) -----------------------------------

@dataclass(frozen=True)
class PlanCard:
    """A plan on the home page; ``level`` is one of ``catalog.LEVELS``' keys or ""."""

    title: str
    doc_number: str
    issuer: str
    date: str
    url: str
    level: str
    level_name: str
    sector: str  # the genre's title
    period: str
    summary: Summary
    toc: list[TocEntry]
    links: PlanLinks


@dataclass(frozen=True)
class Facet:
    """A filter of the home page: the card field it filters on, its label, its values (sorted)."""

    key: str
    label: str
    values: list[str]


@dataclass(frozen=True)
class HomeBody:
    """index.html: the plan cards and the filters over them."""

    plans: list[PlanCard]
    facets: list[Facet]
    compare_url: str  # "" without a shared-indicators page


@dataclass(frozen=True)
class Source:
    """A plan's text and open data, as the about page lists them."""

    title: str
    doc_number: str
    issuer: str
    publisher: str
    date: str
    source: str  # the text's path in the repository
    data_url: str
    csv_url: str


@dataclass(frozen=True)
class AboutBody:
    """about.html: every plan's source and data files."""

    sources: list[Source]


@dataclass(frozen=True)
class NotFoundBody:
    """404.html: the site's style sheet inline (``style``, trusted markup: the project's own
    file) and its CSP hash source (``style_hash``: ``'sha256-…'``); without ``site_url`` the
    script finding the site's root (``script``, ``script_hash``; both "" with it)."""

    style: str
    style_hash: str
    script: str
    script_hash: str


@dataclass(frozen=True)
class SharedRow:
    """One plan's row of an indicator shared across plans; figures as printed, "--" for none."""

    plan: str  # the plan's title
    name: str  # the row's name as that plan prints it
    unit: str
    baseline: str
    baseline_year: int | str
    target: str
    target_year: int | str
    url: str
    latest: str = ""  # the plan's latest observed value (progress.yml): 2023年 84.5（进度正常）
    quote: str = ""  # a target stated in prose: its words as printed (``name`` is then "")


@dataclass(frozen=True)
class SharedGroup:
    """An indicator shared across plans, under the name shown, with a row per plan;
    ``with_latest``: some row has an observed value (a column of its own); ``with_prose``:
    some row is a target stated in prose."""

    name: str
    rows: list[SharedRow]
    with_latest: bool = False
    with_prose: bool = False


@dataclass(frozen=True)
class SharedIndicatorsBody:
    """indicators.html at the site root: the shared indicators and the number of plans."""

    groups: list[SharedGroup]
    plan_count: int


def head(path: str, title: str, description: str, crumbs: list[Crumb], site_url: str = "",
         search_url: str = "", example: str = "", print_source: str = "", print_css: str = "") -> Head:
    """The head of the page at site path ``path``; ``search_url`` defaults to the site's
    search page."""
    root = relative(path, "index.html").removesuffix("index.html")
    if path == "404.html" and site_url:
        # served at any depth, and from any host (a mirror, a preview): the site's path alone,
        # so its style and scripts come from the host serving it, as its CSP ('self') allows
        root = urlsplit(site_url).path
    canonical = site_url + path if site_url and path != "404.html" else ""
    return Head(path, title, description, root, canonical, crumbs, search_url or f"{root}search.html",
                example, print_source, print_css)


def relative(from_page: str, to: str) -> str:
    """A link from one site page to another site path (``slug/chp_5.html#chp_5__sec_1``),
    relative so the site works anywhere, percent-encoded by ``paths.href``."""
    path, _, anchor = to.partition("#")
    return _relative_href(from_page, path) + (_anchor(anchor) if anchor else "")


@lru_cache(maxsize=2**16)
def _relative_href(from_page: str, path: str) -> str:
    """As ``posixpath.relpath`` from the page's folder (which asks the operating system for the
    working folder on every call), computed on the path's segments, encoded; cached, as a
    page links to the same few pages many times."""
    if not path:
        return href(posixpath.basename(from_page))
    base, target = from_page.split("/")[:-1], path.split("/")
    if any(part in ("", ".", "..") for part in (*base, *target)):
        return href(posixpath.relpath(path, posixpath.dirname(from_page) or "."))
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    return href("/".join([".."] * (len(base) - common) + target[common:]) or ".")


@lru_cache(maxsize=2**16)
def _anchor(anchor: str) -> str:
    """``#anchor`` as ``paths.href`` encodes it."""
    return href("", anchor)


def heading(node: Node) -> str:
    """Number and title as printed: 第一节 实现…, 一、…, 专栏2：基础教育…"""
    number, title = node.number or "", node.title or ""
    joiner = "" if not number or number[-1] in "、）)：:.．是" else " "
    return f"{number}{joiner}{title}".strip()


def number_text(value: float | int | None) -> str:
    """A figure as shown: ``88.5``, ``3``, ``--`` for none (floats without trailing zeros)."""
    if value is None:
        return "--"
    return f"{value:g}" if isinstance(value, float) else str(value)


def page_note(node: Node | None) -> str:
    """印刷版第N页 for a node the plan's contents give a printed page, else ""."""
    page = getattr(node, "page", None)
    return f"印刷版第{page}页" if page else ""
