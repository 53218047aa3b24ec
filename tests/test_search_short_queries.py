"""Short queries (issue 19): a stop word inside a query of two or three characters is part of
the word typed (镇中 is not 镇), stop words still fall out of longer queries, and a character
alone stands next to its piece across a bracketed insertion (县（市、区）域学校 for 县域学校);
the query's words standing together in another order (本科职业 for 职业本科) are near evidence.
The engine runs in Node (tests/js/results.js) as the plan's search page runs it; expected
clauses are read off the plan below (中, 的 and 和 are the general genre's stop words)."""
from __future__ import annotations

import textwrap

import pytest

from conftest import META, make_content, node_search

PLAN = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 学校布局

    办好乡镇中学和村小。

    每个镇建设一所幼儿园。

    优化县（市、区）域学校布局。

    第二节 高等教育

    办好本科院校和职业院校。

    支持职业院校发展，逐步办成本科职业技术大学。

    保持高中阶段教育职普比大体相当。
    """)


@pytest.fixture(scope="module")
def found(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("short")
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”教育改革与发展规划")
    out = root / "site"
    result = build(make_content(root, PLAN, meta), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, ["镇中", "镇的幼儿园", "县域学校", "职业本科", "普职比"])
    return {r["query"]: r for r in printed}


def test_a_stop_word_in_a_two_character_query_is_kept(found):
    """镇中 (no word of the plan): only 办好乡镇中学和村小 holds it (across 乡镇|中学, a
    crossed match); 每个镇建设一所幼儿园 holds 镇 alone (the query cut down to 镇 listed it
    too)."""
    assert found["镇中"]["results"] == ["chp_1__sec_1__para_1"]
    assert found["镇中"]["tiers"] == [2]
    assert found["镇中"]["groups"] == [["镇中"]]


def test_stop_words_still_fall_out_of_a_longer_query(found):
    """镇的幼儿园 (five characters): 的 is dropped, so 每个镇建设一所幼儿园 (镇 and 幼儿园,
    no 的) is found."""
    assert found["镇的幼儿园"]["results"] == ["chp_1__sec_1__para_2"]


def test_a_character_stands_next_to_its_piece_across_a_bracketed_insertion(found):
    """县域学校: 优化县（市、区）域学校布局 holds 域学校 with 县 before it, (市、区) between:
    found in pieces (before, only a partial match)."""
    assert found["县域学校"]["results"] == ["chp_1__sec_1__para_3"]
    assert found["县域学校"]["tiers"] == [2]


def test_the_query_words_together_in_another_order_rank_above_words_apart(found):
    """职业本科: 逐步办成本科职业技术大学 holds 本科职业, the two words side by side (its
    职业院校 earlier does not count against it: proximity is the shortest stretch holding
    both); 办好本科院校和职业院校 holds them five characters apart: listed after it."""
    assert found["职业本科"]["results"] == ["chp_1__sec_2__para_2", "chp_1__sec_2__para_1"]


def test_a_term_written_in_both_orders_finds_the_other(found):
    """普职比: the education genre's query synonyms hold 普职比 ~ 职普比, so 保持高中阶段教育职普比
    大体相当 is found (before, 普职 and 职比 matched no clause)."""
    assert found["普职比"]["results"] == ["chp_1__sec_2__para_3"]


HOSPITAL = textwrap.dedent("""\
    某市医院服务改进方案

    第一章 改善服务

    缩短门诊患者预约后平均等待时间。

    加强院感防控。
    """)


def test_everyday_health_words_find_the_plans_words(tmp_path_factory, segmenter):
    """看病排队: the health genre's query synonyms (看病 ~ 门诊, 排队 ~ 等待) find 缩短门诊患者
    预约后平均等待时间, which says neither word typed."""
    from generator.build import build

    root = tmp_path_factory.mktemp("hospital")
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市医院服务改进方案").replace("genre: education", "genre: health")
    out = root / "site"
    assert build(make_content(root, HOSPITAL, meta), out, segmenter=segmenter).written
    printed = node_search(out, ["看病排队"])
    assert printed[0]["results"] == ["chp_1__para_1"]


KINDERGARTENS = textwrap.dedent("""\
    某市“十四五”学前教育发展规划

    第一章 布局

    每个镇办好一所中心幼儿园。

    第二章 保障

    镇政府保障幼儿园用地，列入中期规划。
    """)

SCHOOLS = textwrap.dedent("""\
    某市乡镇中学布局规划

    第一章 布局

    办好乡镇中学，每个镇至少一所。

    第二章 保障

    乡镇中学教师周转宿舍纳入保障。
    """)


@pytest.fixture(scope="module")
def fetched(tmp_path_factory, segmenter):
    """A catalog of two plans holding 镇 and 中 in each chapter, 镇中 a word of neither (乡镇|中学):
    学前 (first in folder order) and 乡镇中学, whose title says 镇中."""
    from generator.build import build

    root = tmp_path_factory.mktemp("fetched")
    content = make_content(root, KINDERGARTENS, META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”学前教育发展规划"),
                           slug="a-kindergartens")
    make_content(root, SCHOOLS, META.replace("朔州市“十四五”教育改革与发展规划", "某市乡镇中学布局规划"), slug="b-schools")
    out = root / "site"
    assert build(content, out, segmenter=segmenter).written
    printed = node_search(out, ["镇中"], "b-schools", script="catalog_pages.js")
    return printed[0]


def test_a_query_without_scores_fetches_the_plan_about_it_first(fetched):
    """镇中 has no vocabulary word, so no fragment has a lunr score; the catalog fetches the
    chapters of 乡镇中学 (its plan factor: the title says the query) before 学前's, not in folder
    order (f/0, 学前's front matter, holds neither character), and lists its clauses: the title,
    then 办好乡镇中学 and 乡镇中学教师 (镇中 across 乡镇|中学)."""
    schools, kindergartens = ["f/3.js", "f/4.js", "f/5.js"], ["f/1.js", "f/2.js"]  # front matter, chapters
    assert fetched["first"]["fragments"] == schools + kindergartens
    assert fetched["first"]["results"] == ["front__plan_title", "chp_1__para_1", "chp_2__para_1"]
