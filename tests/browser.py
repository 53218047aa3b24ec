"""Headless Chromium (Debian's /usr/bin/chromium) for the browser tests, and a loopback server."""
from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
ARTIFACTS = Path(__file__).parent / "artifacts"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) in a thread; returns (server, base URL)."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_types(sites: list) -> dict[str, str]:
    """One page of every type the site of ``sites`` (pages.PlanPages) writes, as the views make
    them: ``"site <template>"`` for the site's own pages (home, about, 404, search, the
    comparison), ``"plan <template>"`` for a plan's (overview, chapter, stage, print, search…),
    each mapped to the site path of the first page made with it. A new page type is here as
    soon as a view makes it."""
    from generator.render.plan_views import PlanView
    from generator.render.site_views import SiteView

    made = [("site", page) for page in SiteView(sites).pages()]
    made += [("plan", page) for site in sites for page in PlanView(site, []).pages()]
    types: dict[str, str] = {}
    for scope, page in made:
        types.setdefault(f"{scope} {page.template}", page.head.path)
    return types
