"""The predecessor a plan continues (issue 22, item 2): predecessor.html aligns the two
plans' indicators and says whether each target was reached. No whole real 十三五/十四五
pair of one issuer was found, so the predecessor is a test plan
(tests/fixtures/predecessor/shuozhou-education-13th: its table written for this test) and
the successor is the real seed, whose 2020 column reports the results. The verdicts below
were worked out by reading both tables."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import SEED_DIR, ROOT, run_build
from generator.render.predecessor import RULE, continued
from generator.structure.records import Indicator, Source

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


def test_each_target_of_the_predecessor_against_the_reported_result(page):
    rows = re.findall(r'<tr data-verdict="(\w*)"><th scope="row"><a [^>]*>([^<]+)</a>.*?'
                      r'<td class="num">2020年 ([^<]+)</td><td>(?:<a [^>]*>([^<]+)</a>|—)</td>'
                      r'<td class="num">([^<]*)(?:<br><a [^>]*>[^<]*</a>)*</td><td>([^<]+)', page)
    assert rows == [
        ("reached", "入园率", "93%", "入园率", "93.56%", "达到"),  # 十四五's 2020 column: 93.56
        ("missed", "普惠率", "80%", "普惠率", "75%", "未达到"),
        ("reached", "巩固率", "97%", "巩固率", "98%", "达到"),
        ("missed", "入学率", "98%", "入学率", "97.37%", "未达到"),  # 高中阶段教育's, not 义务教育's 100
        ("reached", "就业率", "88%", "就业率", "90%", "达到"),  # 职业教育's
        ("", "在校生总数", "2", "", "", "无法比较"),  # the seed has no such indicator
    ]
    assert "达到 3 项，未达到 2 项，无法比较 1 项" in page
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
    assert '<a href="../shuozhou-education-13th/indicators.html#ind_4">入学率</a>' in page
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


def test_a_predecessor_not_in_the_catalog_is_an_error_at_its_line(tmp_path):
    content = content_with_predecessor(tmp_path, "shuozhou-education-12th")
    result = run_build(content, tmp_path / "_site", "--no-cache")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    meta = content / SLUG / "plan.yml"
    line = len(meta.read_text(encoding="utf-8").splitlines())
    assert f"{meta}:{line}: error: predecessor 'shuozhou-education-12th' is not another plan of this catalog" \
        in result.stdout + result.stderr
