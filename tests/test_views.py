"""What paginating carries (every node's URL, the records left as they were), the view models
the pages are rendered from, and templates that only loop and test.

The reviewed-finding cases use the seed with an editor's links.yml marking one of the two
figure findings of 第一章第二节 第1段 reviewed: the plan text says ind_5's and ind_33's
baselines otherwise than the indicator table (tests/links_gold.yaml's statements)."""
from __future__ import annotations

import copy
import csv
import io

import pytest
from jinja2 import nodes

from conftest import ROOT, SEED_TEXT, make_content
from generator.build import read_and_parse
from generator.structure.diagnostics import Diagnostic, Report
from generator.render.export import indicators_csv, plan_data
from generator.paginate.pages import paginate
from generator.render.plan_views import PlanView
from generator.render.html import environment

PARAGRAPH = "chp_1__sec_2__para_1"
REVIEWED = f"indicator-baseline:ind_5:{PARAGRAPH}"
OPEN = f"indicator-baseline:ind_33:{PARAGRAPH}"


@pytest.fixture(scope="module")
def site(seed, segmenter):
    """The seed paginated (a copy: the session's seed stays untouched)."""
    return paginate(copy.deepcopy(seed[0]), segmenter)


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory, segmenter):
    """The seed paginated with ``REVIEWED`` marked reviewed by the editor."""
    content = make_content(tmp_path_factory.mktemp("reviewed"), SEED_TEXT.read_text(encoding="utf-8"))
    (content / "plan" / "links.yml").write_text(f"review:\n  - {{finding: '{REVIEWED}', comment: 已核对}}\n",
                                                encoding="utf-8")
    return paginate(read_and_parse(content, Report(), segmenter)[0], segmenter)


def test_paginate_writes_nothing_back_onto_the_records(seed, segmenter):
    plan = copy.deepcopy(seed[0])
    before = [repr(node) for node in plan.nodes]
    paginate(plan, segmenter)
    assert [repr(node) for node in plan.nodes] == before
    assert not any(hasattr(node, "url") for node in plan.nodes)


def test_every_node_has_the_url_of_the_page_showing_it(site):
    pages = {page.path: page for page in site.all()}
    for node in site.plan.nodes:
        path, _, anchor = site.url(node.id).partition("#")
        if node.kind == "target":  # a quantified target is shown in its paragraph
            assert site.url(node.id) == site.url(node.parent)
        elif node.kind == "chapter":
            assert (path, anchor) == (f"{site.plan.meta.slug}/{node.id}.html", "")
        elif node.kind == "table" and getattr(node, "part", 1) > 1:  # a later printed part of a table
            assert site.url(node.id) == site.url(node.id.split("__")[0])
        else:
            assert anchor == node.id and node in pages[path].nodes, node.id
    assert site.url("chp_5__sec_1__item_1__para_2") == "shuozhou-education-14th/chp_5.html#chp_5__sec_1__item_1__para_2"
    assert site.url("ind_2") == "shuozhou-education-14th/indicators.html#ind_2"
    with pytest.raises(KeyError):
        site.url("chp_99")


def test_export_takes_its_urls_from_the_pages(site):
    data = plan_data(site, [])
    assert [(n["id"], n["url"]) for n in data["nodes"]] == [(n.id, site.url(n.id)) for n in site.plan.nodes]
    assert all(n["url"] for n in data["nodes"])
    rows = list(csv.DictReader(io.StringIO(indicators_csv(site).lstrip("\ufeff"))))
    assert [row["url"] for row in rows] == [site.url(n.id) for n in site.plan.by_kind("indicator")]


def test_kind_counts_count_every_node_once(site):
    plan = site.plan
    counts = plan.kind_counts()
    assert sum(counts.values()) == len(plan.nodes)
    assert counts == {kind: len(plan.by_kind(kind)) for kind in counts}
    assert list(counts) == list(dict.fromkeys(node.kind for node in plan.nodes))  # in order of first appearance
    assert plan_data(site, [])["plan"]["counts"] == dict(sorted(counts.items()))


def test_a_diagnostic_belongs_to_the_node_printed_on_its_line(site):
    plan = site.plan
    paragraph = plan.index()["chp_5__sec_1__item_1__para_2"]
    on_text = Diagnostic(plan.source_path, paragraph.source.line, "warning", "latin-word", "x")
    on_meta = Diagnostic(plan.meta.meta_path, paragraph.source.line, "warning", "meta-mismatch", "x")
    assert plan.diagnostic_node(on_text) is paragraph
    assert plan.diagnostic_node(on_meta) is None
    exported = plan_data(site, [on_text, on_meta])["findings"][-2:]
    assert [f["nodes"] for f in exported] == [[paragraph.id], []]
    page = PlanView(site, [on_text, on_meta]).page(site.findings).body
    assert [(e.code, e.url) for g in page.groups for e in g.entries] == [
        ("latin-word", "chp_5.html#chp_5__sec_1__item_1__para_2"), ("meta-mismatch", "")]


def test_a_reviewed_finding_is_no_longer_flagged_where_it_stands(reviewed):
    view = PlanView(reviewed, [])
    block = view.block(reviewed.plan.index()[PARAGRAPH], reviewed.chapters[0].path)
    assert [flag.url for flag in block.flags] == [f"findings.html#{OPEN.replace(':', '-')}"]


def test_statements_say_which_figures_disagree_and_which_are_reviewed(reviewed):
    view = PlanView(reviewed, [])
    by_id = reviewed.plan.index()
    path = reviewed.indicators.path
    for indicator, is_reviewed in (("ind_5", True), ("ind_33", False)):
        bar = view.bar(by_id[indicator], path, with_statements=True)
        statement = next(s for s in bar.statements if s.url.endswith(f"#{PARAGRAPH}"))
        assert (statement.role, statement.disagrees, statement.reviewed) == ("基期", True, is_reviewed)
        assert bar.disagreements == sum(1 for s in bar.statements if s.disagrees and not s.reviewed)
        assert bar.statement_count == len(bar.statements)


def test_measures_beyond_the_shortlist_are_folded(site):
    from generator.link.serves import SHOWN

    view = PlanView(site, [])
    for indicator in site.plan.by_kind("indicator"):
        bar = view.bar(indicator, site.indicators.path)
        assert bar.measures + bar.more_measures == view.measures(indicator, site.indicators.path)
        assert (len(bar.measures), bar.more_count) == (min(SHOWN, bar.measure_count), max(0, bar.measure_count - SHOWN))


FORBIDDEN = (nodes.Filter, nodes.Getitem, nodes.Slice, nodes.Add, nodes.Sub, nodes.Mul, nodes.Div, nodes.FloorDiv,
             nodes.Mod, nodes.Pow, nodes.Neg, nodes.Pos, nodes.Concat, nodes.Dict)


@pytest.mark.parametrize("template", sorted(p.relative_to(ROOT / "templates").as_posix()
                                            for p in (ROOT / "templates").rglob("*") if p.is_file()))
def test_templates_only_loop_and_test(template):
    """No filter, subscript, slice, arithmetic, concatenation or literal list in a template:
    what a page shows is computed in the view models."""
    env = environment(ROOT / "templates")
    tree = env.parse(env.loader.get_source(env, template)[0])
    computed = [type(node).__name__ for node in tree.find_all(nodes.Expr) if isinstance(node, FORBIDDEN)]
    literals = [node for node in tree.find_all((nodes.List, nodes.Tuple)) if getattr(node, "ctx", "load") != "store"]
    calls = [node for node in tree.find_all(nodes.Call) if not isinstance(node.node, nodes.Name)]
    assert (computed, literals, calls) == ([], [], [])


def test_every_page_of_the_plan_has_a_view(site):
    views = PlanView(site, []).pages()
    assert [v.head.path for v in views] == [p.path for p in site.all()] + [f"{site.plan.meta.slug}/search.html"]
