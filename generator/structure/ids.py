"""Every id the build gives: nodes, findings. One function per kind, so an id's form is
written once.

Node ids follow the plan's own numbering in the style of the Akoma Ntoso naming convention
(``chp_5__sec_1__item_1__para_2``): a component per level, ``__`` between components, the
printed ordinal after ``_``. Ids are stable across rebuilds of the same edition and are the
anchors of the site's permalinks (CONTRACTS.md, Permalinks), so changing a form here breaks
links that others publish. Finding ids are ``kind:node id[:node id…]``.
"""
from __future__ import annotations

JOIN = "__"


def front_id(role: str, count: int) -> str:
    """``front__doc_number`` for the first line of a role of the notice, ``front__other_2`` after."""
    return f"front{JOIN}{role}" if count == 1 else f"front{JOIN}{role}_{count}"


def part_id(ordinal: int) -> str:
    """``part_1`` for 第一篇 / 第一部分."""
    return f"part_{ordinal}"


def chapter_id(ordinal: int) -> str:
    """``chp_5`` for 第五章 (chapters are numbered through the plan, parts or not)."""
    return f"chp_{ordinal}"


def attachment_id(ordinal: int) -> str:
    """``att_1`` for 附件1 (a lone 附件 is ``att_1``); what it holds is below it:
    ``att_1__sec_2__para_1``."""
    return f"att_{ordinal}"


def attachment_ref_id(ordinal: int) -> str:
    """``attref_2``: the entry of the body's list of appendices that names 附件2; ``attref_0``:
    a 附件： printed alone above the entries."""
    return f"attref_{ordinal}"


def attachment_of(node_id: str) -> str | None:
    """The id of the appendix a node sits in (``att_1`` for ``att_1__sec_2__para_1``), or None."""
    head = node_id.split(JOIN)[0]
    return head if head.startswith("att_") else None


def division_id(scope: str | None, kind: str, ordinal: int) -> str:
    """A section (``kind`` "section") or point ("item") inside ``scope`` (the id of the division
    it sits in; None at the top of the plan or in a part): ``chp_5__sec_1``,
    ``chp_5__sec_1__item_2``, ``item_3``."""
    own = f"{'sec' if kind == 'section' else 'item'}_{ordinal}"
    return f"{scope}{JOIN}{own}" if scope else own


def numbered_again(node_id: str, n: int) -> str:
    """The id of the ``n``-th node (n ≥ 2) printed with the same number in the same place:
    ``chp_3_2``."""
    return f"{node_id}_{n}"


def box_id(ordinal: int, sub: int | None = None) -> str:
    """``box_2`` for 专栏2, ``box_3-1`` for 专栏3-1."""
    return f"box_{ordinal}" if sub is None else f"box_{ordinal}-{sub}"


def continuation_id(box: str, count: int) -> str:
    """The ``count``-th header of a 专栏 printed again after a page break: ``box_2__cont_1``."""
    return f"{box}{JOIN}cont_{count}"


def project_id(box: str, ordinal: int) -> str:
    """``box_2__proj_3``: the third project of 专栏2."""
    return f"{box}{JOIN}proj_{ordinal}"


def paragraph_id(container: str | None, count: int) -> str:
    """The ``count``-th paragraph of a division or 专栏 (``chp_5__sec_1__para_2``), or of the
    preamble before any division (``preamble__para_1``)."""
    return f"{container or 'preamble'}{JOIN}para_{count}"


def table_id(number: int, part: int = 1) -> str:
    """``tbl_2`` for the plan's second table; ``tbl_2__part_2`` for its second part (its
    header printed again, or a second header)."""
    return f"tbl_{number}" if part == 1 else f"tbl_{number}{JOIN}part_{part}"


def group_id(parent: str, count: int) -> str:
    """The ``count``-th group row of a table or 专栏 table: ``tbl_1__grp_3``, ``box_4__grp_1``."""
    return f"{parent}{JOIN}grp_{count}"


def row_id(table: str, line: int) -> str:
    """A table row that cannot be read, by its source line: ``tbl_1__row_45``."""
    return f"{table}{JOIN}row_{line}"


def table_row_id(table: str, ordinal: int) -> str:
    """``tbl_2__tr_5``: the 5th body row of a printed table (header rows not counted)."""
    return f"{table}{JOIN}tr_{ordinal}"


def indicator_id(ordinal: int) -> str:
    """``ind_12``: the twelfth indicator of the plan (numbered through all its tables)."""
    return f"ind_{ordinal}"


def target_id(node: str, count: int) -> str:
    """The ``count``-th target found in a node's prose: ``chp_3__sec_3__para_2__tgt_1``."""
    return f"{node}{JOIN}tgt_{count}"


def finding_id(kind: str, *nodes: str) -> str:
    """``indicator-target:ind_2:chp_3__sec_3__para_2``: the kind, then the ids it concerns."""
    return ":".join((kind, *nodes))


def finding_anchor(finding: str) -> str:
    """The HTML anchor of a finding on the findings page: its id with ``:`` written ``-``
    (``indicator-target-ind_2-chp_3__sec_3__para_2``)."""
    return finding.replace(":", "-")


def whole_table(part_id: str) -> str:
    """The id of the table a later printed part belongs to: ``tbl_1`` for ``tbl_1__part_2``."""
    return part_id.split(JOIN)[0]


def last_ordinal(node_id: str) -> str:
    """The printed ordinal an id ends with: ``2`` for ``chp_5__sec_1__para_2``."""
    return node_id.rsplit("_", 1)[-1]


def relative_to(node_id: str, parent_id: str) -> str | None:
    """The components of ``node_id`` below ``parent_id`` (``item_2`` for ``chp_5__sec_1__item_2``
    under ``chp_5__sec_1``), or None when the id does not extend the parent's."""
    head = parent_id + JOIN
    return node_id[len(head):] if node_id.startswith(head) else None
