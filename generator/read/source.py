"""The read phase: find plans under ``content/``, read their metadata, read the published
file (text, PDF, Word, .doc/.wps or a web page: ``read.published``) and cut its text into
paragraphs with line numbers (the lines of the text ``python -m generator extract`` prints).

Text arrives copied from a web page (one paragraph per line) or extracted from a
PDF (hard-wrapped lines; a paragraph starts with an indent of two ideographic
spaces). Both become the same list of :class:`Paragraph`; page-number lines
(``— 12 —``, ``- 12 -``, ``第 12 页``) are dropped here.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from generator.structure.diagnostics import InputRejected, Report
from generator.structure.messages import msg
from generator.config.genre import Genre, load_genre, suggested_genres, with_glossary
from generator.config.genre import available as available_genres
from generator.parse.grammar import ends_sentence, starts_block
from generator.read.lines import SourceLine
from generator.read.published import published_lines
from generator.read.decoding import decode
from generator.structure.files import present, read_regular, reason
from generator.structure.paths import reserved_slugs, resolves_inside
from generator.structure.records import PlanMeta
from generator.config.yamlfile import YamlDocument, load_yaml

META_FILE = "plan.yml"
MAX_TEXT_BYTES = 32 * 2**20  # a plan's text: the seed is 115 KiB
SLUG = re.compile(r"[a-z0-9-]{1,64}")
_LINE = r"^(?=.*\S)[^\x00-\x1f\x7f]+$"  # some visible text, no control characters (nor line breaks)
_TEXT = {"type": "string", "pattern": _LINE, "maxLength": 500,
         "description": msg("one line of text (at most 500 characters)")}
META_SCHEMA = {
    "type": "object",
    "required": ["title", "issuer", "doc_number"],
    "if": {"not": {"required": ["editions"]}}, "then": {"required": ["date", "source"]},  # else in editions
    "additionalProperties": False,
    "properties": {
        "title": _TEXT, "issuer": _TEXT, "doc_number": _TEXT, "publisher": _TEXT,
        "date": {"type": "string", "format": "date", "description": msg("a real date written YYYY-MM-DD")},
        "source": {"type": "string", "pattern": _LINE, "maxLength": 200,
                   "description": msg("the name of the published file in this folder (text, PDF, Word or web page)")},
        "editions": {"type": "array", "minItems": 1, "maxItems": 50, "items": {"$ref": "#/$defs/edition"},
                     "description": msg("the plan as published on each date: a list of {{date, source, doc_number?, "
                                    "title?, note?}}")},
        "predecessor": {"type": "string", "pattern": "^[a-z0-9-]{1,64}$",
                        "description": msg("the slug of the plan this one continues (a plan folder of this catalog)")},
        "target_year": {"type": "integer", "minimum": 1949, "maximum": 2200, "description": msg("a year like 2025")},
        "level": {"type": "string", "enum": ["national", "provincial", "city", "county"],
                  "description": msg("national, provincial, city or county (else derived from the issuer)")},
        "genre": {"type": "string", "description": msg("one of the genres in generator/genres/")},
    },
    "$defs": {"edition": {
        "type": "object", "required": ["date", "source"], "additionalProperties": False,
        "description": msg("an edition: {{date: YYYY-MM-DD, source: FILE, doc_number?, title?, note?}}"),
        "properties": {
            "date": {"type": "string", "format": "date", "description": msg("a real date written YYYY-MM-DD")},
            "source": {"type": "string", "pattern": _LINE, "maxLength": 200,
                       "description": msg("the name of this edition's published file in this folder")},
            "doc_number": _TEXT, "title": _TEXT, "note": _TEXT,
        },
    }},
}



def meta_schema() -> dict:
    """:data:`META_SCHEMA` with ``genre`` one of the genre files there are when a plan is read
    (a genre file added is a genre known, with no code change)."""
    genres = available_genres()
    genre = {"type": "string", "enum": genres,
             "description": msg("one of the genres in generator/genres/: {genres}", genres=", ".join(genres))}
    return {**META_SCHEMA, "properties": {**META_SCHEMA["properties"], "genre": genre}}


PAGE_NUMBER = re.compile(
    r"^(?:[—–\-－]{1,2}\s*\d{1,4}\s*[—–\-－]{1,2}|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4})$"
)
INDENT = re.compile(r"^(?:\u3000{2}|\u3000 |[ \t]{4})")
WRAP_MIN, WRAP_MAX = 20, 48


@dataclass(frozen=True)
class Paragraph:
    """One paragraph as printed: its text without surrounding whitespace, and its lines."""

    text: str
    line: int
    end_line: int
    page: str | None = None  # the printed page label of its first line (a PDF), else None


@dataclass(frozen=True)
class Edition:
    """One edition of a plan: the full plan as published on ``date`` (YYYY-MM-DD) in the file
    ``source`` of its folder; ``doc_number`` and ``title`` when they differ from plan.yml's,
    ``note`` (what the edition is: 中期评估调整); ``line``: where plan.yml names it."""

    date: str
    source: str
    doc_number: str | None = None
    title: str | None = None
    note: str | None = None
    line: int = 0


@dataclass
class PlanSource:
    """A plan folder read: the latest edition's metadata, file, paragraphs and genre.
    ``editions``: every edition, oldest first, when plan.yml lists ``editions`` (else ());
    ``earlier``: the editions before the latest, read the same way, oldest first."""

    meta: PlanMeta
    path: Path
    paragraphs: list[Paragraph]
    genre: Genre
    editions: tuple[Edition, ...] = ()
    earlier: tuple["PlanSource", ...] = ()
    meta_refused: bool = False  # plan.yml was refused: the text is read only to report its problems too


def _genre_from_title(meta: PlanMeta, report: Report) -> PlanMeta:
    """``meta`` with the genre its title names when plan.yml sets none: the one genre whose
    ``title_words`` the title holds (教育 → education), said in a note; with none or several,
    ``general``. ``genre: general`` in plan.yml opts out (then this is not called)."""
    found = suggested_genres(meta.title)
    if len(found) != 1:
        return meta
    name, word = found[0]
    report.note(meta.meta_path, 1, "genre-from-title",
                msg("plan.yml sets no genre; the title names {word}, so the plan is read as `{name}` (its stage "
                    "pages, units, synonyms): write `genre: {name}` to say so, or `genre: general` to read it "
                    "without", word=word, name=name))
    return replace(meta, genre=name)


def discover(content: Path, report: Report) -> list[Path]:
    """Every plan folder under ``content`` (one holding plan.yml), sorted by name."""
    if not content.is_dir():
        report.error(str(content), 0, "content-missing",
                     msg("not a folder: a file, a FIFO or a dangling link where the content folder should be")
                     if present(content) else msg("content folder does not exist"))
        raise InputRejected
    folders = []
    try:
        children = sorted(content.iterdir())
    except OSError as exc:
        report.error(str(content), 0, "content-unreadable", msg("cannot list the content folder: {reason}",
                                                                           reason=reason(exc)))
        raise InputRejected
    for child in children:
        if not child.is_dir() or child.name.startswith((".", "_")):
            continue
        if not SLUG.fullmatch(child.name):
            shown = child.name if len(child.name) <= 80 else child.name[:80] + "…"
            report.error(str(child), 0, "slug",
                         msg("plan folder name {name} is not a slug: the name is the plan's URL, so use only "
                             "lower-case ASCII letters, digits and '-', 1 to 64 characters (e.g. "
                             "'shuozhou-education')", name=repr(shown)))
        elif not resolves_inside(child, content):
            report.error(str(child), 0, "folder-outside",
                         msg("plan folder is a link to a folder outside the content folder: copy the plan into it"))
        elif child.name in reserved_slugs():
            report.error(str(child), 0, "slug-reserved",
                         msg("plan folder name '{name}' is a name the site uses for its own files or pages "
                             "({reserved}): rename the folder", name=child.name,
                             reserved=", ".join(sorted(reserved_slugs()))))
        elif not _listable(child, report):
            continue
        elif present(child / META_FILE):
            folders.append(child)
        else:
            report.error(str(child), 0, "meta-missing", msg("plan folder has no {file}", file=META_FILE))
    if not folders and not report.errors:
        report.error(str(content), 0, "no-plans", msg("no plan folders (with {file}) found", file=META_FILE))
    return folders


def _listable(folder: Path, report: Report) -> bool:
    """Whether the plan folder can be opened (else an error: its mode, a file in the way…)."""
    try:
        os.scandir(folder).close()
    except OSError as exc:
        report.error(str(folder), 0, "folder-unreadable", msg("cannot open the plan folder: {reason}",
                                                                          reason=reason(exc)))
        return False
    return True


def read_plan(folder: Path, report: Report) -> PlanSource | None:
    """Metadata and paragraphs of one plan folder, or None when it cannot be read.

    The file named by ``source`` must resolve (links followed) inside the plan's own
    folder: anything else is refused before it is opened.
    """
    document = load_yaml(folder / META_FILE, report, meta_schema(), "meta")
    if document is None:
        return _text_despite_meta(folder, report)
    editions = plan_editions(folder, document, report)
    if not editions:
        return None
    meta = _plan_meta(folder, document, editions[-1])
    if not _predecessor_present(folder, document, report):
        return None
    if "genre" not in (document.value or {}):
        meta = _genre_from_title(meta, report)
    genre = load_genre(meta.genre, report, meta.meta_path, document.key_line("genre"))
    if genre is None:
        return None
    genre = with_glossary(genre, folder, report)
    sources = [_edition_source(folder, edition_meta(meta, e), e, genre, report) for e in editions]
    if None in sources:
        return None
    if "editions" not in document.value:
        return sources[0]
    return replace(sources[-1], editions=tuple(editions), earlier=tuple(sources[:-1]))


def _predecessor_present(folder: Path, document: YamlDocument, report: Report) -> bool:
    """Whether plan.yml's ``predecessor``, when given, is another plan folder beside this one
    (else an error at its line, ``meta-predecessor``)."""
    slug = document.value.get("predecessor")
    if slug is None or (slug != folder.name and (folder.parent / slug / META_FILE).is_file()):
        return True
    report.error(str(folder / META_FILE), document.line("predecessor"), "meta-predecessor",
                 msg("predecessor '{slug}' is not another plan of this catalog (a folder {folder} holding {file})",
                     slug=slug, folder=str(folder.parent / slug), file=META_FILE))
    return False


SOURCE_LINE = re.compile(r"^source:\s*[\"']?([^\"'#\s]+)", re.M)  # plan.yml's source, read leniently
GENRE_LINE = re.compile(r"^genre:\s*[\"']?([a-z0-9-]+)", re.M)  # and its genre
MAX_META_PEEK = 256 * 2**10  # as yamlfile's cap: plan.yml is never read further for its source line


def _text_despite_meta(folder: Path, report: Report) -> PlanSource | None:
    """The plan's text when its plan.yml is refused, so that one run reports the problems of
    both (issue 20: an editor should not fix them over several rounds): the file plan.yml's
    ``source:`` line names (read from its raw text), else ``plan.txt``; read with the genre
    its ``genre:`` line names (else the general one) and empty metadata, flagged ``meta_refused`` (the build stops after the
    check phase). None when no such file is in the folder."""
    try:
        raw = read_regular(folder / META_FILE, MAX_META_PEEK).decode("utf-8", errors="replace")
    except (OSError, ValueError):
        raw = ""
    named, genre_named = SOURCE_LINE.search(raw), GENRE_LINE.search(raw)
    path = folder / (named.group(1) if named else "plan.txt")
    genre = genre_named and genre_named.group(1) in available_genres() and load_genre(genre_named.group(1), Report())
    genre = genre or load_genre("general", Report())
    if genre is None or not resolves_inside(path, folder) or not present(path):
        return None
    lines = _published(path, report)
    if lines is None:
        return None
    meta = PlanMeta(slug=folder.name, title="", issuer="", doc_number="", date="", source=path.name,
                    meta_path=str(folder / META_FILE))
    return PlanSource(meta, path, paragraphs([line.text for line in lines], [line.page for line in lines]), genre,
                      meta_refused=True)


def _edition_source(folder: Path, meta: PlanMeta, edition: Edition, genre: Genre,
                    report: Report) -> PlanSource | None:
    path = _source_path(folder, meta, edition.line, report)
    lines = None if path is None else _published(path, report)
    if lines is None:
        return None
    return PlanSource(meta, path, paragraphs([line.text for line in lines], [line.page for line in lines]), genre)


def plan_editions(folder: Path, document: YamlDocument, report: Report) -> list[Edition]:
    """The editions plan.yml names, oldest first: its ``editions`` list, or its ``date`` and
    ``source`` as the one edition (the schema requires one or the other). Errors
    (``path:line``, ``meta-edition``): both given, two editions of one date."""
    value, where = document.value, str(folder / META_FILE)
    listed = value.get("editions")
    if listed is None:  # the schema requires date and source then
        return [Edition(value["date"], value["source"].strip(), line=document.line("source"))]
    for key in ("date", "source"):
        if key in value:
            report.error(where, document.key_line(key), "meta-edition",
                         msg("'{key}' is given both here and in 'editions': give each edition's date and source "
                             "in 'editions' only", key=key))
    editions = [Edition(e["date"], e["source"].strip(), e.get("doc_number"), e.get("title"), e.get("note"),
                        document.line("editions", i, "source")) for i, e in enumerate(listed)]
    seen: dict[str, int] = {}
    for edition in editions:
        if edition.date in seen:
            report.error(where, edition.line, "meta-edition",
                         msg("two editions dated {date} (the other on line {line}): an edition is named by its date",
                             date=edition.date, line=seen[edition.date]))
        seen.setdefault(edition.date, edition.line)
    return [] if report.errors else sorted(editions, key=lambda e: e.date)


def edition_meta(meta: PlanMeta, edition: Edition) -> PlanMeta:
    """``meta`` (plan.yml's) as of ``edition``: its date and source, and its 文号 and title
    when it gives them."""
    return replace(meta, date=edition.date, source=edition.source,
                   doc_number=edition.doc_number or meta.doc_number, title=edition.title or meta.title)


def source_lines(folder: Path, report: Report) -> tuple[Path, list[SourceLine]] | None:
    """The path of a plan folder's published file (``source:`` in plan.yml) and the lines the
    build reads from it: converted by its kind and normalised (``read.published``), before
    they are cut into paragraphs; line N is the line diagnostics call N. None after an error."""
    document = load_yaml(folder / META_FILE, report, meta_schema(), "meta")
    editions = document and plan_editions(folder, document, report)
    if not editions:
        return None
    path = _source_path(folder, _plan_meta(folder, document, editions[-1]), editions[-1].line, report)
    lines = None if path is None else _published(path, report)
    return None if lines is None else (path, lines)


def _source_path(folder: Path, meta: PlanMeta, line: int, report: Report) -> Path | None:
    where = meta.meta_path
    path = folder / meta.source
    if not resolves_inside(path, folder):
        report.error(where, line, "source-outside",
                     msg("source '{source}' is not a file in the plan's folder {folder}: put the published file "
                         "in this folder and name it without a path", source=meta.source, folder=str(folder)))
        return None
    if not present(path):
        report.error(where, line, "source-missing", msg("source file '{source}' does not exist in {folder}",
                                                                  source=meta.source, folder=str(folder)))
        return None
    return path


def _published(path: Path, report: Report) -> list[SourceLine] | None:
    """The published file's lines; when they stood on printed pages (a PDF), the report is
    told, so that diagnostics of this file name the page (``plan.pdf:p.12``)."""
    data = read_capped(path, MAX_TEXT_BYTES, report)
    lines = None if data is None else published_lines(data, str(path), report)
    pages = {n: line.page for n, line in enumerate(lines or (), 1) if line.page}
    if pages:
        report.paged(str(path), pages)
    return lines


def read_capped(path: Path, limit: int, report: Report) -> bytes | None:
    """The bytes of ``path`` when it is a regular file of at most ``limit`` bytes; else an
    error at line 1 (a folder, FIFO or device, a dangling link: never blocks, never reads
    past the cap; ``structure.files.read_regular``)."""
    try:
        data = read_regular(path, limit)
    except OSError as exc:
        report.error(str(path), 1, "unreadable", msg("cannot read the file: {reason}", reason=reason(exc)))
        return None
    if len(data) > limit:
        report.error(str(path), 1, "too-large", msg("file is larger than {size} MiB", size=limit // 2**20))
        return None
    return data


def read_text_file(path: Path, report: Report, limit: int = MAX_TEXT_BYTES) -> str | None:
    """A text file other than the plan (terms.txt…): inside its folder, capped, decoded like
    the plan (UTF-8, UTF-16 with BOM, GB18030 with a warning), or None after a ``path:line`` error."""
    if not resolves_inside(path, path.parent):
        report.error(str(path), 1, "path-outside", msg("{name} links to a file outside its folder: copy it in instead",
                                                                 name=path.name))
        return None
    data = read_capped(path, limit, report)
    if data is None:
        return None
    if not data.strip():
        return ""
    return decode(data, str(path), report)


def _plan_meta(folder: Path, document: YamlDocument, latest: Edition) -> PlanMeta:
    fields = {key: value.strip() if isinstance(value, str) else value for key, value in document.value.items()
              if key != "editions"}
    fields.update(date=latest.date, source=latest.source)
    meta = PlanMeta(slug=folder.name, meta_path=str(folder / META_FILE), **fields)
    return edition_meta(meta, latest)


def paragraphs(lines: list[str], pages: list[str | None] | None = None) -> list[Paragraph]:
    """Cut lines into paragraphs, unwrapping hard-wrapped (PDF) text and dropping page numbers.

    ``pages``: the printed page of each line (as many as ``lines``), when the source has pages."""
    numbered = [(n, line.rstrip()) for n, line in enumerate(lines, 1)]
    content = [(n, line) for n, line in numbered if line.strip() and not PAGE_NUMBER.match(line.strip())]
    result = _unwrap(content) if _is_hard_wrapped(content) else [
        Paragraph(line.strip(" \t\u3000"), n, n) for n, line in content]
    if pages and any(pages):
        result = [replace(p, page=pages[p.line - 1]) for p in result]
    return result


def _is_hard_wrapped(content: list[tuple[int, str]]) -> bool:
    """PDF extraction: lines are indented paragraph starts, lines wrapped at a fixed width,
    the short tails of wrapped lines, or headings; few lines are anything else."""
    if len(content) < 8:
        return False
    indented = wrapped = explained = 0
    previous = ""
    for _, line in content:
        stripped = line.strip(" \t\u3000")
        is_indented = bool(INDENT.match(line))
        is_wrapped = WRAP_MIN <= len(stripped) <= WRAP_MAX and not stripped.startswith("|")
        indented += is_indented
        wrapped += is_wrapped and not is_indented
        explained += is_indented or is_wrapped or _wrapped(previous) or starts_block(stripped)
        previous = stripped
    return indented >= 3 and explained >= 0.8 * len(content) and wrapped >= max(2, indented // 2)


def _unwrap(content: list[tuple[int, str]]) -> list[Paragraph]:
    """Join hard-wrapped lines into paragraphs. Whether a paragraph is a block (a heading,
    a numbered point) is read once, from its first line, not again from the growing text
    at every line (that cost O(N²) for a paragraph of N lines)."""
    result: list[Paragraph] = []
    text, first, last, previous, is_block = "", 0, 0, "", False
    for n, line in content:
        stripped = line.strip(" \t\u3000")
        starts = starts_block(stripped)
        new_block = not text or INDENT.match(line) or starts or (is_block and not _wrapped(previous))
        previous = stripped
        if new_block:
            if text:
                result.append(Paragraph(text, first, last))
            text, first, is_block = stripped, n, starts
        else:
            text = _join_wrapped(text, stripped)
        last = n
    if text:
        result.append(Paragraph(text, first, last))
    return result


def _wrapped(line: str) -> bool:
    """A line cut at the page width: long, and not ending a sentence. A numbered line so cut
    (a 专栏 entry, a point with prose) goes on in the next line; a short heading does not."""
    return len(line) >= WRAP_MIN and not ends_sentence(line)


def _join_wrapped(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return f"{left} {right}"
    return left + right
