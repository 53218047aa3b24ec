"""Stage 2b, parse: the token stream to records (a flat list of nodes in document order).

A small state machine walks the body: chapters and sections open containers,
numbered points nest by the order their numbering styles first appear, 专栏 boxes
collect projects until the next heading, tables are handed to :mod:`table`, and
every paragraph becomes a measure of the innermost open container.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import grammar as g
from .diagnostics import Report
from .genre import Genre
from .lex import Lexed, Token, lex
from .records import (
    Box, BoxContinuation, Chapter, Front, Item, Measure, Node, Plan, Project, Section, Source, Target,
)
from .source import PlanSource
from .table import five_year_plan_end, parse_table
from .targets import find_targets

LEAD = re.compile(r"^[^，,；;：:。！？]{2,30}[。！？]")
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,8}〔\d{4}〕\d+号$")
DATE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
NOTICE_TITLE = re.compile(r"关于.*(?:通知|决定|意见|批复)$")


@dataclass
class _Walk:
    """What the parser has open while it walks the body."""

    path: str
    report: Report
    genre: Genre
    nodes: list[Node] = field(default_factory=list)
    used_ids: set[str] = field(default_factory=set)
    chapter: Chapter | None = None
    section: Section | None = None
    items: list[Item] = field(default_factory=list)
    box: Box | None = None
    boxes: dict[int, Box] = field(default_factory=dict)
    box_has_numbers: bool = False
    measure_counts: dict[str, int] = field(default_factory=dict)
    project_counts: dict[str, int] = field(default_factory=dict)
    tables: int = 0
    indicators: int = 0

    def source(self, token: Token, shift: int = 0) -> Source:
        breaks = tuple((offset - shift, line) for offset, line in token.joined_at)
        return Source(self.path, token.line, token.end_line, breaks)

    def container(self) -> str | None:
        if self.box:
            return self.box.id
        if self.items:
            return self.items[-1].id
        if self.section:
            return self.section.id
        if self.chapter:
            return self.chapter.id
        return None

    def unique(self, node_id: str, token: Token, what: str) -> str:
        if node_id not in self.used_ids:
            self.used_ids.add(node_id)
            return node_id
        self.report.warning(self.path, token.line, "numbering-duplicate",
                            f"{what} is numbered like an earlier one in the same place")
        n = 2
        while f"{node_id}_{n}" in self.used_ids:
            n += 1
        self.used_ids.add(f"{node_id}_{n}")
        return f"{node_id}_{n}"


def parse(source: PlanSource, report: Report) -> Plan:
    path = str(source.path)
    lexed = lex(source.paragraphs, source.meta.title)
    plan = Plan(source.meta, path, source.genre, toc=lexed.toc)
    walk = _Walk(path, report, source.genre)
    _front(lexed.front, walk, source.meta.title, back=False)
    _body(lexed.body, walk)
    _front(lexed.back, walk, source.meta.title, back=True)
    _assign_pages(walk.nodes, lexed)
    plan.nodes = _with_targets(walk.nodes, source.meta.target_year or five_year_plan_end(source.meta.title),
                               source.genre)
    plan.page_breaks = [line for t in lexed.body for _, line in t.joined_at]
    return plan


# -- front and back matter ---------------------------------------------------------------

def _front(tokens: list[Token], walk: _Walk, plan_title: str, back: bool) -> None:
    counts: dict[str, int] = {}
    seen_addressees = False
    for i, token in enumerate(tokens):
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        role = _back_role(token.text, following) if back else _front_role(
            token.text, following, plan_title, i, seen_addressees)
        seen_addressees = seen_addressees or role == "addressees"
        counts[role] = counts.get(role, 0) + 1
        node_id = f"front__{role}" if counts[role] == 1 else f"front__{role}_{counts[role]}"
        walk.used_ids.add(node_id)
        walk.nodes.append(Front(node_id, None, walk.source(token), text=token.text, role=role))


def _front_role(text: str, following: str, plan_title: str, index: int, seen_addressees: bool) -> str:
    squashed = g.squash(text)
    if index == 0 and text.endswith("文件"):
        return "issuer_header"
    if DOC_NUMBER.match(squashed):
        return "doc_number"
    if NOTICE_TITLE.search(squashed):
        return "notice_title"
    if squashed == g.squash(plan_title):
        return "plan_title"
    if DATE.match(squashed):
        return "date"
    if re.match(r"^[（(]此件.*[）)]$", squashed):
        return "publication_note"
    if text.endswith(("：", ":")) and not seen_addressees:
        return "addressees"
    if DATE.match(g.squash(following)) and len(squashed) <= 30 and not g.ends_sentence(text):
        return "signature"
    return "notice_text" if seen_addressees else "other"


def _back_role(text: str, following: str) -> str:
    if "负责解读" in text or "负责解释" in text:
        return "interpretation"
    if re.match(r"^抄送[：:]", text):
        return "cc"
    if text.endswith("印发"):
        return "print_date"
    if following.endswith("印发"):
        return "publisher"
    return "other"


# -- body --------------------------------------------------------------------------------

def _body(tokens: list[Token], walk: _Walk) -> None:
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind in ("table_row", "table_rule"):
            end = i
            while end < len(tokens) and tokens[end].kind in ("table_row", "table_rule"):
                end += 1
            _table(tokens[i:end], walk)
            i = end
            continue
        handler = {"chapter": _chapter, "section": _section, "box": _box, "item": _item}.get(token.kind, _para)
        handler(token, walk)
        i += 1


def _chapter(token: Token, walk: _Walk) -> None:
    match = g.CHAPTER.match(token.text)
    ordinal = g.cn_to_int(match.group(1))
    node_id = f"chp_{ordinal}"
    if node_id in walk.used_ids:
        first = next(n for n in walk.nodes if n.id == node_id)
        walk.report.error(walk.path, token.line, "chapter-duplicate",
                          f"chapter number {token.text[:match.end(1) + 1]} is used twice "
                          f"(first at line {first.source.line})")
        node_id = walk.unique(node_id, token, "chapter")
    walk.used_ids.add(node_id)
    title = match.group(2).strip() or None
    chapter = Chapter(node_id, None, walk.source(token), number=token.text[: match.start(2)].strip(),
                      title=title, ordinal=ordinal, review=walk.genre.is_review_title(title or ""))
    walk.nodes.append(chapter)
    walk.chapter, walk.section, walk.items, walk.box = chapter, None, [], None


def _section(token: Token, walk: _Walk) -> None:
    match = g.SECTION.match(token.text)
    ordinal = g.cn_to_int(match.group(1))
    parent = walk.chapter.id if walk.chapter else None
    base = f"{parent}__sec_{ordinal}" if parent else f"sec_{ordinal}"
    node_id = walk.unique(base, token, f"section {match.group(1)}")
    section = Section(node_id, parent, walk.source(token), number=token.text[: match.start(2)].strip(),
                      title=match.group(2).strip() or None, ordinal=ordinal)
    walk.nodes.append(section)
    walk.section, walk.items, walk.box = section, [], None


def _box(token: Token, walk: _Walk) -> None:
    match = g.BOX.match(token.text)
    ordinal = g.cn_to_int(match.group(1))
    number, title = token.text[: match.start(2)].strip(), match.group(2).strip() or None
    earlier = walk.boxes.get(ordinal)
    if earlier is not None and (walk.box is earlier or earlier.title == title):
        node_id = f"{earlier.id}__cont_{sum(1 for n in walk.nodes if n.parent == earlier.id and n.kind == 'box_continuation') + 1}"
        walk.used_ids.add(node_id)
        walk.nodes.append(BoxContinuation(node_id, earlier.id, walk.source(token), number=number, title=title))
        walk.box = earlier
        return
    node_id = walk.unique(f"box_{ordinal}", token, f"专栏{ordinal}")
    box = Box(node_id, walk.chapter.id if walk.chapter else None, walk.source(token),
              number=number, title=title, ordinal=ordinal)
    walk.boxes[ordinal] = box
    walk.nodes.append(box)
    walk.box, walk.box_has_numbers = box, False


def _item(token: Token, walk: _Walk) -> None:
    style, number, rest = g.item_style(token.text)
    if walk.box and style == "arabic":
        walk.box_has_numbers = True
        _project(walk, token, number, rest, int(re.match(r"\d+", number).group()))
        return
    walk.box = None
    _open_item(walk, token, style, number, rest)


def _open_item(walk: _Walk, token: Token, style: str, number: str, rest: str) -> None:
    depth = next((i for i, item in enumerate(walk.items) if item.style == style), None)
    walk.items = walk.items[:depth] if depth is not None else walk.items
    parent = walk.container()
    ordinal = g.cn_to_int(re.search(r"[一二三四五六七八九十百零〇两\d]+", number).group())
    base = f"{parent}__item_{ordinal}" if parent else f"item_{ordinal}"
    title, remainder = _split_heading(rest)
    item = Item(walk.unique(base, token, f"point {number}"), parent, walk.source(token), number=number,
                title=title, ordinal=ordinal, style=style, depth=len(walk.items) + 1)
    walk.nodes.append(item)
    walk.items.append(item)
    if remainder:
        _measure(walk, token, remainder, shift=len(token.text) - len(remainder))


def _split_heading(rest: str) -> tuple[str, str]:
    """A heading point keeps its whole line; a point that is prose keeps its first sentence."""
    match = re.match(r"^[^。！？]*[。！？]", rest)
    if match and match.end() < len(rest):
        return match.group(), rest[match.end():]
    return rest, ""


def _project(walk: _Walk, token: Token, number: str | None, rest: str, ordinal: int | None = None) -> None:
    box = walk.box
    count = walk.project_counts.get(box.id, 0) + 1
    walk.project_counts[box.id] = count
    ordinal = ordinal or count
    lead = LEAD.match(rest)
    title, text = (lead.group(), rest[lead.end():]) if lead and lead.end() < len(rest) else (None, rest)
    label = (title or re.split(r"[，。；]", rest)[0]).rstrip("。！？")
    node_id = walk.unique(f"{box.id}__proj_{ordinal}", token, f"project {number or ordinal} of {box.number}")
    walk.nodes.append(Project(node_id, box.id, walk.source(token), number=number, title=title,
                              text=text or None, ordinal=ordinal, label=label))


def _para(token: Token, walk: _Walk) -> None:
    if walk.box is not None:
        if walk.box_has_numbers:
            _measure(walk, token, token.text)
        else:
            _unnumbered_projects(walk, token)
        return
    inline = g.INLINE_ITEM.match(token.text)
    if inline and (walk.section or walk.chapter):
        _open_item(walk, token, "inline", token.text[: inline.start(2)], inline.group(2))
        return
    _measure(walk, token, token.text)


def _unnumbered_projects(walk: _Walk, token: Token) -> None:
    """A 专栏 printed as one paragraph: each sentence names one project."""
    for sentence in re.findall(r"[^。！？；]+[。！？；]?", token.text):
        _project(walk, token, None, sentence)


def _measure(walk: _Walk, token: Token, text: str, shift: int = 0) -> None:
    parent = walk.container()
    key = parent or "preamble"
    count = walk.measure_counts.get(key, 0) + 1
    walk.measure_counts[key] = count
    lead = LEAD.match(text)
    node_id = f"{key}__para_{count}"
    walk.used_ids.add(node_id)
    walk.nodes.append(Measure(node_id, parent, walk.source(token, shift), text=text,
                              lead=lead.group() if lead and lead.end() < len(text) else None))


def _table(tokens: list[Token], walk: _Walk) -> None:
    caption = None
    last = walk.nodes[-1] if walk.nodes else None
    if isinstance(last, Measure) and not g.ends_sentence(last.text) and len(last.text) <= 40:
        walk.nodes.pop()
        walk.measure_counts[last.parent or "preamble"] -= 1
        walk.used_ids.discard(last.id)
        caption = Token("para", last.text, last.source.line, last.source.end_line)
    walk.tables += 1
    result = parse_table(caption, tokens, walk.tables, walk.indicators + 1, walk.path, walk.report,
                         walk.genre)
    walk.indicators += result.indicators
    for node in result.nodes:
        walk.used_ids.add(node.id)
        if node.kind == "table":
            node.parent = walk.container()
    walk.nodes.extend(result.nodes)


# -- after the walk ----------------------------------------------------------------------

def _assign_pages(nodes: list[Node], lexed: Lexed) -> None:
    pages = {(e.level, e.chapter, e.ordinal): e.page for e in lexed.toc}
    chapter = 0
    for node in nodes:
        if isinstance(node, Chapter):
            chapter = node.ordinal
            node.page = pages.get(("chapter", chapter, chapter))
        elif isinstance(node, Section):
            node.page = pages.get(("section", chapter, node.ordinal))


def _with_targets(nodes: list[Node], plan_end_year: int | None, genre: Genre) -> list[Node]:
    """Insert a target node after each node whose prose states one."""
    result: list[Node] = []
    forward = False
    for node in nodes:
        result.append(node)
        if isinstance(node, Chapter):
            forward = not node.review
        if not forward or not isinstance(node, (Measure, Item, Project)):
            continue
        prose = node.text if isinstance(node, Measure) else (node.title or "") + (node.text or "")
        for k, found in enumerate(find_targets(prose, plan_end_year, genre), 1):
            result.append(Target(f"{node.id}__tgt_{k}", node.id, node.source, **found.__dict__))
    return result
