"""The records a plan is parsed into: plain dataclasses, one per kind of node.

Every node keeps the characters it holds from the plan in ``number``, ``title``
and ``text`` (in that order), so concatenating them over all nodes in document
order gives back the plan, minus the table of contents, table borders and
whitespace. Derived nodes (``target``) hold no characters of their own: they
point into their parent's text with ``start``/``end``.

Nodes refer to each other by id only; ids follow the plan's own numbering in the
style of the Akoma Ntoso naming convention (``chp_5__sec_1__item_1__para_2``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from generator.config.genre import Genre

if TYPE_CHECKING:
    from generator.structure.diagnostics import Diagnostic


@dataclass(frozen=True)
class Source:
    """Where a node sits in its source file (1-based, inclusive lines)."""

    path: str
    line: int
    end_line: int
    breaks: tuple[tuple[int, int], ...] = ()  # (offset in text, line) where a later line begins

    def line_at(self, offset: int) -> int:
        """The source line holding character ``offset`` of the node's text."""
        line = self.line
        for start, later in self.breaks:
            if offset >= start:
                line = later
        return line


class FrozenRecordError(AttributeError):
    """A record was changed after the phase that made it (``freeze``)."""


class Record:
    """A record is built by one phase and read by the later ones: once ``freeze`` has run on
    it, setting any attribute raises FrozenRecordError (a later phase carries what it
    computes in its own result: links in ``phases.Linked``, URLs in ``pages.PlanPages``)."""

    def __setattr__(self, name: str, value: object) -> None:
        if self.__dict__.get("_frozen"):
            raise FrozenRecordError(f"{type(self).__name__}.{name}: the record is frozen; the phase that "
                                    "computes this value must hand it on in its own result")
        object.__setattr__(self, name, value)

    def __delattr__(self, name: str) -> None:
        if self.__dict__.get("_frozen"):
            raise FrozenRecordError(f"{type(self).__name__}.{name}: the record is frozen")
        object.__delattr__(self, name)


def freeze(*records: Record) -> None:
    """Make the records read-only (their lists and dicts are left as they are)."""
    for record in records:
        object.__setattr__(record, "_frozen", True)


@dataclass
class Node(Record):
    id: str
    parent: str | None
    source: Source
    number: str | None = None
    title: str | None = None
    text: str | None = None

    kind = "node"

    def own_chars(self) -> str:
        """The plan characters this node holds, in print order."""
        return "".join(part for part in (self.number, self.title, self.text) if part)


@dataclass
class Front(Node):
    """Part of the notice around the plan: document number, addressees, signature…"""

    role: str = ""
    kind = "front"


@dataclass
class Division(Node):
    """A numbered division of the plan. ``style`` is its numbering style as printed
    (grammar.DIVISION_STYLES: ``zhang`` for 第X章, ``cn`` for 一、, ``cn_paren`` for （一）…);
    ``level`` its depth in the plan's hierarchy (1 for the top divisions)."""

    ordinal: int = 0
    style: str = ""
    level: int = 1
    kind = "division"


@dataclass
class Part(Division):
    """A 第X篇 / 第X部分 division, above chapters."""

    page: int | None = None
    kind = "part"


@dataclass
class Chapter(Division):
    """A top division below parts: 第X章, or 一、 in a text without chapters."""

    page: int | None = None
    review: bool = False  # a review of past years (“十三五”改革发展成效): figures there are baselines
    kind = "chapter"


@dataclass
class Attachment(Chapter):
    """An appendix (附件N) printed after the plan's body: an indicator system, a 任务分工表…
    (Akoma Ntoso's ``attachment``). ``number`` is its label as printed (附件1), ``title`` its
    title; its divisions, paragraphs and tables are its children. It has a page of its own,
    as a chapter has (pages treat it as one), but it is not counted as a chapter."""

    kind = "attachment"


@dataclass
class AttachmentRef(Node):
    """An entry of the body's list of appendices (附件：1.…指标体系 2.…任务分工表): ``number``
    as printed (附件：1.), ``title`` the appendix's title, ``ordinal`` its number (None when
    the list prints none) and ``attachment`` the id of the appendix it names (None when the
    text does not print that appendix)."""

    ordinal: int | None = None
    attachment: str | None = None
    kind = "attachment_ref"


@dataclass
class Section(Division):
    """The division below a chapter: 第X节, or （一） in a text whose chapters are 一、."""

    page: int | None = None
    kind = "section"


@dataclass
class Item(Division):
    """A numbered point below sections (一、 / （一） / 1. / （1） / ①), or 一是… inside a
    paragraph (style ``inline``). ``depth`` counts the items it sits in, plus one."""

    depth: int = 1
    kind = "item"


@dataclass
class Measure(Node):
    """A paragraph of the plan's body. ``lead`` is its headline sentence, if any."""

    lead: str | None = None
    kind = "measure"


@dataclass
class Box(Node):
    """A 专栏: a boxed list of key projects; ``sub`` is 1 for 专栏3-1 (a sub-box), else None."""

    ordinal: int = 0
    sub: int | None = None
    kind = "box"


@dataclass
class BoxContinuation(Node):
    """The header of a 专栏 printed again where the box continues on a new page."""

    kind = "box_continuation"


@dataclass
class Project(Node):
    """A numbered entry of a 专栏 (``number`` is None where the plan prints none)."""

    ordinal: int = 0
    label: str = ""
    context: dict[str, str] = field(default_factory=dict)  # a 专栏 table's group cells: {类别: 学前教育}
    kind = "project"


@dataclass
class Table(Node):
    """A printed table, or the head of a part of one: caption (title), cells (text).

    ``role``: ``indicators`` (the text holds the header; rows are indicator nodes),
    ``data`` (any other table: the text holds every cell, ``rows`` the cells row by row,
    the first row a header when ``header``), ``box`` (the header of a 专栏 printed as a
    table; its rows are project nodes).
    """

    part: int = 1
    role: str = "indicators"
    rows: list[list[str]] = field(default_factory=list)
    header: bool = False
    kind = "table"


@dataclass
class TableRow(Node):
    """A body row of a printed table (``role`` data) as the search index shows it: not in
    ``Plan.nodes`` (its ``Table`` holds the cells), made from the table when needed
    (``paginate.pages.table_row_nodes``). ``title``: its task cell (工作事项…), ``text``: the
    other cells joined by spaces; ``ordinal``: its place among the body rows."""

    ordinal: int = 0
    kind = "row"


@dataclass
class TableGroup(Node):
    """A row of the indicator table that only names a group (e.g. 本科教育)."""

    kind = "table_group"


@dataclass
class Indicator(Node):
    """A row of the indicator table; ``text`` holds the printed cells."""

    ordinal: int = 0
    stage: str = ""
    substage: str | None = None
    name: str = ""
    unit: str | None = None
    binding: str | None = None
    baseline: float | int | None = None
    target: float | int | None = None
    baseline_year: int | None = None
    target_year: int | None = None
    baseline_text: str | None = None  # the cells as printed (``≥95``, ``6人（含）以下``, ``--``)
    target_text: str | None = None
    target_op: str | None = None  # =, ≥, >, ≤, <, ≈ (``≥95``, ``95以上``)
    target_change: dict | None = None  # a relative target: {value, unit, op, direction: up|down, reference}
    growth_text: str | None = None  # the 年均增长 cell as printed
    # every target the target cell states (figures.StatedTarget.record: text, value, unit, op, year,
    # direction, reference): 2023年达到80%，力争2035年达到95% is two; 定性指标 none
    targets: list[dict] = field(default_factory=list)
    kind = "indicator"

    def target_in_words(self) -> str:
        """A target the table gives in words, not as one number (``较“十二五”下降30%以上``,
        ``2023年达到80%，力争2035年达到95%``), as printed; "" for a number or no target."""
        if self.target is None and self.target_text and (
                self.target_change or self.targets or any("\u4e00" <= c <= "\u9fff" for c in self.target_text)):
            return self.target_text  # 定性指标 too: words printed where a figure would be
        return ""


@dataclass
class Target(Node):
    """A quantitative statement found in the prose of its parent node."""

    value: float | int = 0
    value_max: float | int | None = None
    unit: str = ""
    op: str = "="
    year: int | None = None
    deadline: str | None = None
    subject: str = ""
    quote: str = ""
    start: int = 0
    end: int = 0
    kind = "target"


@dataclass
class Duty(Record):
    """Who carries out one task: the lead (牵头) and supporting (配合, 参与) departments that a
    responsibility note in the task's text or a row of a 任务分工表 names, as printed.

    ``task``: the id of the node (a measure, point or 专栏 project), or of the table row
    (``tbl_2__tr_5``: ``table`` and ``row``, the row's index in ``Table.rows``); ``via``:
    ``note`` or ``table``; ``quote``: the note (with its brackets) or the row's department
    cells as printed; ``label``: the task's words for lists (its title, the row's task cell)."""

    task: str
    lead: list[str]
    support: list[str]
    source: Source
    via: str = "note"
    quote: str = ""
    label: str = ""
    table: str | None = None
    row: int | None = None


@dataclass
class TocEntry(Record):
    """A line of the printed table of contents (not content; used for checks and pages)."""

    level: str  # the kind of division it lists ("part", "chapter", "section", "item"): set by the parser
    ordinal: int
    chapter: int  # ordinal of the top-level entry it sits under
    title: str
    page: int | None
    line: int
    style: str = ""  # numbering style (grammar.DIVISION_STYLES)


@dataclass
class PlanMeta(Record):
    slug: str
    title: str
    issuer: str
    doc_number: str
    date: str
    source: str
    publisher: str | None = None
    target_year: int | None = None
    genre: str = "general"  # a file of generator/genres/
    level: str | None = None  # national, provincial, city or county (generator/render/catalog.py derives it otherwise)
    meta_path: str = ""
    predecessor: str | None = None  # the slug of the plan this one continues (plan.yml)


@dataclass
class Plan(Record):
    meta: PlanMeta
    source_path: str
    genre: Genre = field(default_factory=Genre)
    nodes: list[Node] = field(default_factory=list)
    toc: list[TocEntry] = field(default_factory=list)
    page_breaks: list[int] = field(default_factory=list)  # lines where a cut paragraph resumes
    links: list["Link"] = field(default_factory=list)  # set by the link stage
    findings: list["Finding"] = field(default_factory=list)  # set by the link stage
    indicator_of: dict[str, str] = field(default_factory=dict)  # target id → its indicator's id; set by link
    duties: list[Duty] = field(default_factory=list)  # who carries out which task (parse.duties), in document order
    progress: list["Observation"] = field(default_factory=list)  # progress.yml, by indicator then year; set by link
    lines: dict[int, Node] = field(default_factory=dict, repr=False, compare=False)  # ``line_nodes(nodes)``, set by
    # the parse phase before it freezes the plan

    def by_kind(self, kind: str) -> list[Node]:
        return [n for n in self.nodes if n.kind == kind]

    def chapters_and_appendices(self) -> list[Node]:
        """The plan's chapters, then its appendices (附件), in print order: the search's chapter
        filter, in the order the search index numbers them."""
        return [n for n in self.nodes if n.kind in ("chapter", "attachment")]

    def index(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def kind_counts(self) -> dict[str, int]:
        """Nodes by kind, kinds in order of first appearance: ``{"front": 4, "chapter": 9, …}``."""
        counts: dict[str, int] = {}
        for node in self.nodes:
            counts[node.kind] = counts.get(node.kind, 0) + 1
        return counts

    def findings_of(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """The diagnostics shown on the plan's pages and in its export: the warnings and errors
        about its text or its ``plan.yml``. Notes (advice to the editor) and diagnostics of
        the editor's other files are printed by the build alone."""
        return [d for d in diagnostics if d.path in (self.source_path, self.meta.meta_path) and d.severity != "note"]

    def diagnostic_node(self, diagnostic: Diagnostic) -> Node | None:
        """The node a diagnostic is about: the one printed on its line when it is
        about the plan's text (``source_path``), else None (plan.yml, links.yml, …)."""
        return self.node_at_line(diagnostic.line) if diagnostic.path == self.source_path else None

    def node_at_line(self, line: int) -> Node | None:
        """The most specific node printed on ``line`` of the source: the last one, in document
        order, whose lines hold it (targets excepted). One lookup in ``lines``, the table the
        parse phase made (a plan that did not go through it has its table made anew)."""
        return (self.lines or line_nodes(self.nodes)).get(line)


def line_nodes(nodes: list[Node]) -> dict[int, Node]:
    """Source line → the most specific node printed on it (the last, in document order,
    whose lines hold it; targets, which hold no text of their own, excepted)."""
    table: dict[int, Node] = {}
    for node in nodes:
        if node.kind != "target":
            table.update(dict.fromkeys(range(node.source.line, node.source.end_line + 1), node))
    return table


@dataclass
class Observation:
    """A year's observed value of an indicator, from the plan folder's ``progress.yml``
    (``link.progress``): ``indicator`` its id, ``value`` in the indicator's unit, ``source``
    where it was published (2023年教育统计公报), ``line`` of progress.yml."""

    indicator: str
    year: int
    value: float | int
    source: str = ""
    line: int = 0


@dataclass
class Link:
    """A cross-reference the build found (``origin`` auto) or an editor added (editor)."""

    source: str
    target: str
    kind: str  # "project": a 专栏 project and a measure; "indicator": an indicator and a statement
    why: str
    origin: str = "auto"
    score: float = 0.0
    role: str | None = None  # indicator links: "baseline", "target" or "direction"


@dataclass
class Finding:
    """Something the plan says two ways, or a table row that contradicts itself."""

    id: str
    kind: str
    nodes: list[str]
    message: str
    quotes: list[tuple[str, str]] = field(default_factory=list)  # (node id, the words quoted)
    reviewed: bool = False
    comment: str = ""
