"""`serves` links in headless Chromium: the dashboard's 相关措施, a chapter page's 推动指标 and a
stage page's both, followed by clicking (issue 12)."""
from __future__ import annotations

import pytest

SLUG = "shuozhou-education-14th"


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_dashboard_related_measures_lead_to_the_clause_and_back(page, base):
    page.goto(base + f"{SLUG}/indicators.html")
    row = page.locator("tr#ind_34 + tr.statements")
    link = row.locator('details.measures a[href="chp_6.html#chp_6__sec_2__item_3__para_1"]')
    assert not link.is_visible()
    row.get_by_text("相关措施 2").click()
    link.wait_for(state="visible")
    link.click()
    page.wait_for_url(base + f"{SLUG}/chp_6.html#chp_6__sec_2__item_3__para_1")
    back = page.locator("#chp_6__sec_2__item_3__para_1").get_by_role("link", name="推动指标：上门送教量")
    back.wait_for(state="visible")  # waits while a loaded machine is still laying out the page
    back.click()
    page.wait_for_url(base + f"{SLUG}/indicators.html#ind_34")


def test_stage_page_shows_related_measures_and_the_indicators_a_measure_serves(page, base):
    page.goto(base + f"{SLUG}/stage-special.html")
    row = page.locator("tr", has=page.get_by_role("link", name="随班就读总量")).locator("xpath=following-sibling::tr[1]")
    row.get_by_text("相关措施 5").click()
    assert row.locator("details.measures li").count() == 5
    entry = page.locator("ul.listed li", has=page.get_by_text("夯实送教上门资源基础"))
    assert entry.get_by_role("link", name="推动指标：上门送教量").is_visible()
    assert entry.get_by_role("link", name="推动指标：康教结合教育量").is_visible()
