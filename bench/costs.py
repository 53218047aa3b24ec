"""Inputs whose cost once grew faster than their size (issue 21), each built at 1× and 4×:
the ratio of the times should stay near 4 (linear), well under 5.

- ``duplicates``: N lines ``（一）`` (every one numbered like the one before: ids ``_2``,
  ``_3``… once probed from ``_2`` each time);
- ``digits``: a measure holding a run of N digits and no unit (the figure pattern tried
  the whole run from every digit);
- ``wrapped``: one hard-wrapped paragraph of N lines (the reader re-tested the growing
  paragraph at every line);
- ``leaders``: a contents line followed by N dots and N spaces and no page number (the
  page-number pattern tried the whole run from every character).

Each plan is built whole (``build.build``, read to write, no cache) in this process; the
time is CPU time, the median of three runs. Numbers are printed, not asserted
(``tests/test_faults.py`` counts the work instead). ``python -m bench.costs``.
"""
from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generator.build import build
from generator.search.segment import Segmenter
from generator.structure.diagnostics import Report

ROOT = Path(__file__).resolve().parent.parent
META = """title: 某市教育发展规划
issuer: 某市人民政府
doc_number: 某政发〔2022〕1号
date: 2022-09-06
source: plan.txt
"""
HEAD = "第一章 总则\n\n一、发展目标\n\n到2025年，全市教育事业取得新进展。\n\n"
WRAP_LINE = "统筹推进全市各级各类教育协调发展加快建设高质量教育体系努力办好人民"  # 32 characters, no sentence end


def duplicates(n: int) -> str:
    return HEAD + "（一）\n" * n


def digits(n: int) -> str:
    return HEAD + "全市学校达到" + "1" * n + "所。\n" + "加强" + "7" * n + "。\n"


def wrapped(n: int) -> str:
    paragraph = "\u3000\u3000" + WRAP_LINE + "\n" + (WRAP_LINE + "\n") * n + "全面完成各项任务。\n"
    others = "".join(f"\u3000\u3000第{k}项工作{WRAP_LINE}\n{WRAP_LINE[:10]}。\n" for k in range(3))
    return "第一章 总则\n" + paragraph + others


def leaders(n: int) -> str:
    """Contents, then a body heading read as a contents entry that runs on in N dots and N
    spaces with no page number (where the contents end: the pattern failed from every dot)."""
    return ("目录\n第一章 总则……1\n第二章 保障……2\n第一章 总则" + "." * n + " " * n + "x\n"
            "一、发展目标\n到2025年，全市教育事业取得新进展。\n第二章 保障\n加强领导。\n")


INPUTS = {"duplicates": (duplicates, 2000), "digits": (digits, 200000), "wrapped": (wrapped, 1500),
          "leaders": (leaders, 200000)}


def plan_folder(root: Path, name: str, text: str) -> Path:
    folder = root / name / "content" / "plan"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.yml").write_text(META, encoding="utf-8")
    (folder / "plan.txt").write_text(text, encoding="utf-8")
    return folder


def run_build(folder: Path, segmenter: Segmenter) -> Report:
    """The whole build of the plan in ``folder`` (read to write, no cache); its report.
    Stops the benchmark when the build fails (a time of nothing measures nothing)."""
    result = build(folder.parent, folder.parent.parent / "_site", segmenter=segmenter)
    if not result.written:
        raise SystemExit(f"build of {folder} failed: " + "; ".join(str(d) for d in result.report.errors[:3]))
    return result.report


def seconds(folder: Path, segmenter: Segmenter, runs: int = 3) -> float:
    """CPU seconds of this process for one build (median of ``runs``): on a machine shared
    with other work, wall time says more about the others than about the build."""
    times = []
    for _ in range(runs):
        gc.collect()
        started = time.process_time()
        run_build(folder, segmenter)
        times.append(time.process_time() - started)
    return statistics.median(times)


def report_costs(root: Path, names: list[str] | None = None) -> dict[str, float]:
    """Print, for each input, its time at 1× and 4× and their ratio; returns the ratios."""
    segmenter = Segmenter()
    segmenter.cut("预热")  # jieba's dictionary loaded before timing
    ratios = {}
    for name in names or list(INPUTS):
        make, n = INPUTS[name]
        small = seconds(plan_folder(root, f"{name}-1", make(n)), segmenter)
        large = seconds(plan_folder(root, f"{name}-4", make(4 * n)), segmenter)
        ratios[name] = large / small
        print(f"cost {name:<11} N={n:>6}: 1× {small:6.2f} s CPU, 4× {large:6.2f} s, ratio {large / small:4.1f} "
              f"(linear: 4; issue 21 asks ≤ 5)")
    return ratios


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        report_costs(Path(folder), sys.argv[1:] or None)
