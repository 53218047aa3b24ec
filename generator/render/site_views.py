"""The view models of the pages that span plans (``views.py`` for the types): the home page,
about, 404, the catalog search, the shared indicators (with two plans or more printing
indicator tables) and the sitemap's addresses."""
from __future__ import annotations

import base64
import hashlib
from functools import cached_property

from markupsafe import Markup

from generator.render.catalog import LEVELS, ProseRow, plan_level, plan_period, shared_indicators
from generator.render.catalog import SharedRow as SharedIndicatorRow
from generator.link.progress import STATUS_LABEL, judged
from generator.render.predecessor import RULE as PREDECESSOR_RULE
from generator.render.predecessor import VERDICTS, continued, reported_in_review
from generator.structure.records import Indicator, Target
from generator.search.catalog import plan_year
from generator.paginate.pages import PlanPages
from generator.structure.paths import href, indicators_csv_path, plan_data_path
from generator.render.plan_views import PlanView
from generator.paginate.stages import catalog_stages
from generator.render.views import (SITE_NAME, AboutBody, Crumb, Facet, HomeBody, NotFoundBody, PageView, PlanCard, PlanOption,
                    PredecessorBody, PredecessorRow, SearchBody, SharedGroup, StageOption, SharedIndicatorsBody, SharedRow, Source, head, number_text, relative)

# where predecessor.html's result was read (render.predecessor.Continued.source), and a bound's words
RESULT_SOURCE = {"table": "本规划指标表{year}年值", "review": "本规划回顾章节所述", "": ""}
RESULT_BOUND = {"≥": "以上", ">": "以上", "≤": "以下", "<": "以下"}
FACETS = (("level_name", "层级"), ("sector", "领域"), ("issuer", "发布机关"), ("period", "时期"))


class SiteView:
    """Builds the view models of the site-wide pages from every plan's ``PlanPages``."""

    def __init__(self, sites: list[PlanPages], site_url: str = "", style: str = "", root_script: str = ""):
        self.sites = sites
        self.site_url = site_url
        self.style = style  # the site's style sheet (static/style.css), inline on the 404 page
        self.root_script = root_script  # static/not-found.js, inline on the 404 page without site_url
        # the search box's examples on site-wide pages: each genre's first, in catalog order
        self.examples = tuple(dict.fromkeys(site.plan.genre.search_examples[0] for site in sites
                                            if site.plan.genre.search_examples))

    def pages(self) -> list[PageView]:
        """Home, about, 404 and search, then ``indicators.html`` when plans are comparable,
        then ``<slug>/predecessor.html`` of each plan naming a predecessor of the catalog."""
        pages = [self.home(), self.about(), self.not_found(), self.search()]
        pages += [self.shared_indicators()] if self.comparable() else []
        by_slug = {site.plan.meta.slug: site for site in self.sites}
        return pages + [self.predecessor(site, by_slug[site.plan.meta.predecessor]) for site in self.sites
                        if site.plan.meta.predecessor in by_slug]

    def predecessor(self, site: PlanPages, before: PlanPages) -> PageView:
        """``<slug>/predecessor.html``: the predecessor's indicators, each with this plan's result
        for its target year and whether it was reached (``render.predecessor``)."""
        meta = site.plan.meta
        path = f"{meta.slug}/predecessor.html"
        synonyms = [*site.plan.genre.indicator_synonyms, *before.plan.genre.indicator_synonyms]
        rows = [self._continued(c, path, site, before) for c in continued(
            [n for n in before.plan.nodes if isinstance(n, Indicator)],
            [n for n in site.plan.nodes if isinstance(n, Indicator)], synonyms,
            reported_in_review(site.plan, before.plan))]
        crumbs = [Crumb("首页", relative(path, "index.html")), Crumb(meta.title, relative(path, site.overview.path))]
        page_head = head(path, f"前一规划目标完成情况 - {meta.title}",
                         f"《{before.plan.meta.title}》的指标目标与《{meta.title}》报告的完成情况", crumbs, self.site_url,
                         example=self.examples[0] if self.examples else "")
        count = {v: sum(1 for r in rows if r.verdict == v) for v in ("reached", "missed", "")}
        return PageView("predecessor.html", page_head, PredecessorBody(
            meta.title, relative(path, site.overview.path), before.plan.meta.title,
            relative(path, before.overview.path), PREDECESSOR_RULE, rows, count["reached"], count["missed"], count[""]))

    @staticmethod
    def _continued(item, path: str, site: PlanPages, before: PlanPages) -> PredecessorRow:
        old, new = item.before, item.after
        unit = "%" if old.unit == "%" else ""
        stating = [s.node.id for s in item.statements]
        if item.source == "table":  # the sentences giving this plan's indicator its baseline too
            stating += [link.target for link in site.plan.links if link.source == new.id
                        and link.kind == "indicator" and link.role == "baseline"]
        statements = [Crumb(site.citations.get(node, ""), relative(path, site.url(node))) for node in dict.fromkeys(stating)]
        result = ""
        if item.result is not None:
            result = f"{number_text(item.result)}{unit}{RESULT_BOUND.get(item.result_op, '')}"
        return PredecessorRow(old.name, old.unit or "", f"{old.target_text or number_text(old.target)}{unit}",
                              str(old.target_year or ""), relative(path, before.url(old.id)),
                              new.name if new else "", relative(path, site.url(new.id)) if new else "",
                              result, item.verdict, VERDICTS[item.verdict], item.why, statements,
                              RESULT_SOURCE[item.source].format(year=old.target_year or ""), old.id)

    def comparable(self) -> bool:
        """Whether the catalog has an indicator page: two plans or more print indicator tables,
        or a target one plan states in prose names an indicator another's table prints."""
        return sum(1 for site in self.sites if site.indicators) >= 2 or bool(self.shared)

    @cached_property
    def shared(self) -> list[tuple[str, list[SharedIndicatorRow | ProseRow]]]:
        """``catalog.shared_indicators`` of the catalog's plans, with their prose targets
        (those ``Plan.indicator_of`` ties to no row of their own table)."""
        synonyms = sorted({words for site in self.sites for words in site.plan.genre.indicator_synonyms})
        plans = [(site.plan.by_kind("indicator"), site.indicators.path if site.indicators else "") for site in self.sites]
        prose = [[n for n in site.plan.nodes if isinstance(n, Target) and n.id not in site.plan.indicator_of]
                 for site in self.sites]
        return shared_indicators(plans, synonyms, prose)

    def _head(self, path: str, title: str, description: str, crumbs: list[Crumb] | None = None):
        home = [Crumb("首页", "index.html")] if crumbs is None else crumbs
        return head(path, title, description, home, self.site_url, example=self.examples[0] if self.examples else "")

    def home(self) -> PageView:
        """Every plan with its issuer, level, sector, period and date (filterable with JS)."""
        plans = []
        for site in self.sites:
            meta, view = site.plan.meta, PlanView(site, [])
            level = plan_level(meta)
            plans.append(PlanCard(meta.title, meta.doc_number, meta.issuer, meta.date,
                                  relative("index.html", site.overview.path), level, LEVELS.get(level, ""),
                                  site.plan.genre.title, plan_period(meta), view.summary(), view.toc("index.html"),
                                  view.links("index.html")))
        facets = [Facet(key, label, sorted({getattr(p, key) for p in plans if getattr(p, key)})) for key, label in FACETS]
        return PageView("index.html", self._head("index.html", SITE_NAME, "政策规划原文、条款引用、发展指标与检索", []),
                        HomeBody(plans, facets, "indicators.html" if self.comparable() else ""))

    def about(self) -> PageView:
        """``about.html``: every plan's source text and data files."""
        sources = [Source(m.title, m.doc_number, m.issuer, m.publisher or "", m.date, f"content/{m.slug}/{m.source}",
                          href(plan_data_path(m.slug)), href(indicators_csv_path(m.slug)) if site.indicators else "")
                   for site, m in ((s, s.plan.meta) for s in self.sites)]
        return PageView("about.html", self._head("about.html", "关于本站", "规划文本来源、重建方法与开放数据说明"),
                        AboutBody(sources))

    def not_found(self) -> PageView:
        """``404.html``, served for a missing address at any depth: it holds the site's style
        inline, allowed by its CSP through the style's SHA-256 (CSP Level 2 hash source), since
        a relative link to ``static/style.css`` fails below the site's root and the root is
        not known without ``site_url``."""
        script = "" if self.site_url else self.root_script  # with site_url the links are the site's paths
        return PageView("404.html", self._head("404.html", "页面不存在", "找不到该页面", []),
                        NotFoundBody(Markup(self.style), hash_source(self.style), Markup(script),
                                     hash_source(script) if script else ""))

    def search(self) -> PageView:
        """The catalog search: every plan, loading only the parts of the index a query needs
        (``search/catalog.js`` first); filters by plan, issuer and year with several plans."""
        several = len(self.sites) > 1
        chapters = [(f"{site.plan.meta.title}：" if several else "") + f"{c.number} {c.title or ''}".strip()
                    for site in self.sites for c in site.plan.chapters_and_appendices()]
        metas = [site.plan.meta for site in self.sites] if several else []
        body = SearchBody("search/catalog.js", chapters, [StageOption(s.slug, s.name) for s in catalog_stages([s.plan for s in self.sites])],
                          [PlanOption(m.slug, m.title) for m in metas], sorted({m.issuer for m in metas}),
                          sorted({plan_year(m.date) for m in metas} - {""}), "", "、".join(self.examples[:3]))
        return PageView("search.html", self._head("search.html", f"搜索 - {SITE_NAME}", "按主题词查找规划条款"), body)

    def shared_indicators(self) -> PageView:
        """``indicators.html``: the indicators two plans or more share, side by side."""
        groups = []
        for name, rows in self.shared:
            shown = [self._prose_row(r) if isinstance(r, ProseRow) else SharedRow(
                self.sites[r.plan].plan.meta.title, r.row.name, r.row.unit or "",
                _value(r.row.baseline, r.row.baseline_text), r.row.baseline_year or "",
                _value(r.row.target, r.row.target_text, r.row.target_op), r.row.target_year or "",
                relative("indicators.html", f"{r.path}#{r.row.id}"), _latest(self.sites[r.plan].plan, r.row))
                for r in rows]
            groups.append(SharedGroup(name, shown, any(row.latest for row in shown), any(row.quote for row in shown)))
        return PageView("catalog_indicators.html", self._head(
            "indicators.html", f"各规划的共同指标 - {SITE_NAME}", "不同规划中的同一指标：基期与目标并列"),
            SharedIndicatorsBody(groups, len(self.sites)))

    def _prose_row(self, row: ProseRow) -> SharedRow:
        """A target stated in prose as a row of the comparison: its quote where the table's
        name would be, no baseline, its figure and year, a link to its clause."""
        site, target = self.sites[row.plan], row.target
        figure = _value(target.value, None, target.op)
        if target.value_max is not None:
            figure += f"—{number_text(target.value_max)}"
        return SharedRow(site.plan.meta.title, "", target.unit, "--", "", figure, target.year or "",
                         relative("indicators.html", site.url(target.id)), quote=target.quote)

    def sitemap_urls(self, paths: list[str]) -> list[str]:
        """Absolute page URLs of ``paths`` but the 404 page, sorted (the sitemap protocol
        allows no other); [] without ``site_url``."""
        return [self.site_url + path for path in sorted(paths) if path != "404.html"] if self.site_url else []


def _latest(plan, indicator: Indicator) -> str:
    """The indicator's latest observed value in ``plan``'s progress.yml, with its status
    (``link.progress``): ``2023年 84.5（进度正常）``; "" without one."""
    observed = [o for o in plan.progress if o.indicator == indicator.id]
    if not observed:
        return ""
    latest = observed[-1]  # progress is sorted by indicator, then year
    status = STATUS_LABEL[judged(indicator, latest).status]
    return f"{latest.year}年 {number_text(latest.value)}（{status}）"


def _value(value: float | int | None, printed: str | None, op: str | None = None) -> str:
    """A cell as the comparison shows it: the number (with its ≥, ≤… sign), else as printed, else --."""
    if value is not None:
        return f"{op if op not in (None, '=') else ''}{number_text(value)}"
    return printed or "--"


def hash_source(text: str) -> str:
    """The CSP hash source allowing an inline style or script whose text is ``text``:
    ``'sha256-<base64 of its UTF-8 bytes' SHA-256>'`` (CSP Level 2, section 4.2.5)."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"
