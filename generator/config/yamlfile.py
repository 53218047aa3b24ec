"""Every YAML file the build reads goes through :func:`load_yaml`: a size cap, strict
UTF-8, no tags, anchors or aliases, and a declared schema, with every problem of the
file reported at once as ``file:line: error`` and nothing ever raised.

How: PyYAML's parser gives the file as a stream of events (it expands nothing: an
alias is one event, so an alias bomb costs its size, not its expansion). The events
are checked (tags, anchors, aliases, depth, duplicate or non-text keys) and turned
into plain values — dicts, lists, text, numbers, booleans, None — while the line of
every value and every key is kept by its path (``("add", 0, "from")``). A
timestamp-looking scalar stays text, so the schema decides whether it is a real date.
The values are then validated by ``jsonschema`` (Draft 2020-12 with format checks,
e.g. ``"format": "date"``), and each error is mapped back to a line through its path.
Within ``validations_remembered(cache)`` (a build with its cache), a text that passed
its schema before is not validated again: validation only reports, so skipping it
changes nothing, and jsonschema (about 50 ms of a rebuild's start-up) is
imported only when some file needs it.

A schema is data, declared beside the reader that uses it. Besides JSON Schema's
keywords a schema may say ``"description"`` (what a value must be, in words: it
becomes the error message) on any property.
"""
from __future__ import annotations

import difflib
import json
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from generator.structure.diagnostics import Report
from generator.structure.messages import Message, msg
from generator.structure.files import read_regular, reason
from generator.structure.paths import resolves_inside
from generator.write.cache import Cache, digest, versions_digest

MAX_BYTES = 256 * 1024  # far above any metadata or overrides file
MAX_DEPTH = 16  # nesting of mappings and lists

_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_SCALAR_TYPES = {
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}
_TYPE_WORDS = {"string": msg("text"), "integer": msg("a whole number"), "number": msg("a number"),
               "boolean": msg("true or false"), "array": msg("a list"), "object": msg("a mapping of keys to values"),
               "null": msg("empty")}
_REMEMBERING: list[Cache] = []  # the cache of the innermost ``validations_remembered`` block


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
    value, lines, refused = _values(text, problems)
    if any(kind.endswith("-syntax") for _, kind, _ in problems.found):
        problems.flush(report)
        return None
    key = _validated_key(text, schema) if _REMEMBERING and not problems.found else None
    if key is None or _REMEMBERING[-1].get("validated", key) is not True:
        _validate(value, lines, refused, schema, problems)
        if key is not None and not problems.found:
            _REMEMBERING[-1].put("validated", key, True)
    return YamlDocument(value, lines) if problems.flush(report) else None


@contextmanager
def validations_remembered(cache: Cache) -> Iterator[None]:
    """Within the block, ``load_yaml`` skips validating a text that ``cache`` (the build
    cache, generator/write/cache.py) holds as passed under the same schema, Python and
    library versions (``versions_digest``), and records each text that passes. A
    disabled cache (--no-cache) neither reads nor records: every file is validated."""
    _REMEMBERING.append(cache)
    try:
        yield
    finally:
        _REMEMBERING.pop()


def _validated_key(text: str, schema: dict) -> str:
    """The cache key of ``text`` having passed ``schema`` (SHA-256 hex)."""
    return digest("validated", versions_digest(), json.dumps(schema, sort_keys=True, ensure_ascii=False, default=repr),
                  text)


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


def _values(text: str, problems: _Problems) -> tuple[object, dict[tuple, int], set[tuple]]:
    """Plain values from the event stream, the line of each value (and key) by path, and
    the paths of values already refused (aliases, read as None; tagged values, read as
    if untagged), whose schema errors would only repeat the refusal.

    Keys have their own entries under ``("#key",) + path``. The schema still checks the
    rest of the file, so every problem is reported at once.
    """
    builder = _Builder(problems)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            builder.feed(event)
    except _TooDeep:
        pass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        problems.add(mark.line + 1 if mark else 1, "syntax", msg("not valid YAML: {problem}", problem=problem))
    except RecursionError:
        problems.add(1, "syntax", msg("not valid YAML: nested too deeply"))
    return builder.root, builder.lines, builder.refused


class _Builder:
    """Turns parser events into plain values without recursion, refusing what metadata never needs."""

    def __init__(self, problems: _Problems):
        self.problems = problems
        self.root: object = None
        self.lines: dict[tuple, int] = {}
        self.stack: list[list] = []  # [container, path, pending key or None]
        self.documents = 0
        self.refused: set[tuple] = set()

    def feed(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1 if event.start_mark else 1
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                self.problems.add(line, "syntax", msg("more than one YAML document (---) in the file"))
            return
        if isinstance(event, yaml.AliasEvent):
            self.problems.add(line, "alias", msg("aliases are not allowed (write the value out)"))
            self.refused.add(self._place(None, line))
            return
        if isinstance(event, (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._refuse_extras(event, line)
        if isinstance(event, yaml.ScalarEvent):
            path = self._place(_scalar(event), line, raw=event.value)
            if event.tag is not None:
                self.refused.add(path)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            container = {} if isinstance(event, yaml.MappingStartEvent) else []
            path = self._place(container, line)
            if event.tag is not None:
                self.refused.add(path)
            if len(self.stack) >= MAX_DEPTH:
                self.problems.add(line, "syntax", msg("nested more than {depth} levels deep", depth=MAX_DEPTH))
                raise _TooDeep
            self.stack.append([container, path, None])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self.stack.pop()

    def _refuse_extras(self, event, line: int) -> None:
        if event.anchor is not None:
            self.problems.add(line, "alias", msg("anchors (&{anchor}) are not allowed", anchor=event.anchor))
        if event.tag is not None:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.add(line, "tag", msg("tags ({tag}) are not allowed", tag=tag))

    def _place(self, value: object, line: int, raw: str | None = None) -> tuple:
        """Put ``value`` where the stack says; returns its path (``("#key", …)`` for a key)."""
        if not self.stack:
            self.root = value
            self.lines[()] = line
            return ()
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child = path + (len(container),)
            container.append(value)
            self.lines[child] = line
            return child
        if frame[2] is None:  # a key
            if raw is None:
                self.problems.add(line, "syntax", msg("a key must be plain text, not a list or mapping"))
                raw = f"#complex-key-{line}"
            if raw in container:
                self.problems.add(line, "syntax", msg("key '{key}' is given twice", key=raw))
            frame[2] = raw
            self.lines[("#key",) + path + (raw,)] = line
            return ("#key",) + path + (raw,)
        key, frame[2] = frame[2], None
        container[key] = value
        self.lines[path + (key,)] = line
        return path + (key,)


class _TooDeep(Exception):
    """Stops reading a file nested deeper than MAX_DEPTH (already reported)."""


def _scalar(event: yaml.ScalarEvent) -> object:
    """Plain untagged scalars get YAML's core types (null, bool, int, float); everything
    else, timestamps included, stays text."""
    if event.style is not None or event.tag is not None or not event.implicit[0]:
        return event.value
    tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, (True, False))
    convert = _SCALAR_TYPES.get(tag)
    if convert is None:
        return event.value
    try:
        return convert(yaml.ScalarNode(tag, event.value))
    except (ValueError, OverflowError):
        return event.value


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
