"""The align step (after parse, before check): each edition's ids made to keep the ids of
the edition before it, so a permalink of an older edition lands on the same clause later.

Ids are first derived from each edition's own numbering (``structure.ids``). Aligning an
edition with the one before it (whose ids are already final), in four passes, as
legislation.gov.uk keeps a provision's id when others are inserted before it:

1. same place, same text: a node whose id and signature (kind and own words;
   an indicator's group and name) are the earlier node's keeps that id;
2. same text elsewhere: a node moved or renumbered (the sections after an inserted one)
   takes the id of the earlier node with its signature (one under the same parent first);
3. same place, changed text: a node left takes the id of the earlier node of its kind,
   under the same parent and not yet taken, whose words are most alike (difflib's ratio
   at least ``CHANGED_RATIO``);
4. new: the node's own id under its parent's final id; when an earlier edition used that
   id for another node, the edition's date is added (``chp_5__sec_2_v20240529``), so an
   id never names two clauses.

A node whose id extends its parent's (a target, ``…__tgt_1``) follows its parent. The
node keeps its printed number: a renumbered section keeps its id and shows its new number.
"""
from __future__ import annotations

import difflib
from dataclasses import replace

from generator.structure import ids
from generator.structure.records import Indicator, Node, Plan, line_nodes

CHANGED_RATIO = 0.5  # difflib.SequenceMatcher.ratio of two texts of one place that are one clause changed
DERIVED_KINDS = ("target",)  # ids that always follow their parent's


def signature(node: Node) -> tuple:
    """What a node is, apart from its place and number: its kind and own words; an
    indicator's group and name (its figures may change and it stays the same indicator)."""
    if isinstance(node, Indicator):
        return ("indicator", node.stage, node.substage or "", node.name)
    return (node.kind, node.title or "", node.text or "")


def words(node: Node) -> str:
    """The node's own words compared for a change: title and text."""
    return f"{node.title or ''}{node.text or ''}"


def align(earlier: Plan, later: Plan, taken: set[str]) -> dict[str, str]:
    """The final id of every node of ``later`` (its id as parsed → the id it keeps), given the
    aligned ``earlier`` edition and ``taken``: every id of every earlier edition."""
    before = earlier.index()
    final: dict[str, str] = {}
    used: set[str] = set()
    by_signature: dict[tuple, list[Node]] = {}
    for node in earlier.nodes:
        if node.kind not in DERIVED_KINDS:
            by_signature.setdefault(signature(node), []).append(node)
    free = [n for n in later.nodes if n.kind not in DERIVED_KINDS]
    for node in free:  # 1. same place, same text
        old = before.get(node.id)
        if old is not None and signature(old) == signature(node):
            final[node.id] = node.id
            used.add(node.id)
    for node in free:  # 2. same text elsewhere
        if node.id in final:
            continue
        candidates = [n for n in by_signature.get(signature(node), []) if n.id not in used]
        if candidates:
            same_parent = [n for n in candidates if n.parent == _final_parent(node, final)]
            chosen = (same_parent or candidates)[0]
            final[node.id] = chosen.id
            used.add(chosen.id)
    siblings: dict[str | None, list[Node]] = {}
    for node in earlier.nodes:
        if node.kind not in DERIVED_KINDS:
            siblings.setdefault(node.parent, []).append(node)
    for node in later.nodes:  # in document order: a parent's final id is known before its children's
        if node.id in final:
            continue
        changed = None if node.kind in DERIVED_KINDS else _changed(node, siblings.get(_final_parent(node, final), []),
                                                                      used)
        if changed is not None:
            final[node.id] = changed.id
            used.add(changed.id)
            continue
        own = _rebased(node, final)
        if node.kind not in DERIVED_KINDS and (own in taken or own in used):
            own = f"{own}_v{later.meta.date.replace('-', '')}"
        final[node.id] = own
        used.add(own)
    return final


def _final_parent(node: Node, final: dict[str, str]) -> str | None:
    return final.get(node.parent, node.parent) if node.parent is not None else None


def _rebased(node: Node, final: dict[str, str]) -> str:
    """The node's id under its parent's final id (its own last components kept)."""
    if node.parent is None:
        return node.id
    rest = ids.relative_to(node.id, node.parent)
    return node.id if rest is None else f"{final.get(node.parent, node.parent)}{ids.JOIN}{rest}"


def _changed(node: Node, siblings: list[Node], used: set[str]) -> Node | None:
    """The earlier node, of the kind of ``node`` and under the same parent, whose words are
    most alike (ratio at least ``CHANGED_RATIO``), or None."""
    best, best_ratio = None, CHANGED_RATIO
    text = words(node)
    for old in siblings:
        if old.id in used or old.kind != node.kind:
            continue
        matcher = difflib.SequenceMatcher(None, words(old), text, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio >= best_ratio:
            best, best_ratio = old, ratio
    return best


def renamed(plan: Plan, final: dict[str, str]) -> Plan:
    """``plan`` with its nodes' ids (and parents, the appendices its list names, its duties'
    tasks) as ``final`` says, and its table of lines (``records.line_nodes``) of the new
    nodes; new records, the parsed ones left as they are."""
    def to(node_id: str | None) -> str | None:
        return final.get(node_id, node_id) if node_id is not None else None

    nodes = []
    for node in plan.nodes:
        changes = {"id": to(node.id), "parent": to(node.parent)}
        if getattr(node, "attachment", None):
            changes["attachment"] = to(node.attachment)
        nodes.append(replace(node, **changes))
    duties = [replace(d, task=to(d.task), table=to(d.table)) for d in plan.duties]
    return replace(plan, nodes=nodes, duties=duties, lines=line_nodes(nodes))


def align_editions(plans: list[Plan]) -> list[Plan]:
    """Every edition (oldest first) with ids kept from the edition before: the oldest as
    parsed, each later one renamed by :func:`align`."""
    aligned = [plans[0]]
    taken = {n.id for n in plans[0].nodes}
    for plan in plans[1:]:
        final = align(aligned[-1], plan, taken)
        aligned.append(renamed(plan, final))
        taken |= set(final.values())
    return aligned
