"""The seed's open-data export, byte for byte, against the copy kept in tests/golden/.

An intended change of the export is made by `make golden`, which rebuilds the seed and
overwrites the copy: the change then shows up as a diff to review, not as a broken count.
"""
from __future__ import annotations

import pytest

from conftest import ROOT

SLUG = "shuozhou-education-14th"
GOLDEN = ROOT / "tests" / "golden"


@pytest.mark.parametrize("name", [f"{SLUG}.json", f"{SLUG}-indicators.csv"])
def test_export_equals_the_golden_copy(built_site, name):
    built = (built_site / "data" / name).read_bytes()
    kept = (GOLDEN / name).read_bytes()
    if built != kept:
        first = next((i for i, (a, b) in enumerate(zip(built, kept)) if a != b), min(len(built), len(kept)))
        line = built[:first].count(b"\n") + 1
        pytest.fail(f"data/{name} differs from tests/golden/{name} from line {line} on: "
                    "if the change is intended, run `make golden` and review the diff")
