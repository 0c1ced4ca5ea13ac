"""Read YAML or JSON data files, keeping the line of every field for error messages."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from .errors import DrafterError

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when the wheel has it


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
        if self._lines is None:
            self._lines = {}
            try:
                node = yaml.compose(self._text, Loader=_Loader)
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
            out[path + (key,)] = key_node.start_mark.line + 1
            _line_map(value_node, path + (key,), out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_map(item, path + (i,), out)


def parse_text(text: str, file: str) -> LoadedData:
    """Parse YAML (JSON is accepted too, it is read with the JSON parser first)."""
    if file.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DrafterError(f"invalid JSON: {exc.msg}", file=file,
                               place=f"{exc.lineno}:{exc.colno}",
                               fix="check the brackets, commas and quotes there") from None
    else:
        try:
            data = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            place = f"{mark.line + 1}:{mark.column + 1}" if mark else None
            problem = getattr(exc, "problem", None) or str(exc)
            raise DrafterError(f"invalid YAML: {problem}", file=file, place=place,
                               fix="check the indentation and quoting there") from None
    return LoadedData(data, text, file)


def load_file(path: str | Path) -> LoadedData:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DrafterError("file not found", file=str(path), fix="check the path") from None
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DrafterError(f"not UTF-8 text (byte {exc.start})", file=str(path),
                           fix="save the file as UTF-8") from None
    return parse_text(text, str(path))
