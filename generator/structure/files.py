"""Reading a file the build did not write, whatever sits at its path.

Every input file (a plan's text, its YAML files, ``terms.txt``, a cache entry) is read
through :func:`read_regular`: opened without blocking (``O_NONBLOCK``: a named pipe
never waits for a writer), checked with ``fstat`` on the open descriptor (so what is
checked is what is read: no race with a rename), refused unless it is a regular file
(a folder, a FIFO, a device such as ``/dev/zero``, a socket), and read up to a cap.
Walking a folder (:func:`walk_files`) uses no recursion and stops at a depth, so a
tree of a thousand nested folders is refused, not a ``RecursionError``.
"""
from __future__ import annotations

import errno
import mmap
import os
import stat
from pathlib import Path

from generator.structure.messages import Message, msg

MAX_DEPTH = 32  # folders below a walked root; a plan folder needs one or two
_KINDS = ((stat.S_ISDIR, msg("a folder")), (stat.S_ISFIFO, msg("a named pipe (FIFO)")), (stat.S_ISCHR, msg("a device")),
          (stat.S_ISBLK, msg("a device")), (stat.S_ISSOCK, msg("a socket")))
# the system's reasons an editor meets, said in the build's language (their English is glibc's strerror)
SYSTEM_REASONS = {
    errno.ENOENT: msg("No such file or directory"), errno.EACCES: msg("Permission denied"),
    errno.EPERM: msg("Operation not permitted"), errno.EISDIR: msg("Is a directory"),
    errno.ENOTDIR: msg("Not a directory"), errno.ENOSPC: msg("No space left on device"),
    errno.EROFS: msg("Read-only file system"), errno.ELOOP: msg("Too many levels of symbolic links"),
    errno.EFBIG: msg("File too large"), errno.EDQUOT: msg("Disk quota exceeded"),
    errno.EIO: msg("Input/output error"), errno.ENAMETOOLONG: msg("File name too long"),
}


class NotRegularFile(OSError):
    """The path holds something other than a regular file (its ``strerror`` says what)."""


class TooDeep(OSError):
    """A walked tree nests folders deeper than its limit."""


def kind(mode: int) -> Message:
    """What a ``st_mode`` is, in words ("a folder", "a named pipe (FIFO)", "a device"…)."""
    return next((words for test, words in _KINDS if test(mode)), msg("not a regular file"))


def present(path: Path) -> bool:
    """Whether anything is at ``path``: a file, a folder, a FIFO, or a link even when it
    dangles (so an editor's file that cannot be read is reported, never skipped)."""
    return os.path.lexists(path)


def _open_regular(path: Path) -> int:
    """A descriptor of the regular file at ``path``, opened without blocking; raises as
    :func:`read_regular` does."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(path, flags)
    mode = os.fstat(descriptor).st_mode
    if not stat.S_ISREG(mode):
        os.close(descriptor)
        raise NotRegularFile(errno.EINVAL, msg("it is {kind}, not a regular file", kind=kind(mode)), str(path))
    return descriptor


def map_regular(path: Path, limit: int) -> mmap.mmap:
    """The regular file at ``path`` mapped into memory, read-only (only the pages read are
    loaded). Raises as :func:`read_regular` does, and ``OSError`` when the file is empty,
    cannot be mapped or holds more than ``limit`` bytes."""
    descriptor = _open_regular(path)
    try:
        if os.fstat(descriptor).st_size > limit:
            raise OSError(errno.EFBIG, msg("it holds more than {limit} bytes", limit=limit), str(path))
        try:
            return mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ)
        except ValueError as exc:  # an empty file
            raise OSError(errno.EINVAL, str(exc), str(path)) from exc
    finally:
        os.close(descriptor)


def read_regular(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the regular file at ``path`` (links followed): a
    caller seeing more than ``limit`` bytes knows the file is too large.

    Raises :class:`NotRegularFile` for a folder, FIFO, device or socket, and ``OSError``
    (``strerror`` set: "Permission denied", "Too many levels of symbolic links", "No such
    file or directory"…) when it cannot be opened. Never blocks, never reads past the cap.
    """
    descriptor = _open_regular(path)
    try:
        chunks, left = [], limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def reason(exc: OSError) -> str:
    """Why a file could not be read, in words: the system's message without the path (a
    message said in the build's language for the usual ones, :data:`SYSTEM_REASONS`, and for
    this module's own)."""
    if isinstance(exc.strerror, Message):
        return exc.strerror
    usual = SYSTEM_REASONS.get(exc.errno)
    if usual is not None and exc.strerror == os.strerror(exc.errno):
        return usual
    return exc.strerror or str(exc)


def walk_files(root: Path, max_depth: int = MAX_DEPTH) -> list[Path]:
    """Every path below ``root`` that is not a folder (links to folders are not entered),
    sorted; hidden names and ``__pycache__`` skipped. Raises :class:`TooDeep` past
    ``max_depth`` levels of folders, ``OSError`` when a folder cannot be listed."""
    found: list[Path] = []
    stack = [(root, 0)]
    while stack:
        folder, depth = stack.pop()
        if depth > max_depth:
            raise TooDeep(errno.ELOOP, msg("folders nest more than {depth} levels deep", depth=max_depth), str(folder))
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.name.startswith(".") or entry.name == "__pycache__":
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((Path(entry.path), depth + 1))
                else:
                    found.append(Path(entry.path))
    return sorted(found)
