"""Where files may be read from, where a plan's files go in the site, and how a site path
becomes an href.

Every href built from data goes through :func:`href`, so a name holding ``?``, ``#``,
``%``, ``&``, a space or a scheme (``javascript:``) stays a relative path on this site.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote


def resolves_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, lies inside ``folder`` (not the folder itself). False
    for a loop of links or a name no file can have (a NUL byte)."""
    try:
        resolved, container = path.resolve(), folder.resolve()
    except (OSError, RuntimeError, ValueError):
        return False
    return resolved != container and resolved.is_relative_to(container)


def href(path: str, anchor: str = "") -> str:
    """The URL of a site-relative ``path`` (``a/b.html``) and optional ``anchor``, percent-encoded:
    only RFC 3986's unreserved characters and ``/`` stay as they are, so ``:`` becomes ``%3A``
    and no browser reads a segment as a scheme."""
    encoded = quote(path, safe="/")
    return f"{encoded}#{quote(anchor, safe='')}" if anchor else encoded


CATALOG_DATA = "data/catalog.json"  # the catalog's open data (its presence marks a folder as a site)
SHARED_FOLDERS = ("data", "search", "static")  # folders of the site's own files, beside the plans' folders
SITE_PAGES = ("index.html", "about.html", "search.html", "404.html", "indicators.html", "sitemap.xml")  # render.site_views


def plan_data_path(slug: str) -> str:
    """The plan's open-data export (``../shared/CONTRACTS.md``)."""
    return f"data/{slug}.json"


def indicators_csv_path(slug: str) -> str:
    return f"data/{slug}-indicators.csv"


def progress_csv_path(slug: str) -> str:
    """The observed values of the plan's indicators (``progress.yml``), when it has any."""
    return f"data/{slug}-progress.csv"


def plan_search_page(slug: str) -> str:
    """The plan's own search page (it loads only ``plan_search_script``)."""
    return f"{slug}/search.html"


def plan_search_script(slug: str) -> str:
    return f"search/plan-{slug}.js"


def plan_site_paths(slug: str) -> list[str]:
    """Every site path that belongs to one plan alone: its folder of pages, its open data and
    its search script (a plan that fails under ``--keep-going`` keeps these from the
    previous site)."""
    return [slug, plan_data_path(slug), indicators_csv_path(slug), plan_search_script(slug),
            progress_csv_path(slug), changes_data_path(slug)]


def changes_data_path(slug: str) -> str:
    """The changes between a plan's editions (``render.editions``): ``data/slug-changes.json``."""
    return f"data/{slug}-changes.json"


def plan_print_css(slug: str) -> str:
    """The plan's print style sheet: the running header of its printed pages (its title and
    文号), written by the render phase (``render/html.print_stylesheet``)."""
    return f"{slug}/print.css"


@cache
def reserved_slugs() -> frozenset[str]:
    """Plan folder names that would collide with the site's own paths: the folders of shared
    files (``data``, ``search``, ``static``), the names of the site's pages (``index``,
    ``about``…: a plan folder ``about/`` beside ``about.html``), and the names whose files
    would overwrite a shared file (``catalog``: its export ``data/catalog.json`` is the
    catalog's). ``tests/test_faults.py`` checks the list against a built site."""
    names = set(SHARED_FOLDERS) | {PurePosixPath(page).stem for page in SITE_PAGES}
    shared_files = {CATALOG_DATA}
    names |= {PurePosixPath(path).stem for path in shared_files if plan_data_path(PurePosixPath(path).stem) == path}
    return frozenset(names)


def script_safe(text: str) -> str:
    """JSON text with the line and paragraph separators (U+2028, U+2029) written as escapes."""
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def edition_folder(slug: str, day: str) -> str:
    """The folder of an edition's point-in-time pages: ``slug/2022-09-06``."""
    return f"{slug}/{day}"


def edition_search_script(slug: str, day: str) -> str:
    """An earlier edition's search data, loaded by the plan's search page when its edition
    filter names that edition (``?ed=2022-09-06``): ``search/plan-slug.2022-09-06.js``."""
    return f"search/plan-{slug}.{day}.js"


def edition_data_path(slug: str, day: str) -> str:
    """An edition's open-data export: ``data/slug.2022-09-06.json``."""
    return f"data/{slug}.{day}.json"


def changes_page(slug: str) -> str:
    """A plan's page of the changes between its editions: ``slug/changes.html``."""
    return f"{slug}/changes.html"
