"""Work beside the build (generator/write/beside.py): a forked child's value or exception
comes back, and no child is left running or unreaped whatever happens."""
from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from generator.write.beside import Beside, ChildFailed


def gone(pid: int) -> bool:
    """Whether ``pid`` is neither running nor a zombie waiting to be reaped."""
    return not (Path("/proc") / str(pid)).exists()


def test_the_value_comes_back_from_the_child():
    parent = os.getpid()
    child = Beside(lambda: {"pid": os.getpid(), "data": b"\x00" * 300_000})  # more than a pipe holds
    try:
        value = child.result()
    finally:
        child.stop()
    assert value["pid"] != parent and value["data"] == b"\x00" * 300_000
    assert gone(child.pid)


def test_an_exception_in_the_child_is_raised_in_the_parent_with_its_traceback():
    def fails():
        raise ValueError("no index")

    child = Beside(fails)
    try:
        with pytest.raises(ValueError, match="no index") as raised:
            child.result()
    finally:
        child.stop()
    assert "in the process beside the build" in raised.value.__notes__[0]
    assert "fails" in raised.value.__notes__[0]
    assert gone(child.pid)


def test_a_value_that_cannot_be_pickled_is_an_error():
    child = Beside(lambda: (lambda: 0))
    try:
        with pytest.raises(ChildFailed, match="could not be pickled"):
            child.result()
    finally:
        child.stop()


def test_stop_kills_and_reaps_a_child_still_at_work():
    child = Beside(lambda: time.sleep(60))
    started = time.monotonic()
    child.stop()
    assert time.monotonic() - started < 30
    assert gone(child.pid)
    child.stop()  # twice: nothing left to do


def test_a_child_killed_from_outside_is_an_error_not_a_hang():
    child = Beside(lambda: time.sleep(60))
    os.kill(child.pid, signal.SIGKILL)
    try:
        with pytest.raises(ChildFailed, match="without a result"):
            child.result()
    finally:
        child.stop()
    assert gone(child.pid)


def test_the_child_ignores_sigint():
    child = Beside(lambda: time.sleep(0.5) or "done")
    time.sleep(0.1)
    os.kill(child.pid, signal.SIGINT)  # a terminal's Ctrl-C reaches the whole group: the parent decides
    try:
        assert child.result() == "done"
    finally:
        child.stop()
