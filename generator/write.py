"""Stage 6, write: the only code that touches the output folder.

The whole site is written into a fresh folder beside the output and swapped in
at the end, so a failed build leaves the previous site as it was.

Staging folders are named ``.<out>.new-<pid>`` (the new site being written) and
``.<out>.old-<pid>`` (the previous site while it is swapped out). A build killed
at any moment leaves at most these; the next build removes those of processes that
no longer run, and puts the previous site back if it was killed mid-swap.
"""
from __future__ import annotations

import glob
import os
import shutil
from pathlib import Path, PurePosixPath


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
        return f"the output folder {out} and the content folder {content} overlap: building would replace the plans"
    if out.is_dir() and any(out.iterdir()) and not (out / "data" / "catalog.json").is_file():
        return f"{out} is not empty and holds no site built before (no data/catalog.json): refusing to replace it"
    if out.exists() and not out.is_dir():
        return f"{out} is a file, not a site folder"
    return None


def write_site(files: dict[str, bytes], out: Path) -> None:
    """Write ``files`` (site-relative path → bytes) as the new content of ``out``."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_debris(out)
    staging = out.parent / f".{out.name}.new-{os.getpid()}"
    retired = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        for relative in sorted(files):
            path = _target(staging, relative)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(files[relative])
        if out.exists():
            out.rename(retired)
        staging.rename(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(retired, ignore_errors=True)


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
            if kind == "old" and not out.exists():
                folder.rename(out)
                continue
            shutil.rmtree(folder, ignore_errors=True)
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
