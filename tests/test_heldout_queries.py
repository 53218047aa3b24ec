"""The held-out search queries (tests/search/heldout_open.yaml, heldout_sealed.yaml, and
catalog_queries.yaml drawn from the open ones; the second set heldout2_open.yaml and
heldout2_sealed.yaml; the third set heldout3_sealed.yaml, all sealed, on the seed) stay well
formed and judged on the text of their plans: every gold lies within one node of the parsed
plan, so a search that lists that clause can be scored a hit.
Reads the query files as data only; asserts nothing of the search."""
from __future__ import annotations

import random
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, SEED_DIR
from generator.build import read_and_parse
from generator.structure.diagnostics import Report
from realplans import REALPLANS, copied, fixture_plan_folders

SEARCH = ROOT / "tests" / "search"
OPEN, SEALED, CATALOG = (SEARCH / f"{name}.yaml" for name in ("heldout_open", "heldout_sealed", "catalog_queries"))
OPEN2, SEALED2 = SEARCH / "heldout2_open.yaml", SEARCH / "heldout2_sealed.yaml"
SEALED3 = SEARCH / "heldout3_sealed.yaml"
DOC_NUMBER = re.compile(r"〔\d{4}〕")  # a 文号 typed in full may be longer than 8 characters


def _load(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _plan_folders() -> dict[str, Path]:
    folders = {SEED_DIR.name: SEED_DIR, **{p.name: p for p in fixture_plan_folders()}}
    if REALPLANS is not None:
        folders["zhijiao"] = REALPLANS / "zhijiao"
    return folders


@pytest.fixture(scope="module")
def node_texts(tmp_path_factory, segmenter) -> dict[str, list[str]]:
    """Per plan slug, each node's own characters (number, title, text), whitespace removed."""
    texts = {}
    for slug, folder in _plan_folders().items():
        content = tmp_path_factory.mktemp(slug)
        copied(folder, content)
        report = Report()
        plan = read_and_parse(content, report, segmenter)[0]
        assert report.errors == [], slug
        texts[slug] = [_squeeze(n.own_chars()) for n in plan.nodes]
    return texts


def test_open_and_sealed_are_one_set_split_by_thirds_per_plan():
    open_, sealed = _load(OPEN), _load(SEALED)
    ids = [q["id"] for q in open_ + sealed]
    assert len(ids) == len(set(ids)) == 161
    for query in open_ + sealed:
        assert set(query) == {"id", "plan", "query", "gold"}, query["id"]
        assert query["gold"] and all(isinstance(g, str) and g.strip() for g in query["gold"]), query["id"]
    per_plan = Counter(q["plan"] for q in open_ + sealed)
    sealed_per_plan = Counter(q["plan"] for q in sealed)
    assert {plan: sealed_per_plan[plan] for plan in per_plan} == {plan: round(n / 3) for plan, n in per_plan.items()}
    assert per_plan["shuozhou-education-14th"] == 88


def test_second_set_is_split_in_halves_per_plan_by_its_seed():
    """120 queries apart from the first set; per plan, ids sorted, random.Random(20261208).shuffle,
    the first half sealed (so the split was drawn, not chosen)."""
    open_, sealed = _load(OPEN2), _load(SEALED2)
    ids = [q["id"] for q in open_ + sealed]
    assert len(ids) == len(set(ids)) == 120
    assert set(ids).isdisjoint(q["id"] for q in _load(OPEN) + _load(SEALED))
    for query in open_ + sealed:
        assert set(query) == {"id", "plan", "query", "gold"}, query["id"]
        assert query["gold"] and all(isinstance(g, str) and g.strip() for g in query["gold"]), query["id"]
    per_plan = Counter(q["plan"] for q in open_ + sealed)
    assert per_plan == {"shuozhou-education-14th": 70, "zhijiao": 14, "wufei-city": 14,
                        "sanji-hospital-kpi": 14, "zhengfu-wangzhan": 8}
    drawn = set()
    for plan in per_plan:
        plan_ids = sorted(q["id"] for q in open_ + sealed if q["plan"] == plan)
        random.Random(20261208).shuffle(plan_ids)
        drawn |= set(plan_ids[: len(plan_ids) // 2])
    assert {q["id"] for q in sealed} == drawn


def test_second_set_asks_no_query_the_first_open_set_asks_on_its_plan():
    """The first set's open queries were tuned on: the same query again would not be held out."""
    first = {(q["plan"], q["query"]) for q in _load(OPEN)}
    assert [q["id"] for q in _load(OPEN2) + _load(SEALED2) if (q["plan"], q["query"]) in first] == []


def test_third_set_is_sixty_sealed_queries_on_the_seed():
    """60 queries, every one of the seed, with ids of their own (no other file's id)."""
    third = _load(SEALED3)
    ids = [q["id"] for q in third]
    assert len(ids) == len(set(ids)) == 60
    others = _load(OPEN) + _load(SEALED) + _load(OPEN2) + _load(SEALED2) + _load(CATALOG)
    assert set(ids).isdisjoint(q["id"] for q in others)
    for query in third:
        assert set(query) == {"id", "plan", "query", "gold"}, query["id"]
        assert query["plan"] == SEED_DIR.name, query["id"]
        assert query["gold"] and all(isinstance(g, str) and g.strip() for g in query["gold"]), query["id"]


def test_third_set_asks_no_query_an_open_set_asks_on_its_plan():
    """The open sets were tuned on: the same query again would not be held out."""
    asked = {(q["plan"], q["query"]) for q in _load(OPEN) + _load(OPEN2)}
    assert [q["id"] for q in _load(SEALED3) if (q["plan"], q["query"]) in asked] == []


def test_queries_are_typed_lengths():
    for query in _load(OPEN) + _load(SEALED) + _load(OPEN2) + _load(SEALED2) + _load(SEALED3):
        text = query["query"]
        assert 2 <= len(text) <= 8 or DOC_NUMBER.search(text), (query["id"], text)


def test_catalog_queries_are_open_queries_of_all_five_plans():
    open_by_id = {q["id"]: q for q in _load(OPEN)}
    catalog = _load(CATALOG)
    assert len(catalog) == 30
    assert all(open_by_id.get(q["id"]) == q for q in catalog)
    assert Counter(q["plan"] for q in catalog) == {"shuozhou-education-14th": 10, "zhijiao": 5, "wufei-city": 5,
                                                   "sanji-hospital-kpi": 5, "zhengfu-wangzhan": 5}


@pytest.mark.skipif(REALPLANS is None, reason="zhijiao (../shared/realplans/) is not beside this checkout")
def test_every_gold_lies_within_one_node_of_its_plan(node_texts):
    missing = [(q["id"], gold) for q in _load(OPEN) + _load(SEALED) + _load(OPEN2) + _load(SEALED2)
               for gold in q["gold"]
               if not any(_squeeze(gold) in text for text in node_texts[q["plan"]])]
    assert missing == []


def test_third_set_gold_lies_within_one_node_of_the_seed(node_texts):
    """The third set is of the seed alone, so it is checked without zhijiao too."""
    missing = [(q["id"], gold) for q in _load(SEALED3) for gold in q["gold"]
               if not any(_squeeze(gold) in text for text in node_texts[q["plan"]])]
    assert missing == []


@pytest.mark.skipif(REALPLANS is None, reason="zhijiao (../shared/realplans/) is not beside this checkout")
def test_catalog_gold_is_found_in_no_other_plan(node_texts):
    """In the catalog a hit on another plan's clause would count: its gold must be its plan's own
    (the second set runs whole on the catalog site too)."""
    elsewhere = [(q["id"], gold, slug) for q in _load(CATALOG) + _load(OPEN2) + _load(SEALED2) for gold in q["gold"]
                 for slug, texts in node_texts.items()
                 if slug != q["plan"] and any(_squeeze(gold) in text for text in texts)]
    assert elsewhere == []
