"""`make bench` (second part): the cost of catalogs of many plans, of rebuilds, and the seed
paired against Material for MkDocs and Zensical.

- For 1, 5, 20, 40 and 100 plans (varied copies of the seed, bench/catalog.py; at most
  ``BENCH_MAX_PLANS``): CPU (user + sys of the build and its workers) and wall time of a
  full build without cache, peak memory of the largest process, output size, and the
  marginal CPU per added plan between consecutive sizes.
- The seed: a rebuild with nothing changed and one with one character changed (a
  different character each run, so the cache cannot have seen it), with the build cache.
- The seed's full build without cache paired against ``mkdocs build`` with Material on a
  MkDocs copy of the plan (bench/mkdocs_copy.py, ``lang: zh``), run in turn A B A B …,
  medians and the ratio pair by pair, against two Materials: with jieba (Material's search
  cuts Chinese with jieba when jieba is installed, as issue 17 measured it) and with its
  default search (jieba not importable: the plan's Chinese is not cut).
- The seed's one-character rebuild (build cache kept) paired against Zensical's build of
  the MkDocs copy with one character changed (its cache kept): each pair changes the same
  character, a different one each pair.

Material and Zensical come from throwaway venvs (``MKDOCS_VENV``, default
/tmp/plansite-mkdocs; ``ZENSICAL_VENV``, default /tmp/plansite-zensical; ``make
bench-mkdocs`` creates both), never from the project. Every process runs with Python's
bytecode cache on (``PYTHONDONTWRITEBYTECODE`` removed): a checkout's modules are compiled
once, as Material's are when pip installs them.

Numbers are printed, not asserted.
"""
from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.catalog import ROOT, SEED, make_catalog

SIZES = (1, 5, 20, 40, 100)
MKDOCS_VENV = Path(os.environ.get("MKDOCS_VENV", "/tmp/plansite-mkdocs"))
ZENSICAL_VENV = Path(os.environ.get("ZENSICAL_VENV", "/tmp/plansite-zensical"))
ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
ENV["NO_MKDOCS_2_WARNING"] = "1"  # Material's notice of its successor, printed on every build
WITHOUT_JIEBA = "import sys; sys.modules['jieba'] = None; from mkdocs.__main__ import cli; sys.exit(cli())"


def run(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> dict:
    """One process: CPU seconds (user + sys, its children included), wall seconds, peak MiB.
    ``env``: the environment (default ``ENV``)."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env or ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return {"cpu": usage.ru_utime + usage.ru_stime, "wall": wall, "mib": usage.ru_maxrss / 1024}


def generator(content: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out), "--quiet", *extra]


def size_of(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def catalogs(root: Path) -> None:
    limit = int(os.environ.get("BENCH_MAX_PLANS", SIZES[-1]))
    sizes = [n for n in SIZES if n <= limit]
    print(f"catalogs of varied seed copies, full build without cache, {os.cpu_count()} worker(s):")
    print(f"  {'plans':>5} {'CPU s':>7} {'wall s':>7} {'peak MiB':>9} {'site MiB':>9} {'marginal CPU/plan':>18}")
    previous = None
    for n in sizes:
        content = make_catalog(root / f"c{n}" / "content", n)
        out = root / f"c{n}" / "_site"
        figures = run(generator(content, out, "--no-cache"))
        marginal = ""
        if previous:
            marginal = f"{(figures['cpu'] - previous[1]) / (n - previous[0]):.3f} s ({previous[0]}→{n})"
        print(f"  {n:>5} {figures['cpu']:>7.2f} {figures['wall']:>7.2f} {figures['mib']:>9.1f} "
              f"{size_of(out) / 2**20:>9.1f} {marginal:>18}", flush=True)
        previous = (n, figures["cpu"])
        shutil.rmtree(root / f"c{n}")


def rebuilds(root: Path, runs: int = 5) -> None:
    content = root / "seed" / "content"
    shutil.copytree(SEED, content / SEED.name)
    out, env = root / "seed" / "_site", dict(ENV, PLANSITE_CACHE=str(root / "seed" / "cache"))
    run(generator(content, out), env)
    same = [run(generator(content, out), env) for _ in range(runs)]
    text = content / SEED.name / "plan.txt"
    original = text.read_text(encoding="utf-8")
    spots = [n for n, c in enumerate(original) if c == "的"][10::37][:runs]
    changed = []
    for spot in spots:
        text.write_text(original[:spot] + "之" + original[spot + 1:], encoding="utf-8")
        changed.append(run(generator(content, out), env))
    for label, figures in (("no change", same), ("one character changed", changed)):
        print(f"seed rebuild, {label:<22} wall {statistics.median(f['wall'] for f in figures):6.3f} s, "
              f"CPU {statistics.median(f['cpu'] for f in figures):6.3f} s (medians of {len(figures)})", flush=True)


def paired(label: str, ours: list[str], theirs: list[str], where: Path, runs: int, before=None,
           env: dict | None = None) -> None:
    """``ours`` (in ``env``) and ``theirs`` (run in ``where``) in turn, a warm-up pair first,
    then ``runs`` pairs; ``before(n)`` runs ahead of the n-th pair (untimed). Prints CPU and
    wall: medians and the ratio ours / theirs pair by pair."""
    pairs = []
    for n in range(runs + 1):
        if before:
            before(n)
        pair = (run(ours, env), run(theirs, cwd=where))
        if n:
            pairs.append(pair)
    for what in ("cpu", "wall"):
        a = statistics.median(p[0][what] for p in pairs)
        b = statistics.median(p[1][what] for p in pairs)
        ratios = sorted(p[0][what] / p[1][what] for p in pairs)
        print(f"  {label}, {what:<4}: ours {a:5.2f} s, theirs {b:5.2f} s; ours / theirs per pair: median "
              f"{statistics.median(ratios):.2f} (min {ratios[0]:.2f}, max {ratios[-1]:.2f})", flush=True)
    print(f"  {label}, peak memory: ours {max(p[0]['mib'] for p in pairs):.0f} MiB, "
          f"theirs {max(p[1]['mib'] for p in pairs):.0f} MiB", flush=True)


def versus_material(root: Path, runs: int = 7) -> None:
    """The seed's full build without cache against Material's build of its MkDocs copy, with
    jieba and with Material's default search."""
    python = MKDOCS_VENV / "bin" / "python"
    if not (MKDOCS_VENV / "bin" / "mkdocs").is_file():
        print(f"Material for MkDocs: not installed at {MKDOCS_VENV} (make bench-mkdocs installs it there): skipped")
        return
    from bench.mkdocs_copy import mkdocs_project

    project = mkdocs_project((SEED / "plan.txt").read_text(encoding="utf-8"), root / "mkdocs", "seed")
    ours = generator(SEED.parent, root / "ours", "--no-cache")
    build = ["build", "--quiet", "--site-dir", str(root / "material")]
    has_jieba = subprocess.run([str(python), "-c", "import jieba"], capture_output=True).returncode == 0
    print(f"seed full build without cache vs Material for MkDocs (mkdocs build, {runs} pairs):")
    if has_jieba:
        paired("Material with jieba", ours, [str(MKDOCS_VENV / "bin" / "mkdocs"), *build], project, runs)
    else:
        print(f"  Material with jieba: jieba is not installed in {MKDOCS_VENV} (make bench-mkdocs): skipped")
    paired("Material, default search", ours, [str(python), "-c", WITHOUT_JIEBA, *build], project, runs)


def versus_zensical(root: Path, runs: int = 7) -> None:
    """The seed's one-character rebuild against Zensical's cached build of its MkDocs copy
    with the same character changed."""
    zensical = ZENSICAL_VENV / "bin" / "zensical"
    if not zensical.is_file():
        print(f"Zensical: not installed at {ZENSICAL_VENV} (make bench-mkdocs installs it there): skipped")
        return
    from bench.mkdocs_copy import mkdocs_project

    content = root / "zensical-seed" / "content"
    shutil.copytree(SEED, content / SEED.name)
    text = content / SEED.name / "plan.txt"
    original = text.read_text(encoding="utf-8")
    project = mkdocs_project(original, root / "zensical", "seed")
    pages = sorted((project / "docs").glob("chp_*.md"))
    env = dict(ENV, PLANSITE_CACHE=str(root / "zensical-seed" / "cache"))
    ours = generator(content, root / "zensical-seed" / "_site")
    run(ours, env), run([str(zensical), "build"], cwd=project)  # the first builds: their caches filled
    spots = [n for n, c in enumerate(original) if c == "的"][5::41]

    def change(n: int) -> None:
        """Before the n-th pair: one more 的 → 之, in the plan and in a chapter page of the
        copy, so that neither cache has seen the text."""
        current = text.read_text(encoding="utf-8")
        text.write_text(current[:spots[n]] + "之" + current[spots[n] + 1:], encoding="utf-8")
        page = pages[n % len(pages)]
        page.write_text(page.read_text(encoding="utf-8").replace("的", "之", 1), encoding="utf-8")

    print(f"seed one-character rebuild (build cache kept) vs Zensical's build with one character changed "
          f"(its cache kept; {runs} pairs):")
    paired("Zensical, cached", ours, [str(zensical), "build"], project, runs, before=change, env=env)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="plansite-bench-") as tmp:
        root = Path(tmp)
        rebuilds(root)
        versus_material(root)
        versus_zensical(root)
        catalogs(root)


if __name__ == "__main__":
    main()
