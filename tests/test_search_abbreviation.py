"""Abbreviations typed (issue 19: a query's words that the plan never writes): Chinese shortens a
compound by the first character of each of its words (家庭教育 → 家教, 科技创新园 → 科创园), so
a query of two or three characters that is no word of the plan also stands for the plan's
words it abbreviates (``Engine.abbreviationAt`` in static/search-core.js), as a synonym does.
The engine runs in Node (tests/js/results.js) as the plan's own page and as the catalog runs
it; the expected clauses are read off the plan below."""
from __future__ import annotations

import textwrap

import pytest

from conftest import META, make_content, node_search

PLAN = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 家庭

    推动家庭教育指导服务进社区，办好家长学校。

    第二节 方针

    全面贯彻国家教育方针，落实立德树人根本任务。

    第三节 园区

    建成一个“科技创新园”，吸引高校和企业入驻。

    建设科技馆和创新实验室。
    """)

QUERIES = ["家教", "科创园", "科技"]
FAMILY = "chp_1__sec_1__para_1"  # 家庭教育
NATION = "chp_1__sec_2__para_1"  # 国家教育: 家教 standing across 国家|教育
PARK = "chp_1__sec_3__para_1"  # “科技创新园”, a quoted term: a word of the plan
LAB = "chp_1__sec_3__para_2"  # 科技馆 and 创新实验室: 科 and 创, never 科技创新园


@pytest.fixture(scope="module", params=["plan", "catalog"])
def found(request, tmp_path_factory, segmenter):
    """Each query's results on the plan's own search page and on the catalog's (one plan)."""
    from generator.build import build

    root = tmp_path_factory.mktemp("abbreviation")
    out = root / "site"
    result = build(make_content(root, PLAN, META.replace("朔州市“十四五”", "某市“十四五”")), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, QUERIES, *(["catalog"] if request.param == "catalog" else []))
    return {r["query"]: r for r in printed}


def test_an_abbreviation_finds_the_compound_it_stands_for_first(found):
    """家教: the plan never writes it as a word; 家庭教育 is one (jieba's dictionary), and its
    clause comes first, before 国家教育方针, which holds 家教 only across two words (before:
    that clause alone)."""
    hit = found["家教"]
    assert hit["groups"] == [["家教", "家庭教育"]]
    assert hit["results"][0] == FAMILY
    assert hit["results"].index(NATION) > hit["results"].index(FAMILY)


def test_three_characters_stand_for_a_compound_ending_in_a_word_of_one(found):
    """科创园: 科技 + 创新 + 园, the quoted term. The clause holding 科 and 创 apart is listed
    only among the partial matches."""
    hit = found["科创园"]
    assert hit["groups"] == [["科创园", "科技创新园"]]
    assert hit["results"] == [PARK]
    assert LAB not in hit["results"]


def test_a_word_of_the_plan_is_never_expanded(found):
    """科技 is a word of the plan (科技创新园, 科技馆): it stands for itself alone, though 科技创新园
    has 科 and 技 at its first and third places."""
    hit = found["科技"]
    assert hit["groups"] == [["科技"]]
    assert sorted(hit["results"]) == [PARK, LAB]
