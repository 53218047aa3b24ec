"""The build cache: what an earlier build computed, found again by a hash of its inputs.

Keys are SHA-256 digests of everything a result depends on (see ``build.py``: a plan's
folder, the site settings, the generator's own source with its genre data, the
templates, the static files, lunr.js). Entries live in ``.cache/build/`` as
``<kind>/<key>``: an HMAC-SHA256 tag (keyed by a random secret kept in the same cache,
created on first use) followed by the pickled value. A file whose tag does not match
(corrupt, truncated, written by something else or by another cache) is a miss and is
never unpickled; so is any file that cannot be read. Writing is best effort: a cache
that cannot be written makes builds slower, never failed. Entries are written to a
temporary name and renamed, so a build killed mid-write leaves no half entry.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
from functools import lru_cache
from pathlib import Path

from generator.structure import files
from generator.structure.files import walk_files
from generator.structure.messages import msg

FORMAT = b"plansite-cache-1"
TAG = 32  # bytes of the HMAC-SHA256 tag at the start of an entry
MAX_HASHED_FILE = 64 * 2**20  # a plan folder with a larger file is not cached (always rebuilt)
MAX_ENTRY = 2**30  # bytes of one cache entry; a larger file there is a miss
SECRET = 32  # bytes of the cache's HMAC key
GENERATOR = Path(__file__).resolve().parents[1]


def digest(*parts: str | bytes) -> str:
    """SHA-256 (hex) of the parts, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256(FORMAT)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def tree_digest(root: Path, suffixes: tuple[str, ...] = ()) -> str | None:
    """Digest of the names and bytes of every regular file under ``root`` (links to files
    followed, hidden files and ``__pycache__`` skipped), or None when a file is too large
    (MAX_HASHED_FILE), is not a regular file or cannot be read, or the folders nest too
    deep (``files.MAX_DEPTH``): such input is never served from the cache, the build reads
    it and reports it. With ``suffixes``, only files whose names end so."""
    parts: list[str | bytes] = []
    if not files.present(root):
        return digest("absent")
    try:
        paths = walk_files(root) if root.is_dir() else [root]
        for path in paths:
            if suffixes and not path.name.endswith(suffixes):
                continue
            if path != root and path.is_dir():
                continue  # a link to a folder: not part of a plan
            data = files.read_regular(path, MAX_HASHED_FILE)
            if len(data) > MAX_HASHED_FILE:
                return None
            parts += [path.relative_to(root).as_posix() if path != root else path.name, data]
    except OSError:  # a FIFO, device, unreadable file or too deep a tree: read by the build, not hashed here
        return None
    return digest(*parts)


def code_digest() -> str:
    """The generator's own version: its Python source, genre data and message catalogs, and the Python and
    library versions it runs on (requirements.lock)."""
    lock = GENERATOR.parent / "requirements.lock"
    return digest(sys.version, tree_digest(GENERATOR, (".py", ".yml", ".mo")) or "",
                  lock.read_bytes() if lock.is_file() else b"")


@lru_cache(maxsize=None)
def versions_digest() -> str:
    """The Python and library versions the generator runs on (requirements.lock), without its source."""
    lock = GENERATOR.parent / "requirements.lock"
    return digest(sys.version, lock.read_bytes() if lock.is_file() else b"")


class Cache:
    """Entries by (kind, key) under ``root``; ``Cache(None)`` is the disabled cache (--no-cache):
    every lookup a miss, nothing written."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._secret: bytes | None = None
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def unusable(self) -> str | None:
        """Why this cache cannot be used (its folder is a file, cannot be created or
        written, its secret cannot be kept), in words; None when it can (or is disabled).
        The build then goes on without it: a bad cache is never an error."""
        if self.root is None:
            return None
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            return msg("cannot create the cache folder: {reason}", reason=files.reason(exc))
        if not self.root.is_dir():
            return msg("the cache folder is not a folder")
        if self._key() is None:
            return msg("cannot keep the cache's secret (the folder or its 'secret' cannot be written)")
        return None

    def _key(self) -> bytes | None:
        if self._secret is None and self.root is not None:
            path = self.root / "secret"
            try:
                secret = files.read_regular(path, SECRET)
                if len(secret) != SECRET:
                    raise ValueError
            except (OSError, ValueError):
                secret = secrets.token_bytes(SECRET)
                if not self._write(path, secret):
                    return None
            self._secret = secret
        return self._secret

    def get(self, kind: str, key: str) -> object | None:
        """The value stored under (kind, key), or None on a miss (absent, unreadable, corrupt, foreign)."""
        value = self._load(kind, key)
        if value is None:
            self.misses += 1
        else:
            self.hits += 1
        return value

    def _load(self, kind: str, key: str) -> object | None:
        if self.root is None:
            return None
        secret = self._key()
        try:
            data = files.read_regular(self.root / kind / key, MAX_ENTRY)
        except (OSError, ValueError):
            return None
        if secret is None or len(data) < TAG or len(data) > MAX_ENTRY:
            return None
        expected = hmac.new(secret, kind.encode() + b"\0" + key.encode() + b"\0" + data[TAG:], "sha256").digest()
        if not hmac.compare_digest(expected, data[:TAG]):
            return None
        try:
            return pickle.loads(data[TAG:])
        except Exception:  # our own tag, yet unreadable (a class that changed): a miss
            return None

    def put(self, kind: str, key: str, value: object) -> None:
        if self.root is None:
            return
        secret = self._key()
        if secret is None:
            return
        body = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        tag = hmac.new(secret, kind.encode() + b"\0" + key.encode() + b"\0" + body, "sha256").digest()
        self._write(self.root / kind / key, tag + body)

    @staticmethod
    def _write(path: Path, data: bytes) -> bool:
        """Best effort: False when the entry could not be written (a full or read-only
        disk, a file where a folder belongs…), leaving no temporary file behind."""
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
            os.chmod(temporary, 0o600)
            temporary.replace(path)
            return True
        except OSError:
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass
            return False
