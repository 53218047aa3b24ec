"""`make eval-links`: precision, recall and coverage of the automatic cross-links (without
the editor's overrides) against the gold sets: tests/links_gold.yaml (projects, and the
``states`` links of indicators: statements of a figure), tests/serves_gold.yaml (the
``serves`` links: measures that work toward an indicator, on the seed) and
tests/fixtures/serves/serves_gold.yaml (the same on a fixture plan of another sector).
Coverage counts the gold's sources with at least one serving clause that get at least one
right link. For ``serves`` a table of precision and recall for every score threshold shows
where generator/link/serves.py's ``THRESHOLD`` stands."""
from __future__ import annotations

from pathlib import Path

import yaml

from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from generator.link.compose import link, serves_candidates, with_links
from generator.link.serves import THRESHOLD

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "serves"
STEPS = [round(0.4 + 0.05 * i, 2) for i in range(13)]


def _gold(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def score(links: list, kind: str, gold: dict[str, list[str]], label: str, detail: bool = True) -> list[str]:
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
    if detail:
        lines += [f"  wrong:  {a} -> {b}" for a, b in sorted(found - expected)]
        lines += [f"  missed: {a} -> {b}" for a, b in sorted(expected - found)]
    return lines


def threshold_table(candidates: list, gold: dict[str, list[str]], label: str) -> list[str]:
    """Precision and recall of the ``serves`` candidates kept at each score threshold."""
    expected = {(s, t) for s, targets in gold.items() for t in targets or []}
    lines = [f"{label}: threshold  precision        recall           coverage"]
    for step in STEPS:
        kept = {(l.source, l.target) for l in candidates if l.score >= step - 1e-9 and l.source in gold}
        right = kept & expected
        mark = "  <- THRESHOLD" if abs(step - THRESHOLD) < 1e-9 else ""
        lines.append(f"  {step:.2f}       {len(right) / max(1, len(kept)):.3f} ({len(right):>2}/{len(kept):>2})  "
                     f"{len(right) / max(1, len(expected)):.3f} ({len(right):>2}/{len(expected):>2})  "
                     f"{len({s for s, _ in right}):>2}/{len([s for s in gold if gold[s]])}{mark}")
    return lines


def _serves(content: Path, gold_path: Path, label: str) -> list[str]:
    plan = read_and_parse(content, Report())[0]
    plan = with_links(plan, link(plan, Report(), overrides=None))
    gold = _gold(gold_path)
    return score(plan.links, "serves", gold, label) + threshold_table(serves_candidates(plan), gold, label)


def evaluate() -> list[str]:
    plan = read_and_parse(ROOT / "content", Report())[0]
    plan = with_links(plan, link(plan, Report(), overrides=None))
    links_gold = _gold(ROOT / "tests" / "links_gold.yaml")
    lines = score(plan.links, "project", links_gold["projects"], "project links")
    lines += score(plan.links, "indicator", links_gold["indicators"], "indicator states links")
    lines += _serves(ROOT / "content", ROOT / "tests" / "serves_gold.yaml", "indicator serves links")
    if (FIXTURE / "serves_gold.yaml").is_file():
        lines += _serves(FIXTURE / "content", FIXTURE / "serves_gold.yaml", "fixture serves links")
    lines.append(f"figure findings: {len(plan.findings)}")
    return lines


if __name__ == "__main__":
    print("\n".join(evaluate()))
