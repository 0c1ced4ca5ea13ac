"""Read YAML or JSON data files, keeping the line of every field for error messages.

Every file is measured before any Python object is built from it: its size, its nesting depth
and its number of nodes with YAML aliases expanded. A few kilobytes of aliases can stand for
billions of nodes, and libyaml takes time quadratic in the depth of flow collections, so the
measuring pass reads libyaml's events one at a time and stops at the first limit crossed.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import DrafterError

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How big a data file may be. Real files are far below every limit."""

    kind: str  # names the file in messages: "parameters, targets or batch file"
    max_bytes: int
    max_depth: int = 100  # nested mappings and lists
    max_nodes: int = 200_000  # mappings, lists and scalars, with aliases expanded: a batch of every county
    max_chars: int = 16 * MB  # text of all scalars, with aliases expanded


# Parameters, --targets and batch lists (YAML, JSON, and the batch CSV through read_capped).
DATA_LIMITS = Limits("parameters, targets or batch file", 2 * MB)
# The kinds of data file load_file reads (parameters, indicators, lists of localities).
DATA_SUFFIXES = (".yaml", ".yml", ".json")
DATA_MAX_BYTES = DATA_LIMITS.max_bytes
# A rules folder's files: the built-in ones are 25 KB at most.
RULE_LIMITS = Limits("rule file", 8 * MB, max_nodes=1_000_000, max_chars=64 * MB)


def clip(value: Any, limit: int = 60) -> str:
    """Echoed input, made safe for a one-line message: control characters escaped, cut short."""
    text = str(value)
    cut = len(text) > limit
    text = text[:limit]
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    return text + "…" if cut else text


_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


class _DataLoader(_BASE):
    """Safe loading, with dates left as text so that the fields' own checks report an
    impossible date with its field path, and constructor failures reported with their line."""

    yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, OverflowError) as exc:  # !!int 1e9999, !!timestamp 2025-02-30, ...
            raise yaml.constructor.ConstructorError(
                None, None, f"cannot read {clip(node.value)!r} ({clip(str(exc).split(';')[0], 100)})", node.start_mark) from None


class LoadedData:
    """Parsed data plus, on demand, the source line of each field path (1-based)."""

    def __init__(self, data: Any, text: str, file: str) -> None:
        self.data = data
        self.file = file
        self._text = text
        self._lines: dict[tuple, int] | None = None

    @property
    def lines(self) -> dict[tuple, int]:
        # Only an error needs line numbers: compose the node tree then, not on every load.
        # The text was measured when it was parsed, so the walk below is bounded.
        if self._lines is None:
            self._lines = {}
            try:
                node = yaml.compose(self._text, Loader=_DataLoader)
            except yaml.YAMLError:
                node = None  # valid JSON that YAML cannot compose: no line numbers, still usable
            if node is not None:
                _line_map(node, (), self._lines)
        return self._lines

    def line_of(self, path: tuple) -> int | None:
        # An error deep inside a value points at the nearest field the file spells out.
        lines = self.lines
        while path:
            if path in lines:
                return lines[path]
            path = path[:-1]
        return lines.get(())


def _line_map(node: yaml.Node, path: tuple, out: dict[tuple, int]) -> None:
    out.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            if not isinstance(key, str):
                continue  # a mapping as a key: no field path can name it
            out[path + (key,)] = key_node.start_mark.line + 1
            _line_map(value_node, path + (key,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, path + (i,), out)


class _TooBig(Exception):
    def __init__(self, message: str, mark=None) -> None:
        super().__init__(message)
        self.message, self.mark = message, mark


_OPEN = {yaml.MappingStartEvent, yaml.SequenceStartEvent}
_CLOSE = {yaml.MappingEndEvent, yaml.SequenceEndEvent}


def _measure_yaml(text: str, limits: Limits) -> None:
    """One pass over libyaml's events: depth, and nodes and characters with aliases expanded.

    An anchored node's expanded size is known when it ends, so an alias adds it in one step:
    the pass is linear in the text however large the aliases make the data."""
    open_nodes: list[tuple] = []  # (anchor, nodes before it, chars before it) of each open collection
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> (nodes, chars) it expands to
    nodes = chars = 0
    for event in yaml.parse(text, Loader=_DataLoader):
        kind = type(event)
        if kind is yaml.ScalarEvent:  # the most frequent event first: this loop is the cost
            nodes, chars = nodes + 1, chars + len(event.value)
            if event.anchor is not None:
                _new_anchor(event, sizes, open_nodes)
                sizes[event.anchor] = (1, len(event.value))
        elif kind in _OPEN:
            if event.anchor is not None:
                _new_anchor(event, sizes, open_nodes)
            if len(open_nodes) >= limits.max_depth:
                raise _TooBig(f"nested deeper than {limits.max_depth} levels", event.start_mark)
            open_nodes.append((event.anchor, nodes, chars))
            nodes += 1
        elif kind in _CLOSE:
            anchor, nodes_before, chars_before = open_nodes.pop()
            if anchor is not None:
                sizes[anchor] = (nodes - nodes_before, chars - chars_before)
            continue
        elif kind is yaml.AliasEvent:
            n, c = _alias_size(event, sizes, open_nodes)
            nodes, chars = nodes + n, chars + c
        elif kind is yaml.DocumentStartEvent:
            sizes.clear()  # anchors belong to one document
        if nodes > limits.max_nodes:
            raise _TooBig(f"more than {limits.max_nodes:,} values with aliases expanded", event.start_mark)
        if chars > limits.max_chars:
            raise _TooBig(f"more than {_megabytes(limits.max_chars)} of text with aliases expanded",
                          event.start_mark)


def _new_anchor(event, sizes: dict, open_nodes: list) -> None:
    anchor = event.anchor
    if anchor in sizes or any(a == anchor for a, _, _ in open_nodes):
        raise yaml.composer.ComposerError(None, None, f"anchor &{clip(anchor)} is defined twice",
                                          event.start_mark)


def _alias_size(event, sizes: dict, open_nodes: list) -> tuple[int, int]:
    if event.anchor not in sizes:
        recursive = any(anchor == event.anchor for anchor, _, _ in open_nodes)
        problem = "an alias inside its own anchor" if recursive else "an alias to no anchor"
        raise yaml.composer.ComposerError(None, None, f"{problem} (*{clip(event.anchor)})", event.start_mark)
    return sizes[event.anchor]


def _measure_json(data: Any, limits: Limits) -> None:
    """Depth and node count of parsed JSON, without recursion."""
    stack, nodes = [(data, 1)], 0
    while stack:
        value, depth = stack.pop()
        nodes += 1
        if nodes > limits.max_nodes:
            raise _TooBig(f"more than {limits.max_nodes:,} values")
        if isinstance(value, (dict, list)):
            if depth > limits.max_depth:
                raise _TooBig(f"nested deeper than {limits.max_depth} levels")
            nodes += len(value) if isinstance(value, dict) else 0  # the keys
            items = value.values() if isinstance(value, dict) else value
            stack.extend((item, depth + 1) for item in items)


def _refuse(exc: _TooBig, file: str, limits: Limits) -> DrafterError:
    mark = exc.mark
    return DrafterError(f"refused: {exc.message}", file=file,
                        place=f"{mark.line + 1}:{mark.column + 1}" if mark else None,
                        fix=f"no real {limits.kind} comes near this; check it is the file you meant")


def _parse_json(text: str, file: str, limits: Limits) -> Any:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise DrafterError(f"invalid JSON: {exc.msg}", file=file, place=f"{exc.lineno}:{exc.colno}",
                           fix="check the brackets, commas and quotes there") from None
    except RecursionError:
        raise _refuse(_TooBig(f"nested deeper than {limits.max_depth} levels"), file, limits) from None
    except ValueError as exc:  # an integer of thousands of digits
        raise DrafterError(f"invalid JSON: {clip(str(exc).split(';')[0], 100)}", file=file,
                           fix="write numbers with at most a few digits") from None
    try:
        _measure_json(data, limits)
    except _TooBig as exc:
        raise _refuse(exc, file, limits) from None
    return data


def _parse_yaml(text: str, file: str, limits: Limits) -> Any:
    try:
        _measure_yaml(text, limits)
        return yaml.load(text, Loader=_DataLoader)
    except _TooBig as exc:
        raise _refuse(exc, file, limits) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids, such as NUL
        raise DrafterError(f"invalid YAML: character U+{exc.character:04X} is not allowed", file=file,
                           place=_reader_place(text, exc.position), fix="remove it") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{mark.line + 1}:{mark.column + 1}" if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise DrafterError(f"invalid YAML: {clip(problem, 200)}", file=file, place=place,
                           fix="check the indentation and quoting there") from None


def _reader_place(text: str, position: int) -> str:
    """line:column of a reader error. libyaml counts bytes of UTF-8, the Python reader characters."""
    if _BASE is not yaml.SafeLoader:
        before = text.encode("utf-8")[:position].decode("utf-8", errors="ignore")
    else:
        before = text[:position]
    return f"{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def parse_text(text: str, file: str, limits: Limits = DATA_LIMITS) -> LoadedData:
    """Parse YAML (JSON is accepted too, it is read with the JSON parser first)."""
    if len(text) > limits.max_bytes:  # characters: a lower bound of the bytes
        raise _too_large(file, len(text), limits)
    if file.lower().endswith(".json"):
        data = _parse_json(text, file, limits)
    else:
        data = _parse_yaml(text, file, limits)
    return LoadedData(data, text, file)


def _too_large(file: str, size: int | None, limits: Limits) -> DrafterError:
    shown = f"{size / MB:.1f} MB" if size is not None else f"over {_megabytes(limits.max_bytes)}"
    return DrafterError(f"file too large: {shown}, the limit for a {limits.kind} is "
                        f"{_megabytes(limits.max_bytes)}", file=file, fix="check it is the file you meant")


def _megabytes(size: int) -> str:
    return f"{size / MB:g} MB"


def read_capped(path: str | Path, max_bytes: int = DATA_MAX_BYTES, kind: str = DATA_LIMITS.kind) -> bytes:
    """A file's bytes, refused with one line when it is missing or larger than max_bytes. At most
    max_bytes + 1 bytes are read, so a device or a growing file cannot fill the memory."""
    limits = Limits(kind, max_bytes)
    try:
        with open(path, "rb") as handle:
            size = _file_size(handle)
            if size > max_bytes:
                raise _too_large(str(path), size, limits)
            raw = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise DrafterError("file not found", file=str(path), fix="check the path") from None
    except IsADirectoryError:
        raise DrafterError("a folder, not a file", file=str(path), fix="name the file itself") from None
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    if len(raw) > max_bytes:  # a pipe, a device, or a file that grew while being read
        raise _too_large(str(path), None, limits)
    return raw


def _file_size(handle) -> int:
    info = os.fstat(handle.fileno())
    return info.st_size if stat.S_ISREG(info.st_mode) else 0  # pipes and devices: the capped read decides


def load_file(path: str | Path, limits: Limits = DATA_LIMITS) -> LoadedData:
    raw = read_capped(path, limits.max_bytes, limits.kind)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DrafterError(f"not UTF-8 text (byte {exc.start})", file=str(path),
                           fix="save the file as UTF-8") from None
    return parse_text(text, str(path), limits)
