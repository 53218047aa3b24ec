"""Targets stated in prose on indicators.html (issue 22, item 4; rule: render/catalog.py).

Two invented plans: tests/fixtures/catalog/jiashi-table prints a table (学前教育毛入园率 %,
九年义务教育巩固率 %, 在校生规模 万人, 特教学校在校生规模 人); yixian-prose prints one row
(九年义务教育巩固率) and states its other targets in prose (its plan.txt):

- 学前三年毛入园率达到92%以上 (line 17): names 入园率's synonym set, % fits: joins 入园率.
- 特教学校在校生规模达到120人 (line 21): holds 在校生规模 (万人, no fit) and 特教学校在校生规模
  (人, fits, longer): joins 特教学校在校生规模.
- 高中阶段在校生规模达到3000人 (line 25): holds only 在校生规模, whose unit is 万人: none.
- 特教学校在校生规模每年增加20人 (line 29): an increase: none.
- 特教学校在校生规模达到120人 again (line 31): the same quote in one plan: one row.
- 九年义务教育巩固率达到96% (line 5): its own table's row states it: not repeated in 巩固率.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html

from conftest import ROOT
from generator.build import build
from generator.render.catalog import shared_indicators
from generator.search.segment import Segmenter
from generator.structure.records import Indicator, Source, Target

FIXTURES = ROOT / "tests" / "fixtures" / "catalog"
TABLE_TITLE = "甲市“十四五”教育发展规划"
PROSE_TITLE = "乙县教育提升行动计划（2023—2025年）"


def built(root: Path) -> Path:
    assert build(root / "content", root / "_site", segmenter=Segmenter()).written
    return root / "_site"


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    root = tmp_path_factory.mktemp("prose")
    for name in ("jiashi-table", "yixian-prose"):
        shutil.copytree(FIXTURES / name, root / "content" / name)
    return html.parse(str(built(root) / "indicators.html")).getroot()


@pytest.fixture(scope="module")
def prose_only(tmp_path_factory) -> Path:
    """yixian-prose without its table (lines 7–11): only jiashi-table prints one."""
    root = tmp_path_factory.mktemp("prose-only")
    for name in ("jiashi-table", "yixian-prose"):
        shutil.copytree(FIXTURES / name, root / "content" / name)
    text = root / "content" / "yixian-prose" / "plan.txt"
    lines = text.read_text(encoding="utf-8").splitlines(keepends=True)
    text.write_text("".join(lines[:6] + lines[11:]), encoding="utf-8")
    return built(root)


def rows(page, name: str) -> list[list[str]]:
    section = page.xpath(f'//section[@class="shared-indicator"][h2="{name}"]')[0]
    return [[" ".join(c.text_content().split()) for c in tr.xpath("th|td")] + [tr.xpath(".//a/@href")[0]]
            for tr in section.xpath("table/tbody/tr")]


def test_groups_named_by_prose_or_tables(page):
    assert page.xpath('//section[@class="shared-indicator"]/h2/text()') == ["入园率", "巩固率", "特教学校在校生规模"]


def test_prose_target_joins_a_synonym_of_the_other_plans_row(page):
    assert rows(page, "入园率") == [
        [TABLE_TITLE, "学前教育毛入园率", "%", "2020年 90", "2025年 95", "jiashi-table/indicators.html#ind_1"],
        [PROSE_TITLE, "学前三年毛入园率达到92%以上（正文）", "%", "--", "2025年 ≥92", "yixian-prose/chp_2.html#chp_2__sec_1__para_1"],
    ]


def test_longest_name_whose_unit_fits_wins(page):
    assert rows(page, "特教学校在校生规模") == [
        [TABLE_TITLE, "特教学校在校生规模", "人", "2020年 300", "2025年 400", "jiashi-table/indicators.html#ind_4"],
        [PROSE_TITLE, "特教学校在校生规模达到120人（正文）", "人", "--", "2025年 120", "yixian-prose/chp_2.html#chp_2__sec_2__para_1"],
    ]


def test_a_target_its_own_table_states_is_not_repeated(page):
    assert rows(page, "巩固率") == [
        [TABLE_TITLE, "九年义务教育巩固率", "%", "2020年 95", "2025年 97", "jiashi-table/indicators.html#ind_2"],
        [PROSE_TITLE, "九年义务教育巩固率", "%", "2022年 94", "2025年 96", "yixian-prose/indicators.html#ind_1"],
    ]


def test_the_rule_is_printed(page):
    assert "正文中的目标也参与对照" in page.xpath('//p[@class="intro"]')[1].text_content()


def test_one_table_and_prose_naming_it_make_the_page(prose_only):
    """Line 5 is prose now: 九年义务教育巩固率达到96% joins jiashi-table's row; the home page
    links the comparison."""
    page = html.parse(str(prose_only / "indicators.html")).getroot()
    assert page.xpath('//section[@class="shared-indicator"]/h2/text()') == ["入园率", "巩固率", "特教学校在校生规模"]
    assert rows(page, "巩固率") == [
        [TABLE_TITLE, "九年义务教育巩固率", "%", "2020年 95", "2025年 97", "jiashi-table/indicators.html#ind_2"],
        [PROSE_TITLE, "九年义务教育巩固率达到96%（正文）", "%", "--", "2025年 96", "yixian-prose/chp_1.html#chp_1__para_1"],
    ]
    home = html.parse(str(prose_only / "index.html")).getroot()
    assert home.xpath('//*[contains(@class, "compare-link")]//a/@href') == ["indicators.html"]


SOURCE = Source("plan.txt", 1, 1)
SYNONYMS = [("入园率", "学前教育毛入园率", "学前三年毛入园率")]


def target(subject: str, unit: str, op: str = "=") -> Target:
    return Target("t", None, SOURCE, value=1, unit=unit, op=op, subject=subject, quote=subject)


def groups_of(subject: str, unit: str, op: str = "=") -> list[str]:
    """The shown names of the groups that a prose target of plan 1 joins, beside plan 0's
    table: 学前教育毛入园率 (%), 在校生规模 (万人)."""
    table = [Indicator("ind_1", None, SOURCE, name="学前教育毛入园率", unit="%"),
             Indicator("ind_2", None, SOURCE, name="在校生规模", unit="万人")]
    shared = shared_indicators([(table, "a/indicators.html"), ([], "")], SYNONYMS, [[], [target(subject, unit, op)]])
    return [name for name, _ in shared]


@pytest.mark.parametrize("subject, unit, op, names", [
    ("學前三年毛入園率", "％", "≥", ["入园率"]),        # traditional characters, full-width ％: folded
    ("学前三年毛入园率", "个百分点", "=", []),         # another unit
    ("学前三年毛入园率", "%", "+", []),                # an increase
    ("在校生规模", "万人", "=", ["在校生规模"]),
    ("在校生", "万人", "=", []),                      # holds no whole name
])
def test_prose_rule(subject, unit, op, names):
    assert groups_of(subject, unit, op) == names
