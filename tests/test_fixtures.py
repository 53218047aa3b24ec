"""Every case of every fixture file under ``tests/fixtures/rules/`` (see fixture_file.py)."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import parse_text
from fixture_file import read_fixture_file, record_fields

RULES = Path(__file__).parent / "fixtures" / "rules"
CASES = [case for path in sorted(RULES.glob("*.txt")) for case in read_fixture_file(path)]
SKIPPED_BY_DEFAULT = ("front", "target")


@pytest.mark.parametrize("case", CASES, ids=str)
def test_fixture(case, tmp_path, segmenter):
    meta = yaml.safe_dump(case.meta, allow_unicode=True)
    plan, report = parse_text(tmp_path, case.text, segmenter, meta=meta)
    expected = case.expected
    if "errors" in expected:
        assert [d.code for d in report.errors] == expected["errors"], case
    else:
        assert report.errors == [], f"{case}: {[str(d) for d in report.errors]}"
    if "warnings" in expected:
        assert [d.code for d in report.warnings] == expected["warnings"], \
            f"{case}: {[str(d) for d in report.warnings]}"
    if plan is not None and "duties" in expected:
        duties = [{k: getattr(d, k) for k in want} for d, want in zip(plan.duties, expected["duties"])]
        assert len(plan.duties) == len(expected["duties"]) and duties == expected["duties"], \
            f"{case}: duties {[(d.task, d.lead, d.support) for d in plan.duties]}"
    if plan is None or "nodes" not in expected:
        return
    kinds = expected.get("kinds")
    nodes = [n for n in plan.nodes if (n.kind in kinds if kinds else n.kind not in SKIPPED_BY_DEFAULT)]
    actual = [record_fields(n) for n in nodes]
    wanted = expected["nodes"]
    shown = [{k: a.get(k) for k in ("kind", "id", "number", "title", "text")} for a in actual]
    assert len(actual) == len(wanted), f"{case}: {len(actual)} records, expected {len(wanted)}:\n" + \
        "\n".join(map(str, shown))
    for i, (got, want) in enumerate(zip(actual, wanted)):
        assert {k: got.get(k) for k in want} == want, f"{case}: record {i + 1}"
