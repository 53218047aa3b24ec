"""The one place jieba is used: private tokenizers, the dictionary loaded in shards.

jieba's module-level functions share a global tokenizer (``jieba.dt``); loading a
user dictionary there changes every caller. We keep tokenizers of our own, and a
``Segmenter`` never changes once made: a plan's own terms (``search.plan_terms``) give
a new segmenter (``with_words``), so one plan's terms never change how another plan,
or a later test, is cut.

jieba's dictionary takes about a second to parse and its own parsed copy half a second
to load, more than the rest of a one-plan build's cutting. We parse it once, with jieba's
own parser (``Tokenizer.gen_pfdict``), into a file of shards in ``cache_dir``
(``search/dictionary.py``), and a tokenizer gets only the shards the texts it cuts can
reach: the cuts are jieba's, entry for entry (``tests/test_segment.py`` compares them with
a plain ``jieba.Tokenizer`` on the seed and the real plans). The file is read once per
process and cache folder (``_shards``); the segmenters of jieba's dictionary alone share
one set of loaded entries (``_base_entries``), and a segmenter handed to a worker process
(pickled without its tokenizer) loads what it needs there. A cache folder that cannot be
made or written costs the parse, nothing else.
"""
from __future__ import annotations

import logging
import os
import re
import sys
from functools import lru_cache
from itertools import islice
from pathlib import Path

from generator.search.dictionary import Entries, Shards, load, save, shard_bytes

LONG_RUN = 64  # ASCII letters and digits in a row: longer runs are cut in pieces before jieba
_LONG_RUN = re.compile(f"[0-9A-Za-z]{{{LONG_RUN},}}")
DEFAULT_CACHE = Path(os.environ.get("PLANSITE_CACHE", Path(__file__).resolve().parents[2] / ".cache"))


def _jieba():
    """The jieba module, imported without ``pkg_resources`` when nothing has imported it yet:
    jieba only opens its own data files with it, falls back to ``open`` when the import
    fails (as on a Python without setuptools), and the import costs 60 ms of a build."""
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # an ImportError for ``import pkg_resources``
    try:
        import jieba
    finally:
        if blocked:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(logging.CRITICAL)
    return jieba


def _stamp(jieba) -> tuple:
    """What names jieba's dictionary file: jieba's version, the file's size and time."""
    path = Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME
    found = path.stat()
    return (jieba.__version__, found.st_size, found.st_mtime_ns)


@lru_cache(maxsize=None)
def _shards(cache_dir: Path) -> Shards:
    """jieba's dictionary in shards, read once per process and cache folder from
    ``cache_dir`` (``dictionary.FILE_NAME``); parsed by jieba and saved there when the file
    is absent or of another dictionary."""
    jieba = _jieba()
    stamp = _stamp(jieba)
    found = load(cache_dir, stamp)
    if found is None:
        with open(Path(jieba.__file__).parent / jieba.DEFAULT_DICT_NAME, "rb") as source:
            freq, total = jieba.Tokenizer.gen_pfdict(source)
        data = shard_bytes(stamp, freq, total)
        save(cache_dir, data)
        found = Shards(data)
    return found


@lru_cache(maxsize=None)
def _base_entries(cache_dir: Path) -> Entries:
    """The loaded entries of jieba's dictionary alone, shared by every segmenter without
    words of its own in this process (they only ever gain jieba's entries)."""
    return Entries(_shards(cache_dir))


SEPARATOR = "\0"  # between the words of a cut kept in the build cache (``Cuts.entry``)


class Cuts:
    """Cuts remembered from one build to the next (a plan's entry in the build cache): for a
    segmenter's words and a mode ("cut", "search"), text → its words. ``known``: what the
    last build cut; ``used``: what this build cut or found, from which ``entry`` makes the
    entry to keep for the next build (so texts no longer in the plan are dropped). A cut is
    a function of jieba's dictionary, the words added and the text alone: a one-character
    change cuts one text again, not the plan."""

    def __init__(self, known: dict | None = None) -> None:
        self.known = known if isinstance(known, dict) else {}
        self.used: dict[tuple[tuple[str, ...], str], dict[str, tuple[str, ...]]] = {}

    def tables(self, words: tuple[str, ...], mode: str) -> tuple[dict, dict]:
        """(known, used) of a segmenter's ``words`` and ``mode``; ``used`` is filled by the caller.
        A known cut is a tuple of words or, as ``entry`` keeps it, a string (``known_words``)."""
        known = self.known.get((words, mode))
        return known if isinstance(known, dict) else {}, self.used.setdefault((words, mode), {})

    def entry(self, added: dict | None = None, since: dict | None = None) -> dict:
        """``used`` as the build cache keeps it: each cut's words joined by ``SEPARATOR`` (one
        string pickles and loads several times faster than a tuple of words), kept as its
        tuple when a word is empty or holds the separator. With ``since`` ({table: entries
        before}), only the entries added since; ``added``: entries of that form (what a child
        process cut, ``build.SearchSide``) merged in."""
        kept: dict = {}
        for table, found in self.used.items():
            start = (since or {}).get(table, 0)
            kept[table] = {text: _joined(words) for text, words in islice(found.items(), start, None)}
        for table, found in (added or {}).items():
            kept.setdefault(table, {}).update(found)
        return {table: found for table, found in kept.items() if found or since is None}


def _joined(words: tuple[str, ...]) -> str | tuple[str, ...]:
    if all(words) and not any(SEPARATOR in word for word in words):
        return SEPARATOR.join(words)
    return words


def known_words(kept: object) -> tuple[str, ...] | None:
    """A cut as ``Cuts.entry`` kept it, as a tuple of words; None when it is neither form."""
    if isinstance(kept, str):
        return tuple(kept.split(SEPARATOR)) if kept else ()
    return kept if isinstance(kept, tuple) else None


class Segmenter:
    """jieba's dictionary plus ``words`` (kept whole: a plan's own terms), loaded when
    some text is first cut; with ``cuts``, a text cut before is not cut again."""

    def __init__(self, cache_dir: Path = DEFAULT_CACHE, words: tuple[str, ...] = (),
                 cuts: Cuts | None = None) -> None:
        self.cache_dir = cache_dir
        self.words = tuple(words)
        self.cuts = cuts
        self._base: Segmenter | None = None  # the segmenter whose dictionary this one copies
        self._tokenizer = None  # jieba.Tokenizer
        self._entries: Entries | None = None  # the tokenizer's dictionary, loaded as texts need it
        self._tables: dict[str, tuple[dict, dict]] = {}  # mode → this segmenter's (known, used) cuts

    def with_words(self, words: list[str] | tuple[str, ...]) -> Segmenter:
        """A segmenter cutting as this one does, with ``words`` also kept whole (in the
        order given; a word already known adds nothing), remembering its cuts in the same
        ``cuts``. This one is unchanged."""
        new = [w for w in dict.fromkeys(words) if w not in self.words]
        if not new:
            return self
        derived = Segmenter(self.cache_dir, self.words + tuple(new), self.cuts)
        derived._base = self._base or self
        return derived

    def remembering(self, cuts: Cuts) -> Segmenter:
        """A segmenter cutting as this one does, keeping its cuts (and those of the
        segmenters ``with_words`` makes from it) in ``cuts``."""
        twin = Segmenter(self.cache_dir, self.words, cuts)
        twin._base = self._base
        return twin

    def _ready(self):
        """(the jieba tokenizer, its entries), made on first use."""
        if self._tokenizer is None:
            self._tokenizer, self._entries = self._load()
        return self._tokenizer, self._entries

    def __getstate__(self) -> dict:
        """Pickled without its tokenizer (megabytes): the other process makes it on first use."""
        return dict(vars(self), _tokenizer=None, _entries=None, _tables={})

    def _load(self):
        jieba = _jieba()
        tokenizer = jieba.Tokenizer()
        if self._base is None and not self.words:
            entries = _base_entries(self.cache_dir)
            tokenizer.total = entries.shards.total
        else:
            base, base_entries = (self._base or Segmenter(self.cache_dir))._ready()
            entries = base_entries.copy()
            tokenizer.total = base.total
        tokenizer.FREQ = entries.freq
        tokenizer.initialized = True
        for word in self.words:
            entries.reach(word)  # before jieba adds it: the entries it would find are there
            tokenizer.add_word(word)
        return tokenizer, entries

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, in order (joined, they give ``text`` back)."""
        return self._cut("cut", text)

    def cut_for_search(self, text: str) -> list[str]:
        """Search mode: words plus the dictionary words inside long ones (中小学生 → 中小/小学/…)."""
        return self._cut("search", text)

    def _cut(self, mode: str, text: str) -> list[str]:
        if self.cuts is None:
            return self._jieba_cut(mode, text)
        if mode not in self._tables:
            self._tables[mode] = self.cuts.tables(self.words, mode)
        known, used = self._tables[mode]
        found = used.get(text)
        if found is None:
            found = known_words(known.get(text))
            if found is None:
                found = tuple(self._jieba_cut(mode, text))
            used[text] = found
        return list(found)

    def _jieba_cut(self, mode: str, text: str) -> list[str]:
        tokenizer, entries = self._ready()
        cut = tokenizer.lcut if mode == "cut" else tokenizer.cut_for_search
        words: list[str] = []
        for piece in pieces(text):
            entries.reach(piece)
            words += cut(piece)
        return words


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
