"""The edition pair of issue 22's "Numbers to reach", made from the seed: a later edition
(2024-05-29) of 朔州市“十四五”教育改革与发展规划 with three targets changed in the table
and the text, one paragraph removed and one section inserted in chapter 5 (the sections
after it renumbered, in the body and in the contents table). Each edit is a string of the
seed's plan.txt, found exactly once, and what it should change is written beside it.
"""
from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_DIR = ROOT / "content" / "shuozhou-education-14th"
FIRST, LATER = "2022-09-06", "2024-05-29"

INSERTED_TITLE = "加强托育服务与幼小衔接"
INSERTED_TEXT = ("健全托育服务与学前教育衔接机制，支持有条件的幼儿园开设托班，推动幼儿园和小学科学衔接，"
                 "建立幼小衔接联合教研制度。")
REMOVED_PARAGRAPH_START = "完善学前教育教研指导体系。"

EDITS = [
    # 1. 普惠率 (ind_2): the table's target 88 → 90 ...
    ("| | 普惠率 (%) | 约束性 | 75 | 88 |", "| | 普惠率 (%) | 约束性 | 75 | 90 |"),
    # ... and 第三章第三节's statement of it, 95 → 90 (chp_3__sec_3__para_2, its target tgt_1)
    ("率达到95%以上，保教质量", "率达到90%以上，保教质量"),
    # 2. “双师型”教师占比: the table's target 65 → 70
    ("| | “双师型”教师占比（%） | 预期性 | 60.9 | 65 | |", "| | “双师型”教师占比（%） | 预期性 | 60.9 | 70 | |"),
    # 3. a target of the text: 11 → 12 “技能朔州”品牌职教园区 (chp_3__sec_3__para_5, its tgt_1)
    ("11个“技能朔州”品牌职教园区", "12个“技能朔州”品牌职教园区"),
    # the contents table: the inserted section, the later ones renumbered
    ("| 第四节 | 支持和规范全社会参与服务学校主阵地建设", "| 第五节 | 支持和规范全社会参与服务学校主阵地建设"),
    ("| 第三节 | 推动普通高中多样化特色化品牌化发展 |", "| 第四节 | 推动普通高中多样化特色化品牌化发展 |"),
    ("| 第二节 | 全面提高义务教育质量 | 36 |",
     f"| 第二节 | {INSERTED_TITLE} | 36 |\n| 第三节 | 全面提高义务教育质量 | 36 |"),
    # the body: 第五章's 第二节 inserted (chp_5__sec_1's successor), 第二节-第四节 now 第三节-第五节
    ("\n第四节 支持和规范全社会参与服务学校主阵地建设\n", "\n第五节 支持和规范全社会参与服务学校主阵地建设\n"),
    ("\n第三节 推动普通高中多样化特色化品牌化发展\n", "\n第四节 推动普通高中多样化特色化品牌化发展\n"),
    ("\n第二节 全面提高义务教育质量\n",
     f"\n第二节 {INSERTED_TITLE}\n\n{INSERTED_TEXT}\n\n第三节 全面提高义务教育质量\n"),
]


def later_text(text: str) -> str:
    """The seed's plan.txt as the later edition prints it: ``EDITS``, and the paragraph that
    starts with ``REMOVED_PARAGRAPH_START`` (the second of chp_5__sec_1__item_2) removed."""
    for old, new in EDITS:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    start = text.index("\n" + REMOVED_PARAGRAPH_START) + 1
    end = text.index("\n", start) + 1
    assert text[end] == "\n"  # the paragraph is one line, followed by an empty one
    return text[:start] + text[end + 1:]


def edition_meta(editions: list[tuple[str, str, str]]) -> str:
    """plan.yml of the seed listing ``editions`` ((date, source, note), oldest first)."""
    listed = "".join(f"  - {{date: {day}, source: {source}, note: {note}}}\n" for day, source, note in editions)
    return ("title: 朔州市“十四五”教育改革与发展规划\nissuer: 朔州市人民政府\ndoc_number: 朔政发〔2022〕34号\n"
            "publisher: 朔州市人民政府办公室\ngenre: education\neditions:\n" + listed)


def make_pair(content: Path, slug: str = "shuozhou-education-14th") -> Path:
    """A content folder holding the seed with its two editions (plan-2022.txt, plan-2024.txt),
    its links.yml, reviewed.yml and glossary.yml; returns the plan folder."""
    folder = content / slug
    folder.mkdir(parents=True)
    for name in ("links.yml", "reviewed.yml", "glossary.yml"):
        shutil.copy(SEED_DIR / name, folder / name)
    text = (SEED_DIR / "plan.txt").read_text(encoding="utf-8")
    (folder / "plan-2022.txt").write_text(text, encoding="utf-8")
    (folder / "plan-2024.txt").write_text(later_text(text), encoding="utf-8")
    (folder / "plan.yml").write_text(edition_meta([(FIRST, "plan-2022.txt", "印发"),
                                                   (LATER, "plan-2024.txt", "中期评估调整")]), encoding="utf-8")
    return folder
