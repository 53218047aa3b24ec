"""Responsibility as data: which departments lead and which support each task.

Two printed forms (rules in ``parse/grammar.py``):

- a **responsibility note** inside or at the end of a task's text: （生态环境部牵头，国家发展
  改革委、工业和信息化部参与）, （工业和信息化部指导）, （市卫健委负责）, or a label
  牵头单位：X；配合单位：Y. The task is the node holding it (a measure, a point, a 专栏
  project); a node holding several notes gets one duty per note.
- a **任务分工表**: a printed table (``role`` data) whose header names a lead column
  (牵头单位, 牵头部门, 指导部门, 责任单位…) and maybe a supporting one (配合单位, 参与单位…). Each
  body row is a task (``tbl_N__tr_M``), labelled by its task cell (工作事项, 重点任务,
  主要内容…). 责任单位 is the lead unless a 牵头 column exists; then it supports.

Department names are kept as printed (split on 、，；outside brackets: 各县（市、区）人民
政府 is one name). Sources: the 国务院 and 省/市 实施方案 forms (a State Council scheme's
“（生态环境部牵头，…参与）”, a city health scheme's 附件2 任务分工表).
"""
from __future__ import annotations

import re

from generator.parse import grammar as g
from generator.structure import ids
from generator.structure.records import Duty, Node, Source, Table

TASKS_WITH_NOTES = ("measure", "item", "section", "project", "chapter")
LEAD_COLUMN = re.compile(r"牵头(?:单位|部门)|主责(?:单位|部门)|主办(?:单位|部门)|指导(?:单位|部门)")  # 指导部门: 国办发〔2018〕126号
RESPONSIBLE_COLUMN = re.compile(r"责任(?:单位|部门)")
SUPPORT_COLUMN = re.compile(r"(?:配合|参与|协办|协同|协助)(?:单位|部门)")
# the column naming a row's task, most telling first (a row's label; its title as a search document)
TASK_COLUMNS = (re.compile(r"工作事项|重点任务|主要任务|工作任务|任务名称|事项|举措"), re.compile(r"任务|项目|名称|指标"),
                re.compile(r"主要内容|具体内容|工作内容|内容|措施"))
NUMBER_COLUMN = re.compile(r"^(?:序号|编号)$")
LABEL_LENGTH = 40


def read_duties(nodes: list[Node]) -> list[Duty]:
    """Every duty the plan prints, in document order (a task's notes in the order printed)."""
    duties: list[Duty] = []
    first_leads = [False]  # a note said 排在第一位的部门为牵头部门，下同: it holds for every later note
    for node in nodes:
        if isinstance(node, Table) and node.role == "data":
            duties += table_duties(node)
        elif node.kind in TASKS_WITH_NOTES:
            duties += note_duties(node, first_leads)
    return duties


def note_duties(node: Node, first_leads: list[bool] | None = None) -> list[Duty]:
    """The duties a node's own title and text name in bracketed notes or 牵头单位： labels.

    A note whose remark says the first department named leads (排在第一位的部门为牵头部门)
    names one lead and the others support; with 下同 every later note listing several
    departments and no supporting clause is read so too (``first_leads[0]`` carries it on)."""
    first_leads = first_leads if first_leads is not None else [False]
    duties = []
    for part in (node.title, node.text):
        if not part:
            continue
        for start, end, lead, support in g.duty_notes(part):
            quote = part[start:end]
            remark = g.FIRST_NAMED_LEADS.search(quote)
            if remark and g.SAME_BELOW in quote[remark.end():]:
                first_leads[0] = True
            named_lead = "牵头" in quote and not remark  # （农业农村部、工业和信息化部牵头负责）: both lead
            if (remark or first_leads[0]) and len(lead) > 1 and not support and not named_lead:
                lead, support = lead[:1], lead[1:]
            duties.append(Duty(node.id, lead, support, _line_of(node, part, start), "note", quote, _label(node)))
        labelled = labelled_duty(part)
        if labelled:
            lead, support, quote = labelled
            duties.append(Duty(node.id, lead, support, _line_of(node, part, part.find(quote)), "note", quote,
                               _label(node)))
    return duties


def labelled_duty(text: str) -> tuple[list[str], list[str], str] | None:
    """(lead, support, the labels as printed) of 牵头单位：X；配合单位：Y in ``text``; a 责任单位
    is the lead unless a 牵头 label names one. None without such labels."""
    found = list(g.DUTY_LABEL.finditer(text))
    if not found:
        return None
    lead: list[str] = []
    responsible: list[str] = []
    support: list[str] = []
    for number, match in enumerate(found):
        end = found[number + 1].start() if number + 1 < len(found) else len(text)
        words = re.split(r"[。\n]", text[match.end():end])[0]
        names = g.split_departments(words)
        label = match.group(1)
        if label in g.LEAD_LABELS:
            lead += names
        elif label in g.RESPONSIBLE_LABELS:
            responsible += names
        else:
            support += names
    if lead:
        support = responsible + support
    else:
        lead = responsible
    if not lead and not support:
        return None
    quote_end = found[-1].end() + len(re.split(r"[。\n]", text[found[-1].end():])[0])
    return lead, support, text[found[0].start():quote_end]


def table_duties(table: Table) -> list[Duty]:
    """One duty per body row of a 任务分工表 (a table whose header names a lead or
    responsible column); none for any other table."""
    if not table.header or not table.rows:
        return []
    header = [g.squash(c) for c in table.rows[0]]
    lead_at = _column(header, LEAD_COLUMN)
    responsible_at = _column(header, RESPONSIBLE_COLUMN)
    support_at = _column(header, SUPPORT_COLUMN)
    if lead_at is None:
        lead_at, responsible_at = responsible_at, None
    if lead_at is None:
        return []
    supports = [at for at in (responsible_at, support_at) if at is not None]
    label_at = task_column(header)
    duties: list[Duty] = []
    above: Duty | None = None  # the row above, when it was a task with departments
    for ordinal, row in enumerate(table.rows[1:], start=1):
        lead, support = lead_cell(_cell(row, lead_at))
        support += [name for at in supports for name in g.split_departments(_cell(row, at))]
        quote = " | ".join(_cell(row, at) for at in (lead_at, *supports) if _cell(row, at))
        label = _cell(row, label_at) if label_at is not None else next(
            (c for i, c in enumerate(row) if c and not NUMBER_COLUMN.match(header[i] if i < len(header) else "")), "")
        if not lead and not support and above is not None and label_at is not None and label:
            # a task row whose department cells are empty: cells merged over several rows, printed once
            # on the first (a PDF's merged cell, a web page's rowspan copied as text); never across a group row
            lead, support, quote = list(above.lead), list(above.support), above.quote
        if not lead and not support:
            above = None
            continue
        above = Duty(ids.table_row_id(table.id, ordinal), lead, support, table.source, "table", quote,
                     _short(label), table.id, ordinal)
        duties.append(above)
    return duties


def task_column(header: list[str]) -> int | None:
    """The column of a table's header (cells squashed) naming each row's task: 工作事项, 重点任务,
    改革举措…, else 任务/项目/名称/指标 (of an indicator system's levels, 一级指标 | 二级指标 |
    三级指标, the last: the upper ones group it), else 主要内容; None when none does."""
    levels = [at for at, cell in enumerate(header) if g.LEVELLED_NAME.search(cell)]
    if len(levels) > 1 and _column(header, TASK_COLUMNS[0]) is None:
        return levels[-1]
    return next((at for pattern in TASK_COLUMNS if (at := _column(header, pattern)) is not None), None)


def lead_cell(cell: str) -> tuple[list[str], list[str]]:
    """(lead, support) of a table's lead or responsible cell: its departments, or as a note
    reads them when the cell is one (市发展改革委牵头，市财政局配合), or the ones marked
    （牵头） when some are (市卫健委（牵头）、市医保局: 市卫健委 leads, 市医保局 supports)."""
    note = g.duty_note(cell) if cell else None
    if note and (note[1] or any(verb in cell for verb in g.LEAD_VERBS)):
        return list(note[0]), list(note[1])
    names = g.split_departments(cell)
    marked = [name for name in names if re.search(r"[（(]牵头[）)]$", name)]
    if not marked:
        return names, []
    lead = [re.sub(r"[（(]牵头[）)]$", "", name) for name in marked]
    return lead, [name for name in names if name not in marked]


def departments(duties: list[Duty]) -> dict[str, tuple[list[Duty], list[Duty]]]:
    """Each department named, in order of first mention: (the duties it leads, those it supports)."""
    found: dict[str, tuple[list[Duty], list[Duty]]] = {}
    for duty in duties:
        for name in duty.lead:
            found.setdefault(name, ([], []))[0].append(duty)
        for name in duty.support:
            found.setdefault(name, ([], []))[1].append(duty)
    return found


def _column(header: list[str], pattern: re.Pattern) -> int | None:
    return next((i for i, cell in enumerate(header) if pattern.search(cell)), None)


def _cell(row: list[str], at: int | None) -> str:
    return row[at] if at is not None and at < len(row) else ""


def _label(node: Node) -> str:
    words = node.title or getattr(node, "lead", None) or re.sub(g.BRACKETED.pattern, "", node.text or "")
    return _short(f"{node.number or ''}{words}")


def _short(text: str) -> str:
    text = g.squash(text)
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH] + "…"


def _line_of(node: Node, part: str, offset: int) -> Source:
    """The node's source narrowed to the line printing ``offset`` of its text."""
    line = node.source.line_at(offset) if part is node.text else node.source.line
    return Source(node.source.path, line, line)
