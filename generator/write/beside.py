"""Work done beside the build, on the machine's other core: a function run in a forked
child process while the build goes on, its value handed back through a pipe (pickled).

Used when a build has one plan to build from its text (``build._plan_from_source``): the
plan's search index and the catalog's search files are made in a child while the parent
renders the pages, which need neither. The child is a copy of the parent at the fork, so
it computes exactly what the parent would have: the site is the same bytes either way
(``tests/test_build_cache.py``).

No child outlives the build: ``stop`` kills and reaps it (the caller calls it in a
``finally``, so an error or a signal in the parent ends the child before the parent goes
on), and a child dies with its parent even when the parent is killed outright (Linux's
``PR_SET_PDEATHSIG``, as the build's workers do: ``build._worker_started``). The child
ignores SIGINT (a terminal's Ctrl-C reaches the whole process group; the parent stops it)
and never returns into the parent's code: it leaves by ``os._exit``.
"""
from __future__ import annotations

import os
import pickle
import signal
import traceback

from generator.write.staging import signals_held


class ChildFailed(RuntimeError):
    """The child ended without handing back a value or an exception (killed, or its value
    could not be pickled)."""


class Beside:
    """``work()`` running in a forked child from the moment this is made. ``result()`` waits
    for it and gives its value, or raises the exception it raised (with the child's
    traceback as a note); ``stop()`` kills the child unless its result was read (it then
    exits by itself) and reaps it. Call ``stop()`` in a ``finally`` whatever happens."""

    def __init__(self, work, started=None) -> None:
        """``started(parent_pid)``: called first in the child (the build passes
        ``build._worker_started``: SIGINT ignored, SIGTERM fatal, death with the parent)."""
        read, write = os.pipe()
        parent = os.getpid()
        with signals_held():  # a signal meanwhile reaches the parent's handler after the fork, not the child's
            self.pid = os.fork()
            if self.pid == 0:
                os.close(read)
                _child(work, write, started, parent)  # never returns
        os.close(write)
        self._read = read
        self._reaped = False
        self._finished = False  # the child's result (or its end) was read: it exits by itself

    def result(self):
        """The value ``work()`` returned in the child; its exception re-raised here. The child,
        its value written, is left to exit (its memory unmapped: a few ms) until ``stop()``."""
        with os.fdopen(self._read, "rb", closefd=True) as pipe:
            self._read = None
            data = pipe.read()
        self._finished = True
        try:
            kind, value = pickle.loads(data)
        except Exception as exc:
            raise ChildFailed(f"the process beside the build ended without a result ({len(data)} bytes)") from exc
        if kind == "error":
            raise value
        return value

    def stop(self) -> None:
        """Kill the child unless it has handed back its result, and reap it; close the pipe."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if not self._reaped:
            if not self._finished:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self._reap()

    def _reap(self) -> None:
        if not self._reaped:
            os.waitpid(self.pid, 0)
            self._reaped = True


def _child(work, write: int, started, parent: int) -> None:
    """In the child: run ``work``, write ("ok", value) or ("error", exception) pickled into
    ``write``, and exit without running the parent's clean-ups."""
    status = 1
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if started is not None:
            started(parent)
        try:
            outcome = ("ok", work())
        except BaseException as exc:
            exc.add_note("in the process beside the build:\n" + "".join(traceback.format_exception(exc)))
            outcome = ("error", exc)
        try:
            data = pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:
            data = pickle.dumps(("error", ChildFailed(f"its result could not be pickled: {exc!r}")))
        with os.fdopen(write, "wb") as pipe:
            pipe.write(data)
        status = 0
    finally:
        os._exit(status)
