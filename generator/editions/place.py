"""Where an edition's pages stand and what they say about the other editions.

Every edition of a plan with ``editions`` has point-in-time pages at ``<slug>/<date>/…``;
the latest also has the plan's pages at ``<slug>/…``. Its citations name it
(《规划》（2024年5月29日调整版）…).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as Date

from generator.structure.paths import changes_page, edition_folder


def edition_label(day: str, first: bool) -> str:
    """How citations and notices name an edition: ``2022年9月6日版`` for the first one,
    ``2024年5月29日调整版`` for a later one (``day``: YYYY-MM-DD)."""
    value = Date.fromisoformat(day)
    return f"{value.year}年{value.month}月{value.day}日{'版' if first else '调整版'}"


@dataclass(frozen=True)
class EditionPlace:
    """One set of pages of one edition. ``folder``: where its pages are (``slug`` for the
    latest's plan pages, ``slug/<date>`` for point-in-time pages); ``label``: its name in
    citations; ``latest_label``: the latest edition's; ``elsewhere``: by page path, the ids
    a reader may arrive with (an older edition's permalinks) whose clause is not on that page
    in the latest edition, mapped to its site URL there ("" when the latest removed it);
    ``changes``: the change page's path."""

    date: str
    label: str
    folder: str
    latest: bool
    latest_label: str
    latest_folder: str
    changes: str
    elsewhere: dict[str, dict[str, str]] = field(default_factory=dict)
    note: str = ""  # plan.yml's note on the edition (中期评估调整)
    latest_pages: frozenset[str] = frozenset()  # the site paths of the latest edition's plan pages
    edition_pages: tuple[str, ...] = ()  # on the plan's own pages: every edition's point-in-time pages
    # on the plan's own pages: (date, label, chapters) of each earlier edition, oldest first; chapters: its
    # chapter_labels, as its search data numbers them (the search page's chapter filter under ed=)
    earlier: tuple[tuple[str, str, tuple[str, ...]], ...] = ()


def chapter_labels(plan) -> tuple[str, ...]:
    """A plan's chapters and appendices as the search page's chapter filter lists them
    (``第一章 总体要求``), in the order its search data numbers them (``search.index``)."""
    return tuple(f"{c.number} {c.title or ''}".strip() for c in plan.chapters_and_appendices())


def edition_places(source) -> list[EditionPlace]:
    """The places of a plan's pages (``source``: ``read.source.PlanSource`` with ``editions``):
    each edition's point-in-time pages, oldest first, then the latest's plan pages at ``slug``."""
    slug = source.meta.slug
    latest = source.editions[-1]
    latest_label = edition_label(latest.date, len(source.editions) == 1)
    places = [EditionPlace(e.date, edition_label(e.date, i == 0), edition_folder(slug, e.date), e is latest,
                           latest_label, slug, changes_page(slug), note=e.note or "")
              for i, e in enumerate(source.editions)]
    return [*places, EditionPlace(latest.date, latest_label, slug, True, latest_label, slug, changes_page(slug),
                                  note=latest.note or "")]


def elsewhere(slug: str, latest: dict[str, str], folder: str, urls: dict[str, str]) -> tuple[dict, dict]:
    """Where an edition's clauses are in the latest edition, for the clauses a reader would
    not find there at the same address. ``latest``: the URL of every node on the plan's
    pages (``slug/…``); ``folder``, ``urls``: an edition's point-in-time folder and URLs.
    Gives two maps of page path → {node id: its URL in the latest, "" when removed}: one for
    the edition's own pages, one for the plan's pages at the addresses the clauses had when
    that edition was the latest."""
    own: dict[str, dict[str, str]] = {}
    then: dict[str, dict[str, str]] = {}
    for node_id, url in urls.items():
        if url.partition("#")[2] not in ("", node_id):
            continue  # a target, a later part of a table: shown at another node's address
        former = f"{slug}/{url[len(folder) + 1:]}"
        now = latest.get(node_id, "")
        if now == former:
            continue
        own.setdefault(url.partition("#")[0], {})[node_id] = now
        then.setdefault(former.partition("#")[0], {})[node_id] = now
    return own, then
