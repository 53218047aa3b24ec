"""What holds for every plan, whatever its figures: stated over the built site and its
open-data export, for the seed and for each real plan of ../shared/realplans/ (read in place).

- every node is anchored on exactly one page, the one its ``url`` names (the 专栏 page,
  a view gathering the 专栏 of every chapter, repeats their ids: the one exception);
- every id is unique on its page, and every link within the site resolves: the file
  exists and, with a fragment, the page holds that id;
- every character of the plan, except the printed table of contents, table borders and
  whitespace, is in exactly one node, in print order, and on the lines the node names.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml

from conftest import SEED_DIR
from generator.build import build
from realplans import copied, real_plan_folders

FOLDERS = [SEED_DIR, *real_plan_folders()]
TOC_MARK = re.compile(r"^目\s*录$")
TABLE_RULE = re.compile(r"^\|[\s\-:|]+\|$")


class _Page(HTMLParser):
    """The ids and the links (href, src, action) of one page."""

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id":
                self.ids.append(value)
            elif name in ("href", "src", "action") and value is not None:
                self.links.append(value)


@pytest.fixture(scope="module", params=FOLDERS, ids=lambda folder: folder.name)
def site(request, built_site, tmp_path_factory):
    """(folder, site root, export of the plan, {page path: parsed page}) for one plan."""
    folder = request.param
    if folder == SEED_DIR:
        out = built_site
    else:
        tmp = tmp_path_factory.mktemp(folder.name)
        copied(folder, tmp / "content")
        out = tmp / "_site"
        assert build(tmp / "content", out).written  # a segmenter of its own: the session's stays as it is
    export = json.loads((out / "data" / f"{folder.name}.json").read_text(encoding="utf-8"))
    pages = {}
    for path in sorted(out.rglob("*.html")):
        page = _Page()
        page.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(out).as_posix()] = page
    return folder, out, export, pages


def test_every_node_is_anchored_on_exactly_one_page(site):
    _, _, export, pages = site
    nodes = export["nodes"]
    by_id = {n["id"]: n for n in nodes}
    assert len(by_id) == len(nodes), "node ids are unique"
    holders: dict[str, list[str]] = {}
    for path, page in pages.items():
        anchored = set(page.ids) & by_id.keys()
        if path.endswith("/boxes.html"):  # the 专栏 gathered on one page keep their chapter's ids (README: boxes.html)
            assert {by_id[a]["kind"] for a in anchored} <= {"box", "box_continuation", "project"}, path
            continue
        if path.endswith("/print.html"):  # the whole plan again, for paper: its ids are the nodes' own
            continue
        for anchor in anchored:
            holders.setdefault(anchor, []).append(path)
    for node in nodes:
        path, _, anchor = node["url"].partition("#")
        if node["kind"] == "target":  # a target is a span of its parent's text: it links to the parent
            assert node["url"] == by_id[node["parent"]]["url"], node["id"]
            continue
        if re.search(r"__part_\d+$", node["id"]):  # a table printed in parts is shown whole, at its first part
            assert anchor == node["id"].rsplit("__part_", 1)[0] and node["id"] not in holders, node["id"]
            continue
        assert anchor in (node["id"], ""), node["id"]  # no fragment: the node is its page's subject (a chapter)
        assert holders.get(node["id"]) == [path], f"{node['id']} is anchored on {holders.get(node['id'])}"


def test_ids_are_unique_and_every_link_in_the_site_resolves(site):
    _, out, _, pages = site
    checked = 0
    for path, page in pages.items():
        assert len(page.ids) == len(set(page.ids)), f"{path}: {sorted(i for i in page.ids if page.ids.count(i) > 1)}"
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{path}: {link} leaves the site"
            assert not parts.path.startswith("/"), f"{path}: {link} is not relative"
            target = ((out / path).parent / unquote(parts.path)).resolve() if parts.path else (out / path).resolve()
            assert target.is_file(), f"{path}: {link} is broken"
            if parts.fragment and target.suffix == ".html":
                assert unquote(parts.fragment) in pages[target.relative_to(out.resolve()).as_posix()].ids, \
                    f"{path}: {link} names no anchor on its page"
            checked += 1
    assert checked  # the walk saw the site's links


def _source_lines(folder: Path) -> list[str]:
    meta = yaml.safe_load((folder / "plan.yml").read_text(encoding="utf-8"))
    return (folder / meta.get("source", "plan.txt")).read_text(encoding="utf-8").split("\n")


def _printed_chars(line: str) -> str:
    """A line's characters as nodes keep them: no whitespace, no table borders."""
    if TABLE_RULE.match(line.strip()):
        return ""
    if line.strip().startswith("|"):
        line = line.replace("|", "")
    return re.sub(r"\s+", "", line)


def _own_chars(node: dict) -> str:
    return re.sub(r"\s+", "", "".join(node[k] or "" for k in ("number", "title", "text")))


def _toc_lines(lines: list[str], export: dict) -> range:
    """From the 目录 line to the last contents entry: what the plan prints as its contents."""
    if not export["plan"]["toc"]:
        return range(0)
    mark = next(i for i, line in enumerate(lines, 1) if TOC_MARK.match(line.strip()))
    return range(mark, max(e["line"] for e in export["plan"]["toc"]) + 1)


def test_every_character_of_the_plan_is_in_exactly_one_node_in_order(site):
    folder, _, export, _ = site
    lines = _source_lines(folder)
    toc = _toc_lines(lines, export)
    printed = "".join(_printed_chars(line) for number, line in enumerate(lines, 1) if number not in toc)
    kept = "".join(_own_chars(n) for n in export["nodes"])
    assert kept == printed


def test_each_node_holds_characters_of_its_own_lines(site):
    folder, _, export, _ = site
    lines = _source_lines(folder)
    for node in export["nodes"]:
        assert 1 <= node["line"] <= node["end_line"] <= len(lines), node["id"]
        own = _own_chars(node)
        span = "".join(_printed_chars(line) for line in lines[node["line"] - 1: node["end_line"]])
        assert own in span, f"{node['id']}: its text is not on lines {node['line']}-{node['end_line']}"


def test_parents_come_before_their_children(site):
    _, _, export, _ = site
    seen: set[str] = set()
    for node in export["nodes"]:
        assert node["parent"] is None or node["parent"] in seen, node["id"]
        seen.add(node["id"])
