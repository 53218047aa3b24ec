"""Catalogs of N plans for `make bench`: copies of the seed with about 3% of the
characters of their prose changed, each copy differently, so that no cache shared
between plans (jieba's, ours) can make copies cheaper than real plans.

Only prose lines (40 characters or more, ending a sentence with 。) are changed, and in
them only Chinese characters that are not numerals or structural words (第, 章, 节, 专栏 …),
so each copy keeps the seed's structure, headings, tables and glossary groups.
Written at bench time into a temporary folder, never committed.
"""
from __future__ import annotations

import random
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "content" / "shuozhou-education-14th"
KEPT = set("零〇一二三四五六七八九十百千万第章节篇专栏项目表指标约束性预期年")
REPLACEMENTS = "的是在有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经"


def varied_text(text: str, seed: int, share: float = 0.03) -> str:
    """``text`` with about ``share`` of its changeable characters replaced (deterministic in ``seed``)."""
    rng = random.Random(seed)
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if len(line) < 40 or "\t" in line or not line.rstrip().endswith("。"):
            continue
        chars = list(line)
        for n, char in enumerate(chars):
            if "\u4e00" <= char <= "\u9fff" and char not in KEPT and rng.random() < share:
                chars[n] = rng.choice(REPLACEMENTS)
        lines[number] = "".join(chars)
    return "\n".join(lines)


def make_catalog(content: Path, plans: int, seed_folder: Path = SEED) -> Path:
    """``content`` holding ``plans`` varied copies of the seed (copy 0 is the seed itself)."""
    content.mkdir(parents=True, exist_ok=True)
    for n in range(plans):
        folder = content / f"{seed_folder.name}-{n:03d}"
        shutil.copytree(seed_folder, folder)
        if n:
            (folder / "reviewed.yml").unlink(missing_ok=True)  # the seed's reviews, stale on a varied copy
            text = folder / "plan.txt"
            text.write_text(varied_text(text.read_text(encoding="utf-8"), n), encoding="utf-8")
    return content


if __name__ == "__main__":
    import sys

    make_catalog(Path(sys.argv[1]), int(sys.argv[2]))
