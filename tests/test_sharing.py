"""Citing and sharing, issue 10: content/site.yml's site_url, checked like plan.yml, gives
canonical links, an absolute sitemap and a 404 page that works at any depth."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT
from generator.build import build
from generator.structure.diagnostics import Report
from generator.config.siteconfig import read_site_config

SLUG = "shuozhou-education-14th"


def content_with(tmp_path: Path, site_yml: str | None) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content" / SLUG, content / SLUG)
    if site_yml is not None:
        (content / "site.yml").write_text(site_yml, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def published(tmp_path_factory, segmenter) -> Path:
    tmp = tmp_path_factory.mktemp("published")
    out = tmp / "_site"
    assert build(content_with(tmp, "site_url: https://example.org/plans\n"), out, segmenter=segmenter).written
    return out


def test_sitemap_is_absolute_and_lists_every_page_but_404(published):
    locs = re.findall(r"<loc>([^<]+)</loc>", (published / "sitemap.xml").read_text(encoding="utf-8"))
    pages = sorted(p.relative_to(published).as_posix() for p in published.rglob("*.html"))
    assert locs == ["https://example.org/plans/" + p for p in pages if p != "404.html"]
    assert f"https://example.org/plans/{SLUG}/search.html" in locs  # the plan's own search page too


def test_every_page_names_its_canonical_address(published):
    html = (published / SLUG / "chp_5.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/plans/shuozhou-education-14th/chp_5.html">' in html
    assert 'rel="canonical"' not in (published / "404.html").read_text(encoding="utf-8")


def test_404_page_links_from_the_sites_path(published):
    """Served at any depth, the 404 page links by the site's path (/plans/…); not by its
    whole address, which another host serving the page (a mirror, a preview) would have
    to fetch from elsewhere, and its CSP (style-src 'self') refuses (issue 21)."""
    html = (published / "404.html").read_text(encoding="utf-8")
    assert "<style>" in html and "style.css" not in html  # its style inline, allowed by its CSP's hash
    assert 'action="/plans/search.html"' in html
    assert '<a href="/plans/index.html">首页</a>' in html
    assert "https://example.org" not in html


@pytest.mark.parametrize("text, line, message", [
    ("site_url: https://example.org/\nsite_ulr: x\n", 2, "unknown key 'site_ulr' (did you mean 'site_url'?)"),
    ("# published at\nsite_url: /plans/\n", 2, "site_url must be an absolute http(s) address, not '/plans/'"),
    ("site_url: ftp://example.org/\n", 1, "site_url must be an absolute http(s) address"),
    ("site_url: https://example.org/?a=1\n", 1, "no query, fragment or quotes"),
    ("site_url: [a, b]\n", 1, "'site_url' must be the absolute http(s) address the site is published at"),
    ("site_url: https://a.org/\nsite_url: https://b.org/\n", 2, "key 'site_url' is given twice"),
    ("- site_url\n", 1, "the file must be a mapping of keys to values or empty"),
    ("site_url: 'https://example.org/\n", 2, "not valid YAML"),
])
def test_bad_site_yml_is_reported_with_its_line(tmp_path, text, line, message):
    (tmp_path / "site.yml").write_text(text, encoding="utf-8")
    report = Report()
    assert read_site_config(tmp_path, report).site_url == ""
    [error] = report.errors
    assert (error.path, error.line) == (str(tmp_path / "site.yml"), line)
    assert message in error.message


def test_site_url_gets_its_final_slash_and_no_file_means_no_setting(tmp_path):
    report = Report()
    assert read_site_config(tmp_path, report).site_url == ""
    (tmp_path / "site.yml").write_text("site_url: http://example.org/a\n", encoding="utf-8")
    assert read_site_config(tmp_path, report).site_url == "http://example.org/a/"
    assert report.items == []


def test_a_bad_site_yml_stops_the_build_and_keeps_the_old_site(tmp_path, segmenter):
    content = content_with(tmp_path, None)
    out = tmp_path / "_site"
    assert build(content, out, segmenter=segmenter).written
    before = (out / "index.html").read_bytes()
    (content / "site.yml").write_text("site_url: example.org\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--content", str(content), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert f"{content / 'site.yml'}:1: error: site_url must be an absolute http(s) address" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert (out / "index.html").read_bytes() == before
