"""A plan ``factor`` times the seed's size, for measuring how the build's cost grows.

Every plain paragraph of the body (after the table of contents; ending a sentence; not a
heading, numbered point, table row or part of a 专栏) is printed ``factor`` times in a row,
so the structure (chapters, sections, 专栏 and their projects, indicators) stays that of
the seed and only the amount of prose grows. Every copy after the first has about 3% of
its characters changed (bench/catalog.py ``varied_text``), so that no cache keyed on a
sentence's text can make the copies cheaper than new prose. Written at bench time, never
committed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from bench.catalog import varied_text
from generator.parse.grammar import BOX, CHAPTER, TABLE_ROW, ends_sentence, starts_block


def scaled_text(text: str, factor: int) -> str:
    """The seed's text with each body paragraph repeated ``factor`` times."""
    lines = text.split("\n")
    chapter_lines = [n for n, line in enumerate(lines) if CHAPTER.match(line.strip())]
    body_start = _body_start(lines, chapter_lines)
    out = lines[:body_start]
    in_box = False
    for line in lines[body_start:]:
        stripped = line.strip(" \t\u3000")
        if stripped and starts_block(stripped):
            in_box = bool(BOX.match(stripped)) or (in_box and bool(TABLE_ROW.match(stripped)))
        plain = stripped and not in_box and not starts_block(stripped) and ends_sentence(stripped)
        copies = factor if plain else 1
        out.extend([line] + [varied_text(line, len(out) + copy) for copy in range(1, copies)])
    return "\n".join(out)


def _body_start(lines: list[str], chapter_lines: list[int]) -> int:
    """Line of the first chapter heading after the table of contents (the first heading printed twice)."""
    first = lines[chapter_lines[0]].strip() if chapter_lines else ""
    repeats = [n for n in chapter_lines[1:] if lines[n].strip() == first]
    return repeats[0] if repeats else (chapter_lines[0] if chapter_lines else 0)


def scaled_plan(seed: Path, folder: Path, factor: int) -> Path:
    """Copy of the plan folder ``seed`` into ``folder`` with its text scaled; returns ``folder``."""
    shutil.copytree(seed, folder)
    text = folder / "plan.txt"
    text.write_text(scaled_text(text.read_text(encoding="utf-8"), factor), encoding="utf-8")
    (folder / "links.yml").unlink(missing_ok=True)
    return folder
