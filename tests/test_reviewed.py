"""The editor's reviewed warnings (``reviewed.yml``, generator/check/reviewed.py): a warning
listed by code and text is shown as 已复核 and not counted by ``--strict``; a new warning
still fails ``--strict``; an entry matching nothing is an error at its line."""
from __future__ import annotations

import shutil

from conftest import META, SEED_DIR, make_content, parse_text, run_build

# Invented text: line 3 holds a doubled character (“活活”), line 5 a Latin word (“and”).
TEXT = "\n".join([
    "第一章 总体要求",
    "第一节 指导思想",
    "组织学生开展体育活活动。",
    "第二节 主要目标",
    "到2025年，学校 and 教师全面发展。",
])
REVIEW_BOTH = """warnings:
  - code: doubled-character
    text: 开展体育活活动
    comment: 原文如此
  - code: latin-word
    text: 学校 and 教师
"""


def codes(report, severity):
    return sorted((d.line, d.code) for d in report.items if d.severity == severity)


def test_listed_warnings_are_reviewed_not_warnings(tmp_path, segmenter):
    make_content(tmp_path, TEXT)
    (tmp_path / "content" / "plan" / "reviewed.yml").write_text(REVIEW_BOTH, encoding="utf-8")
    _, report = parse_text(tmp_path, TEXT, segmenter)
    assert codes(report, "warning") == []
    assert codes(report, "reviewed") == [(3, "doubled-character"), (5, "latin-word")]
    doubled = next(d for d in report.reviewed if d.code == "doubled-character")
    assert doubled.comment == "原文如此"


def test_an_entry_reviews_only_its_own_code_and_text(tmp_path, segmenter):
    make_content(tmp_path, TEXT)
    (tmp_path / "content" / "plan" / "reviewed.yml").write_text(
        "warnings:\n  - code: latin-word\n    text: 学校 and 教师\n", encoding="utf-8")
    _, report = parse_text(tmp_path, TEXT, segmenter)
    assert codes(report, "warning") == [(3, "doubled-character")]
    assert codes(report, "reviewed") == [(5, "latin-word")]


def test_an_entry_may_quote_the_message_in_either_language(tmp_path, segmenter):
    """The message's words, as the build printed them in Chinese or in English, match
    whatever language this build speaks (the text holds neither)."""
    for piece in ("像是同一个字打了两遍", "looks like a character typed twice"):
        make_content(tmp_path, TEXT)
        (tmp_path / "content" / "plan" / "reviewed.yml").write_text(
            f"warnings:\n  - code: doubled-character\n    text: {piece}\n", encoding="utf-8")
        _, report = parse_text(tmp_path, TEXT, segmenter)
        assert codes(report, "reviewed") == [(3, "doubled-character")], piece


def test_a_stale_entry_is_an_error_at_its_line(tmp_path, segmenter):
    make_content(tmp_path, TEXT)
    (tmp_path / "content" / "plan" / "reviewed.yml").write_text(
        REVIEW_BOTH + "  - code: latin-word\n    text: 早已删去的句子\n", encoding="utf-8")
    _, report = parse_text(tmp_path, TEXT, segmenter)
    assert [(d.path.endswith("reviewed.yml"), d.line, d.code) for d in report.errors] == [(True, 7, "reviewed-stale")]


def test_a_malformed_file_is_an_error_with_its_line(tmp_path, segmenter):
    make_content(tmp_path, TEXT)
    (tmp_path / "content" / "plan" / "reviewed.yml").write_text(
        "warnings:\n  - code: latin-word\n    txt: 学校\n", encoding="utf-8")
    _, report = parse_text(tmp_path, TEXT, segmenter)
    assert [(d.line, d.code) for d in report.errors] == [(3, "reviewed-unknown-key")]


def test_strict_passes_on_the_seed_and_fails_on_a_new_warning(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(SEED_DIR, content / SEED_DIR.name)
    assert (content / SEED_DIR.name / "reviewed.yml").is_file()
    first = run_build(content, tmp_path / "site", "--strict", "--no-cache")
    assert first.returncode == 0, first.stdout + first.stderr
    assert ": warning:" not in first.stderr and "more reviewed in reviewed.yml" in first.stdout
    text = (content / SEED_DIR.name / "plan.txt").read_text(encoding="utf-8")
    assert text.count("坚持以人民为中心") >= 1
    (content / SEED_DIR.name / "plan.txt").write_text(
        text.replace("坚持以人民为中心", "坚持以人民为中心心", 1), encoding="utf-8")
    second = run_build(content, tmp_path / "site", "--strict", "--no-cache")
    assert second.returncode == 2
    assert "[doubled-character]" in second.stderr
    # the summary says why a build with no error stopped
    assert "not built, since --strict counts its warnings as errors (previous site left as it was): 0 plan(s), 0 error(s), 1 warning(s)" in second.stdout


def test_reviewed_warnings_show_on_the_findings_page(tmp_path):
    content = make_content(tmp_path, TEXT, META)
    (content / "plan" / "reviewed.yml").write_text(REVIEW_BOTH, encoding="utf-8")
    result = run_build(content, tmp_path / "site", "--no-cache")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "plan" / "findings.html").read_text(encoding="utf-8")
    assert page.count("已复核") >= 2 and "原文如此" in page


def test_a_gap_the_plan_is_printed_with_is_built_once_listed(tmp_path, segmenter):
    """A gap in the numbers of divisions is an error (its text may be cited as another's);
    listed by code and text in reviewed.yml, the plan is built as printed, the gap reviewed."""
    text = "\n".join(["第一章 总体要求", "一、指导思想", "坚持稳中求进。", "三、主要目标", "到2025年建成。"])
    make_content(tmp_path, text)
    _, report = parse_text(tmp_path, text, segmenter)
    assert codes(report, "error") == [(4, "numbering-gap")]
    (tmp_path / "content" / "plan" / "reviewed.yml").write_text(
        "warnings:\n  - code: numbering-gap\n    text: 三、 comes where number 2\n    comment: 原文如此\n",
        encoding="utf-8")
    _, report = parse_text(tmp_path, text, segmenter)
    assert codes(report, "error") == [] and codes(report, "reviewed") == [(4, "numbering-gap")]


def test_other_errors_cannot_be_listed(tmp_path, segmenter):
    text = "\n".join(["第一章 总体要求", "坚持稳中求进"])  # ends mid-sentence: truncated
    make_content(tmp_path, text)
    (tmp_path / "content" / "plan" / "reviewed.yml").write_text(
        "warnings:\n  - code: truncated\n    text: 坚持稳中求进\n", encoding="utf-8")
    _, report = parse_text(tmp_path, text, segmenter)
    assert codes(report, "error") == [(2, "reviewed-stale"), (2, "truncated")]  # the entry at line 2
