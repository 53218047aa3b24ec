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

from generator.structure.diagnostics import Report
from generator.structure.messages import msg
from generator.structure.files import present
from generator.config.yamlfile import load_yaml

SITE_FILE = "site.yml"
SCHEMA = {
    "type": ["object", "null"], "additionalProperties": False,
    "properties": {"site_url": {"type": "string", "minLength": 1, "maxLength": 500,
                                "description": msg("the absolute http(s) address the site is published at")}},
}


@dataclass(frozen=True)
class SiteConfig:
    site_url: str = ""  # absolute, ends with "/"; "" when not set


def read_site_config(content: Path, report: Report) -> SiteConfig:
    """``content/site.yml`` checked through the one YAML loader (size cap, no tags or
    aliases, schema); an empty SiteConfig when there is none or it is bad (errors go to
    ``report``)."""
    path = content / SITE_FILE
    if not present(path):
        return SiteConfig()
    document = load_yaml(path, report, SCHEMA, "site")
    if document is None or not document.value or "site_url" not in document.value:
        return SiteConfig()
    return SiteConfig(site_url=site_url(document.value["site_url"], report, str(path), document.line("site_url")))


def site_url(value: str, report: Report, path: str, line: int) -> str:
    """An absolute http(s) address without query or fragment, ending with "/"; "" (and an
    error) otherwise."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        report.error(path, line, "site-url", msg("site_url must be an absolute http(s) address, not '{value}'",
                                                     value=value))
        return ""
    if parts.query or parts.fragment or any(c.isspace() or c in "\"'<>" for c in value):
        report.error(path, line, "site-url", msg("site_url must be a plain address (no query, fragment or quotes): "
                                                     "'{value}'", value=value))
        return ""
    return value if value.endswith("/") else value + "/"
