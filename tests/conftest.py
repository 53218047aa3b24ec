"""Shared fixtures: the seed plan parsed once, and helpers to build small plans.

The tests read the build's messages in English: ``LANGUAGE=en`` is set here, for this process
and every command it starts, before anything prints (the first of gettext's variables, so it
wins over the developer's or CI's ``LANG``). tests/test_messages.py sets the language itself."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

os.environ["LANGUAGE"] = "en"  # noqa: E402 (before the build's modules print anything)

from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from generator.search.segment import Segmenter

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "content" / "shuozhou-education-14th"
SEED_TEXT = SEED_DIR / "plan.txt"

META = textwrap.dedent("""\
    title: 朔州市“十四五”教育改革与发展规划
    issuer: 朔州市人民政府
    doc_number: 朔政发〔2022〕34号
    date: 2022-09-06
    publisher: 朔州市人民政府办公室
    source: plan.txt
    genre: education
    """)


@pytest.fixture(scope="session")
def segmenter() -> Segmenter:
    return Segmenter()


@pytest.fixture(scope="session")
def seed(segmenter):
    """(plan, report) for the seed as it sits in content/."""
    report = Report()
    content = SEED_DIR.parent
    plans = read_and_parse(content, report, segmenter)
    return next(p for p in plans if p.meta.slug == SEED_DIR.name), report


@pytest.fixture(scope="session")
def browser():
    """Debian's headless Chromium, driven by Playwright, shared by the browser tests."""
    from browser import CHROMIUM, CHROMIUM_ARGS

    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test-deps` (as root it installs Debian's chromium)")
    with playwright_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_pages(seed, segmenter) -> dict[str, str]:
    """One page of every type the site built from content/ writes (``browser.page_types``),
    and the site search run with a query (a state of its page, not a type of its own)."""
    from browser import page_types
    from generator.paginate.pages import paginate

    pages = page_types([paginate(seed[0], segmenter)])
    return {**pages, "site search with a query": "search.html?q=%E6%99%AE%E6%83%A0%E7%8E%87"}


@pytest.fixture(scope="session")
def built_site(tmp_path_factory, segmenter) -> Path:
    """The site built from content/, once per test session."""
    from generator.build import build

    out = tmp_path_factory.mktemp("built") / "_site"
    assert build(ROOT / "content", out, segmenter=segmenter).written
    return out


@pytest.fixture(scope="session")
def base(built_site):
    """The built site served from a sub-path (/_site/) of a loopback web server."""
    from browser import serve

    server, root = serve(built_site.parent)
    yield root + built_site.name + "/"
    server.shutdown()


def make_content(root: Path, text: str | bytes, meta: str = META, slug: str = "plan") -> Path:
    """A content folder holding one plan with ``text`` and ``meta``; returns the folder."""
    folder = root / "content" / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.yml").write_text(meta, encoding="utf-8")
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    (folder / "plan.txt").write_bytes(data)
    return root / "content"


def parse_text(tmp_path: Path, text: str | bytes, segmenter: Segmenter, meta: str = META):
    """Parse one plan from text; returns (plan or None, report)."""
    from generator.structure.diagnostics import InputRejected

    report = Report()
    content = make_content(tmp_path, text, meta)
    try:
        plans = read_and_parse(content, report, segmenter)
    except InputRejected:
        return None, report
    return plans[0], report


def run_build(content: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out), *extra],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


def node_search(site: Path, queries: list[str], *extra: str, script: str = "results.js") -> list[dict]:
    """What tests/js/``script`` prints (its JSON, one entry per query) for ``queries`` on the
    built ``site``; ``extra`` follows the queries file ("catalog", or a plan's slug). The
    queries are written beside the site."""
    path = site.parent / "queries.json"
    path.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(ROOT / "tests" / "js" / script), str(site), str(path), *extra],
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(run.stdout)


def outline(plan, kinds=None) -> list[str]:
    """One line per node: kind, printed number, and title or the start of the text."""
    lines = []
    for node in plan.nodes:
        if kinds and node.kind not in kinds:
            continue
        label = node.title if node.title else (node.text or "")[:12]
        lines.append(" ".join(part for part in (node.kind, node.number or "", label) if part))
    return lines
