"""The guides name only what exists: every file path, every key of a ``plan.yml``,
``glossary.yml``, ``links.yml`` or ``site.yml`` example, every make target and every
command-line flag named in ``README.md`` and ``docs/*.md`` is found in the code.

What a guide names is read from its backticked spans (`like this`) and its YAML examples
(a fenced block whose first line is a comment naming the file: ``# content/<slug>/plan.yml``):

- a path (a span holding ``/`` or ending in a file extension) exists under the project root
  or under ``generator/``; a path of the built site (``_site/…``), one holding a placeholder
  (``<slug>``, ``N``, ``*``) or a bare file name is a name the code writes or reads, so its last
  part, when it holds no placeholder, is found in the code's text (``generator/``,
  ``templates/``, ``static/``) or is a file of the project (``plan.txt`` of a plan in ``content/``);
- a YAML example's keys (commented-out ones too, and the keys of flow mappings in a list)
  are keys of that file's schema;
- ``make X`` names a target of the Makefile;
- a relative Markdown link (``[editing](docs/editing.md)``, a picture) leads to a file;
- ``--flag`` is spelled in the code: ``"--flag"`` in ``generator/`` or ``bench/``, or in the
  Makefile or ``scripts/``.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import ROOT
from generator.check.reviewed import REVIEWED_SCHEMA
from generator.config.genre import GENRE_SCHEMA, GLOSSARY_SCHEMA
from generator.config.siteconfig import SCHEMA as SITE_SCHEMA
from generator.link.overrides import OVERRIDES_SCHEMA
from generator.link.progress import PROGRESS_SCHEMA
from generator.read.source import META_SCHEMA

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SPAN = re.compile(r"`([^`\n]+)`")
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.S | re.M)
EXTENSIONS = ("py", "js", "yml", "yaml", "html", "md", "txt", "json", "csv", "xml", "png", "css", "lock", "svg")
PATH = re.compile(r"^(?=.*[A-Za-z])[\w.<>*/-]+$")
PLACEHOLDER = re.compile(r"<[^>]*>|\*|(?<![A-Za-z])N(?![A-Za-z])")
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")
MAKE = re.compile(r"^make ([\w-]+)")
LINK = re.compile(r"\]\(([^)\s]+)\)")  # a Markdown link or image: [text](target)
YAML_KEY = re.compile(r"^(?:#\s*)?([a-z_]+):", re.M)
FLOW_KEY = re.compile(r"[{,]\s*([a-z_]+):")
SOURCES = ("generator", "templates", "static", "bench", "tests", "content")  # where a bare file name is looked for
SCHEMAS = {"plan.yml": META_SCHEMA, "site.yml": SITE_SCHEMA, "links.yml": OVERRIDES_SCHEMA,
           "glossary.yml": GLOSSARY_SCHEMA, "reviewed.yml": REVIEWED_SCHEMA, "progress.yml": PROGRESS_SCHEMA,
           "genres/*.yml": GENRE_SCHEMA}


def spans(text: str) -> list[str]:
    """The backticked spans of a guide, outside fenced blocks."""
    return SPAN.findall(FENCE.sub("", text))


def is_path(span: str) -> bool:
    """A span naming a file or folder: ``generator/link/serves.py``, ``plan.yml``, ``_site/``."""
    if not PATH.match(span) or span.startswith(("-", ".", "http")) and not span.startswith(".ci/"):
        return False
    return "/" in span or span.rsplit(".", 1)[-1] in EXTENSIONS and "." in span


def yaml_examples(text: str) -> list[tuple[str, str]]:
    """(file name, body) of each YAML example whose first line names its file."""
    found = []
    for language, body in FENCE.findall(text):
        first = body.split("\n", 1)[0]
        if language == "yaml" and first.startswith("#"):
            path = first.lstrip("# ").strip()
            found.append(("genres/*.yml" if path.startswith("generator/genres/") else path.rsplit("/", 1)[-1], body))
    return found


def schema_keys(schema: dict) -> set[str]:
    """Every property name at any depth of a JSON Schema."""
    keys: set[str] = set()
    for key, value in schema.items():
        if key == "properties":
            keys |= set(value)
        if isinstance(value, dict):
            keys |= schema_keys(value)
    return keys


def example_keys(body: str) -> set[str]:
    return set(YAML_KEY.findall(body)) | set(FLOW_KEY.findall(body))


def code_text() -> str:
    parts = [p for folder in ("generator", "templates", "static") for p in sorted((ROOT / folder).rglob("*"))
             if p.is_file() and p.suffix in (".py", ".html", ".xml", ".js", ".yml")]
    return "\n".join(p.read_text(encoding="utf-8") for p in parts)


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {name for line in re.findall(r"^([\w .-]+):(?!=)", text, re.M) for name in line.split()}


def flag_sources() -> str:
    files = [*sorted((ROOT / "generator").rglob("*.py")), *sorted((ROOT / "bench").rglob("*.py")),
             ROOT / "Makefile", *sorted((ROOT / "scripts").glob("*"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in files if p.is_file())


def path_exists(span: str, code: str) -> bool:
    path = span.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    if path.startswith("../"):
        return True  # outside the project (../shared/…): not the project's to check
    if not path.startswith("_site") and not PLACEHOLDER.search(path):
        if (ROOT / path).exists() or (ROOT / "generator" / path).exists():
            return True
    last = path.rsplit("/", 1)[-1]
    if PLACEHOLDER.search(last) or last == "_site":
        return True
    return last in code or any(next((ROOT / folder).rglob(last), None) for folder in SOURCES)


@pytest.fixture(scope="module")
def code() -> str:
    return code_text()


def test_the_extractors_read_what_a_guide_names():
    guide = ("See `generator/link/serves.py` and `plan.yml`, run `make site` or "
             "`python -m generator build --no-cache`; the search box (`/`) and `0.85` are no paths; "
             "see [editing](docs/editing.md#links) and ![a page](docs/a.png).\n"
             "```yaml\n# content/<slug>/links.yml\nadd:\n  - {from: a, to: b, why: c}\n# review: x\n```\n")
    assert [s for s in spans(guide) if is_path(s)] == ["generator/link/serves.py", "plan.yml"]
    assert [m.group(1) for s in spans(guide) if (m := MAKE.match(s))] == ["site"]
    assert [f for s in spans(guide) for f in FLAG.findall(s)] == ["--no-cache"]
    assert LINK.findall(guide) == ["docs/editing.md#links", "docs/a.png"]
    assert [(name, example_keys(body)) for name, body in yaml_examples(guide)] == [
        ("links.yml", {"add", "from", "to", "why", "review"})]


def test_the_readme_is_at_most_6_kb_and_its_map_names_every_guide():
    readme = ROOT / "README.md"
    assert readme.stat().st_size <= 6 * 1024
    linked = {target.split("#", 1)[0] for target in LINK.findall(readme.read_text(encoding="utf-8"))}
    assert {f"docs/{p.name}" for p in ROOT.glob("docs/*.md")} - linked == set()


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_a_guide_names_exists(doc: Path, code: str):
    missing = [s for s in spans(doc.read_text(encoding="utf-8")) if is_path(s) and not path_exists(s, code)]
    assert missing == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_relative_link_of_a_guide_leads_to_a_file(doc: Path):
    targets = [t.split("#", 1)[0] for t in LINK.findall(doc.read_text(encoding="utf-8"))
               if not t.startswith(("http://", "https://", "#"))]
    assert [t for t in targets if not (doc.parent / t).is_file()] == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_key_of_a_yaml_example_is_in_its_schema(doc: Path):
    for name, body in yaml_examples(doc.read_text(encoding="utf-8")):
        assert name in SCHEMAS, f"{doc.name}: an example of {name}, a file without a schema here"
        assert example_keys(body) - schema_keys(SCHEMAS[name]) == set(), f"{doc.name}: {name}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_make_target_and_flag_a_guide_names_exists(doc: Path):
    named = spans(doc.read_text(encoding="utf-8"))
    targets = {m.group(1) for s in named if (m := MAKE.match(s))}
    flags = {f for s in named for f in FLAG.findall(s)}
    sources = flag_sources()
    assert targets - makefile_targets() == set()
    assert {f for f in flags if not re.search(re.escape(f) + r"(?![\w-])", sources)} == set()


def test_every_numbering_style_is_named_where_the_export_documents_style():
    """docs/architecture.md: a numbering style is added in parse/grammar.py with its name in
    docs/open-data.md (the export's ``style`` of a division); ``inline`` is 一是… in a paragraph."""
    from generator.parse.grammar import DIVISION_STYLES

    documented = (ROOT / "docs" / "open-data.md").read_text(encoding="utf-8")
    assert [s for s, _ in DIVISION_STYLES if f"`{s}`" not in documented] == []
