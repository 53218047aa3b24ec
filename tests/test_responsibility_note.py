"""Rules of grammar.py that several phases read: the responsibility note (grammar.duty_notes
and the 牵头单位：labels), read by the departments' reader and by the lexer (a paragraph that
ends with a note is whole: grammar.ends_paragraph), and the numbered entries of a cell
(grammar.numbered_run)."""
from __future__ import annotations

import pytest

from generator.parse import grammar as g

NOTES = [  # (paragraph, [(lead, support)] of its bracketed notes)
    ("加快钢铁行业节能改造（生态环境部牵头，国家发展改革委、工业和信息化部等参与）",
     [(["生态环境部"], ["国家发展改革委", "工业和信息化部"])]),
    ("推进工业互联网平台建设（工业和信息化部指导）", [(["工业和信息化部"], [])]),
    ("健全标准体系。（国家发展改革委、市场监管总局等按职责分工负责）", [(["国家发展改革委", "市场监管总局"], [])]),
    ("促进跨境电商发展。（商务部、海关总署等有关部门负责）", [(["商务部", "海关总署"], [])]),
    ("（教育部牵头，国家发展改革委、财政部配合，各地区负责落实）",
     [(["教育部"], ["国家发展改革委", "财政部", "各地区"])]),
]
LABELLED = [
    "牵头单位：市卫生健康委；配合单位：市财政局、市人力资源社会保障局",
    "开展试点示范（责任单位：市发展改革委，2025年底前完成）",
]


@pytest.mark.parametrize("text,expected", NOTES, ids=[c[0][-14:] for c in NOTES])
def test_note_read_and_paragraph_whole(text, expected):
    assert [(lead, support) for _, _, lead, support in g.duty_notes(text)] == expected
    assert g.ends_paragraph(text)


@pytest.mark.parametrize("text", LABELLED)
def test_labelled_note_ends_a_paragraph(text):
    assert g.ends_paragraph(text)


@pytest.mark.parametrize("text", [
    "到2025年，全市（含县区）达到80%",  # a parenthesis without a role
    "按照（国家标准）执行",
    "加快推进城乡一体化建设，由市政府负责",  # a role outside a parenthesis
    "（2021—2025年）",
])
def test_not_a_note(text):
    assert g.duty_notes(text) == []
    assert not g.ends_paragraph(text)


def test_long_line_without_a_note_is_read_in_linear_time():
    """A hostile line of many clauses that never closes is no note (and no backtracking)."""
    text = "（某部牵头" + "，某部牵头" * 5000 + "，" + "某" * 60
    assert not g.ends_paragraph(text)


def test_a_long_run_of_numbered_entries_stops_at_the_last_number_the_styles_read():
    """(1)…。(2)…。…(2999)…。 in one 专栏 cell: the run is read up to (99), quickly and
    without an error (numbers past 99 are no division number)."""
    text = "（1）甲。" + "".join(f"（{i}）甲。" for i in range(2, 3000))
    run = g.numbered_run(text)
    assert len(run) == 99 and run[-1][:2] == ("（99）", 99)
