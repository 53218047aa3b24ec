"""Real plans nobody here wrote, read straight from ../shared/realplans/, and the seed
rewritten in the State Council's form: the parser must read their levels from the plan."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import SEED_TEXT, parse_text
from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from realplans import REALPLANS, copied, real_plan_folders
from test_tables import tab_separated

NUMBERING_CODES = ("numbering-gap", "numbering-repeat", "numbering-unplaced", "numbering-duplicate")
needs_realplans = pytest.mark.skipif(REALPLANS is None, reason="../shared/realplans/ is not beside this checkout")


def _read(folder, tmp_path, segmenter):
    content = tmp_path / "content"
    copied(folder, content)
    report = Report()
    plans = read_and_parse(content, report, segmenter)
    return plans[0], report


@needs_realplans
@pytest.mark.parametrize("folder", real_plan_folders(), ids=lambda p: p.name)
def test_every_real_plan_builds_without_numbering_warnings_and_loses_nothing(folder, tmp_path, segmenter):
    plan, report = _read(folder, tmp_path, segmenter)
    assert report.errors == []
    assert [str(d) for d in report.warnings if d.code in NUMBERING_CODES] == []
    assert plan.by_kind("chapter"), "the top divisions are chapters, whatever their printed number"
    text = _without_contents((folder / plan.meta.source).read_text(encoding="utf-8"), plan)
    assert re.sub(r"\s+", "", "".join(n.own_chars() for n in plan.nodes)) == re.sub(r"\s+", "", _without_table_borders(text))


def _without_contents(text: str, plan) -> str:
    """The text less its printed table of contents (目录 and the lines it lists), which lands
    in no node (CONTRACTS.md, open data export)."""
    listed = {entry.line for entry in plan.toc}
    return "\n".join(line for number, line in enumerate(text.split("\n"), 1)
                     if number not in listed and not re.fullmatch(r"\s*目\s*录\s*", line))


def _without_table_borders(text: str) -> str:
    """The text less the borders of its pipe tables (``| a | b |`` rows, ``|---|`` rules):
    borders land in no node (CONTRACTS.md, open data export)."""
    lines = text.split("\n")
    return "\n".join(re.sub(r"[|:\-]", "", line) if re.fullmatch(r"\|[|:\- ]*\|", line.strip())
                     else line.strip().strip("|").replace("|", "") if line.lstrip().startswith("|") else line
                     for line in lines)


@needs_realplans
def test_zhijiao_state_council_form(tmp_path, segmenter):
    """国发〔2019〕4号: 一、…七、 divisions, （一）…（二十） straight through, targets in the preamble."""
    plan, report = _read(REALPLANS / "zhijiao", tmp_path, segmenter)
    chapters = plan.by_kind("chapter")
    assert [c.number for c in chapters] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、"]
    assert chapters[0].title == "完善国家职业教育制度体系"
    assert chapters[6].title == "做好改革组织实施工作"
    sections = plan.by_kind("section")
    assert len(sections) == 20  # （一） to （二十）
    # per division, the printed section numbers, as read in the text
    assert [(s.parent, s.ordinal) for s in sections] == [
        ("chp_1", 1), ("chp_1", 2), ("chp_1", 3), ("chp_1", 4), ("chp_2", 5), ("chp_2", 6), ("chp_2", 7),
        ("chp_2", 8), ("chp_3", 9), ("chp_3", 10), ("chp_3", 11), ("chp_3", 12), ("chp_4", 13),
        ("chp_4", 14), ("chp_5", 15), ("chp_5", 16), ("chp_6", 17), ("chp_6", 18), ("chp_7", 19),
        ("chp_7", 20)]
    assert sections[10].id == "chp_3__sec_11" and sections[10].title == "打造一批高水平实训基地。"
    assert report.warnings == []
    front = {n.role: n.text for n in plan.by_kind("front")}
    assert front["doc_number"] == "国发〔2019〕4号"
    assert front["plan_title"] == "国家职业教育改革实施方案"
    preamble = [n for n in plan.by_kind("measure") if n.parent is None]
    assert [m.text[:7] for m in preamble] == ["职业教育与普通", "总体要求与目标", "具体指标：到2"]
    targets = [t for t in plan.by_kind("target") if t.parent == preamble[2].id]
    assert [(t.value, t.unit, t.year) for t in targets[:3]] == [(50, "所", 2022), (150, "个", 2022), (300, "个", 2022)]


# -- the seed in the State Council's form -----------------------------------------------------

CN = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return (CN[tens] if tens > 1 else "") + "十" + (CN[ones] if ones else "")


def state_council_edition(text: str) -> str:
    """The seed as a State Council text would print it: no table of contents, chapters 一、,
    sections （一）…（四十五） straight through, points 1．, 专栏 entries （1）, tables copied
    from a web page (tab-separated cells)."""
    lines = text.split("\n")
    toc_start = next(i for i, line in enumerate(lines) if re.fullmatch(r"目\s*录", line.strip()))
    body_start = next(i for i in range(toc_start + 1, len(lines))
                      if lines[i].strip() and not re.match(r"^(?:- |\| )?第[一二三四五六七八九十]+[章节]|^\|", lines[i]))
    out = lines[:toc_start]
    section = 0
    for line in lines[body_start:]:
        chapter = re.match(r"^第([一二三四五六七八九十]+)章\s*(.*)$", line)
        sect = re.match(r"^(?:- )?第[一二三四五六七八九十]+节\s*(.*)$", line)
        point = re.match(r"^([一二三四五六七八九十]+)、(.*)$", line)
        entry = re.match(r"^(\d+)\.\s*(.*)$", line)
        if chapter:
            line = f"{chapter.group(1)}、{chapter.group(2)}"
        elif sect:
            section += 1
            line = f"（{_cn(section)}）{sect.group(1)}"
        elif point:
            line = f"{_cn_value(point.group(1))}．{point.group(2)}"
        elif entry:
            line = f"（{entry.group(1)}）{entry.group(2)}"
        out.append(line)
    return tab_separated("\n".join(out))


def _cn_value(numeral: str) -> int:
    from generator.parse.grammar import cn_to_int
    return cn_to_int(numeral)


def _shape(plan) -> list[tuple]:
    """The tree without its numbers: kind, title, text and the kind of the parent."""
    by_id = plan.index()
    return [(n.kind, n.title, n.text, by_id[n.parent].kind if n.parent else None)
            for n in plan.nodes if n.kind not in ("front", "target")]


def test_seed_in_state_council_form_gives_the_seeds_structure(tmp_path, seed, segmenter):
    original, _ = seed
    text = SEED_TEXT.read_text(encoding="utf-8")
    plan, report = parse_text(tmp_path, state_council_edition(text), segmenter)
    assert report.errors == []
    assert [str(d) for d in report.warnings if d.code in NUMBERING_CODES] == []
    kinds = ("chapter", "section", "item", "box", "project", "indicator")
    assert {k: len(plan.by_kind(k)) for k in kinds} == {k: len(original.by_kind(k)) for k in kinds}
    assert _shape(plan) == _shape(original)
    assert "|" not in state_council_edition(text)
    assert [(i.stage, i.substage, i.name, i.unit, i.binding, i.baseline, i.target)
            for i in plan.by_kind("indicator")] == \
           [(i.stage, i.substage, i.name, i.unit, i.binding, i.baseline, i.target) for i in original.by_kind("indicator")]
    # chapters 1-4 have 6 + 3 + 3 + 8 sections, so chapter 5 opens with （二十一）
    assert plan.index()["chp_5__sec_21"].title == "实现学前教育普及普惠安全优质发展"
