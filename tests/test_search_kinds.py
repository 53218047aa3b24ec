"""Issue 19's kinds of search failure, each on a small plan written for it; the engine runs in
Node (tests/js/results.js) as the plan's search page runs it. Expected clauses are read off
the plan text below."""
from __future__ import annotations

import json
import subprocess
import textwrap

import pytest

from conftest import META, ROOT, make_content

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
    queries = root / "queries.json"
    queries.write_text(json.dumps(["职业教育", "专任教师", "书法课", "企师"], ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(ROOT / "tests/js/results.js"), str(out), str(queries)],
                         capture_output=True, text=True, timeout=120, check=True)
    return {r["query"]: r for r in json.loads(run.stdout)}


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
    queries = root / "queries.json"
    queries.write_text(json.dumps(["安全事故"], ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(ROOT / "tests/js/catalog_pages.js"), str(out), str(queries), "b-school"],
                         capture_output=True, text=True, timeout=120, check=True)
    return json.loads(run.stdout)[0]


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
