"""Stage 3b, link: 专栏 projects to the measures that carry them out, indicators to the
statements that give their baseline or target, and the places where the plan states
a figure two ways.

Project links. A 专栏 summarises measures of the body, clause by clause, often with
the same words (“实施农村幼儿园补缺工程”) or nearly (增容行动 / 扩容行动). Each project
clause is compared with each measure by the character 4-grams they share, weighted by
rarity (idf over the plan's measures), so that boilerplate (全面落实, 建立健全) counts
for little and names and numbers count for much. A measure is linked when one clause
is mostly found in it: half of the clause's weight in the chapter the box closes, three
quarters elsewhere (boxes summarise their own chapter; a box may also point further).

Indicator links. An indicator is named by the table and by the prose in other
words: the genre file's ``indicator_synonyms`` hold the usual ones,
and the indicator's own name always counts. A sentence speaks of an indicator when it
names it and its stage is the indicator's stage (by the sentence's own words first,
else its headings: 小学 → 九年义务教育, 三残 → 特殊教育). The figure after the name is
its value; in the review of past years it is a baseline, elsewhere a target; sentences
that only say to raise the quantity (提高…比例) are linked without a figure.

Findings. Each figure is compared with the table (tolerance 0.05 for percentages, so
99.96 and 100 agree as rounding), an annual increase is carried over the plan period,
figures for the same target that differ from each other are reported, and the table
is checked on its own.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Report
from .genre import Genre
from .segment import Segmenter
from .serves import scored_links, serves_links
from .records import Chapter, Finding, Indicator, Link, Node, Plan, Target
from .yamlfile import load_yaml

NOT_WORD = re.compile(r"[^\w%]")
CLAUSE = re.compile(r"[^，。；：！？]+")
SENTENCE = re.compile(r"[^。！？；]+[。！？；]?")
QUOTED = re.compile(r"“([^”]{2,12})”")
GRAM = 4
MIN_CLAUSE_WEIGHT = 6.0
SAME_CHAPTER_COVERAGE = 0.5
OTHER_CHAPTER_COVERAGE = 0.75
PERCENT_TOLERANCE = 0.05

FIGURE = re.compile(
    r"^[^，。；]{0,6}?(?:达到|已达|达|超过|为|在|不低于|不少于|提高到|提高|保持在)?\s*"
    r"(\d+(?:\.\d+)?)(?:\s*[-－~～至]\s*(\d+(?:\.\d+)?))?\s*(个百分点|%|万人|人|个|所|次)(以上|以下|左右)?")
RAISE = re.compile(r"提高|提升|扩大|增加")


@dataclass
class Statement:
    """A sentence that speaks of an indicator, with the figure it gives (if any)."""

    node: Node
    indicator: Indicator
    quote: str
    values: list[float]
    unit: str | None
    op: str  # "=", "≥", "≤", "+" (an increase) or "" (no figure)
    role: str  # "baseline", "target" or "direction"
    annual: bool = False


def link(plan: Plan, report: Report, overrides: Path | None = None, segmenter: Segmenter | None = None) -> None:
    """Fill ``plan.links`` and ``plan.findings``; apply the editor's overrides file if any.
    ``segmenter`` cuts indicator names for ``serves`` links (a new one when None: ~1 s)."""
    context = _Context(plan)
    links = link_projects(plan, context)
    statements = find_statements(plan, context)
    links += [_indicator_link(s, plan.genre) for s in statements]
    links += serves_links(plan, group_terms(plan), context.in_review, segmenter)
    findings = compare_statements(plan, statements) + check_table(plan)
    for statement in statements:
        for target in context.targets.get(statement.node.id, []):
            if statement.role == "target" and _names(statement.indicator, target.quote, plan.genre):
                target.indicator = statement.indicator.id
    plan.links = _deduplicated(links)
    plan.findings = findings
    if overrides is not None and overrides.is_file():
        apply_overrides(plan, overrides, report)


def serves_candidates(plan: Plan) -> list[Link]:
    """Every candidate ``serves`` link of the plan with its score, before the threshold
    (for ``make eval-links``'s precision/recall table)."""
    return scored_links(plan, group_terms(plan), _Context(plan).in_review)


class _Context:
    """Indexes over the plan that the link rules share."""

    def __init__(self, plan: Plan):
        self.by_id = plan.index()
        self.chapter: dict[str, Chapter | None] = {}
        for node in plan.nodes:
            self.chapter[node.id] = self._chapter_of(node)
        self.targets: dict[str, list[Target]] = {}
        for node in plan.nodes:
            if isinstance(node, Target):
                self.targets.setdefault(node.parent, []).append(node)

    def _chapter_of(self, node: Node) -> Chapter | None:
        while node.parent is not None:
            node = self.by_id[node.parent]
        return node if isinstance(node, Chapter) else None

    def in_review(self, node: Node) -> bool:
        chapter = self.chapter.get(node.id)
        return bool(chapter and chapter.review)

    def headings(self, node: Node) -> str:
        titles = []
        while node.parent is not None:
            node = self.by_id[node.parent]
            titles.append(node.title or "")
        return " ".join(titles)


# -- projects ------------------------------------------------------------------------------

def _grams(text: str) -> set[str]:
    text = NOT_WORD.sub("", text)
    return {text[i:i + GRAM] for i in range(len(text) - GRAM + 1)}



def link_projects(plan: Plan, context: _Context) -> list[Link]:
    measures = [n for n in plan.nodes if n.kind in ("measure", "item") and not context.in_review(n)
                and context.chapter.get(n.id) is not None]
    squashed = {m.id: NOT_WORD.sub("", m.own_chars()) for m in measures}
    grams = {m.id: _grams(squashed[m.id]) for m in measures}
    frequency = Counter(g for gs in grams.values() for g in gs)
    idf = {g: math.log(len(measures) / frequency[g]) for g in frequency}
    candidates = {m.id: m for m in measures}
    children: dict[str, list[Node]] = {}
    for measure in measures:
        children.setdefault(measure.parent, []).append(measure)
    links = []
    for project in plan.by_kind("project"):
        box_chapter = context.chapter.get(project.id)
        text = (project.title or "") + (project.text or "")
        clauses = [_Clause(c, _grams(c), _weight(_grams(c), idf)) for c in CLAUSE.findall(text)]
        clauses = [c for c in clauses if c.weight >= MIN_CLAUSE_WEIGHT]
        found = []
        for measure in measures:
            match = _project_match(clauses, grams[measure.id], idf, squashed[measure.id])
            if match is None:
                continue
            coverage, total, phrases = match
            threshold = SAME_CHAPTER_COVERAGE if context.chapter.get(measure.id) is box_chapter else OTHER_CHAPTER_COVERAGE
            if coverage >= threshold:
                found.append(Link(project.id, measure.id, "project", "共同词句：" + "；".join(phrases),
                                  score=round(total, 2)))
        links.extend(found)
        links.extend(_under_linked_headings(project, text, found, candidates, children, squashed))
    return links


def _under_linked_headings(project: Node, text: str, found: list[Link], candidates: dict[str, Node],
                           children: dict[str, list[Node]], squashed: dict[str, str]) -> list[Link]:
    """A point heading the project restates is carried out by the paragraphs under it
    that share the project's wording (a phrase of five characters or more).

    ``found``: the project's links so far; ``candidates``: the measures and points that may
    be linked, by id; ``children``: the same by parent id, in document order."""
    linked = {l.target for l in found}
    project_text = NOT_WORD.sub("", text)
    under = []
    for heading in (candidates[l.target] for l in found):
        if heading.kind != "item":
            continue
        for child in children.get(heading.id, []):
            if child.id in linked:
                continue
            phrases = _shared_phrases(project_text, squashed[child.id], shortest=5)
            if phrases:
                longest = sorted(set(phrases), key=lambda p: (len(p), p))[-3:]
                under.append(Link(project.id, child.id, "project",
                                  f"在“{heading.title}”之下；共同词句：" + "；".join(longest), score=0.5))
    return under


def _weight(grams: set[str], idf: dict[str, float]) -> float:
    return sum(idf.get(g, 0.0) for g in grams)


@dataclass
class _Clause:
    text: str
    grams: set[str]
    weight: float


def _project_match(clauses: list[_Clause], measure_grams: set[str], idf: dict[str, float],
                   measure_text: str) -> tuple[float, float, list[str]] | None:
    """Best clause coverage (the smaller of its rarity-weighted and its plain character
    coverage), the total shared weight, and the shared phrases."""
    best, total, phrases = 0.0, 0.0, []
    for clause in clauses:
        common = clause.grams & measure_grams
        if not common:
            continue
        shared = _weight(common, idf)
        runs = _shared_phrases(clause.text, measure_text, shortest=GRAM)
        plain = sum(len(r) for r in runs) / max(1, len(NOT_WORD.sub("", clause.text)))
        best = max(best, min(shared / clause.weight, plain))
        total += shared
        phrases.extend(r for r in runs if len(r) >= 6)
    if not total:
        return None
    phrases = sorted(set(phrases), key=lambda p: (-len(p), p))[:3]
    return best, total, phrases


def _shared_phrases(clause: str, text: str, shortest: int = 6) -> list[str]:
    """Longest runs of the clause (``shortest`` characters or more) that the text also has."""
    found, start = [], 0
    squashed = NOT_WORD.sub("", clause)
    while start < len(squashed):
        end = start + GRAM
        if end > len(squashed) or squashed[start:end] not in text:
            start += 1
            continue
        while end < len(squashed) and squashed[start:end + 1] in text:
            end += 1
        if end - start >= shortest:
            found.append(squashed[start:end])
        start = end
    return found


# -- indicators ------------------------------------------------------------------------------

def _names(indicator: Indicator, text: str, genre: Genre) -> list[str]:
    """The names of the indicator that occur in the text, longest first."""
    return sorted((n for n in genre.synonyms_of(indicator.name) if n in text), key=len, reverse=True)


def _stages_named(text: str, group_terms: dict[str, tuple[str, ...]]) -> set[str]:
    return {group for group, terms in group_terms.items() if any(t in text for t in terms)}


def group_terms(plan: Plan) -> dict[str, tuple[str, ...]]:
    """Words placing a sentence in each group of the plan's indicator table: the genre's, and
    for a group the genre does not know, its own label (learnt from the table's group rows)."""
    terms = dict(plan.genre.group_terms)
    for indicator in plan.by_kind("indicator"):
        for label in (indicator.stage, indicator.substage):
            if label and label not in terms:
                terms[label] = (label,)
    return terms


def _indicator_stage(indicator: Indicator) -> str:
    return indicator.substage or indicator.stage


def find_statements(plan: Plan, context: _Context) -> list[Statement]:
    indicators = plan.by_kind("indicator")
    substages: dict[str, set[str]] = {}
    for indicator in indicators:
        if indicator.substage:
            substages.setdefault(indicator.stage, set()).add(indicator.substage)
    statements = []
    groups = group_terms(plan)
    for node in plan.nodes:
        if node.kind not in ("measure", "project") or context.chapter.get(node.id) is None:
            continue
        review = context.in_review(node)
        headings = context.headings(node)
        for sentence in SENTENCE.findall(node.own_chars()):
            for indicator in indicators:
                if (_names(indicator, sentence, plan.genre)
                        and _stage_fits(indicator, sentence, headings, substages, groups)):
                    statements.extend(_read_statements(node, indicator, sentence, review, plan.genre))
    return statements


def _stage_fits(indicator: Indicator, sentence: str, headings: str, substages: dict[str, set[str]],
                groups: dict[str, tuple[str, ...]]) -> bool:
    """The sentence (else its headings) is about the indicator's stage, and not about
    another group of the same stage (高职 and 本科 under 高等教育)."""
    stages = _stages_named(sentence, groups) or _stages_named(headings, groups)
    if indicator.substage and indicator.substage in stages:
        return True
    others = substages.get(indicator.stage, set()) - {indicator.substage}
    return indicator.stage in stages and not (stages & others)


@dataclass
class _Figure:
    start: int
    end: int
    values: list[float]
    unit: str
    op: str
    annual: bool


def _figures(indicator: Indicator, sentence: str, genre: Genre) -> list[_Figure]:
    """Each figure written right after a name of the indicator (longest names first)."""
    found: list[_Figure] = []
    covered: list[tuple[int, int]] = []
    for name in _names(indicator, sentence, genre):
        for match in re.finditer(re.escape(name), sentence):
            if any(a <= match.start() < b for a, b in covered):
                continue
            covered.append((match.start(), match.end()))
            figure = FIGURE.match(sentence[match.end():])
            if figure is None:
                continue
            low, high, unit, qualifier = figure.groups()
            values = [float(low)] + ([float(high)] if high else [])
            if unit == "个百分点":
                op = "+"
            else:
                op = {"以上": "≥", "以下": "≤"}.get(qualifier or "") or (
                    "≥" if re.search(r"超过|不低于|不少于", figure.group(0)) else "=")
            annual = "每年" in sentence[max(0, match.start() - 12):match.start()]
            found.append(_Figure(match.start(), match.end() + figure.end(), values,
                                 "%" if unit == "个百分点" else unit, op, annual))
    return sorted(found, key=lambda f: f.start)


def _clause_start(sentence: str, at: int) -> int:
    """Where the clause holding position ``at`` begins (after the last ，；：), taking in a
    short deadline clause before it (到2025年，…)."""
    start = max(sentence.rfind(mark, 0, at) for mark in "，；：、") + 1
    before = max(sentence.rfind(mark, 0, max(0, start - 1)) for mark in "，；：、") + 1
    if start and re.search(r"\d{4}年|五年内|十[一二三四五六七八九]五", sentence[before:start - 1]) and start - before <= 12:
        return before
    return start


def _unit_fits(indicator_unit: str | None, unit: str) -> bool:
    if indicator_unit is None:
        return unit in ("个", "所")
    return {"次数": "次"}.get(indicator_unit, indicator_unit) == unit or (indicator_unit == "个" and unit == "所")


def _read_statements(node: Node, indicator: Indicator, sentence: str, review: bool,
                     genre: Genre) -> list[Statement]:
    role = "baseline" if review else "target"
    figures = [f for f in _figures(indicator, sentence, genre) if _unit_fits(indicator.unit, f.unit)]
    if figures:
        if indicator.name.endswith("总量") and len(figures) > 1 and all(f.op == "=" for f in figures):
            quote = "，".join(sentence[f.start:f.end] for f in figures)  # parts of one total
            return [Statement(node, indicator, quote, [sum(f.values[0] for f in figures)], figures[0].unit, "=", role)]
        return [Statement(node, indicator, sentence[_clause_start(sentence, f.start):f.end], f.values, f.unit,
                          f.op, role, f.annual) for f in figures]
    if review or _figures(indicator, sentence, genre):
        return []
    for name in _names(indicator, sentence, genre):
        at = sentence.find(name)
        if re.search(r"(?:率|比例|占比|规模|总量)$", name) and RAISE.search(sentence[max(0, at - 6):at]):
            clause = next((c for c in CLAUSE.findall(sentence) if name in c), sentence)
            return [Statement(node, indicator, clause.strip(), [], None, "", "direction")]
    return []


def _indicator_link(statement: Statement, genre: Genre) -> Link:
    indicator = statement.indicator
    named = _names(indicator, statement.quote, genre) or [indicator.name]
    why = f"{indicator.name}" + (f" = {named[0]}" if named[0] != indicator.name else "")
    if statement.values:
        why += f"；{statement.role == 'baseline' and '基期' or '目标'}：{statement.quote}"
    else:
        why += f"；方向：{statement.quote}"
    return Link(indicator.id, statement.node.id, "indicator", why, role=statement.role,
                score=1.0 if statement.values else 0.5)


def _deduplicated(links: list[Link]) -> list[Link]:
    seen: dict[tuple[str, str, str], Link] = {}
    for item in links:
        key = (item.source, item.target, item.kind)
        if key not in seen or item.score > seen[key].score:
            seen[key] = item
    return sorted(seen.values(), key=lambda l: (l.kind, l.source, -l.score, l.target))


# -- findings ----------------------------------------------------------------------------------

def _comparable(statement: Statement) -> bool:
    indicator = statement.indicator
    if not statement.values:
        return False
    if indicator.unit == "%" or statement.unit == "%":
        return indicator.unit == statement.unit == "%"
    return indicator.unit is not None and indicator.unit == statement.unit


def _agrees(value: float, op: str, table: float, unit: str | None) -> bool:
    tolerance = PERCENT_TOLERANCE if unit == "%" else 0.0
    if op == "≥":
        return table >= value - tolerance
    if op == "≤":
        return table <= value + tolerance
    return abs(table - value) <= tolerance


def _show(value: float | int | None, unit: str | None) -> str:
    if value is None:
        return "未设"
    text = f"{value:g}"
    return text + ("%" if unit == "%" else (unit or ""))


def compare_statements(plan: Plan, statements: list[Statement]) -> list[Finding]:
    findings: list[Finding] = []
    table_quote = {}
    for statement in statements:
        indicator = statement.indicator
        if not _comparable(statement):
            continue
        table_quote[indicator.id] = indicator.text or ""
        if statement.op == "+":
            findings.extend(_check_increase(statement))
            continue
        expected = indicator.baseline if statement.role == "baseline" else indicator.target
        if expected is None:
            continue
        value = statement.values[0]
        if _agrees(value, statement.op, float(expected), indicator.unit):
            continue
        year = indicator.baseline_year if statement.role == "baseline" else indicator.target_year
        said = f"{'≥' if statement.op == '≥' else ''}{_show(value, indicator.unit)}"
        findings.append(Finding(
            f"indicator-{statement.role}:{indicator.id}:{statement.node.id}", f"indicator-{statement.role}",
            [indicator.id, statement.node.id],
            f"{indicator.stage}{indicator.name}：指标表 {year}年 {_show(expected, indicator.unit)}，"
            f"正文 {said}",
            [(indicator.id, indicator.text or ""), (statement.node.id, statement.quote)]))
    findings.extend(_prose_differences(statements))
    return findings


def _check_increase(statement: Statement) -> list[Finding]:
    """'每年…提高3-5个百分点': carried from the baseline over the plan period."""
    indicator = statement.indicator
    if not statement.annual or indicator.baseline is None or indicator.target is None:
        return []
    years = (indicator.target_year or 0) - (indicator.baseline_year or 0)
    if years <= 0:
        return []
    low = indicator.baseline + years * min(statement.values)
    high = indicator.baseline + years * max(statement.values)
    if low - PERCENT_TOLERANCE <= indicator.target <= high + PERCENT_TOLERANCE:
        return []
    return [Finding(
        f"indicator-rate:{indicator.id}:{statement.node.id}", "indicator-rate",
        [indicator.id, statement.node.id],
        f"{indicator.stage}{indicator.name}：每年提高{min(statement.values):g}–{max(statement.values):g}个百分点，"
        f"从{indicator.baseline_year}年的{_show(indicator.baseline, '%')}起{years}年后应为"
        f"{low:g}%–{high:g}%，指标表目标为{_show(indicator.target, '%')}",
        [(indicator.id, indicator.text or ""), (statement.node.id, statement.quote)])]


def _prose_differences(statements: list[Statement]) -> list[Finding]:
    """Two places in the prose that give different figures for the same target."""
    findings = []
    targets = [s for s in statements if s.role == "target" and _comparable(s) and s.op != "+"]
    for i, first in enumerate(targets):
        for second in targets[i + 1:]:
            if first.indicator is not second.indicator or first.node is second.node:
                continue
            if abs(first.values[0] - second.values[0]) <= PERCENT_TOLERANCE:
                continue
            indicator = first.indicator
            findings.append(Finding(
                f"figure-differs:{indicator.id}:{first.node.id}:{second.node.id}", "figure-differs",
                [first.node.id, second.node.id, indicator.id],
                f"{indicator.stage}{indicator.name}的目标在正文中有两个数字："
                f"{_show(first.values[0], '%' if first.unit == '%' else first.unit)}与"
                f"{_show(second.values[0], '%' if second.unit == '%' else second.unit)}",
                [(first.node.id, first.quote), (second.node.id, second.quote)]))
    return findings


def check_table(plan: Plan) -> list[Finding]:
    findings = []
    for indicator in plan.by_kind("indicator"):
        if indicator.unit == "%":
            for label, value in (("基期", indicator.baseline), ("目标", indicator.target)):
                if value is not None and value > 100:
                    findings.append(_table_finding(indicator, "table-over-100", f"{label} {value:g}% 超过 100%"))
        if (indicator.baseline is not None and indicator.target is not None
                and indicator.target < indicator.baseline
                and not any(word in indicator.name for word in plan.genre.falling)):
            findings.append(_table_finding(
                indicator, "table-target-below-baseline",
                f"目标 {_show(indicator.target, indicator.unit)} 低于基期 {_show(indicator.baseline, indicator.unit)}"))
        if indicator.binding == "约束性" and indicator.target is None:
            findings.append(_table_finding(indicator, "table-binding-without-target", "约束性指标未设目标"))
    return findings


def _table_finding(indicator: Indicator, kind: str, message: str) -> Finding:
    return Finding(f"{kind}:{indicator.id}", kind, [indicator.id], f"{indicator.stage}{indicator.name}：{message}",
                   [(indicator.id, indicator.text or "")])


# -- editor overrides --------------------------------------------------------------------------

_NODE_ID = {"type": "string", "pattern": "^[!-~]+$", "maxLength": 200, "description": "a node id such as chp_5__sec_1__para_2"}
_COMMENT = {"type": "string", "pattern": r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$", "maxLength": 2000,
            "description": "text without control characters (at most 2000 characters)"}
_LIST = {"type": "array", "maxItems": 5000}
OVERRIDES_SCHEMA = {
    "type": ["object", "null"],
    "additionalProperties": False,
    "properties": {
        "add": dict(_LIST, items={"type": "object", "required": ["from", "to"], "additionalProperties": False,
                                  "properties": {"from": _NODE_ID, "to": _NODE_ID, "why": _COMMENT,
                                                 "kind": {"enum": ["serves"], "description": "serves: the "
                                                          "measure works toward the indicator"}}}),
        "remove": dict(_LIST, items={"type": "object", "required": ["from", "to"], "additionalProperties": False,
                                     "properties": {"from": _NODE_ID, "to": _NODE_ID}}),
        "review": dict(_LIST, items={"type": "object", "required": ["finding", "comment"],
                                     "additionalProperties": False,
                                     "properties": {"finding": dict(_NODE_ID, description="a finding id such as "
                                                                                 "indicator-baseline:ind_5:chp_1__para_1"),
                                                    "comment": _COMMENT}}),
    },
}


def apply_overrides(plan: Plan, path: Path, report: Report) -> None:
    """links.yml (:data:`OVERRIDES_SCHEMA`): ``add`` and ``remove`` links, mark findings as
    ``review``ed with a comment. Errors: ``links.yml:line`` for a malformed file or an
    entry naming a node or finding that does not exist."""
    document = load_yaml(path, report, OVERRIDES_SCHEMA, "overrides")
    if document is None or document.value is None:
        return
    where = str(path)
    by_id = plan.index()
    findings = {f.id: f for f in plan.findings}
    applied = Counter()
    for section, entries in document.value.items():
        for number, values in enumerate(entries or []):
            line = document.line(section, number)
            if _apply_one(plan, section, values, by_id, findings, where, line, report):
                applied[section] += 1
    if applied:
        report.note(where, 1, "overrides-applied",
                       f"overrides applied: {applied['add']} link(s) added, {applied['remove']} removed, "
                       f"{applied['review']} finding(s) marked reviewed")


def _apply_one(plan: Plan, section: str, values: dict, by_id: dict, findings: dict, where: str, line: int,
               report: Report) -> bool:
    if section == "review":
        finding = findings.get(values["finding"])
        if finding is None:
            report.error(where, line, "overrides-stale", f"finding '{values['finding']}' does not exist (any more)")
            return False
        finding.reviewed, finding.comment = True, values["comment"]
        return True
    source, target = values["from"], values["to"]
    missing = [i for i in (source, target) if i not in by_id]
    if missing:
        report.error(where, line, "overrides-stale", f"node '{missing[0]}' does not exist (any more)")
        return False
    if section == "add":
        kind = "indicator" if by_id[source].kind == "indicator" else "project"
        kind = "serves" if kind == "indicator" and values.get("kind") == "serves" else kind
        plan.links = [l for l in plan.links if (l.source, l.target) != (source, target)]
        plan.links.append(Link(source, target, kind, values.get("why") or "编辑添加", origin="editor", score=1.0))
        return True
    before = len(plan.links)
    plan.links = [l for l in plan.links if (l.source, l.target) != (source, target)]
    if len(plan.links) == before:
        report.warning(where, line, "overrides-nothing-to-remove", f"no link from '{source}' to '{target}' to remove")
        return False
    return True
