"""The events of a YAML file turned into plain values with their lines (``values``), for
``yamlfile.load_yaml``: PyYAML's parser gives the file as a stream of events (it expands
nothing: an alias is one event, so an alias bomb costs its size, not its expansion); the
events are checked (tags, anchors, aliases, depth, duplicate or non-text keys) and built
into dicts, lists, text, numbers, booleans and None, keeping the line of every value and
every key by its path. Imported only when a file has to be parsed: a rebuild whose YAML
files were all loaded before (``yamlfile.loads_remembered``) never imports PyYAML.
"""
from __future__ import annotations

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from generator.structure.messages import msg

MAX_DEPTH = 16  # nesting of mappings and lists

_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()
_SCALAR_TYPES = {
    "tag:yaml.org,2002:null": lambda node: None,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
}

def values(text: str, problems) -> tuple[object, dict[tuple, int], set[tuple]]:
    """``problems``: ``yamlfile._Problems`` of the file. Plain values from the event stream, the line of each value (and key) by path, and
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

    def __init__(self, problems):
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
