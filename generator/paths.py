"""Where files may be read from, and how a site path becomes an href.

Every href built from data goes through :func:`href`, so a name holding ``?``, ``#``,
``%``, ``&``, a space or a scheme (``javascript:``) stays a relative path on this site.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote


def resolves_inside(path: Path, folder: Path) -> bool:
    """Whether ``path``, links followed, is ``folder`` itself or inside it (False for a loop of links)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def href(path: str, anchor: str = "") -> str:
    """The URL of a site-relative ``path`` (``a/b.html``) and optional ``anchor``, percent-encoded
    (RFC 3986: only unreserved characters and ``/`` stay as they are). A first segment
    holding ``:`` is prefixed with ``./`` so no browser reads it as a scheme."""
    encoded = quote(path, safe="/")
    if ":" in encoded.split("/", 1)[0]:
        encoded = "./" + encoded
    return f"{encoded}#{quote(anchor, safe='')}" if anchor else encoded
