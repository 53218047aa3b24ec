"""`make bench` (second part): the cost of catalogs of many plans, of rebuilds, and the seed
paired against Material for MkDocs.

- For 1, 5, 20, 40 and 100 plans (varied copies of the seed, bench/catalog.py; at most
  ``BENCH_MAX_PLANS``): CPU (user + sys of the build and its workers) and wall time of a
  full build without cache, peak memory of the largest process, output size, and the
  marginal CPU per added plan between consecutive sizes.
- The seed: a rebuild with nothing changed and one with one character changed (a
  different character each run, so the cache cannot have seen it), with the build cache.
- The seed's full build without cache paired against ``mkdocs build`` with Material on a
  MkDocs copy of the plan (bench/mkdocs_copy.py), run in turn A B A B …, medians and the
  ratio pair by pair. Material comes from a throwaway venv (``MKDOCS_VENV``, default
  /tmp/plansite-mkdocs; ``make bench-mkdocs`` creates it), never from the project.

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


def run(command: list[str], env: dict | None = None, cwd: Path = ROOT) -> dict:
    """One process: CPU seconds (user + sys, its children included), wall seconds, peak MiB."""
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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
    out, env = root / "seed" / "_site", dict(os.environ, PLANSITE_CACHE=str(root / "seed" / "cache"))
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
    return statistics.median(f["wall"] for f in changed), statistics.median(f["cpu"] for f in changed)


def versus_material(root: Path, changed: tuple[float, float] | None, runs: int = 5) -> None:
    mkdocs = MKDOCS_VENV / "bin" / "mkdocs"
    if not mkdocs.is_file():
        print(f"Material for MkDocs: not installed at {MKDOCS_VENV} (make bench-mkdocs installs it there): skipped")
        return
    from bench.mkdocs_copy import mkdocs_project

    project = mkdocs_project((SEED / "plan.txt").read_text(encoding="utf-8"), root / "mkdocs", "seed")
    ours = generator(SEED.parent, root / "ours", "--no-cache")
    theirs = [str(mkdocs), "build", "--quiet", "--site-dir", str(root / "material")]
    run(ours), run(theirs, cwd=project)  # warm-up
    pairs = [(run(ours), run(theirs, cwd=project)) for _ in range(runs)]
    for what in ("cpu", "wall"):
        a = statistics.median(p[0][what] for p in pairs)
        b = statistics.median(p[1][what] for p in pairs)
        ratios = sorted(p[0][what] / p[1][what] for p in pairs)
        print(f"seed full build vs Material for MkDocs, {what:<4}: ours {a:6.2f} s, Material {b:6.2f} s; "
              f"ratio per pair median {statistics.median(ratios):.2f} (min {ratios[0]:.2f}, max {ratios[-1]:.2f})")
        if changed:
            value = changed[0] if what == "wall" else changed[1]
            print(f"  one-character rebuild / Material's full build, {what}: {value / b:.2f}")
    print(f"  peak memory: ours {max(p[0]['mib'] for p in pairs):.0f} MiB, "
          f"Material {max(p[1]['mib'] for p in pairs):.0f} MiB", flush=True)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="plansite-bench-") as tmp:
        root = Path(tmp)
        changed = rebuilds(root)
        versus_material(root, changed)
        catalogs(root)


if __name__ == "__main__":
    main()
