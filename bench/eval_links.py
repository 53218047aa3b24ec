"""`make eval-links`: precision and recall of the automatic cross-links (without the
editor's overrides) against the gold set in tests/links_gold.yaml."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.build import read_and_parse
from generator.diagnostics import Report
from generator.link import link

ROOT = Path(__file__).resolve().parent.parent


def evaluate() -> list[str]:
    plan = read_and_parse(ROOT / "content", Report())[0]
    link(plan, Report(), overrides=None)
    gold = yaml.safe_load((ROOT / "tests" / "links_gold.yaml").read_text(encoding="utf-8"))
    lines = []
    for kind, key in (("project", "projects"), ("indicator", "indicators")):
        expected = {(s, t) for s, targets in gold[key].items() for t in targets}
        found = {(l.source, l.target) for l in plan.links if l.kind == kind and l.source in gold[key]}
        right = found & expected
        lines.append(f"{kind} links ({len(gold[key])} sources in the gold set): precision "
                     f"{len(right) / max(1, len(found)):.3f} ({len(right)}/{len(found)}), recall "
                     f"{len(right) / max(1, len(expected)):.3f} ({len(right)}/{len(expected)})")
        for pair in sorted(found - expected):
            lines.append(f"  wrong:  {pair[0]} -> {pair[1]}")
        for pair in sorted(expected - found):
            lines.append(f"  missed: {pair[0]} -> {pair[1]}")
    lines.append(f"figure findings: {len(plan.findings)}")
    return lines


if __name__ == "__main__":
    print("\n".join(evaluate()))
