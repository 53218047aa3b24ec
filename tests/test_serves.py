"""`serves` links: indicators tied to the measures that work toward them (generator/link/serves.py).
Expected pairs are read from the seed plan (tests/serves_gold.yaml holds the whole gold set)."""
from __future__ import annotations

import textwrap

import yaml

from conftest import ROOT
from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from generator.config.genre import load_genre
from generator.link.compose import link
from generator.structure.records import Indicator, Source
from generator.link.serves import subject_of
from test_link import overridden

GROUPS = {"特殊教育": ("特殊教育", "特教", "残疾"), "高中阶段教育": ("高中",), "职业教育": ("职业教育", "职教")}


def _indicator(name: str, stage: str) -> Indicator:
    return Indicator("ind_1", None, Source("plan.txt", 1, 1), name=name, stage=stage)


def _subject(name: str, stage: str, segmenter) -> list[tuple[str, ...]]:
    genre = load_genre("education", Report())
    return [w.alternatives for w in subject_of(_indicator(name, stage), genre, GROUPS, segmenter).words]


def test_subject_drops_the_unit_word_and_keeps_the_words_in_any_order(segmenter):
    assert _subject("上门送教量", "特殊教育", segmenter) == [("上门",), ("送教",)]


def test_subject_drops_the_own_stage_word_and_weak_words(segmenter):
    assert _subject("普通高中多样化率", "高中阶段教育", segmenter) == [("多样化", "分层分类")]
    assert _subject("职业能力训练基地总量", "职业教育", segmenter) == [
        ("职业",), ("训练", "实训", "培训"), ("基地",)]


def test_a_subject_of_generic_words_is_cut_into_them(segmenter):
    genre = load_genre("education", Report())
    subject = subject_of(_indicator("学科专业总量", "高等职业教育"), genre, GROUPS, segmenter)
    assert [(w.alternatives, w.kind) for w in subject.words] == [(("学科",), "generic"), (("专业",), "generic")]


def _serves(plan) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for item in plan.links:
        if item.kind == "serves":
            found.setdefault(item.source, set()).add(item.target)
    return found


def test_word_order_differs_from_the_indicator_name(seed):
    plan, _ = seed
    # 上门送教量 ↔ “送教上门为补充”, “夯实送教上门资源基础”
    assert _serves(plan)["ind_34"] == {"chp_6__sec_1__item_1__para_1", "chp_6__sec_2__item_3__para_1"}


def test_synonym_of_a_subject_word(seed):
    plan, _ = seed
    # 职业能力训练基地总量 ↔ “建成一批具有鲜明地域特色的职业技能培训基地”
    assert "chp_7__sec_3__para_1" in _serves(plan)["ind_18"]


def test_a_point_heading_is_a_clause_that_serves(seed):
    plan, _ = seed
    # 普通高中多样化率 ↔ “四、构建分层分类多样化特色化品牌化发展格局” and its paragraph
    assert {"chp_5__sec_3__item_4", "chp_5__sec_3__item_4__para_1"} <= _serves(plan)["ind_14"]


def test_outcome_word_alone_serves_nothing(seed):
    plan, _ = seed
    # 升学率: the plan only says “坚决纠正片面追求升学率倾向”; 毕业率: no measure
    assert "ind_13" not in _serves(plan) and "ind_6" not in _serves(plan)


def test_review_and_aims_serve_nothing(seed):
    plan, _ = seed
    targets = {t for ts in _serves(plan).values() for t in ts}
    assert not {t for t in targets if t.startswith(("chp_1__", "chp_2__", "chp_3__"))}


def test_every_serves_link_says_why_and_is_in_the_gold_or_reported(seed):
    plan, _ = seed
    gold = yaml.safe_load((ROOT / "tests" / "serves_gold.yaml").read_text(encoding="utf-8"))
    links = [l for l in plan.links if l.kind == "serves"]
    assert links and all(l.why.startswith(plan.index()[l.source].name + "：") for l in links)
    assert set(gold) == {i.id for i in plan.by_kind("indicator")}


def test_editor_adds_a_serves_link(tmp_path, segmenter):
    plan, report = overridden(tmp_path, segmenter, textwrap.dedent("""\
        add:
          - {from: ind_1, to: chp_5__sec_1__item_1__para_1, why: 扩容增加学位, kind: serves}
        remove:
          - {from: ind_34, to: chp_6__sec_1__item_1__para_1}
        """))
    assert not report.errors
    added = [l for l in plan.links if (l.source, l.target) == ("ind_1", "chp_5__sec_1__item_1__para_1")]
    assert [(l.kind, l.origin, l.why) for l in added] == [("serves", "editor", "扩容增加学位")]
    assert ("ind_34", "chp_6__sec_1__item_1__para_1") not in {(l.source, l.target) for l in plan.links}


def test_dashboard_shows_related_measures_beside_the_figures(built_site):
    dashboard = (built_site / "shuozhou-education-14th" / "indicators.html").read_text(encoding="utf-8")
    row = dashboard[dashboard.index('<tr id="ind_34">'):dashboard.index('<tr id="ind_35">')]
    assert "相关措施 2" in row and 'href="chp_6.html#chp_6__sec_2__item_3__para_1"' in row
    assert "上门送教量：" in row


def test_chapter_page_shows_the_indicators_a_measure_serves(built_site):
    chapter = (built_site / "shuozhou-education-14th" / "chp_6.html").read_text(encoding="utf-8")
    para = chapter[chapter.index('id="chp_6__sec_2__item_3__para_1"'):]
    para = para[:para.index("</p>")]
    assert 'href="indicators.html#ind_34">推动指标：上门送教量' in para
    assert 'href="indicators.html#ind_35">推动指标：康教结合教育量' in para


FIXTURE = ROOT / "tests" / "fixtures" / "serves"


def _pairs(links) -> set[tuple[str, str]]:
    return {(l.source, l.target) for l in links if l.kind == "serves"}


def _gold_pairs(path) -> set[tuple[str, str]]:
    gold = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {(s, t) for s, targets in gold.items() for t in targets or []}


def test_seed_gold_precision_and_recall(seed):
    plan, _ = seed
    found, gold = _pairs(plan.links), _gold_pairs(ROOT / "tests" / "serves_gold.yaml")
    assert len(found & gold) / len(found) >= 0.90 and len(found & gold) / len(gold) >= 0.80


def test_fixture_plan_of_another_sector(segmenter):
    plan = read_and_parse(FIXTURE / "content", Report(), segmenter)[0]
    found, gold = _pairs(link(plan, Report(), overrides=None).links), _gold_pairs(FIXTURE / "serves_gold.yaml")
    assert found <= gold and len(found) / len(gold) >= 0.80
    # the fee paragraph names 床位, 家庭教育 names 家庭, the institutions' 签约合作 names 签约: none serves
    assert not {t for _, t in found} & {"chp_3__sec_1__item_2__para_1", "chp_4__sec_2__para_2",
                                          "chp_4__sec_1__para_2", "chp_1__para_1"}
    # word order: 养老护理员培训人次 ↔ “每年培训养老护理员600人次以上”; a point heading and a 专栏 project
    assert {("ind_4", "chp_3__sec_2__item_3__para_1"), ("ind_2", "chp_3__sec_2__item_1"),
            ("ind_3", "box_1__proj_3")} <= found


def test_more_than_shown_measures_go_under_more_on_dashboard_and_stage_page(tmp_path, segmenter):
    import shutil

    from generator.build import build
    from generator.link.serves import SHOWN

    folder = tmp_path / "content" / "plan"
    shutil.copytree(ROOT / "content" / "shuozhou-education-14th", folder)
    (folder / "links.yml").write_text(textwrap.dedent("""\
        add:
          - {from: ind_36, to: chp_6__para_1, why: 特殊教育, kind: serves}
          - {from: ind_36, to: chp_6__sec_1__item_2__para_1, why: 特殊教育, kind: serves}
        """), encoding="utf-8")
    out = tmp_path / "_site"
    assert build(tmp_path / "content", out, segmenter=segmenter).written
    for page in ("indicators.html", "stage-special.html"):
        html = (out / "plan" / page).read_text(encoding="utf-8")
        block = html[html.index("相关措施 7"):]
        block = block[:block.index("</td>")].split("<details id=\"st-")[0]
        assert SHOWN == 5 and "更多 2 条" in block and block.count("<li>") == 7
