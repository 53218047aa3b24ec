"""Tables in every printed form: rows read, indicator tables found by their header,
专栏 printed as tables.

Forms (:func:`grammar.table_cells`): pipe rows, read with markdown-it-py's table rule
(GFM tables: a header row followed by ``|---|``; its tokens carry the line of each
row); tab-separated rows (a web page copied to text); columns aligned with runs of
spaces (a PDF extraction). A row printed with fewer cells than the header continues
the cells above it on the left (merged cells: the group column is printed once).
A line without separators in a PDF extraction continues the cell above (wrapped
text); in other forms it is a row of its own (a group row spanning the table).

A table is an indicator table when its header names an indicator column (指标,
指标名称) and a baseline or target column (基期, 2020年, 目标, “十四五”目标), in any
order; 单位, 年均增长, 属性 (约束性/预期性) and a group column (领域, 类别, 学段) are
optional. Published tables arrive broken, so a row whose cells do not fit the
header's columns is read by what its cells hold (the seed's second part): a
binding (约束性/预期性), values, and labels before them (group, then name). A row
holding a single label names a group; groups carry over from row to row.

Every other table is a ``table`` node holding its rows; inside a 专栏 a table lists
projects (:func:`parse_box_table`).
"""
from __future__ import annotations

import functools
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


from generator.parse import grammar as g
from generator.structure import ids
from generator.structure.diagnostics import Report
from generator.structure.messages import msg
from generator.parse.figures import NO_FIGURE, Figure, FigureReader, holds_figure, reader
from generator.config.genre import Genre
from generator.parse.lex import Token
from generator.structure.records import Box, Indicator, Project, Source, Table, TableGroup
from generator.parse.groups import table_groups

BINDING = re.compile(r"^(约束性|预期性)$")
LEVELLED_NAME = g.LEVELLED_NAME
VALUE = re.compile(r"^(?:--|—|－|-|–|\d+(?:\.\d+)?%?)$")
UNIT = re.compile(r"\s*[（(]([^（()）]{1,6})[）)]$")
YEAR = re.compile(r"(\d{4})\s*年")

# Header words of each column role, checked in this order (指标属性 is a binding, not a name).
HEADER_ROLES = (
    ("number", re.compile(r"^(?:序号|编号|序)$")),
    ("binding", re.compile(r"属性|性质|指标类型")),
    ("unit", re.compile(r"^(?:计量)?单位$")),
    ("growth", re.compile(r"年均|增速|增幅")),
    ("baseline", re.compile(r"基期|基数|基准|现状")),
    ("target", re.compile(r"目标|规划值|预期值|评价标准|标准值|考核标准")),  # 评价标准: an indicator system's targets in words
    ("name", re.compile(r"指标")),
    ("group", re.compile(r"^(?:领域|类别|学段|分类|方面|维度|板块|细分|子类|方向|层次|重点领域|阶段|类型)$")),
    ("title", re.compile(r"项目|工程|名称|行动|计划")),
    ("task", re.compile(r"任务|内容|措施|举措|目标")),
)


@dataclass
class Row:
    """One printed row: its cells (empty cells kept in place) and lines."""

    cells: list[str]
    line: int
    end_line: int
    form: str = "pipe"
    header: bool = False
    spans: bool = False  # a line without separators


@dataclass
class TableResult:
    nodes: list
    indicators: int


@dataclass
class BoxTableResult:
    nodes: list
    projects: int
    groups: int
    lead: str | None = None


@dataclass
class _State:
    figures: FigureReader
    top_groups: tuple[str, ...] = ()
    known_groups: frozenset[str] = frozenset()
    stage: str = ""
    substage: str | None = None
    baseline_year: int | None = None
    target_year: int | None = None


@dataclass
class _Columns:
    roles: list[str | None] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    def at(self, role: str) -> int | None:
        return self.roles.index(role) if role in self.roles else None

    @property
    def is_indicator(self) -> bool:
        return "name" in self.roles and ("target" in self.roles or "baseline" in self.roles)


def five_year_plan_end(text: str) -> int | None:
    """2025 for “十四五”, 2030 for “十五五” (the 11th plan ran 2006–2010)."""
    match = re.search(rf"十({g.CN_NUM})五", text)
    if not match:
        return None
    return 2010 + 5 * (10 + g.cn_to_int(match.group(1)) - 11)


# -- rows ----------------------------------------------------------------------------

def read_rows(tokens: list[Token]) -> list[Row]:
    """The rows of one printed table, in print order; separator lines (|---|) dropped."""
    rows: list[Row] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if _is_pipe(token):
            end = i
            while end < len(tokens) and _is_pipe(tokens[end]):
                end += 1
            rows += _pipe_rows(tokens[i:end])
            i = end
            continue
        found = g.table_cells(token.text)
        if found:
            rows.append(Row(found[1], token.line, token.end_line, found[0]))
        else:
            rows.append(Row([token.text], token.line, token.end_line, "line", spans=True))
        i += 1
    return rows


def _is_pipe(token: Token) -> bool:
    return token.kind == "table_rule" or bool(g.TABLE_ROW.match(token.text))


@functools.cache
def _markdown():
    """markdown-it-py's parser with its table rule, imported when a plan first has a pipe
    table (9 of the 12 real plans have none: 20 ms of imports they do not pay)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


_REMEMBERING: list = []  # the build cache of the innermost ``pipe_rows_remembered`` block


@contextmanager
def pipe_rows_remembered(cache):
    """Within the block, ``_pipe_rows`` takes from ``cache`` (the build cache,
    generator/write/cache.py) the rows of a pipe table it read before: the same tokens (kind,
    text, lines relative to the table's first), read by the same code (``_rows_reader``):
    markdown-it-py is then neither imported nor run (about 25 ms of the seed's parse). A
    disabled cache (--no-cache) neither reads nor records."""
    _REMEMBERING.append(cache)
    try:
        yield
    finally:
        _REMEMBERING.pop()


@functools.cache
def _rows_reader() -> str:
    """Digest of what reads pipe rows: this module, the grammar and the lexer's source, the
    Python and library versions (markdown-it-py's among them: requirements.lock)."""
    from generator.write.cache import digest, versions_digest

    here = Path(__file__).resolve().parent
    return digest(versions_digest(), *((here / name).read_bytes() for name in ("table.py", "grammar.py", "lex.py")))


def _pipe_rows(tokens: list[Token]) -> list[Row]:
    """``_read_pipe_rows``, from the build cache when a ``pipe_rows_remembered`` block has
    seen the same tokens (kept as relative lines: a table moved down the text is found)."""
    cache = _REMEMBERING[-1] if _REMEMBERING else None
    if cache is None or not cache.enabled:
        return _read_pipe_rows(tokens)
    from generator.write.cache import digest

    first = tokens[0].line
    key = digest("pipe-rows", _rows_reader(),
                 repr([(t.kind, t.text, t.line - first, t.end_line - first) for t in tokens]))
    kept = cache.get("rows", key)
    if isinstance(kept, list):
        return [Row(cells, first + line, first + end, form, header, spans) for cells, line, end, form, header, spans
                in kept]
    rows = _read_pipe_rows(tokens)
    cache.put("rows", key, [(r.cells, r.line - first, r.end_line - first, r.form, r.header, r.spans) for r in rows])
    return rows


def _read_pipe_rows(tokens: list[Token]) -> list[Row]:
    """Pipe rows read by markdown-it-py's table rule; rows it does not take (no |---| under
    a header) are split by its own cell splitter. Cells beyond the header's count, which
    the rule drops, are kept."""
    first = tokens[0].line
    lines = [""] * (tokens[-1].line - first + 1)
    for token in tokens:
        lines[token.line - first] = token.text
    header_lines: set[int] = set()
    cells_at: dict[int, list[str]] = {}
    current: list[str] | None = None
    in_head = False
    for md in _markdown().parse("\n".join(lines)):
        if md.type == "thead_open":
            in_head = True
        elif md.type == "thead_close":
            in_head = False
        elif md.type == "tr_open":
            current = cells_at.setdefault(md.map[0] + first, [])
            if in_head:
                header_lines.add(md.map[0] + first)
        elif md.type == "inline" and current is not None:
            current.append(md.content)
        elif md.type == "tr_close":
            current = None
    from markdown_it.rules_block.table import escapedSplit

    rows = []
    for token in tokens:
        if token.kind == "table_rule" or g.TABLE_RULE.match(token.text):
            continue
        raw = [c.strip() for c in escapedSplit(token.text.strip())[1:-1]]
        cells = cells_at.get(token.line)
        if cells is None:
            cells = raw
        elif len(raw) > len(cells):
            cells = cells + raw[len(cells):]
        elif len(raw) < len(cells):
            cells = raw  # fewer cells printed: aligned to the right later
        rows.append(Row(cells, token.line, token.end_line, "pipe", header=token.line in header_lines))
    return rows


def _aligned(row: Row, width: int) -> list[str]:
    """Cells of ``row`` padded on the left to ``width`` (merged cells are printed once, above)."""
    if len(row.cells) >= width:
        return list(row.cells)
    return [""] * (width - len(row.cells)) + list(row.cells)


def _columns(header: list[str]) -> _Columns:
    roles: list[str | None] = []
    for cell in header:
        text = g.squash(cell)
        role = next((r for r, pattern in HEADER_ROLES if text and pattern.search(text)), None)
        if role is None and YEAR.search(text):
            role = "year"
        if role == "target" and role in roles:
            role = "more_target"  # 2023年目标值 | 2035年目标值: a target per column, each of its own year
        elif role == "name" and role in roles and LEVELLED_NAME.search(text):
            roles[roles.index("name")] = "group"  # 一级指标 | 二级指标: the upper levels group the last
        elif role in roles and role not in ("group", "task", "year"):
            role = None
        roles.append(role)
    years = [i for i, r in enumerate(roles) if r == "year"]
    if years and "target" not in roles and (len(years) >= 2 or "baseline" in roles):
        roles[years.pop()] = "target"
    if years and "baseline" not in roles:
        roles[years.pop()] = "baseline"
    return _Columns(roles, list(header))


def _is_header(cells: list[str]) -> bool:
    """A row of column names: two or more header words, no figure."""
    filled = [c for c in cells if c]
    if any(VALUE.match(c) and not YEAR.search(c) for c in filled):
        return False
    named = _columns(filled).roles
    return sum(1 for r in named if r) >= 2


def _heads_figures(rows: list[Row]) -> bool:
    """A first row of words over rows of figures (区县 | 新建学校（所） over 东城区 | 3) heads its columns."""
    def figures(row: Row) -> int:
        return sum(1 for c in row.cells if c and holds_figure(c))
    return len(rows) >= 2 and figures(rows[0]) == 0 and not rows[0].spans and figures(rows[1]) > 0


def _wrap_cell(cells: list[str]) -> int | None:
    """The cell a wrapped line continues: the last one holding words, not a figure or a tag."""
    for i in range(len(cells) - 1, -1, -1):
        cell = cells[i]
        if cell and not VALUE.match(cell) and not BINDING.match(cell) and not holds_figure(cell):
            return i
    return None


def _continue_cell(previous: Row, line: Row) -> None:
    at = _wrap_cell(previous.cells)
    if at is None:
        at = len(previous.cells) - 1
    previous.cells[at] = previous.cells[at] + line.cells[0]
    previous.end_line = line.end_line


def merge_numbered_lines(rows: list[Row]) -> list[Row]:
    """Rows with each numbered line that goes on with a cell's numbered lines (2.… under a
    cell holding 1.…) joined to that cell, whatever the table (an indicator system's 评价标准,
    a 任务分工表's 主要内容)."""
    merged: list[Row] = []
    for row in rows:
        if row.spans and merged and not merged[-1].header and _continue_numbered_cell(merged[-1], row):
            continue
        merged.append(row)
    return merged


def _continue_numbered_cell(previous: Row, line: Row) -> bool:
    """A numbered line (2.…) that goes on with the numbered lines of a cell of the row above
    (1.…) joins that cell, after a space; False when no cell holds the number before it."""
    found = g.division_style(line.cells[0])
    if found is None or found[0] not in g.CELL_STYLES:
        return False
    style, _, ordinal, _ = found
    at = next((i for i in range(len(previous.cells) - 1, -1, -1)
               if g.holds_number(previous.cells[i], style, ordinal - 1)), None)
    if at is None:
        return False
    previous.cells[at] = f"{previous.cells[at]} {line.cells[0]}"
    previous.end_line = line.end_line
    return True


# -- tables outside 专栏 ---------------------------------------------------------------

def parse_table(caption: Token | None, tokens: list[Token], table_no: int, first_indicator: int,
                path: str, report: Report, genre: Genre) -> TableResult:
    """Nodes of one printed table: an indicator table (table parts, group rows, indicators)
    or any other table (one ``table`` node holding its rows)."""
    rows = merge_numbered_lines(read_rows(tokens))
    if not rows:
        return TableResult([], 0)
    header = next((r for r in rows if r.header), None)
    if header is None and rows[0].form != "pipe" and (_is_header(rows[0].cells) or _heads_figures(rows)):
        header = rows[0]
        header.header = True
    columns = _columns(header.cells) if header else _Columns()
    if header is not None and not columns.is_indicator:
        return TableResult([_data_table(caption, rows, table_no, path)], 0)
    if header is None and not _looks_like_indicators(rows):
        if rows[0].form == "pipe" and not rows[0].spans and _is_header(rows[0].cells):
            rows[0].header = True  # a pipe table printed without |---| under its header row
        return TableResult([_data_table(caption, rows, table_no, path)], 0)
    return _indicator_table(caption, rows, columns, table_no, first_indicator, path, report, genre)


def _looks_like_indicators(rows: list[Row]) -> bool:
    """A headerless pipe table whose rows carry 约束性/预期性 (damaged text keeps its indicators)."""
    return any(r.form == "pipe" for r in rows) and any(BINDING.match(c) for r in rows for c in r.cells)


def _data_table(caption: Token | None, rows: list[Row], table_no: int, path: str) -> Table:
    width = max(len(r.cells) for r in rows)
    merged: list[Row] = []
    for row in rows:
        if row.spans and merged and _wrapping(rows) and not merged[-1].header:
            _continue_cell(merged[-1], row)
            continue
        merged.append(Row(_aligned(row, width) if not row.spans else list(row.cells), row.line, row.end_line,
                          row.form, row.header, row.spans))
    line = caption.line if caption else rows[0].line
    cells = [[c for c in r.cells] for r in merged]
    text = " ".join(c for r in cells for c in r if c)
    return Table(ids.table_id(table_no), None, Source(path, line, rows[-1].end_line),
                 title=caption.text if caption else None, text=text, rows=cells, role="data",
                 header=bool(merged and merged[0].header))


def _indicator_table(caption, rows: list[Row], columns: _Columns, table_no: int, first_indicator: int,
                     path: str, report: Report, genre: Genre) -> TableResult:
    nodes: list = []
    state = _State(reader(genre), *table_groups(genre))
    table_id = ids.table_id(table_no)
    part = 0
    group = 0
    ordinal = first_indicator - 1
    width = len(columns.roles)
    wrapping = _wrapping(rows)
    previous: Indicator | None = None
    for row in rows:
        source = Source(path, row.line, row.end_line)
        if row.header or (columns.roles and g.squash("".join(row.cells)) == g.squash("".join(columns.headers))):
            part += 1
            columns = _columns(row.cells)
            width = len(columns.roles)
            _read_years([c for c in row.cells if c], state)
            node_id = ids.table_id(table_no, part)
            title = caption.text if (part == 1 and caption) else None
            src = Source(path, caption.line, row.end_line) if (part == 1 and caption) else source
            nodes.append(Table(node_id, None, src, title=title, text=" ".join(c for c in row.cells if c), part=part))
            continue
        filled = [c for c in row.cells if c]
        if not filled:
            continue
        if part == 0:
            part = 1
            report.warning(path, row.line, "table-header",
                           msg("table has no header row (a row followed by |---|): the years of its columns are unknown"))
            title = caption.text if caption else None
            src = Source(path, caption.line, row.line) if caption else source
            nodes.append(Table(table_id, None, src, title=title, part=1))
        if row.spans and wrapping and previous is not None and not _names_group(filled[0], state):
            _continue_name(previous, filled[0], row.end_line)
            continue
        kind, fields = _read_row(_placed(row, columns, width), columns, state)
        if kind == "group":
            group += 1
            nodes.append(TableGroup(ids.group_id(table_id, group), table_id, source, text=" ".join(filled)))
            previous = None
            continue
        if kind == "bad":
            report.warning(path, row.line, "table-row", msg("cannot read indicator row: {row}", row=" | ".join(filled)))
            nodes.append(TableGroup(ids.row_id(table_id, row.line), table_id, source, text=" ".join(filled)))
            previous = None
            continue
        ordinal += 1
        previous = Indicator(ids.indicator_id(ordinal), table_id, source, text=" ".join(filled), ordinal=ordinal,
                             baseline_year=state.baseline_year, target_year=state.target_year, **fields)
        nodes.append(previous)
    return TableResult(nodes, ordinal - first_indicator + 1)


def _continue_name(indicator: Indicator, text: str, end_line: int) -> None:
    """A wrapped line of the name cell (PDF): 学前教育毛入园 / 率（%）."""
    indicator.text += text
    name = indicator.name + text
    unit = UNIT.search(name)
    if unit and indicator.unit is None:
        indicator.unit, name = unit.group(1).strip(), name[: unit.start()].strip()
    indicator.name = name
    indicator.source = Source(indicator.source.path, indicator.source.line, end_line)


def _placed(row: Row, columns: _Columns, width: int) -> list[str]:
    """Cells of a row in the header's columns. A row with fewer cells lacks the group cells
    printed above it (merged), or its last cells were empty and lost with the line's
    trailing tabs: the first placement whose cells fit the columns is taken."""
    if row.spans or len(row.cells) >= width:
        return list(row.cells)
    right = _aligned(row, width)
    if _fits(right, columns):
        return right
    groups = sum(1 for r in columns.roles if r == "group")
    left = [""] * groups + list(row.cells)
    left += [""] * (width - len(left))
    return left if len(left) == width and _fits(left, columns) else right


def _names_group(text: str, state: _State) -> bool:
    return text in state.known_groups or bool(g.item_style(text))


def _read_years(header: list[str], state: _State) -> None:
    years = []
    for cell in header:
        match = YEAR.search(cell)
        years.append(int(match.group(1)) if match else five_year_plan_end(cell))
    found = [y for y in years if y]
    if len(found) >= 2:
        state.baseline_year, state.target_year = found[0], found[-1]
    elif len(found) == 1 and state.target_year is None:
        state.target_year = found[0]


def _read_row(cells: list[str], columns: _Columns, state: _State) -> tuple[str, dict]:
    filled = [c for c in cells if c]
    if len(filled) == 1 and not VALUE.match(filled[0]) and state.figures.read_figure(filled[0]).value is None:
        _enter_group(filled[0], state)
        return "group", {}
    if _fits(cells, columns):
        return "indicator", _by_columns(cells, columns, state)
    return _by_content(filled, state)


def _fits(cells: list[str], columns: _Columns) -> bool:
    """Whether a row's cells hold what the header's columns say (a name, a binding, figures)."""
    name_at, binding_at = columns.at("name"), columns.at("binding")
    if name_at is None or name_at >= len(cells):
        return False
    name = cells[name_at]
    if not name or BINDING.match(name) or VALUE.match(name):
        return False
    if binding_at is not None and binding_at < len(cells) and cells[binding_at] and not BINDING.match(cells[binding_at]):
        return False
    return all(not BINDING.match(cells[i]) for i, r in enumerate(columns.roles)
               if r in ("baseline", "target") and i < len(cells))


def _by_columns(cells: list[str], columns: _Columns, state: _State) -> dict:
    def cell(role: str) -> str:
        at = columns.at(role)
        return cells[at] if at is not None and at < len(cells) else ""

    if cell("group"):
        _enter_group(cell("group"), state, force_stage=True)
    substage, name, unit = _split_name(cell("name"), state)
    if substage:
        state.substage = substage
    binding = cell("binding") if BINDING.match(cell("binding")) else next((c for c in cells if BINDING.match(c)), None)
    baseline, target = state.figures.read_figure(cell("baseline")), state.figures.read_figure(cell("target"))
    return {
        "stage": state.stage, "substage": state.substage, "name": name,
        "unit": (cell("unit") if not NO_FIGURE.match(cell("unit")) else None) or unit
        or _figure_unit(baseline, target), "binding": binding,
        "baseline": baseline.value, "target": target.value,
        "baseline_text": cell("baseline") or None, "target_text": cell("target") or None,
        "target_op": target.op, "target_change": target.change, "growth_text": cell("growth") or None,
        "targets": [t.record() for at, role in enumerate(columns.roles) if role in ("target", "more_target")
                    and at < len(cells) for t in state.figures.stated_targets(cells[at], _column_year(columns, at, state))],
    }


def _column_year(columns: _Columns, at: int, state: _State) -> int | None:
    """The year a target column's header names (2035年目标值, “十四五”目标), else the table's target year."""
    header = g.squash(columns.headers[at]) if at < len(columns.headers) else ""
    match = YEAR.search(header)
    return int(match.group(1)) if match else five_year_plan_end(header) or state.target_year


def _figure_unit(*figures: Figure) -> str | None:
    return next((f.unit for f in figures if f.unit), None)


def _by_content(filled: list[str], state: _State) -> tuple[str, dict]:
    """A row whose columns cannot be trusted: labels, then the binding, then up to two values."""
    binding_at = next((i for i, c in enumerate(filled) if BINDING.match(c)), None)
    if binding_at is None:
        return "bad", {}
    labels, values = filled[:binding_at], filled[binding_at + 1:]
    if not labels or len(labels) > 2 or len(values) > 2 or not all(VALUE.match(v) for v in values):
        return "bad", {}
    if len(labels) == 2:
        _enter_group(labels[0], state, force_stage=True)
    substage, name, unit = _split_name(labels[-1], state)
    if substage:
        state.substage = substage
    printed = values + [None] * (2 - len(values))
    figures = [state.figures.read_figure(v or "") for v in printed]
    return "indicator", {
        "stage": state.stage, "substage": state.substage, "name": name, "unit": unit,
        "binding": filled[binding_at], "baseline": figures[0].value, "target": figures[1].value,
        "baseline_text": printed[0], "target_text": printed[1], "target_op": figures[1].op,
        "target_change": None, "growth_text": None,
        "targets": [t.record() for t in state.figures.stated_targets(printed[1] or "", state.target_year)],
    }


def _enter_group(label: str, state: _State, force_stage: bool = False) -> None:
    """A group row: a top-level group (the genre's ``table_groups``, the first group, a group
    column's cell) or a subgroup of the current one. A genre naming no top-level groups (a new
    sector's file) leaves it to the table: a group row is top-level unless its number ranks
    below the current group's (（一） under 一、)."""
    if force_stage or label in state.top_groups or not state.stage or (
            not state.top_groups and not _numbered_below(label, state.stage)):
        state.stage, state.substage = label, None
    else:
        state.substage = label


def _numbered_below(label: str, group: str) -> bool:
    """Whether ``label``'s number ranks below ``group``'s in the nesting of numbering styles."""
    inner, outer = g.item_style(label), g.item_style(group)
    return bool(inner and outer and g.STYLE_RANK[inner[0]] > g.STYLE_RANK[outer[0]])


def _split_name(cell: str, state: _State) -> tuple[str | None, str, str | None]:
    """(group printed before the name, name, unit in brackets): 高等职业教育 学科专业总量 (个)."""
    unit = None
    match = UNIT.search(cell)
    if match:
        unit, cell = match.group(1).strip(), cell[: match.start()].strip()
    substage = None
    head, _, rest = cell.partition(" ")
    if rest and head in state.known_groups:
        substage, cell = head, rest.strip()
    return substage, cell, unit


# -- 专栏 printed as a table ------------------------------------------------------------

def parse_box_table(tokens: list[Token], table_no: int, box: Box, first_project: int, first_group: int,
                    path: str) -> BoxTableResult | None:
    """Projects of a 专栏 printed as a table (类别 | 细分 | 重点任务, 序号 | 项目名称 | 建设内容).

    Each row is a ``project``: 序号 its number, 项目名称 its title, the other cells its
    text; group columns (类别, 细分…) are its ``context`` and carry down over merged
    cells, their printed cells are ``table_group`` nodes. The line after the header that
    spans the table is the box's lead; lines wrapped inside a cell are joined. None when
    the table is an indicator table (its header says so).
    """
    rows = read_rows(tokens)
    if not rows:
        return None
    header = next((r for r in rows if r.header), None)
    if header is None and _is_header(rows[0].cells):
        header = rows[0]
    if header is not None and _columns(header.cells).is_indicator:
        return None
    width = len(header.cells) if header else max(len(r.cells) for r in rows)
    roles = _columns(header.cells).roles if header else ["group"] * (width - 1) + ["task"]
    names = header.cells if header else [f"列{i + 1}" for i in range(width)]
    body = [r for r in rows if r is not header]
    lead = None
    if body and header is not None and _is_lead(body[0].cells):
        lead = next(c for c in body.pop(0).cells if c)
    nodes: list = []
    if header is not None:
        nodes.append(_box_header(header, ids.table_id(table_no), box, path))
    context: dict[str, str] = {}
    count, groups, parts = first_project, first_group, 1
    for row in _entries(body, width, _wrapping(rows)):
        if header is not None and g.squash("".join(row.cells)) == g.squash("".join(header.cells)):
            parts += 1  # the header printed again after a page break
            nodes.append(_box_header(row, ids.table_id(table_no, parts), box, path))
            continue
        for i, role in enumerate(roles):
            if role == "group" and i < len(row.cells) and row.cells[i]:
                for right in names[i:]:
                    context.pop(right, None)
                context[names[i]] = row.cells[i]
                groups += 1
                nodes.append(TableGroup(ids.group_id(box.id, groups), box.id,
                                        Source(path, row.line, row.end_line), text=row.cells[i]))
        placed = roles + [None] * (len(row.cells) - len(roles))
        rest = [(role, c) for role, c in zip(placed, row.cells) if role != "group" and c]
        run = g.numbered_run(rest[-1][1]) if rest and rest[-1][0] not in ("number", "title") else None
        for entry in _run_entries(rest, run) if run else [rest] if rest else []:
            count += 1
            nodes.append(_project(entry, count, box, dict(context), Source(path, row.line, row.end_line)))
    return BoxTableResult(nodes, count - first_project, groups - first_group, lead)


def _run_entries(cells: list[tuple[str | None, str]],
                 run: list[tuple[str, int, str]]) -> list[list[tuple[str | None, str]]]:
    """A 专栏 row whose last cell holds (1)…。(2)…。(3)…。: one project per numbered entry, the
    row's other cells (its name, its 序号) on the first. An entry's printed number is its
    number, or the start of its text when the row prints a 序号 of its own."""
    head, role = cells[:-1], cells[-1][0]
    numbered = any(r == "number" for r, _ in head)
    entries = []
    for k, (number, _, text) in enumerate(run):
        entry = [(role, number + text)] if numbered else [("number", number), (role, text)]
        entries.append((list(head) if k == 0 else []) + entry)
    return entries


def _box_header(row: Row, node_id: str, box: Box, path: str) -> Table:
    return Table(node_id, box.id, Source(path, row.line, row.end_line), text=" ".join(c for c in row.cells if c),
                 rows=[row.cells], role="box", header=True)


def _entries(body: list[Row], width: int, wrapping: bool) -> list[Row]:
    """Body rows in the header's columns, wrapped lines joined to the cell they continue."""
    entries: list[Row] = []
    for row in body:
        if row.spans and entries and wrapping:
            _continue_cell(entries[-1], row)
        else:
            cells = _aligned(row, width) if not row.spans else [""] * (width - 1) + row.cells
            entries.append(Row(cells, row.line, row.end_line, row.form))
    return entries


def _project(cells: list[tuple[str | None, str]], ordinal: int, box: Box, context: dict[str, str],
             source: Source) -> Project:
    """A 专栏 row as a project: 序号 its number, 项目名称 its title, the other cells its text."""
    number = next((c for role, c in cells if role == "number"), None)
    title = next((c for role, c in cells if role == "title"), None)
    text = " ".join(c for role, c in cells if role not in ("number", "title")) or None
    label = title or re.split(r"[，,。；;]", text or "")[0]
    return Project(ids.project_id(box.id, ordinal), box.id, source, number=number, title=title, text=text,
                   ordinal=ordinal, label=label, context=context)


def _is_lead(cells: list[str]) -> bool:
    """A line spanning the table that introduces it (one cell), not a short group label."""
    filled = [c for c in cells if c]
    return len(filled) == 1 and (len(filled[0]) >= 12 or filled[0][-1:] in g.SENTENCE_END)


def _wrapping(rows: list[Row]) -> bool:
    """Whether a line without separators is a wrapped cell: in a PDF extraction (columns
    aligned with spaces) or between pipe rows; a web page copied to text (tabs) wraps no
    cell, and a line without tabs is a row whose leading empty cells were lost."""
    return rows[0].form in ("spaces", "pipe")
