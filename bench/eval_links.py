"""`make eval-links`: precision, recall and coverage of the automatic cross-links (without
the editor's overrides) against the gold sets: tests/links_gold.yaml (projects, and the
``states`` links of indicators: statements of a figure) and tests/serves_gold.yaml (the
``serves`` links: measures that work toward an indicator). Coverage counts the gold's
sources with at least one serving clause that get at least one right link."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.build import read_and_parse
from generator.diagnostics import Report
from generator.link import link

ROOT = Path(__file__).resolve().parent.parent


def _gold(name: str) -> dict:
    return yaml.safe_load((ROOT / "tests" / name).read_text(encoding="utf-8"))


def score(links: list, kind: str, gold: dict[str, list[str]], label: str) -> list[str]:
    """Lines reporting one kind of link against its gold (source → targets)."""
    expected = {(s, t) for s, targets in gold.items() for t in targets or []}
    found = {(l.source, l.target) for l in links if l.kind == kind and l.source in gold}
    right = found & expected
    served = [s for s, targets in gold.items() if targets]
    covered = {s for s, _ in right}
    lines = [f"{label} ({len(gold)} sources in the gold set, {len(served)} with links): precision "
             f"{len(right) / max(1, len(found)):.3f} ({len(right)}/{len(found)}), recall "
             f"{len(right) / max(1, len(expected)):.3f} ({len(right)}/{len(expected)}), coverage "
             f"{len(covered)}/{len(served)}"]
    lines += [f"  wrong:  {a} -> {b}" for a, b in sorted(found - expected)]
    lines += [f"  missed: {a} -> {b}" for a, b in sorted(expected - found)]
    return lines


def evaluate() -> list[str]:
    plan = read_and_parse(ROOT / "content", Report())[0]
    link(plan, Report(), overrides=None)
    links_gold = _gold("links_gold.yaml")
    lines = score(plan.links, "project", links_gold["projects"], "project links")
    lines += score(plan.links, "indicator", links_gold["indicators"], "indicator states links")
    lines += score(plan.links, "serves", _gold("serves_gold.yaml"), "indicator serves links")
    lines.append(f"figure findings: {len(plan.findings)}")
    return lines


if __name__ == "__main__":
    print("\n".join(evaluate()))
