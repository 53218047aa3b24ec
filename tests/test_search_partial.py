"""Partial matches (issue 19, the second held-out set's kinds of failure): clauses holding only
some of a query are ranked by how much of the query's information they hold, a rarer word
weighing more than a common one (政策解读: the clause saying 解读 before those saying only 政策);
a word of the query written one character apart inside a word of the plan counts (玩具 in
玩教具); and a clause holding a whole word of a query whose other words the plan never uses
is a partial match (ICD编码: the clause saying 编码), listed before a clause holding the
query's characters scattered (来, 务, 工 and 女 in 五年来，做好妇女服务工作). The engine runs
in Node (tests/js/results.js) as a plan's own page and as the catalog run it; expected clauses
are read off the plan below."""
from __future__ import annotations

import textwrap

import pytest

from conftest import META, make_content, node_search

PLAN = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 教师待遇

    一、逐步完善教师住房、医疗等相关配套政策

    落实教师工资待遇政策，保障教师平均工资不低于当地公务员平均工资水平。

    落实乡村教师生活补助政策，关注艰苦地区津贴政策的落实。

    优化政策机制，出台科学合理政策，统筹协调解决经费筹措等问题。

    二、加强组织实施

    各县（市、区）教育局要结合实际制定实施方案，加强组织领导，确保各项任务落到实处。本规划由市教育局负责解读。

    第二节 学前教育

    实施幼儿园办学条件标准化建设，保障所有幼儿园园舍条件、玩教具和图书配备达到规定要求。

    推进普惠性幼儿园扩容，优化幼儿园布局，落实小区配套幼儿园建设。

    全面推进幼儿园课程改革，完善以游戏为基本活动的幼儿园保教体系。

    第三节 公平入学

    保障随迁子女平等接受义务教育。

    五年来，做好妇女服务工作。

    推行全市统一的学生学籍编码。
    """)

QUERIES = ["政策解读", "幼儿园玩具", "外来务工子女", "ICD编码"]
POLICY = ["chp_1__sec_1__item_1", "chp_1__sec_1__item_1__para_1", "chp_1__sec_1__item_1__para_2",
          "chp_1__sec_1__item_1__para_3"]  # the point heading and its three paragraphs: 政策, never 解读


@pytest.fixture(scope="module", params=["plan", "catalog"])
def found(request, tmp_path_factory, segmenter):
    """Each query's results on the plan's own search page and on the catalog's (one plan)."""
    from generator.build import build

    root = tmp_path_factory.mktemp("partial")
    out = root / "site"
    result = build(make_content(root, PLAN, META.replace("朔州市“十四五”", "某市“十四五”")), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, QUERIES, *(["catalog"] if request.param == "catalog" else []))
    return {r["query"]: r for r in printed}


def test_the_clause_holding_the_rare_word_comes_before_those_holding_the_common_one(found):
    """政策解读: no clause holds both words. 政策 is in four clauses (one a point's heading,
    a short title lunr boosts), 解读 in one, a long paragraph's last sentence (本规划由市教育局
    负责解读): it comes first (before, fourth: the heading and two paragraphs saying 政策 more
    often scored higher, each holding as many characters of the query)."""
    hit = found["政策解读"]
    assert hit["results"] == []
    assert hit["partial"][0] == "chp_1__sec_1__item_2__para_1"
    assert sorted(hit["partial"][1:]) == POLICY


def test_a_word_written_one_character_apart_inside_a_word_counts(found):
    """幼儿园玩具: the three paragraphs of 第二节 say 幼儿园; the first also says 玩教具 (玩具 and
    教具), which holds 玩 and 具 one character apart: it comes first (before, last of the three)."""
    hit = found["幼儿园玩具"]
    assert hit["results"] == []
    assert hit["partial"] == ["chp_1__sec_2__para_1", "chp_1__sec_2__para_2", "chp_1__sec_2__para_3"]


def test_a_whole_word_of_the_query_outranks_its_characters_scattered(found):
    """外来务工子女 (the plan says 随迁子女, never 外来 nor 务工): 保障随迁子女平等接受义务教育 holds
    the word 子女, a partial match; 五年来，做好妇女服务工作 holds 来, 务, 工 and 女 apart (务工
    only across 服务|工作), four of the six characters: the last resort, listed after it
    (before, first: no clause held half of the query side by side, and it holds more of its
    characters)."""
    hit = found["外来务工子女"]
    assert hit["results"] == [] and hit["partial"] == ["chp_1__sec_3__para_1", "chp_1__sec_3__para_2"]


def test_a_query_with_a_word_the_plan_never_uses_finds_its_other_word(found):
    """ICD编码: the plan never says ICD; 推行全市统一的学生学籍编码 holds 编码 (before, nothing:
    编码 is two of the query's five characters)."""
    hit = found["ICD编码"]
    assert hit["results"] == [] and hit["partial"] == ["chp_1__sec_3__para_3"]


SCHOOL = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 体育

    持续推进阳光体育一小时活动，学校第二课堂丰富多彩，美育教育全面开展，心理教育活动中心覆盖所有学校，劳动教育实践基地建设稳步推进，学生综合素质明显提升。

    开齐开足体育课程，保障学生每天校内体育活动时间不少于1小时。

    中小学生每天睡眠时间不少于9小时，减少学生使用电子产品时间。
    """)

HOSPITAL = textwrap.dedent("""\
    某省关于加强公立医院绩效考核工作的意见

    一、总体要求

    急诊实行24小时值班。

    加强公立医院绩效考核。

    完善医疗质量控制体系。

    提高患者满意度。

    规范医院财务管理。
    """)

HOSPITAL_META = textwrap.dedent("""\
    title: 某省关于加强公立医院绩效考核工作的意见
    issuer: 某省人民政府办公厅
    doc_number: 某政办发〔2019〕4号
    date: 2019-01-16
    source: plan.txt
    genre: health
    """)


def test_a_clause_holding_half_of_the_query_comes_before_those_holding_a_word(tmp_path_factory, segmenter):
    """A catalog of two plans, 锻炼一小时 (no clause says 锻炼): the school plan's 阳光体育一小时
    holds three of its five characters, 一小时, side by side; the hospital plan's 急诊实行24小时值班
    (short, and 小时 rare in its plan: a higher score) and the school plan's two other clauses hold
    only the word 小时: they follow it, best score first (before, the hospital's clause was first)."""
    from generator.build import build

    root = tmp_path_factory.mktemp("half")
    content = make_content(root, SCHOOL, META.replace("朔州市“十四五”", "某市“十四五”"), slug="a-school")
    make_content(root, HOSPITAL, HOSPITAL_META, slug="b-hospital")
    out = root / "site"
    assert build(content, out, segmenter=segmenter).written
    printed = node_search(out, ["锻炼一小时"], "catalog")
    hit = printed[0]
    assert hit["results"] == []
    assert hit["partial"] == ["chp_1__sec_1__para_1", "chp_1__para_1", "chp_1__sec_1__para_2", "chp_1__sec_1__para_3"]
