"""The held-out queries judged on one plan, for ``search_eval.py``, which runs every query of
its file (it has no filter by plan)::

    python -m bench.heldout_queries --plan SLUG IN.yaml OUT.yaml

IN is a query file whose queries each name their ``plan`` (tests/search/heldout_*.yaml); OUT
gets those of plan SLUG, in IN's order and form. Exit 2 with a message when none is of SLUG."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml


def queries_of_plan(queries: list[dict], slug: str) -> list[dict]:
    """The queries whose ``plan`` is ``slug``, in order."""
    return [query for query in queries if query.get("plan") == slug]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plan", required=True, help="the slug of the plan the queries are judged on")
    parser.add_argument("source", type=Path)
    parser.add_argument("target", type=Path)
    args = parser.parse_args(argv)
    chosen = queries_of_plan(yaml.safe_load(args.source.read_text(encoding="utf-8")) or [], args.plan)
    if not chosen:
        print(f"{args.source}: error: no query of plan {args.plan}", file=sys.stderr)
        return 2
    args.target.parent.mkdir(parents=True, exist_ok=True)
    args.target.write_text(yaml.safe_dump(chosen, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
