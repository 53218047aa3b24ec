"""Tables as they arrive in other forms than the seed's pipes, figures as table cells print
them, and a plan without an indicator table (no indicator page)."""
from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import META, SEED_TEXT, make_content, parse_text
from fixture_file import read_fixture_file
from generator.build import build
from generator.config.genre import load_genre
from generator.parse.figures import reader
from generator.structure.diagnostics import Report
from test_seed import INDICATORS

read_figure = reader(load_genre("general", Report())).read_figure


def tab_separated(text: str) -> str:
    """The seed with every pipe table as a web page copied to text gives it: cells separated
    by tabs, no |---| lines, no outer pipes."""
    lines = []
    for line in text.split("\n"):
        stripped = line.strip()
        if re.fullmatch(r"\|[\s\-:|]+\|", stripped):
            continue
        if stripped.startswith("|") and stripped.endswith("|"):
            line = "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
        lines.append(line)
    return "\n".join(lines)


def test_seed_tables_as_tab_separated_rows_give_the_same_indicators(tmp_path, segmenter):
    text = tab_separated(SEED_TEXT.read_text(encoding="utf-8"))
    assert "|" not in text and "\t预期性\t" in text
    plan, report = parse_text(tmp_path, text, segmenter)
    assert report.errors == []
    rows = [(n.stage, n.substage, n.name, n.unit, n.binding, n.baseline, n.target)
            for n in plan.by_kind("indicator")]
    assert rows == INDICATORS
    assert {(n.baseline_year, n.target_year) for n in plan.by_kind("indicator")} == {(2020, 2025)}
    assert plan.index()["tbl_1"].title == "朔州市“十四五”教育发展指标"
    assert not [d for d in report.warnings if d.code.startswith("table")]


@pytest.mark.parametrize("printed, value, op, unit", [
    ("93.56", 93.56, "=", None),
    ("≥95", 95, "≥", None),
    ("＞3", 3, ">", None),
    ("95%以上", 95, "≥", "%"),
    ("6人（含）以下", 6, "≤", "人"),
    ("“十三五”时期零发生", 0, "=", None),
    ("10左右", 10, "≈", None),
])
def test_figures_as_cells_print_them(printed, value, op, unit):
    figure = read_figure(printed)
    assert (figure.value, figure.op, figure.unit, figure.change) == (value, op, unit, None)


@pytest.mark.parametrize("printed", ["-", "--", "—", "——", "－", "", "无"])
def test_dashes_are_no_figure(printed):
    figure = read_figure(printed)
    assert (figure.value, figure.op, figure.change) == (None, None, None)


def test_relative_change_keeps_value_unit_direction_and_reference():
    assert read_figure("较“十二五”下降30%以上").change == {
        "value": 30, "unit": "%", "op": "≥", "direction": "down", "reference": "“十二五”"}
    assert read_figure("比2020年提高2个百分点").change == {
        "value": 2, "unit": "个百分点", "op": "=", "direction": "up", "reference": "2020年"}


NO_INDICATORS = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 发展基础

    全市共有学校120所。

    第二章 主要任务

    表1 新建学校安排

    区县\t新建学校（所）\t新增学位（个）
    东城区\t3\t2700
    西城区\t2\t1800

    加快推进学校建设。
    """)


def test_plan_without_indicator_table_has_no_indicator_page(tmp_path, segmenter):
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”教育改革与发展规划")
    out = tmp_path / "site"
    result = build(make_content(tmp_path, NO_INDICATORS, meta), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    assert not (out / "plan" / "indicators.html").exists()
    assert not (out / "sitemap.xml").exists()  # no site_url in content/site.yml: no sitemap
    for page in ("index.html", "plan/index.html", "plan/chp_1.html", "plan/chp_2.html"):
        html = (out / page).read_text(encoding="utf-8")
        assert "indicators.html" not in html and "indicators.csv" not in html, page
        assert "项指标" not in html, page
        assert "boxes.html" not in html, page  # no 专栏 either: no 专栏 page, no link to one
    assert not (out / "plan" / "boxes.html").exists()
    chapter = (out / "plan" / "chp_2.html").read_text(encoding="utf-8")
    assert '<th scope="col">新增学位（个）</th>' in chapter
    assert ('<tr id="tbl_1__tr_2"><td data-label="区县">西城区</td><td data-label="新建学校（所）">2</td>'
            '<td data-label="新增学位（个）">1800</td></tr>') in chapter  # each row an anchor, each cell its column
    assert "<figcaption>表1 新建学校安排" in chapter
    nodes = json.loads((out / "data" / "plan.json").read_text(encoding="utf-8"))["nodes"]
    table = next(n for n in nodes if n["kind"] == "table")
    assert (table["role"], table["url"]) == ("data", "plan/chp_2.html#tbl_1")
    assert table["rows"] == [["区县", "新建学校（所）", "新增学位（个）"], ["东城区", "3", "2700"],
                             ["西城区", "2", "1800"]]
    assert [n["text"] for n in nodes if n["kind"] == "measure"] == ["全市共有学校120所。", "加快推进学校建设。"]


RELATIVE_TARGET = textwrap.dedent("""\
    某市“十四五”生态环境保护规划

    第一章 发展目标

    | 指标 | 基期 | 目标 |
    |---|---|---|
    | 单位生产总值二氧化碳排放 | — | 较“十三五”下降18%以上 |
    | 农村生活污水治理率 | - | ≥95 |

    第二章 主要任务

    推进减污降碳。
    """)


def test_a_target_printed_as_a_change_is_shown_as_printed_not_as_missing(tmp_path, segmenter):
    """The table gives 较“十三五”下降18%以上, a change with no number to draw: the indicator
    page, the search data and the overview say so as printed, never 未设目标."""
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”生态环境保护规划")
    out = tmp_path / "site"
    result = build(make_content(tmp_path, RELATIVE_TARGET, meta), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    indicators = (out / "plan" / "indicators.html").read_text(encoding="utf-8")
    assert "较“十三五”下降18%以上" in indicators and "未设目标" not in indicators
    search = (out / "search" / "plan-plan.js").read_text(encoding="utf-8")
    assert " 基期年 — → 目标年 较“十三五”下降18%以上（）" in search  # the cells as printed
    assert " 基期年 - → 目标年 95（）" in search and "未设目标" not in search


RULES = Path(__file__).parent / "fixtures" / "rules"
TABLE_CASES = [c for name in ("tables.txt", "box_tables.txt") for c in read_fixture_file(RULES / name)]


@pytest.mark.parametrize("case", TABLE_CASES, ids=str)
def test_every_character_of_a_table_lands_in_one_node(case, tmp_path, segmenter):
    """Lossless (README, Open data): table borders and whitespace aside, each printed
    character is held by exactly one node (a 专栏's lead is its box's text, so order is
    not compared here)."""
    plan, _ = parse_text(tmp_path, case.text, segmenter, meta=yaml.safe_dump(case.meta, allow_unicode=True))
    printed = "".join(line.replace("|", "") for line in case.text.split("\n")
                      if not re.fullmatch(r"\|[\s\-:|]+\|", line.strip()))
    held = "".join(n.own_chars() for n in plan.nodes)
    assert Counter(re.sub(r"\s+", "", held)) == Counter(re.sub(r"\s+", "", printed))
