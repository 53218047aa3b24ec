"""Search precision, issue 10: each kind of failure readers met, with the issue's own
input as the test and the expected clauses written by reading plan.txt.

The engine is run in Node (tests/js/results.js) exactly as the search page runs it."""
from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT
from generator.search.index import simplified_table

QUERIES = ["课后服务", "校长职级制", "近视", "近视防控", "学前教育", "学前教育.", "学前教育%", "93.56", "职业教育",
           "綫上綫下", "線上線下", "线上线下", "智慧教育", "普惠率", "本科在校生人数", "特教学校学生人数",
           "高中升学比例", "qwe", "etc", "彩票", "普惠率是多少", "体育课每周几节", "校园安全", "中考改革"]


@pytest.fixture(scope="module")
def found(built_site, tmp_path_factory) -> dict[str, dict]:
    queries = tmp_path_factory.mktemp("precision") / "queries.json"
    queries.write_text(json.dumps(QUERIES, ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(["node", str(ROOT / "tests/js/results.js"), str(built_site), str(queries)],
                            capture_output=True, text=True, timeout=120, check=True)
    return {r["query"]: r for r in json.loads(result.stdout)}


def test_partial_matches_neither_swamp_the_list_nor_the_count(found, built_site):
    """课后服务 stands in five places (plan.txt lines 390, 540–546 as one point with its
    paragraphs, 610, 880, 943); one more paragraph holds 课后 and 服务 apart (课前课中课后
    一体化系统服务学生). Clauses holding only 服务 are partial: counted and listed apart; so are
    the two holding only 托管 (实施托管帮扶工程), a piece of 课后托管, which education.yml's
    query synonyms give for 课后服务."""
    nodes = json.loads((built_site / "data" / "shuozhou-education-14th.json").read_text(encoding="utf-8"))["nodes"]
    says = {n["id"]: "".join(n[k] or "" for k in ("number", "title", "text")) for n in nodes}
    hit = found["课后服务"]
    assert hit["results"] == ["chp_5__sec_2__item_5", "box_2__proj_3", "chp_10__sec_2__item_2__para_1",
                              "chp_4__sec_5__para_1", "chp_9__sec_3__item_1__para_2",
                              "chp_5__sec_2__item_3__para_2"]
    assert hit["tiers"] == [3, 3, 3, 3, 3, 2]
    assert hit["partial"] and set(hit["results"]).isdisjoint(hit["partial"])
    assert [p for p in hit["partial"] if "课后服务" in says[p] or not ("服务" in says[p] or "课后" in says[p])] == [
        "box_2__proj_4", "chp_5__sec_3__item_1__para_1"]  # 实施托管帮扶工程
    assert all("托管" in says[p] for p in ("box_2__proj_4", "chp_5__sec_3__item_1__para_1"))
    assert found["校长职级制"]["results"] == ["chp_11__sec_3__item_1", "chp_11__sec_3__para_1",
                                          "chp_9__sec_2__item_2__para_1", "chp_9__sec_3__item_1__para_2"]


def test_a_paragraph_is_listed_once(found):
    """近视 is in one paragraph (强化近视和肥胖综合防控), whose point heading 二、开展多种形式体育
    活动 does not say 近视: the point is not listed beside it. A point listed whole (its own
    heading matches) stands for its paragraphs, which are not listed again."""
    assert found["近视"]["results"] == ["chp_4__sec_4__item_2__para_1"]
    for hit in found.values():
        for point in hit["whole"]:
            assert not [r for r in hit["results"] if r.startswith(point + "__")], hit["query"]
    assert "chp_5__sec_2__item_5" in found["课后服务"]["whole"]


def test_the_search_box_example_brings_no_unrelated_clauses(found):
    """近视防控: the plan says 强化近视和肥胖综合防控; the two 防控 clauses of 第十二章 (风险防控,
    安全带防控) are partial matches, not results."""
    hit = found["近视防控"]
    assert hit["results"] == ["chp_4__sec_4__item_2__para_1"]
    assert sorted(hit["partial"]) == ["chp_12__sec_2__item_6__para_2", "chp_12__sec_2__item_6__para_3"]


def test_full_stop_and_percent_count_only_inside_numbers(found):
    plain = found["学前教育"]
    assert found["学前教育."]["results"] == plain["results"] == found["学前教育%"]["results"]
    # 23 clauses say 学前教育 (3 of them indicator rows of the 学前教育 group); the point
    # 五、创新优质学前教育资源共享机制 stands for its paragraph, which says it again. Two
    # paragraphs of 第五章第一节 实现学前教育普及普惠安全优质发展 say 教育 but not 学前教育
    # (plan.txt line 492: 《幼儿园入学准备教育指导要点》; line 506: 早期教育): listed with
    # their section heading, after every clause saying it
    assert len(plain["results"]) == 24
    assert [plain["tiers"][i] for i in range(24)] == [3] * 22 + [1.5, 1.5]
    assert set(plain["results"][22:]) == {"chp_5__sec_1__item_4__para_1", "chp_5__sec_1__item_2__para_1"}
    assert not plain["results"][0].startswith("chp_1__")  # the 2016–2020 review is not first
    assert found["93.56"]["groups"] == [["93.56"]]
    assert found["93.56"]["results"] == ["ind_1", "chp_1__sec_1__para_1"]  # 毛入园率93.56%


def test_snippets_show_the_whole_phrase(found):
    hit = found["职业教育"]
    assert len(hit["snippets"]) == 20  # a snippet per result of the first page (20 results, static/search-catalog.js)
    for snippet, tier in zip(hit["snippets"], hit["tiers"]):  # the clauses saying it as typed
        assert tier != 3 or any(marked and "职业教育" in text for text, marked in snippet), snippet


def test_variant_characters_find_what_the_standard_form_finds(found):
    standard = found["线上线下"]["results"]
    assert len(standard) == 8  # 线上线下 is printed in eight paragraphs (plan.txt lines 306 to 951)
    assert found["綫上綫下"]["results"] == found["線上線下"]["results"] == standard


def test_variant_table_maps_forms_only_t2s_tw2s_hk2s_know():
    table = simplified_table(["线上线下里面着重"])
    assert {k: v for k, v in table.items() if v in "线里着"} == {"綫": "线", "線": "线", "著": "着", "裏": "里",
                                                                  "裡": "里"}
    assert not set(table.values()) & set(table)  # one lookup folds a character


def test_indicator_panel_holds_only_indicators_matching_the_whole_query(found):
    assert found["智慧教育"]["indicators"] == []
    assert found["课后服务"]["indicators"] == []
    assert found["普惠率"]["indicators"] == ["ind_2"]
    assert found["学前教育"]["indicators"] == ["ind_3", "ind_2", "ind_1"]  # the 学前教育 rows


def test_readers_words_find_the_indicator_in_the_list(found):
    """人数 ~ 规模, 学生人数 ~ 在校生规模, 比例 ~ 率 (genre query_synonyms)."""
    assert found["本科在校生人数"]["results"] == ["ind_27"]  # 本科教育 · 在校生规模
    assert found["特教学校学生人数"]["results"] == ["ind_37", "chp_1__sec_2__para_1"]  # row, then 特教学校学生数508人
    assert found["高中升学比例"]["results"] == ["ind_13"]  # 高中阶段教育 · 升学率
    assert found["普惠率"]["results"] == ["chp_3__sec_3__para_2", "chp_5__sec_1__item_1__para_2", "ind_2"]


def test_stop_words_and_reader_units_leave_the_query(found):
    assert found["普惠率是多少"]["groups"] == [["普惠率"]]
    assert found["普惠率是多少"]["results"] == found["普惠率"]["results"]
    assert found["体育课每周几节"]["groups"] == [["体育与健康", "体育课"], ["每周"], ["节", "课时"]]  # the course's name
    assert found["体育课每周几节"]["results"][0] == "chp_4__sec_4__item_1__para_1"  # 确保小学低段每周4课时


def test_a_phrase_ending_inside_a_longer_word_is_no_exact_match(found):
    """校园安全 stands in 校园安全稳定工作 but not in 环校园安全带."""
    hit = found["校园安全"]
    assert hit["results"][0] == "chp_12__sec_2__item_6__para_2"
    assert hit["tiers"][:2] == [3, 2]


def test_headings_above_a_clause_count_for_its_words(found):
    """改进中考考查内容结构 sits under 第二节 全面深化考试制度改革."""
    hit = found["中考改革"]
    assert "chp_11__sec_2__item_3__para_1" in hit["results"]


def test_no_suggestion_is_a_token_or_a_typo(found):
    assert found["qwe"]["results"] == [] and found["qwe"]["suggest"] == []
    assert found["etc"]["suggest"] == []  # “etc” is in the plan once, flagged as a Latin word
    assert found["彩票"]["suggest"] == ["丰富多彩", "多彩"]
