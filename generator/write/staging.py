"""The write phase: the only code that touches the output folder.

The whole site is written into a fresh folder beside the output and swapped in
at the end, so a failed build leaves the previous site as it was. Files that did not
change are linked from the previous site, so they keep their modification time.

Staging folders are named ``.<out>.new-<pid>`` (the new site being written) and
``.<out>.old-<pid>`` (the previous site while it is swapped out). A build killed
at any moment leaves at most these; the next build removes those of processes that
no longer run, and puts the previous site back if it was killed mid-swap. The two
renames of the swap run with SIGINT and SIGTERM held back (:func:`signals_held`), so a
stop asked for then comes after the swap, never between its renames.
"""
from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import threading
from pathlib import Path, PurePosixPath

from generator.structure.messages import msg
from generator.structure.paths import CATALOG_DATA


class UnsafePath(ValueError):
    pass


def _target(root: Path, relative: str) -> Path:
    pure = PurePosixPath(relative)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts:
        raise UnsafePath(f"refusing to write outside the site: {relative!r}")
    return root.joinpath(*pure.parts)


def unsafe_out(out: Path, content: Path) -> str | None:
    """Why ``out`` may not be replaced by a site built from ``content`` (None when it may):
    it holds or is inside the content, or it is a folder that no build wrote (no
    ``data/catalog.json``), such as the project itself."""
    out, content = out.resolve(), content.resolve()
    if out == content or content.is_relative_to(out) or out.is_relative_to(content):
        return msg("the output folder {out} and the content folder {content} overlap: building would replace "
                   "the plans", out=str(out), content=str(content))
    if out.is_dir() and any(out.iterdir()) and not (out / CATALOG_DATA).is_file():
        return msg("{out} is not empty and holds no site built before (no data/catalog.json): refusing to "
                   "replace it", out=str(out))
    if out.exists() and not out.is_dir():
        return msg("{out} is a file, not a site folder", out=str(out))
    return None


class Staging:
    """The new site, written file by file into a staging folder beside ``out`` and swapped
    in by ``commit()`` (one rename each way); ``abort()`` removes it and leaves ``out`` as
    it was. A file whose bytes equal the previous site's file at the same path is not
    rewritten: it is hard-linked from the previous site (copied, keeping its time, where
    links are not allowed), so it keeps its bytes and modification time.

    A staging folder may be filled from several processes (it is only paths): each page is
    put once, by one of them. ``put`` returns whether the file was written anew."""

    def __init__(self, out: Path) -> None:
        self.out = out.resolve()
        self.out.parent.mkdir(parents=True, exist_ok=True)
        remove_debris(self.out)
        self.folder = self.out.parent / f".{self.out.name}.new-{os.getpid()}"
        self.retired = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()

    def put(self, relative: str, data: bytes) -> bool:
        path = _target(self.folder, relative)
        if not self.folder.is_dir():  # removed as debris: the build that made it was killed
            raise FileNotFoundError(f"staging folder {self.folder} is gone")
        path.parent.mkdir(parents=True, exist_ok=True)
        previous = _target(self.out, relative)
        if _same_bytes(previous, data):
            try:
                os.link(previous, path)
            except OSError:
                shutil.copy2(previous, path)
            return False
        path.write_bytes(data)
        return True

    def discard(self, relative: str) -> None:
        """Remove a file or folder put into the staging folder (a plan that failed after its
        pages were written: ``--strict`` with ``--keep-going``)."""
        path = _target(self.folder, relative)
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()

    def keep_previous(self, relative: str) -> int:
        """Put the previous site's file ``relative``, or every file under the folder
        ``relative``, into the new site unchanged (a plan that failed keeps its pages).
        Returns the number of files kept (0 when the previous site has none there)."""
        previous = _target(self.out, relative)
        if previous.is_file() and not previous.is_symlink():
            self.put(relative, previous.read_bytes())
            return 1
        kept = 0
        if previous.is_dir() and not previous.is_symlink():
            for path in sorted(previous.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    self.put(path.relative_to(self.out).as_posix(), path.read_bytes())
                    kept += 1
        return kept

    def commit(self) -> list[Path]:
        """Swap the new site in; returns what could not be removed afterwards (the previous
        site swapped out, when some of it cannot be deleted), left for the next build."""
        moved = False
        try:
            with signals_held():
                if self.out.exists():
                    self.out.rename(self.retired)
                    moved = True
                try:
                    self.folder.rename(self.out)
                except BaseException:
                    if moved:
                        self.retired.rename(self.out)
                    raise
        finally:
            left = self.abort()
        return left

    def abort(self) -> list[Path]:
        """Remove the staging folder and the swapped-out previous site; returns those that
        could not be removed (a file in them that cannot be deleted)."""
        return [folder for folder in (self.folder, self.retired) if not _removed(folder)]


def _removed(folder: Path) -> bool:
    shutil.rmtree(folder, ignore_errors=True)
    return not os.path.lexists(folder)


@contextlib.contextmanager
def signals_held():
    """SIGINT and SIGTERM received inside the block are delivered when it ends (in the
    main thread; elsewhere, a plain block)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    stops = (signal.SIGINT, signal.SIGTERM)
    previous = {number: signal.signal(number, lambda number, frame: caught.append(number)) for number in stops}
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in dict.fromkeys(caught):
            signal.raise_signal(number)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def remove_debris(out: Path) -> list[Path]:
    """Remove the staging folders of killed builds into ``out`` (their process is gone);
    when a killed build had already moved the previous site aside, put it back first.
    Returns the folders removed."""
    removed = []
    for kind in ("old", "new"):  # an old site goes back before anything is deleted
        for folder in sorted(out.parent.glob(f".{glob.escape(out.name)}.{kind}-*")):
            pid = folder.name.rsplit("-", 1)[1]
            if not pid.isdigit() or _running(int(pid)):
                continue
            if kind == "old" and not os.path.lexists(out):
                folder.rename(out)
                continue
            if _removed(folder):
                removed.append(folder)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
