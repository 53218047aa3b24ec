"""The genre's knowledge as data: one YAML file per genre under ``generator/genres/``,
and an editor's ``glossary.yml`` per plan for local names.

A genre file holds (all optional; a genre ``extends`` another and adds to it):

- ``search_examples``: short queries shown in the search box (近视防控, 课后服务…);
- ``units``: units a figure may carry (``%``, ``万人``, ``岁``…);
- ``target_verbs``, ``create_verbs``: words before a figure that make it a level to
  reach (达到, 控制在, 降至…) or a thing to create (建设, 培育…);
- ``at_least_words``, ``at_most_words``: words before a figure stating its comparison
  (不低于, 超过 → ≥; 不超过, 控制在, 下降到 → ≤; a word not starting with 不 does not count
  after 不), in prose and in table cells;
- ``count_units``: measure words of a count (个, 所…): an indicator counted in the first,
  or printed without a unit, may be stated in any of them (20所 for 幼儿园数 (个));
- ``rising_verbs``, ``falling_verbs``: verbs of a change up (提高, 增加…) or down (下降,
  减少…): 增加50所 is an increase, 较上年下降30% a change down, 提高…比例 a direction
  (:mod:`generator.parse.figures` reads every figure with these words and ``units``);
- ``review_titles``: words of a division title that reviews past years (成效,
  发展基础, 规划背景…): figures there are baselines;
- ``falling``: words of indicators whose good direction is down (辍学, 近视…): a target
  below the baseline is no finding, and lowering one (降低…辍学率) is a direction;
- ``stop_words``: words that say nothing alone (的, 全市…);
- ``unit_words``: endings of indicator names that only say what is counted (率, 量…);
- ``weak_words``: words of an indicator's name that do not say what it is about (教育, 建设…);
  the ``serves`` matcher (generator/link/serves.py) drops them;
- ``outcome_words``: words of an indicator's name that name a result, not a measure (优质,
  入学…): a measure names them only next to a word of the indicator's table group;
- ``generic_words``: words of an indicator's name that say its subject only loosely (专业,
  课程…): a subject made only of them needs a verb of creating before it in the clause;
- ``goal_titles``: titles of divisions setting out aims (指导思想, 发展目标…), not measures;
- ``title_words``: words of a plan's title that mark the genre (教育): a plan.yml setting
  no genre, whose title holds one, is told which genre to set (``suggested_genres``);
- ``subject_synonyms``: sets of words naming the same subject in an indicator's name and in
  the measures (训练 ~ 实训 ~ 培训);
- ``query_synonyms``, ``indicator_synonyms``: lists of word sets meaning the same;
- ``stages``: pages a reader browses by, each ``{slug, name, terms, table_groups,
  not_within}``; ``not_within``: phrases in which a term says nothing of the stage (小学 in
  去小学化, a preschool's duty), so an occurrence inside one does not count;
- ``table_groups``: labels of the indicator table's top-level group rows (others are
  subgroups); a genre naming none leaves it to the table: every group row is top-level unless
  numbered below the current group (（一） under 一、);
- ``group_terms``: ``{table group label: [words placing a sentence in that group]}``; a
  group the genre gives no words for is placed by its own label, and a sentence naming no
  group may speak of its indicators (:mod:`generator.parse.groups`).

Lists add up along ``extends`` (duplicates dropped, order kept); ``stages`` and
``group_terms`` of the more specific genre come first. A glossary adds
``indicator_synonyms`` and, per stage slug, ``stage_terms``, and per table group,
``group_terms``. Errors are reported as ``file:line: error`` and the genre is None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.structure.diagnostics import Report
from generator.structure.messages import msg
from generator.structure.files import present
from generator.config.yamlfile import YamlDocument, load_yaml

GENRES = Path(__file__).resolve().parents[1] / "genres"
DEFAULT = "general"
GLOSSARY_FILE = "glossary.yml"
LIST_KEYS = ("search_examples", "units", "target_verbs", "create_verbs", "at_least_words", "at_most_words",
             "rising_verbs", "falling_verbs", "count_units", "review_titles", "falling", "stop_words",
             "unit_words", "table_groups", "weak_words", "outcome_words", "generic_words",
             "goal_titles", "title_words")
SET_KEYS = ("query_synonyms", "indicator_synonyms", "subject_synonyms")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
WORDS = {"type": "array", "items": {"type": "string", "minLength": 1}, "description": msg("a list of words")}
WORD_SETS = {"type": "array", "items": WORDS, "description": msg("a list of word lists ([a, b], [c, d])")}
GROUP_WORDS = {"type": "object", "additionalProperties": WORDS,
               "description": msg("a mapping of table group labels to lists of words")}
GENRE_SCHEMA = {
    "type": ["object", "null"], "additionalProperties": False,
    "properties": {
        "name": {"type": "string"}, "title": {"type": "string"},
        "extends": {"type": "string", "pattern": SLUG.pattern, "description": msg("the name of another genre file")},
        "stages": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["slug", "name"],
            "properties": {"slug": {"type": "string", "pattern": SLUG.pattern}, "name": {"type": "string"},
                           "terms": WORDS, "table_groups": WORDS, "not_within": WORDS}}},
        "group_terms": GROUP_WORDS,
        **{key: WORDS for key in LIST_KEYS}, **{key: WORD_SETS for key in SET_KEYS},
    },
}
GLOSSARY_SCHEMA = {
    "type": ["object", "null"], "additionalProperties": False,
    "properties": {"indicator_synonyms": WORD_SETS, "group_terms": GROUP_WORDS,
                   "stage_terms": {"type": "object", "additionalProperties": WORDS,
                                   "description": msg("a mapping of stage slugs to lists of words")}},
}


@dataclass(frozen=True)
class Stage:
    """A stage or theme with a page of its own (学前教育: preschool)."""

    slug: str
    name: str
    terms: tuple[str, ...]
    table_groups: tuple[str, ...] = ()
    not_within: tuple[str, ...] = ()  # phrases in which a term does not count (去小学化 for 小学)


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
    search_examples: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    target_verbs: tuple[str, ...] = ()
    create_verbs: tuple[str, ...] = ()
    at_least_words: tuple[str, ...] = ()
    at_most_words: tuple[str, ...] = ()
    rising_verbs: tuple[str, ...] = ()
    falling_verbs: tuple[str, ...] = ()
    count_units: tuple[str, ...] = ()
    review_titles: tuple[str, ...] = ()
    falling: tuple[str, ...] = ()
    stop_words: tuple[str, ...] = ()
    unit_words: tuple[str, ...] = ()
    table_groups: tuple[str, ...] = ()
    weak_words: tuple[str, ...] = ()
    outcome_words: tuple[str, ...] = ()
    generic_words: tuple[str, ...] = ()
    goal_titles: tuple[str, ...] = ()
    title_words: tuple[str, ...] = ()
    subject_synonyms: tuple[tuple[str, ...], ...] = ()
    query_synonyms: tuple[tuple[str, ...], ...] = ()
    indicator_synonyms: tuple[tuple[str, ...], ...] = ()
    stages: tuple[Stage, ...] = ()
    group_terms: tuple[tuple[str, tuple[str, ...]], ...] = ()
    sources: tuple[str, ...] = field(default=(), compare=False)
    glossary_path: str = ""
    glossary: tuple[GlossaryEntry, ...] = ()
    _synonyms: dict = field(default_factory=dict, init=False, repr=False, compare=False, hash=False)

    def synonyms_of(self, name: str) -> tuple[str, ...]:
        """Every name of the indicator called ``name`` (itself first); remembered per name."""
        if name not in self._synonyms:
            names = [name]
            for group in self.indicator_synonyms:
                if name in group:
                    names += [n for n in group if n not in names]
            self._synonyms[name] = tuple(names)
        return self._synonyms[name]

    def is_review_title(self, title: str) -> bool:
        return any(word in title for word in self.review_titles)


def available() -> list[str]:
    return sorted(path.stem for path in GENRES.glob("*.yml"))


def suggested_genres(title: str) -> list[tuple[str, str]]:
    """(genre, the word of ``title`` marking it) for every genre whose ``title_words`` the
    title holds: ``[("education", "教育")]`` for 国家职业教育改革实施方案."""
    found = []
    for name in available():
        genre = load_genre(name, Report())
        word = next((w for w in genre.title_words if w in title), None) if genre else None
        if word:
            found.append((name, word))
    return found


def load_genre(name: str, report: Report, where: str = "", line: int = 0) -> Genre | None:
    """The genre called ``name`` with what it extends folded in; None (and an error) if unknown
    or bad. A genre read without error is kept for the process, by name and its files' bytes
    (a catalog's plans share a few genres: each file is read and checked once)."""
    key = _genre_key(name)
    if key in _LOADED:
        return _LOADED[key]
    errors = len(report.errors)
    genre = _load_genre(name, report, where, line)
    if genre is not None and len(report.errors) == errors and key is not None:
        _LOADED[key] = genre
    return genre


_LOADED: dict[tuple, Genre] = {}  # genres read without error, by _genre_key


def _genre_key(name: str) -> tuple | None:
    """The genre's name and the bytes of every genre file (None for a name no file has)."""
    if not SLUG.match(name or "") or not (GENRES / f"{name}.yml").is_file():
        return None
    return (name, tuple((p.name, p.read_bytes()) for p in sorted(GENRES.glob("*.yml"))))


def _load_genre(name: str, report: Report, where: str, line: int) -> Genre | None:
    chain: list[tuple[Path, dict]] = []
    seen: set[str] = set()
    while name:
        path = GENRES / f"{name}.yml"
        if not SLUG.match(name) or not path.is_file():
            report.error(where or str(GENRES), line, "genre-unknown",
                         msg("unknown genre '{name}' (known: {known})", name=name, known=", ".join(available())))
            return None
        if name in seen:
            report.error(str(path), 1, "genre-cycle", msg("genre '{name}' extends itself", name=name))
            return None
        seen.add(name)
        document = _read_mapping(path, GENRE_SCHEMA, report)
        if document is None:
            return None
        data = document.value
        chain.append((path, data))
        name = data.get("extends", "")
    genre = Genre(name=chain[0][1].get("name", chain[0][0].stem), title=chain[0][1].get("title", ""),
                  sources=tuple(str(p) for p, _ in chain))
    for _, data in chain:
        genre = _extended(genre, data)
    return genre


def with_glossary(genre: Genre, folder: Path, report: Report) -> Genre:
    """``genre`` with the plan folder's glossary.yml added (unchanged when there is none)."""
    path = folder / GLOSSARY_FILE
    if not present(path):
        return genre
    document = _read_mapping(path, GLOSSARY_SCHEMA, report)
    if document is None:
        return genre
    data = document.value
    stage_terms = data.get("stage_terms", {})
    slugs = {s.slug for s in genre.stages}
    unknown = [slug for slug in stage_terms if slug not in slugs]
    for slug in unknown:
        report.error(str(path), document.key_line("stage_terms", slug), "glossary-unknown-stage",
                     msg("stage '{stage}' is not a stage of genre '{genre}' (its stages: {stages})", stage=slug,
                         genre=genre.name, stages=", ".join(sorted(slugs)) or msg("none")))
    if unknown:
        return genre
    stages = tuple(replace(s, terms=_merged(s.terms, stage_terms.get(s.slug, ()))) for s in genre.stages)
    glossary = {"indicator_synonyms": data.get("indicator_synonyms", []),
                "group_terms": data.get("group_terms", {})}
    entries = _glossary_entries(document)
    return replace(_extended(genre, glossary), stages=stages, glossary_path=str(path),
                   glossary=entries)


def _glossary_entries(document: YamlDocument) -> tuple[GlossaryEntry, ...]:
    """Each entry with the line it is written on, for later checks."""
    entries = []
    for key, value in document.value.items():
        if key == "indicator_synonyms" and isinstance(value, list):
            for number, words in enumerate(value):
                entries.append(GlossaryEntry(key, "", tuple(words), document.line(key, number)))
        elif key in ("stage_terms", "group_terms") and isinstance(value, dict):
            for label, words in value.items():
                entries.append(GlossaryEntry(key, label, tuple(words), document.key_line(key, label)))
    return tuple(entries)


def _extended(genre: Genre, data: dict) -> Genre:
    """``genre`` with the lists, word sets, stages and group words of ``data`` (already
    checked against its schema) added."""
    changes: dict = {}
    for key in LIST_KEYS:
        if key in data:
            changes[key] = _merged(getattr(genre, key), data[key])
    for key in SET_KEYS:
        if key in data:
            changes[key] = getattr(genre, key) + tuple(tuple(group) for group in data[key] if group)
    if "stages" in data and not genre.stages:
        changes["stages"] = tuple(Stage(item["slug"], item["name"], tuple(item.get("terms", ())),
                                        tuple(item.get("table_groups", ())), tuple(item.get("not_within", ())))
                                  for item in data["stages"])
    if "group_terms" in data:
        terms = dict(genre.group_terms)
        for label, words in data["group_terms"].items():
            terms[label] = _merged(terms.get(label, ()), words)
        changes["group_terms"] = tuple(terms.items())
    return replace(genre, **changes)


def _read_mapping(path: Path, schema: dict, report: Report) -> YamlDocument | None:
    """The file as a mapping checked against ``schema`` (empty when the file is), through the
    one YAML loader (size cap, no tags or aliases; codes ``yaml-…``)."""
    document = load_yaml(path, report, schema, "yaml")
    if document is not None and document.value is None:
        return YamlDocument({}, document.lines)
    return document


def _merged(first, second) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*first, *second]))
