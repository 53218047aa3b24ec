"""The genres' ``query_synonyms`` (the readers' lexicon of each sector) are well formed.

How the search reads a group (generator/search/index.py ``query_synonyms``, static/search-core.js
``parts`` and ``analyse``): a word of the query that is a word of a group stands for every word of
the group; a word in two groups joins them, also across genres (a plan reads the general genre's
groups and its sector's, a catalog every plan's), so a word stands in one group of all the genre
files; a one-character word is read only at the end of a run (升学率: 率), so one character is kept
only for the few words written for that; a word that the search folds differently (traditional
characters, full-width letters, capitals) would never be met as written."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from generator.config.genre import GENRE_SCHEMA, GENRES, load_genre
from generator.config.yamlfile import load_yaml
from generator.search.index import normalise, simplified_table
from generator.structure.diagnostics import Report

# One-character words kept on purpose: each closes a run as its group's other words do
# (升学率 ~ 升学比例, 在校生数 ~ 在校生人数, 体育课每周几节 ~ 课时).
ONE_CHARACTER = {"率", "数", "节"}


def _groups(path: Path) -> list[list[str]]:
    report = Report()
    document = load_yaml(path, report, GENRE_SCHEMA, "yaml")
    assert not report.errors, [str(e) for e in report.errors]
    return (document.value or {}).get("query_synonyms", [])


def problems(files: dict[str, list[list[str]]], stop_words: set[str]) -> list[str]:
    """Every way the groups of ``files`` (file name → its query_synonyms) are ill formed."""
    found = []
    words = [w for groups in files.values() for g in groups for w in g]
    table = simplified_table(words)
    where: dict[str, list[str]] = {}
    for name, groups in files.items():
        for number, group in enumerate(groups):
            label = f"{name} group {number + 1} {group}"
            if len(group) < 2:
                found.append(f"{label}: fewer than two words")
            for word, n in Counter(group).items():
                if n > 1:
                    found.append(f"{label}: {word} twice")
            for word in group:
                if word != word.strip() or not word or any(c.isspace() for c in word):
                    found.append(f"{label}: {word!r} is not one word")
                elif len(word) == 1 and word not in ONE_CHARACTER:
                    found.append(f"{label}: {word} is one character")
                if normalise(word, table) != word:
                    found.append(f"{label}: {word} is searched as {normalise(word, table)}")
                if word in stop_words:
                    found.append(f"{label}: {word} is a stop word")
                where.setdefault(word, []).append(label)
    for word, labels in sorted(where.items()):
        if len(set(labels)) > 1:
            found.append(f"{word} stands in {' and '.join(sorted(set(labels)))}")
    return found


def test_every_shipped_group_is_well_formed():
    files = {path.name: _groups(path) for path in sorted(GENRES.glob("*.yml"))}
    assert {"general.yml", "education.yml", "health.yml"} <= set(files)
    stop_words = set(load_genre("general", Report()).stop_words)
    assert problems(files, stop_words) == []


def test_each_sector_has_a_lexicon():
    counts = {path.stem: len(_groups(path)) for path in sorted(GENRES.glob("*.yml"))}
    assert counts["general"] >= 40 and counts["education"] >= 120 and counts["health"] >= 80


def test_a_plan_reads_its_sectors_groups_after_the_general_ones_unmerged():
    """education.yml extends general.yml: the plan's groups are both files', none joined."""
    genre = load_genre("education", Report())
    general, education = _groups(GENRES / "general.yml"), _groups(GENRES / "education.yml")
    assert [list(g) for g in genre.query_synonyms] == [*education, *general]


@pytest.mark.parametrize("groups, expected", [
    ([["看病", "就医"], ["就医", "就诊"]], ["就医 stands in a.yml group 1 ['看病', '就医'] and a.yml group 2 ['就医', '就诊']"]),
    ([["孤独症"]], ["a.yml group 1 ['孤独症']: fewer than two words"]),
    ([["医", "医生"]], ["a.yml group 1 ['医', '医生']: 医 is one character"]),
    ([["医保", "医保"]], ["a.yml group 1 ['医保', '医保']: 医保 twice"]),
    ([["醫保", "医保"]], ["a.yml group 1 ['醫保', '医保']: 醫保 is searched as 医保"]),
    ([["MOOC", "慕课"]], ["a.yml group 1 ['MOOC', '慕课']: MOOC is searched as mooc"]),
    ([["如何", "怎样"]], ["a.yml group 1 ['如何', '怎样']: 如何 is a stop word",
                          "a.yml group 1 ['如何', '怎样']: 怎样 is a stop word"]),
    ([["率", "比例"], ["网课", "在线 教育"]], ["a.yml group 2 ['网课', '在线 教育']: '在线 教育' is not one word"]),
])
def test_the_check_finds_each_fault(groups, expected):
    assert problems({"a.yml": groups}, {"如何", "怎样"}) == expected
