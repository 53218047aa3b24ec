"""The one place jieba is used: private tokenizers, the dictionary cached on disk.

jieba's module-level functions share a global tokenizer (``jieba.dt``); loading a
user dictionary there changes every caller. We keep tokenizers of our own, and a
``Segmenter`` never changes once made: a plan's own terms (``search.plan_terms``) give
a new segmenter (``with_words``), so one plan's terms never change how another plan,
or a later test, is cut.

jieba's dictionary takes about a second to parse; jieba saves a parsed copy in
``cache_dir`` (``jieba.cache``, about 0.5 s to load), and it is loaded once per process
and cache folder (``_dictionary``) and shared by every segmenter: a segmenter handed to
a worker process (pickled without its tokenizer) loads it there at most once.
A cache folder that cannot be made or written costs that second, nothing else:
jieba's own log (which prints a traceback when its copy cannot be saved) is silenced.
"""
from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from pathlib import Path

import jieba

LONG_RUN = 64  # ASCII letters and digits in a row: longer runs are cut in pieces before jieba
_LONG_RUN = re.compile(f"[0-9A-Za-z]{{{LONG_RUN},}}")
DEFAULT_CACHE = Path(os.environ.get("PLANSITE_CACHE", Path(__file__).resolve().parents[2] / ".cache"))


@lru_cache(maxsize=None)
def _dictionary(cache_dir: Path) -> tuple[dict[str, int], int]:
    """jieba's own dictionary: (word → frequency, the frequencies' total), parsed once per
    process and cache folder (its parsed copy in ``cache_dir/jieba.cache``, written by jieba).
    The same for every caller, and never changed: a tokenizer adding words copies it."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError:  # no saved copy: jieba parses its dictionary each time
        pass
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = str(cache_dir)
    tokenizer.cache_file = "jieba.cache"
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


class Segmenter:
    """jieba's dictionary plus ``words`` (kept whole: a plan's own terms), loaded when
    some text is first cut."""

    def __init__(self, cache_dir: Path = DEFAULT_CACHE, words: tuple[str, ...] = ()) -> None:
        jieba.setLogLevel(logging.CRITICAL)
        self.cache_dir = cache_dir
        self.words = tuple(words)
        self._base: Segmenter | None = None  # the segmenter whose dictionary this one copies
        self._tokenizer: jieba.Tokenizer | None = None

    def with_words(self, words: list[str] | tuple[str, ...]) -> Segmenter:
        """A segmenter cutting as this one does, with ``words`` also kept whole (in the
        order given; a word already known adds nothing). This one is unchanged."""
        new = [w for w in dict.fromkeys(words) if w not in self.words]
        if not new:
            return self
        derived = Segmenter(self.cache_dir, self.words + tuple(new))
        derived._base = self._base or self
        return derived

    def _ready(self) -> jieba.Tokenizer:
        if self._tokenizer is None:
            self._tokenizer = self._load()
        return self._tokenizer

    def __getstate__(self) -> dict:
        """Pickled without its tokenizer (megabytes): the other process makes it on first use."""
        return dict(vars(self), _tokenizer=None)

    def _load(self) -> jieba.Tokenizer:
        if self._base is None and not self.words:
            tokenizer = jieba.Tokenizer()
            tokenizer.FREQ, tokenizer.total = _dictionary(self.cache_dir)
            tokenizer.initialized = True
            return tokenizer
        base = (self._base or Segmenter(self.cache_dir))._ready()
        tokenizer = jieba.Tokenizer()
        tokenizer.FREQ, tokenizer.total = dict(base.FREQ), base.total
        tokenizer.initialized = True
        for word in self.words:
            tokenizer.add_word(word)
        return tokenizer

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, in order (joined, they give ``text`` back)."""
        tokenizer = self._ready()
        return [word for piece in pieces(text) for word in tokenizer.lcut(piece)]

    def cut_for_search(self, text: str) -> list[str]:
        """Search mode: words plus the dictionary words inside long ones (中小学生 → 中小/小学/…)."""
        tokenizer = self._ready()
        return [word for piece in pieces(text) for word in tokenizer.cut_for_search(piece)]


def pieces(text: str) -> list[str]:
    """``text`` cut around each run of ``LONG_RUN`` or more ASCII letters and digits, the run
    itself in pieces of that many: jieba's cost grows faster than the length of such a run
    (a run of 200,000 digits took seconds per 10,000), and no word is that long. Text
    without such a run is one piece, cut as it always was."""
    if not _LONG_RUN.search(text):
        return [text]
    found, last = [], 0
    for run in _LONG_RUN.finditer(text):
        found.append(text[last:run.start()])
        letters = run.group()
        found += [letters[i:i + LONG_RUN] for i in range(0, len(letters), LONG_RUN)]
        last = run.end()
    found.append(text[last:])
    return [piece for piece in found if piece]
