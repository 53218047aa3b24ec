"""Bad input stops the build with `file:line: error: …`, exit status 2, no traceback,
and the previous site left as it was."""
from __future__ import annotations

import pytest

from conftest import META, SEED_TEXT, make_content, parse_text, run_build

SEED = SEED_TEXT.read_text(encoding="utf-8")
SEED_LINES = SEED.split("\n")


def errors(report):
    return [(d.line, d.code) for d in report.errors]


def test_empty_file(tmp_path, segmenter):
    _, report = parse_text(tmp_path, b"", segmenter)
    assert errors(report) == [(1, "empty")]


def test_whitespace_only_file(tmp_path, segmenter):
    _, report = parse_text(tmp_path, "\n\u3000\n  \n", segmenter)
    assert errors(report) == [(1, "empty")]


def test_binary_file(tmp_path, segmenter):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256))
    _, report = parse_text(tmp_path, png, segmenter)
    assert errors(report) == [(3, "binary")]  # the first NUL byte is on line 3


def test_undecodable_bytes_name_their_line(tmp_path, segmenter):
    data = "第一章 总则\n第一节 目标\n".encode("utf-8") + b"\xff\xfe\xfd\xfc broken\n"
    _, report = parse_text(tmp_path, data, segmenter)
    assert errors(report) == [(3, "encoding")]
    assert "save the file as UTF-8" in report.errors[0].message


def test_file_cut_inside_a_character(tmp_path, segmenter):
    data = SEED.encode("utf-8")[:5000]
    data = data[: len(data) - 1] if (data[-1] & 0xC0) == 0x80 or data[-1] >= 0xC0 else data + "学".encode()[:2]
    _, report = parse_text(tmp_path, data, segmenter)
    assert [code for _, code in errors(report)] == ["encoding"]
    assert "truncated" in report.errors[0].message


def test_no_chapter_headings(tmp_path, segmenter):
    text = "关于做好秋季开学工作的通知\n\n各学校要做好开学准备工作。\n\n请认真贯彻执行。\n"
    _, report = parse_text(tmp_path, text, segmenter)
    assert errors(report) == [(1, "no-chapters")]


def test_duplicated_chapter_number(tmp_path, segmenter):
    lines = list(SEED_LINES)
    lines[471] = "第四章 全面推动基础教育高质量发展"  # line 472 printed 第五章
    _, report = parse_text(tmp_path, "\n".join(lines), segmenter)
    assert (472, "chapter-duplicate") in errors(report)
    assert "first at line 268" in next(d.message for d in report.errors if d.code == "chapter-duplicate")


def test_truncated_mid_sentence(tmp_path, segmenter):
    cut = SEED.index("提高农村学校办学水平") + 4
    _, report = parse_text(tmp_path, SEED[:cut], segmenter)
    assert errors(report) == [(520, "truncated"), (472, "truncated")]
    assert "ends mid-sentence" in report.errors[0].message
    assert "lists chapter 12" in report.errors[1].message


def test_truncated_between_chapters(tmp_path, segmenter):
    cut = "\n".join(SEED_LINES[:661])  # ends after chapter 6
    _, report = parse_text(tmp_path, cut, segmenter)
    assert errors(report) == [(616, "truncated")]


@pytest.mark.parametrize("meta, line, code, words", [
    (META.replace("doc_number:", "doc_numbr:"), 3, "meta-unknown-key", "did you mean 'doc_number'"),
    (META.replace("date: 2022-09-06\n", ""), 1, "meta-missing-key", "missing required key 'date'"),
    (META.replace("2022-09-06", "2022年9月6日"), 4, "meta-bad-value", "YYYY-MM-DD"),
    (META.replace("issuer: 朔州市人民政府", "issuer: [朔州"), 3, "meta-syntax", "not valid YAML"),
    (META.replace("source: plan.txt", "source: missing.txt"), 6, "source-missing", "missing.txt"),
])
def test_bad_metadata(tmp_path, segmenter, meta, line, code, words):
    _, report = parse_text(tmp_path, SEED, segmenter, meta=meta)
    assert [(d.line, d.code) for d in report.errors] == [(line, code)]
    assert words in report.errors[0].message
    assert report.errors[0].path.endswith(("plan.yml",))


def test_metadata_disagreeing_with_the_text_is_a_warning(tmp_path, segmenter):
    meta = META.replace("34号", "35号")
    plan, report = parse_text(tmp_path, SEED, segmenter, meta=meta)
    assert plan is not None
    assert ("meta-mismatch", 1) in [(d.code, d.line) for d in report.warnings]
    mismatch = next(d for d in report.warnings if d.code == "meta-mismatch")
    # the seed prints its 文号 on line 5 of plan.txt; the message names that line by the
    # file's name, not by the build machine's path (the findings page publishes it)
    assert mismatch.message.endswith("(plan.txt:5)")
    assert str(tmp_path) not in mismatch.message


def test_folder_without_metadata(tmp_path):
    content = make_content(tmp_path, SEED)
    (content / "stray").mkdir()
    result = run_build(content, tmp_path / "out")
    assert result.returncode == 2
    assert "stray:0: error: plan folder has no plan.yml" in result.stderr


def test_cli_rejects_bad_input_keeps_previous_site_and_prints_no_traceback(tmp_path):
    out = tmp_path / "site"
    good = make_content(tmp_path / "good", SEED)
    assert run_build(good, out).returncode == 0
    before = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert len(before) > 10

    bad = make_content(tmp_path / "bad", SEED[: SEED.index("提高农村学校办学水平") + 4])
    result = run_build(bad, out)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{bad / 'plan' / 'plan.txt'}:520: error: the plan ends mid-sentence" in result.stderr
    assert "not built (previous site left as it was)" in result.stdout
    after = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".")] == []


def test_cli_empty_and_binary_files(tmp_path):
    for name, data in (("empty", b""), ("binary", b"\x00\x01\x02" * 50)):
        content = make_content(tmp_path / name, data)
        result = run_build(content, tmp_path / name / "out")
        assert result.returncode == 2
        assert "plan.txt:1: error: " in result.stderr
        assert "Traceback" not in result.stderr
        assert not (tmp_path / name / "out").exists()


def test_strict_turns_warnings_into_a_refusal(tmp_path):
    content = make_content(tmp_path, SEED)
    result = run_build(content, tmp_path / "out", "--strict")
    assert result.returncode == 2
    assert "plan.txt:116: warning: Latin word “and”" in result.stderr
    assert not (tmp_path / "out").exists()


def test_mixed_utf8_and_gbk_names_the_first_gbk_line(tmp_path, segmenter):
    data = "第一章 总则\n第一节 目标\n".encode("utf-8") + "加强学校建设。\n".encode("gbk") + "推进改革。\n".encode("utf-8")
    _, report = parse_text(tmp_path, data, segmenter)
    assert errors(report) == [(3, "encoding-mixed")]
    assert "save the whole file as UTF-8" in report.errors[0].message


def test_a_refused_plan_yml_does_not_hide_the_texts_problems(tmp_path):
    """One run shows the editor everything: a bad date in plan.yml and a chapter heading
    deleted from the body (第九章 … between 第八章 and 第十章) are both reported."""
    lines = list(SEED_LINES)
    ninth = [n for n, line in enumerate(lines) if line.startswith("第九章")][-1]
    del lines[ninth]
    content = make_content(tmp_path, "\n".join(lines), META.replace("date: 2022-09-06", "date: 2022-13-06"))
    result = run_build(content, tmp_path / "_site", "--no-cache")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    codes = sorted(line.rsplit("[", 1)[1].rstrip("]") for line in result.stderr.splitlines() if ": error:" in line)
    assert codes == ["meta-bad-value", "toc-missing"]
    assert "meta-mismatch" not in result.stderr  # the refused plan.yml's values are not compared with the text


def _seed_without(heading: str) -> tuple[str, int]:
    """The seed with the body's line starting with ``heading`` deleted, and that line's number."""
    lines = list(SEED_LINES)
    at = [n for n, line in enumerate(lines) if line.startswith(heading)][-1]
    del lines[at]
    return "\n".join(lines), at + 1


def test_a_lost_point_heading_is_an_error_naming_where_its_text_went(tmp_path, segmenter):
    """Issue 20: 第九章第三节's 一、 heading deleted, its paragraphs join the section's own
    text; the gap before 二、 (the next line that starts a point) is an error."""
    text, _ = _seed_without("一、落实教师工资薪酬国家标准")
    _, report = parse_text(tmp_path, text, segmenter)
    # 二、's line in the seed, one up once the line above it is deleted (a 0-based index is that)
    second = next(n for n, line in enumerate(SEED_LINES) if line.startswith("二、逐步完善教师住房"))
    assert errors(report) == [(second, "numbering-gap")]
    assert "cited as part of 第九章第三节 (lines 872–" in report.errors[0].message


def test_a_lost_last_section_heading_is_an_error_at_its_contents_line(tmp_path, segmenter):
    text, _ = _seed_without("第三节 建立健全高质量评价机制")
    _, report = parse_text(tmp_path, text, segmenter)
    contents_line = SEED_LINES.index("- 第三节 建立健全高质量评价机制 79") + 1
    assert errors(report) == [(contents_line, "toc-missing")]
    assert "cited under 第十二章第二节 (line 1063)" in report.errors[0].message


def test_a_lost_last_chapter_heading_is_reported_where_its_sections_start_again(tmp_path, segmenter):
    text, line = _seed_without("第十二章 完善实施保障机制")
    _, report = parse_text(tmp_path, text, segmenter)
    assert (line + 3, "heading-missing") in errors(report)  # 第一节 坚持教育优先发展战略, 3 lines below


def test_the_build_refuses_the_seed_with_a_point_heading_deleted(tmp_path):
    text, _ = _seed_without("一、落实教师工资薪酬国家标准")
    result = run_build(make_content(tmp_path, text), tmp_path / "_site", "--no-cache")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert [line.rsplit("[", 1)[1] for line in result.stderr.splitlines() if ": error:" in line] == ["numbering-gap]"]
    assert not (tmp_path / "_site").exists()
