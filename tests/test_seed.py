"""The seed plan (朔政发〔2022〕34号) parsed into records: counts, figures, structure, losslessness."""
from __future__ import annotations

import re
from collections import Counter

from conftest import SEED_TEXT

# The indicator table as a careful reader recovers it from the two broken printed parts:
# (stage, substage, name, unit, binding, 2020 baseline, 2025 target)
INDICATORS = [
    ("学前教育", None, "入园率", "%", "约束性", 93.56, 99),
    ("学前教育", None, "普惠率", "%", "约束性", 75, 88),
    ("学前教育", None, "优质率", "%", "预期性", 60, 85),
    ("九年义务教育", None, "入学率", "%", "约束性", 100, 100),
    ("九年义务教育", None, "巩固率", "%", "约束性", 98, 100),
    ("九年义务教育", None, "毕业率", "%", "约束性", 100, 100),
    ("九年义务教育", None, "随迁子女入学率", "%", "约束性", 100, 100),
    ("九年义务教育", None, "留守儿童巩固率", "%", "约束性", 99.2, 100),
    ("九年义务教育", None, "学校优质率", "%", "预期性", 60, 70),
    ("九年义务教育", None, "城乡一体化率", "%", "预期性", 98, 100),
    ("高中阶段教育", None, "入学率", "%", "约束性", 97.37, 98),
    ("高中阶段教育", None, "毕业率", "%", "约束性", 100, 100),
    ("高中阶段教育", None, "升学率", "%", "预期性", 65, 100),
    ("高中阶段教育", None, "普通高中多样化率", "%", "预期性", 98, 100),
    ("高中阶段教育", None, "优质率", "%", "预期性", 54.29, 85),
    ("职业教育", None, "课程职业化率", "%", "预期性", 35, 100),
    ("职业教育", None, "技能技术培育课程率", "%", "预期性", 80, 90),
    ("职业教育", None, "职业能力训练基地总量", None, "预期性", 32, 45),
    ("职业教育", None, "就业率", "%", "预期性", 90, 98),
    ("高等教育", None, "服务地方经济发展贡献率", "%", "预期性", 2, 3),
    ("高等教育", "高等职业教育", "学科专业总量", "个", "预期性", 40, 50),
    ("高等教育", "高等职业教育", "在校生规模", "万人", "预期性", 0.6258, 1.5),
    ("高等教育", "高等职业教育", "就业率", "%", "预期性", 90, 96),
    ("高等教育", "高等职业教育", "重点训练基地总量", "个", "预期性", 65, 80),
    ("高等教育", "高等职业教育", "“双师型”教师占比", "%", "预期性", 60.9, 65),
    ("高等教育", "本科教育", "专业课程规模", None, "预期性", 0, 1785),
    ("高等教育", "本科教育", "在校生规模", "万人", "预期性", 0, 1.2),
    ("高等教育", "本科教育", "专业教师规模", "人", "约束性", 0, 666),
    ("高等教育", "本科教育", "高层次应用型课程量", None, "预期性", 0, 350),
    ("高等教育", "本科教育", "基础性课程量", "个", "预期性", 0, 90),
    ("高等教育", "本科教育", "重点实验室建设量", "个", "预期性", 0, 5),
    ("高等教育", "本科教育", "优质课程率", "%", "预期性", 0, 20),
    ("特殊教育", None, "入学率", "%", "约束性", 93, 95),
    ("特殊教育", None, "上门送教量", "次数", "预期性", 78, None),
    ("特殊教育", None, "康教结合教育量", "人", "预期性", 27, None),
    ("特殊教育", None, "随班就读总量", "人", "预期性", 250, None),
    ("特殊教育", None, "特教学校在校生规模", "人", "预期性", 508, None),
]


def test_structure_counts(seed):
    plan, _ = seed
    counts = Counter(n.kind for n in plan.nodes)
    # the contents (lines 21-98) list 12 chapters and 6+3+3+8+4+3+4+3+3+2+3+3 = 45 sections
    assert counts["chapter"] == 12
    assert counts["section"] == 45
    # 专栏1 to 专栏5 (专栏4 printed again after a page break, line 904) with 5+5+3+6+5 projects
    assert counts["box"] == 5
    assert counts["project"] == 24
    # the indicator table: 21 rows (lines 226-246) and 16 (250-266, less the 本科教育 group row)
    assert counts["indicator"] == 37
    # 97 lines of the body start 一、二、…; 第十二章第三节 runs 一是, 二是, 三是 into its text
    items = Counter(n.style for n in plan.by_kind("item"))
    assert items == {"cn": 97, "inline": 3}


def test_chapter_titles_and_numbers(seed):
    plan, _ = seed
    chapters = [(c.number, c.title) for c in plan.by_kind("chapter")]
    assert chapters[0] == ("第一章", "“十三五”改革发展成效")
    assert chapters[4] == ("第五章", "全面推动基础教育高质量发展")
    assert chapters[11] == ("第十二章", "完善实施保障机制")
    assert [c.id for c in plan.by_kind("chapter")] == [f"chp_{n}" for n in range(1, 13)]


def test_sections_keep_printed_page_numbers(seed):
    """The pages the contents print for them (plan.txt lines 25, 57, 60, 69, 98)."""
    plan, _ = seed
    by_id = plan.index()
    assert by_id["chp_1__sec_1"].page == 5
    assert by_id["chp_5__sec_1"].page == 33
    assert by_id["chp_5__sec_4"].page == 42
    assert by_id["chp_7__sec_4"].page == 54
    assert by_id["chp_12__sec_3"].page == 79
    assert all(s.page for s in plan.by_kind("section"))


def test_front_matter_is_front_nodes(seed):
    plan, _ = seed
    roles = {n.role: n.text for n in plan.by_kind("front")}
    assert roles["issuer_header"] == "朔州市人民政府文件"
    assert roles["doc_number"] == "朔政发〔2022〕34号"
    assert roles["notice_title"] == "朔州市人民政府 关于印发《朔州市“十四五”教育改革与 发展规划》的通知"
    assert roles["addressees"] == "各县（市、区）人民政府,朔州经济开发区管委会，市直各有关单位："
    assert roles["notice_text"].startswith("《朔州市“十四五”教育改革与发展规划》已经市人民政府同意")
    assert roles["signature"] == "朔州市人民政府"
    assert roles["date"] == "2022年9月6日"
    assert roles["publication_note"] == "（此件公开发布）"
    assert roles["plan_title"] == "朔州市“十四五”教育改革与发展规划"
    assert roles["interpretation"] == "本文件由朔州市教育局负责解读。"
    assert roles["cc"].startswith("抄送：市委办公室")
    assert roles["publisher"] == "朔州市人民政府办公室"
    assert roles["print_date"] == "2022年9月6日印发"
    assert all(n.parent is None for n in plan.by_kind("front"))


def test_preamble_is_body_text_before_chapter_one(seed):
    plan, _ = seed
    preamble = plan.index()["preamble__para_1"]
    assert preamble.parent is None
    assert preamble.text.startswith("为推动全市教育服务供给质量更优")


def test_page_breaks_are_rejoined(seed):
    plan, _ = seed
    lines = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    assert plan.page_breaks
    for line in plan.page_breaks:  # rejoined where the paragraph before ends no sentence
        before = next(text for text in reversed(lines[:line - 1]) if text.strip())
        assert not re.search(r"[。！？；：][”’）]*$", before.strip()), line
    texts = [n.text for n in plan.by_kind("measure")]
    assert any("全力扩大学前教育普惠面，全市共有幼儿园294所" in t for t in texts)
    assert any("到2025年，学前教育普惠率达到95%以上" in t for t in texts)
    assert any("形成家校社协同共建的高质量育人环境。" in t for t in texts)
    joined = next(n for n in plan.by_kind("measure") if "共有幼儿园294所" in n.text)
    assert (joined.source.line, joined.source.end_line) == (108, 110)
    assert joined.source.line_at(joined.text.index("共有幼儿园")) == 110


def test_no_paragraph_ends_mid_sentence(seed):
    plan, _ = seed
    unfinished = [n.id for n in plan.by_kind("measure") if not re.search(r"[。！？；：][”’）]*$", n.text)]
    assert unfinished == []


def test_leads_are_headline_sentences(seed):
    plan, _ = seed
    leads = {n.lead for n in plan.by_kind("measure") if n.lead}
    assert "实施学校体育固本行动。" in leads
    assert "推进普惠性幼儿园扩容行动。" in leads
    by_text = {n.text[:10]: n for n in plan.by_kind("measure")}
    assert by_text["以“增量保质”为抓手"].lead is None  # a long first sentence is no headline


def test_inline_items_of_chapter_12(seed):
    plan, _ = seed
    inline = [n for n in plan.by_kind("item") if n.style == "inline"]
    assert [(n.id, n.number) for n in inline] == [
        ("chp_12__sec_3__item_1", "一是"), ("chp_12__sec_3__item_2", "二是"), ("chp_12__sec_3__item_3", "三是")]
    assert inline[0].title == "推进区域义务教育质量评价，促进义务教育优质均衡发展。"
    child = plan.index()["chp_12__sec_3__item_1__para_1"]
    assert child.text.startswith("明确工作抓手")


def test_items_nest_under_sections(seed):
    plan, _ = seed
    item = plan.index()["chp_5__sec_1__item_1"]
    assert (item.number, item.title, item.parent) == ("一、", "持续扩大普惠幼儿园规模", "chp_5__sec_1")
    para = plan.index()["chp_5__sec_1__item_1__para_2"]
    assert para.lead == "实施农村幼儿园补缺工程。"


def test_boxes_and_projects(seed):
    plan, _ = seed
    projects = Counter(n.parent for n in plan.by_kind("project"))
    assert projects == {"box_1": 5, "box_2": 5, "box_3": 3, "box_4": 6, "box_5": 5}
    by_id = plan.index()
    assert by_id["box_4"].title == "教师队伍提质建设工程"
    continuation = by_id["box_4__cont_1"]
    assert (continuation.kind, continuation.parent, continuation.source.line) == ("box_continuation", "box_4", 904)
    assert by_id["box_4__proj_6"].number == "6."
    assert by_id["box_3__proj_1"].title == "山西工学院“夯基计划”。"
    assert by_id["box_3__proj_1"].label == "山西工学院“夯基计划”"
    assert by_id["box_4__proj_4"].label == "实施新时代校长培养培训工程"
    # 专栏5 prints one paragraph: each of its five sentences is one project, unnumbered
    box5 = [n for n in plan.by_kind("project") if n.parent == "box_5"]
    assert [n.number for n in box5] == [None] * 5
    assert [n.text for n in box5][1] == "建设朔州市学生学业发展数据库。"


def test_indicator_table_recovered_exactly(seed):
    plan, _ = seed
    rows = [(n.stage, n.substage, n.name, n.unit, n.binding, n.baseline, n.target)
            for n in plan.by_kind("indicator")]
    assert rows == INDICATORS
    assert {(n.baseline_year, n.target_year) for n in plan.by_kind("indicator")} == {(2020, 2025)}
    assert [n.id for n in plan.by_kind("indicator")] == [f"ind_{k}" for k in range(1, 38)]
    table = plan.index()["tbl_1"]
    assert table.title == "朔州市“十四五”教育发展指标"


def test_targets_in_prose(seed):
    plan, _ = seed
    targets = {(t.parent, t.value, t.unit, t.op, t.year) for t in plan.by_kind("target")}
    assert ("chp_3__sec_3__para_2", 95, "%", "≥", 2025) in targets
    assert ("chp_5__sec_1__item_1__para_2", 70, "%", "≥", 2025) in targets
    assert ("chp_5__sec_1__item_1__para_2", 90, "%", "≥", 2025) in targets
    assert ("chp_5__sec_2__item_1__para_1", 24.5, "万个", "=", 2025) in targets
    assert ("chp_4__sec_8__item_1__para_1", 1, "课时", "≥", None) in targets
    hui = next(t for t in plan.by_kind("target") if t.parent == "chp_3__sec_3__para_2")
    parent = plan.index()[hui.parent]
    assert parent.text[hui.start:hui.end] == hui.quote == "学前教育普惠率达到95%以上"
    assert hui.subject == "学前教育普惠率"
    # review of 2016-2020 states past figures, not targets; thresholds are not targets either
    assert not [t for t in plan.by_kind("target") if t.parent.startswith(("chp_1_", "chp_2_"))]
    assert not [t for t in plan.by_kind("target") if t.value == 2000]


def test_lossless(seed):
    """Every character but the TOC (lines 21-98), table borders and whitespace is in one node, in order."""
    plan, _ = seed
    lines = SEED_TEXT.read_text(encoding="utf-8").split("\n")
    kept = []
    for number, line in enumerate(lines, 1):
        if 21 <= number <= 98 or re.fullmatch(r"\|[\s\-:|]+\|", line.strip()):
            continue
        if line.strip().startswith("|"):
            line = line.replace("|", "")
        kept.append(line)
    expected = re.sub(r"\s+", "", "".join(kept))
    got = re.sub(r"\s+", "", "".join(n.own_chars() for n in plan.nodes))
    assert got == expected


def test_seed_warnings_for_the_editor(seed):
    _, report = seed
    found = sorted((d.line, d.code) for d in report.items if d.path.endswith("plan.txt"))
    assert found == [
        (116, "latin-word"), (126, "traditional-character"), (150, "traditional-character"),
        (330, "doubled-character"), (380, "traditional-character"), (784, "latin-word"),
        (927, "latin-word"), (929, "latin-word"), (1027, "traditional-character"),
        (1085, "doubled-character"),
    ]
    assert [d.message for d in report.items if d.path.endswith("links.yml")] == [
        "overrides applied: 1 link(s) added, 1 removed, 0 finding(s) marked reviewed"]
    assert not report.errors
