"""Progress toward the targets (issue 22, item 3): progress.yml read through the one YAML
loader, each observed value judged against the straight path from baseline to target, on
the dashboard, in the export and its CSV, and bad entries as file:line errors. The figures
are the seed's table as printed: 入园率 93.56 (2020) → 99 (2025), 普惠率 75 → 88."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest

from conftest import ROOT, SEED_DIR, run_build
from generator.link.progress import RULE, judged, read_progress
from generator.structure.diagnostics import Report
from generator.structure.records import Indicator, Observation, Source

SLUG = SEED_DIR.name
PROGRESS = """\
# observed values
- {indicator: ind_2, year: 2022, value: 81, source: 2022年朔州市教育事业统计公报}
- {indicator: ind_2, year: 2023, value: 79}
- {indicator: ind_2, year: 2024, value: 88.5}
- {indicator: ind_1, year: 2021, value: 94}
"""


def seed_with(tmp_path, progress: str):
    content = tmp_path / "content"
    shutil.copytree(SEED_DIR, content / SLUG)
    (content / SLUG / "progress.yml").write_text(progress, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("progress")
    content = seed_with(root, PROGRESS)
    result = run_build(content, root / "_site", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "_site"


def test_each_value_judged_on_the_straight_path(site):
    # 普惠率 75 → 88 over 2020-2025: 2.6 a year; 2022 expects 80.2, 2023 82.8; 88.5 is past 88
    records = json.loads((site / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))["progress"]
    assert [(r["indicator"], r["year"], r["value"], r["expected"], r["status"]) for r in records] == [
        ("ind_1", 2021, 94, 94.648, "behind"),  # 93.56 + 5.44 / 5
        ("ind_2", 2022, 81, 80.2, "on-track"),
        ("ind_2", 2023, 79, 82.8, "behind"),
        ("ind_2", 2024, 88.5, 85.4, "reached"),
    ]
    assert records[1]["source"] == "2022年朔州市教育事业统计公报"


def test_the_dashboard_shows_the_values_and_prints_the_rule(site):
    html = (site / SLUG / "indicators.html").read_text(encoding="utf-8")
    assert RULE in html
    assert ('<li class="status-on-track" data-status="on-track">2022年 <strong>81%</strong> '
            '<span class="tag">进度正常</span>（当年直线进度 80.2%） 来源：2022年朔州市教育事业统计公报</li>') in html
    assert html.count('data-status="behind"') == 2 and html.count('data-status="reached"') == 1


def test_the_progress_csv(site):
    text = (site / "data" / f"{SLUG}-progress.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(r["name"], r["year"], r["value"], r["status"]) for r in rows] == [
        ("入园率", "2021", "94", "behind"), ("普惠率", "2022", "81", "on-track"),
        ("普惠率", "2023", "79", "behind"), ("普惠率", "2024", "88.5", "reached")]
    assert rows[1]["baseline"] == "75" and rows[1]["target"] == "88" and rows[1]["target_year"] == "2025"
    overview = (site / SLUG / "index.html").read_text(encoding="utf-8")
    assert f'<li><a href="../data/{SLUG}-progress.csv">指标进展（CSV）</a></li>' in overview


def indicator(baseline, target, op=None, years=(2020, 2025)) -> Indicator:
    return Indicator("ind_1", "tbl_1", Source("plan.txt", 1, 1), name="生师比", baseline=baseline, target=target,
                     baseline_year=years[0], target_year=years[1], target_op=op)


@pytest.mark.parametrize("baseline, target, op, value, status", [
    (10, 6, None, 7.5, "on-track"),  # down: 2023 expects 10 - 4 * 3/5 = 7.6, 7.5 is below it
    (10, 6, None, 8, "behind"),
    (10, 6, None, 6, "reached"),
    (100, 100, None, 100, "reached"),  # kept: at the baseline
    (100, 100, None, 99, "behind"),
    (5, 5, "≤", 4, "reached"),  # kept at or below
    (None, 6, None, 7, ""),  # no baseline: no rule
])
def test_the_rule(baseline, target, op, value, status):
    assert judged(indicator(baseline, target, op), Observation("ind_1", 2023, value)).status == status


@pytest.mark.parametrize("entry, line, code, words", [
    ("- {indicator: ind_99, year: 2023, value: 1}\n", 2, "progress-indicator", "the plan has no indicator ind_99"),
    ("- {indicator: ind_2, year: 2020, value: 1}\n", 2, "progress-year",
     "2020 is outside the period of ind_2 (普惠率): a year after its baseline year 2020 up to its target year 2025"),
    ("- {indicator: ind_2, year: 2026, value: 1}\n", 2, "progress-year", "2026 is outside the period"),
    ("- {indicator: ind_2, year: 2023, value: 1}\n- {indicator: ind_2, year: 2023, value: 2}\n", 3,
     "progress-duplicate", "ind_2 already has a value for 2023 (line 2)"),
    ("- {indicator: ind_2, year: 2023, value: 九十}\n", 2, "progress-bad-value", ""),
    ("- {indicator: ind_2, year: 2023}\n", 2, "progress-missing-key", "'value'"),
])
def test_bad_entries_are_errors_at_their_line(seed, tmp_path, entry, line, code, words):
    plan, _ = seed
    path = tmp_path / "progress.yml"
    path.write_text("# observed\n" + entry, encoding="utf-8")
    report = Report()
    read_progress(path, plan, report)
    assert [(d.line, d.code) for d in report.errors] == [(line, code)]
    assert words in report.errors[0].message


def test_a_bad_progress_file_stops_the_build_and_keeps_the_site(tmp_path):
    content = seed_with(tmp_path, "- {indicator: ind_99, year: 2023, value: 1}\n")
    (content / SLUG / "progress.yml").rename(tmp_path / "progress.yml")
    out = tmp_path / "_site"
    assert run_build(content, out, "--no-cache").returncode == 0
    assert not (out / "data" / f"{SLUG}-progress.csv").exists()  # no progress.yml: no progress anywhere
    assert "progress" not in json.loads((out / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert "progress-rule" not in (out / SLUG / "indicators.html").read_text(encoding="utf-8")
    before = (out / SLUG / "indicators.html").read_bytes()
    (tmp_path / "progress.yml").rename(content / SLUG / "progress.yml")
    result = run_build(content, out, "--no-cache")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"{content / SLUG / 'progress.yml'}:1: error: the plan has no indicator ind_99" in result.stdout + result.stderr
    assert (out / SLUG / "indicators.html").read_bytes() == before


def test_the_catalog_comparison_shows_the_latest_value(tmp_path):
    """Two plans printing 普惠率 (the seed and the test predecessor of test_predecessor.py): the
    seed's row shows its latest value, 2024's 88.5, reached; the other row none."""
    content = seed_with(tmp_path, PROGRESS)
    other = ROOT / "tests" / "fixtures" / "predecessor" / "shuozhou-education-13th"
    shutil.copytree(other, content / other.name)
    result = run_build(content, tmp_path / "_site", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (tmp_path / "_site" / "indicators.html").read_text(encoding="utf-8")
    section = html[html.index('">普惠率</h2>'):]
    section = section[:section.index("</section>")]
    assert '<th scope="col">最新进展</th>' in section
    assert section.count('<td class="num">2024年 88.5（已达到）</td>') == 1
    assert section.count('<td class="num"></td>') == 1
