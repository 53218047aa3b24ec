"""The predecessor a plan continues (issue 22, item 2): predecessor.html aligns the two
plans' indicators and says whether each target was reached, the result read from this plan's
baseline column or, failing that, from a sentence of its review chapter.

The successor is the real seed; its 2020 column and its review chapter (第一章 “十三五”改革发展
成效) report the results. No real predecessor was found in the stored material (searched: the
pages, code and docs corpora and find_string for 朔州市/山西省“十三五”教育事业发展规划 and the
national 国家教育事业发展“十三五”规划's 主要目标 table; ZhouYNF/platform-1's SQL dump holds 60
gov.cn texts of 2018-11 to 2019-02, none a 十三五 plan), so the predecessor is a test plan
(tests/fixtures/predecessor/shuozhou-education-13th, README.md there): its table was written
for this test, each row aimed at a rule. The results and verdicts below were worked out by
reading the seed's plan.txt and that table."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import META, SEED_DIR, ROOT, parse_text, run_build
from generator.link.statements import Statement
from generator.render.predecessor import RULE, continued, reported_in_review
from generator.structure.records import Indicator, Measure, Source

PREDECESSOR = ROOT / "tests" / "fixtures" / "predecessor" / "shuozhou-education-13th"
SLUG = SEED_DIR.name


def content_with_predecessor(root, predecessor: str = PREDECESSOR.name):
    content = root / "content"
    shutil.copytree(SEED_DIR, content / SLUG)
    shutil.copytree(PREDECESSOR, content / PREDECESSOR.name)
    meta = content / SLUG / "plan.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + f"predecessor: {predecessor}\n", encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("predecessor")
    result = run_build(content_with_predecessor(root), root / "_site", "--no-cache")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "_site"


@pytest.fixture(scope="module")
def page(site):
    return (site / SLUG / "predecessor.html").read_text(encoding="utf-8")


ROW = re.compile(r'<tr id="(ind_\d+)" data-verdict="(\w*)"><th scope="row"><a [^>]*>([^<]+)</a>.*?'
                 r'<td class="num">2020年 ([^<]+)</td><td>(?:<a [^>]*>([^<]+)</a>|—)</td>'
                 r'<td class="num">([^<]*)(?:<br><span class="excerpt">([^<]*)</span>)?(?:<br><a [^>]*>[^<]*</a>)*</td>'
                 r'<td>([^<]+)')


def test_each_target_of_the_predecessor_against_the_reported_result(page):
    table, review = "本规划指标表2020年值", "本规划回顾章节所述"
    assert ROW.findall(page) == [
        ("ind_1", "reached", "入园率", "93%", "入园率", "93.56%", table, "达到"),  # the seed's 2020 column: 93.56
        ("ind_2", "missed", "普惠率", "80%", "普惠率", "75%", table, "未达到"),
        ("ind_3", "reached", "巩固率", "97%", "巩固率", "98%", table, "达到"),
        # no such row in the seed's table; 第一章第二节: 全市小学适龄儿童入学率已达99.98%
        ("ind_4", "missed", "小学适龄儿童入学率", "100%", "", "99.98%", review, "未达到"),
        ("ind_5", "missed", "入学率", "98%", "入学率", "97.37%", table, "未达到"),  # 高中阶段教育's, not 义务教育's 100
        ("ind_6", "reached", "就业率", "88%", "就业率", "90%", table, "达到"),  # 职业教育's
        ("ind_7", "", "在校生总数", "2", "", "", "", "无法比较"),  # neither the table nor the review names it
        # 第一章第四节: 毕业生就业率始终在80%以上: at least 80, the target 85: cannot tell
        ("ind_8", "", "毕业生就业率", "85%", "", "80%以上", review, "无法比较"),
        # 第一章第二节: 全市“三残”儿童入学率达到96%
        ("ind_9", "reached", "“三残”儿童入学率", "95%", "", "96%", review, "达到"),
    ]
    assert "达到 4 项，未达到 3 项，无法比较 2 项" in page


def test_a_review_figure_other_than_the_table_is_noted_beside_the_verdict(page):
    notes = dict(re.findall(r'<tr id="(ind_\d+)".*?<td>[^<]+(?:<br><span class="excerpt">([^<]*)</span>)?</td></tr>', page))
    # 第一章第一节: 普惠性幼儿园覆盖率85.51% (the table's 2020: 75); 第一章第二节: 义务教育巩固率100% (the
    # table's: 98); 入园率 93.56 and 高中阶段教育毛入学率97.37%以上 agree with the table
    assert notes["ind_2"] == "回顾章节所述为85.51%，与指标表不一"
    assert notes["ind_3"] == "回顾章节所述为100%，与指标表不一"
    assert notes["ind_1"] == notes["ind_5"] == notes["ind_6"] == ""
    assert RULE in page


def test_the_plan_links_its_predecessor_page_and_the_predecessor_none(site):
    assert '<li><a href="predecessor.html">前一规划目标完成情况</a></li>' in (site / SLUG / "index.html").read_text(
        encoding="utf-8")
    assert not (site / PREDECESSOR.name / "predecessor.html").exists()
    assert "前一规划目标完成情况" not in (site / PREDECESSOR.name / "index.html").read_text(encoding="utf-8")


def test_the_result_links_to_the_review_sentence_stating_it(page):
    # 第一章第一节's first paragraph: 适龄儿童学前三年毛入园率93.56%
    row = page[page.index('#ind_1">入园率</a>'):]
    row = row[:row.index("</tr>")]
    assert ('<a class="statement" href="chp_1.html#chp_1__sec_1__para_1">《朔州市“十四五”教育改革与发展规划》'
            '第一章第一节 学前教育普及普惠水平大幅提高 第1段</a>') in row


def test_the_target_links_to_the_predecessor_and_the_result_to_this_plan(page):
    assert '<a href="../shuozhou-education-13th/indicators.html#ind_5">入学率</a>' in page
    assert '<a href="indicators.html#ind_11">入学率</a>' in page  # the seed's 高中阶段教育 入学率


def row(name, baseline, target, stage="学前教育", years=(2015, 2020), op=None):
    return Indicator("ind_1", "tbl_1", Source("plan.txt", 1, 1), name=name, stage=stage, baseline=baseline,
                     target=target, baseline_year=years[0], target_year=years[1], target_op=op)


@pytest.mark.parametrize("before, after, verdict", [
    (row("生师比", 20, 16), row("生师比", 15.5, 14, years=(2020, 2025)), "reached"),  # down, 15.5 ≤ 16
    (row("生师比", 20, 16), row("生师比", 17, 14, years=(2020, 2025)), "missed"),
    (row("巩固率", 100, 100), row("巩固率", 100, 100, years=(2020, 2025)), "reached"),  # kept
    (row("普惠率", 60, 80), row("普惠性幼儿园覆盖率", 81, 90, years=(2020, 2025)), "reached"),  # synonyms
    (row("普惠率", 60, 80), row("普惠率", 81, 90, years=(2019, 2025)), ""),  # years differ
])
def test_the_rule(before, after, verdict):
    synonyms = [("普惠率", "普惠性幼儿园覆盖率")]
    assert continued([before], [after], synonyms)[0].verdict == verdict


def test_the_review_sentence_stating_a_result_links_it(page):
    row = page[page.index('<tr id="ind_4"'):]
    row = row[:row.index("</tr>")]
    assert ('<a class="statement" href="chp_1.html#chp_1__sec_2__para_1">《朔州市“十四五”教育改革与发展规划》'
            '第一章第二节 义务教育城乡一体化发展取得突破性进展 第1段</a>') in row


def stated(value, op="=", name="普惠率"):
    node = Measure("chp_1__para_1", "chp_1", Source("plan.txt", 3, 3), text="")
    return Statement(node, row(name, 60, 80), f"{name}{value}%", [value], "%", op, "baseline")


@pytest.mark.parametrize("statements, verdict, result", [
    ([stated(82)], "reached", 82),  # no row of this plan: the review's figure
    ([stated(78)], "missed", 78),
    ([stated(82), stated(82)], "reached", 82),  # two sentences, one figure
    ([stated(82), stated(78)], "", None),  # the review's figures differ
    ([stated(82, "≥")], "reached", 82),  # 82%以上 ≥ 80
    ([stated(78, "≥")], "", 78),  # 78%以上: cannot tell
    ([stated(78, "≤")], "missed", 78),  # 78%以下 < 80
])
def test_the_rule_on_the_review(statements, verdict, result):
    found = continued([row("普惠率", 60, 80)], [], [], {"ind_1": statements})[0]
    assert (found.verdict, found.result) == (verdict, result)
    assert found.source == ("review" if result is not None else "")


def test_the_table_comes_before_the_review():
    found = continued([row("普惠率", 60, 80)], [row("普惠率", 75, 88, years=(2020, 2025))], [],
                      {"ind_1": [stated(85.51)]})[0]
    assert (found.verdict, found.result, found.source) == ("missed", 75, "table")


REVIEWED = """朔州市“十四五”教育改革与发展规划

第一章 “十三五”改革发展成效

全市小学适龄儿童入学率已达99.98%。2018年，全市“三残”儿童入学率达到90%。特殊教育学校每年增加“三残”儿童入学率2个百分点。

第二章 发展目标

到2025年，全市“三残”儿童入学率达到98%。
"""


def test_results_are_read_from_the_review_chapter_alone_and_for_the_target_year(tmp_path, segmenter):
    before, _ = parse_text(tmp_path / "before", PREDECESSOR.joinpath("plan.txt").read_text(encoding="utf-8"),
                           segmenter, PREDECESSOR.joinpath("plan.yml").read_text(encoding="utf-8"))
    after, _ = parse_text(tmp_path / "after", REVIEWED, segmenter, META)
    found = reported_in_review(after, before)
    # 小学适龄儿童入学率 (ind_4): 99.98; “三残”儿童入学率 (ind_9): not 2018's 90, not the yearly
    # increase, not 第二章's target
    assert {key: [(s.values, s.op) for s in value] for key, value in found.items()} == {"ind_4": [([99.98], "=")]}


def test_a_predecessor_not_in_the_catalog_is_an_error_at_its_line(tmp_path):
    content = content_with_predecessor(tmp_path, "shuozhou-education-12th")
    result = run_build(content, tmp_path / "_site", "--no-cache")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    meta = content / SLUG / "plan.yml"
    line = len(meta.read_text(encoding="utf-8").splitlines())
    assert f"{meta}:{line}: error: predecessor 'shuozhou-education-12th' is not another plan of this catalog" \
        in result.stdout + result.stderr
