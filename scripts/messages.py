"""The message catalog (``make messages``): every msgid of the source into the Chinese catalog
``generator/locale/zh_CN/LC_MESSAGES/plansite.po``, then that catalog compiled to ``plansite.mo``.

A msgid is the literal first argument of a ``msg(...)`` call in ``generator/`` (Babel's
Python extractor with ``msg`` as its only keyword, as ``pybabel extract -k msg`` would find
them). Translations already in the ``.po`` are kept; a new msgid is added with an empty
translation (English until someone writes the Chinese); a msgid the source no longer has is
dropped. The ``.po`` keeps the file each msgid comes from, not its line, so that an edit above
a message does not change the catalog. Prints what is left to translate; exit status 1 when
something is (``--check``: also when the ``.po`` or ``.mo`` on disk is not what this would write).

Babel (BSD, pinned in requirements.lock) only reads, writes and compiles here: the build
itself looks messages up with the standard library's gettext (``generator/structure/messages.py``).
"""
from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "generator"
LOCALE = "zh_CN"
CATALOG_DIR = SOURCE / "locale" / LOCALE / "LC_MESSAGES"
PO = CATALOG_DIR / "plansite.po"
MO = CATALOG_DIR / "plansite.mo"
HEADER = """# Chinese messages of plansite's build (generator/), written by hand: `make messages` adds
# new msgids (empty) and compiles plansite.mo. Placeholders ({name}) stay as in the msgid;
# doubled braces ({{ }}) are braces of the text. Terms: docs/editing.md."""


def source_msgids() -> dict[str, list[str]]:
    """Every msgid of ``generator/``, in the order found, with the files it comes from."""
    found: dict[str, list[str]] = {}
    for filename, _, msgid, _, _ in extract_from_dir(SOURCE, method_map=[("**.py", "python")],
                                                     keywords={"msg": None}, comment_tags=()):
        files = found.setdefault(msgid, [])
        if filename not in files:
            files.append(filename)
    return found


def read_catalog(path: Path = PO) -> Catalog:
    """The ``.po`` at ``path`` (an empty catalog when there is none)."""
    if not path.is_file():
        return Catalog(locale=LOCALE, domain="plansite", project="plansite", header_comment=HEADER)
    with path.open("rb") as file:
        return read_po(file, locale=LOCALE, domain="plansite")


def updated(old: Catalog, msgids: dict[str, list[str]]) -> Catalog:
    """A catalog holding exactly ``msgids``, each with its translation in ``old`` (else empty)."""
    new = Catalog(locale=LOCALE, domain="plansite", project="plansite", version="1", header_comment=HEADER,
                  msgid_bugs_address="issues of the plansite repository", last_translator="plansite",
                  language_team="plansite", creation_date=old.creation_date, revision_date=old.creation_date,
                  fuzzy=False)
    for msgid, files in msgids.items():
        kept = old.get(msgid)
        new.add(msgid, kept.string if kept else "", locations=[(f"generator/{f}", None) for f in files],
                flags=[f for f in (kept.flags if kept else ()) if f != "python-format"])
    return new


def po_bytes(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=0, include_lineno=False)
    return out.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    """The compiled catalog: translated, non-fuzzy messages only (gettext falls back to the
    msgid, English, for the others)."""
    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    return [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 when the catalog is not current")
    args = parser.parse_args(argv)
    catalog = updated(read_catalog(), source_msgids())
    po, mo = po_bytes(catalog), mo_bytes(catalog)
    stale = [p for p, data in ((PO, po), (MO, mo)) if not p.is_file() or p.read_bytes() != data]
    if not args.check:
        CATALOG_DIR.mkdir(parents=True, exist_ok=True)
        for path, data in ((PO, po), (MO, mo)):
            path.write_bytes(data)
    missing = untranslated(catalog)
    for msgid in missing:
        print(f"{PO.relative_to(ROOT)}: untranslated: {msgid}", file=sys.stderr)
    print(f"{len(catalog)} messages, {len(missing)} untranslated"
          + (f"; not current: {', '.join(str(p.relative_to(ROOT)) for p in stale)}" if args.check and stale else ""))
    return 1 if missing or (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
