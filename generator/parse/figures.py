"""Figures and units in the prose: how a figure is printed, which comparison it states, how
it is shown, and when two figures agree.

Two readers share these pieces. Targets (:mod:`generator.targets`) read any figure carrying
one of the genre's units (``95%以上``, ``3—5个``, ``2万人``); indicator statements
(:mod:`generator.statements`) read the figure written right after an indicator's name
(``普惠率达到95%以上``, ``每年提高3-5个百分点``) with the few units an indicator table uses.
Table cells are read by :func:`read_figure` (a figure as an indicator table prints it: ``≥95``,
``6人（含）以下``, ``较“十二五”下降30%以上``).

Comparisons are written ``=``, ``≥``, ``≤``, ``≈``, ``+`` (an increase in points) and ``-``
(a decrease).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.parse import grammar as g

NUMBER = r"\d{1,12}(?:\.\d{1,12})?"  # longer runs of digits are no figure (and int() refuses 4300 digits)
PERCENT_TOLERANCE = 0.05  # percentages one rounding apart agree (99.96 and 100)
AT_LEAST = re.compile(r"不低于|不少于|(?<!不)超过|至少|(?<!不)高于")
AT_MOST = re.compile(r"不超过|不高于|(?<!不)低于|降至|降到|(?:降低|下降|减少)到|控制在")
QUALIFIERS = {"左右": "≈", "以上": "≥", "以下": "≤", "以内": "≤"}

# The figure after an indicator's name: a verb of reaching up to six characters before it,
# one value or a range, a unit of the indicator table, a qualifier.
NAMED_FIGURE = re.compile(
    rf"^[^，。；]{{0,6}}?(?:达到|已达|达|超过|为|在|不低于|不少于|提高到|提高|保持在)?\s*"
    rf"({NUMBER})(?:\s*[-－~～至]\s*({NUMBER}))?\s*(个百分点|%|万人|人|个|所|次)(以上|以下|左右)?")


def figure_pattern(units: tuple[str, ...]) -> re.Pattern:
    """A figure in prose with one of ``units`` (longest first; ``%`` when none), optionally a
    range (``3—5``), a 万/亿 multiplier and a qualifier. Groups: low value, high value, unit,
    qualifier. A figure starts where a run of digits starts (not inside one), so a run of N
    digits costs O(N), not O(N²), to search."""
    alternatives = "|".join(re.escape(u) for u in sorted(units, key=len, reverse=True)) or "%"
    return re.compile(rf"(?<!\d)({NUMBER})(?:\s*(?:-|－|—|～|~|至)\s*({NUMBER}))?\s*((?:万|亿)?(?:{alternatives}))"
                      r"(左右|以上|以下|以内)?")


def number(text: str) -> float | int:
    """``"95"`` → 95, ``"85.51"`` → 85.51 (an int unless a decimal point is printed)."""
    return float(text) if "." in text else int(text)


def comparison(before: str, unit: str, qualifier: str | None) -> str:
    """The comparison a target states: its qualifier (以上 ≥, 以下/以内 ≤, 左右 ≈), else the
    verb of comparing nearest before the figure in its clause (不低于/至少 ≥, 不超过/低于/降至/
    控制在 ≤), else a decrease (下降10%: −) or an increase in points (+), else ``=``."""
    if qualifier in QUALIFIERS:
        return QUALIFIERS[qualifier]
    nearest = max(((m.end(), op) for pattern, op in ((AT_LEAST, "≥"), (AT_MOST, "≤"))
                   for m in pattern.finditer(before)), default=None)
    if nearest:
        return nearest[1]
    if re.search(r"(?:下降|降低|减少)\s*$", before):
        return "-"
    if re.search(r"提高|增加", before) and unit == "个百分点" or re.search(r"再增加|增加$", before):
        return "+"
    return "="


@dataclass(frozen=True)
class NamedFigure:
    """The figure after an indicator's name: ``values`` (one, or two for a range), ``unit``
    (``%`` for 个百分点), ``op`` and ``length`` (characters read after the name)."""

    values: list[float]
    unit: str
    op: str
    length: int


def figure_after_name(rest: str) -> NamedFigure | None:
    """The figure at the start of ``rest`` (the text right after a name), or None.

    ``达到95%以上`` → [95.0] % ≥; ``超过90%`` → ≥; ``提高3-5个百分点`` → [3.0, 5.0] % +."""
    match = NAMED_FIGURE.match(rest)
    if match is None:
        return None
    low, high, unit, qualifier = match.groups()
    values = [float(low)] + ([float(high)] if high else [])
    if unit == "个百分点":
        op = "+"
    else:
        op = {"以上": "≥", "以下": "≤"}.get(qualifier or "") or (
            "≥" if re.search(r"超过|不低于|不少于", match.group(0)) else "=")
    return NamedFigure(values, "%" if unit == "个百分点" else unit, op, match.end())


def unit_fits(indicator_unit: str | None, unit: str) -> bool:
    """Whether a figure's unit can be the indicator's: the same (次数 is 次), 所 for 个, and
    个 or 所 for an indicator printed without a unit."""
    if indicator_unit is None:
        return unit in ("个", "所")
    return {"次数": "次"}.get(indicator_unit, indicator_unit) == unit or (indicator_unit == "个" and unit == "所")


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


# -- figures in table cells -----------------------------------------------------------

NO_FIGURE = re.compile(r"^(?:[-－—–/／]+|无|—+)?$")  # a cell printing no figure


@dataclass
class Figure:
    """A figure as a table cell prints it: ``≥95``, ``6人（含）以下``, ``较“十二五”下降30%以上``."""

    value: float | int | None = None
    op: str | None = None
    unit: str | None = None
    change: dict | None = None  # a relative change: value, unit, direction, reference


PREFIX_OPS = (("≥", "≥|>=|不低于|不少于|至少"), ("≤", "≤|<=|不高于|不超过|不多于|至多"), (">", ">|大于|高于|超过"),
              ("<", "<|小于|低于"), ("≈", "≈|约"))
SUFFIX_OPS = (("≥", "以上"), ("≤", "以下|以内"), ("≈", "左右"))
RISE = ("提高", "提升", "增长", "增加", "上升")
FALL = ("下降", "降低", "减少", "压减", "缩减")
RELATIVE = re.compile(rf"^(?:较|比)(.+?)({'|'.join(RISE + FALL)})({NUMBER})(%|个百分点|倍)?(以上|以下|以内|左右)?$")
ABSOLUTE = re.compile(
    rf"^(?P<pre>{'|'.join(p for _, p in PREFIX_OPS)})?(?P<value>{NUMBER})(?P<unit>[^\d(（]{{0,4}}?)"
    rf"(?:\(含\))?(?P<suf>{'|'.join(s for _, s in SUFFIX_OPS)})?$")
ZERO = re.compile(r"零(?:发生|事故|增长|容忍)?$")


def read_figure(text: str) -> Figure:
    """The figure a table cell prints, as far as it can be read; ``-``, ``--``, ``—`` are none.

    ``≥95`` → 95, ≥; ``6人（含）以下`` → 6 人, ≤; ``“十三五”时期零发生`` → 0, =;
    ``较“十二五”下降30%以上`` → no value, a change {value: 30, unit: %, direction: down,
    reference: “十二五”, op: ≥}.
    """
    cell = unicodedata.normalize("NFKC", g.squash(text))
    if NO_FIGURE.match(cell):
        return Figure()
    relative = RELATIVE.match(cell)
    if relative:
        reference, verb, value, unit, suffix = relative.groups()
        op = dict((s, o) for o, pattern in SUFFIX_OPS for s in pattern.split("|")).get(suffix or "", "=")
        return Figure(change={"value": cell_number(value), "unit": unit, "op": op, "reference": reference,
                              "direction": "down" if verb in FALL else "up"})
    match = ABSOLUTE.match(cell)
    if match:
        op = next((o for o, p in PREFIX_OPS if match["pre"] and re.fullmatch(p, match["pre"])), None)
        op = op or next((o for o, s in SUFFIX_OPS if match["suf"] and re.fullmatch(s, match["suf"])), "=")
        return Figure(cell_number(match["value"]), op, match["unit"] or None)
    if ZERO.search(cell):
        return Figure(0, "=")
    return Figure()


def cell_number(cell: str) -> int | float | None:
    cell = cell.rstrip("%")
    if not re.fullmatch(NUMBER, cell):
        return None
    return float(cell) if "." in cell else int(cell)


# -- targets stated in words (an indicator system's 评价标准 / 目标值 cell) ---------------------

CELL_UNITS = r"/10万|/万|/千|个百分点|%|‰|万人|人|万元|元|个|所|家|张|岁|天|次|小时|分钟|倍"  # 15/10万: a rate
WORDED_FIGURE = re.compile(rf"({NUMBER})\s*({CELL_UNITS})?\s*(以上|以下|以内|左右)?")
CELL_YEAR = re.compile(r"(\d{4})\s*年(?:底|末)?(?:前)?")
DIRECTION_WORDS = re.compile(rf"(?:较|比)?(上一?年|上年|基期|去年|“?十[一二三四五六七八九]五”?末?)?(?:度)?"
                             rf"(?:逐年|持续|稳步|不断|有所|进一步)?({'|'.join(RISE + FALL)})")
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


def stated_targets(cell: str, year: int | None = None) -> list[StatedTarget]:
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
    figure = read_figure(text)
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
            found += _clause_targets(clause, years, sentence_year or year)
    return found


def _clause_targets(clause: str, years: list[re.Match], year: int | None) -> list[StatedTarget]:
    """The target a clause states: the figure that ends it (达到80%, 不低于80%, 控制在15%以下;
    a figure inside the words, 3岁以下婴幼儿, states none), else a direction (较上一年增加)."""
    spans = [(m.start(), m.end()) for m in years]
    body = clause.rstrip(CLOSING_MARKS)
    figures = [m for m in WORDED_FIGURE.finditer(body)
               if m.end() == len(body) and not any(start <= m.start() < end for start, end in spans)]
    if not figures:
        direction = DIRECTION_WORDS.search(clause)
        if direction and not WORDED_FIGURE.search(clause[direction.end():]):
            return [StatedTarget(clause, direction="down" if direction.group(2) in FALL else "up",
                                 reference=direction.group(1))]
        return []
    match = figures[-1]
    before = body[:match.start()]
    unit = match.group(2)
    if unit is None and not re.search(r"达到|不低于|不少于|不超过|不高于|控制在|保持在|提高到|降至|为$", before):
        return []  # a bare number in words (第3批) is no target
    op = comparison(before, unit or "", match.group(3))
    change = DIRECTION_WORDS.search(before)
    direction = ("down" if change.group(2) in FALL else "up") if change and re.search(r"较|比", before) else None
    return [StatedTarget(clause, number(match.group(1)), "%" if unit == "个百分点" else unit, op, year, direction,
                         change.group(1) if direction else None)]
