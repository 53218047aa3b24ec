"""Real plans as published (tests/fixtures/realplans/*/expected.yaml): each plan is built from
its text as found and compared with its structure written down by reading it — its front and
closing lines, every division as printed, the paragraphs of some divisions, its 附件 and the
entries of its list of appendices, its tables, and the departments its notes name.

``expected.yaml`` keys (each optional): ``front`` and ``closing`` ([role, text] in print order:
the notice before the plan, the signature after it), ``divisions`` ([kind, number, title]
for every part, chapter, section, point and appendix, in print order), ``paragraphs``
({division id: paragraphs directly in it}), ``attachments`` ([id, number, title]),
``attachment_refs`` ([number, title, appendix id]), ``tables`` ([id, parent, first row, number
of rows]), ``rows`` ({"table id:row index": cells}),
``departments`` ({task id: every department its note names}), ``leads`` ({task id: the lead
departments}), ``known_gaps`` ({test: why the build does not read it yet}), ``warnings``
(the diagnostic codes, in order).
"""
from __future__ import annotations

import pytest
import yaml

from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from realplans import FIXTURE_REALPLANS, copied

PLANS = sorted(p for p in FIXTURE_REALPLANS.iterdir() if (p / "expected.yaml").is_file())
DIVISIONS = ("part", "chapter", "section", "item", "attachment")
BACK_ROLES = ("signature", "date", "publication_note")


@pytest.fixture(scope="module", params=PLANS, ids=lambda p: p.name)
def published(request, tmp_path_factory, segmenter):
    folder = request.param
    content = tmp_path_factory.mktemp(folder.name)
    copied(folder, content)
    report = Report()
    plan = read_and_parse(content, report, segmenter)[0]
    expected = yaml.safe_load((folder / "expected.yaml").read_text(encoding="utf-8"))
    return plan, report, expected


def test_front_and_closing_lines(published):
    plan, _, expected = published
    fronts = plan.by_kind("front")
    body_start = next(i for i, n in enumerate(plan.nodes) if n.kind != "front")
    front = [[n.role, n.text] for n in plan.nodes[:body_start] if n.kind == "front"]
    closing = [[n.role, n.text] for n in fronts if n.role in BACK_ROLES and n not in plan.nodes[:body_start]]
    assert front == expected.get("front", front)
    assert closing == expected.get("closing", [])


def test_divisions_as_printed(published):
    plan, _, expected = published
    divisions = [[n.kind, n.number, n.title] for n in plan.nodes if n.kind in DIVISIONS]
    assert divisions == expected["divisions"]


def test_paragraphs_of_divisions(published):
    plan, _, expected = published
    counts = {key: sum(1 for n in plan.by_kind("measure") if n.parent == (None if key == "preamble" else key))
              for key in expected.get("paragraphs", {})}
    assert counts == expected.get("paragraphs", {})


def test_attachments_and_their_list(published):
    plan, _, expected = published
    assert [[n.id, n.number, n.title] for n in plan.by_kind("attachment")] == expected.get("attachments", [])
    refs = [[n.number, n.title, n.attachment] for n in plan.by_kind("attachment_ref")]
    assert refs == expected.get("attachment_refs", [])


def test_tables(published):
    plan, _, expected = published
    if "tables" not in expected:
        pytest.skip("the plan prints no table")
    tables = [[n.id, n.parent, n.rows[0] if n.rows else [], len(n.rows)] for n in plan.by_kind("table")]
    assert tables == expected["tables"]
    for key, cells in expected.get("rows", {}).items():
        table, row = key.split(":")
        assert plan.index()[table].rows[int(row)] == cells, key


def test_departments_named_by_notes(published):
    plan, _, expected = published
    by_task: dict[str, set[str]] = {}
    for duty in plan.duties:
        by_task.setdefault(duty.task, set()).update(duty.lead, duty.support)
    wanted = {task: set(names) for task, names in expected.get("departments", {}).items()}
    assert {task: by_task.get(task, set()) for task in wanted} == wanted


def test_no_unexpected_diagnostics(published):
    _, report, expected = published
    assert [d.code for d in report.items if d.severity != "note"] == expected.get("warnings", [])


def test_lead_departments(published):
    """The lead departments as a reader reads them; a plan's ``known_gaps: {leads: why}`` says
    why the build does not read them yet (the test then expects to fail)."""
    plan, _, expected = published
    leads = {duty.task: duty.lead for duty in plan.duties}
    wanted = expected.get("leads", {})
    found = {task: leads.get(task) for task in wanted}
    if found != wanted and "leads" in expected.get("known_gaps", {}):
        pytest.xfail(expected["known_gaps"]["leads"])
    assert found == wanted


def test_an_appendix_has_its_page_its_place_in_the_contents_and_its_link(tmp_path, segmenter):
    """国办发〔2018〕126号: 附件 has the page chuangxin-tuiguang/att_1.html, listed in the
    contents after the three chapters, and the body's list links to it."""
    from generator.build import build

    content = tmp_path / "content"
    copied(FIXTURE_REALPLANS / "chuangxin-tuiguang", content)
    out = tmp_path / "_site"
    assert build(content, out, segmenter=segmenter).written
    slug = out / "chuangxin-tuiguang"
    page = (slug / "att_1.html").read_text(encoding="utf-8")
    assert "附件 第二批支持创新相关改革举措推广清单" in page
    assert "最高人民法院、最高人民检察院、国家知识产权局" in page  # the table is on the appendix's page
    assert '<h1 id="att_1">' in page and page.count("<h1") == 1  # its divisions are headed below it
    overview = (slug / "index.html").read_text(encoding="utf-8")
    toc = [overview.index(f'href="{name}"') for name in ("chp_1.html", "chp_2.html", "chp_3.html", "att_1.html")]
    assert toc == sorted(toc)
    chapter = (slug / "chp_3.html").read_text(encoding="utf-8")
    assert '<p id="attref_1" class="attachment-ref">附件：<a href="att_1.html">第二批支持创新相关改革举措推广清单</a>' in chapter
    import json
    nodes = {n["id"]: n for n in json.loads((out / "data" / "chuangxin-tuiguang.json").read_text(encoding="utf-8"))["nodes"]}
    assert {k: nodes["att_1"][k] for k in ("kind", "number", "title", "url")} == {
        "kind": "attachment", "number": "附件", "title": "第二批支持创新相关改革举措推广清单",
        "url": "chuangxin-tuiguang/att_1.html"}
    assert (nodes["attref_1"]["kind"], nodes["attref_1"]["attachment"]) == ("attachment_ref", "att_1")
    assert nodes["tbl_1"]["parent"] == "att_1"
    search = (out / "search.html").read_text(encoding="utf-8")  # the chapter filter offers the appendix
    assert '<option value="3">附件 第二批支持创新相关改革举措推广清单</option>' in search


def test_an_appendix_page_heads_its_divisions_below_its_title(tmp_path, segmenter):
    """附件1's own 一、 sections are <h2> under the appendix's <h1>, as a chapter's are."""
    from generator.build import build

    folder = tmp_path / "content" / "fangan"
    folder.mkdir(parents=True)
    (folder / "plan.yml").write_text("title: 某市卫生健康实施方案\nissuer: 某市人民政府\ndoc_number: 某政发〔2023〕1号\n"
                                     "date: 2023-01-01\nsource: plan.txt\ngenre: general\n", encoding="utf-8")
    (folder / "plan.txt").write_text("某市卫生健康实施方案\n一、总体要求\n坚持预防为主。\n附件：某市卫生健康指标体系\n"
                                     "附件\n某市卫生健康指标体系\n一、健康水平\n人均预期寿命较上一年增加。\n", encoding="utf-8")
    out = tmp_path / "_site"
    assert build(tmp_path / "content", out, segmenter=segmenter).written
    page = (out / "fangan" / "att_1.html").read_text(encoding="utf-8")
    assert '<h1 id="att_1">附件 某市卫生健康指标体系' in page
    assert '<h2 id="att_1__sec_1">一、健康水平' in page


def test_an_indicator_of_an_appendix_is_cited_by_the_appendix(tmp_path, segmenter):
    """An indicator table printed under an appendix's title, without a caption of its own, is
    named by the appendix in citations (not 发展指标)."""
    from conftest import parse_text
    from generator.paginate.pages import cite

    text = ("某市卫生健康实施方案\n一、总体要求\n坚持预防为主。\n附件：某市卫生健康指标体系（2023年）\n附件\n"
            "某市卫生健康指标体系（2023年）\n| 序号 | 指标 | 评价标准 |\n| --- | --- | --- |\n"
            "| 1 | 家庭医生签约服务覆盖率 | 较上一年增加。2023年达到80%。 |\n")
    meta = ("title: 某市卫生健康实施方案\nissuer: 某市人民政府\ndoc_number: 某政发〔2023〕1号\ndate: 2023-01-01\n"
            "source: plan.txt\ngenre: health\n")
    plan, report = parse_text(tmp_path, text, segmenter, meta=meta)
    indicator = plan.by_kind("indicator")[0]
    assert indicator.name == "家庭医生签约服务覆盖率"
    assert cite(indicator, plan.index(), plan.meta.title).startswith("《某市卫生健康实施方案》附件 某市卫生健康指标体系（2023年） ")


def test_an_appendix_clause_is_on_its_stage_page_under_the_appendix(tmp_path, segmenter):
    """A clause of an appendix that speaks of a stage (幼儿园: 学前教育) is listed on the stage's
    page, grouped under its appendix as others are under their chapter."""
    from generator.build import build

    folder = tmp_path / "content" / "jy"
    folder.mkdir(parents=True)
    (folder / "plan.yml").write_text("title: 某市教育发展实施方案\nissuer: 某市人民政府\ndoc_number: 某政发〔2023〕2号\n"
                                     "date: 2023-01-01\nsource: plan.txt\ngenre: education\n", encoding="utf-8")
    (folder / "plan.txt").write_text("某市教育发展实施方案\n一、总体要求\n坚持立德树人。\n附件：某市教育重点任务清单\n附件\n"
                                     "某市教育重点任务清单\n一、学前教育\n新建公办幼儿园10所。\n", encoding="utf-8")
    out = tmp_path / "_site"
    assert build(tmp_path / "content", out, segmenter=segmenter).written
    page = (out / "jy" / "stage-preschool.html").read_text(encoding="utf-8")
    assert page.index("附件 某市教育重点任务清单") < page.index("新建公办幼儿园10所。")
