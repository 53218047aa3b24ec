"""A MkDocs copy of a plan, for timing Material for MkDocs on the same text: one Markdown
page per chapter (第X节 as ##, 一、 points as ###, every other line a paragraph), the
notice and preamble on the home page. Written at bench time, never committed."""
from __future__ import annotations

import re
from pathlib import Path

from bench.scale import _body_start
from generator.parse.grammar import CHAPTER

SECTION = re.compile(r"^第[一二三四五六七八九十]+节")
POINT = re.compile(r"^[一二三四五六七八九十]+、")


def mkdocs_project(plan_text: str, folder: Path, title: str) -> Path:
    """``folder`` with mkdocs.yml (theme: material, its default search) and docs/; returns it."""
    lines = plan_text.split("\n")
    chapter_lines = [n for n, line in enumerate(lines) if CHAPTER.match(line.strip())]
    start = _body_start(lines, chapter_lines)
    pages: list[tuple[str, list[str]]] = [("index", [f"# {title}", ""])]
    for number, line in enumerate(lines):
        text = line.strip(" \t\u3000")
        if not text:
            continue
        if number >= start and CHAPTER.match(text):
            pages.append((f"chp_{len(pages)}", [f"# {text}", ""]))
        elif SECTION.match(text):
            pages[-1][1].extend([f"## {text}", ""])
        elif POINT.match(text) and len(text) < 40:
            pages[-1][1].extend([f"### {text}", ""])
        else:
            pages[-1][1].extend([text.replace("*", r"\*").replace("#", r"\#"), ""])
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, body in pages:
        (docs / f"{name}.md").write_text("\n".join(body), encoding="utf-8")
    nav = "\n".join(f"  - {name}.md" for name, _ in pages)
    (folder / "mkdocs.yml").write_text(f"site_name: {title}\ntheme:\n  name: material\n  language: zh\n"
                                       f"plugins:\n  - search:\n      lang: zh\nnav:\n{nav}\n", encoding="utf-8")
    return folder
