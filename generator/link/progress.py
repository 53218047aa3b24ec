"""Progress toward a plan's targets: the observed values of its indicators in
``progress.yml`` (:data:`PROGRESS_SCHEMA`), and each value's status on the way from
baseline to target.

```yaml
- {indicator: ind_2, year: 2023, value: 84.5, source: 2023年教育事业统计公报}
```

The rule (printed on the dashboard, :data:`RULE`): the path from the baseline (in its
year) to the target (in its year) is a straight line; the indicator's direction is up when
its target is above its baseline (or its table says ≥), down when below (or ≤), and a target
equal to its baseline is kept at or above it. A value is *reached* when it is at or beyond
the target in that direction, *on track* when at or beyond the line's value for its year,
*behind* otherwise; an indicator without a numeric baseline or target (or years) gets no
status.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.config.yamlfile import load_yaml
from generator.structure.diagnostics import Report
from generator.structure.messages import msg
from generator.structure.files import present
from generator.structure.records import Indicator, Observation, Plan

PROGRESS_FILE = "progress.yml"
PROGRESS_SCHEMA = {
    "type": ["array", "null"],
    "maxItems": 10000,
    "items": {
        "type": "object", "required": ["indicator", "year", "value"], "additionalProperties": False,
        "description": msg("an observation: {{indicator: ind_3, year: 2023, value: 90.1, source: …}}"),
        "properties": {
            "indicator": {"type": "string", "pattern": "^ind_[0-9]+$",
                          "description": msg("an indicator id such as ind_3")},
            "year": {"type": "integer", "minimum": 1949, "maximum": 2200, "description": msg("a year like 2023")},
            "value": {"type": "number", "description": msg("the observed value, a number in the indicator's unit")},
            "source": {"type": "string", "maxLength": 500, "pattern": r"^[^\x00-\x1f\x7f]*$",
                       "description": msg("where the value was published (one line, at most 500 characters)")},
        },
    },
}
STATUS_LABEL = {"reached": "已达到", "on-track": "进度正常", "behind": "进度滞后", "": "无法判断"}
RULE = ("进度判断：从基期值（基期年）到目标值（目标年）按直线匀速推进；目标高于基期（或表中为≥）时越高越好，"
        "低于基期（或≤）时越低越好，与基期相同时不低于基期即可。观测值达到或超过目标为“已达到”，"
        "达到或超过当年直线进度为“进度正常”，否则为“进度滞后”；缺少基期、目标或年份的指标“无法判断”。")


@dataclass(frozen=True)
class Progress:
    """An observation judged: the line's value for its year (``expected``, None without a
    rule) and its ``status``: reached, on-track, behind or "" (no rule applies)."""

    observation: Observation
    expected: float | None
    status: str


def read_progress(path: Path, plan: Plan, report: Report) -> list[Observation]:
    """The observations of ``progress.yml`` at ``path`` (none when there is no such file),
    sorted by indicator (table order) and year. Errors (``path:line``): the schema's, an
    indicator the plan has not (``progress-indicator``), a year outside the indicator's
    period, after its baseline year up to its target year (``progress-year``), two values
    of one indicator and year (``progress-duplicate``)."""
    if not present(path):
        return []
    document = load_yaml(path, report, PROGRESS_SCHEMA, "progress")
    if document is None or not document.value:
        return []
    indicators = {n.id: n for n in plan.nodes if isinstance(n, Indicator)}
    order = list(indicators)
    found: dict[tuple[str, int], Observation] = {}
    for number, item in enumerate(document.value):
        line = document.line(number)
        indicator = indicators.get(item["indicator"])
        if indicator is None:
            report.error(str(path), document.line(number, "indicator"), "progress-indicator",
                         msg("the plan has no indicator {indicator} (its indicators are ind_1 to ind_{count})",
                             indicator=item["indicator"], count=len(order)))
            continue
        first, last = _period(indicator, plan)
        if not first < item["year"] <= last:
            report.error(str(path), document.line(number, "year"), "progress-year",
                         msg("{year} is outside the period of {indicator} ({name}): a year after its baseline "
                             "year {first} up to its target year {last}", year=item["year"], indicator=indicator.id,
                             name=indicator.name, first=first, last=last))
            continue
        key = (indicator.id, item["year"])
        if key in found:
            report.error(str(path), line, "progress-duplicate",
                         msg("{indicator} already has a value for {year} (line {line})", indicator=indicator.id,
                             year=item["year"], line=found[key].line))
            continue
        found[key] = Observation(indicator.id, item["year"], item["value"], item.get("source", ""), line)
    return sorted(found.values(), key=lambda o: (order.index(o.indicator), o.year))


def _period(indicator: Indicator, plan: Plan) -> tuple[int, int]:
    """(baseline year, target year) of ``indicator``: the table's, else the plan's target
    year and the year of its date."""
    last = indicator.target_year or plan.meta.target_year or int(plan.meta.date[:4]) + 5
    first = indicator.baseline_year or last - 5
    return first, last


def judged(indicator: Indicator, observation: Observation) -> Progress:
    """``observation`` of ``indicator`` judged by :data:`RULE`."""
    start, goal = indicator.baseline, indicator.target
    first, last = indicator.baseline_year, indicator.target_year
    if start is None or goal is None or not first or not last or last <= first:
        return Progress(observation, None, "")
    down = goal < start or (goal == start and indicator.target_op in ("≤", "<"))
    expected = start + (goal - start) * (observation.year - first) / (last - first)
    value = observation.value
    if (value <= goal) if down else (value >= goal):
        status = "reached"
    elif (value <= expected) if down else (value >= expected):
        status = "on-track"
    else:
        status = "behind"
    return Progress(observation, round(expected, 4), status)
