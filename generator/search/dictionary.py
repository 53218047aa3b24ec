"""jieba's dictionary kept on disk in shards, so a build loads only the words its text can
reach (for the seed about a tenth of the 500,000 entries) and cuts exactly as jieba does.

jieba (``Tokenizer.get_DAG``, ``calc``, ``cut_for_search``, the HMM step of ``cut``,
``suggest_freq``) only ever looks up a piece of the text being cut: a character, or a
run of characters starting at some place of that text. So the entries a text can reach
are the single characters, and the longer words whose first two characters stand side by
side somewhere in the text. The file holds, once: the dictionary's total frequency, every
entry of one character, and for each first character the shards of its longer entries,
one per second character, each loaded the first time a text holds that pair
(:class:`Shards`, :meth:`Entries.reach`).

The file (``FILE_NAME`` in the cache folder, mapped into memory: only the pages of the
chapters used are read): ``MAGIC``, the header's length (8 bytes,
big-endian), the header, then the chapters. The header is ``marshal`` of (stamp, total,
single-character entries, first character → (offset, length) of its chapter past the
header); a chapter is ``marshal`` of second character → ``marshal`` bytes of the shard
(word → frequency, jieba's own prefix entries of frequency 0 included).
"""
from __future__ import annotations

import marshal
import mmap
import operator
import os
import tempfile
from pathlib import Path

from generator.structure.files import map_regular

FILE_NAME = "jieba-shards"
MAGIC = b"plansite jieba shards 1\n"
MAX_BYTES = 64 << 20  # jieba's dictionary makes about 10 MiB; a larger file is not ours


class Shards:
    """A shard file: ``total`` (int, the frequencies' sum as jieba counts
    it), ``singles`` (character → frequency) and :meth:`shard`. Never changed once made."""

    def __init__(self, data: bytes | mmap.mmap) -> None:
        """``data``: the file's bytes, or the file mapped into memory (only the chapters
        used are then read). Raises ValueError when they are not a shard file."""
        if data[:len(MAGIC)] != MAGIC:
            raise ValueError("not a shard file")
        start = len(MAGIC) + 8
        size = int.from_bytes(data[len(MAGIC):start], "big")
        try:
            self.stamp, self.total, self.singles, self._index = marshal.loads(data[start:start + size])
            end = max((offset + length for offset, length in self._index.values()), default=0)
        except (EOFError, TypeError, AttributeError) as exc:
            raise ValueError(f"damaged header: {exc}") from exc
        self._data = memoryview(data)[start + size:]
        if len(self._data) != end:
            raise ValueError("cut short or grown: the chapters are not the length the header says")
        self._chapters: dict[str, dict[str, bytes]] = {}

    def shard(self, pair: str) -> dict[str, int]:
        """The entries of two characters or more that begin with ``pair`` (two characters),
        as a new dict (empty when there are none)."""
        chapter = self._chapters.get(pair[0])
        if chapter is None:
            where = self._index.get(pair[0])
            chapter = marshal.loads(self._data[where[0]:where[0] + where[1]]) if where else {}
            self._chapters[pair[0]] = chapter
        found = chapter.get(pair[1])
        return marshal.loads(found) if found else {}


def shard_bytes(stamp: tuple, freq: dict[str, int], total: int) -> bytes:
    """The shard file of jieba's ``freq`` and ``total`` (``Tokenizer.gen_pfdict``'s result);
    ``stamp`` identifies the dictionary it came from (:func:`load`)."""
    singles = {word: n for word, n in freq.items() if len(word) == 1}
    shards: dict[str, dict[str, dict[str, int]]] = {}
    for word, n in freq.items():
        if len(word) > 1:
            shards.setdefault(word[0], {}).setdefault(word[1], {})[word] = n
    index, chapters, offset = {}, [], 0
    for first in sorted(shards):
        chapter = marshal.dumps({second: marshal.dumps(shards[first][second]) for second in sorted(shards[first])})
        index[first] = (offset, len(chapter))
        chapters.append(chapter)
        offset += len(chapter)
    header = marshal.dumps((stamp, total, singles, index))
    return b"".join([MAGIC, len(header).to_bytes(8, "big"), header, *chapters])


def load(folder: Path, stamp: tuple) -> Shards | None:
    """The shard file in ``folder`` when it holds the dictionary ``stamp`` names; None when
    it is absent, unreadable, damaged or of another dictionary."""
    try:
        shards = Shards(map_regular(folder / FILE_NAME, MAX_BYTES))
    except (OSError, ValueError):
        return None
    return shards if shards.stamp == stamp else None


def save(folder: Path, data: bytes) -> None:
    """``data`` as the shard file in ``folder``, whole or not at all (a temporary file
    renamed over it); a folder that cannot be made or written is left as it is."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{FILE_NAME}.", dir=folder)
    except OSError:
        return
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, folder / FILE_NAME)
    except OSError:
        Path(temporary).unlink(missing_ok=True)


class Entries:
    """The dictionary of one jieba tokenizer, filled as texts need it: ``freq`` is the dict
    jieba reads (``Tokenizer.FREQ``), holding every single character from the start and the
    shards of the pairs reached so far (``reach``)."""

    def __init__(self, shards: Shards, freq: dict[str, int] | None = None,
                 reached: set[str] | None = None) -> None:
        self.shards = shards
        self.freq = dict(shards.singles) if freq is None else freq
        self.reached = set() if reached is None else reached

    def copy(self) -> Entries:
        """An independent copy (words added to it do not reach this one)."""
        return Entries(self.shards, dict(self.freq), set(self.reached))

    def reach(self, text: str) -> None:
        """Load the shard of every pair of neighbouring characters in ``text`` not loaded
        yet, before jieba cuts ``text`` or adds it as a word: every entry jieba can look up
        for it is then in ``freq``, as in jieba's whole dictionary."""
        new = set(map(operator.add, text, text[1:])) - self.reached
        for pair in new:
            self.freq.update(self.shards.shard(pair))
        self.reached |= new
