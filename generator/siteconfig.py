"""The site's own settings: ``site.yml`` in the content folder (optional), read like plan.yml.

    # content/site.yml
    site_url: https://example.org/plans/   # where the built site is published

``site_url`` (absolute http or https address; a missing final "/" is added) gives every
page its canonical address: ``<link rel="canonical">``, the address in copied citations,
absolute ``<loc>`` values in sitemap.xml (written only with it: the sitemap protocol needs
absolute URLs) and absolute links on the 404 page (served at any depth). Without it the
site stays relocatable: citations use the address the page was opened at.

Errors are ``site.yml:LINE: error: …`` and stop the build (the previous site stays).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from .diagnostics import Report

SITE_FILE = "site.yml"
KEYS = ("site_url",)


@dataclass(frozen=True)
class SiteConfig:
    site_url: str = ""  # absolute, ends with "/"; "" when not set


def read_site_config(content: Path, report: Report) -> SiteConfig:
    """``content/site.yml`` checked; an empty SiteConfig when there is none or it is bad
    (errors go to ``report``)."""
    path = content / SITE_FILE
    if not path.is_file():
        return SiteConfig()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        report.error(str(path), 1, "site-encoding", f"{SITE_FILE} is not UTF-8 (byte {error.start})")
        return SiteConfig()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        report.error(str(path), mark.line + 1 if mark else 1, "site-yaml",
                     f"not valid YAML: {getattr(error, 'problem', None) or error}")
        return SiteConfig()
    if root is None:
        return SiteConfig()
    if not isinstance(root, yaml.MappingNode):
        report.error(str(path), root.start_mark.line + 1, "site-yaml", f"{SITE_FILE} must map settings to values")
        return SiteConfig()
    values: dict[str, str] = {}
    errors = len(report.errors)
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
        if key not in KEYS:
            report.error(str(path), line, "site-key", f"unknown setting '{key}' (known: {', '.join(KEYS)})")
        elif key in values:
            report.error(str(path), line, "site-key", f"'{key}' is set twice")
        elif not isinstance(value_node, yaml.ScalarNode) or value_node.tag != "tag:yaml.org,2002:str":
            report.error(str(path), value_node.start_mark.line + 1, "site-url", f"'{key}' must be an address (text)")
        else:
            values[key] = site_url(value_node.value, report, str(path), value_node.start_mark.line + 1)
    if len(report.errors) > errors:
        return SiteConfig()
    return SiteConfig(site_url=values.get("site_url", ""))


def site_url(value: str, report: Report, path: str, line: int) -> str:
    """An absolute http(s) address without query or fragment, ending with "/"; "" (and an
    error) otherwise."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        report.error(path, line, "site-url", f"site_url must be an absolute http(s) address, not '{value}'")
        return ""
    if parts.query or parts.fragment or any(c.isspace() or c in "\"'<>" for c in value):
        report.error(path, line, "site-url", f"site_url must be a plain address (no query, fragment or quotes): '{value}'")
        return ""
    return value if value.endswith("/") else value + "/"
