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
from functools import lru_cache
from pathlib import Path

import jieba

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
        return self._ready().lcut(text)

    def cut_for_search(self, text: str) -> list[str]:
        """Search mode: words plus the dictionary words inside long ones (中小学生 → 中小/小学/…)."""
        return list(self._ready().cut_for_search(text))
