"""The view models of one plan's pages (``views.py`` for the types), from its paginated
result (``pages.PlanPages``) and its diagnostics: overview, chapters, indicator dashboard,
专栏 page, stage pages, findings report and its own search page.

Domain questions are answered here once, for every page: which links and figure findings
belong to which node (:class:`PlanView`), which statements disagree with the indicator
table, which node a diagnostic is about (``Plan.diagnostic_node``, shared with the export).
"""
from __future__ import annotations

from dataclasses import replace

from generator.editions.place import chapter_labels
from generator.structure.paths import edition_data_path, edition_search_script
from generator.structure.ids import finding_anchor
from generator.structure.paths import (indicators_csv_path, plan_data_path, plan_print_css, plan_search_page,
                                       plan_search_script, progress_csv_path)
from generator.structure.diagnostics import Diagnostic
from generator.structure.messages import SITE_LANGUAGE, said
from generator.paginate.pages import Page, PlanPages, ancestors, on_indicator_page, table_name, table_rows
from generator.structure.records import Duty, Finding, Indicator, Link, Node
from generator.parse.duties import departments
from generator.link.progress import RULE as PROGRESS_RULE
from generator.link.progress import STATUS_LABEL, judged
from generator.link.serves import SHOWN
from generator.paginate.stages import catalog_stages
from generator.render.views import (SITE_NAME, PrintChapter, WholeBody, Bar, BoxesBody, CellView, DepartmentLink, DepartmentsBody, RowView, DepartmentView, DutyRef, Block, ChapterBody, ClauseRef, Crumb, DiagnosticEntry,
                    DiagnosticGroup, FigureFinding, FindingsBody, Flag, Front, Head, IndicatorGroup, IndicatorsBody,
                    OverviewBody, PageView, PlanLinks, Related, SearchBody, EditionOption, Side, StageOption, StageBody, StageChapter, StageLink,
                    Summary, TocEntry, head, heading, number_text, page_note, relative, ChangePair, ChangeRow,
                    ChangesBody, EditionEntry, EditionNotice, FigureRow, Mark, Moved, Observed)

NOTICE_ROLES = ("notice_title", "doc_number", "addressees", "notice_text")  # a 通知 printed before the plan
BAR_WIDTH = 150
ROLE_NAMES = {"baseline": "基期", "target": "目标", "direction": "方向"}
RELATED_ORDER = {"project": 0, "indicator": 1, "serves": 2}
CHANGE_LABEL = {"added": "新增", "removed": "删除", "moved": "移动", "changed": "修改"}
# as the findings page names them: a warning not yet in reviewed.yml is 待核对, as plain as 已复核
SEVERITY_LABEL = {"error": "错误", "warning": "待核对", "reviewed": "已复核"}
FINDING_LABEL = {
    "latin-word": "中文正文中的英文单词", "traditional-character": "简体文本中的繁体字",
    "doubled-character": "疑似重复输入的字", "toc-mismatch": "目录与正文标题不一致",
    "toc-missing": "目录列出而正文缺少", "toc-absent": "正文有而目录未列", "numbering-gap": "编号缺漏",
    "heading-missing": "疑似缺少标题",
    "numbering-repeat": "编号重复或倒退", "numbering-duplicate": "编号重复", "unfinished-paragraph": "段落未以句末标点结束",
    "meta-mismatch": "元数据与正文不一致", "encoding-gb18030": "文件编码不是 UTF-8", "table-row": "无法读取的指标行",
    "table-header": "指标表缺少表头",
}


# -- what the link stage found: read only here, so it may carry these elsewhere -------------

def plan_links(site: PlanPages) -> list[Link]:
    """The plan's cross-references (``records.Link``)."""
    return site.plan.links


def figure_findings(site: PlanPages) -> list[Finding]:
    """The plan's figure findings (``records.Finding``), in the link stage's order."""
    return site.plan.findings


def is_reviewed(site: PlanPages, finding: Finding) -> bool:
    """Whether the editor marked ``finding`` reviewed (links.yml)."""
    return finding.reviewed


class PlanView:
    """Builds the view models of one plan's pages; the links and findings of each node are
    gathered once here."""

    def __init__(self, site: PlanPages, diagnostics: list[Diagnostic], site_url: str = ""):
        self.site = site
        self.diagnostics = diagnostics
        self.site_url = site_url
        self.by_id = site.plan.index()
        self.links_to: dict[str, list[Link]] = {}
        self.links_from: dict[str, list[Link]] = {}
        self.findings_on: dict[str, list[Finding]] = {}
        self.duties_of: dict[str, list[Duty]] = {}
        for duty in site.plan.duties:
            self.duties_of.setdefault(duty.task, []).append(duty)
        self.department_ids = {name: f"dept_{n}" for n, name in enumerate(departments(site.plan.duties), start=1)}
        for item in plan_links(site):
            self.links_to.setdefault(item.target, []).append(item)
            self.links_from.setdefault(item.source, []).append(item)
        for finding in figure_findings(site):
            for node_id in finding.nodes:
                self.findings_on.setdefault(node_id, []).append(finding)

    def pages(self) -> list[PageView]:
        """Every page of the plan, in ``PlanPages.all()`` order, then its search page (an
        earlier edition's point-in-time pages have none: search covers the latest)."""
        pages = [self.page(page) for page in self.site.all()]
        return pages if self.point_in_time() else pages + [self.search()]

    def point_in_time(self) -> bool:
        """Whether these are an edition's pages at ``slug/<date>/``, not the plan's own."""
        place = self.site.place
        return place is not None and place.folder != self.site.plan.meta.slug

    def page(self, page: Page) -> PageView:
        """The view of ``page``: its template is named after its kind (``chapter.html``)."""
        body = getattr(self, f"_{page.kind}")(page)
        return PageView(f"{page.kind}.html", self._head(page), body)

    def url(self, node_id: str, path: str) -> str:
        """The URL of node ``node_id`` relative to the page at site path ``path``."""
        return relative(path, self.site.url(node_id))

    def links(self, path: str) -> PlanLinks:
        """The plan's reading entrances, relative to the page at site path ``path``."""
        site, slug = self.site, self.site.plan.meta.slug
        return PlanLinks(
            relative(path, site.overview.path), relative(path, site.indicators.path) if site.indicators else "",
            relative(path, site.boxes.path) if site.boxes else "", relative(path, site.findings.path),
            relative(path, edition_data_path(slug, site.place.date) if self.point_in_time() else plan_data_path(slug)),
            relative(path, indicators_csv_path(slug)) if site.indicators else "",
            [StageLink(p.title, relative(path, p.path), len(p.nodes)) for p in site.stages], site.plan.meta.title,
            relative(path, site.departments.path) if site.departments else "",
            relative(path, site.whole.path) if site.whole else "",
            relative(path, site.place.changes) if site.place else "",
            relative(path, f"{slug}/predecessor.html") if site.plan.meta.predecessor else "",
            relative(path, progress_csv_path(slug)) if site.plan.progress else "")

    def summary(self) -> Summary:
        """The plan's chapters, measures, indicators, projects, targets and 专栏, counted."""
        counts = self.site.plan.kind_counts()
        return Summary(*(counts.get(kind, 0) for kind in ("chapter", "measure", "indicator", "project", "target", "box")))

    def toc(self, from_path: str, expand: Page | None = None, with_items: bool = False) -> list[TocEntry]:
        """Chapters, each with its sections (and top-level points when ``with_items``) when it
        is ``expand`` or nothing is."""
        entries = []
        opened: set[str] = set()
        for page in self.site.chapters:
            parent = self.by_id.get(page.chapter.parent or "")
            part = heading(parent) if parent is not None and parent.kind == "part" and parent.id not in opened else ""
            opened.add(parent.id if parent is not None else "")
            children = self._toc_children(page, from_path, with_items) if page is expand or expand is None else []
            entries.append(TocEntry(page.title, relative(from_path, page.path), current=page is expand,
                                    page=page_note(page.chapter), part=part, children=children))
        return entries

    def _toc_children(self, page: Page, from_path: str, with_items: bool) -> list[TocEntry]:
        children: list[TocEntry] = []
        for node in page.nodes:
            view = TocEntry(heading(node), self.url(node.id, from_path), page=page_note(node))
            if node.kind == "section":
                children.append(view)
            elif with_items and node.kind == "item" and getattr(node, "depth", 1) == 1:
                if children and node.parent != page.chapter.id:
                    children[-1].children.append(view)
                else:
                    children.append(view)
        return children

    def _head(self, page: Page) -> Head:
        site, meta, path = self.site, self.site.plan.meta, page.path
        crumbs = [Crumb("首页", relative(path, "index.html"))]
        if page is not site.overview:
            crumbs.append(Crumb(meta.title, relative(path, site.overview.path)))
        title, description = {
            "overview": (meta.title, f"{meta.issuer}《{meta.title}》（{meta.doc_number}）全文、目录与指标"),
            "chapter": (f"{page.title} - {meta.title}", f"《{meta.title}》{page.title}全文，逐段可引用"),
            "indicators": (f"发展指标 - {meta.title}", f"《{meta.title}》{len(page.nodes)}项发展指标：基期与目标一览"),
            "boxes": (f"专栏重点项目 - {meta.title}", f"《{meta.title}》全部专栏重点项目"),
            "departments": (f"任务分工 - {meta.title}", f"《{meta.title}》各部门牵头与配合的任务"),
            "stage": (f"{page.title} - {meta.title}", f"《{meta.title}》中关于{page.title}的全部措施、指标与项目"),
            "findings": (f"规划自查报告 - {meta.title}", f"构建时在《{meta.title}》文本中发现的问题"),
            "whole": (f"全文（打印版） - {meta.title}", f"《{meta.title}》全文，按印发文本顺序，供打印"),
        }[page.kind]
        examples = site.plan.genre.search_examples
        if site.place:
            title = f"{title}（{site.place.label}）" if self.point_in_time() else title
        page_head = head(path, title, description, crumbs, self.site_url, relative(path, plan_search_page(meta.slug)),
                         examples[0] if examples else "",
                         f"《{meta.title}》" + (f"（{meta.doc_number}）" if meta.doc_number else ""),
                         relative(path, plan_print_css(meta.slug)))
        return replace(page_head, edition=edition_notice(site, path)) if site.place else page_head

    def search(self) -> PageView:
        """The plan's own search page: that plan's data only (``search/plan-<slug>.js``)."""
        meta = self.site.plan.meta
        path = plan_search_page(meta.slug)
        crumbs = [Crumb("首页", relative(path, "index.html")), Crumb(meta.title, relative(path, self.site.overview.path))]
        examples = self.site.plan.genre.search_examples
        page_head = head(path, f"搜索：{meta.title} - {SITE_NAME}", f"在《{meta.title}》中查找条款", crumbs,
                         self.site_url, "search.html", examples[0] if examples else "")
        return PageView("search.html", page_head, SearchBody(
            plan_search_script(meta.slug), list(chapter_labels(self.site.plan)), [StageOption(s.slug, s.name) for s in catalog_stages([self.site.plan])],
            [], [], [], meta.title, "、".join(examples[:3]), self.edition_options()))

    def edition_options(self) -> tuple:
        """The search page's 版本 filter (``EditionOption``): the latest edition (the plan's own
        search data) and each earlier one (``paths.edition_search_script``) with its own
        chapters, newest first; empty for a plan without editions."""
        place = self.site.place
        if place is None or not place.earlier:
            return ()
        slug = self.site.plan.meta.slug
        latest = EditionOption("", f"{place.label}（现行）", plan_search_script(slug))
        return (latest, *(EditionOption(day, label, edition_search_script(slug, day), "\n".join(chapters))
                          for day, label, chapters in reversed(place.earlier)))

    # -- pages -------------------------------------------------------------------------

    def _overview(self, page: Page) -> OverviewBody:
        fronts = [Front(n.id, getattr(n, "role", ""), n.text or "") for n in page.nodes if n.kind == "front"]
        return OverviewBody(
            self.links(page.path), self.site.plan.meta, self.summary(), self.toc(page.path),
            any(e.page for e in self.site.plan.toc), fronts,
            "印发通知" if any(f.role in NOTICE_ROLES for f in fronts) else "标题",
            [self.block(n, page.path) for n in page.nodes if n.kind == "measure"])

    def _chapter(self, page: Page) -> ChapterBody:
        previous = Crumb(page.previous.title, relative(page.path, page.previous.path)) if page.previous else None
        after = Crumb(page.next.title, relative(page.path, page.next.path)) if page.next else None
        return ChapterBody(self.links(page.path), self.block(page.chapter, page.path),
                           self.chapter_blocks(page, page.path),
                           self.toc(page.path, expand=page, with_items=True), previous, after)

    def chapter_blocks(self, page: Page, path: str) -> list[Block]:
        """The blocks of chapter page ``page`` below its heading, for the page at ``path``: a
        专栏's projects, continuations and tables are its children."""
        blocks: list[Block] = []
        current_box: Block | None = None
        for node in page.nodes:
            if node is page.chapter:
                continue
            block = self.block(node, path)
            if node.kind in ("project", "box_continuation", "table", "table_group") and current_box is not None \
                    and node.parent == current_box.id:
                current_box.children.append(block)
                continue
            current_box = block if node.kind == "box" else None
            blocks.append(block)
        return blocks

    def _whole(self, page: Page) -> WholeBody:
        overview = self._overview(self.site.overview)
        chapters = [PrintChapter(self.block(c.chapter, page.path), self.chapter_blocks(c, page.path))
                    for c in self.site.chapters]
        indicators = self._indicators(self.site.indicators) if self.site.indicators else None
        return WholeBody(self.links(page.path), self.site.plan.meta, overview.fronts, overview.preamble,
                         chapters, indicators)

    def _indicators(self, page: Page) -> IndicatorsBody:
        groups: list[IndicatorGroup] = []
        group_of = {node.text: node.id for node in page.nodes if node.kind == "table_group"}
        substage = None
        for node in page.nodes:
            if not isinstance(node, Indicator):
                continue
            if not groups or groups[-1].stage != node.stage:
                groups.append(IndicatorGroup(node.stage, f"stage-{len(groups) + 1}", []))
                substage = None
            group = node.substage if node.substage and node.substage != substage else ""
            substage = node.substage
            groups[-1].rows.append(self.bar(node, page.path, with_statements=True, group=group,
                                            group_id=group_of.get(group, "") if group else ""))
        tables = [n for n in page.nodes if n.kind == "table" and getattr(n, "part", 1) == 1]
        captions = [n.title for n in page.nodes if n.kind == "table" and n.title]
        years = _years(page)
        return IndicatorsBody(self.links(page.path), groups, tables[0].id if tables else "",
                              captions[0] if captions else "", years[0] or "", years[1] or "",
                              PROGRESS_RULE if self.site.plan.progress else "")

    def _boxes(self, page: Page) -> BoxesBody:
        boxes: list[Block] = []
        for node in page.nodes:
            block = self.block(node, page.path)
            if node.kind == "box":
                boxes.append(block)
            else:
                boxes[-1].children.append(block)
        return BoxesBody(self.links(page.path), boxes)

    def _departments(self, page: Page) -> DepartmentsBody:
        """Each department in order of first mention, with the tasks it leads and supports."""
        views = []
        for name, (lead, support) in departments(self.site.plan.duties).items():
            counts = " · ".join(f"{role}{len(duties)}项" for role, duties in (("牵头", lead), ("配合", support)) if duties)
            views.append(DepartmentView(self.department_ids[name], name, [self.duty(d, page.path) for d in lead],
                                        [self.duty(d, page.path) for d in support], counts))
        return DepartmentsBody(self.links(page.path), views, len({d.task for d in self.site.plan.duties}))

    def duty(self, duty: Duty, path: str) -> DutyRef:
        others = "；".join(f"{role}：{'、'.join(names)}" for role, names in (("牵头", duty.lead), ("配合", duty.support))
                          if names)
        return DutyRef(duty.label, self.url(duty.task, path), self.site.citations.get(duty.task, ""),
                       "分工表" if duty.via == "table" else "文中注明", others)

    def _stage(self, page: Page) -> StageBody:
        indicators = [self.bar(n, page.path) for n in page.nodes if isinstance(n, Indicator)]
        projects = [self.listed(n, page.path) for n in page.nodes if n.kind == "project"]
        chapters: list[tuple[Node, StageChapter]] = []
        for node in page.nodes:
            if node.kind not in ("measure", "item"):
                continue
            chain = ancestors(node, self.by_id)
            top = chain[0] if chain else None
            if top is None or top.kind not in ("chapter", "attachment"):  # an appendix groups its clauses as a chapter
                continue
            if not chapters or chapters[-1][1].id != top.id:
                chapters.append((top, StageChapter(top.id, f"{top.number} {top.title or ''}",
                                                   self.url(top.id, page.path), [])))
            chapters[-1][1].entries.append(self.listed(node, page.path))
        years = _years(page)
        return StageBody(self.links(page.path), page.stage, "、".join(page.stage.terms), indicators, projects,
                         [c for top, c in chapters if not top.review], [c for top, c in chapters if top.review],
                         years[0] or "", years[1] or "")

    def _findings(self, page: Page) -> FindingsBody:
        plan = self.site.plan
        groups: list[DiagnosticGroup] = []
        entries: list[DiagnosticEntry] = []
        for diagnostic in sorted(self.diagnostics, key=lambda d: (d.code, d.line)):
            node = plan.diagnostic_node(diagnostic)
            label = FINDING_LABEL.get(diagnostic.code, diagnostic.code)
            entry = DiagnosticEntry(diagnostic.code, label, said(diagnostic.message, SITE_LANGUAGE),
                                    diagnostic.excerpt, diagnostic.comment, diagnostic.line,
                                    finding_place(diagnostic),
                                    SEVERITY_LABEL.get(diagnostic.severity, "提示"),
                                    self.url(node.id, page.path) if node else "",
                                    self.site.citations.get(node.id, "") if node else "",
                                    diagnostic.severity in ("error", "warning"))
            if not groups or groups[-1].code != entry.code:
                groups.append(DiagnosticGroup(entry.code, label, [], 0))
            groups[-1].entries.append(entry)
            entries.append(entry)
        groups = [replace(g, count=len(g.entries)) for g in groups]
        figures = [FigureFinding(
            f.id, finding_anchor(f.id), f.kind, f.message,
            [Side(self.url(n, page.path), self.site.citations.get(n, ""), text) for n, text in f.quotes if n in self.by_id],
            is_reviewed(self.site, f), f.comment) for f in figure_findings(self.site)]
        return FindingsBody(self.links(page.path), figures, len(figures), groups, len(entries))

    # -- nodes -------------------------------------------------------------------------

    def block(self, node: Node, path: str) -> Block:
        """``node`` as the page at ``path`` shows it."""
        site = self.site
        depth = sum(1 for a in ancestors(node, self.by_id) if a.kind in ("chapter", "attachment", "section", "item", "box"))
        url = self.url(node.id, path)
        if node.kind == "table" and site.indicators is not None and on_indicator_page(node, self.by_id):
            return Block(node.id, "table_ref", title=table_name(node, self.by_id), url=url)
        if node.kind == "table":
            rows = node.rows or [[node.text or ""]]
            row_ids = [""] * (1 if node.header else 0) + [row_id for row_id, _ in table_rows(node)]
            row_ids += [""] * (len(rows) - len(row_ids))
            labels = rows[0] if node.header else []
            shown = [RowView(row_id, [CellView(c, labels[i] if i < len(labels) and n else "") for i, c in enumerate(cells)],
                             header=not row_id and node.header and n == 0)
                     for n, (row_id, cells) in enumerate(zip(row_ids, rows))]
            return Block(node.id, "table", title=node.title or "", rows=rows, header=node.header,
                         columns=" · ".join(c for c in rows[0] if c), cite=site.references.get(node.id, ""), url=url,
                         table_rows=shown)
        if node.kind == "attachment_ref":
            target = getattr(node, "attachment", None)
            return Block(node.id, "attachment_ref", number=node.number or "", title=node.title or "",
                         cite=site.references.get(node.id, ""), url=url,
                         link=self.url(target, path) if target else "")
        lead = getattr(node, "lead", None) or ""
        text = node.text or ""
        carriers = self.carriers(node, path)
        return Block(
            id=node.id, kind=node.kind, level=min(6, depth + 1), number=node.number or "",
            title=node.title or "", heading=heading(node), lead=lead, rest=text[len(lead):] if lead else text,
            note=page_note(node), cite=site.references.get(node.id, ""), url=url,
            paragraph=self.site.paragraph(node), flags=self.flags(node, path), related=self.related(node, path),
            carriers=carriers, carrier_count=len(carriers), duties=self.department_links(node.id, path))

    def department_links(self, task: str, path: str) -> list[DepartmentLink]:
        """The departments the task's notes name, each linking to its entry on the 任务分工 page."""
        site = self.site
        if site.departments is None:
            return []
        page = relative(path, site.departments.path)
        return [DepartmentLink(role, name, f"{page}#{self.department_ids[name]}")
                for duty in self.duties_of.get(task, []) for role, names in (("牵头", duty.lead), ("配合", duty.support))
                for name in names]

    def listed(self, node: Node, path: str) -> Block:
        """A node shown away from its chapter: its text plus where it sits."""
        chain = [a for a in ancestors(node, self.by_id) if a.kind in ("section", "item", "box")]
        return replace(self.block(node, path), note=" › ".join(f"{a.number or ''}{a.title or ''}" for a in chain))

    def flags(self, node: Node, path: str) -> list[Flag]:
        """A figure the plan states two ways, flagged where it stands (an indicator: 指标表 2025年
        88%，正文 ≥95%), linking to the finding on the findings page; none on an indicator."""
        if node.kind == "indicator":
            return []
        return [Flag(f.message, relative(path, f"{self.site.findings.path}#{finding_anchor(f.id)}"))
                for f in self.findings_on.get(node.id, []) if not is_reviewed(self.site, f)]

    def related(self, node: Node, path: str) -> list[Related]:
        """What a clause serves: 专栏 projects (见专栏2 项目3) and indicators (name, baseline → target)."""
        related, shown = [], set()
        for item in sorted(self.links_to.get(node.id, []), key=lambda l: (RELATED_ORDER.get(l.kind, 3), l.source)):
            source = self.by_id.get(item.source)
            if source is None:
                continue
            if source.kind == "project":
                box = self.by_id[source.parent]
                label = f"见{(box.number or '').rstrip('：:')} 项目{source.ordinal}"
                related.append(Related("project", label, source.label, self.url(source.id, path)))
            elif isinstance(source, Indicator) and not (item.kind == "serves" and self.site.url(source.id) in shown):
                label = f"{'推动指标' if item.kind == 'serves' else '指标'}：{source.name}"
                related.append(Related("indicator", label, _change_text(source), self.url(source.id, path)))
                shown.add(self.site.url(source.id))
        return related

    def carriers(self, node: Node, path: str) -> list[ClauseRef]:
        """For a project: the clauses that carry it out, in plan order."""
        if node.kind != "project":
            return []
        links = sorted(self.links_from.get(node.id, []), key=lambda l: self.by_id[l.target].source.line)
        return [self._clause(l, path, editor=l.origin == "editor") for l in links]

    def statements(self, indicator: Indicator, path: str) -> list[ClauseRef]:
        """The clauses stating the indicator's figures (links of kind ``indicator``, and the
        editor's), baselines first; each says whether a figure finding puts it at odds with the
        table, and whether every such finding is reviewed."""
        rows = []
        for item in self.links_from.get(indicator.id, []):
            if item.kind == "serves":
                continue
            disagree = [f for f in self.findings_on.get(item.target, []) if indicator.id in f.nodes]
            rows.append(self._clause(item, path, role=ROLE_NAMES.get(item.role or "", "编辑"), disagrees=bool(disagree),
                                     reviewed=bool(disagree) and all(is_reviewed(self.site, f) for f in disagree)))
        return sorted(rows, key=lambda r: (r.role != "基期", r.url))

    def measures(self, indicator: Indicator, path: str) -> list[ClauseRef]:
        """The measures that serve the indicator (links of kind ``serves``), best first."""
        links = [l for l in self.links_from.get(indicator.id, []) if l.kind == "serves"]
        return [self._clause(l, path) for l in sorted(links, key=lambda l: (-l.score, self.by_id[l.target].source.line))]

    def _clause(self, link: Link, path: str, **flags) -> ClauseRef:
        target = self.by_id[link.target]
        return ClauseRef(self.url(target.id, path), self.site.citations.get(target.id, ""), link.why,
                         _excerpt(target), **flags)

    def bar(self, node: Indicator, path: str, with_statements: bool = False, group: str = "",
            group_id: str = "") -> Bar:
        """``node``'s dashboard row on the page at ``path``, with its measures (and its
        statements when ``with_statements``) and the sub-group heading shown above it."""
        statements = self.statements(node, path) if with_statements else []
        measures = self.measures(node, path)
        return bar(node, self.site.references.get(node.id, ""), statements=statements,
                   statement_count=len(statements),
                   disagreements=sum(1 for s in statements if s.disagrees and not s.reviewed),
                   measures=measures[:SHOWN], more_measures=measures[SHOWN:], measure_count=len(measures),
                   more_count=len(measures[SHOWN:]), group=group, group_id=group_id,
                   observations=[observed(node, o) for o in self.site.plan.progress if o.indicator == node.id])


def observed(indicator: Indicator, observation) -> Observed:
    """An observed value (``records.Observation``) of ``indicator`` judged (``link.progress``)."""
    judgement = judged(indicator, observation)
    unit = "%" if indicator.unit == "%" else ""
    expected = f"{number_text(judgement.expected)}{unit}" if judgement.expected is not None else ""
    return Observed(observation.year, f"{number_text(observation.value)}{unit}", expected, judgement.status,
                    STATUS_LABEL[judgement.status], observation.source)


def bar(node: Indicator, cite: str, **extra) -> Bar:
    """An indicator's dashboard row: percentages drawn on 0-100, other units on the larger of
    baseline and target; ``extra``: the row's remaining :class:`views.Bar` fields."""
    scale = 100.0 if node.unit == "%" else float(max(v for v in (node.baseline, node.target, 0) if v is not None) or 1)
    unit = node.unit or ""
    suffix = "个百分点" if unit == "%" else unit
    if node.target is None:
        change = ""
    elif node.baseline is None or node.target == node.baseline:
        change = "保持" if node.baseline is not None else ""
    else:
        delta = node.target - node.baseline
        change = f"{'+' if delta > 0 else '−'}{number_text(round(abs(delta), 4))}{suffix}"
    printed = node.target_in_words()
    if node.target is not None:
        target_label = f"{node.target_year or ''}年目标{_shown(node.target, unit)}"
    else:
        target_label = f"{node.target_year or ''}年目标{printed}" if printed else "未设目标"
    label = f"{node.baseline_year or '基期'}年{_shown(node.baseline, unit)}，" + target_label
    op = node.target_op if node.target_op not in (None, "=") else ""
    return Bar(id=node.id, name=node.name, unit=unit, binding=node.binding or "", constrained=node.binding == "约束性",
               baseline=number_text(node.baseline) if node.baseline is not None else node.baseline_text or "--",
               target=f"{op}{number_text(node.target)}" if node.target is not None else "", printed_target=printed,
               has_target=node.target is not None, change=change, baseline_width=_bar_width(node.baseline, scale),
               target_width=_bar_width(node.target, scale), label=label, cite=cite, **extra)


def _years(page: Page) -> tuple:
    """The baseline and target years of the page's first indicator, (None, None) without one."""
    return next(((n.baseline_year, n.target_year) for n in page.nodes if isinstance(n, Indicator)), (None, None))


def _excerpt(node: Node, length: int = 60) -> str:
    text = node.own_chars()
    return text if len(text) <= length else text[:length] + "…"


def _change_text(indicator: Indicator) -> str:
    unit = "%" if indicator.unit == "%" else ""
    target = (f"{number_text(indicator.target)}{unit}" if indicator.target is not None
              else indicator.target_in_words() or "未设目标")
    return f"{number_text(indicator.baseline)}{unit} → {target}"


def _bar_width(value: float | int | None, scale: float) -> int:
    if not value:
        return 0
    return max(1, round(value / scale * BAR_WIDTH))


def _shown(value: float | int | None, unit: str) -> str:
    return f"{number_text(value)}{'%' if unit == '%' else ''}"


def finding_place(diagnostic: Diagnostic) -> str:
    """Where the findings page sends the editor for ``diagnostic``: 原文第 12 页 (a PDF's printed
    page), 原文第 12 行 (a line of the text), or the file and line when it is another file the
    editor keeps (plan.yml 第 1 行, links.yml 第 3 行)."""
    if diagnostic.page:
        return f"原文第 {diagnostic.page} 页"
    name = diagnostic.path.replace("\\", "/").rsplit("/", 1)[-1]
    if name.endswith((".yml", ".yaml")):
        return f"{name} 第 {diagnostic.line} 行"
    return f"原文第 {diagnostic.line} 行"


# -- a plan with editions ------------------------------------------------------------------

def edition_notice(site: PlanPages, path: str) -> EditionNotice:
    """The notice of the page at ``path`` of a plan with editions: which edition it shows,
    the same page in the latest (its overview when the latest has no such page), and where
    the clauses a reader may arrive with went."""
    place = site.place
    latest_path = f"{place.latest_folder}{path[len(place.folder):]}"
    if latest_path not in place.latest_pages:
        latest_path = f"{place.latest_folder}/index.html"
    moved = place.elsewhere.get(path, {})
    return EditionNotice(place.label, place.folder != site.plan.meta.slug, place.latest_label,
                         relative(path, latest_path), relative(path, place.changes),
                         [Moved(node_id, relative(path, url) if url else "") for node_id, url in sorted(moved.items())])


def changes_view(site: PlanPages, data: dict, site_url: str = "") -> PageView:
    """``<slug>/changes.html`` from the changes data (``render.editions.changes_data``);
    ``site``: the plan's pages (the latest edition)."""
    meta = site.plan.meta
    path = site.place.changes
    view = PlanView(site, [], site_url)
    crumbs = [Crumb("首页", relative(path, "index.html")), Crumb(meta.title, relative(path, site.overview.path))]
    page_head = head(path, f"修订对照 - {meta.title}", f"《{meta.title}》各版本之间新增、删除、移动和修改的条款与指标",
                     crumbs, site_url, relative(path, plan_search_page(meta.slug)))
    editions = [EditionEntry(e["label"], relative(path, e["url"]), e["doc_number"] or "", e["note"] or "")
                for e in data["editions"]]
    labels = {e["date"]: e["label"] for e in data["editions"]}
    pairs = [ChangePair(f"changes-{p['from']}-{p['to']}", labels[p["from"]], labels[p["to"]],
                        [_change_row(c, path) for c in p["clauses"]], [_figure_row(f, path) for f in p["figures"]],
                        len(p["clauses"]), len(p["figures"])) for p in data["changes"]]
    return PageView("changes.html", replace(page_head, edition=edition_notice(site, path)),
                    ChangesBody(view.links(path), editions, pairs))


def _change_row(change: dict, path: str) -> ChangeRow:
    before, after = change["before"] or {}, change["after"] or {}
    numbers = (before.get("number") or "", after.get("number") or "")
    number = f"{numbers[0]} → {numbers[1]}" if before and after and numbers[0] != numbers[1] else ""
    return ChangeRow(change["id"], change["change"], CHANGE_LABEL[change["change"]],
                     before.get("citation", ""), relative(path, before["url"]) if before else "",
                     after.get("citation", ""), relative(path, after["url"]) if after else "", number,
                     [Mark(op, text) for op, text in change["marks"]],
                     "" if change["marks"] else (after or before).get("text", ""))


def _figure_row(figure: dict, path: str) -> FigureRow:
    def shown(value, text) -> str:
        return text if text and value is None else number_text(value)

    return FigureRow(figure["id"], figure["name"], figure["label"], shown(figure["before"], figure["before_text"]),
                     shown(figure["after"], figure["after_text"]), relative(path, figure["before_url"]),
                     relative(path, figure["after_url"]))
