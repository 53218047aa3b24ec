"""The genre's knowledge as data: one YAML file per genre under ``generator/genres/``,
and an editor's ``glossary.yml`` per plan for local names.

A genre file holds (all optional; a genre ``extends`` another and adds to it):

- ``units``: units a figure may carry (``%``, ``万人``, ``岁``…);
- ``target_verbs``, ``create_verbs``: words before a figure that make it a level to
  reach (达到, 控制在, 降至…) or a thing to create (建设, 培育…);
- ``review_titles``: words of a division title that reviews past years (成效,
  发展基础, 规划背景…): figures there are baselines;
- ``falling``: words of indicators whose good direction is down (辍学, 近视…);
- ``stop_words``: words that say nothing alone (的, 全市…);
- ``unit_words``: endings of indicator names that only say what is counted (率, 量…);
- ``query_synonyms``, ``indicator_synonyms``: lists of word sets meaning the same;
- ``stages``: pages a reader browses by, each ``{slug, name, terms, table_groups}``;
- ``table_groups``: labels of the indicator table's top-level group rows;
- ``group_terms``: ``{table group label: [words placing a sentence in that group]}``.

Lists add up along ``extends`` (duplicates dropped, order kept); ``stages`` and
``group_terms`` of the more specific genre come first. A glossary adds
``indicator_synonyms`` and, per stage slug, ``stage_terms``, and per table group,
``group_terms``. Errors are reported as ``file:line: error`` and the genre is None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from .diagnostics import Report
from .yamlfile import YamlDocument, load_yaml

GENRES = Path(__file__).resolve().parent / "genres"
DEFAULT = "general"
GLOSSARY_FILE = "glossary.yml"
LIST_KEYS = ("units", "target_verbs", "create_verbs", "review_titles", "falling", "stop_words",
             "unit_words", "table_groups")
SET_KEYS = ("query_synonyms", "indicator_synonyms")
GENRE_KEYS = ("name", "title", "extends", "stages", "group_terms") + LIST_KEYS + SET_KEYS
STAGE_KEYS = ("slug", "name", "terms", "table_groups")
GLOSSARY_KEYS = ("indicator_synonyms", "stage_terms", "group_terms")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")


@dataclass(frozen=True)
class Stage:
    """A stage or theme with a page of its own (学前教育: preschool)."""

    slug: str
    name: str
    terms: tuple[str, ...]
    table_groups: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry:
    """One entry of a plan's glossary.yml, kept to check it against the plan (stale entries)."""

    key: str  # "indicator_synonyms", "stage_terms" or "group_terms"
    label: str  # the stage slug or table group it names ("" for synonyms)
    words: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Genre:
    """What a genre knows; see the module docstring for each field."""

    name: str = DEFAULT
    title: str = ""
    units: tuple[str, ...] = ()
    target_verbs: tuple[str, ...] = ()
    create_verbs: tuple[str, ...] = ()
    review_titles: tuple[str, ...] = ()
    falling: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()
    unit_words: tuple[str, ...] = ()
    table_groups: tuple[str, ...] = ()
    query_synonyms: tuple[tuple[str, ...], ...] = ()
    indicator_synonyms: tuple[tuple[str, ...], ...] = ()
    stages: tuple[Stage, ...] = ()
    group_terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sources: tuple[str, ...] = field(default=(), compare=False)
    glossary_path: str = ""
    glossary: tuple[GlossaryEntry, ...] = ()

    def synonyms_of(self, name: str) -> tuple[str, ...]:
        """Every name of the indicator called ``name`` (itself first)."""
        names = [name]
        for group in self.indicator_synonyms:
            if name in group:
                names += [n for n in group if n not in names]
        return tuple(names)

    def terms_of_group(self, label: str) -> tuple[str, ...]:
        return next((terms for group, terms in self.group_terms if group == label), ())

    def is_review_title(self, title: str) -> bool:
        return any(word in title for word in self.review_titles)


def available() -> list[str]:
    return sorted(path.stem for path in GENRES.glob("*.yml"))


def load_genre(name: str, report: Report, where: str = "", line: int = 0) -> Genre | None:
    """The genre called ``name`` with what it extends folded in; None (and an error) if unknown or bad."""
    chain: list[tuple[Path, dict]] = []
    seen: set[str] = set()
    while name:
        path = GENRES / f"{name}.yml"
        if not SLUG.match(name) or not path.is_file():
            report.error(where or str(GENRES), line, "genre-unknown",
                         f"unknown genre '{name}' (known: {', '.join(available())})")
            return None
        if name in seen:
            report.error(str(path), 1, "genre-cycle", f"genre '{name}' extends itself")
            return None
        seen.add(name)
        document = _read_mapping(path, GENRE_KEYS, report)
        if document is None:
            return None
        data = document.value
        chain.append((path, data))
        name = data.get("extends", "")
    genre = Genre(name=chain[0][1].get("name", chain[0][0].stem), title=chain[0][1].get("title", ""),
                  sources=tuple(str(p) for p, _ in chain))
    for path, data in chain:
        genre = _extended(genre, data, path, report)
    return genre


def with_glossary(genre: Genre, folder: Path, report: Report) -> Genre:
    """``genre`` with the plan folder's glossary.yml added (unchanged when there is none)."""
    path = folder / GLOSSARY_FILE
    if not path.is_file():
        return genre
    document = _read_mapping(path, GLOSSARY_KEYS, report)
    if document is None:
        return genre
    data = document.value
    stage_terms = data.get("stage_terms", {})
    slugs = {s.slug for s in genre.stages}
    unknown = [slug for slug in stage_terms if slug not in slugs]
    for slug in unknown:
        report.error(str(path), _line_of(path, slug), "glossary-unknown-stage",
                     f"stage '{slug}' is not a stage of genre '{genre.name}' (its stages: "
                     f"{', '.join(sorted(slugs)) or 'none'})")
    if unknown:
        return genre
    stages = tuple(replace(s, terms=_merged(s.terms, stage_terms.get(s.slug, ()))) for s in genre.stages)
    glossary = {"indicator_synonyms": data.get("indicator_synonyms", []),
                "group_terms": data.get("group_terms", {})}
    entries = _glossary_entries(document)
    return replace(_extended(genre, glossary, path, report), stages=stages, glossary_path=str(path),
                   glossary=entries)


def _glossary_entries(document: YamlDocument) -> tuple[GlossaryEntry, ...]:
    """Each entry with the line it is written on, for later checks."""
    entries = []
    for key, value in document.value.items():
        if key == "indicator_synonyms" and isinstance(value, list):
            for number, words in enumerate(value):
                words = words if isinstance(words, list) else ()
                entries.append(GlossaryEntry(key, "", tuple(str(w) for w in words), document.line(key, number)))
        elif key in ("stage_terms", "group_terms") and isinstance(value, dict):
            for label, words in value.items():
                words = words if isinstance(words, list) else ()
                entries.append(GlossaryEntry(key, label, tuple(str(w) for w in words),
                                             document.key_line(key, label)))
    return tuple(entries)


def _extended(genre: Genre, data: dict, path: Path, report: Report) -> Genre:
    changes: dict = {}
    for key in LIST_KEYS:
        if key in data:
            changes[key] = _merged(getattr(genre, key), _strings(data[key], path, key, report))
    for key in SET_KEYS:
        if key in data:
            groups = [tuple(_strings(group, path, key, report)) for group in _as_list(data[key], path, key, report)]
            changes[key] = getattr(genre, key) + tuple(g for g in groups if g)
    if "stages" in data and not genre.stages:
        changes["stages"] = tuple(_stage(item, path, report) for item in _as_list(data["stages"], path, "stages", report))
        changes["stages"] = tuple(s for s in changes["stages"] if s)
    if "group_terms" in data:
        terms = dict(genre.group_terms)
        for label, words in _as_mapping(data["group_terms"], path, "group_terms", report).items():
            terms[str(label)] = _merged(terms.get(str(label), ()), _strings(words, path, "group_terms", report))
        changes["group_terms"] = tuple(terms.items())
    return replace(genre, **changes)


def _stage(item: object, path: Path, report: Report) -> Stage | None:
    if not isinstance(item, dict) or set(item) - set(STAGE_KEYS) or not {"slug", "name"} <= set(item):
        report.error(str(path), _line_of(path, "stages"), "genre-bad-value",
                     f"a stage must be a mapping with slug, name, terms, table_groups: {item!r}")
        return None
    return Stage(str(item["slug"]), str(item["name"]), tuple(_strings(item.get("terms", []), path, "terms", report)),
                 tuple(_strings(item.get("table_groups", []), path, "table_groups", report)))


def _read_mapping(path: Path, known: tuple[str, ...], report: Report) -> YamlDocument | None:
    """The file as a mapping of the ``known`` keys (empty when the file is), through the one
    YAML loader (size cap, no tags or aliases; codes ``yaml-…``); the values are checked here."""
    schema = {"type": ["object", "null"], "additionalProperties": False, "properties": {k: {} for k in known}}
    document = load_yaml(path, report, schema, "yaml")
    if document is not None and document.value is None:
        return YamlDocument({}, document.lines)
    return document


def _as_list(value: object, path: Path, key: str, report: Report) -> list:
    if isinstance(value, list):
        return value
    report.error(str(path), _line_of(path, key), "genre-bad-value", f"'{key}' must be a list")
    return []


def _as_mapping(value: object, path: Path, key: str, report: Report) -> dict:
    if isinstance(value, dict):
        return value
    report.error(str(path), _line_of(path, key), "genre-bad-value", f"'{key}' must be a mapping")
    return {}


def _strings(value: object, path: Path, key: str, report: Report) -> list[str]:
    items = _as_list(value, path, key, report)
    bad = [v for v in items if not isinstance(v, (str, int, float)) or isinstance(v, bool) or not str(v).strip()]
    if bad:
        report.error(str(path), _line_of(path, key), "genre-bad-value",
                     f"'{key}' must hold words, not {bad[0]!r}")
    return [str(v).strip() for v in items if v not in bad]


def _merged(first, second) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))


def _line_of(path: Path, key: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.lstrip().startswith(f"{key}:"):
            return number
    return 1
