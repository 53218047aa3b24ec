"""Stage 5b, render: pages to HTML with Jinja2 (autoescaped: plan text is data).

Templates only loop and test flags: every URL, heading level, label, citation and
bar width is computed here into small view objects.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from .diagnostics import Diagnostic
from .pages import Page, PlanPages, ancestors, on_indicator_page, paragraph_number
from .paths import href
from .records import Indicator, Node
from .serves import SHOWN
from .siteconfig import SiteConfig
from .catalog import LEVELS, plan_level, plan_period, shared_indicators
from .catalog_search import plan_year
from .stages import catalog_stages

SITE_NAME = "规划通"
NOTICE_ROLES = ("notice_title", "doc_number", "addressees", "notice_text")  # a 通知 printed before the plan
BAR_WIDTH = 150
FINDING_LABEL = {
    "latin-word": "中文正文中的英文单词", "traditional-character": "简体文本中的繁体字",
    "doubled-character": "疑似重复输入的字", "toc-mismatch": "目录与正文标题不一致",
    "toc-missing": "目录列出而正文缺少", "toc-absent": "正文有而目录未列", "numbering-gap": "编号缺漏",
    "numbering-repeat": "编号重复或倒退", "numbering-duplicate": "编号重复", "unfinished-paragraph": "段落未以句末标点结束",
    "meta-mismatch": "元数据与正文不一致", "encoding-gb18030": "文件编码不是 UTF-8", "table-row": "无法读取的指标行",
    "table-header": "指标表缺少表头",
}


@dataclass
class Block:
    """One node as a page shows it."""

    id: str
    kind: str
    level: int = 0
    number: str = ""
    title: str = ""
    heading: str = ""
    lead: str = ""
    rest: str = ""
    note: str = ""
    cite: str = ""  # the full citation the copy control copies
    url: str = ""
    paragraph: str = ""  # "2" for the second paragraph of its division, shown on the page
    flags: list[dict] = field(default_factory=list)  # figures here the plan states otherwise (unreviewed findings)
    children: list["Block"] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)  # a printed table's cells (the first row a header if ``header``)
    header: bool = False
    related: list[dict] = field(default_factory=list)  # projects and indicators this clause serves
    carriers: list[dict] = field(default_factory=list)  # for a project: the clauses that carry it out


@dataclass
class Bar:
    """An indicator row of the dashboard, with its inline SVG bar drawn to scale."""

    id: str
    name: str
    unit: str
    binding: str
    constrained: bool
    baseline: str
    target: str
    has_target: bool
    change: str
    baseline_width: int
    target_width: int
    label: str
    cite: str
    printed_target: str = ""  # a target the table prints as words (较“十二五”下降30%以上), shown as printed
    group: str = ""
    group_id: str = ""
    statements: list[dict] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)  # clauses that serve the indicator (kind serves)
    disagreements: int = 0  # statements whose figure the table contradicts, not yet reviewed


@dataclass
class TocEntryView:
    title: str
    url: str
    current: bool = False
    page: str = ""
    children: list["TocEntryView"] = field(default_factory=list)
    part: str = ""  # the part (第X篇) this chapter opens, shown above it


def environment(templates: Path) -> Environment:
    return Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


def relative(from_page: str, to: str) -> str:
    """A link from one site page to another site path, relative so the site works anywhere."""
    path, _, anchor = to.partition("#")
    return _relative_href(from_page, path, anchor)


@lru_cache(maxsize=2**16)
def _relative_href(from_page: str, path: str, anchor: str) -> str:
    """As ``posixpath.relpath`` from the page's folder (which asks the operating system for the
    working folder on every call), computed on the path's segments; cached, as a page links
    to the same few pages many times."""
    if not path:
        return href(posixpath.basename(from_page), anchor)
    base, target = from_page.split("/")[:-1], path.split("/")
    if any(part in ("", ".", "..") for part in (*base, *target)):
        return href(posixpath.relpath(path, posixpath.dirname(from_page) or "."), anchor)
    common = 0
    while common < min(len(base), len(target)) and base[common] == target[common]:
        common += 1
    return href("/".join([".."] * (len(base) - common) + target[common:]) or ".", anchor)


def number_text(value: float | int | None) -> str:
    if value is None:
        return "--"
    return f"{value:g}" if isinstance(value, float) else str(value)


class Renderer:
    """Renders the pages of every plan, plus the site-wide pages."""

    def __init__(self, env: Environment, sites: list[PlanPages], findings: dict[str, list[Diagnostic]],
                 config: SiteConfig = SiteConfig()):
        self.env = env
        self.site_url = config.site_url
        self.sites = sites
        # the search box's examples on site-wide pages: each genre's first, in catalog order
        self.examples = tuple(dict.fromkeys(site.plan.genre.search_examples[0] for site in sites
                                            if site.plan.genre.search_examples))
        self.findings = findings
        self.indexes = {site.plan.meta.slug: site.plan.index() for site in sites}
        # cross-references keyed by (plan slug, node id): every plan has a chp_5__sec_1
        self.links_to: dict[tuple[str, str], list] = {}
        self.links_from: dict[tuple[str, str], list] = {}
        self.flagged: dict[tuple[str, str], list] = {}
        for site in sites:
            slug = site.plan.meta.slug
            for item in site.plan.links:
                self.links_to.setdefault((slug, item.target), []).append(item)
                self.links_from.setdefault((slug, item.source), []).append(item)
            for finding in site.plan.findings:
                for node_id in finding.nodes:
                    self.flagged.setdefault((slug, node_id), []).append(finding)

    def files(self) -> dict[str, bytes]:
        files = self.site_files()
        for site in self.sites:
            files.update(self.plan_files(site))
        return dict(sorted(files.items()))

    def site_files(self) -> dict[str, bytes]:
        """The pages of the whole site (home, about, 404, search; the sitemap with ``site_url``)."""
        files = {"index.html": self._home(), "about.html": self._about(), "404.html": self._not_found(),
                 "search.html": self._search()}
        if self._comparable():
            files["indicators.html"] = self._shared_indicators()
        if self.site_url:
            paths = [*files, *(path for site in self.sites for path in self.plan_paths(site))]
            files["sitemap.xml"] = self._sitemap(sorted(path for path in paths if path != "404.html"))
        return files

    @staticmethod
    def plan_paths(site: PlanPages) -> list[str]:
        return [*(page.path for page in site.all()), f"{site.plan.meta.slug}/search.html"]

    def plan_files(self, site: PlanPages) -> dict[str, bytes]:
        """The pages of one plan (they depend on no other plan): its pages and its search page."""
        files = {page.path: self._plan_page(site, page) for page in site.all()}
        files[f"{site.plan.meta.slug}/search.html"] = self._plan_search(site)
        return files

    def _sitemap(self, paths: list[str]) -> bytes:
        """Absolute page URLs (the sitemap protocol allows no other): only with ``site_url``."""
        urls = [self.site_url + path for path in paths]
        return self.env.get_template("sitemap.xml").render(urls=urls).encode("utf-8")

    def _search(self) -> bytes:
        """The catalog search: every plan, loading only the parts of the index a query needs
        (``search/catalog.js`` first); filters by plan, issuer and year."""
        several = len(self.sites) > 1
        chapters = [(f"{site.plan.meta.title}：" if several else "") + f"{c.number} {c.title or ''}".strip()
                    for site in self.sites for c in site.plan.by_kind("chapter")]
        metas = [site.plan.meta for site in self.sites]
        return self._render("search.html", "search.html", f"搜索 - {SITE_NAME}", "按主题词查找规划条款",
                            crumbs=[{"title": "首页", "url": "index.html"}], chapters=chapters,
                            stages=[s.name for s in catalog_stages([site.plan for site in self.sites])],
                            data_script="search/catalog.js",
                            plans=[{"slug": m.slug, "title": m.title} for m in metas] if several else [],
                            issuers=sorted({m.issuer for m in metas}) if several else [],
                            years=sorted({plan_year(m.date) for m in metas} - {""}) if several else [])

    def _plan_search(self, site: PlanPages) -> bytes:
        """A plan's own search page: that plan's data only (``search/plan-<slug>.js``)."""
        slug = site.plan.meta.slug
        path = f"{slug}/search.html"
        chapters = [f"{c.number} {c.title or ''}".strip() for c in site.plan.by_kind("chapter")]
        crumbs = [{"title": "首页", "url": relative(path, "index.html")},
                  {"title": site.plan.meta.title, "url": relative(path, site.overview.path)}]
        return self._render("search.html", path, f"搜索：{site.plan.meta.title} - {SITE_NAME}",
                            f"在《{site.plan.meta.title}》中查找条款", crumbs=crumbs, chapters=chapters,
                            stages=[s.name for s in catalog_stages([site.plan])],
                            data_script=f"search/plan-{slug}.js", plans=[], issuers=[], years=[],
                            search_url="search.html", plan_title=site.plan.meta.title,
                            examples=site.plan.genre.search_examples)

    # -- shared ---------------------------------------------------------------------

    def _render(self, template: str, path: str, title: str, description: str, **context) -> bytes:
        """A page; ``root`` is the way back to the site root: relative, or, for the 404 page
        (served at any depth) with ``site_url`` set, the absolute address."""
        root = relative(path, "index.html").removesuffix("index.html")
        if path == "404.html" and self.site_url:
            root = self.site_url
        canonical = self.site_url + path if self.site_url and path != "404.html" else ""
        context.setdefault("print_source", "")
        context.setdefault("search_url", f"{root}search.html")
        context.setdefault("examples", self.examples)
        html = self.env.get_template(template).render(
            root=root, title=title, description=description, site_name=SITE_NAME,
            canonical=canonical, **context)
        return html.encode("utf-8")

    def _summary(self, site: PlanPages) -> dict:
        plan = site.plan
        return {
            "chapters": len(plan.by_kind("chapter")), "measures": len(plan.by_kind("measure")),
            "indicators": len(plan.by_kind("indicator")), "projects": len(plan.by_kind("project")),
            "targets": len(plan.by_kind("target")), "boxes": len(plan.by_kind("box")),
        }

    def _toc(self, site: PlanPages, from_path: str, expand: Page | None = None, with_items: bool = False):
        entries = []
        by_id = site.plan.index()
        opened: set[str] = set()
        for page in site.chapters:
            parent = by_id.get(page.chapter.parent or "")
            part = heading(parent) if parent is not None and parent.kind == "part" and parent.id not in opened else ""
            opened.add(parent.id if parent is not None else "")
            entry = TocEntryView(page.title, relative(from_path, page.path), current=page is expand,
                                 page=_page_note(page.chapter), part=part)
            if page is expand or expand is None:
                entry.children = self._toc_children(page, from_path, with_items)
            entries.append(entry)
        return entries

    @staticmethod
    def _toc_children(page: Page, from_path: str, with_items: bool) -> list[TocEntryView]:
        """Sections of a chapter, each with its top-level points when ``with_items``."""
        children: list[TocEntryView] = []
        for node in page.nodes:
            view = TocEntryView(heading(node), relative(from_path, node.url), page=_page_note(node))
            if node.kind == "section":
                children.append(view)
            elif with_items and node.kind == "item" and getattr(node, "depth", 1) == 1:
                if children and node.parent != page.chapter.id:
                    children[-1].children.append(view)
                else:
                    children.append(view)
        return children

    def _plan_links(self, site: PlanPages, path: str) -> dict:
        return {
            "overview_url": relative(path, site.overview.path),
            "indicators_url": relative(path, site.indicators.path) if site.indicators else None,
            "boxes_url": relative(path, site.boxes.path) if site.boxes else None,
            "findings_url": relative(path, site.findings.path),
            "data_url": relative(path, f"data/{site.plan.meta.slug}.json"),
            "csv_url": relative(path, f"data/{site.plan.meta.slug}-indicators.csv") if site.indicators else None,
            "stages": [{"title": p.title, "url": relative(path, p.path), "count": len(p.nodes)} for p in site.stages],
            "plan_title": site.plan.meta.title,
        }

    # -- site pages -----------------------------------------------------------------

    def _home(self) -> bytes:
        """Every plan with its issuer, level, sector, period and date (filterable with JS)."""
        plans = []
        for site in self.sites:
            meta = site.plan.meta
            level = plan_level(meta)
            plans.append({"title": meta.title, "doc_number": meta.doc_number, "issuer": meta.issuer,
                          "date": meta.date, "url": relative("index.html", site.overview.path),
                          "level": level, "level_name": LEVELS.get(level, ""), "sector": site.plan.genre.title,
                          "period": plan_period(meta),
                          "summary": self._summary(site), "toc": self._toc(site, "index.html"),
                          **self._plan_links(site, "index.html")})
        facets = {key: sorted({p[key] for p in plans if p[key]}) for key in ("level_name", "sector", "issuer", "period")}
        return self._render("index.html", "index.html", SITE_NAME, "政策规划原文、条款引用、发展指标与检索",
                            plans=plans, facets=facets, compare_url="indicators.html" if self._comparable() else "",
                            crumbs=[])

    def _comparable(self) -> bool:
        """Whether the catalog has an indicator page: two plans or more print indicator tables."""
        return sum(1 for site in self.sites if site.indicators) >= 2

    def _shared_indicators(self) -> bytes:
        """``indicators.html``: the indicators two plans or more share, side by side."""
        synonyms = sorted({words for site in self.sites for words in site.plan.genre.indicator_synonyms})
        plans = [(site.plan.by_kind("indicator"), site.indicators.path if site.indicators else "") for site in self.sites]
        groups = []
        for name, rows in shared_indicators(plans, synonyms):
            groups.append({"name": name, "rows": [
                {"plan": self.sites[r.plan].plan.meta.title, "name": r.row.name, "unit": r.row.unit or "",
                 "baseline": _value(r.row.baseline, r.row.baseline_text), "baseline_year": r.row.baseline_year or "",
                 "target": _value(r.row.target, r.row.target_text, r.row.target_op), "target_year": r.row.target_year or "",
                 "url": relative("indicators.html", r.path) + "#" + r.row.id} for r in rows]})
        return self._render("catalog_indicators.html", "indicators.html", f"各规划的共同指标 - {SITE_NAME}",
                            "不同规划中的同一指标：基期与目标并列", groups=groups, plan_count=len(self.sites),
                            crumbs=[{"title": "首页", "url": "index.html"}])

    def _about(self) -> bytes:
        sources = [{"title": s.plan.meta.title, "doc_number": s.plan.meta.doc_number, "issuer": s.plan.meta.issuer,
                    "publisher": s.plan.meta.publisher or "", "date": s.plan.meta.date,
                    "source": f"content/{s.plan.meta.slug}/{s.plan.meta.source}",
                    "data_url": href(f"data/{s.plan.meta.slug}.json"),
                    "csv_url": href(f"data/{s.plan.meta.slug}-indicators.csv")} for s in self.sites]
        return self._render("about.html", "about.html", "关于本站", "规划文本来源、重建方法与开放数据说明",
                            sources=sources, crumbs=[{"title": "首页", "url": "index.html"}])

    def _not_found(self) -> bytes:
        return self._render("404.html", "404.html", "页面不存在", "找不到该页面", crumbs=[])

    # -- plan pages -----------------------------------------------------------------

    def _plan_page(self, site: PlanPages, page: Page) -> bytes:
        path = page.path
        links = self._plan_links(site, path)
        crumbs = [{"title": "首页", "url": relative(path, "index.html")}]
        if page is not site.overview:
            crumbs.append({"title": site.plan.meta.title, "url": links["overview_url"]})
        meta = site.plan.meta
        source = f"《{meta.title}》" + (f"（{meta.doc_number}）" if meta.doc_number else "")
        common = {"crumbs": crumbs, "page_title": page.title, "links": links, "print_source": source,
                  "search_url": relative(path, f"{meta.slug}/search.html"),
                  "examples": site.plan.genre.search_examples, **links}
        if page.kind == "overview":
            return self._overview(site, page, common)
        if page.kind == "chapter":
            return self._chapter(site, page, common)
        if page.kind == "indicators":
            return self._indicators(site, page, common)
        if page.kind == "boxes":
            return self._boxes(site, page, common)
        if page.kind == "stage":
            return self._stage(site, page, common)
        return self._findings(site, page, common)

    def _overview(self, site: PlanPages, page: Page, common: dict) -> bytes:
        fronts = [Block(n.id, n.kind, number=getattr(n, "role", ""), rest=n.text or "") for n in page.nodes
                  if n.kind == "front"]
        preamble = [self._block(site, n, page.path) for n in page.nodes if n.kind == "measure"]
        meta = site.plan.meta
        notice = any(f.number in NOTICE_ROLES for f in fronts)
        printed_pages = any(e.page for e in site.plan.toc)
        return self._render("overview.html", page.path, meta.title,
                            f"{meta.issuer}《{meta.title}》（{meta.doc_number}）全文、目录与指标",
                            fronts=fronts, front_heading="印发通知" if notice else "标题",
                            printed_pages=printed_pages, preamble=preamble, summary=self._summary(site),
                            toc=self._toc(site, page.path, with_items=False), meta=meta, **common)

    def _chapter(self, site: PlanPages, page: Page, common: dict) -> bytes:
        blocks: list[Block] = []
        current_box: Block | None = None
        for node in page.nodes:
            if node is page.chapter:
                continue
            block = self._block(site, node, page.path)
            if node.kind in ("project", "box_continuation", "table", "table_group") and current_box is not None \
                    and node.parent == current_box.id:
                current_box.children.append(block)
                continue
            current_box = block if node.kind == "box" else None
            blocks.append(block)
        chapter = page.chapter
        neighbours = {
            "previous": {"title": page.previous.title, "url": relative(page.path, page.previous.path)}
            if page.previous else None,
            "next": {"title": page.next.title, "url": relative(page.path, page.next.path)} if page.next else None,
        }
        return self._render(
            "chapter.html", page.path, f"{page.title} - {site.plan.meta.title}",
            f"《{site.plan.meta.title}》{page.title}全文，逐段可引用",
            chapter=self._block(site, chapter, page.path), blocks=blocks,
            toc=self._toc(site, page.path, expand=page, with_items=True), **neighbours, **common)

    def _block(self, site: PlanPages, node: Node, path: str) -> Block:
        by_id = self.indexes[site.plan.meta.slug]
        depth = sum(1 for a in ancestors(node, by_id) if a.kind in ("chapter", "section", "item", "box"))
        lead = getattr(node, "lead", None) or ""
        text = node.text or ""
        if node.kind == "table" and site.indicators is not None and on_indicator_page(node, by_id):
            return Block(node.id, "table_ref", title=node.title or "发展指标", url=relative(path, node.url))
        if node.kind == "table":
            return Block(node.id, "table", title=node.title or "", rows=node.rows or [[node.text or ""]],
                         header=node.header, cite=site.references.get(node.id, ""), url=relative(path, node.url))
        return Block(
            id=node.id, kind=node.kind, level=min(6, depth + 1), number=node.number or "",
            title=node.title or "", heading=heading(node), lead=lead, rest=text[len(lead):] if lead else text,
            note=_page_note(node), cite=site.references.get(node.id, ""), url=relative(path, node.url),
            paragraph=paragraph_number(node), flags=self._flags(site, node, path),
            related=self._related(node, path, by_id, site),
            carriers=self._carriers(node, path, by_id, site),
        )

    def _flags(self, site: PlanPages, node: Node, path: str) -> list[dict]:
        """A figure the plan states two ways, flagged where it stands (an indicator: 指标表 2025年
        88%，正文 ≥95%), linking to the finding on the findings page."""
        findings = [f for f in self.flagged.get((site.plan.meta.slug, node.id), []) if not f.reviewed]
        return [{"message": f.message, "url": relative(path, f"{site.findings.path}#{f.id.replace(':', '-')}")}
                for f in findings if node.kind != "indicator"]

    def _related(self, node: Node, path: str, by_id: dict, site: PlanPages) -> list[dict]:
        """What a clause serves: 专栏 projects (见专栏2 项目3) and indicators (name, baseline → target)."""
        related, shown = [], set()
        order = {"project": 0, "indicator": 1, "serves": 2}
        for item in sorted(self.links_to.get((site.plan.meta.slug, node.id), []), key=lambda l: (order.get(l.kind, 3), l.source)):
            source = by_id.get(item.source)
            if source is None:
                continue
            if source.kind == "project":
                box = by_id[source.parent]
                label = f"见{(box.number or '').rstrip('：:')} 项目{source.ordinal}"
                related.append({"kind": "project", "label": label, "title": source.label,
                                "url": relative(path, source.url)})
            elif isinstance(source, Indicator) and not (item.kind == "serves" and source.url in shown):
                related.append({"kind": "indicator", "label": f"{'推动指标' if item.kind == 'serves' else '指标'}：{source.name}",
                                "title": _change_text(source), "url": relative(path, source.url)})
                shown.add(source.url)
        return related

    def _carriers(self, node: Node, path: str, by_id: dict, site: PlanPages) -> list[dict]:
        if node.kind != "project":
            return []
        carriers = []
        for item in sorted(self.links_from.get((site.plan.meta.slug, node.id), []), key=lambda l: by_id[l.target].source.line):
            target = by_id[item.target]
            carriers.append({"url": relative(path, target.url), "cite": site.citations.get(target.id, ""),
                             "excerpt": _excerpt(target), "why": item.why, "editor": item.origin == "editor"})
        return carriers

    def _indicators(self, site: PlanPages, page: Page, common: dict) -> bytes:
        groups: list[dict] = []
        table_ids = [n.id for n in page.nodes if n.kind == "table" and getattr(n, "part", 1) == 1]
        captions = [n.title for n in page.nodes if n.kind == "table" and n.title]
        group_of = {}
        for node in page.nodes:
            if node.kind == "table_group":
                group_of[node.text] = node.id
        for node in page.nodes:
            if not isinstance(node, Indicator):
                continue
            if not groups or groups[-1]["stage"] != node.stage:
                groups.append({"stage": node.stage, "id": f"stage-{len(groups) + 1}", "rows": [], "substage": None})
            bar = _bar(node, site.references.get(node.id, ""))
            bar.statements = self._statements(site, node, page.path)
            bar.measures = self._measures(site, node, page.path)
            bar.disagreements = sum(1 for st in bar.statements if st["disagrees"] and not st["reviewed"])
            group = groups[-1]
            if node.substage and node.substage != group["substage"]:
                bar.group, bar.group_id = node.substage, group_of.get(node.substage, "")
            group["substage"] = node.substage
            group["rows"].append(bar)
        years = next(((n.baseline_year, n.target_year) for n in page.nodes if isinstance(n, Indicator)), (None, None))
        return self._render("indicators.html", page.path, f"发展指标 - {site.plan.meta.title}",
                            f"《{site.plan.meta.title}》{len(page.nodes)}项发展指标：基期与目标一览",
                            groups=groups, table_id=table_ids[0] if table_ids else "", caption=captions[0] if captions else "",
                            baseline_year=years[0] or "", target_year=years[1] or "", shown=SHOWN, **common)

    def _statements(self, site: PlanPages, indicator: Indicator, path: str) -> list[dict]:
        by_id = self.indexes[site.plan.meta.slug]
        rows = []
        for item in self.links_from.get((site.plan.meta.slug, indicator.id), []):
            if item.kind == "serves":
                continue
            target = by_id[item.target]
            disagree = [f for f in self.flagged.get((site.plan.meta.slug, target.id), []) if indicator.id in f.nodes]
            rows.append({"url": relative(path, target.url), "cite": site.citations.get(target.id, ""),
                         "role": {"baseline": "基期", "target": "目标", "direction": "方向"}.get(item.role or "", "编辑"),
                         "why": item.why, "excerpt": _excerpt(target),
                         "disagrees": bool(disagree), "reviewed": all(f.reviewed for f in disagree) if disagree else False})
        return sorted(rows, key=lambda r: (r["role"] != "基期", r["url"]))

    def _measures(self, site: PlanPages, indicator: Indicator, path: str) -> list[dict]:
        """The measures that serve the indicator (links of kind ``serves``), in plan order."""
        by_id = self.indexes[site.plan.meta.slug]
        links = [l for l in self.links_from.get((site.plan.meta.slug, indicator.id), []) if l.kind == "serves"]
        return [{"url": relative(path, by_id[l.target].url), "cite": site.citations.get(l.target, ""),
                 "why": l.why, "excerpt": _excerpt(by_id[l.target])}
                for l in sorted(links, key=lambda l: (-l.score, by_id[l.target].source.line))]

    def _boxes(self, site: PlanPages, page: Page, common: dict) -> bytes:
        boxes: list[Block] = []
        for node in page.nodes:
            block = self._block(site, node, page.path)
            block.url = relative(page.path, node.url)
            if node.kind == "box":
                boxes.append(block)
            else:
                boxes[-1].children.append(block)
        return self._render("boxes.html", page.path, f"专栏重点项目 - {site.plan.meta.title}",
                            f"《{site.plan.meta.title}》全部专栏重点项目", boxes=boxes, **common)

    def _stage(self, site: PlanPages, page: Page, common: dict) -> bytes:
        by_id = self.indexes[site.plan.meta.slug]
        indicators = [_bar(n, site.references.get(n.id, "")) for n in page.nodes if isinstance(n, Indicator)]
        for bar in indicators:
            bar.measures = self._measures(site, by_id[bar.id], page.path)
        projects = [self._listed(site, n, page.path, by_id) for n in page.nodes if n.kind == "project"]
        chapters: list[dict] = []
        for node in page.nodes:
            if node.kind not in ("measure", "item"):
                continue
            chain = ancestors(node, by_id)
            top = chain[0] if chain else None
            if top is None or top.kind != "chapter":
                continue
            if not chapters or chapters[-1]["id"] != top.id:
                chapters.append({"id": top.id, "title": f"{top.number} {top.title or ''}",
                                 "url": relative(page.path, top.url), "entries": [], "review": top.review})
            chapters[-1]["entries"].append(self._listed(site, node, page.path, by_id))
        stage = page.stage
        years = next(((n.baseline_year, n.target_year) for n in page.nodes if isinstance(n, Indicator)), (None, None))
        return self._render("stage.html", page.path, f"{stage.name} - {site.plan.meta.title}",
                            f"《{site.plan.meta.title}》中关于{stage.name}的全部措施、指标与项目",
                            stage=stage, indicators=indicators, projects=projects,
                            chapters=[c for c in chapters if not c["review"]],
                            reviews=[c for c in chapters if c["review"]],
                            baseline_year=years[0] or "", target_year=years[1] or "",
                            terms="、".join(stage.terms), shown=SHOWN, **common)

    def _listed(self, site: PlanPages, node: Node, path: str, by_id: dict) -> Block:
        """A node shown away from its chapter: its text plus where it sits."""
        block = self._block(site, node, path)
        chain = [a for a in ancestors(node, by_id) if a.kind in ("section", "item", "box")]
        block.note = " › ".join(f"{a.number or ''}{a.title or ''}" for a in chain)
        return block

    def _findings(self, site: PlanPages, page: Page, common: dict) -> bytes:
        plan = site.plan
        items = []
        for diagnostic in sorted(self.findings.get(plan.meta.slug, []), key=lambda d: (d.code, d.line)):
            node = plan.node_at_line(diagnostic.line) if diagnostic.path == plan.source_path else None
            items.append({"code": diagnostic.code, "label": FINDING_LABEL.get(diagnostic.code, diagnostic.code),
                          "message": diagnostic.message, "excerpt": diagnostic.excerpt, "line": diagnostic.line,
                          "severity": "错误" if diagnostic.severity == "error" else "提示",
                          "url": relative(page.path, node.url) if node else "",
                          "cite": site.citations.get(node.id, "") if node else ""})
        groups: list[dict] = []
        for item in items:
            if not groups or groups[-1]["code"] != item["code"]:
                groups.append({"code": item["code"], "label": item["label"], "entries": []})
            groups[-1]["entries"].append(item)
        by_id = self.indexes[plan.meta.slug]
        figures = []
        for finding in plan.findings:
            sides = [{"url": relative(page.path, by_id[n].url), "cite": site.citations.get(n, ""), "text": text}
                     for n, text in finding.quotes if n in by_id]
            figures.append({"id": finding.id, "kind": finding.kind, "message": finding.message, "sides": sides,
                            "reviewed": finding.reviewed, "comment": finding.comment})
        return self._render("findings.html", page.path, f"规划自查报告 - {plan.meta.title}",
                            f"构建时在《{plan.meta.title}》文本中发现的问题", groups=groups, total=len(items),
                            figures=figures, source=plan.source_path, **common)


def heading(node: Node) -> str:
    """Number and title as printed: 第一节 实现…, 一、…, 专栏2：基础教育…"""
    number, title = node.number or "", node.title or ""
    joiner = "" if not number or number[-1] in "、）)：:.．是" else " "
    return f"{number}{joiner}{title}".strip()


def _excerpt(node: Node, length: int = 60) -> str:
    text = node.own_chars()
    return text if len(text) <= length else text[:length] + "…"


def _change_text(indicator: Indicator) -> str:
    unit = "%" if indicator.unit == "%" else ""
    target = "未设目标" if indicator.target is None else f"{number_text(indicator.target)}{unit}"
    return f"{number_text(indicator.baseline)}{unit} → {target}"


def _page_note(node: Node | None) -> str:
    page = getattr(node, "page", None)
    return f"印刷版第{page}页" if page else ""


def _bar(node: Indicator, cite: str) -> Bar:
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
    label = (f"{node.baseline_year or '基期'}年{_shown(node.baseline, unit)}，"
             + (f"{node.target_year or ''}年目标{_shown(node.target, unit)}" if node.target is not None else "未设目标"))
    op = node.target_op if node.target_op not in (None, "=") else ""
    printed = node.target_text if node.target is None and node.target_text and node.target_change else ""
    return Bar(id=node.id, name=node.name, unit=unit, binding=node.binding or "", constrained=node.binding == "约束性",
               baseline=number_text(node.baseline) if node.baseline is not None else node.baseline_text or "--",
               target=f"{op}{number_text(node.target)}" if node.target is not None else "", printed_target=printed,
               has_target=node.target is not None, change=change, baseline_width=_bar_width(node.baseline, scale),
               target_width=_bar_width(node.target, scale), label=label, cite=cite)


def _value(value: float | int | None, printed: str | None, op: str | None = None) -> str:
    """A cell as the comparison shows it: the number (with its ≥, ≤… sign), else as printed, else --."""
    if value is not None:
        return f"{op if op not in (None, '=') else ''}{number_text(value)}"
    return printed or "--"


def _bar_width(value: float | int | None, scale: float) -> int:
    if not value:
        return 0
    return max(1, round(value / scale * BAR_WIDTH))


def _shown(value: float | int | None, unit: str) -> str:
    return f"{number_text(value)}{'%' if unit == '%' else ''}"


def render_site(env: Environment, sites: list[PlanPages], findings: dict[str, list[Diagnostic]],
                config: SiteConfig = SiteConfig()) -> dict[str, bytes]:
    return Renderer(env, sites, findings, config).files()

