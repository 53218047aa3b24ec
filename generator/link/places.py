"""Where each node of a plan sits, as the link rules ask it: its chapter, whether that chapter
reviews past years, the headings above it, and the targets found in its prose."""
from __future__ import annotations

from generator.structure.records import Chapter, Node, Plan, Target


class Places:
    """Indexes over ``plan`` built once: chapter by node id (None outside chapters), target
    nodes by the id of the node whose prose states them."""

    def __init__(self, plan: Plan):
        self.by_id = plan.index()
        self.chapter: dict[str, Chapter | None] = {node.id: self._chapter_of(node) for node in plan.nodes}
        self.targets: dict[str, list[Target]] = {}
        for node in plan.nodes:
            if isinstance(node, Target):
                self.targets.setdefault(node.parent, []).append(node)

    def _chapter_of(self, node: Node) -> Chapter | None:
        while node.parent is not None:
            node = self.by_id[node.parent]
        return node if isinstance(node, Chapter) else None

    def in_review(self, node: Node) -> bool:
        """Whether the node sits in a chapter reviewing past years (its figures are baselines)."""
        chapter = self.chapter.get(node.id)
        return bool(chapter and chapter.review)

    def headings(self, node: Node) -> str:
        """The titles of every division above the node, innermost first, joined by spaces."""
        titles = []
        while node.parent is not None:
            node = self.by_id[node.parent]
            titles.append(node.title or "")
        return " ".join(titles)
