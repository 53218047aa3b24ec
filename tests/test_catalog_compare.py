"""The catalog as a place to compare (issue 9, item 5): the home page's plan list with
issuer, level, sector, period and date, filterable; indicators.html puts the indicators two
plans share side by side. Built from the seed and an invented county plan
(tests/fixtures/catalog/pinglu-preschool) whose table says 普惠性幼儿园覆盖率 and
学前三年毛入园率 where the seed says 普惠率 and 入园率 (education.yml's indicator_synonyms)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, SEED_DIR
from generator.build import build
from generator.render.catalog import plan_level, plan_period
from generator.structure.records import PlanMeta
from generator.search.segment import Segmenter

PINGLU = ROOT / "tests" / "fixtures" / "catalog" / "pinglu-preschool"
SEED_TITLE = "朔州市“十四五”教育改革与发展规划"
PINGLU_TITLE = "平鲁区学前教育普及普惠提升行动计划（2023—2025年）"


def meta(issuer: str, title: str = "某规划", level: str | None = None, target_year: int | None = None) -> PlanMeta:
    return PlanMeta(slug="x", title=title, issuer=issuer, doc_number="", date="2023-01-01", source="plan.txt",
                    level=level, target_year=target_year)


@pytest.mark.parametrize("issuer, level", [
    ("国务院", "national"), ("教育部", "national"), ("山西省人民政府", "provincial"),
    ("内蒙古自治区人民政府", "provincial"), ("朔州市人民政府", "city"), ("朔州市朔城区人民政府", "county"),
    ("山阴县人民政府", "county"), ("某某委员会", ""),
])
def test_level_from_the_issuer(issuer, level):
    assert plan_level(meta(issuer)) == level


def test_level_in_plan_yml_wins():
    assert plan_level(meta("朔州市人民政府", level="provincial")) == "provincial"


def test_period_from_the_title_else_the_target_year():
    assert plan_period(meta("x", title=SEED_TITLE)) == "“十四五”"
    assert plan_period(meta("x", title=PINGLU_TITLE, target_year=2025)) == "至2025年"
    assert plan_period(meta("x")) == ""


@pytest.fixture(scope="module")
def two_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("compare")
    for folder in (SEED_DIR, PINGLU):
        shutil.copytree(folder, root / "content" / folder.name)
    assert build(root / "content", root / "_site", segmenter=Segmenter()).written
    return root / "_site"


def test_home_lists_and_filters_plans(browser, two_site):
    page = browser.new_page()
    page.goto((two_site / "index.html").as_uri())
    cards = page.locator(".plan-list > .plan-card")
    assert cards.count() == 2
    pinglu = cards.filter(has_text=PINGLU_TITLE)
    assert [pinglu.locator(f".plan-{k}").inner_text() for k in ("issuer", "level", "sector", "period", "date")] == \
        ["平鲁区人民政府", "县级", "教育", "至2025年", "2023-03-15"]
    seed = cards.filter(has_text=SEED_TITLE)
    assert [seed.locator(f".plan-{k}").inner_text() for k in ("issuer", "level", "sector", "period", "date")] == \
        ["朔州市人民政府", "市级", "教育", "“十四五”", "2022-09-06"]
    page.select_option("select[data-filter=level_name]", "县级")
    assert page.locator("#plan-filter-count").inner_text() == "共 1 个规划"
    assert not seed.is_visible() and pinglu.is_visible()
    page.select_option("select[data-filter=level_name]", "")
    page.select_option("select[data-filter=period]", "“十四五”")
    assert seed.is_visible() and not pinglu.is_visible()
    page.close()


def test_home_reads_without_javascript(browser, two_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((two_site / "index.html").as_uri())
    assert page.locator(".plan-list > .plan-card").count() == 2
    assert all(page.locator(".plan-list > .plan-card").nth(i).is_visible() for i in range(2))
    assert not page.locator("#plan-filters").is_visible()  # filters need the script
    context.close()


def test_indicator_page_puts_shared_indicators_side_by_side(browser, two_site):
    """Seed plan.txt lines 226–227: 入园率 93.56 → 99, 普惠率 75 → 88 (2020, 2025); the fixture's
    table: 普惠性幼儿园覆盖率 82 → 92, 学前三年毛入园率 95 → 98 (2022, 2025). 优质率 and
    幼儿园专任教师本科学历比例 are in one plan only: not compared."""
    page = browser.new_page()
    page.goto((two_site / "index.html").as_uri())
    page.locator(".compare-link a").click()
    assert page.url.endswith("/indicators.html")
    sections = page.locator("section.shared-indicator")
    assert sections.locator("h2").all_inner_texts() == ["入园率", "普惠率"]
    rows = sections.nth(1).locator("tbody tr")
    assert [[c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()] for i in range(2)] == [
        [PINGLU_TITLE, "普惠性幼儿园覆盖率", "%", "2022年 82", "2025年 92"],
        [SEED_TITLE, "普惠率", "%", "2020年 75", "2025年 88"],
    ]
    rows.nth(1).locator("a").click()
    assert page.url.endswith("/shuozhou-education-14th/indicators.html#ind_2")
    assert page.locator(":target th").first.inner_text().startswith("普惠率")
    page.close()
