"""The genres' query synonyms in a query (static/search-core.js ``analyse``), on a small plan;
the engine runs in Node (tests/js/results.js) as the search page runs it."""
from __future__ import annotations

import textwrap

import pytest

from conftest import META, make_content, node_search

PLAN = textwrap.dedent("""\
    某市“十四五”义务教育规划

    第一章 主要任务

    第一节 课后服务

    在城区学校试点外地孩子午托。

    保障随迁子女课后服务。
    """)


@pytest.fixture(scope="module")
def found(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("synonyms")
    out = root / "site"
    result = build(make_content(root, PLAN, META), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, ["外地孩子午托"])
    return {r["query"]: r for r in printed}


def test_the_phrase_as_typed_is_kept_however_many_variants_its_synonyms_make(found):
    """外地孩子 is the last of six words of its group (随迁子女 …), 午托 the fourth of five
    (课后服务 …): 30 variants, over the 24 a phrase keeps. In the groups' order the typed
    phrase was the 29th and was dropped: the clause saying 外地孩子午托 was only a partial
    match. Kept first, both clauses hold the phrase as words (tier 3): as typed, and as
    随迁子女课后服务 (both words swapped, words of the plan's vocabulary: lunr ranks it first)."""
    hit = found["外地孩子午托"]
    assert hit["groups"] == [["随迁子女", "进城务工人员随迁子女", "农民工子女", "进城务工人员子女", "流动儿童", "外地孩子"],
                             ["课后服务", "课后托管", "延时服务", "午托", "四点半课堂"]]
    assert hit["results"] == ["chp_1__sec_1__para_2", "chp_1__sec_1__para_1"]
    assert hit["tiers"] == [3, 3]
