"""A printed table's rows as search documents (issue 19, the second held-out set's first failure
kind): an indicator system printed as a pipe table without ``|---|`` under its header row, its
group cells (一级指标, 二级指标) printed once over the rows they group, as 国办发〔2019〕4号's
附件 prints its 55 indicators. Each row is a document and an anchor of its own, titled by its
三级指标 (the finest level) and carrying its groups, so a query for a group finds every row of
it, and the header row is no document. Expected values are read off the table below."""
from __future__ import annotations

import json
import re
import textwrap

import pytest

from conftest import make_content, node_search

META = textwrap.dedent("""\
    title: 某省关于加强公立医院绩效考核工作的意见
    issuer: 某省人民政府办公厅
    doc_number: 某政办发〔2019〕4号
    date: 2019-01-16
    source: plan.txt
    genre: health
    """)

PLAN = textwrap.dedent("""\
    某省关于加强公立医院绩效考核工作的意见

    一、总体要求

    以满意度评价为导向，加强公立医院绩效考核。

    二、考核指标

    考核指标由医疗质量、运营效率、持续发展、满意度评价等4个方面组成。

    附件

    公立医院绩效考核指标

    | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标说明 |
    | 一、医疗质量 | （一）功能定位 | 1.门诊人次数与出院人次数比 | 定量 | 计算方法：门诊患者人次数/同期出院患者人次数。 |
    | 2.日间手术占择期手术比例 | 定量 | 计算方法：日间手术台次数/同期出院患者择期手术总台次数×100%。 |
    | 二、持续发展 | （二）人员结构 | 3.卫生技术人员职称结构 | 定量 | 计算方法：医院具有高级职称的医务人员数/全院同期医务人员总数×100%。 |
    | 4.医护比▲ | 定量 | 计算方法：医院注册医师总数/全院同期注册护士总数。 |
    | （三）人才培养 | 5.医院住院医师首次参加医师资格考试通过率▲ | 定量 | 计算方法：本年度首次参加医师资格考试并通过的住院医师人数/同期首次参加医师资格考试的住院医师总人数×100%。 |
    """)

QUERIES = ["医护比", "人员结构", "人才培养", "指标说明"]


@pytest.fixture(scope="module")
def site(tmp_path_factory, segmenter):
    from generator.build import build

    root = tmp_path_factory.mktemp("rows")
    out = root / "site"
    result = build(make_content(root, PLAN, META), out, segmenter=segmenter)
    assert result.written, [str(d) for d in result.report.items]
    printed = node_search(out, QUERIES)
    return out, {r["query"]: r for r in printed}


def test_the_first_row_of_words_heads_a_table_printed_without_a_rule(site):
    """The first row names the columns (一级指标 … 指标说明): a header, printed as one, and the
    five indicators are the body rows 1 to 5 (before, the header was row 1 and 4.医护比▲ row 5)."""
    out, _ = site
    table = next(n for n in json.loads((out / "data" / "plan.json").read_text(encoding="utf-8"))["nodes"]
                 if n["kind"] == "table")
    assert table["header"] is True
    page = (out / "plan" / "att_1.html").read_text(encoding="utf-8")
    assert re.findall(r'<th scope="col">([^<]*)</th>', page) == ["一级指标", "二级指标", "三级指标", "指标性质", "指标说明"]
    assert re.findall(r'<tr id="(tbl_1__tr_\d+)">(?:<td[^>]*>[^<]*</td>){2}<td[^>]*>([^<]*)</td>', page) == [
        ("tbl_1__tr_1", "1.门诊人次数与出院人次数比"), ("tbl_1__tr_2", "2.日间手术占择期手术比例"),
        ("tbl_1__tr_3", "3.卫生技术人员职称结构"), ("tbl_1__tr_4", "4.医护比▲"),
        ("tbl_1__tr_5", "5.医院住院医师首次参加医师资格考试通过率▲")]


def test_an_indicator_lands_on_its_row_named_by_its_groups(site):
    """医护比 finds its row alone; the result names the row's 三级指标 and its groups, printed
    once two rows above (二、持续发展, （二）人员结构)."""
    _, found = site
    assert found["医护比"]["results"] == ["tbl_1__tr_4"]
    snippet = "".join(text for text, _ in found["医护比"]["snippets"][0])
    assert snippet.startswith("4.医护比▲ 二、持续发展 （二）人员结构 定量 计算方法")


def test_a_group_finds_every_row_it_groups(site):
    """（二）人员结构 groups rows 3 and 4 (printed on row 3 only); （三）人才培养 row 5, under
    二、持续发展 carried from row 3."""
    _, found = site
    assert found["人员结构"]["results"] == ["tbl_1__tr_3", "tbl_1__tr_4"]
    assert found["人才培养"]["results"] == ["tbl_1__tr_5"]


def test_the_header_row_is_no_document(site):
    """指标说明 is only a column's name: no row answers it."""
    _, found = site
    assert found["指标说明"]["results"] == []
