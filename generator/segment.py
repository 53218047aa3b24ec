"""The one place jieba is used: a private Tokenizer, its dictionary cached on disk.

jieba's module-level functions share a global tokenizer (``jieba.dt``); loading a
user dictionary there changes every caller. We keep an instance of our own. The
dictionary takes about a second to load; jieba saves a parsed copy in
``cache_dir`` so later builds load it faster.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

import jieba

DEFAULT_CACHE = Path(os.environ.get("PLANSITE_CACHE", Path(__file__).resolve().parent.parent / ".cache"))


class Segmenter:
    def __init__(self, cache_dir: Path = DEFAULT_CACHE) -> None:
        jieba.setLogLevel(logging.WARNING)
        cache_dir.mkdir(parents=True, exist_ok=True)
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.tmp_dir = str(cache_dir)
        self._tokenizer.cache_file = "jieba.cache"
        self._loaded = False

    def _ready(self) -> jieba.Tokenizer:
        if not self._loaded:
            self._tokenizer.initialize()
            self._loaded = True
        return self._tokenizer

    def cut(self, text: str) -> list[str]:
        return self._ready().lcut(text)

    def cut_for_search(self, text: str) -> list[str]:
        """Search mode: words plus the dictionary words inside long ones (中小学生 → 中小/小学/…)."""
        return list(self._ready().cut_for_search(text))

    def add_words(self, words: list[str]) -> None:
        """Keep these words whole (the plan's own terms); they stay for this segmenter's lifetime."""
        tokenizer = self._ready()
        for word in words:
            tokenizer.add_word(word)
