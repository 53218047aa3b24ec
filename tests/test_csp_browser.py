"""Every page declares a Content-Security-Policy (scripts and styles from the site only, no
inline script), and the site does all it does under it: over HTTP and from file://."""
from __future__ import annotations

import base64
import hashlib
import re

import pytest


POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          "object-src 'none'; base-uri 'none'; form-action 'self'")
RECORD_VIOLATIONS = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def test_every_html_file_declares_the_policy_and_holds_no_inline_script(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if page.name == "404.html" and page.parent == built_site:
            html = without_hashed_inline(html)  # served at any depth: its style and script inline
        assert f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">' in html, page
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], page
        assert not re.search(r"<style|\sstyle=|\son[a-z]+=", html), page


def without_hashed_inline(html: str) -> str:
    """The 404 page with each inline <style> and <script> removed, after checking that its
    policy allows it by the SHA-256 of exactly its text (and removing that hash source)."""
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        for text in re.findall(rf"<{tag}>(.*?)</{tag}>", html, re.S):
            source = "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
            escaped = source.replace("'", "&#39;")
            assert f"{directive} 'self' {escaped}" in html, (tag, source)
            html = html.replace(f" {escaped}", "", 1).replace(f"<{tag}>{text}</{tag}>", "", 1)
    return html


@pytest.mark.parametrize("via", ["http", "file"])
def test_pages_run_under_the_policy_without_a_violation(browser, built_site, base, via, site_pages):
    """Every page type the site writes (``browser.page_types``: derived from the views)."""
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    for path in site_pages.values():
        if via == "http":
            page.goto(base + path)
        else:
            page_path, _, query = path.partition("?")
            page.goto((built_site / page_path).as_uri() + (f"?{query}" if query else ""))
        page.wait_for_load_state("load")
        assert page.evaluate("window.__violations") == [], path
        # the stylesheet applied and the site's script ran
        assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline", path
        if "?q=" in path:
            page.wait_for_function(
                "document.getElementById('search-results').getAttribute('aria-busy') === 'false'")
            assert page.locator("#search-results li").count() > 0
        if re.search(r"/chp_\d+\.html$", path):
            assert page.locator("button.cite").first.is_hidden() is False
    context.close()
