"""Per-rule fixture files in the manner of markdown-it-py's ``tests/test_port/fixtures``.

A fixture file holds cases, each three blocks separated by lines holding a single ``.``::

    title of the case
    .
    ---                      (optional plan.yml for this case, between --- lines)
    title: 某市某某规划
    ---
    plan text, as published
    .
    - {kind: chapter, id: chp_1, number: 一、, title: 总体要求}
    - {kind: measure, text: 坚持…}
    .

The expected block is YAML: a list of records, or a mapping with ``nodes`` (that list),
``kinds`` (only nodes of these kinds are compared; default: every kind but ``front`` and
``target``), ``warnings`` and ``errors`` (the diagnostic codes expected, in order; when
absent, any count is accepted for warnings and none for errors). Each expected record
is compared on the keys it names only, so a case states what its rule decides.
Lines starting with ``#`` before a case's title are comments.

``tests/fixtures/rules/`` holds whole-plan cases (test_fixtures.py); ``tests/fixtures/stages/``
holds cases of one stage called directly, whose expected block each stage's test reads in
its own way (test_stage_fixtures.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

DEFAULT_META = {
    "title": "某市“十四五”某某发展规划",
    "issuer": "某市人民政府",
    "doc_number": "某政发〔2022〕1号",
    "date": "2022-01-01",
    "source": "plan.txt",
}


@dataclass(frozen=True)
class Case:
    file: Path
    line: int
    title: str
    meta: dict
    text: str
    expected: dict

    def __str__(self) -> str:
        return f"{self.file.name}:{self.line} {self.title}"


def read_fixture_file(path: Path) -> list[Case]:
    """Every case of ``path`` with the line its title is on (for failure messages)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[Case] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip() or lines[i].startswith("#"):
            i += 1
            continue
        title_line, title = i + 1, lines[i].strip()
        blocks, i = _blocks(lines, i + 1, path, title_line)
        meta, text = _meta_and_text(blocks[0])
        expected = yaml.safe_load("\n".join(blocks[1])) or []
        if isinstance(expected, list):
            expected = {"nodes": expected}
        cases.append(Case(path, title_line, title, meta, "\n".join(text) + "\n", expected))
    return cases


def _blocks(lines: list[str], i: int, path: Path, title_line: int) -> tuple[list[list[str]], int]:
    if i >= len(lines) or lines[i] != ".":
        raise ValueError(f"{path}:{title_line}: a case title must be followed by a '.' line")
    blocks: list[list[str]] = []
    i += 1
    current: list[str] = []
    while i < len(lines) and len(blocks) < 2:
        if lines[i] == ".":
            blocks.append(current)
            current = []
        else:
            current.append(lines[i])
        i += 1
    if len(blocks) < 2:
        raise ValueError(f"{path}:{title_line}: case is not closed by a '.' line")
    return blocks, i


def _meta_and_text(block: list[str]) -> tuple[dict, list[str]]:
    meta = dict(DEFAULT_META)
    if block and block[0] == "---":
        end = block.index("---", 1)
        meta.update(yaml.safe_load("\n".join(block[1:end])) or {})
        block = block[end + 1:]
    return meta, block


def record_fields(node) -> dict:
    """A node as the mapping fixtures compare against (kind included)."""
    fields = {k: v for k, v in vars(node).items() if k != "source"}
    fields["kind"] = node.kind
    fields["line"] = node.source.line
    return fields
