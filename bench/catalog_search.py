"""Bytes a search downloads (gzip) and cold navigation-to-results, for a plan's own search
page and for the catalog search (its first page of results) on 1, 20 and 100 plans (copies of the seed with 3% of their
Chinese characters changed, so each copy has words of its own). Printed by `make bench`."""
from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "shuozhou-education-14th"
SIZES = tuple(int(n) for n in os.environ.get("CATALOG_SEARCH_PLANS", "1 20 100").split())
QUERIES = ["课后服务", "学前教育 普惠", "校长职级制", "近视防控", "职业教育"]
KEEP = set("第章节篇部分专栏一二三四五六七八九十百零〇年月日号是")  # 是: 一是、二是 number a list


def changed_copy(text: str, number: int, share: float = 0.03) -> str:
    """Changes only long prose lines (not headings, table rows or the closing lines)."""
    rng = random.Random(number)
    chars = list(text)
    han, at = [], 0
    for line in text.split("\n"):
        if len(line) > 80 and not any(mark in line for mark in ("\t", "  ", "|", "专栏")):
            han += [at + i for i, c in enumerate(line[:-2]) if "\u4e00" <= c <= "\u9fff" and c not in KEEP]
        at += len(line) + 1
    pool = sorted({chars[i] for i in han})
    for i in rng.sample(han, int(len(han) * share)):
        chars[i] = rng.choice(pool)
    return "".join(chars)


def catalog(root: Path, copies: int) -> Path:
    content = root / f"c{copies}"
    for n in range(copies):
        folder = content / f"{SEED.name}-{n:02d}"
        folder.mkdir(parents=True)
        for path in SEED.iterdir():
            if path.is_file() and path.name not in ("links.yml", "reviewed.yml"):  # the seed's own, stale on a changed copy
                data = path.read_text(encoding="utf-8")
                (folder / path.name).write_text(changed_copy(data, n) if path.name == "plan.txt" and n else data,
                                                encoding="utf-8")
    return content


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def catalog_query_bytes(site: Path, query: str) -> tuple[int, dict[str, tuple[int, int]]]:
    """gzip bytes of the catalog search page for ``query`` (page, entry, engine, the chunks
    and the fragments of its first page of results), and per kind of part loaded (t: word
    list, p: postings, f: fragments) its files and gzip bytes."""
    script = ("const {catalogEngine}=require(process.argv[1]);const c=catalogEngine(process.argv[2]);"
              "c.searchNow(process.argv[3]);process.stdout.write(JSON.stringify(c.read.files));")
    files = json.loads(subprocess.run(["node", "-e", script, str(ROOT / "tests/js/site_engines.js"), str(site), query],
                                      capture_output=True, text=True, check=True).stdout)
    total = sum(gz(site / p) for p in ("search.html", "search/catalog.js", "search/engine.js"))
    kinds: dict[str, tuple[int, int]] = {}
    for f in files:
        count, size = kinds.get(f[0], (0, 0))
        kinds[f[0]] = (count + 1, size + gz(site / "search" / f))
    return total + sum(size for _, size in kinds.values()), kinds


def cold_ms(site: Path, path: str, runs: int = 3) -> float:
    """Median wall ms from navigation to results (aria-busy false), a fresh browser context each run."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browser import CHROMIUM, CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    server, base = serve(site)
    times = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for _ in range(runs):
                context = browser.new_context()
                page = context.new_page()
                started = time.perf_counter()
                page.goto(base + path, wait_until="commit")
                page.locator("#search-results[aria-busy=false]").wait_for(state="attached")
                times.append((time.perf_counter() - started) * 1000)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return sorted(times)[len(times) // 2]


def report(root: Path) -> None:
    for copies in SIZES:
        content = catalog(root, copies)
        site = root / f"site{copies}"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(site),
                        "--quiet", "--no-cache"], cwd=ROOT, check=True)
        print(f"search, {copies} plan(s): built in {time.perf_counter() - started:.0f} s wall")
        slug = f"{SEED.name}-00"
        plan_page = sum(gz(site / p) for p in (f"{slug}/search.html", "search/engine.js", f"search/plan-{slug}.js"))
        print(f"search, {copies} plan(s): a plan's own search page {plan_page / 1024:.1f} KiB gzip, cold "
              f"{cold_ms(site, f'{slug}/search.html?q=' + quote(QUERIES[0])):.0f} ms")
        for query in QUERIES:
            size, kinds = catalog_query_bytes(site, query)
            parts = ", ".join(f"{k} {n}: {b / 1024:.1f}" for k, (n, b) in sorted(kinds.items()))
            print(f"  catalog search {query!r}: {size / 1024:.1f} KiB gzip ({parts}), cold "
                  f"{cold_ms(site, 'search.html?q=' + quote(query)):.0f} ms")


if __name__ == "__main__":
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        report(Path(tmp))
