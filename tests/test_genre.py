"""Genre knowledge as data: genre files, plan.yml's genre:, a plan's glossary.yml."""
from __future__ import annotations

import textwrap

import pytest

from conftest import META, ROOT, make_content
from generator.build import read_and_parse
from generator.structure.diagnostics import InputRejected, Report
from generator.config.genre import available, load_genre
from generator.paginate.stages import assign_stages

TEXT = textwrap.dedent("""\
    第一章 主要任务
    第一节 发展高等教育
    支持山海学院建设一流学科。
    第二节 学前教育
    新建幼儿园。
    表1 主要指标
    | 类别 | 指标 | 属性 | 2020年 | 2025年 |
    |---|---|---|---|---|
    | 学前教育 | 普惠率（%） | 预期性 | 80 | 90 |
    """)


def _read(tmp_path, segmenter, meta=META, glossary=None, text=TEXT):
    content = make_content(tmp_path, text, meta)
    if glossary is not None:
        (content / "plan" / "glossary.yml").write_text(glossary, encoding="utf-8")
    report = Report()
    try:
        plans = read_and_parse(content, report, segmenter)
    except InputRejected:
        return None, report
    return plans[0], report


def test_general_genre_has_no_stage_pages_and_education_has_nine():
    report = Report()
    assert load_genre("general", report).stages == ()
    education = load_genre("education", report)
    assert [s.name for s in education.stages] == [
        "学前教育", "义务教育", "普通高中", "职业教育", "高等教育", "特殊教育", "教师队伍", "教育信息化", "终身学习"]
    # lists add up along extends: the general genre's units and the education genre's falling words
    assert "‰" in education.units and "岁" in education.units
    assert "近视" in education.falling and "死亡率" in education.falling
    assert report.items == []


def test_a_plan_of_genre_general_has_no_stages(tmp_path, segmenter):
    meta = META.replace("genre: education", "genre: general")
    plan, report = _read(tmp_path, segmenter, meta)
    assert plan.genre.name == "general"
    assert assign_stages(plan, segmenter)["chp_1__sec_1__para_1"] == ()


def test_unknown_genre_is_an_error_on_its_line(tmp_path, segmenter):
    meta = META.replace("genre: education", "genre: educaton")
    plan, report = _read(tmp_path, segmenter, meta)
    assert plan is None
    [error] = report.errors
    assert error.line == 7 and error.path.endswith("plan.yml")
    genres = ", ".join(sorted(path.stem for path in (ROOT / "generator" / "genres").glob("*.yml")))
    assert f"one of the genres in generator/genres/: {genres} (got 'educaton')" in error.message


def test_glossary_adds_a_local_name_to_a_stage(tmp_path, segmenter):
    plan, _ = _read(tmp_path, segmenter)
    assert "higher" in assign_stages(plan, segmenter)["chp_1__sec_1__para_1"]  # 高等教育 in its heading
    glossary = "stage_terms:\n  higher: [山海学院]\n"
    text = TEXT.replace("第一节 发展高等教育", "第一节 办好本地院校")
    plan, report = _read(tmp_path / "b", segmenter, glossary=glossary, text=text)
    assert report.errors == []
    assert assign_stages(plan, segmenter)["chp_1__sec_1__para_1"] == ("higher",)


def test_glossary_entries_that_name_nothing_are_errors_on_their_lines(tmp_path, segmenter):
    glossary = textwrap.dedent("""\
        indicator_synonyms:
          - [普惠率, 普惠园覆盖率]
          - [巩固率, 义务教育巩固率]
        stage_terms:
          higher: [山海学院, 星河大学]
        group_terms:
          本科教育: [本科]
        """)
    plan, report = _read(tmp_path, segmenter, glossary=glossary)
    found = [(d.line, d.code) for d in report.errors]
    # 普惠园覆盖率 is never said; no indicator is 巩固率; 星河大学 is never said; no group 本科教育
    assert found == [(2, "glossary-stale"), (3, "glossary-stale"), (5, "glossary-stale"), (7, "glossary-stale")]
    assert all(d.path.endswith("glossary.yml") for d in report.errors)
    assert "普惠园覆盖率" in report.errors[0].message and "普惠率" not in report.errors[0].message.split("says")[1]
    assert "星河大学" in report.errors[2].message and "山海学院" not in report.errors[2].message


def test_glossary_with_an_unknown_stage_or_key_is_rejected(tmp_path, segmenter):
    plan, report = _read(tmp_path, segmenter, glossary="stage_terms:\n  college: [山海学院]\nsynonyms: []\n")
    assert plan is None
    assert sorted((d.line, d.code) for d in report.errors) == [(3, "yaml-unknown-key")]
    plan, report = _read(tmp_path / "b", segmenter, glossary="stage_terms:\n  college: [山海学院]\n")
    assert [(d.line, d.code) for d in report.errors] == [(2, "glossary-unknown-stage")]


def test_glossary_values_of_the_wrong_shape_are_errors_on_their_lines(tmp_path, segmenter):
    glossary = "stage_terms:\n  higher: 山海学院\nindicator_synonyms:\n  - 普惠率\n"
    plan, report = _read(tmp_path, segmenter, glossary=glossary)
    assert plan is None
    assert sorted(d.line for d in report.errors) == [2, 4]
    assert all(d.path.endswith("glossary.yml") for d in report.errors)


def test_a_sector_genre_knows_its_falling_indicators(tmp_path, segmenter):
    """个人卫生支出占卫生总费用的比重 should fall: no 'target below baseline' finding in the health genre."""
    text = textwrap.dedent("""\
        第一章 主要指标
        表1 主要指标
        | 领域 | 指标 | 属性 | 2020年 | 2025年 |
        |---|---|---|---|---|
        | 健康保障 | 个人卫生支出占卫生总费用的比重（%） | 预期性 | 28.5 | 27 |
        第二章 主要任务
        降低群众就医负担。
        """)
    findings = {}
    for genre in ("general", "health"):
        meta = META.replace("genre: education", f"genre: {genre}")
        plan, report = _read(tmp_path / genre, segmenter, meta=meta, text=text)
        assert report.errors == []
        findings[genre] = [f.kind for f in plan.findings]
    assert findings == {"general": ["table-target-below-baseline"], "health": []}


def test_search_box_examples_come_from_the_plans_genre(tmp_path):
    from generator.build import build
    from generator.search.segment import Segmenter

    content = make_content(tmp_path, TEXT, META.replace("genre: education", "genre: health"))
    out = tmp_path / "site"
    assert build(content, out, segmenter=Segmenter()).written
    chapter = (out / "plan" / "chp_1.html").read_text(encoding="utf-8")
    assert 'placeholder="搜索条款，如：家庭医生"' in chapter
    search = (out / "plan" / "search.html").read_text(encoding="utf-8")
    assert 'placeholder="如：家庭医生、分级诊疗、公共卫生"' in search
    assert "课后服务" not in chapter + search


def test_a_plan_yml_without_genre_takes_the_genre_its_title_names(tmp_path, segmenter):
    """The title 朔州市“十四五”教育改革与发展规划 holds 教育, one of the education genre's
    title_words: the plan is read as education, said in a note (not a warning: --strict
    builds are not stopped by it)."""
    plan, report = _read(tmp_path, segmenter, META.replace("genre: education\n", ""))
    assert plan.genre.name == "education" and plan.meta.genre == "education"
    [note] = [d for d in report.items if d.code == "genre-from-title"]
    assert (note.severity, note.path.rsplit("/", 1)[-1], note.line) == ("note", "plan.yml", 1)
    assert "`genre: education`" in note.message and "教育" in note.message and "`genre: general`" in note.message


def test_a_title_naming_no_genre_leaves_the_plan_general(tmp_path, segmenter):
    meta = META.replace("genre: education\n", "").replace("朔州市“十四五”教育改革与发展规划", "朔州市“十四五”城市更新规划")
    plan, report = _read(tmp_path, segmenter, meta)
    assert plan.genre.name == "general"
    assert not [d for d in report.items if d.code == "genre-from-title"]


def test_a_plan_yml_naming_general_is_not_told_anything(tmp_path, segmenter):
    plan, report = _read(tmp_path, segmenter, META.replace("genre: education", "genre: general"))
    assert plan.genre.name == "general"
    assert not [d for d in report.items if d.code == "genre-from-title"]


@pytest.mark.parametrize("name", available())
def test_every_genre_file_in_the_folder_reads_without_error(name):
    """A newcomer's genre file (docs/architecture.md: a new sector is a file in generator/genres/)
    is checked against the schema even before a plan chooses it, and has the title the home
    page's 领域 filter shows."""
    report = Report()
    genre = load_genre(name, report)
    assert [str(d) for d in report.items] == [] and genre is not None
    assert genre.name == name and genre.title
