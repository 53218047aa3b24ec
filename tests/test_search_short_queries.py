"""Short queries (issue 19): a stop word inside a query of two or three characters is part of
the word typed (镇中 is not 镇), stop words still fall out of longer queries, and a character
alone stands next to its piece across a bracketed insertion (县（市、区）域学校 for 县域学校).
The engine runs in Node (tests/js/results.js) as the plan's search page runs it; expected
clauses are read off the plan below (中, 的 and 和 are the general genre's stop words)."""
from __future__ import annotations

import json
import subprocess
import textwrap

import pytest

from conftest import META, ROOT, make_content

PLAN = textwrap.dedent("""\
    某市“十四五”教育改革与发展规划

    第一章 主要任务

    第一节 学校布局

    办好乡镇中学和村小。

    每个镇建设一所幼儿园。

    优化县（市、区）域学校布局。
    """)


@pytest.fixture(scope="module")
def found(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("short")
    meta = META.replace("朔州市“十四五”教育改革与发展规划", "某市“十四五”教育改革与发展规划")
    out = root / "site"
    result = build(make_content(root, PLAN, meta), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    queries = root / "queries.json"
    queries.write_text(json.dumps(["镇中", "镇的幼儿园", "县域学校"], ensure_ascii=False), encoding="utf-8")
    run = subprocess.run(["node", str(ROOT / "tests/js/results.js"), str(out), str(queries)],
                         capture_output=True, text=True, timeout=120, check=True)
    return {r["query"]: r for r in json.loads(run.stdout)}


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
