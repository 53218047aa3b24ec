"""`make bench`: parse and full-build time without the build cache (median of several runs)
and peak memory, for the seed plan and for one plan 50 times the seed's prose (the ratio
shows whether cost grows linearly). Catalogs of many plans: bench/catalog_bench.py.

Numbers are printed, not asserted: they depend on the machine.
"""
from __future__ import annotations

import gzip
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from generator.parse.lex import lex
from generator.parse.tree import parse
from generator.search.segment import Segmenter
from generator.read.source import read_plan

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "shuozhou-education-14th"


def median_seconds(action, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def report_editions(root: Path, runs: int = 3) -> None:
    """The seed with two editions (tests/editions_pair.py) against the seed alone, built
    --no-cache in a child, CPU seconds (user + system: the machine's other load moves wall
    time), best of ``runs``: issue 22 asks for at most 2x one edition."""
    sys.path.insert(0, str(ROOT / "tests"))
    from editions_pair import make_pair

    make_pair(root / "pair" / "content")
    one = min(cpu_build_in_child(SEED.parent, root / "one" / "_site") for _ in range(runs))
    two = min(cpu_build_in_child(root / "pair" / "content", root / "pair" / "_site") for _ in range(runs))
    print(f"{'seed, 1 edition / 2 editions':<34} full build {one:6.2f} / {two:6.2f} s CPU (best of {runs}): "
          f"{two / one:.2f}x")


def cpu_build_in_child(content: Path, out: Path) -> float:
    """CPU time (user + system, s) of one `python -m generator build --no-cache`."""
    child = subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(content),
                              "--out", str(out), "--quiet", "--no-cache"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {content} failed")
    return usage.ru_utime + usage.ru_stime


def build_in_child(content: Path, out: Path) -> tuple[float, float]:
    """Wall time (s) and peak resident memory (MiB) of one `python -m generator build`."""
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "generator", "build", "--content", str(content),
                              "--out", str(out), "--quiet", "--no-cache"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {content} failed")
    return elapsed, usage.ru_maxrss / 1024


def report_scaling(root: Path, factor: int = 50) -> None:
    """Full build of the seed and of a plan ``factor`` times its prose (bench/scale.py):
    the cost should grow linearly with the text, not faster."""
    from bench.scale import scaled_plan

    timings = {}
    for n in (1, factor):
        folder = scaled_plan(SEED, root / f"scale{n}" / "content" / f"scaled-{n}", n)
        size = (folder / "plan.txt").stat().st_size
        wall, memory = min(build_in_child(folder.parent, root / f"scale{n}" / "_site") for _ in range(3))
        timings[n] = (wall, memory, size)
        print(f"{f'plan x{n} ({size / 1024:,.0f} KiB)':<34} full build {wall:6.2f} s (best of 3), "
              f"peak memory {memory:6.1f} MiB")
    (small, _, small_size), (large, _, large_size) = timings[1], timings[factor]
    print(f"x{factor} plan: {large_size / small_size:.1f}x the text, {large / small:.1f}x the build time")


def report_builds(label: str, content: Path, out: Path, runs: int) -> None:
    results = [build_in_child(content, out) for _ in range(runs)]
    wall = statistics.median(r[0] for r in results)
    memory = max(r[1] for r in results)
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"{label:<34} full build {wall:6.2f} s (median of {runs}), peak memory {memory:6.1f} MiB, "
          f"site {size / 1024:,.0f} KiB")


PAGE_TYPES = {
    "home": "index.html", "overview": f"{SEED.name}/index.html", "chapter (largest)": None,
    "indicators": f"{SEED.name}/indicators.html", "专栏": f"{SEED.name}/boxes.html",
    "stage (largest)": None, "findings": f"{SEED.name}/findings.html", "search": "search.html",
}


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def page_weight(site: Path, page: str) -> tuple[int, int]:
    """(HTML gzip bytes, HTML + the CSS and JS it loads, gzip bytes) of one page."""
    html_path = site / page
    html = html_path.read_text(encoding="utf-8")
    assets = re.findall(r'(?:href|src)="([^"#]+\.(?:css|js))"', html)
    total = gzip_size(html_path) + sum(gzip_size((html_path.parent / a).resolve()) for a in assets)
    return gzip_size(html_path), total


def report_page_weights(site: Path) -> None:
    chapters = sorted(site.glob(f"{SEED.name}/chp_*.html"), key=lambda p: p.stat().st_size)
    stages = sorted(site.glob(f"{SEED.name}/stage-*.html"), key=lambda p: p.stat().st_size)
    print("page weight (gzip -6): page alone / page + CSS + JS")
    for label, page in PAGE_TYPES.items():
        if page is None:
            page = (chapters if label.startswith("chapter") else stages)[-1].relative_to(site).as_posix()
        alone, total = page_weight(site, page)
        print(f"  {label:<18} {page:<48} {alone / 1024:6.1f} KiB / {total / 1024:6.1f} KiB")


def report_search(site: Path, segmenter: Segmenter) -> None:
    import json

    import yaml

    from generator.paginate.pages import paginate
    from generator.search.index import build_search, plan_terms

    plans = read_and_parse(SEED.parent, Report(), segmenter)
    sites = [paginate(p, segmenter) for p in plans]
    segmenter = segmenter.with_words([t for s in sites for t in plan_terms(s, SEED.parent)])
    built = {}

    def index():
        built["index"] = build_search(sites, segmenter)

    print(f"{'search index build (lunr.py)':<34} {median_seconds(index, 5) * 1000:8.1f} ms (median of 5)")
    serialized = json.dumps(built["index"].builder.index.serialize(), ensure_ascii=False,
                            separators=(",", ":")).encode()
    page = (gzip_size(site / SEED.name / "search.html") + gzip_size(site / "search" / "engine.js")
            + gzip_size(site / "search" / f"plan-{SEED.name}.js"))
    print(f"search page download, gzip (HTML + the engine script + the plan's data): {page / 1024:.1f} KiB; "
          f"CSS {gzip_size(site / 'static/style.css') / 1024:.1f} KiB more")
    print(f"  for comparison, lunr.py's serialized index alone: {len(serialized) / 1024:.0f} KiB raw, "
          f"{len(gzip.compress(serialized, 6, mtime=0)) / 1024:.0f} KiB gzip")
    queries = [q["query"] for f in ("shared_queries.yaml", "queries.yaml")
               for q in yaml.safe_load((ROOT / "tests/search" / f).read_text(encoding="utf-8"))]
    typed = typed_query_latency(site, queries)
    print(f"typed query, index loaded (query + rendering, {len(queries)} queries x 5): median "
          f"{statistics.median(typed):.1f} ms, p95 {percentile(typed, 95):.1f} ms, max {max(typed):.1f} ms")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    position = (len(ordered) - 1) * p / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def typed_query_latency(site: Path, queries: list[str]) -> list[float]:
    """Milliseconds for window.planSearchRun(q) (search and DOM update) in headless Chromium."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(base + SEED.name + "/search.html")  # a plan's own search page: synchronous
            page.wait_for_function("document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
            page.wait_for_timeout(1500)  # idle time: the engine cuts every clause ahead of queries
            times = page.evaluate("""(queries) => {
                const times = [];
                for (let round = 0; round < 5; round++) {
                  for (const q of queries) {
                    const t = performance.now(); window.planSearchRun(q); times.push(performance.now() - t);
                  }
                }
                return times; }""", queries)
            browser.close()
    finally:
        server.shutdown()
    return times


PUBLISHED_PDF = Path("/work/shared/ingest/seed.pdf")  # the seed as a 79-page LibreOffice PDF


def report_pdf(path: Path = PUBLISHED_PDF, runs: int = 3) -> None:
    """Time of ``read.pdf.pdf_lines`` on the seed's published PDF (goal: under 3 s for its
    79 pages): wall and CPU seconds, median of ``runs``. Run alone: ``python -c 'from bench.__main__
    import report_pdf; report_pdf()'``."""
    from generator.read.pdf import pdf_lines

    if not path.exists():
        print(f"{'PDF read':<34} skipped: {path} is absent")
        return
    data = path.read_bytes()
    walls, cpus = [], []
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        lines = pdf_lines(data, str(path), Report())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    print(f"{f'PDF read ({path.name}, {len(lines or [])} lines)':<34} {statistics.median(walls):8.2f} s wall, "
          f"{statistics.median(cpus):.2f} s CPU (median of {runs})")


PUBLISHED_OTHERS = [Path("/work/shared/ingest") / name for name in ("seed.docx", "seed.html")]


def report_published(paths: list[Path] = PUBLISHED_OTHERS, runs: int = 5) -> None:
    """Time of ``read.published.published_lines`` (conversion and normalisation) on the seed
    as a Word file and as a web page: wall seconds, median of ``runs``."""
    from generator.read.published import published_lines

    for path in paths:
        if not path.exists():
            print(f"{'published read':<34} skipped: {path} is absent")
            continue
        data = path.read_bytes()
        lines: list = []
        walls = []
        for _ in range(runs):
            wall = time.perf_counter()
            lines = published_lines(data, str(path), Report()) or []
            walls.append(time.perf_counter() - wall)
        print(f"{f'{path.suffix[1:]} read ({path.name}, {len(lines)} lines)':<34} "
              f"{statistics.median(walls) * 1000:8.1f} ms (median of {runs})")


def main() -> None:
    segmenter = Segmenter()
    segmenter.cut("预热")  # load jieba's dictionary once, outside the timings

    def parse_seed():
        report = Report()
        source = read_plan(SEED, report)
        parse(source, report)

    def lex_seed():
        report = Report()
        source = read_plan(SEED, report)
        lex(source.paragraphs, source.meta.title)

    def parse_and_check_seed():
        read_and_parse(SEED.parent, Report(), segmenter)

    print(f"seed: {SEED / 'plan.txt'} ({(SEED / 'plan.txt').stat().st_size / 1024:.0f} KiB)")
    print(f"{'read + lex':<34} {median_seconds(lex_seed, 9) * 1000:8.1f} ms (median of 9)")
    print(f"{'read + lex + parse':<34} {median_seconds(parse_seed, 9) * 1000:8.1f} ms (median of 9)")
    print(f"{'read + parse + check (jieba warm)':<34} {median_seconds(parse_and_check_seed, 5) * 1000:8.1f} ms (median of 5)")
    report_pdf()
    report_published()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        report_builds("seed (1 plan), cached jieba", SEED.parent, tmp_path / "site1", 5)
        report_page_weights(tmp_path / "site1")
        report_search(tmp_path / "site1", segmenter)
        from bench.eval_links import evaluate
        print("\n".join(evaluate()))
        report_scaling(tmp_path)
        report_editions(tmp_path / "editions")
        from bench.catalog_search import report as report_catalog_search
        report_catalog_search(tmp_path / "catalog-search")


if __name__ == "__main__":
    main()
