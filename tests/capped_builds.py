"""Run many builds, each in a forked child under a time and memory cap.

Usage: ``python tests/capped_builds.py SECONDS MEGABYTES CASE_DIR...``; each CASE_DIR
holds ``content/`` and gets ``out/``, ``stdout`` and ``stderr``. Imports the generator
and loads jieba's dictionary once, then forks per case (so a case costs its build, not
Python's start-up). Each child gets RLIMIT_AS = its inherited size + MEGABYTES and is
killed by SIGALRM after SECONDS. Prints one JSON line per case: exit status (or the
signal that ended it, negative), wall seconds and the child's peak resident MiB.
"""
from __future__ import annotations

import json
import os
import resource
import signal
import sys
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.build import build, summary  # noqa: E402
from generator.search.segment import Segmenter  # noqa: E402


def virtual_size() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def child(case: Path, seconds: int, megabytes: int, segmenter: Segmenter) -> None:
    """Runs in the fork: like ``python -m generator build``, exit status 0 or 2 (1 on a traceback)."""
    limit = virtual_size() + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.alarm(seconds)
    code = 1
    with open(case / "stdout", "w") as out, open(case / "stderr", "w") as err:
        os.dup2(out.fileno(), 1)
        os.dup2(err.fileno(), 2)
        try:
            result = build(case / "content", case / "out", segmenter=segmenter)
            for line in summary(result):
                print(line, file=sys.stderr if ": error:" in line or ": warning:" in line else sys.stdout)
            code = 0 if result.written else 2
        except BaseException:
            traceback.print_exc()
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def main(argv: list[str]) -> None:
    seconds, megabytes, cases = int(argv[0]), int(argv[1]), [Path(a) for a in argv[2:]]
    segmenter = Segmenter()
    segmenter.cut("预热")  # load jieba's dictionary before forking
    for case in cases:
        started = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            child(case, seconds, megabytes, segmenter)
        _, status, usage = os.wait4(pid, 0)
        print(json.dumps({"case": str(case), "status": os.waitstatus_to_exitcode(status),
                          "seconds": round(time.perf_counter() - started, 3),
                          "rss_mib": round(usage.ru_maxrss / 1024, 1)}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
