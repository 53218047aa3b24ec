"""Figures and units in the prose and in table cells: how a figure is printed, which
comparison it states, how it is shown, and when two figures agree.

One reader per genre (:func:`reader`) reads every figure: targets in the prose
(:mod:`generator.parse.targets`: any figure carrying one of the genre's units, ``95%以上``,
``3—5个``, ``2万人``), the figure right after an indicator's name
(:mod:`generator.link.statements`: ``普惠率达到95%以上``, ``每年提高3-5个百分点``), table cells
(:meth:`FigureReader.read_figure`: ``≥95``, ``6人（含）以下``, ``较“十二五”下降30%以上``) and targets
stated in words (:meth:`FigureReader.stated_targets`). Its words come from the genre file
(:mod:`generator.config.genre`): ``units``, ``at_least_words`` (不低于, 超过…),
``at_most_words`` (不超过, 控制在, 下降到…), ``rising_verbs`` (提高, 增加…), ``falling_verbs``
(下降, 减少…) and ``target_verbs``; a new sector's units and verbs are a genre file, not code.
What stays here is the grammar of figures: digits, ranges, the qualifiers 以上/以下/以内/左右,
the signs ≥ ≤ > < ≈, rates (15/10万) and 不 before a comparison word negating it (不超过 is
a word of its own; 超过 after 不 is not at least).

Comparisons are written ``=``, ``≥``, ``≤``, ``≈``, ``+`` (an increase) and ``-`` (a
decrease); 下降到13.5% is ``≤`` wherever it is read.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.config.genre import Genre
from generator.parse import grammar as g

NUMBER = r"\d{1,12}(?:\.\d{1,12})?"  # longer runs of digits are no figure (and int() refuses 4300 digits)
PERCENT_TOLERANCE = 0.05  # percentages one rounding apart agree (99.96 and 100)
QUALIFIERS = {"左右": "≈", "以上": "≥", "以下": "≤", "以内": "≤"}
POINTS = "个百分点"  # a change in percentage points: shown as %
NAME_REACH = 6  # characters between an indicator's name and its figure (和普惠率提高3-5个百分点)
COPULAS = ("为", "在")  # 为508人, 保持在: the figure after a name with no verb of reaching


def figure_pattern(units: tuple[str, ...]) -> re.Pattern:
    """A figure in prose with one of ``units`` (longest first; ``%`` when none), optionally a
    range (``3—5``), a 万/亿 multiplier and a qualifier. Groups: low value, high value, unit,
    qualifier. A figure starts where a run of digits starts (not inside one), so a run of N
    digits costs O(N), not O(N²), to search."""
    return re.compile(_figure_source(units))


def _figure_source(units: tuple[str, ...]) -> str:
    alternatives = _alternatives(units) if units else "%"
    return (rf"(?<!\d)({NUMBER})(?:\s*(?:-|－|—|～|~|至)\s*({NUMBER}))?\s*((?:万|亿)?(?:{alternatives}))"
            r"(左右|以上|以下|以内)?")


def _alternatives(words) -> str:
    """``words`` as a regex alternation, longest first (a pattern matching nothing when empty)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


def _unnegated(words) -> str:
    """``words`` as an alternation where a word not starting with 不 does not count after 不
    (不超过 is a word of its own: 超过 inside it is not at least)."""
    return "|".join(re.escape(w) if w.startswith("不") else rf"(?<!不){re.escape(w)}"
                    for w in sorted(set(words), key=len, reverse=True)) or "(?!)"


def number(text: str) -> float | int:
    """``"95"`` → 95, ``"85.51"`` → 85.51 (an int unless a decimal point is printed)."""
    return float(text) if "." in text else int(text)


@dataclass(frozen=True)
class NamedFigure:
    """The figure after an indicator's name: ``values`` (one, or two for a range), ``unit``
    (``%`` for 个百分点), ``op`` and ``length`` (characters read after the name)."""

    values: list[float]
    unit: str
    op: str
    length: int


@dataclass
class Figure:
    """A figure as a table cell prints it: ``≥95``, ``6人（含）以下``, ``较“十二五”下降30%以上``."""

    value: float | int | None = None
    op: str | None = None
    unit: str | None = None
    change: dict | None = None  # a relative change: value, unit, direction, reference


NO_FIGURE = re.compile(r"^(?:[-－—–/／]+|无|—+)?$")  # a cell printing no figure
SIGNS = (("≥", "≥|>="), ("≤", "≤|<="), (">", ">|大于"), ("<", "<|小于"), ("≈", "≈|约"))
SUFFIX_OPS = (("≥", "以上"), ("≤", "以下|以内"), ("≈", "左右"))
CHANGE_UNITS = "%|个百分点|倍"  # a relative change: 较“十二五”下降30%, 提高2个百分点, 增长1倍
RATES = ("/10万", "/万", "/千")  # 15/10万: a rate, in a cell's words
ZERO = re.compile(r"零(?:发生|事故|增长|容忍)?$")
CELL_YEAR = re.compile(r"(\d{4})\s*年(?:底|末)?(?:前)?")
QUALITATIVE = re.compile(r"^定性指标|^定性$")
CLOSING_MARKS = "。；;”’）)"


@dataclass(frozen=True)
class StatedTarget:
    """One target an indicator's cell states in words: ``text`` (its clause as printed),
    ``value`` and ``unit`` (None for a direction without a figure: 较上一年增加), ``op``
    (``=``, ``≥``, ``≤``, ``≈``, ``+`` for an increase in points, ``-`` for a decrease; None
    for a direction without a figure),
    ``year`` (None when the words give none), ``direction`` (up, down or None) and
    ``reference`` (what a change is measured from: 上一年)."""

    text: str
    value: float | int | None = None
    unit: str | None = None
    op: str | None = None  # None for a direction without a figure
    year: int | None = None
    direction: str | None = None
    reference: str | None = None

    def record(self) -> dict:
        return {"text": self.text, "value": self.value, "unit": self.unit, "op": self.op, "year": self.year,
                "direction": self.direction, "reference": self.reference}


_READERS: dict[Genre, "FigureReader"] = {}


def reader(genre: Genre) -> "FigureReader":
    """The figure reader of ``genre``, its patterns compiled once per genre."""
    if genre not in _READERS:
        _READERS[genre] = FigureReader(genre)
    return _READERS[genre]


class FigureReader:
    """Every figure of a plan read with its genre's words (see the module docstring)."""

    def __init__(self, genre: Genre) -> None:
        self.units, self.target_verbs, self.count_units = genre.units, genre.target_verbs, genre.count_units
        self.rising_verbs, self.falling_verbs = genre.rising_verbs, genre.falling_verbs
        self.figure = figure_pattern(genre.units)
        self.at_least = re.compile(_unnegated(genre.at_least_words))
        self.at_most = re.compile(_unnegated(genre.at_most_words))
        self.rising = re.compile(_alternatives(genre.rising_verbs))
        self.falling = re.compile(_alternatives(genre.falling_verbs))
        self.rises_here = re.compile(rf"(?:{self.rising.pattern})\s*$")
        self.falls_here = re.compile(rf"(?:{self.falling.pattern})\s*$")
        self.named = re.compile(rf"^[^，。；]{{0,{NAME_REACH}}}?(?:{_alternatives(genre.target_verbs + COPULAS)})?\s*"
                                + _figure_source(genre.units))
        changes = _alternatives(genre.rising_verbs + genre.falling_verbs)
        self.relative = re.compile(rf"^(?:较|比)(.+?)({changes})({NUMBER})({CHANGE_UNITS})?(以上|以下|以内|左右)?$")
        self.prefix_ops = (("≥", _unnegated(genre.at_least_words)), ("≤", _unnegated(genre.at_most_words)), *SIGNS)
        self.absolute = re.compile(
            rf"^(?P<pre>{'|'.join(p for _, p in self.prefix_ops)})?(?P<value>{NUMBER})(?P<unit>[^\d(（]{{0,4}}?)"
            rf"(?:\(含\))?(?P<suf>{'|'.join(s for _, s in SUFFIX_OPS)})?$")
        self.worded = re.compile(rf"({NUMBER})\s*({_alternatives(RATES + genre.units + ('倍',))})?\s*(以上|以下|以内|左右)?")
        self.direction_words = re.compile(
            rf"(?:较|比)?(上一?年|上年|基期|去年|“?十[一二三四五六七八九]五”?末?)?(?:度)?"
            rf"(?:逐年|持续|稳步|不断|有所|进一步)?({changes})")
        self.reaching = re.compile(rf"{_alternatives(genre.target_verbs)}|为$")  # a bare number after these is a target

    def unit_fits(self, indicator_unit: str | None, unit: str) -> bool:
        """Whether a figure's unit can be the indicator's: the same (次数 is 次: a unit printed
        as its count), or a count: the genre's ``count_units`` (个, 所…) for an indicator
        counted in the first of them or printed without a unit (新建幼儿园20所 for 幼儿园数 (个))."""
        if indicator_unit is None:
            return unit in self.count_units
        if indicator_unit == unit or indicator_unit == unit + "数":
            return True
        return bool(self.count_units) and indicator_unit == self.count_units[0] and unit in self.count_units

    def direction(self, verb: str) -> str:
        """``down`` for a falling verb, else ``up``."""
        return "down" if verb in self.falling_verbs else "up"

    def comparison(self, before: str, unit: str, qualifier: str | None) -> str:
        """The comparison a figure states: its qualifier (以上 ≥, 以下/以内 ≤, 左右 ≈), else the
        comparison word nearest before the figure in its clause (genre ``at_least_words`` ≥,
        ``at_most_words`` ≤), else a change: a rising verb before a figure in points, or right
        before any figure (增加50所), is ``+``; a falling verb right before it (下降10%) ``-``;
        else ``=``."""
        if qualifier in QUALIFIERS:
            return QUALIFIERS[qualifier]
        nearest = max(((m.end(), op) for pattern, op in ((self.at_least, "≥"), (self.at_most, "≤"))
                       for m in pattern.finditer(before)), default=None)
        if nearest:
            return nearest[1]
        if self.falls_here.search(before):
            return "-"
        if self.rising.search(before) and unit == POINTS or self.rises_here.search(before):
            return "+"
        return "="

    def after_name(self, rest: str) -> NamedFigure | None:
        """The figure at the start of ``rest`` (the text right after an indicator's name): up to
        ``NAME_REACH`` characters, a verb of reaching (genre ``target_verbs``) or 为/在, a figure
        with a genre unit; its comparison as :meth:`comparison` reads it; None if there is none.

        ``达到95%以上`` → [95.0] % ≥; ``超过90%`` → ≥; ``提高3-5个百分点`` → [3.0, 5.0] % +;
        ``下降到13.5%`` → ≤."""
        match = self.named.match(rest)
        if match is None:
            return None
        low, high, unit, qualifier = match.groups()
        values = [float(low)] + ([float(high)] if high else [])
        op = self.comparison(rest[:match.start(1)], unit, qualifier)
        return NamedFigure(values, "%" if unit == POINTS else unit, op, match.end())

    def read_figure(self, text: str) -> Figure:
        """The figure a table cell prints, as far as it can be read; ``-``, ``--``, ``—`` are none.

        ``≥95`` → 95, ≥; ``不低于95`` → 95, ≥; ``6人（含）以下`` → 6 人, ≤; ``“十三五”时期零发生`` →
        0, =; ``较“十二五”下降30%以上`` → no value, a change {value: 30, unit: %, direction: down,
        reference: “十二五”, op: ≥}.
        """
        cell = unicodedata.normalize("NFKC", g.squash(text))
        if NO_FIGURE.match(cell):
            return Figure()
        relative = self.relative.match(cell)
        if relative:
            reference, verb, value, unit, suffix = relative.groups()
            op = dict((s, o) for o, pattern in SUFFIX_OPS for s in pattern.split("|")).get(suffix or "", "=")
            return Figure(change={"value": cell_number(value), "unit": unit, "op": op, "reference": reference,
                                  "direction": self.direction(verb)})
        match = self.absolute.match(cell)
        if match:
            op = next((o for o, p in self.prefix_ops if match["pre"] and re.fullmatch(p, match["pre"])), None)
            op = op or next((o for o, s in SUFFIX_OPS if match["suf"] and re.fullmatch(s, match["suf"])), "=")
            return Figure(cell_number(match["value"]), op, match["unit"] or None)
        if ZERO.search(cell):
            return Figure(0, "=")
        return Figure()

    def stated_targets(self, cell: str, year: int | None = None) -> list[StatedTarget]:
        """The targets an indicator's target cell states, in print order.

        A cell holding one figure as a table prints it (``≥95``, ``较“十二五”下降30%以上``) is one
        target of the column's ``year``. A cell in words is read clause by clause (split on
        。；，): each figure is a target of the year printed before it in its sentence
        (“2023年达到80%，力争2035年达到95%” → 80% in 2023, 95% in 2035), its comparison from the
        words before it (原则上不低于80% → ≥ 80: the subject is the indicator, 原则上 is no
        subject); a clause naming a change and no figure is a direction (较上一年增加 → up, from
        上一年); 定性指标 and words without either state none. Source: the health 实施方案's
        indicator system (附件1: 指标 | 评价标准, targets in words)."""
        text = g.squash(cell)
        if not text or QUALITATIVE.match(text) or NO_FIGURE.match(text):
            return []
        figure = self.read_figure(text)
        if figure.value is not None or figure.change:
            change = figure.change or {}
            return [StatedTarget(text, figure.value if figure.value is not None else change.get("value"),
                                 figure.unit or change.get("unit"), figure.op or change.get("op") or "=", year,
                                 change.get("direction"), change.get("reference"))]
        found: list[StatedTarget] = []
        for sentence in re.findall(r"[^。；;]+[。；;]?", text):
            sentence_year = None
            for clause in re.findall(r"[^，,。；;]+", sentence):
                years = list(CELL_YEAR.finditer(clause))
                sentence_year = int(years[-1].group(1)) if years else sentence_year
                found += self._clause_targets(clause, years, sentence_year or year)
        return found

    def _clause_targets(self, clause: str, years: list[re.Match], year: int | None) -> list[StatedTarget]:
        """The target a clause states: the figure that ends it (达到80%, 不低于80%, 控制在15%以下;
        a figure inside the words, 3岁以下婴幼儿, states none), else a direction (较上一年增加)."""
        spans = [(m.start(), m.end()) for m in years]
        body = clause.rstrip(CLOSING_MARKS)
        figures = [m for m in self.worded.finditer(body)
                   if m.end() == len(body) and not any(start <= m.start() < end for start, end in spans)]
        if not figures:
            direction = self.direction_words.search(clause)
            if direction and not self.worded.search(clause[direction.end():]):
                return [StatedTarget(clause, direction=self.direction(direction.group(2)),
                                     reference=direction.group(1))]
            return []
        match = figures[-1]
        before = body[:match.start()]
        unit = match.group(2)
        if unit is None and not self.reaching.search(before):
            return []  # a bare number in words (第3批) is no target
        op = self.comparison(before, unit or "", match.group(3))
        change = self.direction_words.search(before)
        direction = self.direction(change.group(2)) if change and re.search(r"较|比", before) else None
        return [StatedTarget(clause, number(match.group(1)), "%" if unit == POINTS else unit, op, year, direction,
                             change.group(1) if direction else None)]




def agrees(value: float, op: str, table: float, unit: str | None) -> bool:
    """Whether ``table`` satisfies ``op value`` (≥, ≤ or =), within :data:`PERCENT_TOLERANCE`
    for percentages and exactly otherwise."""
    tolerance = PERCENT_TOLERANCE if unit == "%" else 0.0
    if op == "≥":
        return table >= value - tolerance
    if op == "≤":
        return table <= value + tolerance
    return abs(table - value) <= tolerance


def show(value: float | int | None, unit: str | None) -> str:
    """A figure as findings print it: ``95%``, ``508人``, ``未设`` for none."""
    if value is None:
        return "未设"
    text = f"{value:g}"
    return text + ("%" if unit == "%" else (unit or ""))


_LAYOUT = FigureReader(Genre(name=""))  # signs, digits, units and qualifiers; no genre words


def holds_figure(cell: str) -> bool:
    """Whether a table cell prints a figure as the table's layout sees it (a figure over words
    heads no column; a wrapped line continues words, not a figure): digits with a sign, a unit
    or a qualifier (``≥95``, ``6人（含）以下``, ``零发生``), read with no genre's words, since rows are
    laid out before the genre's reader reads their cells."""
    return _LAYOUT.read_figure(cell).value is not None


def cell_number(cell: str) -> int | float | None:
    cell = cell.rstrip("%")
    if not re.fullmatch(NUMBER, cell):
        return None
    return float(cell) if "." in cell else int(cell)
