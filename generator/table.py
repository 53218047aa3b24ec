"""Recover the indicator table from its printed pipe-table parts.

Published tables arrive broken: a second part with shifted columns, empty cells,
group labels in the name column. Column positions cannot be trusted, so each
row's non-empty cells are read by what they hold: a binding (约束性/预期性),
values (numbers or ``--``), and labels before them (stage, then name). A row with
a single label and nothing else names a group. Stage and substage carry over
from row to row, as readers of the printed table carry them over.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import grammar as g
from .diagnostics import Report
from .genre import Genre
from .lex import Token
from .records import Indicator, Source, Table, TableGroup

BINDING = re.compile(r"^(约束性|预期性)$")
VALUE = re.compile(r"^(?:--|—|－|-|–|\d+(?:\.\d+)?%?)$")
UNIT = re.compile(r"\s*[（(]([^（()）]{1,6})[）)]$")
YEAR = re.compile(r"(\d{4})\s*年")


@dataclass
class TableResult:
    nodes: list
    indicators: int


@dataclass
class _State:
    top_groups: tuple[str, ...] = ()
    stage: str = ""
    substage: str | None = None
    baseline_year: int | None = None
    target_year: int | None = None


def five_year_plan_end(text: str) -> int | None:
    """2025 for “十四五”, 2030 for “十五五” (the 11th plan ran 2006–2010)."""
    match = re.search(rf"十({g.CN_NUM})五", text)
    if not match:
        return None
    return 2010 + 5 * (10 + g.cn_to_int(match.group(1)) - 11)


def parse_table(caption: Token | None, rows: list[Token], table_no: int, first_indicator: int,
                path: str, report: Report, genre: Genre) -> TableResult:
    nodes: list = []
    state = _State(genre.table_groups)
    table_id = f"tbl_{table_no}"
    part = 0
    group = 0
    ordinal = first_indicator - 1
    for i, row in enumerate(rows):
        if row.kind == "table_rule":
            continue
        cells = [c.strip() for c in row.text.strip().strip("|").split("|")]
        filled = [c for c in cells if c]
        is_header = i + 1 < len(rows) and rows[i + 1].kind == "table_rule"
        source = Source(path, row.line, row.end_line)
        if is_header:
            part += 1
            _read_years(filled, state)
            node_id = table_id if part == 1 else f"{table_id}__part_{part}"
            title = caption.text if (part == 1 and caption) else None
            src = Source(path, caption.line, row.end_line) if (part == 1 and caption) else source
            nodes.append(Table(node_id, None, src, title=title, text=" ".join(filled), part=part))
            continue
        if not filled:
            continue
        if part == 0:
            part = 1
            report.warning(path, row.line, "table-header",
                           "table has no header row (a row followed by |---|): the years of its columns are unknown")
            title = caption.text if caption else None
            src = Source(path, caption.line, row.line) if caption else source
            nodes.append(Table(table_id, None, src, title=title, part=1))
        parent = table_id
        kind, fields = _read_row(filled, state)
        if kind == "group":
            group += 1
            nodes.append(TableGroup(f"{table_id}__grp_{group}", parent, source, text=" ".join(filled)))
            continue
        if kind == "bad":
            report.warning(path, row.line, "table-row", f"cannot read indicator row: {' | '.join(filled)}")
            nodes.append(TableGroup(f"{table_id}__row_{row.line}", parent, source, text=" ".join(filled)))
            continue
        ordinal += 1
        nodes.append(Indicator(f"ind_{ordinal}", parent, source, text=" ".join(filled),
                               ordinal=ordinal, baseline_year=state.baseline_year,
                               target_year=state.target_year, **fields))
    return TableResult(nodes, ordinal - first_indicator + 1)


def _read_years(header: list[str], state: _State) -> None:
    years = []
    for cell in header:
        match = YEAR.search(cell)
        years.append(int(match.group(1)) if match else five_year_plan_end(cell))
    found = [y for y in years if y]
    if len(found) >= 2:
        state.baseline_year, state.target_year = found[0], found[-1]


def _read_row(filled: list[str], state: _State) -> tuple[str, dict]:
    binding_at = next((i for i, c in enumerate(filled) if BINDING.match(c)), None)
    if binding_at is None:
        if len(filled) == 1 and not VALUE.match(filled[0]):
            _enter_group(filled[0], state)
            return "group", {}
        return "bad", {}
    labels, values = filled[:binding_at], filled[binding_at + 1:]
    if not labels or len(labels) > 2 or len(values) > 2 or not all(VALUE.match(v) for v in values):
        return "bad", {}
    if len(labels) == 2:
        _enter_group(labels[0], state, force_stage=True)
    name_cell = labels[-1]
    substage, name, unit = _split_name(name_cell)
    if substage:
        state.substage = substage
    numbers = [_number(v) for v in values] + [None] * (2 - len(values))
    return "indicator", {
        "stage": state.stage, "substage": state.substage, "name": name, "unit": unit,
        "binding": filled[binding_at], "baseline": numbers[0], "target": numbers[1],
    }


def _enter_group(label: str, state: _State, force_stage: bool = False) -> None:
    if force_stage or label in state.top_groups or not state.stage:
        state.stage, state.substage = label, None
    else:
        state.substage = label


def _split_name(cell: str) -> tuple[str | None, str, str | None]:
    unit = None
    match = UNIT.search(cell)
    if match:
        unit, cell = match.group(1).strip(), cell[: match.start()].strip()
    substage = None
    head, _, rest = cell.partition(" ")
    if rest and head.endswith("教育"):
        substage, cell = head, rest.strip()
    return substage, cell, unit


def _number(cell: str) -> int | float | None:
    cell = cell.rstrip("%")
    if not re.fullmatch(r"\d+(?:\.\d+)?", cell):
        return None
    return float(cell) if "." in cell else int(cell)
