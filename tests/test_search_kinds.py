"""Issue 19's kinds of search failure, each on a small plan (or catalog of two) written for
it; the engine runs in Node (tests/js/results.js, catalog_pages.js) as the search pages run
it. Expected clauses are read off the plan texts below. Kind 7 (filters) is tested in the
browser: tests/test_search_reports_browser.py, on a small catalog of two genres."""
from __future__ import annotations

import textwrap

import pytest

from conftest import META, make_content, node_search

PLAN = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 职业教育

    大力发展职业教育，建设高水平职业院校。

    提升职业技能培训和继续教育水平。

    第二节 教师队伍

    探索学院教师与企业专业技术人员的双实践双任教。

    严格落实音乐、美术、书法等课程。
    """)


@pytest.fixture(scope="module")
def found(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("kinds")
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”教育改革与发展规划")
    out = root / "site"
    result = build(make_content(root, PLAN, meta), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, ["职业教育", "专任教师", "书法课", "企师"])
    return {r["query"]: r for r in printed}


def test_a_word_the_vocabulary_knows_whole_finds_its_parts_apart_after_it(found):
    """职业教育 is a word of the plan (第一节's heading, the first paragraph); 提升职业技能培训和
    继续教育水平 holds 职业 and 教育 apart: listed, after the clauses saying 职业教育."""
    hit = found["职业教育"]
    assert hit["results"] == ["chp_1__sec_1", "chp_1__sec_1__para_1", "chp_1__sec_1__para_2"]
    assert hit["tiers"] == [3, 3, 2]


def test_a_word_the_plan_never_uses_gives_no_confident_hit(found):
    """专任教师: the plan has 专(业), 任教 and 教师 apart, never 专任: no result; partial matches
    are the paragraph holding 任教 and 教师 (three of the four characters), then the heading
    教师队伍 (two)."""
    hit = found["专任教师"]
    assert hit["results"] == [] and hit["partial"] == ["chp_1__sec_2__para_1", "chp_1__sec_2"]


def test_a_character_beside_its_word_completes_the_query(found):
    """书法课: 书法等课程 holds 书法 and, one character on, 课."""
    assert found["书法课"]["results"] == ["chp_1__sec_2__para_2"]


def test_a_query_no_clause_holds_two_characters_of_still_gets_an_answer(found):
    """企师 (a reader's abbreviation): no clause holds 企师 nor any two of its characters side
    by side; the one holding both (教师与企业) is offered as a partial match, not nothing."""
    hit = found["企师"]
    assert hit["results"] == [] and hit["partial"] == ["chp_1__sec_2__para_1"]


SAFETY = textwrap.dedent("""\
    某市“十四五”应急管理规划

    第一章 重点任务

    第一节 防范安全事故

    坚决遏制重特大安全事故。

    完善安全事故调查处理机制。
    """)

SCHOOL = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 校园安全

    严防校园安全生产事故，落实学校安全责任。

    加强实验室安全管理，预防火灾事故。

    开展安全教育进课堂活动。
    """)


@pytest.fixture(scope="module")
def apart(tmp_path_factory, segmenter):
    """A catalog of two plans: 应急 (A), whose terms.txt makes 安全事故 one of its words, and
    学校 (B), which writes 安全生产事故 and never 安全事故."""
    from generator.build import build

    root = tmp_path_factory.mktemp("apart")
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”应急管理规划").replace("genre: education", "genre: general")
    content = make_content(root, SAFETY, meta, slug="a-safety")
    (content / "a-safety" / "terms.txt").write_text("安全事故\n", encoding="utf-8")
    make_content(root, SCHOOL, META.replace("朔州市", "某市"), slug="b-school")
    out = root / "site"
    result = build(content, out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, ["安全事故"], "b-school", script="catalog_pages.js")
    return printed[0]


def test_another_plans_word_changes_neither_the_matches_nor_the_order_of_a_plan(apart):
    """Kind 3 (plans apart): A's word 安全事故 cuts B's query nowhere. B's own page cuts it
    安全 | 事故 and lists its two clauses holding both apart (安全生产事故 first, its pieces
    closest), not its heading 校园安全 (half the query); the catalog lists the same two
    clauses of B in the same order, with B's own scores times one factor, cut as B cuts it."""
    school = 1  # plans in folder order: a-safety, b-school
    own = apart["plan"]
    assert own["results"] == ["chp_1__sec_1__para_1", "chp_1__sec_1__para_2"]
    listed = [(n, s, g) for n, s, p, g in zip(apart["all"]["results"], apart["all"]["scores"], apart["all"]["plans"],
                                             apart["all"]["groups"]) if p == school]
    assert [n for n, _, _ in listed] == own["results"]
    factors = [s / o for (_, s, _), o in zip(listed, own["scores"])]
    assert factors[1] == pytest.approx(factors[0], rel=1e-12)
    assert all(g == [["安全"], ["事故"]] for _, _, g in listed)


LIVELIHOOD = textwrap.dedent("""\
    某市“十四五”民生发展规划

    第一章 社会事业

    第一节 教育

    大力发展职业教育。

    办好人民满意的教育。

    第二节 卫生

    推进健康城市建设。
    """)

TALENT = "某市“十四五”人才发展规划\n\n" + "".join(
    f"第{n}章 {heading}\n\n围绕{heading}，统筹推进职业教育改革发展，健全工作机制和保障制度，加强督导评估。\n\n"
    for n, heading in zip("一二三", ("办好新时代职业教育", "深化职业教育产教融合", "建设职业教育师资队伍")))


@pytest.fixture(scope="module")
def about(tmp_path_factory, segmenter):
    """A catalog of two plans whose titles do not say 职业教育: 民生 mentions it in one short
    clause; 人才 in its chapter heading and in a clause of each of its six sections."""
    from generator.build import build

    root = tmp_path_factory.mktemp("about")
    content = make_content(root, LIVELIHOOD, META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”民生发展规划"),
                           slug="a-livelihood")
    make_content(root, TALENT, META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”人才发展规划"),
                 slug="b-talent")
    out = root / "site"
    assert build(content, out, segmenter=segmenter).written
    return {slug: node_search(out, ["职业教育"], slug, script="catalog_pages.js")[0] for slug in ("a-livelihood", "b-talent")}


def test_a_plan_about_the_query_ranks_its_best_clauses_up(about):
    """Kind 4: 民生's one short clause 大力发展职业教育 scores higher on its own page's scale
    (职业教育 is rare there) than 人才's paragraphs; 人才, whose three chapter headings and
    every paragraph carry the query, gets the larger plan factor (``planFactors`` in
    search-core.js: CORI's belief), and the catalog lists all its clauses before 民生's. Each
    plan's clauses keep their own order, times one factor."""
    catalog = about["a-livelihood"]["all"]
    livelihood, talent = about["a-livelihood"]["plan"], about["b-talent"]["plan"]
    assert livelihood["results"] == ["chp_1__sec_1__para_1"]
    assert talent["results"] == ["chp_1", "chp_2", "chp_3", "chp_1__para_1", "chp_2__para_1", "chp_3__para_1"]
    assert livelihood["scores"][0] > talent["scores"][-1]  # on the plans' own scales
    assert catalog["plans"] == [1] * 6 + [0]
    assert catalog["results"] == talent["results"] + livelihood["results"]
    factors = [s / own for s, own in zip(catalog["scores"], talent["scores"] + livelihood["scores"])]
    assert factors[:6] == pytest.approx([factors[0]] * 6, rel=1e-12)
    assert factors[0] > factors[6] > 1


TRAINING = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 教师队伍

    第一节 培训

    一、加强教师全员培训

    健全教师全员培训制度，教师每五年参加培训不少于360学时，新任教师岗前培训、骨干教师专项培训全覆盖。

    第二章 保障措施

    统筹推进学校布局调整、校舍建设、经费保障、信息化建设、教师培训、课程改革、质量评价、招生考试、督导评估、安全稳定、语言文字、家庭教育、社会实践、对外交流等各项工作，健全党委统一领导、政府依法履责、部门协同配合、社会广泛参与的工作机制，形成上下联动的工作格局，确保各项任务落到实处。
    """)


@pytest.fixture(scope="module")
def training(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("typed")
    out = root / "site"
    assert build(make_content(root, TRAINING, META.replace("朔州市", "某市")), out, segmenter=segmenter).written
    printed = node_search(out, ["教师培训"])
    return printed[0]


def test_the_query_as_typed_is_evidence_not_a_tier_above_every_score(training):
    """Kind 2: 教师培训 stands as typed only in 第二章's long list of tasks, in passing; the
    point 一、加强教师全员培训 holds 教师 and 培训 apart (in pieces, a lower quality) in its
    heading and four times each in its paragraph. Phrase evidence multiplies the score
    instead of ranking every clause holding the query as typed first: the point (taken
    whole with its paragraph) comes first, the passing mention is still listed, after it."""
    assert training["results"][:2] == ["chp_1__sec_1__item_1", "chp_2__para_1"]
    assert training["tiers"][:2] == [2, 3]


NOTICE = textwrap.dedent("""\
    某市人民政府文件

    某政发〔2022〕7号

    某市人民政府 关于印发《某市“十四五”教育改革与发展规划》的通知

    各县（市、区）人民政府：

    《某市“十四五”教育改革与发展规划》已经市人民政府同意，现印发给你们，请认真遵照执行。

    某市人民政府

    2022年9月6日

    某市“十四五”教育改革与发展规划

    第一章 办学条件

    第一节 校舍改造

    一、实施薄弱学校改造工程

    新建教学楼十栋。
    """)


@pytest.fixture(scope="module")
def searchable(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("searchable")
    meta = META.replace("朔州市", "某市").replace("朔政发〔2022〕34号", "某政发〔2022〕7号")
    out = root / "site"
    result = build(make_content(root, NOTICE, meta), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, ["某政发7号", "办学条件", "校舍改造", "薄弱学校"])
    return {r["query"]: r["results"] for r in printed}


def test_the_document_number_and_headings_of_every_level_are_searchable(searchable):
    """Kind 6: the 文号 as readers type it (某政发7号, without 〔2022〕) finds the notice's
    文号; a chapter's, a section's and a point's heading are documents of their own. (A word
    only in a 任务分工表 row: tests/test_duties_site.py, on a small plan too.)"""
    assert searchable["某政发7号"] == ["front__doc_number"]
    assert searchable["办学条件"] == ["chp_1"]
    assert searchable["校舍改造"][0] == "chp_1__sec_1"  # then the point under it (with its heading)
    assert searchable["薄弱学校"] == ["chp_1__sec_1__item_1"]
