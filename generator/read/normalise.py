"""Text normalisation for every source (a text file, a converted PDF, Word file or web page).

One function, :func:`normalise`, applied to the plan's lines after conversion and before
they are cut into paragraphs. It never adds or removes a line (a dropped line becomes
empty), so the line numbers of diagnostics stay those of the text ``extract`` prints:

- **look-alike code points folded**: Kangxi radicals (U+2F00–U+2FD5), CJK compatibility
  ideographs (U+F900–U+FAFF, U+2F800–U+2FA1D), both by their Unicode decomposition (NFKC of
  the one character), and the simplified forms of the CJK Radicals Supplement (U+2E80–U+2EFF:
  ⺠ for 民, ⻓ for 长) by Unicode's ``EquivalentUnifiedIdeograph.txt``. PDF text tools of the
  pdfminer family emit them (9% of the seed's PDF); they look the same and break search.
- **spaces**: no-break and other fixed-width spaces become plain spaces, zero-width
  characters go; the single spaces PDF text tools put around a number between Chinese
  characters, and between a number and 年/月/日, are removed (``2022 年 9 月 6 日`` →
  ``2022年9月6日``, ``共 12 所`` → ``共12所``); ``表1 主要指标`` keeps its space, and two or
  more spaces (a PDF table's aligned columns) are kept.
- **OCR page numbers** dropped: a line holding only ``一1一``, ``-3``, ``— 12``, ``12 —``,
  a number printed between two halves of a sentence (the line before does not end a
  sentence), or the numbers after the last paragraph; ``一1一`` glued between two Chinese
  characters inside a line. (The printed forms ``— 12 —``, ``第 12 页`` are dropped by
  ``source.paragraphs`` as before.)
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.parse.grammar import ends_sentence

# CJK Radicals Supplement → unified ideograph (Unicode EquivalentUnifiedIdeograph.txt, the
# forms with no decomposition of their own; ⺟ and ⻳ are folded by NFKC).
RADICAL_EQUIVALENTS = {
    "\u2e81": "厂", "\u2e8a": "卜", "\u2e8c": "小", "\u2ea0": "民", "\u2eae": "竹", "\u2ec4": "西",
    "\u2ec5": "见", "\u2ec6": "角", "\u2ec8": "讠", "\u2ec9": "贝", "\u2eca": "足", "\u2ecb": "车",
    "\u2ecc": "辶", "\u2ed0": "钅", "\u2ed3": "长", "\u2ed4": "门", "\u2ed9": "韦", "\u2eda": "页",
    "\u2edb": "风", "\u2edc": "飞", "\u2ee0": "饣", "\u2ee2": "马", "\u2ee5": "鱼", "\u2ee6": "鸟",
    "\u2ee7": "卤", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eea": "黾", "\u2eec": "齐", "\u2eee": "齿",
    "\u2ef0": "龙",
    # the full forms a Chromium print of a web page gave too (seed-web.pdf: ⻘ 12 times, ⻝ ⻣ ⻑)
    "\u2ed1": "長", "\u2ed7": "雨", "\u2ed8": "青", "\u2edd": "食", "\u2ee1": "首", "\u2ee3": "骨",
    "\u2ee4": "鬼",
}
_LOOK_ALIKE = re.compile("[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff\U0002f800-\U0002fa1f]")
_SPACES = str.maketrans({c: " " for c in "\u00a0\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"}
                        | {c: None for c in "\u200b\u200c\u200d\u2060\ufeff"})
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
# a number after a Chinese character and one space, before a Chinese character or mark with
# at most one space (年 9 月, 共 12 所, 达到 95%，), or one space between a number and 年/月/日
# (2022 年): how PDF text tools write them. Two or more spaces align a table's columns;
# 表1 主要指标 keeps its space.
_HAN_DIGIT_SPACE = re.compile(
    rf"(?<=[{_HAN}]) (\d+(?:\.\d+)?%?) ?(?=[{_HAN}\u3001-\u303f\uff01-\uff0f\uff1a-\uff1f])|(?<=\d) (?=[年月日])")
_DASH = "—–\\-－一"
OCR_PAGE_NUMBER = re.compile(rf"^(?:[{_DASH}]{{1,2}} ?\d{{1,4}} ?[{_DASH}]{{0,2}}|\d{{1,4}} ?[{_DASH}]{{1,2}})$")
_BARE_NUMBER = re.compile(r"^\d{1,3}$")  # a page number; a year (2025) alone on a line is kept
_GLUED_PAGE_NUMBER = re.compile(rf"(?<=[{_HAN}])一\d{{1,3}}一(?=[{_HAN}])")


@dataclass(frozen=True)
class Normalised:
    """The normalised lines (as many as given) and what was folded: the number of look-alike
    characters and the 1-based line of the first (0: none)."""

    lines: list[str]
    folded: int = 0
    first_folded_line: int = 0


def fold_look_alikes(text: str) -> tuple[str, int]:
    """``text`` with Kangxi radicals, radical-supplement forms and CJK compatibility
    ideographs replaced by the unified ideographs they stand for, and how many were."""
    count = 0

    def fold(match: re.Match) -> str:
        nonlocal count
        char = match.group()
        folded = RADICAL_EQUIVALENTS.get(char) or unicodedata.normalize("NFKC", char)
        count += folded != char
        return folded

    return _LOOK_ALIKE.sub(fold, text), count


def normalise_line(line: str) -> str:
    """One line's spaces normalised (no folding, no page numbers): fixed-width spaces to
    plain ones, zero-width characters removed, a number's PDF-tool spaces between Chinese characters removed."""
    return _HAN_DIGIT_SPACE.sub(lambda m: m.group(1) or "", line.translate(_SPACES))


def normalise(lines: list[str]) -> Normalised:
    """Every line normalised (see the module's docstring); dropped page numbers become ''."""
    result, folded, first = [], 0, 0
    for number, line in enumerate(lines, 1):
        line, count = fold_look_alikes(normalise_line(line))
        if count and not folded:
            first = number
        folded += count
        result.append(_GLUED_PAGE_NUMBER.sub("", line))
    _drop_page_numbers(result)
    return Normalised(result, folded, first)


def _drop_page_numbers(lines: list[str]) -> None:
    """Blank the lines that are OCR page numbers (see the module's docstring), in place."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    last_text = max((i for i in filled if not _BARE_NUMBER.match(lines[i].strip())), default=-1)
    previous = ""
    for i in filled:
        stripped = lines[i].strip(" \t\u3000")
        if OCR_PAGE_NUMBER.match(stripped) or (_BARE_NUMBER.match(stripped) and (
                i > last_text or (previous and not previous.startswith("|") and not ends_sentence(previous)))):
            lines[i] = ""
            continue
        previous = stripped
