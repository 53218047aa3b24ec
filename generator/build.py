"""The build: run every plan's phases, then the phases that span plans, then write the
site or leave the old one alone.

Per plan (``generator/phases.py``, in ``plan_stage``): read → parse → check → link →
paginate → index → render. Then, over all plans, in this process: the catalog's search
index (``catalog_search_files``, from the plans' own words), the pages that span plans
(home, about, search, 404, the indicator comparison) and the catalog data; the writer
(``write.Staging``) swaps the new site in. Every phase adds to one :class:`Report`;
errors stop the build before the new site is swapped in.

Plans are built in worker processes, one per core (``workers``): a plan's phases depend
on no other plan. Each worker writes its plan's pages into the staging folder as it
renders them, so no process holds the whole site. Output is the same bytes whatever the
number of workers or the order they finish in.

With a cache (``cache_dir``; the command line uses ``.cache/build``, ``--no-cache`` none),
results are found again by a hash of their inputs (``generator/write/cache.py``): an unchanged
plan is neither read nor segmented, a changed plan cuts again only the texts its last
build did not cut (``search.segment.Cuts``), the catalog's search files are rebuilt only
when a plan changed, and a build whose inputs all match the last build of the same output
folder, with that folder as it was left, does nothing at all.
"""
from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from generator.write.cache import Cache, code_digest, tree_digest
from generator.write.cache import digest as key_digest
from generator.structure.diagnostics import REVIEWED, Diagnostic, InputRejected, Report
from generator.structure.messages import Message, joined, msg, said
from generator.structure.paths import CATALOG_DATA, plan_site_paths
from generator.config.yamlfile import loads_remembered
from generator.config.siteconfig import SITE_FILE, SiteConfig, read_site_config
from generator.editions.place import edition_places
from generator.read.source import discover
from generator.interrupt import Interrupted
from generator.structure.files import reason
from generator.write.staging import Staging, remove_debris, signals_held, unsafe_out

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_CACHE = Path(os.environ.get("PLANSITE_CACHE", PROJECT / ".cache")) / "build"


@dataclass
class BuildResult:
    report: Report
    plans: list = field(default_factory=list)  # records.Plan of every plan (none when nothing was rebuilt)
    seconds: float = 0.0
    written: bool = False
    plan_lines: list[str] = field(default_factory=list)  # per plan: what the build found in it
    rebuilt: int = 0  # plans read and parsed (the others came from the cache)
    files: int = 0  # files in the site
    rewritten: int = 0  # files whose bytes changed
    unchanged: bool = False  # nothing to do: the site was already built from these inputs
    failed: list[str] = field(default_factory=list)  # --keep-going: slugs of the plans not built
    kept: list[str] = field(default_factory=list)  # of those, the ones whose previous pages were kept


@dataclass
class PlanTask:
    """What a worker needs to build one plan."""

    folder: Path
    content: Path
    key: str | None  # the cache key of the plan's results (None: not cached)
    cache_root: Path | None
    templates: Path
    config: SiteConfig
    staging: Staging
    segmenter: object = None  # search.segment.Segmenter, jieba's dictionary alone (None: a new one)
    cuts_key: str | None = None  # the cache key of the plan's remembered cuts (search.segment.Cuts)
    pages_key: str | None = None  # the cache key of the plan's rendered pages (render.html.RenderedPages)
    catalog_static: Path | None = None  # the plan is the catalog's only one, its search files not cached: they
    # are made with its index (from this static folder: ``SearchSide``)
    beside: bool = False  # index the plan in a child process while this one renders its pages (``SearchSide``)


@dataclass
class PlanOutcome:
    """What a worker hands back: the plan's diagnostics, and when it was built its pages
    (pages.PlanPages, for the pages that span plans), the words of its own search index
    (search.PlanWords, for the catalog's) and its report line. ``index``: the plan's own
    search index, kept only when the plan was built in this process (never pickled)."""

    items: list[Diagnostic]
    site: object = None
    words: object = None
    line: str = ""
    rebuilt: bool = True
    files: int = 0
    rewritten: int = 0
    index: object = None
    catalog: dict | None = None  # the catalog's search files, made with the index when the plan is the only one

    def __getstate__(self) -> dict:
        return dict(vars(self), index=None)


@dataclass
class SearchSide:
    """What a plan's index phase hands the build: its search script, its words (for the
    catalog's index), the index itself when made in this process and kept for the catalog,
    the catalog's search files when the plan is the catalog's only one (``catalog_search_files``),
    and, when it was made beside, the texts the child cut (``search.segment.Cuts.entry`` of the
    entries it added: kept with this process's cuts)."""

    script: bytes
    words: object
    index: object = None
    catalog: dict | None = None
    cuts: dict | None = None

    @staticmethod
    def of(paginated, segmenter, cache: Cache, catalog_static: Path | None, cuts, beside: bool):
        """The index phase of ``paginated`` and, with ``catalog_static``, the catalog's search
        files: run now, or with ``beside`` in a child process (``write.beside.Beside``) while
        the caller renders the pages. An object whose ``result()`` is the ``SearchSide``
        (waiting for the child) and whose ``stop()`` ends the child (call it in a ``finally``)."""
        sizes = {table: len(found) for table, found in cuts.used.items()} if beside and cuts else {}

        def work() -> SearchSide:
            from generator import phases

            indexed = phases.index(paginated, segmenter, cache)
            catalog = None
            if catalog_static is not None:
                alone = PlanOutcome([], index=indexed.index)
                catalog = catalog_search_files([paginated.pages], [alone], segmenter, catalog_static, cache)
            kept = None if beside or catalog is not None else indexed.index
            added = cuts.entry(since=sizes) if beside and cuts else None  # texts are only added to a table
            return SearchSide(indexed.script, indexed.words, kept, catalog, added)

        if beside:
            from generator.write.beside import Beside

            return Beside(work, _worker_started)
        return _Done(work())


class _Done:
    """A ``SearchSide`` made in this process, with ``Beside``'s two methods."""

    def __init__(self, value: SearchSide) -> None:
        self.value = value

    def result(self) -> SearchSide:
        return self.value

    def stop(self) -> None:
        pass


def search_bundle(static: Path) -> bytes:
    """Everything a search page runs, in one file shared by every search page (one request,
    cached, and it works from file://): the engine, the catalog loader and the page script
    (lunr.js is not needed in the browser: the engine computes lunr's scores itself from
    postings). The data comes in files of its own (``search_data``)."""
    from generator.search.index import compact_script

    return b"\n".join(compact_script((static / name).read_text(encoding="utf-8")).encode("utf-8")
                       for name in ("search-core.js", "search-catalog.js", "site.js", "search.js"))


def catalog_search_files(sites: list, outcomes: list, segmenter, static: Path,
                         cache: Cache | None = None) -> dict[str, bytes]:
    """``search/engine.js`` and the catalog search split by term (generator/search/catalog.py),
    from the plans' own words (``phases.Indexed.words``: no text is cut again unless the
    catalog folds a plan's characters otherwise); with one plan built in this process, its
    own index is the catalog's. ``segmenter``: jieba's dictionary alone; ``cache``: the build
    cache (keeps the catalog's fold table), or None."""
    from generator import phases
    from generator.search.catalog import catalog_files, plan_year
    from generator.search.index import build_search

    files = {"search/engine.js": search_bundle(static)}
    if len(sites) == 1 and outcomes[0].index is not None:
        index = outcomes[0].index
    else:
        index = build_search(sites, segmenter, [outcome.words for outcome in outcomes], cache)
    for outcome in outcomes:
        outcome.words = outcome.index = None  # in the catalog's index now: freed before its files are made
    plan_no = {site.plan.meta.slug: number for number, site in enumerate(sites)}
    plan_of = [plan_no[doc.page.split("/")[0]] for doc in index.docs]
    plans = [{"slug": s.plan.meta.slug, "title": s.plan.meta.title, "issuer": s.plan.meta.issuer,
              "year": plan_year(s.plan.meta.date), "staged": int(bool(s.plan.genre.stages))} for s in sites]
    files.update(catalog_files(index, plans, plan_of, phases.digest))
    return files


def read_and_parse(content: Path, report: Report, segmenter=None) -> list:
    """Phases read, parse, check and link of every plan under ``content`` (of a plan with
    editions, the latest, its ids aligned): the linked plans (records.Plan). Raises
    InputRejected on any error."""
    from generator import phases
    from generator.search.segment import Segmenter

    segmenter = segmenter or Segmenter()
    folders = discover(content, report)
    read = [phases.read(folder, content, report) for folder in folders]
    if report.errors:
        raise InputRejected
    parsed = [phases.parse(r, report) for r in read]
    if report.errors:
        raise InputRejected
    parsed = [phases.align(p, report)[-1] if p.read.source.earlier else p for p in parsed]
    if report.errors:
        raise InputRejected
    checked = [phases.check(p, report, segmenter) for p in parsed]
    if report.errors:
        raise InputRejected
    linked = [phases.link(c, report, segmenter) for c in checked]
    if report.errors:
        raise InputRejected
    return [l.plan for l in linked]


@lru_cache(maxsize=None)
def _environment(templates: Path, cache_root: Path | None):
    """The Jinja environment of ``templates``, with the build cache's compiled templates when
    there is a cache: made once per process and arguments (it keeps the templates it has
    compiled, for the next plan a worker renders)."""
    from generator.render.html import TemplateCache, environment

    env = environment(templates)
    if cache_root is not None:
        env.bytecode_cache = TemplateCache(Cache(cache_root))
    return env


def _segmenter(given):
    """``given``, or a new segmenter of jieba's dictionary alone (the dictionary is loaded
    in shards as texts need it: ``segment._shards``)."""
    if given is not None:
        return given
    from generator.search.segment import Segmenter

    return Segmenter()


def plan_stage(task: PlanTask) -> PlanOutcome:
    """One plan: from the cache when its inputs are unchanged, else its phases (read → parse
    → check → link → paginate → index → render); its files go into the staging folder as
    they are made."""
    cache = Cache(task.cache_root)
    entry = cache.get("plan", task.key) if task.key else None
    if isinstance(entry, dict):
        outcome = PlanOutcome(entry["items"], entry["site"], entry["words"], entry["line"], rebuilt=False)
        _put(task.staging, entry["files"], outcome)
        return outcome
    with loads_remembered(cache):
        outcome, files = _plan_from_source(task, cache)  # its files put into the staging folder
    if task.key and outcome.site is not None:
        cache.put("plan", task.key, {"items": outcome.items, "site": outcome.site, "words": outcome.words,
                                     "line": outcome.line, "files": files})
    return outcome


def _put(staging: Staging, files: dict[str, bytes], outcome: PlanOutcome) -> None:
    """``files`` into the staging folder, counted in ``outcome`` (files, and those whose bytes changed)."""
    for path in sorted(files):
        outcome.rewritten += staging.put(path, files[path])
    outcome.files += len(files)


def _plan_from_source(task: PlanTask, cache: Cache) -> tuple[PlanOutcome, dict[str, bytes]]:
    from generator import phases
    from generator.parse.table import pipe_rows_remembered

    report = Report()
    segmenter, cuts = _remembering(_segmenter(task.segmenter), cache, task.cuts_key)
    read = phases.read(task.folder, task.content, report)
    with pipe_rows_remembered(cache):
        parsed = read and phases.parse(read, report)
        editions = parsed and read.source.earlier and phases.align(parsed, report)
    parsed = editions[-1] if editions else parsed
    checked = parsed and phases.check(parsed, report, segmenter)
    linked = checked and phases.link(checked, report, segmenter)
    places = edition_places(read.source) if editions else None
    memo: dict = {}  # the stages of texts, shared by a plan's editions
    paginated = linked and phases.paginate(linked, report, segmenter, places and places[-1], memo)
    timeline = paginated and editions and _editions(editions, linked, paginated, places, report, segmenter, memo)
    if paginated is None or (editions and not timeline):
        return PlanOutcome(report.items), {}
    if timeline:
        paginated = timeline.latest
    plan = linked.plan
    findings = plan.findings_of(report.items)
    search = SearchSide.of(paginated, segmenter, cache, task.catalog_static, cuts, beside=task.beside)
    try:
        environment = _environment(task.templates, cache.root)
        memo = _rendered_pages(cache, task.pages_key)
        files = phases.render_pages(paginated, environment, findings, task.config, memo)
        if timeline:
            files.update(timeline.files(environment, findings, task.config, segmenter, memo))
        outcome = PlanOutcome(report.items, paginated.pages, line=plan_line(plan))
        _put(task.staging, files, outcome)  # while the index is made beside
        if memo is not None:
            cache.put("pages", task.pages_key, memo.now)
        found = search.result()
        indexed = phases.Indexed(paginated, found.script, found.words, found.index)
        script = phases.search_file(indexed)
        _put(task.staging, script, outcome)
        files.update(script)
        outcome.words, outcome.index, outcome.catalog = indexed.words, indexed.index, found.catalog
        if cuts is not None:
            cache.put("cuts", task.cuts_key, cuts.entry(found.cuts))
    finally:
        search.stop()  # by now the child has exited: reaped without a wait
    return outcome, files


def _rendered_pages(cache: Cache, key: str | None):
    """The plan's pages as its last build rendered them (``render.html.RenderedPages``), or
    None without a cache."""
    if key is None or not cache.enabled:
        return None
    from generator.render.html import RenderedPages

    return RenderedPages(cache.get("pages", key))


def _remembering(segmenter, cache: Cache, key: str | None):
    """(``segmenter`` remembering its cuts in the cache entry ``key``, that entry's
    ``search.segment.Cuts``), or (``segmenter``, None) without a cache: a plan changed in
    one place cuts only its changed texts again."""
    if key is None or not cache.enabled:
        return segmenter, None
    from generator.search.segment import Cuts

    cuts = Cuts(cache.get("cuts", key))
    return segmenter.remembering(cuts), cuts


def _editions(editions: list, linked, paginated, places: list, report: Report, segmenter, memo: dict):
    """A plan with editions: every edition checked, linked (without ``links.yml``, which
    speaks of the latest) and paginated at its point-in-time place; the earlier editions'
    warnings are their own (on their findings pages), their errors stop the plan.
    A ``render.editions.Timeline``, or None after an error."""
    from generator import phases
    from generator.render.editions import Timeline

    point_in_time = []
    diagnostics = []
    for parsed, place in zip(editions, places[:-1]):
        own = Report()
        latest = parsed is editions[-1]
        checked = None if latest else phases.check(parsed, own, segmenter, reviewed=False)
        edition_linked = linked if latest else checked and phases.link(checked, own, segmenter, overrides=False)
        pages = edition_linked and phases.paginate(edition_linked, own, segmenter, place, memo)
        report.items.extend(d for d in own.items if d.severity == "error")
        if pages is None or own.errors:
            return None
        point_in_time.append(pages)
        diagnostics.append(None if latest else parsed.plan.findings_of(own.items))
    return Timeline.of(paginated, point_in_time, diagnostics)


def _run_plans(tasks: list[PlanTask], workers: int) -> list[PlanOutcome]:
    """``plan_stage`` of every task, in task order; in ``workers`` forked processes when
    more than one plan has to be built from its text. Whatever stops this process's wait
    (a signal, an error) kills the workers before it goes on; workers die with this
    process even when it is killed outright (``_worker_started``)."""
    to_build = [t for t in tasks if not (t.key and t.cache_root and (t.cache_root / "plan" / t.key).is_file())]
    if min(workers, len(to_build)) <= 1:
        beside = workers > 1  # one plan to build and a core to spare: its index is made beside its pages
        return [plan_stage(replace(task, beside=beside)) for task in tasks]
    workers = min(workers, len(to_build))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"),
                               initializer=_worker_started, initargs=(os.getpid(),))
    try:
        with signals_held():  # forked meanwhile, a worker inherits no handler that raises Interrupted
            futures = [pool.submit(plan_stage, task) for task in tasks]
        return [future.result() for future in futures]
    except BaseException:
        _kill_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_started(parent: int) -> None:
    """In each worker: die with the parent (Linux ``prctl(PR_SET_PDEATHSIG, SIGKILL)``), leave
    SIGINT to the parent (a terminal's Ctrl-C reaches the whole process group; the parent
    stops the workers) and let SIGTERM end the worker at once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    except (OSError, AttributeError):  # not Linux: the parent's handler still stops the workers
        pass
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _kill_workers(pool) -> None:
    """Kill the pool's worker processes and wait for them: none is left writing into the
    staging folder once it is removed. (``concurrent.futures`` before Python 3.14 has no
    public way to stop a running worker: its ``_processes`` map is used.)"""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        try:
            process.kill()
        except (OSError, ValueError):
            pass
    for process in processes:
        process.join()


def build(content: Path, out: Path, strict: bool = False, templates: Path = PROJECT / "templates",
          static: Path = PROJECT / "static", segmenter=None, cache_dir: Path | None = None,
          workers: int = 1, keep_going: bool = False) -> BuildResult:
    """Build the site of every plan under ``content`` into ``out``.

    ``segmenter``: jieba's dictionary alone (search.segment.Segmenter; None: one made when some
    text has to be cut), handed to every plan's task and to the catalog's index.
    ``cache_dir``: where results are kept between builds (None: no cache, nothing written
    there). ``workers``: processes building plans at once (1: all in this process).
    ``keep_going``: a plan with errors (or, with ``strict``, warnings) does not stop the
    others: they are built and published, the failed plan keeps its pages of the previous
    site in ``out`` (or is left out when it has none), and ``result.failed`` / ``result.kept``
    name them. Without it one failing plan leaves ``out`` as it was."""
    started = time.perf_counter()
    result = BuildResult(Report())
    cache = _usable(Cache(cache_dir), result.report)
    try:
        with loads_remembered(cache):
            _build(content, out, strict, templates, static, cache, workers, result, keep_going, segmenter)
    except InputRejected:
        pass
    except Interrupted:
        _tidy(out)
        raise
    result.seconds = time.perf_counter() - started
    return result


def _build(content: Path, out: Path, strict: bool, templates: Path, static: Path, cache: Cache,
           workers: int, result: BuildResult, keep_going: bool = False, segmenter=None) -> None:
    report = result.report
    try:
        refusal = unsafe_out(out, content)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop of links (Python 3.11's resolve)
        refusal = msg("cannot look at the output folder: {reason}",
                      reason=reason(exc) if isinstance(exc, OSError) else str(exc))
    if refusal:
        report.error(str(out), 0, "out-unsafe", refusal)
        raise InputRejected
    try:
        remove_debris(out.resolve())  # first of all: a swap cut short puts the previous site back
    except OSError as exc:
        report.error(str(out), 0, "out-unwritable", msg("cannot tidy the output's folder: {reason}",
                                                                         reason=reason(exc)))
        raise InputRejected
    folders = discover(content, report)
    if report.errors:
        raise InputRejected
    config = read_site_config(content, report)
    if report.errors:
        raise InputRejected
    keys = _keys(content, folders, templates, static, strict) if cache.enabled else {}
    manifest_key = key_digest("site-of", str(out.resolve()))
    manifest = cache.get("manifest", manifest_key) if keys.get("site") else None
    if isinstance(manifest, dict) and manifest.get("key") == keys["site"] and _intact(out, manifest["files"]):
        report.items.extend(manifest["items"])
        result.plan_lines, result.files, result.written, result.unchanged = manifest["lines"], len(manifest["files"]), True, True
        return
    try:
        staging = Staging(out)
    except OSError as exc:
        report.error(str(out), 0, "out-unwritable", msg("cannot write the site beside {out}: {reason}",
                                                                         out=str(out), reason=reason(exc)))
        raise InputRejected
    try:
        _stage(content, strict, templates, static, config, cache, keys, workers, folders, staging, result, keep_going,
               segmenter)
        left = staging.commit()
    except OSError as exc:
        staging.abort()
        what = f"{reason(exc)} ({exc.filename})" if exc.filename else reason(exc)
        report.error(str(out), 0, "out-unwritable", msg("cannot write the site: {reason}; the previous site is "
                                                        "left as it was", reason=what))
        raise InputRejected
    except BaseException:
        staging.abort()
        raise
    result.written = True
    for folder in left:
        report.note(str(folder), 0, "out-debris", msg("the previous site, swapped out, could not be removed: "
                                                      "delete this folder"))
    if keys.get("site") and not result.failed:  # a build with failed plans is never "unchanged"
        try:
            stamps = _stamps(out)
        except OSError:
            return
        cache.put("manifest", manifest_key, {"key": keys["site"], "files": stamps, "items": report.items,
                                             "lines": result.plan_lines})


def _stage(content: Path, strict: bool, templates: Path, static: Path, config: SiteConfig, cache: Cache,
           keys: dict, workers: int, folders: list[Path], staging: Staging, result: BuildResult,
           keep_going: bool, segmenter) -> None:
    """Every plan's files and the site's own into ``staging``; InputRejected on an error
    (``keep_going``: only when every plan failed)."""
    report = result.report
    search_kept = cache.root and keys.get("search") and (cache.root / "search" / keys["search"]).is_file()
    alone = len(folders) == 1 and not search_kept  # its index makes the catalog's search files (``SearchSide``)
    tasks = [PlanTask(folder, content, keys.get(folder), cache.root, templates, config, staging, segmenter,
                      keys.get(("cuts", folder)), keys.get(("pages", folder)), static if alone else None)
             for folder in folders]
    outcomes = _run_plans(tasks, workers)
    for outcome in outcomes:
        report.items.extend(outcome.items)
    failed = [folder.name for folder, outcome in zip(folders, outcomes) if _failed(outcome, strict)]
    if failed and keep_going and len(failed) < len(folders):
        outcomes = _keep_previous(staging, folders, outcomes, failed, result)
    elif report.errors or (strict and report.warnings):
        raise InputRejected
    sites = [outcome.site for outcome in outcomes]
    result.plans = [site.plan for site in sites]
    result.plan_lines = [outcome.line for outcome in outcomes]
    result.rebuilt = sum(outcome.rebuilt for outcome in outcomes)
    result.files = sum(outcome.files for outcome in outcomes)
    result.rewritten = sum(outcome.rewritten for outcome in outcomes)
    files = _site_files(sites, outcomes, templates, static, config, cache, keys.get("search"), segmenter)
    for path in sorted(files):
        result.rewritten += staging.put(path, files[path])
    result.files += len(files)


def _usable(cache: Cache, report: Report) -> Cache:
    """``cache``, or the disabled cache after a note when it cannot be used (a bad cache is
    never an error: the build goes on without it)."""
    why = cache.unusable()
    if why is None:
        return cache
    report.note(str(cache.root), 0, "cache-unusable", msg("{why}; building without the cache", why=why))
    return Cache(None)


def _tidy(out: Path) -> None:
    """After a stop: this process's staging folder gone, a swap cut short undone."""
    try:
        remove_debris(out.resolve())
    except (OSError, RuntimeError):
        pass


def _failed(outcome: PlanOutcome, strict: bool) -> bool:
    """Whether a plan was not built: an error, no pages, or (``strict``) a warning."""
    severities = {d.severity for d in outcome.items}
    return outcome.site is None or "error" in severities or (strict and "warning" in severities)


def _keep_previous(staging: Staging, folders: list[Path], outcomes: list[PlanOutcome], failed: list[str],
                   result: BuildResult) -> list[PlanOutcome]:
    """``--keep-going``: the outcomes of the plans built; each failed plan's own files
    (``paths.plan_site_paths``, and its editions' exports ``data/<slug>.<date>.json`` and search
    data ``search/plan-<slug>.<date>.js``) are
    those of the previous site, or none."""
    for slug in failed:
        kept = 0
        data = staging.out / "data"
        editions = sorted(p.name for p in data.glob(f"{slug}.*.json")) if data.is_dir() else []
        search = staging.out / "search"
        scripts = sorted(p.name for p in search.glob(f"plan-{slug}.*.js")) if search.is_dir() else []
        for path in [*plan_site_paths(slug), *(f"data/{name}" for name in editions),
                     *(f"search/{name}" for name in scripts)]:
            staging.discard(path)  # pages a plan failed by --strict has already rendered
            kept += staging.keep_previous(path)
        result.failed.append(slug)
        if kept:
            result.kept.append(slug)
            result.files += kept
    return [outcome for folder, outcome in zip(folders, outcomes) if folder.name not in failed]


def _site_files(sites: list, outcomes: list[PlanOutcome], templates: Path, static: Path, config: SiteConfig,
                cache: Cache, search_key: str | None, segmenter=None) -> dict[str, bytes]:
    """The files that span plans: catalog data, the site pages, the search script, static files."""
    from generator.render.export import catalog, dumps
    from generator.render.html import Renderer

    findings = {site.plan.meta.slug: site.plan.findings_of(outcome.items) for site, outcome in zip(sites, outcomes)}
    files = {CATALOG_DATA: dumps(catalog([site.plan for site in sites])).encode("utf-8")}
    style, root_script = ((static / name).read_text(encoding="utf-8") for name in ("style.css", "not-found.js"))
    files.update(Renderer(_environment(templates, cache.root), sites, findings, config).site_files(style, root_script))
    searched = cache.get("search", search_key) if search_key else None
    if not isinstance(searched, dict):
        made = outcomes[0].catalog if len(outcomes) == 1 else None  # with the plan's index (``SearchSide``)
        searched = made if made is not None else catalog_search_files(sites, outcomes, _segmenter(segmenter),
                                                                       static, cache)
        if search_key:
            cache.put("search", search_key, searched)
    files.update(searched)
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        files[f"static/{path.relative_to(static).as_posix()}"] = path.read_bytes()
    return files


def _keys(content: Path, folders: list[Path], templates: Path, static: Path, strict: bool) -> dict:
    """Cache keys: per plan folder (its results), ("cuts", folder) (its remembered cuts: the
    same whatever the plan's text), ("pages", folder) (its rendered pages: the same whatever
    the plan's text, for the same templates and site settings), "search" (the search script) and "site" (the whole
    site); a key is absent when some input cannot be hashed."""
    code = code_digest()
    parts = {"templates": tree_digest(templates), "static": tree_digest(static),
             "site.yml": tree_digest(content / SITE_FILE)}
    if None in parts.values():
        return {}
    keys: dict = {}
    plan_digests = []
    for folder in folders:
        folder_digest = tree_digest(folder)
        if folder_digest is None:
            return {}
        plan_digests += [folder.name, folder_digest]
        keys[folder] = key_digest("plan", code, parts["templates"], parts["site.yml"], str(content), str(folder),
                              folder_digest)
        keys["cuts", folder] = key_digest("cuts", code, str(content), str(folder))
        keys["pages", folder] = key_digest("pages", code, parts["templates"], parts["site.yml"], str(content),
                                           str(folder))
    keys["search"] = key_digest("search", code, parts["static"], str(content), *plan_digests)
    keys["site"] = key_digest("site", code, *parts.values(), str(content), str(strict), *plan_digests)
    return keys


def _stamps(out: Path) -> dict[str, tuple[int, int]]:
    """Every file of the site: (size, modification time in ns) by site path."""
    stamps = {}
    for path in out.rglob("*"):
        if path.is_file() and not path.is_symlink():
            info = path.stat()
            stamps[path.relative_to(out).as_posix()] = (info.st_size, info.st_mtime_ns)
    return stamps


def _intact(out: Path, stamps: dict) -> bool:
    """Whether ``out`` holds exactly the files the last build left there, untouched."""
    try:
        return out.is_dir() and _stamps(out) == stamps
    except OSError:
        return False


KIND_WORDS = {"front": msg("front"), "part": msg("part"), "chapter": msg("chapter"), "section": msg("section"),
              "item": msg("item"), "measure": msg("measure"), "box": msg("box"),
              "box_continuation": msg("box_continuation"), "project": msg("project"), "table": msg("table"),
              "row": msg("row"), "table_group": msg("table_group"), "indicator": msg("indicator"),
              "target": msg("target"), "attachment": msg("attachment"), "attachment_ref": msg("attachment_ref")}


def plan_line(plan) -> Message:
    """What the build found in one plan: nodes by kind, page breaks, links, findings (a
    message: printed in the environment's language)."""
    listed = joined([msg("{count} {kind}", count=n, kind=KIND_WORDS.get(kind, kind))
                     for kind, n in plan.kind_counts().items()])
    line = msg("{slug}: {listed}; {breaks} page breaks rejoined; {projects} project links, {indicators} indicator "
               "links, {serves} serves links, {findings} figure findings", slug=plan.meta.slug, listed=listed,
               breaks=len(plan.page_breaks), projects=sum(1 for l in plan.links if l.kind == "project"),
               indicators=sum(1 for l in plan.links if l.kind == "indicator"),
               serves=sum(1 for l in plan.links if l.kind == "serves"), findings=len(plan.findings))
    return joined([line, _duties_told(plan)], separator="")


def _duties_told(plan) -> Message | str:
    """``; 18 tasks with departments (25 departments)`` when the plan says who carries out its tasks."""
    if not plan.duties:
        return ""
    from generator.parse.duties import departments

    return msg("; {tasks} tasks with departments ({departments} departments)",
               tasks=len({d.task for d in plan.duties}), departments=len(departments(plan.duties)))


def summary(result: BuildResult) -> list[str]:
    """The build report an editor reads: diagnostics, counts per kind, time, and how much
    of the work was new."""
    shown = (d for d in result.report.items if d.severity != REVIEWED)  # listed on the findings page
    lines = [str(d) for d in sorted(shown, key=lambda d: (d.path, d.line, d.code))]
    lines += [said(line) for line in result.plan_lines or [plan_line(plan) for plan in result.plans]]
    lines.append(said(_verdict(result)))
    return lines


def _verdict(result: BuildResult) -> Message:
    """The summary's last line: built or not, the counts, the time, how much was rewritten."""
    errors, warnings = len(result.report.errors), len(result.report.warnings)
    verdict = msg("built") if result.written else msg("not built (previous site left as it was)")
    if not result.written and not errors and warnings:
        verdict = msg("not built, since --strict counts its warnings as errors (previous site left as it was)")
    plans = len(result.plan_lines or result.plans)
    if result.written and result.failed:
        kept = [msg("{slug} (previous pages kept)", slug=slug) if slug in result.kept
                else msg("{slug} (left out: no previous pages)", slug=slug) for slug in result.failed]
        verdict = msg("built without {count} failed plan(s): {plans}; built", count=len(result.failed),
                      plans=joined(kept))
    parts = [msg("{verdict}: {plans} plan(s), {errors} error(s), {warnings} warning(s), {seconds:.2f} s",
                 verdict=verdict, plans=plans, errors=errors, warnings=warnings, seconds=result.seconds)]
    if result.report.reviewed:
        parts.append(msg(" ({count} more reviewed in reviewed.yml)", count=len(result.report.reviewed)))
    if result.unchanged:
        parts.append(msg("; nothing changed since the last build: no file rewritten"))
    elif result.written:
        parts.append(msg("; {rebuilt} of {plans} plan(s) rebuilt from their text, {rewritten} of {files} file(s) "
                         "rewritten", rebuilt=result.rebuilt, plans=plans, rewritten=result.rewritten,
                         files=result.files))
    return joined(parts, separator="")
