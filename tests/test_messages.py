"""The build's messages in two languages (generator/structure/messages.py): Chinese by
default, English with ``LANG=en…``; the codes, severities and ``file:line:`` the same in
both; the catalog complete and compiled; the site the same whatever language built it.

conftest.py sets ``LANGUAGE=en`` for the other tests; the commands here are given an
environment of their own (:func:`environment`). Expected texts are written from the msgids in
the source and the translations in ``generator/locale/zh_CN/LC_MESSAGES/plansite.po``.
"""
from __future__ import annotations

import ast
import errno
import gettext
import importlib.util
import os
import pickle
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import META, ROOT, make_content
from generator.structure.diagnostics import Diagnostic, Report
from generator.structure.messages import CHINESE, ENGLISH, Message, joined, language, msg, said

SPEC = importlib.util.spec_from_file_location("catalog_tool", ROOT / "scripts" / "messages.py")
catalog_tool = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(catalog_tool)

# 目录 lists 第二章, the body lacks it: a toc-missing error at the contents line (3), and the
# body's 第三章 a numbering gap (line 7)
MISSING_CHAPTER = "\n".join(["目录", "第一章 总体要求", "第二章 重点任务", "第三章 保障措施",
                             "第一章 总体要求", "坚持立德树人。", "第三章 保障措施", "加强组织领导。"])
BAD_DATE = META.replace("date: 2022-09-06", "date: 2022-13-06")


def environment(**variables: str) -> dict[str, str]:
    """This process's environment without gettext's four variables, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")}
    return {**env, **variables}


def build(content: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out),
                           "--no-cache", "--workers", "1"], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env=env)


# -- the language -----------------------------------------------------------------------------

@pytest.mark.parametrize("variables, expected", [
    ({}, CHINESE),
    ({"LANG": "zh_CN.UTF-8"}, CHINESE),
    ({"LANG": "en_US.UTF-8"}, ENGLISH),
    ({"LANG": "en"}, ENGLISH),
    ({"LANG": "C.UTF-8"}, CHINESE),  # no language named: the editors' own
    ({"LANG": "fr_FR.UTF-8"}, CHINESE),
    ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, CHINESE),  # LC_MESSAGES before LANG
    ({"LC_MESSAGES": "zh_CN.UTF-8", "LC_ALL": "en_GB.UTF-8"}, ENGLISH),  # LC_ALL before LC_MESSAGES
    ({"LC_ALL": "en_GB.UTF-8", "LANGUAGE": "zh_CN"}, CHINESE),  # LANGUAGE first of all
    ({"LANGUAGE": "fr:en_US:zh_CN"}, ENGLISH),  # LANGUAGE's first entry in a language there is
    ({"LANGUAGE": "", "LANG": "en_US.UTF-8"}, ENGLISH),  # an empty variable is not set
])
def test_language_follows_gettexts_variables(variables, expected):
    assert language(variables) == expected


# -- the command line in both languages --------------------------------------------------------

@pytest.mark.parametrize("variables", [{"LANG": "zh_CN.UTF-8"}, {}], ids=["LANG=zh_CN", "LANG unset"])
def test_a_missing_chapter_is_reported_in_chinese(tmp_path, variables):
    content = make_content(tmp_path, MISSING_CHAPTER)
    result = build(content, tmp_path / "out", environment(**variables))
    text = content / "plan" / "plan.txt"
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"{text}:3: error: 目录中列出的章“重点任务”正文中没有，而它后面的章都在：这部分文字会被归到前一个标题下"
        "发布和引用；请在正文中补回这个标题 [toc-missing]",
        f"{text}:7: warning: 第三章 出现在应为编号 2 的位置（缺少 2） [numbering-gap]",
    ]
    assert re.fullmatch(r"未生成（上一版网站保持原样）：规划 0 个，错误 1 个，警告 1 个，用时 \d+\.\d\d 秒\n",
                        result.stdout)


def test_a_missing_chapter_is_reported_in_english_with_lang_en(tmp_path):
    content = make_content(tmp_path, MISSING_CHAPTER)
    result = build(content, tmp_path / "out", environment(LANG="en_US.UTF-8"))
    text = content / "plan" / "plan.txt"
    assert result.stderr.splitlines() == [
        f"{text}:3: error: table of contents lists chapter “重点任务”, which the body does not have although it "
        "has the ones after it: its text would be published and cited under the heading before it; restore the "
        "heading in the body [toc-missing]",
        f"{text}:7: warning: 第三章 comes where number 2 was expected (2 missing) [numbering-gap]",
    ]
    assert re.fullmatch(r"not built \(previous site left as it was\): 0 plan\(s\), 1 error\(s\), 1 warning\(s\), "
                        r"\d+\.\d\d s\n", result.stdout)


@pytest.mark.parametrize("variables, expected", [
    ({"LANG": "zh_CN.UTF-8"}, "'date' 应为按 YYYY-MM-DD 写的有效日期（实际为 '2022-13-06'）"),
    ({}, "'date' 应为按 YYYY-MM-DD 写的有效日期（实际为 '2022-13-06'）"),
    ({"LANG": "en_US.UTF-8"}, "'date' must be a real date written YYYY-MM-DD (got '2022-13-06')"),
], ids=["LANG=zh_CN", "LANG unset", "LANG=en_US"])
def test_a_bad_plan_yml_date_in_either_language(tmp_path, variables, expected):
    content = make_content(tmp_path, "第一章 总体要求\n坚持立德树人。\n", BAD_DATE)
    result = build(content, tmp_path / "out", environment(**variables))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"{content / 'plan' / 'plan.yml'}:4: error: {expected} [meta-bad-value]"]


def test_extract_and_an_interrupt_speak_chinese(tmp_path, monkeypatch):
    folder = tmp_path / "not-a-plan"
    folder.mkdir()
    result = subprocess.run([sys.executable, "-m", "generator", "extract", str(folder)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60, env=environment())
    assert result.returncode == 2
    assert result.stderr == f"{folder}:0: error: 不是规划文件夹：其中没有 plan.yml [meta-missing]\n"
    from generator.interrupt import Interrupted

    assert str(Interrupted(2)) == "SIGINT: build stopped, previous site left as it was"  # conftest's English
    monkeypatch.setenv("LANGUAGE", "zh_CN")
    assert str(Interrupted(15)) == "SIGTERM：生成已中止，上一版网站保持原样"


def test_the_site_is_the_same_whatever_language_built_it(tmp_path):
    """A plan with a warning built in English and in Chinese: the same bytes in every file, and
    the findings page and the export give the warning in Chinese, the site's language."""
    content = make_content(tmp_path, "第一章 总体要求\n到2025年，学校 and 教师全面发展。\n")  # a latin-word warning
    sites = {}
    for lang in ("en_US.UTF-8", "zh_CN.UTF-8"):
        result = build(content, tmp_path / lang, environment(LANG=lang))
        assert result.returncode == 0, result.stderr
        sites[lang] = {p.relative_to(tmp_path / lang): p.read_bytes()
                       for p in sorted((tmp_path / lang).rglob("*")) if p.is_file()}
    assert sites["en_US.UTF-8"] == sites["zh_CN.UTF-8"]
    site = tmp_path / "en_US.UTF-8"
    assert "中文行文中夹有拉丁字母词“and”" in (site / "plan" / "findings.html").read_text(encoding="utf-8")
    data = (site / "data" / "plan.json").read_text(encoding="utf-8")
    assert "中文行文中夹有拉丁字母词“and”" in data and "Latin word" not in data


# -- messages ---------------------------------------------------------------------------------

def test_a_message_is_its_english_text_and_says_itself_in_chinese():
    message = msg("{what} is numbered like an earlier one in the same place", what=msg("chapter"))
    assert message == "chapter is numbered like an earlier one in the same place"
    assert said(message, CHINESE) == "章的编号与同一层级中前面的一项重复"
    assert said(message, ENGLISH) == message
    assert said("plain text", CHINESE) == "plain text"  # not a message: as it is


def test_a_message_survives_pickling_with_its_values():
    """The workers and the build cache pickle diagnostics: the Chinese must come back too."""
    message = pickle.loads(pickle.dumps(msg("the plan never says {words}", words="双师型")))
    assert isinstance(message, Message) and message.values == {"words": "双师型"}
    assert said(message, CHINESE) == "规划中从未出现 双师型"


def test_joined_parts_are_each_said_in_the_language():
    parts = joined([msg("{slug} (previous pages kept)", slug="a"), "b{x}", msg("none")])
    assert parts == "a (previous pages kept), b{x}, none"
    assert said(parts, CHINESE) == "a（保留上一版页面）、b{x}、无"


def test_a_translation_that_does_not_fit_falls_back_to_english(monkeypatch):
    class Broken(gettext.NullTranslations):
        def gettext(self, message):
            return "{nowhere}"

    monkeypatch.setattr("generator.structure.messages.catalog", lambda lang: Broken())
    assert said(msg("file is larger than {size} MiB", size=3), CHINESE) == "file is larger than 3 MiB"


def test_the_systems_usual_reasons_are_said_in_chinese(tmp_path):
    from generator.structure.files import read_regular, reason

    denied = reason(PermissionError(errno.EACCES, os.strerror(errno.EACCES), "plan.txt"))
    assert (denied, said(denied, CHINESE)) == ("Permission denied", "没有访问权限")
    with pytest.raises(OSError) as folder:
        read_regular(tmp_path, 10)
    assert said(reason(folder.value), CHINESE) == "它是文件夹，不是普通文件"
    odd = reason(OSError(errno.EACCES, "denied by the cluster's policy"))  # not the system's own words: kept
    assert said(odd, CHINESE) == "denied by the cluster's policy"


def test_a_diagnostic_keeps_severity_code_and_place_in_chinese():
    report = Report()
    report.paged("plan.pdf", {12: "7"})
    report.warning("plan.pdf", 12, "table-row", msg("cannot read indicator row: {row}", row="a | b"))
    diagnostic: Diagnostic = report.items[0]
    assert diagnostic.said(CHINESE) == "plan.pdf:p.7: warning: 无法读取指标行：a | b [table-row]"
    assert diagnostic.said(ENGLISH) == "plan.pdf:p.7: warning: cannot read indicator row: a | b [table-row]"


# -- the catalog ------------------------------------------------------------------------------

def test_every_msgid_of_the_source_has_a_chinese_translation():
    catalog = catalog_tool.read_catalog()
    source = catalog_tool.source_msgids()
    untranslated = [m for m in source if catalog.get(m) is None or not catalog.get(m).string or catalog.get(m).fuzzy]
    assert untranslated == [], "run `make messages` and translate these in plansite.po"
    assert sorted(m.id for m in catalog if m.id and m.id not in source) == [], "msgids the source no longer has"


def test_the_po_file_is_what_make_messages_writes():
    current = catalog_tool.updated(catalog_tool.read_catalog(), catalog_tool.source_msgids())
    assert catalog_tool.PO.read_bytes() == catalog_tool.po_bytes(current), "run `make messages`"


def test_the_mo_file_is_the_po_file_compiled():
    catalog = catalog_tool.read_catalog()
    with catalog_tool.MO.open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    translated = {m.id: m.string if m.string and not m.fuzzy else m.id for m in catalog if m.id}  # else English
    assert {m.id: compiled.gettext(m.id) for m in catalog if m.id} == translated
    assert catalog_tool.MO.read_bytes() == catalog_tool.mo_bytes(catalog), "run `make messages`"


def test_every_translation_has_the_placeholders_of_its_msgid():
    def placeholders(text: str) -> list[str]:
        return sorted(set(re.findall(r"\{(\w+)", text.replace("{{", "").replace("}}", ""))))

    wrong = [(m.id, m.string) for m in catalog_tool.read_catalog()
             if m.id and placeholders(m.id) != placeholders(m.string)]
    assert wrong == []


def _calls(tree: ast.AST, names: tuple[str, ...]):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in names:
                yield node


def test_no_report_call_passes_text_that_cannot_be_translated():
    """A report's message is a ``msg(...)`` (or a name holding one), never an f-string or a
    string literal; ``msg``'s template is a literal, so that ``make messages`` finds it."""
    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = path.relative_to(ROOT)
        for call in _calls(tree, ("error", "warning", "note")):
            if len(call.args) >= 4 and isinstance(call.args[3], (ast.JoinedStr, ast.Constant, ast.BinOp)):
                found.append(f"{where}:{call.lineno}: {call.func.attr if hasattr(call.func, 'attr') else ''}")
        for call in _calls(tree, ("msg",)):
            if not call.args or not (isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str)):
                found.append(f"{where}:{call.lineno}: msg() without a literal template")
    assert found == []


def test_an_empty_part_says_nothing_in_either_language():
    """gettext's entry for the empty msgid is the catalog's header (Project-Id-Version…): an
    empty part of a message (no targets to count in a numbering gap) must stay empty."""
    empty = joined([], separator="")
    assert said(empty, CHINESE) == "" and said(empty, ENGLISH) == ""
    whole = msg("{gap}{held}", gap=msg("plan.yml"), held=empty)
    assert "Project-Id-Version" not in said(whole, CHINESE)


@pytest.mark.parametrize("variables", [{"LANG": "zh_CN.UTF-8"}, {"LANG": "en_US.UTF-8"}], ids=["zh", "en"])
def test_a_plans_summary_line_starts_with_its_slug_and_a_colon_in_either_language(tmp_path, variables):
    """``plan: …`` like ``file:line:``: the slug and an ASCII colon, for a grep in any language."""
    content = make_content(tmp_path, "\n".join(["第一章 总体要求", "坚持立德树人。"]))
    result = build(content, tmp_path / "out", environment(**variables))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("plan: ")]
