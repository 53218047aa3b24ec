"""ids.py: the forms of node ids (the site's permalink anchors, CONTRACTS.md) and finding ids."""
from __future__ import annotations

from generator.structure import ids

NESTED_KINDS = ("section", "item", "measure", "project", "target", "box_continuation", "table_group")


def test_id_forms():
    assert [ids.front_id("doc_number", 1), ids.front_id("other", 2)] == ["front__doc_number", "front__other_2"]
    assert [ids.part_id(1), ids.chapter_id(5)] == ["part_1", "chp_5"]
    assert ids.division_id("chp_5", "section", 1) == "chp_5__sec_1"
    assert ids.division_id("chp_5__sec_1", "item", 2) == "chp_5__sec_1__item_2"
    assert ids.division_id(None, "item", 3) == "item_3"
    assert [ids.box_id(2), ids.box_id(3, 1)] == ["box_2", "box_3-1"]
    assert [ids.project_id("box_2", 3), ids.continuation_id("box_2", 1)] == ["box_2__proj_3", "box_2__cont_1"]
    assert [ids.paragraph_id("chp_5__sec_1", 2), ids.paragraph_id(None, 1)] == \
        ["chp_5__sec_1__para_2", "preamble__para_1"]
    assert [ids.table_id(2), ids.table_id(2, 1), ids.table_id(2, 3)] == ["tbl_2", "tbl_2", "tbl_2__part_3"]
    assert [ids.group_id("tbl_1", 3), ids.row_id("tbl_1", 45)] == ["tbl_1__grp_3", "tbl_1__row_45"]
    assert [ids.indicator_id(12), ids.target_id("chp_3__para_2", 1)] == ["ind_12", "chp_3__para_2__tgt_1"]
    assert ids.numbered_again("chp_3", 2) == "chp_3_2"
    assert ids.finding_id("indicator-target", "ind_2", "chp_3__sec_3__para_2") == \
        "indicator-target:ind_2:chp_3__sec_3__para_2"


def test_seed_ids_are_unique_and_extend_their_parents(seed):
    plan = seed[0]
    assert len({n.id for n in plan.nodes}) == len(plan.nodes)
    by_id = plan.index()
    for node in plan.nodes:
        parent = by_id.get(node.parent) if node.parent else None
        if node.kind in NESTED_KINDS and parent is not None and parent.kind != "part":
            assert node.id.startswith(parent.id + "__"), node.id


def test_ids_are_read_back_by_the_same_module():
    from generator.structure import ids

    assert ids.whole_table(ids.table_id(1, 2)) == ids.table_id(1)
    assert ids.last_ordinal("chp_5__sec_1__para_2") == "2"
    assert ids.relative_to("chp_5__sec_1__item_2", "chp_5__sec_1") == "item_2"
    assert ids.relative_to("chp_5__sec_10", "chp_5__sec_1") is None  # not a child, though it starts alike
