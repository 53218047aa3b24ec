"""Stopping a build from outside: SIGINT (Ctrl-C) and SIGTERM.

The command line (``generator/__main__.py``) makes both raise :class:`Interrupted` in the
main thread before it imports anything heavy; the build (``build.py``) then kills its
workers, removes its staging folder and lets the exception reach the command line, which
prints one line and exits 128 + the signal (130, 143).
"""
from __future__ import annotations

import signal

from generator.structure.messages import msg, said

STOPS = (signal.SIGINT, signal.SIGTERM)


class Interrupted(BaseException):
    """SIGINT or SIGTERM reached the process (``signum``)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    def __str__(self) -> str:
        """One line in the environment's language (``structure.messages``)."""
        return said(msg("{signal}: build stopped, previous site left as it was",
                        signal=signal.Signals(self.signum).name))


def _stop(signum: int, frame) -> None:
    raise Interrupted(signum)


def stop_on_signals() -> dict:
    """Make SIGINT and SIGTERM raise :class:`Interrupted` in this (main) thread, and a file
    larger than the process may write (RLIMIT_FSIZE) an OSError (EFBIG) instead of a kill
    (SIGXFSZ ignored). Returns the handlers replaced, for :func:`restore`."""
    previous = {number: signal.signal(number, _stop) for number in STOPS}
    previous[signal.SIGXFSZ] = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    return previous


def restore(previous: dict) -> None:
    """Put back the handlers :func:`stop_on_signals` replaced."""
    for number, handler in previous.items():
        signal.signal(number, handler)
