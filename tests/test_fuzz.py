"""Seeded fuzzing of everything an editor hands the build: plan.yml, links.yml and the text.

Each mutated plan is built in a forked child under a time and memory cap
(tests/capped_builds.py): it must end in exit 0 or 2 within the cap, print no
traceback, name a ``file:line`` for every refusal and leave no staging folder behind.
The mutations are reproducible from PLANSITE_FUZZ_SEED (default 11); a failing case
prints its seed and number.
"""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

from conftest import META, ROOT, SEED_DIR, SEED_TEXT

CASES = 36
SECONDS = 30  # per build, on a loaded 2-core machine; a seed build takes about 1.5 s
MEGABYTES = 500  # address space a build may add to the warmed-up worker
FUZZ_SEED = int(os.environ.get("PLANSITE_FUZZ_SEED", "11"))
LINKS = (SEED_DIR / "links.yml").read_text(encoding="utf-8")
TEXT = SEED_TEXT.read_text(encoding="utf-8")

YAML_VALUES = [
    "!!python/object/apply:os.system ['true']", "!custom x", "!!int 'abc'", "2022-02-30", "2022-13-45",
    "[1, 2]", "{a: 1}", "~", "123", "-1e999", "9" * 5000, "&a x", "*a", "'" + "字" * 3000 + "'",
    "[" * 200, "? {add: 1}", "\"\\x00\"", "yes",
]
BOMB = "a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8))


def mutate_lines(text: str, rng: random.Random, yaml: bool) -> str:
    """One mutation: lines dropped, duplicated, swapped or cut; stray bytes (as characters);
    for YAML also tags, aliases, anchors, wrong types and an alias bomb."""
    lines = text.split("\n")
    operations = ["drop", "duplicate", "swap", "cut", "stray"] + (["value", "value", "bomb"] if yaml else [])
    operation = rng.choice(operations)
    at = rng.randrange(len(lines))
    if operation == "drop":
        del lines[at]
    elif operation == "duplicate":
        lines.insert(at, lines[rng.randrange(len(lines))])
    elif operation == "swap":
        other = rng.randrange(len(lines))
        lines[at], lines[other] = lines[other], lines[at]
    elif operation == "cut":
        joined = "\n".join(lines)
        return joined[: rng.randrange(len(joined) + 1)]
    elif operation == "stray":
        line = lines[at]
        spot = rng.randrange(len(line) + 1)
        lines[at] = line[:spot] + "".join(chr(rng.choice([0, 1, 0x1b, 0xfeff, 0x85, 0x2028, 0xd7ff, 58, 35, 38, 42,
                                                           33, 124, 62, 34, 39, 91, 123]))
                                          for _ in range(rng.randint(1, 4))) + line[spot:]
    elif operation == "value":
        candidates = [n for n, line in enumerate(lines) if re.match(r"^\s*(?:- )?\w+:\s*\S", line)]
        if candidates:
            n = rng.choice(candidates)
            key = lines[n].split(":", 1)[0]
            lines[n] = f"{key}: {rng.choice(YAML_VALUES)}"
    else:
        lines.append(BOMB)
    return "\n".join(lines)


def write_case(folder: Path, rng: random.Random, target: str) -> None:
    plan = folder / "content" / "plan"
    plan.mkdir(parents=True)
    meta, links, text = META, LINKS, TEXT
    if target == "plan.yml":
        meta = mutate_lines(meta, rng, yaml=True)
    elif target == "links.yml":
        links = mutate_lines(links, rng, yaml=True)
    else:
        text = mutate_lines(text, rng, yaml=False)
    for name, content in (("plan.yml", meta), ("links.yml", links), ("plan.txt", text)):
        (plan / name).write_bytes(content.encode("utf-8", "surrogatepass"))


def test_mutated_inputs_end_in_exit_0_or_2_within_the_cap(tmp_path):
    rng = random.Random(FUZZ_SEED)
    targets = ["plan.yml", "links.yml", "plan.txt"]
    cases = []
    for number in range(CASES):
        folder = tmp_path / f"case{number:02d}"
        write_case(folder, rng, targets[number % 3])
        cases.append(folder)
    run = subprocess.run([sys.executable, str(ROOT / "tests" / "capped_builds.py"), str(SECONDS), str(MEGABYTES),
                          *map(str, cases)], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    results = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(results) == CASES
    statuses = {}
    for result in results:
        case = Path(result["case"])
        stderr = (case / "stderr").read_text(encoding="utf-8", errors="replace")
        where = f"seed {FUZZ_SEED}, {case.name}: {stderr[-2000:]}"
        assert result["status"] in (0, 2), where
        assert "Traceback" not in stderr, where
        if result["status"] == 2:
            assert re.search(r"^\S.*:\d+: error: ", stderr, re.M), where
        assert [p.name for p in case.iterdir() if p.name.startswith(".")] == [], where
        statuses[result["status"]] = statuses.get(result["status"], 0) + 1
    print(f"fuzz seed {FUZZ_SEED}: {CASES} builds, exit statuses {statuses}, slowest "
          f"{max(r['seconds'] for r in results):.1f} s, largest {max(r['rss_mib'] for r in results):.0f} MiB resident")
    assert statuses.get(2, 0) >= CASES // 4  # the mutations do reach the refusals
