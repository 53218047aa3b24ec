"""Find quantitative targets in the prose: a figure with a deadline or a level to reach.

A figure counts when its sentence sets a deadline (到2025年, 到“十四五”末, 五年内,
每年…), or when, in its clause, a verb of reaching (达到, 超过, 不低于, 至少…) or of
creating (建设, 创建, 培育…) comes before it. Figures inside 《titles》 and quoted
names, and reference values (原10%), are not targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.parse.figures import FigureReader, number, reader
from generator.config.genre import Genre
from generator.parse.grammar import FIVE_YEAR_PERIOD, SENTENCE, SENTENCE_MARKS
from generator.parse.table import five_year_plan_end


@dataclass(frozen=True)
class Vocabulary:
    """The genre's words as patterns: its figure reader (units, comparisons), its verbs of
    reaching and creating."""

    figures: FigureReader
    level: re.Pattern
    create: re.Pattern


_VOCABULARIES: dict[Genre, Vocabulary] = {}


def vocabulary(genre: Genre) -> Vocabulary:
    """Patterns for ``genre``, compiled once per genre."""
    if genre not in _VOCABULARIES:
        _VOCABULARIES[genre] = Vocabulary(
            figures=reader(genre),
            level=re.compile(_alternatives(genre.target_verbs)),
            create=re.compile(_alternatives(genre.create_verbs)),
        )
    return _VOCABULARIES[genre]


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"

DEADLINE = re.compile(
    r"到\s*(\d{4})\s*年(?:底|末)?|(\d{4})\s*年(?:前|底前)|到?“?十([一二三四五六七八九])五”?(?:末|期末|期间)"
    rf"|力争在“?{FIVE_YEAR_PERIOD}”?期间|五年内|每年|每学期"
)
CLAUSE_BREAK = "，、：,"
NORM = re.compile(r"(?:一般|原则上|通常)(?:为|是)?$")  # a rule stated, not a target set
MODAL_END = re.compile(r"(?:原则上|力争|确保|争取|努力)+$")  # words of resolve before the verb: not the subject


@dataclass(frozen=True)
class Found:
    value: float | int
    value_max: float | int | None
    unit: str
    op: str
    year: int | None
    deadline: str | None
    subject: str
    quote: str
    start: int
    end: int


def find_targets(text: str, plan_end_year: int | None, genre: Genre) -> list[Found]:
    words = vocabulary(genre)
    found: list[Found] = []
    carried: tuple[str, int | None] | None = None
    masked = _mask_names(text)
    for sentence in SENTENCE.finditer(masked):
        deadlines = _deadlines(sentence.group(), plan_end_year)
        for figure in words.figures.figure.finditer(sentence.group()):
            deadline = _nearest_before(deadlines, figure.start()) or carried
            start = sentence.start() + figure.start()
            clause_start = _clause_start(masked, start, sentence.start())
            before = masked[clause_start:start]
            after = masked[sentence.start() + figure.end():]
            if before.endswith("原") or _is_condition(before, figure.group(4), after, words):
                continue
            leveled = bool(words.level.search(before)) or figure.group(4) in ("以上", "以下")
            created = bool(words.create.search(before))
            if not (deadline or leveled or created):
                continue
            figure_end = sentence.start() + figure.end()
            clause_end = _clause_end(masked, figure_end, sentence.end())
            subject = _subject(text[clause_start:start], words) or text[figure_end:clause_end].strip()
            found.append(Found(
                value=number(figure.group(1)), value_max=number(figure.group(2)) if figure.group(2) else None,
                unit=figure.group(3), op=words.figures.comparison(before, figure.group(3), figure.group(4)),
                year=deadline[1] if deadline else None, deadline=deadline[0] if deadline else None,
                subject=subject, quote=text[clause_start:clause_end],
                start=clause_start, end=clause_end,
            ))
        lasting = [d for _, d in deadlines if d[0] not in ("每年", "每学期")]
        if lasting:
            carried = lasting[-1]
    return found


def _mask_names(text: str) -> str:
    """Blank out 《…》 titles and “…” names so their digits are not read as figures."""
    def blank(match: re.Match) -> str:
        inner = match.group(0)
        return inner[0] + "□" * (len(inner) - 2) + inner[-1] if re.search(r"\d", inner) else inner
    return re.sub(r"《[^》]*》|“[^”]*”", blank, text)


def _deadlines(sentence: str, plan_end_year: int | None) -> list[tuple[int, tuple[str, int | None]]]:
    return [(m.start(), _deadline(m, plan_end_year)) for m in DEADLINE.finditer(sentence)]


def _nearest_before(deadlines: list, at: int) -> tuple[str, int | None] | None:
    before = [d for pos, d in deadlines if pos < at]
    if before:
        return before[-1]
    return deadlines[0][1] if deadlines else None


def _deadline(match: re.Match, plan_end_year: int | None) -> tuple[str, int | None]:
    phrase = match.group(0)
    if match.group(1) or match.group(2):
        return phrase, int(match.group(1) or match.group(2))
    if "五”" in phrase or "五末" in phrase or "五期" in phrase or "十" in phrase:
        return phrase, five_year_plan_end(phrase) or plan_end_year
    if phrase == "五年内":
        return phrase, plan_end_year
    return phrase, None


def _clause_start(text: str, at: int, floor: int) -> int:
    """Start of the clause holding position ``at``; breaks inside （…） do not count."""
    i, depth = at, 0
    while i > floor:
        char = text[i - 1]
        depth += {"）": 1, ")": 1, "（": -1, "(": -1}.get(char, 0)
        if depth <= 0 and char in CLAUSE_BREAK:
            break
        i -= 1
    return i


def _clause_end(text: str, at: int, ceiling: int) -> int:
    i = at
    while i < ceiling and text[i] not in CLAUSE_BREAK + SENTENCE_MARKS:
        i += 1
    return i


def _is_condition(before: str, qualifier: str | None, after: str, words: Vocabulary) -> bool:
    """A figure that is not one to reach:
    - the ground a measure builds on: '在…拨款水平达到12000元的基础上' (whatever the verb);
    - a threshold describing who: '常驻人口在2000人以上大村…', '2000人以下的连片村',
      '3岁以下儿童系统管理率', '15岁以上人群吸烟率' (no verb of reaching or creating before
      it, and a noun right after its 以上/以下);
    - a norm: '顶岗实习时间一般为6个月', '原则上为…' (no verb of reaching or creating)."""
    if after.startswith("的基础上"):
        return True
    if words.level.search(before) or words.create.search(before):
        return False
    describes = qualifier in ("以上", "以下") and bool(re.match(r"[的\u4e00-\u9fff]", after))
    return before.endswith("在") or describes or bool(NORM.search(before))


def _subject(before: str, words: Vocabulary) -> str:
    before = DEADLINE.sub("", before)
    before = re.sub(rf"^(?:{words.create.pattern}|{words.level.pattern})+", "", before.strip(" ，、"))
    before = re.sub(r"^其中|在原.*$", "", before)
    before = re.sub(rf"(?:探索|积极|全面|推动|落实)*(?:{words.create.pattern}|{words.level.pattern})+$", "", before)
    subject = re.sub(rf"(?:{words.level.pattern})+$", "", before)
    subject = MODAL_END.sub("", subject)  # 预约诊疗率原则上不低于80%: the subject is 预约诊疗率, not …原则上
    return subject.strip(" ，、")
