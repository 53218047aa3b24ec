"""The parse phase: the token stream to records (a flat list of nodes in document order).

A small state machine walks the body: chapters and sections open containers,
numbered points nest by the order their numbering styles first appear, 专栏 boxes
collect projects until the next heading, tables are handed to :mod:`table`, and
every paragraph becomes a measure of the innermost open container.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from generator.parse import grammar as g
from generator.structure import ids
from generator.structure.diagnostics import Report
from generator.structure.messages import Message, msg
from generator.config.genre import Genre
from generator.parse.lex import Token, back_role, is_date_line, lex
from generator.structure.records import (
    Attachment, AttachmentRef, Box, BoxContinuation, Chapter, Division, Front, Item, Measure, Node, Part, Plan, Project, Section, Source,
    Target, TocEntry,
)
from generator.read.source import PlanSource
from generator.parse.table import five_year_plan_end, parse_box_table, parse_table
from generator.parse.targets import find_targets

DOC_NUMBER = g.DOC_NUMBER
NOTICE_TITLE = re.compile(r"关于.*(?:通知|决定|意见|批复|函)$")
TABLE_ROWS = {"indicator": msg("indicator"), "row": msg("table row"), "table_group": msg("table group"),
              "project": msg("project")}  # what a table's row is, as a message names it


@dataclass
class _Walk:
    """What the parser has open while it walks the body."""

    path: str
    report: Report
    genre: Genre
    kinds: dict[str, str] = field(default_factory=dict)  # numbering style → kind of division
    nodes: list[Node] = field(default_factory=list)
    used_ids: set[str] = field(default_factory=set)
    again: dict[str, int] = field(default_factory=dict)  # by id: the next n to try for ids.numbered_again
    divisions: list[tuple[int, Division]] = field(default_factory=list)  # open divisions with their rank
    box: Box | None = None
    boxes: dict[tuple[int, int | None], Box] = field(default_factory=dict)
    box_entries: tuple[str, int] | None = None  # numbering style and last number of the open box's entries
    measure_counts: dict[str | None, int] = field(default_factory=dict)  # by container id (None: preamble)
    project_counts: dict[str, int] = field(default_factory=dict)
    tables: int = 0
    indicators: int = 0

    def source(self, token: Token, shift: int = 0) -> Source:
        breaks = tuple((offset - shift, line) for offset, line in token.joined_at)
        return Source(self.path, token.line, token.end_line, breaks)

    def innermost(self, *kinds: str) -> Division | None:
        return next((d for _, d in reversed(self.divisions) if not kinds or d.kind in kinds), None)

    def container(self) -> str | None:
        if self.box:
            return self.box.id
        division = self.innermost()
        return division.id if division else None

    def unique(self, node_id: str, token: Token, what: str | Message) -> str:
        if node_id not in self.used_ids:
            self.used_ids.add(node_id)
            return node_id
        self.report.warning(self.path, token.line, "numbering-duplicate",
                            msg("{what} is numbered like an earlier one in the same place", what=what))
        n = self.again.get(node_id, 2)  # the numbers below were taken before: not probed again
        while ids.numbered_again(node_id, n) in self.used_ids:
            n += 1
        self.again[node_id] = n + 1
        self.used_ids.add(ids.numbered_again(node_id, n))
        return ids.numbered_again(node_id, n)


def plan_levels(tokens: list[Token]) -> dict[str, str]:
    """Which kind of division each numbering style the plan uses makes, read from the plan.

    The styles the body's headings use are ranked in the genre's nesting order
    (grammar.DIVISION_STYLES). 第X篇/第X部分 are parts; of the rest, the highest style
    makes chapters, the next sections and every lower one items: 第X章/第X节/一、 in a
    city's plan, 一、/（一）/1． in a State Council text. Returns {style: kind}."""
    used = {t.style for t in tokens if t.kind == "heading"}
    styles = [style for style, _ in g.DIVISION_STYLES if style in used and style != "pian"]
    kinds = {"pian": "part"}
    for rank, style in enumerate(styles):
        kinds[style] = ("chapter", "section")[rank] if rank < 2 else "item"
    return kinds


def parse(source: PlanSource, report: Report) -> Plan:
    path = str(source.path)
    lexed = lex(source.paragraphs, source.meta.title)
    plan = Plan(source.meta, path, source.genre, toc=lexed.toc)
    body, appendices = split_attachments(lexed.body)
    body_levels = plan_levels(body)
    walk = _Walk(path, report, source.genre, dict(body_levels))
    _front(lexed.front, walk, source.meta.title, back=False)
    _body(body, walk)
    for tokens in appendices:
        _attachment(tokens, walk)
    _front(lexed.back, walk, source.meta.title, back=True)
    _link_attachment_refs(walk.nodes)
    plan.toc = _toc_levels(lexed.toc, body_levels)
    _assign_pages(walk.nodes, plan.toc)
    plan.nodes = _with_targets(walk.nodes, source.meta.target_year or five_year_plan_end(source.meta.title),
                               source.genre)
    plan.page_breaks = [line for t in lexed.body for _, line in t.joined_at]
    return plan


def split_attachments(tokens: list[Token]) -> tuple[list[Token], list[list[Token]]]:
    """The body's tokens before the first appendix, and each appendix's tokens (its label first)."""
    starts = [i for i, t in enumerate(tokens) if t.kind == "attachment"]
    if not starts:
        return tokens, []
    bounds = starts + [len(tokens)]
    return tokens[: starts[0]], [tokens[a:b] for a, b in zip(bounds, bounds[1:])]


def attachment_levels(tokens: list[Token]) -> dict[str, str]:
    """Which kind of division each numbering style makes inside an appendix: its highest
    style makes sections (below the appendix, which stands as a chapter), every lower one
    items. Returns {style: kind}."""
    used = {t.style for t in tokens if t.kind == "heading"}
    styles = [style for style, _ in g.DIVISION_STYLES if style in used]
    return {style: "section" if rank == 0 else "item" for rank, style in enumerate(styles)}


# -- front and back matter ---------------------------------------------------------------

def _front(tokens: list[Token], walk: _Walk, plan_title: str, back: bool) -> None:
    counts: dict[str, int] = {}
    seen_addressees = False
    continues_title = False
    for i, token in enumerate(tokens):
        following = tokens[i + 1].text if i + 1 < len(tokens) else ""
        role = back_role(token.text, following) if back else _front_role(
            token.text, following, plan_title, i, seen_addressees)
        if not back and role == "other" and (continues_title or _title_continues(token.text, following)):
            role = "notice_title"  # a notice title printed on two lines
        continues_title = role == "notice_title" and not NOTICE_TITLE.search(g.squash(token.text))
        seen_addressees = seen_addressees or role == "addressees"
        counts[role] = counts.get(role, sum(1 for n in walk.nodes if isinstance(n, Front) and n.role == role)) + 1
        node_id = ids.front_id(role, counts[role])
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
    if squashed == g.squash(plan_title) or g.STATUS_AFTER_TITLE.sub("", squashed) == g.squash(plan_title):
        return "plan_title"
    if is_date_line(squashed):
        return "date"
    if g.ATTACHMENT_LIST.match(text):
        return "attachments"  # 附件：某市…实施方案, the notice's list (the plan is its appendix)
    if g.ATTACHMENT.match(text) and not g.attachment_title(text)[1]:
        return "attachment_label"  # 附件, printed above the plan's title
    if g.STATUS_LINE.match(squashed):
        return "status"
    if re.match(r"^[（(]此件.*[）)]$", squashed):
        return "publication_note"
    if text.endswith(("：", ":")) and not seen_addressees:
        return "addressees"
    if is_date_line(following) and len(squashed) <= 30 and not g.ends_sentence(text):
        return "signature"
    return "notice_text" if seen_addressees else "other"


def _title_continues(text: str, following: str) -> bool:
    return bool(following) and not NOTICE_TITLE.search(g.squash(text)) and \
        bool(NOTICE_TITLE.search(g.squash(text + following)))


# -- body --------------------------------------------------------------------------------

def _body(tokens: list[Token], walk: _Walk) -> None:
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.kind in TABLE_KINDS:
            end = _table_end(tokens, i)
            _table(tokens[i:end], walk)
            i = end
            continue
        if token.kind == "closing":
            _front([t for t in tokens[i:] if t.kind == "closing"], walk, "", back=True)
            i += sum(1 for t in tokens[i:] if t.kind == "closing")
            continue
        handler = {"heading": _heading, "box": _box, "attachment_list": _attachment_refs}.get(token.kind, _para)
        handler(token, walk)
        i += 1


def _attachment(tokens: list[Token], walk: _Walk) -> None:
    """An appendix: its label (附件1, 附件1：title), its title on the next line when the label
    stands alone, then its own divisions, paragraphs and tables, read below it."""
    label, rest = tokens[0], tokens[1:]
    ordinal_text = g.ATTACHMENT.match(label.text).group(1)
    ordinal = g.cn_to_int(ordinal_text) if ordinal_text else 1
    (number, title), end = g.attachment_title(label.text), label
    if not title and rest and rest[0].kind == "attachment_title":
        title, end, rest = rest[0].text, rest[0], rest[1:]
    source = Source(walk.path, label.line, end.end_line)
    node = Attachment(walk.unique(ids.attachment_id(ordinal), label, number), None, source, number=number,
                      title=title.strip() if title else None, ordinal=ordinal, style="attachment")
    walk.nodes.append(node)
    walk.kinds = attachment_levels(rest)
    walk.divisions = [(-1, node)]  # below every numbering style's rank: no heading closes it
    walk.box, walk.box_entries = None, None
    _body(rest, walk)


def _attachment_refs(token: Token, walk: _Walk) -> None:
    """A line of the body's list of appendices: one entry per appendix it names, placed in
    the chapter it is printed in (not a paragraph nor a point of the open division)."""
    walk.box = None
    chapter = walk.innermost("chapter", "part")
    entries = g.attachment_entries(token.text) or [(token.text.strip(" \t\u3000"), None, "")]  # 附件： alone
    for k, (number, ordinal, title) in enumerate(entries, 1):
        count = sum(1 for n in walk.nodes if n.kind == "attachment_ref" and n.title) + 1
        node_id = walk.unique(ids.attachment_ref_id((ordinal or count) if title else 0), token,
                              msg("appendix entry {number}", number=number))
        walk.nodes.append(AttachmentRef(node_id, chapter.id if chapter else None, walk.source(token),
                                        number=number or None, title=title or None, ordinal=ordinal))


def _link_attachment_refs(nodes: list[Node]) -> None:
    """Each entry of the list of appendices names the appendix of its number (the k-th entry
    the k-th appendix when the list prints no numbers)."""
    attachments = {n.ordinal: n.id for n in nodes if isinstance(n, Attachment)}
    refs = [n for n in nodes if isinstance(n, AttachmentRef) and n.title]  # not 附件： alone
    for k, ref in enumerate(refs, 1):
        ref.attachment = attachments.get(ref.ordinal or k)


def _heading(token: Token, walk: _Walk) -> None:
    style, number, ordinal, rest = g.division_style(token.text)
    if _is_box_entry(walk, style, ordinal):
        run = g.numbered_run(token.text) or [(number, ordinal, rest)]  # (1)…。(2)…。(3)…。 on one line
        for entry_number, entry_ordinal, entry_rest in run:
            walk.box_entries = (style, entry_ordinal)
            _project(walk, token, entry_number, entry_rest, entry_ordinal)
        return
    walk.box = None
    kind = walk.kinds.get(style, "item")
    _open_division(walk, token, kind, style, number, ordinal, rest, g.STYLE_RANK[style])


def _is_box_entry(walk: _Walk, style: str, ordinal: int) -> bool:
    """In an open 专栏, a numbered line is an entry when it starts the box's numbering at 1
    (in a style below chapters) or continues it; any other heading closes the box."""
    if walk.box is None:
        return False
    if walk.box_entries is None:
        return ordinal == 1 and walk.kinds.get(style) not in ("part", "chapter")
    return walk.box_entries == (style, ordinal - 1)


def _open_division(walk: _Walk, token: Token, kind: str, style: str, number: str, ordinal: int,
                   rest: str, rank: int) -> None:
    while walk.divisions and walk.divisions[-1][0] >= rank:
        walk.divisions.pop()
    parent = walk.innermost()
    node_id = _division_id(walk, token, kind, number, ordinal, parent)
    _warn_if_unplaced(walk, token, kind, number, parent)
    title, remainder = (rest.strip(), "") if style in g.WHOLE_LINE_TITLES else _split_heading(rest)
    fields = dict(number=number, title=title or None, ordinal=ordinal, style=style,
                  level=len(walk.divisions) + 1)
    source = walk.source(token)
    parent_id = parent.id if parent else None
    if kind == "part":
        node = Part(node_id, parent_id, source, **fields)
    elif kind == "chapter":
        node = Chapter(node_id, parent_id, source, review=walk.genre.is_review_title(title), **fields)
    elif kind == "section":
        node = Section(node_id, parent_id, source, **fields)
    else:
        depth = sum(1 for _, d in walk.divisions if d.kind == "item") + 1
        node = Item(node_id, parent_id, source, depth=depth, **fields)
    walk.nodes.append(node)
    walk.divisions.append((rank, node))
    if remainder:
        _measure(walk, token, remainder, shift=len(token.text) - len(remainder))


def _division_id(walk: _Walk, token: Token, kind: str, number: str, ordinal: int, parent: Division | None) -> str:
    """Akoma Ntoso-style ids from the printed numbers: part_1, chp_5 (chapters are numbered
    through the plan, parts or not), chp_5__sec_1, chp_5__sec_1__item_2__item_1."""
    if kind == "part":
        return walk.unique(ids.part_id(ordinal), token, msg("part {number}", number=number))
    if kind == "chapter":
        node_id = ids.chapter_id(ordinal)
        if node_id in walk.used_ids:
            first = next(n for n in walk.nodes if n.id == node_id)
            walk.report.error(walk.path, token.line, "chapter-duplicate",
                              msg("chapter number {number} is used twice (first at line {line})",
                                  number=number, line=first.source.line))
        return walk.unique(node_id, token, msg("chapter"))
    scope = parent.id if parent and parent.kind != "part" else None
    base = ids.division_id(scope, kind, ordinal)
    what = msg("section {number}", number=number) if kind == "section" else msg("point {number}", number=number)
    return walk.unique(base, token, what)


def _warn_if_unplaced(walk: _Walk, token: Token, kind: str, number: str, parent: Division | None) -> None:
    """A section with no chapter open, or a point before any chapter, cannot be placed in the
    plan's hierarchy: say so rather than guess silently."""
    has_chapters = "chapter" in walk.kinds.values()
    if kind in ("section", "item") and has_chapters and walk.innermost("chapter") is None:
        walk.report.warning(walk.path, token.line, "numbering-unplaced",
                            msg("{number} comes before any chapter: it is kept at the top of the plan", number=number))


def _box(token: Token, walk: _Walk) -> None:
    match = g.BOX.match(token.text)
    ordinal = g.cn_to_int(match.group(1))
    sub = int(match.group(2)) if match.group(2) else None
    number, title = token.text[: match.start(3)].strip(), match.group(3).strip() or None
    earlier = walk.boxes.get((ordinal, sub))
    if earlier is not None and (walk.box is earlier or earlier.title == title):
        count = sum(1 for n in walk.nodes if n.parent == earlier.id and n.kind == "box_continuation") + 1
        node_id = ids.continuation_id(earlier.id, count)
        walk.used_ids.add(node_id)
        walk.nodes.append(BoxContinuation(node_id, earlier.id, walk.source(token), number=number, title=title))
        walk.box = earlier
        return
    node_id = walk.unique(ids.box_id(ordinal, sub), token, number)
    chapter = walk.innermost("chapter", "attachment")
    box = Box(node_id, chapter.id if chapter else None, walk.source(token),
              number=number, title=title, ordinal=ordinal, sub=sub)
    walk.boxes[(ordinal, sub)] = box
    walk.nodes.append(box)
    walk.box, walk.box_entries = box, None


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
    lead = g.HEADLINE.match(rest)
    title, text = (lead.group(), rest[lead.end():]) if lead and lead.end() < len(rest) else (None, rest)
    label = (title or re.split(r"[，。；]", rest)[0]).rstrip("。！？")
    node_id = walk.unique(ids.project_id(box.id, ordinal), token,
                          msg("project {number} of {box}", number=number or ordinal, box=box.number))
    walk.nodes.append(Project(node_id, box.id, walk.source(token), number=number, title=title,
                              text=text or None, ordinal=ordinal, label=label))


def _para(token: Token, walk: _Walk) -> None:
    inline = g.INLINE_ITEM.match(token.text)
    if walk.box is not None:
        if inline:
            ordinal = g.cn_to_int(inline.group(1))
            walk.box_entries = ("inline", ordinal)
            _project(walk, token, token.text[: inline.start(2)], inline.group(2), ordinal)
        elif walk.box_entries:
            _measure(walk, token, token.text)
        else:
            _unnumbered_projects(walk, token)
        return
    if inline and walk.innermost("chapter", "section"):
        number = token.text[: inline.start(2)]
        _open_division(walk, token, "item", "inline", number, g.cn_to_int(inline.group(1)), inline.group(2),
                       len(g.DIVISION_STYLES))
        return
    _measure(walk, token, token.text)


def _unnumbered_projects(walk: _Walk, token: Token) -> None:
    """A 专栏 printed as one paragraph: each sentence names one project."""
    for sentence in g.SENTENCE.findall(token.text):
        _project(walk, token, None, sentence)


def _measure(walk: _Walk, token: Token, text: str, shift: int = 0) -> None:
    parent = walk.container()
    count = walk.measure_counts.get(parent, 0) + 1
    walk.measure_counts[parent] = count
    lead = g.HEADLINE.match(text)
    node_id = ids.paragraph_id(parent, count)
    walk.used_ids.add(node_id)
    walk.nodes.append(Measure(node_id, parent, walk.source(token, shift), text=text,
                              lead=lead.group() if lead and lead.end() < len(text) else None))


# -- tables -------------------------------------------------------------------------------

TABLE_KINDS = ("table_row", "table_rule", "table_line")


def _table_end(tokens: list[Token], start: int) -> int:
    """End of the table starting at ``start``: its rows and lines (see lex.mark_table_lines)."""
    end = start
    while end < len(tokens) and tokens[end].kind in TABLE_KINDS:
        end += 1
    return end


def _table(tokens: list[Token], walk: _Walk) -> None:
    if walk.box is not None and _box_table(tokens, walk):
        return
    caption = None
    last = walk.nodes[-1] if walk.nodes else None
    if isinstance(last, Measure) and (g.CAPTION.match(last.text) or not g.ends_paragraph(last.text)) \
            and len(last.text) <= 40:
        walk.nodes.pop()
        walk.measure_counts[last.parent] -= 1
        walk.used_ids.discard(last.id)
        caption = Token("para", last.text, last.source.line, last.source.end_line)
    walk.tables += 1
    result = parse_table(caption, tokens, walk.tables, walk.indicators + 1, walk.path, walk.report,
                         walk.genre)
    if not result.nodes:  # no row to read (a rule alone): no table, and the caption stays a paragraph
        walk.tables -= 1
        if caption is not None:
            walk.nodes.append(last)
            walk.measure_counts[last.parent] += 1
            walk.used_ids.add(last.id)
        return
    walk.indicators += result.indicators
    for node in result.nodes:
        walk.used_ids.add(node.id)
        if node.kind == "table":
            node.parent = walk.container()
    walk.nodes.extend(result.nodes)


def _box_table(tokens: list[Token], walk: _Walk) -> bool:
    """A 专栏 printed as a table: its rows are the box's projects (see table.parse_box_table)."""
    box = walk.box
    groups = sum(1 for n in walk.nodes if n.parent == box.id and n.kind == "table_group")
    result = parse_box_table(tokens, walk.tables + 1, box, walk.project_counts.get(box.id, 0), groups, walk.path)
    if result is None:
        return False
    walk.tables += 1
    walk.project_counts[box.id] = walk.project_counts.get(box.id, 0) + result.projects
    walk.box_entries = ("table", walk.project_counts[box.id])
    if result.lead:
        box.text = (box.text or "") + result.lead
    for node in result.nodes:
        what = TABLE_ROWS.get(node.kind, node.kind)
        node.id = walk.unique(node.id, Token("table_row", "", node.source.line, node.source.end_line), what)
    walk.nodes.extend(result.nodes)
    return True


# -- after the walk ----------------------------------------------------------------------

def _toc_levels(entries: list[TocEntry], kinds: dict[str, str]) -> list[TocEntry]:
    """The printed contents with each entry's kind of division and the chapter it sits under."""
    result = []
    chapter = 0
    for entry in entries:
        if entry.style == "attachment":
            result.append(entry)
            continue
        kind = kinds.get(entry.style, "item")
        if kind == "chapter":
            chapter = entry.ordinal
        result.append(replace(entry, level=kind, chapter=chapter if kind != "part" else 0))
    return result


def _assign_pages(nodes: list[Node], toc: list[TocEntry]) -> None:
    """Printed page numbers from the contents, on the parts, chapters and sections they list."""
    pages = {(e.level, e.chapter, e.ordinal): e.page for e in toc}
    chapter = 0
    for node in nodes:
        if isinstance(node, Attachment):
            chapter = 0  # an appendix's own divisions are not in the contents
            node.page = pages.get(("attachment", 0, node.ordinal))
        elif isinstance(node, Chapter):
            chapter = node.ordinal
            node.page = pages.get(("chapter", chapter, chapter))
        elif isinstance(node, Part):
            node.page = pages.get(("part", 0, node.ordinal))
        elif isinstance(node, Section):
            node.page = pages.get(("section", chapter, node.ordinal))


def _with_targets(nodes: list[Node], plan_end_year: int | None, genre: Genre) -> list[Node]:
    """Insert a target node after each node whose prose states one."""
    result: list[Node] = []
    forward = True  # the preamble states targets too (到2022年…); a review chapter does not
    for node in nodes:
        result.append(node)
        if isinstance(node, Chapter):
            forward = not node.review
        if not forward or not isinstance(node, (Measure, Item, Project)):
            continue
        prose = node.text if isinstance(node, Measure) else (node.title or "") + (node.text or "")
        for k, found in enumerate(find_targets(prose, plan_end_year, genre), 1):
            result.append(Target(ids.target_id(node.id, k), node.id, node.source, **found.__dict__))
    return result
