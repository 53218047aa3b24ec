"""Damaged text must never crash the build: it is built, losing nothing, or rejected with
diagnostics that say where, leaving the previous site."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from conftest import SEED_TEXT, make_content
from generator.build import build
from test_invariants import _own_chars, _printed_chars, _toc_lines

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
def test_damaged_edition_is_built_losslessly_or_rejected_at_a_line(tmp_path, segmenter, case):
    """Built: the export still holds every character of the damaged text, once. Rejected:
    each error names a line of the plan's files, and the site already there is left as it was."""
    data = damaged(case)
    out = tmp_path / "out"
    (out / "data").mkdir(parents=True)  # a site built before, as far as build() can tell
    (out / "data" / "catalog.json").write_text('{"plans": []}', encoding="utf-8")
    (out / "index.html").write_text("the previous site", encoding="utf-8")
    content = make_content(tmp_path, data)
    result = build(content, out, segmenter=segmenter)
    if result.report.errors:
        folder = content / "plan"
        for error in result.report.errors:
            assert Path(error.path).parent == folder, str(error)
            lines = Path(error.path).read_bytes().count(b"\n") + 1
            assert 0 <= error.line <= lines, str(error)  # 0: the file as a whole (it cannot be decoded)
        assert (out / "index.html").read_text(encoding="utf-8") == "the previous site"
        return
    export = json.loads((out / "data" / "plan.json").read_text(encoding="utf-8"))
    text = data.decode("utf-8").split("\n")
    toc = _toc_lines(text, export)
    printed = "".join(_printed_chars(line) for number, line in enumerate(text, 1) if number not in toc)
    assert "".join(_own_chars(n) for n in export["nodes"]) == printed
