"""The open-data export of CONTRACTS.md, and a site that is the same byte for byte on every build."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from conftest import ROOT
from generator.build import build

SLUG = "shuozhou-education-14th"


@pytest.fixture(scope="module")
def site(built_site):
    return built_site


def load(site, name):
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


def test_catalog(site):
    assert load(site, "catalog.json") == {"plans": [{
        "slug": SLUG, "title": "朔州市“十四五”教育改革与发展规划",
        "data": f"data/{SLUG}.json", "url": f"{SLUG}/"}]}


def test_plan_record(site, seed):
    plan = load(site, f"{SLUG}.json")["plan"]
    assert {k: plan[k] for k in ("slug", "title", "doc_number", "issuer", "date", "publisher")} == {
        "slug": SLUG, "title": "朔州市“十四五”教育改革与发展规划", "doc_number": "朔政发〔2022〕34号",
        "issuer": "朔州市人民政府", "date": "2022-09-06", "publisher": "朔州市人民政府办公室"}
    assert plan["page_breaks_rejoined"] == len(seed[0].page_breaks)
    # the contents list 12 chapters; the indicator table prints 37 rows (tests/test_seed.py)
    assert plan["counts"]["chapter"] == 12 and plan["counts"]["indicator"] == 37
    assert plan["toc"][1] == {"level": "section", "chapter": 1, "ordinal": 1,
                              "title": "学前教育普及普惠水平大幅提高", "page": 5, "line": 25}


def test_nodes_follow_the_contract(site):
    data = load(site, f"{SLUG}.json")
    nodes = data["nodes"]
    ids = [n["id"] for n in nodes]
    assert len(ids) == len(set(ids))
    for node in nodes:
        assert {"id", "kind", "parent", "number", "title", "text", "url"} <= node.keys()
        assert node["parent"] is None or node["parent"] in ids
        assert re.fullmatch(r"[a-z0-9_]+", node["id"])
    measure = next(n for n in nodes if n["id"] == "chp_5__sec_1__item_1__para_2")
    assert measure["url"] == f"{SLUG}/chp_5.html#chp_5__sec_1__item_1__para_2"
    assert measure["lead"] == "实施农村幼儿园补缺工程。"
    indicator = next(n for n in nodes if n["id"] == "ind_2")
    assert {k: indicator[k] for k in ("stage", "substage", "name", "unit", "binding", "baseline", "target",
                                       "baseline_year", "target_year", "url")} == {
        "stage": "学前教育", "substage": None, "name": "普惠率", "unit": "%", "binding": "约束性",
        "baseline": 75, "target": 88, "baseline_year": 2020, "target_year": 2025,
        "url": f"{SLUG}/indicators.html#ind_2"}
    target = next(n for n in nodes if n["kind"] == "target" and n["parent"] == "chp_3__sec_3__para_2")
    assert (target["value"], target["unit"], target["year"], target["indicator"]) == (95, "%", 2025, "ind_2")
    assert target["url"] == f"{SLUG}/chp_3.html#chp_3__sec_3__para_2"
    link = next(l for l in data["links"] if l["from"] == "box_2__proj_1" and l["to"] == "chp_5__sec_1__item_1__para_2")
    assert (link["kind"], link["source"]) == ("project", "auto")
    assert "实施农村幼儿园补缺工程" in link["why"]


def test_findings_point_at_nodes(site):
    findings = load(site, f"{SLUG}.json")["findings"]
    doubled = [f for f in findings if f["kind"] == "doubled-character"]
    assert [f["nodes"] for f in doubled] == [["chp_4__sec_2__item_2__para_5"], ["chp_12__sec_2__item_5__para_1"]]


def test_every_node_url_resolves_to_a_page_and_anchor(site):
    nodes = load(site, f"{SLUG}.json")["nodes"]
    pages: dict[str, str] = {}
    for node in nodes:
        path, _, anchor = node["url"].partition("#")
        html = pages.setdefault(path, (site / path).read_text(encoding="utf-8"))
        if anchor:
            assert f'id="{anchor}"' in html, node["id"]


def test_indicator_csv(site):
    raw = (site / "data" / f"{SLUG}-indicators.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["id", "stage", "substage", "name", "unit", "binding", "baseline", "target",
                       "baseline_year", "target_year", "url", "baseline_text", "target_text", "target_op",
                       "growth_text"]
    assert len(rows) == 1 + 37  # the header, and a row per indicator the table prints
    assert rows[22] == ["ind_22", "高等教育", "高等职业教育", "在校生规模", "万人", "预期性", "0.6258", "1.5",
                        "2020", "2025", f"{SLUG}/indicators.html#ind_22", "0.6258", "1.5", "=", ""]
    assert rows[37][7] == ""  # -- in the table: no target set
    assert rows[37][11:14] == ["508", "--", ""]


def test_plan_text_is_escaped_in_pages(tmp_path, segmenter):
    from conftest import make_content
    text = "第一章 总则\n\n第一节 目标\n\n加强<script>alert(1)</script>安全教育。\n"
    out = tmp_path / "out"
    assert build(make_content(tmp_path, text), out, segmenter=segmenter).written
    html = (out / "plan" / "chp_1.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "加强&lt;script&gt;alert(1)&lt;/script&gt;安全教育。" in html


def test_builds_are_byte_identical(tmp_path, segmenter):
    first, second = tmp_path / "a", tmp_path / "b"
    build(ROOT / "content", first, segmenter=segmenter)
    build(ROOT / "content", second, segmenter=segmenter)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    for rel in files:
        assert (first / rel).read_bytes() == (second / rel).read_bytes(), rel


def test_builds_in_separate_processes_are_byte_identical(tmp_path):
    """Another process, another hash seed: no output may depend on set or dict order."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(ROOT / "content"),
                        "--out", str(out), "--quiet"], cwd=ROOT, env=env, check=True, timeout=120)
        outputs.append({p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert outputs[0].keys() == outputs[1].keys()
    assert [name for name in outputs[0] if outputs[0][name] != outputs[1][name]] == []


def test_notice_title_on_two_lines_and_title_status(tmp_path, segmenter):
    """Both lines of a two-line notice title are the export's notice_title; a status line
    under the plan's title is the plan's status (zhijiao prints its notice title on two lines)."""
    from conftest import parse_text
    from generator.render.export import plan_record

    text = ("国务院关于印发国家职业教育改革\n实施方案的通知\n国发〔2019〕4号\n各省、自治区、直辖市人民政府：\n"
            "现将《国家职业教育改革实施方案》印发给你们，请认真贯彻执行。\n国务院\n2019年1月24日\n"
            "国家职业教育改革实施方案\n（征求意见稿）\n为办好新时代职业教育，制定本方案。\n一、总体要求\n坚持正确方向。\n")
    meta = ("title: 国家职业教育改革实施方案\nissuer: 国务院\ndoc_number: 国发〔2019〕4号\n"
            "date: 2019-01-24\nsource: plan.txt\n")
    plan, report = parse_text(tmp_path, text, segmenter, meta=meta)
    record = plan_record(plan)
    assert record["notice_title"] == "国务院关于印发国家职业教育改革实施方案的通知"
    assert record["status"] == "征求意见稿"
    assert [n.text for n in plan.by_kind("measure")][0] == "为办好新时代职业教育，制定本方案。"


def test_status_printed_at_the_end_of_the_title(tmp_path, segmenter):
    """某省能源发展规划（征求意见稿） on one line: the plan's status is 征求意见稿."""
    from conftest import parse_text
    from generator.render.export import plan_record

    meta = "title: 某省能源发展规划\nissuer: 某省人民政府\ndoc_number: 某政发〔2022〕1号\ndate: 2022-01-01\nsource: plan.txt\n"
    plan, _ = parse_text(tmp_path, "某省能源发展规划（征求意见稿）\n为推动能源发展，制定本规划。\n一、发展基础\n能源消费得到控制。\n",
                         segmenter, meta=meta)
    assert plan_record(plan)["status"] == "征求意见稿"
