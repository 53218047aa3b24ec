"""Responsibility as data on the site (tests/fixtures/duties/fenggong: a small 实施方案 with
responsibility notes and a 7-column 任务分工表): the 任务分工 page lists each department with
the tasks it leads and supports, the export carries ``duties`` and ``departments``, each
table row is an anchor and a search document, and a department named only in the table
(信统处) finds its row. Expected values written from reading the fixture."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT
from generator.build import build

FIXTURE = ROOT / "tests" / "fixtures" / "duties" / "fenggong"
SLUG = "fenggong"


@pytest.fixture(scope="module")
def site(tmp_path_factory, segmenter) -> Path:
    root = tmp_path_factory.mktemp("duties")
    shutil.copytree(FIXTURE, root / "content" / SLUG)
    out = root / "_site"
    assert build(root / "content", out, segmenter=segmenter).written
    return out


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def sections(page: str) -> dict[str, str]:
    """Each department's section on the 任务分工 page, as text, by name."""
    found = {}
    for match in re.finditer(r'<section class="department"[^>]*>(.*?)</section>', page, re.S):
        name = re.search(r"<h2[^>]*>(.*?) <a", match.group(1)).group(1)
        found[name] = match.group(1)
    return found


def test_overview_links_to_the_departments_page(site):
    overview = (site / SLUG / "index.html").read_text(encoding="utf-8")
    assert '<a href="departments.html">任务分工（按部门）</a>' in overview


def test_departments_page_lists_what_each_department_leads_and_supports(site):
    page = (site / SLUG / "departments.html").read_text(encoding="utf-8")
    found = sections(page)
    assert list(found) == ["市卫健委", "市发展改革委", "各县（市、区）人民政府", "信统处", "市财政局", "市医保局"]

    def tasks(name: str, role: str) -> list[tuple[str, str]]:
        part = found[name].split(f"<h3>{role}的任务</h3>")[1].split("</ul>")[0] if f"<h3>{role}的任务</h3>" in found[name] else ""
        return re.findall(r'<li><a href="([^"]+)">([^<]+)</a>', part)

    assert tasks("市卫健委", "牵头") == [
        ("chp_2.html#chp_2__sec_1__para_1", "建设市疾控中心实验室，提升检测能力。"),
        ("chp_3.html#tbl_1__tr_1", "健全公共卫生体系"),
        ("chp_3.html#tbl_1__tr_2", "做实家庭医生签约")]
    assert tasks("市卫健委", "配合") == []
    assert tasks("市医保局", "牵头") == [("chp_3.html#tbl_1__tr_2", "做实家庭医生签约")]
    assert tasks("各县（市、区）人民政府", "配合") == [
        ("chp_2.html#chp_2__sec_1__para_1", "建设市疾控中心实验室，提升检测能力。"),
        ("chp_3.html#tbl_1__tr_2", "做实家庭医生签约")]
    assert tasks("信统处", "牵头") == [("chp_2.html#chp_2__sec_2__para_1", "按季度报送健康行动监测数据。"),
                                    ("chp_3.html#tbl_1__tr_3", "统计监测")]
    assert "牵头：市卫健委；配合：市发展改革委、市财政局" in text_of(found["市财政局"])
    index = re.findall(r'<li><a href="#(dept_\d+)">([^<]+)</a> <span class="count">([^<]*)</span>', page)
    assert index[0] == ("dept_1", "市卫健委", "牵头3项") and index[2] == ("dept_3", "各县（市、区）人民政府", "配合2项")


def test_every_task_link_lands_on_an_anchor(site):
    page = (site / SLUG / "departments.html").read_text(encoding="utf-8")
    for href in set(re.findall(r'<li><a href="([^"#]+)#([^"]+)"', page)):
        target = (site / SLUG / href[0]).read_text(encoding="utf-8")
        assert f'id="{href[1]}"' in target, href


def test_a_paragraph_with_a_note_links_its_departments(site):
    chapter = (site / SLUG / "chp_2.html").read_text(encoding="utf-8")
    paragraph = re.search(r'<p id="chp_2__sec_1__para_1".*?</p>', chapter, re.S).group(0)
    assert re.findall(r'href="departments.html#(dept_\d+)">(牵头|配合)<span class="visually-hidden">：</span> ([^<]+)</a>',
                      paragraph) == [("dept_1", "牵头", "市卫健委"), ("dept_2", "配合", "市发展改革委"),
                                     ("dept_3", "配合", "各县（市、区）人民政府")]


def test_table_rows_are_anchors_with_their_column_names(site):
    chapter = (site / SLUG / "chp_3.html").read_text(encoding="utf-8")
    assert re.findall(r'<tr id="([^"]+)">', chapter) == ["tbl_1__tr_1", "tbl_1__tr_2", "tbl_1__tr_3",
                                                         "tbl_2__tr_1", "tbl_2__tr_2", "tbl_2__tr_3"]
    row = re.search(r'<tr id="tbl_1__tr_3">(.*?)</tr>', chapter).group(1)
    assert re.findall(r'<td data-label="([^"]*)">([^<]*)</td>', row) == [
        ("序号", "3"), ("工作事项", "统计监测"), ("主要内容", "按季度报送健康行动监测数据，建立指标台账"),
        ("牵头单位", "信统处"), ("配合单位", ""), ("完成时限", "每季度"), ("备注", "纳入考核")]


def test_export_carries_duties_and_departments(site):
    data = json.loads((site / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))
    assert [(d["task"], d["via"], d["lead"], d["support"]) for d in data["duties"]] == [
        ("chp_2__sec_1__para_1", "note", ["市卫健委"], ["市发展改革委", "各县（市、区）人民政府"]),
        ("chp_2__sec_2__para_1", "note", ["信统处"], []),
        ("tbl_1__tr_1", "table", ["市卫健委"], ["市发展改革委", "市财政局"]),
        ("tbl_1__tr_2", "table", ["市卫健委", "市医保局"], ["各县（市、区）人民政府"]),
        ("tbl_1__tr_3", "table", ["信统处"], [])]
    row = data["duties"][2]
    assert (row["table"], row["row"], row["label"], row["url"], row["quote"]) == (
        "tbl_1", 1, "健全公共卫生体系", "fenggong/chp_3.html#tbl_1__tr_1", "市卫健委 | 市发展改革委、市财政局")
    assert data["duties"][0]["quote"] == "（市卫健委牵头，市发展改革委、各县（市、区）人民政府参与）"
    assert data["departments"][3] == {"name": "信统处", "leads": ["chp_2__sec_2__para_1", "tbl_1__tr_3"], "supports": []}


def test_a_department_named_only_in_a_table_finds_its_row(site, tmp_path):
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps(["市医保局", "各县（市、区）人民政府", "信统处"], ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(ROOT / "tests" / "js" / "results.js"), str(site), str(queries)],
                         capture_output=True, text=True, check=True)
    results = {r["query"]: r["results"] for r in json.loads(run.stdout)}
    assert results["市医保局"] == ["tbl_1__tr_2"]  # only in the table's 牵头单位 cell
    assert set(results["各县（市、区）人民政府"]) == {"chp_2__sec_1__para_1", "tbl_1__tr_2"}
    assert set(results["信统处"]) == {"chp_2__sec_2__para_1", "tbl_1__tr_3"}


def test_duty_pages_are_valid_html(site):
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is missing: run `make test-deps`")
    vnu = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
    result = subprocess.run([java, "-jar", str(vnu), "--errors-only", "--skip-non-html", "--format", "gnu",
                             str(site / SLUG)], capture_output=True, text=True, timeout=300)
    assert [line for line in (result.stdout + result.stderr).splitlines() if line.strip()] == []


def test_a_scheme_with_an_indicator_system_and_a_task_table_as_appendices(tmp_path, segmenter):
    """The shape of a city health 实施方案 (tests/fixtures/duties/fujian): 附件1 an indicator
    system with targets in words, 附件2 a 任务分工表; each row's task links to its appendix page."""
    shutil.copytree(FIXTURE.parent / "fujian", tmp_path / "content" / "fujian")
    out = tmp_path / "_site"
    assert build(tmp_path / "content", out, segmenter=segmenter).written
    data = json.loads((out / "data" / "fujian.json").read_text(encoding="utf-8"))
    assert [(d["task"], d["url"], d["lead"], d["support"]) for d in data["duties"]] == [
        ("chp_2__sec_1__para_1", "fujian/chp_2.html#chp_2__sec_1__para_1", ["市卫健委"], ["市发展改革委"]),
        ("tbl_2__tr_1", "fujian/att_2.html#tbl_2__tr_1", ["市卫健委"], ["市发展改革委", "市财政局"]),
        ("tbl_2__tr_2", "fujian/att_2.html#tbl_2__tr_2", ["信统处"], [])]
    indicators = [n for n in data["nodes"] if n["kind"] == "indicator"]
    assert [(n["name"], [(t["value"], t["year"], t["direction"]) for t in n["targets"]]) for n in indicators] == [
        ("居民健康素养水平", [(None, None, "up"), (80, 2023, None), (95, 2035, None)]),
        ("二级及以上医院预约诊疗率", [(80, None, None)])]
    appendix = (out / "fujian" / "att_2.html").read_text(encoding="utf-8")
    assert 'id="tbl_2__tr_1"' in appendix and 'id="tbl_2__tr_2"' in appendix
    page = (out / "fujian" / "departments.html").read_text(encoding="utf-8")
    assert '<a href="att_2.html#tbl_2__tr_2">统计监测</a>' in page
