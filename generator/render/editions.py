"""The render phase for a plan with editions: each edition's point-in-time pages and export,
and what changed between consecutive editions (``<slug>/changes.html``,
``data/<slug>-changes.json``).

A change is found on the aligned ids (``editions.align``): a node of the later edition
whose id the earlier lacks is *added*, one the later lacks is *removed* (a node under an
added or removed one is counted with it); a node of both whose own words differ is
*changed* (marked word by word: both texts cut by the plan's segmenter, jieba with the
plan's terms, and the word sequences compared by ``difflib.SequenceMatcher``, so a changed
figure is marked as the word 90%, not its last digit), one whose printed number or parent
differs *moved*. Indicators and the targets found in the prose
are compared by their figures (普惠率 88 → 90): an indicator's cells or a target's value
changing is a figure change, not a clause change.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from typing import Callable

from generator import phases
from generator.editions.align import words
from generator.editions.place import chapter_labels, elsewhere
from generator.structure.paths import changes_page, edition_data_path, edition_search_script
from generator.paginate.pages import PlanPages
from generator.render.export import dumps
from generator.structure.paths import changes_data_path
from generator.structure.records import Indicator, Node

FIGURE_KINDS = ("indicator", "target")  # compared by figures (``figure_changes``)
INDICATOR_FIGURES = (("baseline", "baseline_text", "基期"), ("target", "target_text", "目标"))
Cut = Callable[[str], list[str]]  # a text's words in order, joined giving the text back (``Segmenter.cut``)


def clause_changes(before: PlanPages, after: PlanPages, cut: Cut) -> list[dict]:
    """The clauses added, removed, changed and moved from edition ``before`` to ``after``, in
    the later edition's order (removed ones at their earlier place, after the later's); a
    changed clause's marks are of the words ``cut`` gives (:func:`marks`)."""
    old, new = before.plan.index(), after.plan.index()
    found = []
    for node in after.plan.nodes:
        if node.kind == "target":
            continue
        earlier = old.get(node.id)
        if earlier is None:
            if node.parent is None or node.parent in old:
                found.append(_change("added", None, node, before, after, cut))
        elif _words(earlier) != _words(node):
            found.append(_change("changed", earlier, node, before, after, cut))
        elif earlier.number != node.number or earlier.parent != node.parent:
            found.append(_change("moved", earlier, node, before, after, cut))
    for node in before.plan.nodes:
        if node.kind != "target" and node.id not in new and (node.parent is None or node.parent in new):
            found.append(_change("removed", node, None, before, after, cut))
    return found


def _words(node: Node) -> str:
    """The words a clause change compares: an indicator's group and name (its cells are figures)."""
    if isinstance(node, Indicator):
        return f"{node.stage}{node.substage or ''}{node.name}"
    return words(node)


def _change(change: str, earlier: Node | None, later: Node | None, before: PlanPages, after: PlanPages,
            cut: Cut) -> dict:
    node = later or earlier
    return {"change": change, "id": node.id, "kind": node.kind,
            "before": _side(earlier, before), "after": _side(later, after),
            "marks": marks(_words(earlier), _words(later), cut) if change == "changed" else []}


def _side(node: Node | None, pages: PlanPages) -> dict | None:
    if node is None:
        return None
    return {"number": node.number, "citation": pages.citations.get(node.id, ""), "url": pages.url(node.id),
            "text": _words(node)}


def marks(before: str, after: str, cut: Cut) -> list[list[str]]:
    """Word-level marks of a changed text: ``[["=", kept], ["-", deleted], ["+", inserted], …]``,
    each run whole words of ``cut`` (the plan's segmenter, ``search.segment.Segmenter.cut``),
    the two word sequences compared by ``difflib.SequenceMatcher`` without its junk
    heuristic. The kept and deleted runs joined give ``before``, the kept and inserted ``after``."""
    result: list[list[str]] = []
    old, new = cut(before), cut(after)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result.append(["=", "".join(old[i1:i2])])
            continue
        if i2 > i1:
            result.append(["-", "".join(old[i1:i2])])
        if j2 > j1:
            result.append(["+", "".join(new[j1:j2])])
    return result


def figure_changes(before: PlanPages, after: PlanPages) -> list[dict]:
    """The indicators whose baseline or target and the targets in the prose whose value
    changed, in the later edition's order: ``{"id", "kind", "name", "field", "before",
    "after", "before_text", "after_text", "unit", "before_url", "after_url"}``."""
    old = before.plan.index()
    found = []
    for node in after.plan.nodes:
        earlier = old.get(node.id)
        if node.kind not in FIGURE_KINDS or earlier is None or earlier.kind != node.kind:
            continue
        if isinstance(node, Indicator):
            fields = [(value, text, label) for value, text, label in INDICATOR_FIGURES
                      if (getattr(earlier, value), getattr(earlier, text)) != (getattr(node, value), getattr(node, text))]
            name = node.name
        else:
            fields = [("value", "quote", "目标")] if (earlier.value, earlier.value_max) != (node.value, node.value_max) else []
            name = node.subject or node.quote
        for value, text, label in fields:
            found.append({"id": node.id, "kind": node.kind, "name": name, "field": value, "label": label,
                          "before": getattr(earlier, value), "after": getattr(node, value),
                          "before_text": getattr(earlier, text), "after_text": getattr(node, text),
                          "unit": node.unit, "before_url": before.url(node.id), "after_url": after.url(node.id)})
    return found


def changes_data(editions: list[PlanPages], cut: Cut) -> dict:
    """``data/<slug>-changes.json``: ``{"plan": slug, "editions": [{"date", "label", "doc_number",
    "title", "source", "note", "url", "data"}], "changes": [{"from", "to", "clauses": […], "figures": […]}]}``
    (``clause_changes``, its marks of the words ``cut`` gives; ``figure_changes``), for each
    pair of consecutive editions."""
    slug = editions[-1].plan.meta.slug
    listed = [{"date": p.place.date, "label": p.place.label, "doc_number": p.plan.meta.doc_number,
               "title": p.plan.meta.title, "source": p.plan.meta.source, "note": p.place.note, "url": f"{p.place.folder}/index.html",
               "data": edition_data_path(slug, p.place.date)} for p in editions]
    pairs = [{"from": a.place.date, "to": b.place.date, "clauses": clause_changes(a, b, cut),
              "figures": figure_changes(a, b)} for a, b in zip(editions, editions[1:])]
    return {"plan": slug, "editions": listed, "changes": pairs}


@dataclass(frozen=True)
class Timeline:
    """A plan's editions paginated: ``latest``, the plan's pages at ``slug/`` (``phases.Paginated``);
    ``editions``, every edition's point-in-time pages, oldest first; ``diagnostics``, each
    earlier edition's own (None for the latest: the plan's). Each place knows where its
    clauses are in the latest (``editions.place.elsewhere``)."""

    latest: phases.Paginated
    editions: tuple
    diagnostics: tuple

    @classmethod
    def of(cls, latest, editions: list, diagnostics: list) -> "Timeline":
        slug = latest.pages.plan.meta.slug
        now = latest.pages.url_of
        then: dict[str, dict[str, str]] = {}
        placed = []
        pages_now = frozenset(page.path for page in latest.pages.all())
        for paginated in editions:
            pages = paginated.pages
            own, former = elsewhere(slug, now, pages.place.folder, pages.url_of)
            for page, moved in former.items():
                then.setdefault(page, {}).update(moved)
            placed.append(_with_place(paginated, own, pages_now))
        every = tuple(page.path for p in editions for page in p.pages.all())
        earlier = tuple((p.pages.place.date, p.pages.place.label, chapter_labels(p.pages.plan)) for p in editions[:-1])
        return cls(_with_place(latest, then, pages_now, every, earlier), tuple(placed), tuple(diagnostics))

    def files(self, environment, findings: list, config, segmenter, memo=None) -> dict[str, bytes]:
        """Every edition's pages and export, each earlier edition's search data (the latest's
        is the plan's), the change page and the changes data (a changed clause marked in the
        words of ``segmenter``, ``search.segment.Segmenter`` of jieba's dictionary alone,
        with the plan's terms added). ``memo``: the pages an earlier build rendered
        (``render.html.RenderedPages``), or None."""
        from generator.render.html import Renderer
        from generator.render.plan_views import changes_view

        files = {}
        slug = self.latest.pages.plan.meta.slug
        for paginated, own in zip(self.editions, self.diagnostics):
            files.update(phases.render_edition(paginated, environment, findings if own is None else own, config,
                                                memo))
            if paginated is not self.editions[-1]:
                files[edition_search_script(slug, paginated.pages.place.date)] = phases.index(paginated, segmenter).script
        cut = segmenter.with_words(self.latest.terms).cut
        data = changes_data([p.pages for p in self.editions], cut)
        files[changes_data_path(slug)] = dumps(data).encode("utf-8")
        renderer = Renderer(environment, [self.latest.pages], {}, config, memo)
        files[changes_page(slug)] = renderer.html(changes_view(self.latest.pages, data, config.site_url))
        return files


def _with_place(paginated, moved: dict, pages_now: frozenset, edition_pages: tuple = (), earlier: tuple = ()) -> object:
    pages = paginated.pages
    place = replace(pages.place, elsewhere=moved, latest_pages=pages_now, edition_pages=edition_pages, earlier=earlier)
    return replace(paginated, pages=replace(pages, place=place))
