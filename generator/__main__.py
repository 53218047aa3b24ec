"""Command line: ``python -m generator build --content DIR --out DIR``, and
``python -m generator extract PLAN_FOLDER``: the text the build reads from the plan's
published file (PDF, Word, web page or text), converted and normalised, one line as the
build numbers it per line (diagnostics' ``file:line`` is a line of this text).

Unchanged work is skipped with the build cache in ``.cache/build`` (``--no-cache``: none);
plans are built in one process per core (``--workers N``).

Exit status 0 when the site was built (warnings printed), 2 when the input was
rejected (errors printed as ``file:line: error: …``; the previous site is left as
it was), 1 when ``--keep-going`` built the site without some failed plans (each keeps
its previous pages, or is left out when it has none), 130 after SIGINT and 143 after
SIGTERM (128 + the signal: the workers stopped, the staging folder removed, the previous
site left as it was, one line said).
"""
from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from generator.interrupt import Interrupted, restore, stop_on_signals


def main(argv: list[str] | None = None) -> int:
    """Run a command; SIGINT and SIGTERM stop it with one line and exit 130 or 143 (set
    before the build's modules are imported, so a signal at any moment is caught)."""
    previous = stop_on_signals()
    try:
        return _command(argv)
    except Interrupted as stop:
        print(stop, file=sys.stderr)
        return 128 + stop.signum
    finally:
        restore(previous)


def _command(argv: list[str] | None) -> int:
    from generator.build import DEFAULT_CACHE, build, summary

    args = _parser().parse_args(argv)
    if args.command == "extract":
        return extract(args.folder, args.line_numbers)

    gc.freeze()  # the modules' objects are never garbage: no collection scans them again (5% of a rebuild's CPU)
    try:
        result = build(args.content, args.out, strict=args.strict, cache_dir=None if args.no_cache else DEFAULT_CACHE,
                       workers=max(1, args.workers), keep_going=args.keep_going)
    finally:
        gc.unfreeze()
    for line in summary(result):
        if not args.quiet or ": error:" in line:
            print(line, file=sys.stderr if ": error:" in line or ": warning:" in line else sys.stdout)
    if not result.written:
        return 2
    return 1 if result.failed else 0


def _parser() -> argparse.ArgumentParser:
    """The commands and their options, the descriptions in the environment's language
    (argparse's own messages, usage: or an unknown option, stay English)."""
    from generator.structure.messages import msg, said

    parser = argparse.ArgumentParser(prog="python -m generator", description=said(msg("Build a policy-plan site.")))
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build", help=said(msg("build the site from every plan under --content")))
    build_cmd.add_argument("--content", type=Path, default=Path("content"),
                           help=said(msg("the content folder: one folder per plan (default: content)")))
    build_cmd.add_argument("--out", type=Path, default=Path("_site"),
                           help=said(msg("the site folder, replaced only when the build succeeds (default: _site)")))
    build_cmd.add_argument("--strict", action="store_true", help=said(msg("treat warnings as errors")))
    build_cmd.add_argument("--quiet", action="store_true", help=said(msg("print only errors")))
    build_cmd.add_argument("--no-cache", action="store_true", help=said(msg(
        "build everything from the text; neither read nor write the build cache (.cache/build)")))
    build_cmd.add_argument("--keep-going", action="store_true", help=said(msg(
        "a plan with errors does not stop the others: they are built and published, the failed plan keeps its "
        "pages of the previous site (or is left out when it has none); exit status 1 when some plan failed "
        "(default: exit 2, previous site untouched)")))
    build_cmd.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                           help=said(msg("processes building plans at once (default: one per core)")))
    extract_cmd = commands.add_parser("extract", help=said(msg(
        "print the text the build reads from a plan folder's published file (source: in plan.yml)")))
    extract_cmd.add_argument("folder", type=Path, help=said(msg("the plan folder (holding plan.yml)")))
    extract_cmd.add_argument("-n", "--line-numbers", action="store_true",
                             help=said(msg("start each line with its number (and its printed page, for a PDF)")))
    return parser


def extract(folder: Path, numbered: bool = False) -> int:
    """Print the lines the build reads from ``folder``'s published file: 0, or 2 after
    printing the errors (``file:line: error: …``) that stop it."""
    from generator.read.source import source_lines
    from generator.structure.diagnostics import Report
    from generator.structure.messages import msg

    report = Report()
    found = source_lines(folder, report) if (folder / "plan.yml").is_file() else None
    if found is None and not report.errors:
        report.error(str(folder), 0, "meta-missing", msg("not a plan folder: it has no plan.yml"))
    for diagnostic in report.items:
        print(diagnostic, file=sys.stderr)
    if found is None:
        return 2
    lines = found[1]
    while lines and not lines[-1].text.strip():
        lines = lines[:-1]
    try:
        for number, line in enumerate(lines, 1):
            where = f"{number}" + (f" p.{line.page}" if line.page else "")
            print(f"{where}\t{line.text}" if numbered else line.text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader stopped early (| head): not an error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
