"""Every YAML file the build reads goes through :func:`load_yaml`: a size cap, strict
UTF-8, no tags, anchors or aliases, and a declared schema, with every problem of the
file reported at once as ``file:line: error`` and nothing ever raised.

How: the file's events are read into plain values — dicts, lists, text, numbers, booleans,
None — with the line of every value and every key kept by its path (``("add", 0, "from")``):
``yamlevents.py``, which refuses tags, anchors, aliases, deep nesting, duplicate or non-text
keys. A timestamp-looking scalar stays text, so the schema decides whether it is a real
date. The values are then validated by ``jsonschema`` (Draft 2020-12 with format checks,
e.g. ``"format": "date"``), and each error is mapped back to a line through its path.
Within ``loads_remembered(cache)`` (a build with its cache), a text that was loaded without
a problem under the same schema before is taken from the cache, neither parsed nor
validated again: PyYAML (about 50 ms to parse the three genre files) and jsonschema (about
50 ms to import) are imported only when some file needs them.

A schema is data, declared beside the reader that uses it. Besides JSON Schema's
keywords a schema may say ``"description"`` (what a value must be, in words: it
becomes the error message) on any property.
"""
from __future__ import annotations

import difflib
import json
from contextlib import contextmanager
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from generator.structure.diagnostics import Report
from generator.structure.messages import Message, msg
from generator.structure.files import read_regular, reason
from generator.structure.paths import resolves_inside
from generator.write.cache import Cache, digest, versions_digest

MAX_BYTES = 256 * 1024  # far above any metadata or overrides file

_TYPE_WORDS = {"string": msg("text"), "integer": msg("a whole number"), "number": msg("a number"),
               "boolean": msg("true or false"), "array": msg("a list"), "object": msg("a mapping of keys to values"),
               "null": msg("empty")}
_REMEMBERING: list[Cache] = []  # the cache of the innermost ``loads_remembered`` block


@dataclass(frozen=True)
class YamlDocument:
    """A loaded file: its plain ``value`` and the line of every value (and key) by path."""

    value: object
    lines: dict[tuple, int]

    def line(self, *path: str | int) -> int:
        """Line (1-based) of the value at ``path`` (``"add", 0, "from"``), or of its nearest parent."""
        return _line(self.lines, tuple(path))

    def key_line(self, *path: str | int) -> int:
        """Line of the key that ends ``path``."""
        return _line(self.lines, ("#key",) + tuple(path)) if ("#key",) + tuple(path) in self.lines else self.line(*path)


class _Problems:
    """Errors of one file, reported to the Report (sorted by line) only at the end."""

    def __init__(self, where: str, code: str):
        self.where, self.code, self.found = where, code, []

    def add(self, line: int, kind: str, message: Message) -> None:
        self.found.append((line, f"{self.code}-{kind}", message))

    def flush(self, report: Report) -> bool:
        for line, code, message in sorted(set(self.found)):
            report.error(self.where, line, code, message)
        return not self.found


def load_yaml(path: Path, report: Report, schema: dict, code: str) -> YamlDocument | None:
    """The YAML file ``path`` as plain values (dicts, lists, str, int, float, bool, None)
    with their lines, or None after reporting every problem as ``path:line: error: … [<code>-<kind>]``.

    ``schema``: a JSON Schema (Draft 2020-12) for the whole document. ``code``: the prefix
    of the diagnostic codes (``meta`` gives ``meta-syntax``, ``meta-unknown-key``,
    ``meta-missing-key``, ``meta-bad-value``, ``meta-encoding``, ``meta-too-large``,
    ``meta-alias``, ``meta-tag``, ``meta-path``, ``meta-unreadable``: a folder, FIFO, device, dangling link
    or a file that cannot be opened). An empty file is ``None`` validated
    against the schema. Never raises for any content of the file.
    """
    problems = _Problems(str(path), code)
    text = _read_text(path, problems)
    if text is None:
        problems.flush(report)
        return None
    key = _loaded_key(text, schema) if _REMEMBERING else None
    remembered = _REMEMBERING[-1].get("loaded", key) if key else None
    if isinstance(remembered, YamlDocument):
        return remembered
    from generator.config.yamlevents import values

    value, lines, refused = values(text, problems)
    if any(kind.endswith("-syntax") for _, kind, _ in problems.found):
        problems.flush(report)
        return None
    _validate(value, lines, refused, schema, problems)
    if not problems.flush(report):
        return None
    document = YamlDocument(value, lines)
    if key is not None:
        _REMEMBERING[-1].put("loaded", key, document)
    return document


@contextmanager
def loads_remembered(cache: Cache) -> Iterator[None]:
    """Within the block, ``load_yaml`` takes from ``cache`` (the build cache,
    generator/write/cache.py) the document of a text it loaded without a problem before,
    under the same schema, Python and library versions (``versions_digest``) and reader, and
    records each text that loads without a problem. A disabled cache (--no-cache) neither
    reads nor records: every file is parsed and validated."""
    _REMEMBERING.append(cache)
    try:
        yield
    finally:
        _REMEMBERING.pop()


def _loaded_key(text: str, schema: dict) -> str:
    """The cache key of ``text`` loaded without a problem under ``schema`` (SHA-256 hex), by
    the same Python and libraries and the same reader (this module and yamlevents.py)."""
    return digest("loaded", versions_digest(), _reader_digest(),
                  json.dumps(schema, sort_keys=True, ensure_ascii=False, default=repr), text)


@lru_cache(maxsize=None)
def _reader_digest() -> str:
    here = Path(__file__).resolve().parent
    return digest((here / "yamlfile.py").read_bytes(), (here / "yamlevents.py").read_bytes())


def _read_text(path: Path, problems: _Problems) -> str | None:
    """The file's text: at most MAX_BYTES, strict UTF-8, inside its own folder."""
    if not resolves_inside(path, path.parent):
        problems.add(1, "path", msg("{name} links to a file outside its folder (or to a loop of links): copy the "
                                    "file in instead", name=path.name))
        return None
    try:
        data = read_regular(path, MAX_BYTES)
    except OSError as exc:
        problems.add(1, "unreadable", msg("cannot read the file: {reason}", reason=reason(exc)))
        return None
    if len(data) > MAX_BYTES:
        problems.add(1, "too-large", msg("file is larger than {size} KiB: not a metadata file", size=MAX_BYTES // 1024))
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(line, "encoding", msg("not UTF-8 text (byte 0x{byte:02x} cannot be decoded); save the file as "
                                           "UTF-8", byte=data[exc.start]))
        return None


def _validate(value: object, lines: dict[tuple, int], refused: set[tuple], schema: dict,
              problems: _Problems) -> None:
    import jsonschema  # here, not at the top: a rebuild whose files all passed before never needs it

    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    errors = [e for e in validator.iter_errors(value) if tuple(e.absolute_path) not in refused]
    suggested = set()
    for error in errors:
        if error.validator == "additionalProperties":
            suggested |= _unknown_keys(error, lines, problems)
    for error in errors:
        if error.validator == "required":
            _missing_keys(error, lines, suggested, problems)
        elif error.validator != "additionalProperties":
            _bad_value(error, lines, problems)


def _line(lines: dict[tuple, int], path: tuple) -> int:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)


def _unknown_keys(error, lines: dict[tuple, int], problems: _Problems) -> set[str]:
    """One error per unknown key, at the key's line, with the closest known key."""
    path = tuple(error.absolute_path)
    known = sorted(error.schema.get("properties", {}))
    suggested = set()
    for key in error.instance:
        if key in known:
            continue
        hint = difflib.get_close_matches(str(key), known, n=1)
        suggested.update(hint)
        advice = msg("did you mean '{key}'?", key=hint[0]) if hint else msg("known keys: {keys}", keys=", ".join(known))
        problems.add(_line(lines, ("#key",) + path + (key,)), "unknown-key",
                     msg("unknown key '{key}' ({advice})", key=key, advice=advice))
    return suggested


def _missing_keys(error, lines: dict[tuple, int], suggested: set[str], problems: _Problems) -> None:
    path = tuple(error.absolute_path)
    for key in error.validator_value:
        if key not in error.instance and key not in suggested:
            message = (msg("missing required key '{key}' in {place}", key=key, place=_name(path)) if path
                       else msg("missing required key '{key}'", key=key))
            problems.add(_line(lines, path), "missing-key", message)


def _bad_value(error, lines: dict[tuple, int], problems: _Problems) -> None:
    path = tuple(error.absolute_path)
    name = _name(path) if path else msg("the file")
    described = error.schema.get("description") if isinstance(error.schema, dict) else None
    shown = _shown(error.instance)
    if described:
        message = msg("{name} must be {wanted} (got {shown})", name=name, wanted=described, shown=shown)
    elif error.validator == "type":
        wanted = error.validator_value if isinstance(error.validator_value, list) else [error.validator_value]
        words = [_TYPE_WORDS.get(t, t) for t in wanted]
        either = words[0]
        for word in words[1:]:
            either = msg("{one} or {other}", one=either, other=word)
        message = msg("{name} must be {wanted} (got {shown})", name=name, wanted=either, shown=shown)
    else:
        message = msg("{name}: {problem}", name=name, problem=error.message)
    problems.add(_line(lines, path), "bad-value", message)


def _name(path: tuple) -> str:
    """``add[2].from`` for ("add", 1, "from"): entries counted from 1, as an editor counts."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return f"'{text}'"


def _shown(value: object) -> str:
    if value is None:
        return msg("nothing")
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 40 else text[:37] + "…"
