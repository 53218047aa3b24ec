"""Damaged text must never crash the build: it is built, or rejected with diagnostics."""
from __future__ import annotations

import random

import pytest

from conftest import SEED_TEXT, make_content
from generator.build import build

LINES = SEED_TEXT.read_text(encoding="utf-8").split("\n")


def damaged(case: int) -> bytes:
    """A reproducible damaged edition of the seed: cut, shuffled, thinned, duplicated or corrupted."""
    rng = random.Random(case)
    lines = list(LINES)
    operation = case % 6
    if operation == 0:
        start = rng.randrange(len(lines))
        lines = lines[start: rng.randrange(start, len(lines) + 1)]
    elif operation == 1:
        start = rng.randrange(len(lines) - 30)
        window = lines[start: start + 30]
        rng.shuffle(window)
        lines[start: start + 30] = window
    elif operation == 2:
        lines = [line for line in lines if rng.random() > 0.1]
    elif operation == 3:
        for _ in range(5):
            lines.insert(rng.randrange(len(lines)), lines[rng.randrange(len(lines))])
    elif operation == 4:
        start = rng.randrange(222, 268)  # inside the indicator table
        lines = lines[:start] + lines[rng.randrange(start, 268):]
    else:
        data = bytearray("\n".join(lines).encode("utf-8"))
        for _ in range(20):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize("case", range(36))
def test_damaged_edition_does_not_crash(tmp_path, segmenter, case):
    result = build(make_content(tmp_path, damaged(case)), tmp_path / "out", segmenter=segmenter)
    assert result.written != bool(result.report.errors)
    assert (tmp_path / "out").exists() == result.written
