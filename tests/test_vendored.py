"""Vendored files are the origin's bytes under a header saying so (bench/search_eval.py)."""
from __future__ import annotations

import hashlib
import re

from conftest import ROOT

VENDORED = ROOT / "bench" / "search_eval.py"
SHARED = ROOT.parent / "shared" / "search" / "search_eval.py"


def _header_and_body() -> tuple[str, bytes]:
    lines = VENDORED.read_bytes().split(b"\n")
    end = next(i for i, line in enumerate(lines[1:], 1) if not line.startswith(b"#"))
    header = b"\n".join(lines[1:end]).decode("utf-8")
    return header, b"\n".join([lines[0], *lines[end:]])


def test_vendored_harness_is_the_origin_under_its_header():
    header, body = _header_and_body()
    assert header.startswith("# VENDORED:")
    recorded = re.search(r"sha256 of the original: ([0-9a-f]{64})", header).group(1)
    assert hashlib.sha256(body).hexdigest() == recorded, "edited in place: update it from the origin instead"
    if SHARED.is_file():  # beside the checkout on the team's machines, not on a fresh clone
        assert hashlib.sha256(SHARED.read_bytes()).hexdigest() == recorded, "the shared harness changed: re-vendor it"
