"""The phases of building one plan, in order: read → parse → check → link → paginate →
index → render. The phases that span plans (the catalog's index, the site pages, the
write) are in ``build.py``.

Each phase is a function from the previous phase's result to a new value, named after
the phase (as Sphinx names its phases); a phase given anything but its predecessor's
result raises ``PhaseOrderError`` (as MkDocs' ``Page`` refuses ``render()`` before
``read_source()``), so no stage can run on records another stage has not finished.
A phase that reports an error returns None and the plan goes no further. The records
are frozen once parsed (``records.freeze``): later phases carry what they compute in
their own results (links and findings in ``Linked``, URLs in ``PlanPages``).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from generator.structure.diagnostics import Report
from generator.paginate.pages import PlanPages
from generator.structure.paths import indicators_csv_path, plan_data_path, plan_search_script, script_safe
from generator.structure.records import Plan
from generator.search.index import PlanWords, SearchIndex
from generator.write.cache import Cache
from generator.search.segment import Segmenter
from generator.read.source import PlanSource

OVERRIDES = "links.yml"


class PhaseOrderError(TypeError):
    """A phase was given something other than the result of the phase before it."""


@dataclass(frozen=True)
class Read:
    """A plan folder read: its text, metadata and genre (``source.read_plan``)."""

    folder: Path
    content: Path
    source: PlanSource


@dataclass(frozen=True)
class Parsed:
    """The plan's records (frozen from here on)."""

    read: Read
    plan: Plan


@dataclass(frozen=True)
class Checked:
    """The plan, its diagnostics reported (``check.check``)."""

    parsed: Parsed

    @property
    def plan(self) -> Plan:
        return self.parsed.plan


@dataclass(frozen=True)
class Linked:
    """The plan with its links and figure findings (``link.link``): a new ``Plan`` sharing
    the parsed nodes (``link.with_links``)."""

    checked: Checked
    plan: Plan


@dataclass(frozen=True)
class Paginated:
    """The plan's pages and URLs (``pages.paginate``) and its terms (``search.plan_terms``)."""

    linked: Linked
    pages: PlanPages
    terms: tuple[str, ...]


@dataclass(frozen=True)
class Indexed:
    """The plan's own search index: its script, the words of its vocabulary (for the
    catalog's index) and, in the process that built it, the index itself."""

    paginated: Paginated
    script: bytes
    words: PlanWords
    index: SearchIndex | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class Rendered:
    """Every file of the plan: its pages, its export and its search script, by site path."""

    indexed: Indexed
    files: dict[str, bytes]


def _expect(value: object, kind: type, phase: str) -> None:
    if not isinstance(value, kind):
        raise PhaseOrderError(f"{phase} takes the result of the {kind.__name__.lower()} phase "
                              f"({kind.__name__}), not {type(value).__name__}")


def read(folder: Path, content: Path, report: Report) -> Read | None:
    """The plan folder ``folder`` of ``content`` read (``source.read_plan``); None when the
    folder, its ``plan.yml``, its text, genre or glossary is refused (errors in ``report``)."""
    from generator.read.source import read_plan

    source = read_plan(folder, report)
    if source is not None and source.meta_refused:
        return Read(folder, content, source)  # checked, to report the text's problems too, then stopped
    return None if source is None or report.errors else Read(folder, content, source)


def parse(read: Read, report: Report) -> Parsed | None:
    """The plan's records (``parse.parse``), frozen; None on a parse error."""
    from generator.parse.duties import read_duties
    from generator.parse.tree import parse as parse_source
    from generator.structure.records import freeze, line_nodes

    _expect(read, Read, "parse")
    errors = len(report.errors)
    plan = parse_source(read.source, report)
    if len(report.errors) > errors:
        return None
    plan.duties = read_duties(plan.nodes)
    plan.lines = line_nodes(plan.nodes)
    freeze(plan, plan.meta, *plan.nodes, *plan.toc, *plan.duties)
    return Parsed(read, plan)


def align(parsed: Parsed, report: Report) -> list[Parsed] | None:
    """Every edition of a plan with ``editions`` (oldest first, the latest being ``parsed``),
    the earlier ones parsed here, each with the ids of the edition before it kept
    (``editions.align``); None on a parse error."""
    from generator.editions.align import align_editions
    from generator.structure.records import freeze

    _expect(parsed, Parsed, "align")
    read = parsed.read
    earlier = [parse(Read(read.folder, read.content, source), report) for source in read.source.earlier]
    if report.errors:
        return None
    editions = [*earlier, parsed]
    plans = align_editions([p.plan for p in editions])
    for plan in plans[1:]:
        freeze(plan, *plan.nodes, *plan.duties)
    return [Parsed(p.read, plan) for p, plan in zip(editions, plans)]


def check(parsed: Parsed, report: Report, segmenter: Segmenter, reviewed: bool = True) -> Checked | None:
    """The editor's warnings and fatal errors reported (``check.check``; ``segmenter``: jieba's
    dictionary alone), those the folder's ``reviewed.yml`` lists marked reviewed (unless
    ``reviewed`` is False: an earlier edition); None when one is an error (a truncated file,
    no chapters, a stale ``reviewed.yml`` entry …)."""
    from generator.check.checks import check as check_plan
    from generator.check.reviewed import review_warnings

    _expect(parsed, Parsed, "check")
    check_plan(parsed.plan, report, segmenter)
    if reviewed:
        review_warnings(parsed.read.folder, parsed.plan, report)
    return None if report.errors else Checked(parsed)


def link(checked: Checked, report: Report, segmenter: Segmenter, overrides: bool = True) -> Linked | None:
    """The plan with its links and findings, the folder's ``links.yml`` applied, and the
    observed values of its indicators (``progress.yml``, ``link.progress``). ``overrides``
    False: an earlier edition, which takes only the links.yml entries naming its date, and
    no progress. None when either file is refused."""
    from dataclasses import replace

    from generator.link.compose import link as link_plan
    from generator.link.compose import with_links
    from generator.link.progress import PROGRESS_FILE, read_progress
    from generator.structure.records import freeze

    _expect(checked, Checked, "link")
    folder = checked.parsed.read.folder
    linked = link_plan(checked.plan, report, folder / OVERRIDES, segmenter, latest=overrides)
    progress = read_progress(folder / PROGRESS_FILE, checked.plan, report) if overrides else []
    if report.errors:
        return None
    plan = with_links(checked.plan, linked)
    if progress:
        plan = replace(plan, progress=progress)
    freeze(plan)
    return Linked(checked, plan)


def paginate(linked: Linked, report: Report, segmenter: Segmenter, place=None,
             stages_memo: dict | None = None) -> Paginated | None:
    """The plan's pages and URLs, and its search terms (its own, and the folder's
    ``terms.txt``); None when ``terms.txt`` is refused. ``segmenter``: jieba's dictionary
    alone (where a stage's term stands as a word). ``place`` (``editions.place.EditionPlace``):
    which edition's pages, for a plan with editions; ``stages_memo``: shared by its editions."""
    from generator.paginate.pages import paginate as paginate_plan
    from generator.search.index import plan_terms

    _expect(linked, Linked, "paginate")
    pages = paginate_plan(linked.plan, segmenter, place, stages_memo)
    terms = plan_terms(pages, linked.checked.parsed.read.content, report)
    return None if report.errors else Paginated(linked, pages, tuple(terms))


def index(paginated: Paginated, segmenter: Segmenter, cache: Cache | None = None) -> Indexed:
    """``segmenter``: jieba's dictionary alone; the plan's terms are added here. ``cache``:
    the build cache (keeps the fold table: ``search.index.simplified_table``), or None. No
    lunr.py ``Index`` is made: nothing the site ships reads it."""
    from generator.search.index import build_search, plan_words

    _expect(paginated, Paginated, "index")
    pages = paginated.pages
    built = build_search([pages], segmenter.with_words(paginated.terms), cache=cache, lunr_index=False)
    return Indexed(paginated, search_data(built.data([pages])), plan_words(built, paginated.terms), built)


def render(indexed: Indexed, environment, findings: list, config, memo=None) -> Rendered:
    """``findings``: the plan's diagnostics, shown on its pages and in its export. ``memo``:
    the pages an earlier build rendered (``render.html.RenderedPages``), or None."""
    _expect(indexed, Indexed, "render")
    files = render_pages(indexed.paginated, environment, findings, config, memo)
    files.update(search_file(indexed))
    return Rendered(indexed, files)


def search_file(indexed: Indexed) -> dict[str, bytes]:
    """The plan's search script by its site path (what ``render`` adds to ``render_pages``)."""
    _expect(indexed, Indexed, "render")
    return {plan_search_script(indexed.paginated.pages.plan.meta.slug): indexed.script}


def render_pages(paginated: Paginated, environment, findings: list, config, memo=None) -> dict[str, bytes]:
    """Every file of the plan but its search script (``render`` adds it), by site path: the
    pages need nothing the index phase makes, so a build may render them while the index is
    built beside (``write.beside``). Arguments as for ``render``."""
    from generator.render.export import dumps, indicators_csv, plan_data, progress_csv
    from generator.render.html import Renderer
    from generator.structure.paths import progress_csv_path

    _expect(paginated, Paginated, "render")
    pages = paginated.pages
    slug = pages.plan.meta.slug
    files = {plan_data_path(slug): dumps(plan_data(pages, findings)).encode("utf-8"),
             indicators_csv_path(slug): indicators_csv(pages).encode("utf-8")}
    if pages.plan.progress:
        files[progress_csv_path(slug)] = progress_csv(pages.plan).encode("utf-8")
    files.update(Renderer(environment, [pages], {slug: findings}, config, memo).plan_files(pages))
    return files


def render_edition(paginated: Paginated, environment, findings: list, config, memo=None) -> dict[str, bytes]:
    """An edition's point-in-time pages (``paginated.pages.place``) and its export
    (``data/<slug>.<date>.json``): every file but the search, by site path. ``memo``: as
    for ``render``."""
    from generator.structure.paths import edition_data_path
    from generator.render.export import dumps, plan_data
    from generator.render.html import Renderer

    _expect(paginated, Paginated, "render")
    pages = paginated.pages
    slug = pages.plan.meta.slug
    files = {edition_data_path(slug, pages.place.date): dumps(plan_data(pages, findings)).encode("utf-8")}
    files.update(Renderer(environment, [pages], {slug: findings}, config, memo).plan_files(pages))
    return files


def compact_json(data: object) -> bytes:
    """``data`` as compact JSON in UTF-8, keys sorted, fit to be a script's literal: U+2028 and
    U+2029 escaped (JavaScript before ES2019 ends a string literal at them)."""
    return script_safe(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))).encode("utf-8")


def digest(data: dict) -> str:
    return hashlib.sha256(compact_json(data)).hexdigest()[:16]


def search_data(data: dict) -> bytes:
    """One plan's search data as a script (stamped with a digest of its content, which the
    browser uses to cache its rebuilt index)."""
    data = dict(data, h=digest(data))
    return b"window.PLAN_SEARCH_DATA = " + compact_json(data) + b";\n"
