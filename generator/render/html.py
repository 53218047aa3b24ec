"""The render phase: view models to HTML with Jinja2 (autoescaped: plan text is data).

The pages' view models come from ``plan_views.py`` (one plan) and ``site_views.py`` (the
pages spanning plans); templates only loop over their lists and test their flags.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, select_autoescape

from generator.structure.diagnostics import Diagnostic
from generator.paginate.pages import PlanPages
from generator.structure.paths import plan_print_css, plan_search_page
from generator.render.plan_views import PlanView
from generator.config.siteconfig import SiteConfig
from generator.render.site_views import SiteView
from generator.render.views import PageView
from generator.structure.records import PlanMeta
from generator.write.cache import Cache, digest


def environment(templates: Path) -> Environment:
    """The Jinja2 environment of the ``templates`` folder: autoescaped, undefined names an error."""
    return Environment(loader=FileSystemLoader(str(templates)), autoescape=select_autoescape(default=True),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)


class TemplateCache(BytecodeCache):
    """Jinja's compiled templates kept in our cache (tagged like every entry, so a foreign
    file is never unmarshalled). Jinja keys buckets by template name and checks the source
    checksum itself."""

    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    def load_bytecode(self, bucket) -> None:
        data = self.cache._load("jinja", digest(bucket.key, bucket.checksum))
        if isinstance(data, bytes):
            try:
                bucket.bytecode_from_string(data)
            except Exception:
                bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        self.cache.put("jinja", digest(bucket.key, bucket.checksum), bucket.bytecode_to_string())


class Renderer:
    """Renders the pages of every plan, plus the site-wide pages, as ``{site path: UTF-8 bytes}``.

    ``findings``: each plan's diagnostics by plan slug, listed on its findings page."""

    def __init__(self, env: Environment, sites: list[PlanPages], findings: dict[str, list[Diagnostic]],
                 config: SiteConfig = SiteConfig(), memo: RenderedPages | None = None):
        self.env = env
        self.sites = sites
        self.findings = findings
        self.site_url = config.site_url
        self.memo = memo

    def site_files(self, style: str = "", root_script: str = "") -> dict[str, bytes]:
        """The pages of the whole site (home, about, 404, search; the sitemap with ``site_url``).
        ``style``, ``root_script``: the site's style sheet and ``static/not-found.js``, held
        inline by the 404 page (served at any depth)."""
        view = SiteView(self.sites, self.site_url, style, root_script)
        files = {page.head.path: self.html(page) for page in view.pages()}
        if self.site_url:
            paths = [*files, *(path for site in self.sites for path in self.plan_paths(site))]
            urls = view.sitemap_urls(paths)
            files["sitemap.xml"] = self.env.get_template("sitemap.xml").render(urls=urls).encode("utf-8")
        return files

    @staticmethod
    def plan_paths(site: PlanPages) -> list[str]:
        """The site paths of a plan's pages and its search page; with editions, its change page
        and every edition's point-in-time pages."""
        editions = [site.place.changes, *site.place.edition_pages] if site.place else []
        return [*(page.path for page in site.all()), plan_search_page(site.plan.meta.slug), *editions]

    def plan_files(self, site: PlanPages) -> dict[str, bytes]:
        """The pages of one plan (they depend on no other plan): its pages and its search page."""
        view = PlanView(site, self.findings.get(site.plan.meta.slug, []), self.site_url)
        files = {page.head.path: self.html(page) for page in view.pages()}
        files[plan_print_css(site.plan.meta.slug)] = print_stylesheet(site.plan.meta).encode("utf-8")
        return files

    def html(self, page: PageView) -> bytes:
        """``page`` rendered with its template, as UTF-8 (from ``memo`` when an earlier build
        rendered the same template with the same context)."""
        context = page.context()
        if self.memo is None:
            return self._render(page.template, context)
        return self.memo.page(page.template, context, self._render)

    def _render(self, template: str, context: dict) -> bytes:
        return self.env.get_template(template).render(context).encode("utf-8")


class RenderedPages:
    """Pages an earlier build rendered, found again by a digest of their template's name and
    their context (pickled: the views are frozen data), so that a rebuild renders only the
    pages whose context changed (a one-character change renders 2 of the seed's 31 pages).

    ``earlier``: {digest: page bytes} of the earlier build (``now`` of its memo; empty when
    none). The memo is only valid for the same templates, generator source and site
    settings: its cache key holds their digests (``build._keys``). A context that cannot be
    pickled is rendered every time."""

    def __init__(self, earlier: dict[str, bytes] | None = None):
        self.earlier = earlier if isinstance(earlier, dict) else {}
        self.now: dict[str, bytes] = {}

    def page(self, template: str, context: dict, render) -> bytes:
        """The page of ``template`` with ``context``: ``render(template, context)`` unless an
        earlier build rendered it (every page rendered or found is kept in ``now``)."""
        try:
            key = hashlib.blake2b(pickle.dumps((template, context), protocol=5)).hexdigest()
        except (pickle.PicklingError, TypeError, AttributeError):
            return render(template, context)
        data = self.now.get(key) or self.earlier.get(key)
        if not isinstance(data, bytes):
            data = render(template, context)
        self.now[key] = data
        return data


def print_stylesheet(meta: PlanMeta) -> str:
    """The plan's print style sheet (CSS Paged Media, as Chromium prints it): 《title》（文号）
    in the running header of every printed page, 第 N 页 / 共 M 页 at its foot. Plan text is
    data: the title goes in as a CSS string, escaped (``\\``, ``"``, line breaks)."""
    source = f"《{meta.title}》" + (f"（{meta.doc_number}）" if meta.doc_number else "")
    return ("/* The running header of this plan's printed pages (written by the build). */\n"
            "@media print {\n"
            "  @page { size: A4; margin: 22mm 18mm 20mm;\n"
            "          @top-center { content: " + css_string(source) + "; font-size: 9pt; color: #000; }\n"
            "          @bottom-center { content: \"第 \" counter(page) \" 页 / 共 \" counter(pages) \" 页\"; font-size: 9pt; } }\n"
            "  .print-source { display: none !important; }\n"
            "}\n")


def css_string(text: str) -> str:
    """``text`` as a CSS string literal (CSS Syntax Level 3, 4.3.5): backslash and quote
    escaped, control characters and line breaks written as hex escapes."""
    escaped = "".join(f"\\{ord(c):x} " if ord(c) < 0x20 or c == "\x7f" else ("\\" + c if c in '\\"' else c)
                      for c in text)
    return f'"{escaped}"'
