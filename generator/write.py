"""Stage 6, write: the only code that touches the output folder.

The whole site is written into a fresh folder beside the output and swapped in
at the end, so a failed build leaves the previous site as it was.
"""
from __future__ import annotations

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


def write_site(files: dict[str, bytes], out: Path) -> None:
    """Write ``files`` (site-relative path → bytes) as the new content of ``out``."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
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
