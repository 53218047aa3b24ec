"""The rendered site read as HTML: structure, citations, links, stage views, dashboard."""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.structure.diagnostics import Report
from generator.config.genre import load_genre
from generator.paginate.pages import paginate
from generator.structure.paths import plan_search_page
from generator.render.plan_views import PlanView
from generator.render.site_views import SiteView

SLUG = "shuozhou-education-14th"


class PageParser(HTMLParser):
    """Collects ids, headings and the <html lang> of one page (links: test_invariants.py)."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.h1 = 0
        self.lang = None
        self.title = ""
        self.description = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "h1":
            self.h1 += 1
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "title":
            self._in_title = True
        if tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def parse_page(path: Path) -> PageParser:
    parser = PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def pages(built_site):
    return {p.relative_to(built_site).as_posix(): parse_page(p) for p in sorted(built_site.rglob("*.html"))}


def test_the_site_holds_the_pages_its_views_make_one_per_chapter_and_stage(pages, seed, segmenter):
    """Every page the views make (the site's own and the plan's: the page types of the browser
    tests, ``browser.page_types``, come from the same views)
    and no other HTML file; among them a page per chapter of the plan and per stage of its genre."""
    plan = seed[0]
    site = paginate(plan, segmenter)
    made = [page.head.path for page in SiteView([site]).pages() + PlanView(site, []).pages()]
    assert sorted(pages) == sorted(made)
    assert {p for p in pages if re.fullmatch(rf"{SLUG}/chp_\d+\.html", p)} == {
        f"{SLUG}/{chapter.id}.html" for chapter in plan.by_kind("chapter")}
    assert {p for p in pages if p.startswith(f"{SLUG}/stage-")} == {
        f"{SLUG}/stage-{stage.slug}.html" for stage in load_genre("education", Report()).stages}


def test_the_overview_links_every_page_of_the_plan(built_site, seed, segmenter):
    """A reader reaches every page of the plan from its overview (``PlanPages.all()`` and the
    plan's search page): a new page type is linked among the plan's links (``PlanLinks`` in
    render/views.py, shown by templates/partials/macros.html), not left to the sitemap."""
    site = paginate(seed[0], segmenter)
    overview = (built_site / site.overview.path).read_text(encoding="utf-8")
    folder = posixpath.dirname(site.overview.path)
    targets = re.findall(r'(?:href|action)="([^"#?:]+)', overview)  # links, and the search form
    linked = {posixpath.normpath(posixpath.join(folder, target)) for target in targets}
    wanted = {page.path for page in site.all() if page is not site.overview} | {plan_search_page(SLUG)}
    assert wanted - linked == set()


def test_every_page_has_lang_one_h1_title_and_description(pages):
    for path, page in pages.items():
        assert page.lang == "zh-CN", path
        assert page.h1 == 1, path
        assert page.title.strip(), path
        assert page.description, path
        assert len(page.ids) == len(set(page.ids)), path


def test_chapter_page_anchors_every_node_of_the_chapter(built_site):
    import json
    nodes = json.loads((built_site / "data" / f"{SLUG}.json").read_text(encoding="utf-8"))["nodes"]
    expected = [n["id"] for n in nodes if n["url"].startswith(f"{SLUG}/chp_5.html") and n["kind"] != "target"]
    html = (built_site / SLUG / "chp_5.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="((?:chp|box)_[^"]*)"', html)
    assert ids == expected
    assert ids[:4] == ["chp_5", "chp_5__para_1", "chp_5__sec_1", "chp_5__sec_1__para_1"]
    # the contents list four sections of 第五章 (plan.txt lines 57-60); 专栏2 numbers five projects (606-614)
    assert [i for i in ids if re.fullmatch(r"chp_5__sec_\d+", i)] == [f"chp_5__sec_{n}" for n in range(1, 5)]
    assert [i for i in ids if i.startswith("box_")] == ["box_2"] + [f"box_2__proj_{n}" for n in range(1, 6)]
    assert html.count('class="permalink"') == len(ids)


def test_citation_text(built_site):
    """The copied citation carries the 文号 and the printed page its section starts on
    (第一节 实现学前教育普及普惠安全优质发展 … 33 in the table of contents); the paragraph
    number it ends with is shown on the page."""
    html = (built_site / SLUG / "chp_5.html").read_text(encoding="utf-8")
    plan = "《朔州市“十四五”教育改革与发展规划》（朔政发〔2022〕34号）"
    assert (f'data-cite="{plan}第五章第一节 实现学前教育普及普惠安全优质发展 一、持续扩大普惠幼儿园规模，印刷版第33页起" '
            'data-target="chp_5__sec_1__item_1"') in html
    assert (f'data-cite="{plan}第五章第一节 实现学前教育普及普惠安全优质发展 一、持续扩大普惠幼儿园规模 第2段，印刷版第33页起" '
            'data-target="chp_5__sec_1__item_1__para_2"') in html
    assert (f'<a class="permalink" href="#chp_5__sec_1__item_1__para_2" title="引用：{plan}第五章第一节 '
            '实现学前教育普及普惠安全优质发展 一、持续扩大普惠幼儿园规模 第2段，印刷版第33页起">第2段</a>') in html  # the citation without JavaScript
    assert (f'data-cite="{plan}专栏2 项目3 课后服务质量保障体系建设行动" '
            'data-target="box_2__proj_3"') in html  # the contents give no page for 第五章 itself


def test_sections_show_their_printed_page(built_site):
    html = (built_site / SLUG / "chp_5.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="chp_5__sec_1">第一节 实现学前教育普及普惠安全优质发展 <span class="printed-page">印刷版第33页</span>', html)
    toc = (built_site / SLUG / "index.html").read_text(encoding="utf-8")
    assert '第一节 实现学前教育普及普惠安全优质发展</a> <span class="printed-page">印刷版第33页</span>' in toc


def test_dashboard_rows_bars_and_missing_targets(built_site):
    html = (built_site / SLUG / "indicators.html").read_text(encoding="utf-8")
    # the table prints 37 indicator rows: 21 in its first part (plan.txt lines 226-246), 16 in its
    # second (250-266, less the 本科教育 group row); four of them print -- as the target (263-266)
    assert len(re.findall(r'<tr id="ind_\d+">', html)) == 37
    assert html.count('<span class="no-target">未设目标</span>') == 4
    row = re.search(r'<tr id="ind_2">.*?</tr>', html, re.S).group()
    assert 'aria-label="2020年75%，2025年目标88%"' in row
    # bars are 150 px at the top of the row's scale (100 for a percentage): 75% is 112.5 px, 88% 132 px,
    # rounded half to even
    assert 'class="bar-base" x="0" y="2" width="112"' in row and 'class="bar-target" x="0" y="14" width="132"' in row
    assert "+13个百分点" in row and "tag-binding" in row
    # 0.6258 → 1.5 万人: not a percentage, so the scale is its larger figure, 1.5 (150 px); 0.6258 is 62.6 px
    seat = re.search(r'<tr id="ind_22">.*?</tr>', html, re.S).group()
    assert 'width="63"' in seat and 'width="150"' in seat and "+0.8742万人" in seat
    assert '<tr class="group" id="tbl_1__grp_1"><th colspan="5" scope="rowgroup">本科教育</th></tr>' in html


def test_stage_view_of_preschool(built_site):
    html = (built_site / SLUG / "stage-preschool.html").read_text(encoding="utf-8")
    assert "推进普惠性幼儿园扩容行动。" in html  # under 一、持续扩大普惠幼儿园规模
    assert "确保每个县（市、区）至少办好1所托幼机构" in html
    assert 'href="indicators.html#ind_2">普惠率</a>' in html
    assert "学前教育普及普惠安全发展计划。" in html  # 专栏2 项目1
    assert "四大高地" not in html
    for stage in load_genre("education", Report()).stages:
        assert (built_site / SLUG / f"stage-{stage.slug}.html").is_file()


def test_findings_page_links_each_finding_to_its_clause(built_site):
    html = (built_site / SLUG / "findings.html").read_text(encoding="utf-8")
    assert "构建本站时，在规划文本中发现 9 处数字前后不一致，以及 10 处值得编辑核对的文字问题" in html
    assert 'href="chp_4.html#chp_4__sec_2__item_2__para_5"' in html  # 活活动
    assert "简体文本中的繁体字" in html and "<p>“全面开展中小學生每周至少一天”</p>" in html


def test_no_sitemap_without_site_url(built_site):
    """The sitemap protocol needs absolute <loc> values: without site_url there is none
    (tests/test_sharing.py builds one with it)."""
    assert not (built_site / "sitemap.xml").exists()
    assert 'rel="canonical"' not in (built_site / "index.html").read_text(encoding="utf-8")


def test_pages_need_no_javascript_to_read(built_site):
    html = (built_site / SLUG / "chp_9.html").read_text(encoding="utf-8")
    assert "保障义务教育教师平均工资不低于当地当年公务员平均工资收入水平" in html
    assert '<script src="../static/site.js" defer></script>' in html
    assert '<script src="../static/reading.js" defer></script>' in html
    assert html.count("<script") == 2


# One clause of the seed per stage, judged by reading it (plan.txt line): the stage page must
# list it. The genre's stages are read from the genre file, so a new stage needs a judgment here.
STAGE_CLAUSES = {
    "preschool": "推进普惠性幼儿园扩容行动。",  # 第五章第一节 一、, 472–480
    "compulsory": "坚持以公办学校为主体的原则，夯实公办学校教育主阵地",  # 514: 拓宽义务教育…
    "high-school": "实施县（市、区）域普通高中质量提升计划",  # 564
    "vocational": "创新产教融合和校企合作，推进现代学徒制",  # 668
    "higher": "做好山西工学院发展规划，明确应用型本科人才培养目标",  # 684
    "special": "为基础的特殊教育发展",  # 618, 第六章's opening
    "teachers": "实施新时代师德师风建设工程。",  # 806, under 一、坚持把师德师风建设作为第一要务
    "digital": "实施教育新基建工程，建设教育专网",  # 939
    "lifelong": "的终身教育管理运行机制",  # 778
}


@pytest.mark.parametrize("stage", [s.slug for s in load_genre("education", Report()).stages])
def test_each_stage_page_lists_a_clause_judged_by_reading(built_site, stage):
    html = (built_site / SLUG / f"stage-{stage}.html").read_text(encoding="utf-8")
    assert STAGE_CLAUSES[stage] in html


def test_a_kindergarten_duty_is_not_on_the_compulsory_page(built_site):
    """498: 幼儿园 … “去小学化” — 小学 inside 去小学化 is no word of schooling (the genre's
    not_within); the clause is on the preschool page and not on the compulsory one."""
    clause = "对全市所有幼儿园的保教工作和“去小学化”进行学期动态监测"
    assert clause in (built_site / SLUG / "stage-preschool.html").read_text(encoding="utf-8")
    assert clause not in (built_site / SLUG / "stage-compulsory.html").read_text(encoding="utf-8")


def test_a_chapter_page_crumb_names_the_chapter_as_printed(built_site):
    """The crumbs end with the chapter's number and title (plan.txt 184: 第三章 总体思路), so
    a plan numbering its chapters 一、 shows 三、<title>, not a bare 三、."""
    html = (built_site / SLUG / "chp_3.html").read_text(encoding="utf-8")
    assert '<li aria-current="page">第三章 总体思路</li>' in html
