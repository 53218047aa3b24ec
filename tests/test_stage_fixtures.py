"""Each stage on small inputs, called directly: grammar, lex, table, targets, check.

The cases are in ``tests/fixtures/stages/<stage>.txt`` (the format of fixture_file.py:
title, input, expected values written by reading the input). Where ``tests/fixtures/rules/``
runs whole plans through every stage, these state what one stage decides.
"""
from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest
import yaml

from fixture_file import read_fixture_file
from generator.check import checks as check
from generator.parse import figures
from generator.parse import grammar
from generator.parse import lex
from generator.parse import table
from generator.parse import targets
from generator.structure.diagnostics import Report
from generator.config.genre import load_genre
from generator.parse.tree import parse
from generator.read.source import paragraphs, read_plan

STAGES = Path(__file__).parent / "fixtures" / "stages"


def cases(name: str):
    return read_fixture_file(STAGES / f"{name}.txt")


def lines_of(case) -> list[str]:
    return [line for line in case.text.split("\n") if line.strip()]


def plain(value):
    """Tuples as lists, dataclasses as mappings: what YAML writes."""
    if hasattr(value, "__dataclass_fields__"):
        return plain(asdict(value))
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def assert_matches(got, want, where: str) -> None:
    """``got`` has what ``want`` states: mappings on the keys named (``says``: part of the
    message), lists item by item and of the same length, anything else equal."""
    if isinstance(want, dict):
        assert isinstance(got, dict), f"{where}: {got!r} is not a mapping"
        for key, value in want.items():
            if key == "says":
                assert value in got["message"], f"{where}: {got['message']!r} does not say {value!r}"
            else:
                assert key in got, f"{where}: no {key!r} in {got!r}"
                assert_matches(got[key], value, f"{where}.{key}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), \
            f"{where}: {len(got) if isinstance(got, list) else got!r} items, expected {len(want)}:\n" + \
            "\n".join(map(str, got if isinstance(got, list) else []))
        for i, (g, w) in enumerate(zip(got, want)):
            assert_matches(g, w, f"{where}[{i}]")
    else:
        assert got == want, f"{where}: {got!r}, expected {want!r}"


@pytest.mark.parametrize("case", cases("grammar"), ids=str)
def test_grammar(case):
    got = [{"division": plain(grammar.division_style(line)), "cells": plain(grammar.table_cells(line))}
           for line in lines_of(case)]
    assert_matches(got, case.expected["nodes"], str(case))


def lexed(case) -> lex.Lexed:
    return lex.lex(paragraphs(case.text.split("\n")), case.meta["title"])


@pytest.mark.parametrize("case", cases("lex"), ids=str)
def test_lex(case):
    result = lexed(case)
    got = {"front": [t.text for t in result.front], "toc": plain(result.toc), "body": plain(result.body),
           "back": [t.text for t in result.back]}
    assert_matches(got, case.expected, str(case))


@pytest.mark.parametrize("case", cases("rows"), ids=str)
def test_table_rows(case):
    tokens = [t for t in lexed(case).body if t.kind in lex.TABLE_KINDS]
    assert_matches(plain(table.read_rows(tokens)), case.expected["nodes"], str(case))


@pytest.mark.parametrize("case", cases("figures"), ids=str)
def test_table_figures(case):
    read = figures.reader(load_genre("education", Report())).read_figure
    got = [plain(read(cell)) for cell in lines_of(case)]
    assert_matches(got, case.expected["nodes"], str(case))


@pytest.mark.parametrize("case", cases("targets"), ids=str)
def test_targets(case):
    text = "".join(lines_of(case))
    genre = load_genre("education", Report())
    found = targets.find_targets(text, table.five_year_plan_end(case.meta["title"]), genre)
    for target in found:
        assert text[target.start:target.end] == target.quote, str(case)
    assert_matches(plain(found), case.expected["nodes"], str(case))


@pytest.mark.parametrize("case", cases("check"), ids=str)
def test_check(case, tmp_path, segmenter):
    folder = tmp_path / "plan"
    folder.mkdir()
    (folder / "plan.yml").write_text(yaml.safe_dump(case.meta, allow_unicode=True), encoding="utf-8")
    (folder / "plan.txt").write_text(case.text, encoding="utf-8")
    plan = parse(read_plan(folder, Report()), Report())
    report = Report()
    check.check(plan, report, segmenter)
    got = [{"severity": d.severity, "code": d.code, "line": d.line, "message": d.message} for d in report.items]
    assert_matches(got, case.expected["nodes"], str(case))
