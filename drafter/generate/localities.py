"""The list of localities a batch drafts: rows read one at a time (CSV or YAML), merged over the
base parameters, and a distinct file name for every row.

A row holds what differs from the base parameters (`--base`, typically the city's own file):
names, level, dates, target figures. CSV columns:

- name_zh, name_en, level, province_zh, province_en, parent_zh, parent_en, coastal,
  issue_date, document_number, report_to_zh, report_to_en, addressees (separated by |),
  key_industries (separated by |), task_numbering, peak_year, baseline_year;
- a target per column named `<indicator>@<year>`, e.g. `energy_intensity_reduction@2025`, with a
  figure written as `14`, `~35` (about), `>14.5` (more than), `>=70` (at least), `<=8` (at most),
  `30-40` (range), `all`, `superior` (meet the superior's target) or `trend`; a trailing `*`
  marks a stretch target. rules/wording.yaml (`batch`) lists these signs and words, and their
  Chinese equivalents.

A YAML file is a list of partial parameters mappings (or `localities:` holding one).
"""

from __future__ import annotations

import copy
import csv
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from ..errors import DrafterError
from ..loader import DATA_SUFFIXES, load_file
from ..wording_rules import BatchWords

_SIMPLE = {
    "name_zh": ("locality", "name", "zh"), "name_en": ("locality", "name", "en"), "level": ("locality", "level"),
    "province_zh": ("locality", "province", "zh"), "province_en": ("locality", "province", "en"),
    "parent_zh": ("locality", "parent", "zh"), "parent_en": ("locality", "parent", "en"),
    "coastal": ("locality", "coastal"), "issue_date": ("issue_date",), "document_number": ("document_number",),
    "report_to_zh": ("report_to", "zh"), "report_to_en": ("report_to", "en"), "task_numbering": ("task_numbering",),
    "peak_year": ("peak_year",), "baseline_year": ("baseline_year",),
}
_LISTS = {"addressees", "key_industries"}
_TARGET_COLUMN = re.compile(r"^([a-z0-9_]+)@(\d{4})$")
_LANGS = {"zh", "en", "fr"}
MAX_LINE = 1_000_000  # characters in one CSV line: a longer one is a broken row, not data to hold


@dataclass
class Row:
    number: int  # 1-based position among the localities
    line: int | None  # line in the LOCALITIES file
    data: dict = field(default_factory=dict)
    error: str | None = None

    @property
    def where(self) -> str:
        return f"row {self.number}" + (f" (line {self.line})" if self.line else "")


def _set(data: dict, path: tuple, value) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _builtin_words() -> BatchWords:
    from ..rules import load_rules

    return load_rules().wording.batch


@lru_cache(maxsize=8)
def _figure_pattern(signs: tuple[str, ...]) -> re.Pattern:
    """A figure: an optional sign (the longest first, so >= is not read as >), a number or a range,
    an optional %, and * for a stretch target."""
    alternation = "|".join(re.escape(sign) for sign in sorted(signs, key=len, reverse=True))
    return re.compile(rf"^({alternation})?\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*(%?)\s*(\*)?$")


def parse_figure(text: str, indicator: str, year: int, words: BatchWords | None = None) -> dict:
    """'>14.5' -> {qualifier: more_than, value: 14.5}; raises ValueError with a readable reason.
    The signs and words are rules/wording.yaml's `batch` (default: the built-in rules')."""
    words = words or _builtin_words()
    t = text.strip().lower()
    strive = t.endswith("*")
    t = t.rstrip("*").strip()
    base = {"indicator": indicator, "year": year, "strive": strive}
    if t in words.all:
        return {**base, "qualifier": "all"}
    if t in words.superior:
        return {**base, "superior": True}
    if t in words.trend:
        return {**base, "trend": True}
    m = _figure_pattern(tuple(words.signs)).match(t)
    if not m:
        raise ValueError(f"'{text}' is not a figure (write 14, ~35, >14.5, >=70, <=8, 30-40, all, superior or trend)")
    sign, value, value_max = m.group(1), float(m.group(2)), m.group(3)
    qualifier = words.signs[sign] if sign else "exact"
    if value_max is not None:
        return {**base, "qualifier": "range", "value": value, "value_max": float(value_max)}
    return {**base, "qualifier": qualifier, "value": value}


class _LineTooLong(Exception):
    pass


class _Lines:
    """The file's lines for the csv reader, each read with a bound and decoded on its own, so that
    an error names its line."""

    def __init__(self, raw) -> None:
        self.raw, self.line = raw, 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        data = self.raw.readline(MAX_LINE)
        if not data:
            raise StopIteration
        self.line += 1
        if len(data) >= MAX_LINE and not data.endswith(b"\n"):
            while (rest := self.raw.readline(MAX_LINE)) and not rest.endswith(b"\n"):
                pass  # skip the rest of the line without holding it
            raise _LineTooLong
        return data.decode("utf-8-sig" if self.line == 1 else "utf-8")


def _check_header(header: list[str], path: Path) -> None:
    for col, name in enumerate(header, 1):
        if name and name not in _SIMPLE and name not in _LISTS and not _TARGET_COLUMN.match(name):
            raise DrafterError(f"unknown column '{name}' (column {col})", file=str(path), place="line 1",
                               fix="use name_zh, name_en, level, issue_date, ... or <indicator>@<year>")


def _csv_row(number: int, line: int, header: list[str], cells: list[str], words: BatchWords | None = None) -> Row:
    words = words or _builtin_words()
    row = Row(number, line)
    if len(cells) > len(header):
        row.error = f"{len(cells)} cells for {len(header)} columns"
    targets = []
    for name, cell in zip(header, cells):
        if not name:
            continue
        cell = cell.strip()
        if not cell:
            continue
        m = _TARGET_COLUMN.match(name)
        try:
            if m:
                targets.append(parse_figure(cell, m.group(1), int(m.group(2)), words))
            elif name in _LISTS:
                row.data[name] = [part.strip() for part in cell.split("|") if part.strip()]
            elif name == "coastal":
                row.data.setdefault("locality", {})["coastal"] = cell.lower() in words.coastal_true
            else:
                _set(row.data, _SIMPLE[name], cell)
        except ValueError as exc:
            row.error = f"{name}: {exc}"
            break
    if targets:
        row.data["targets"] = targets
    return row


def _csv_rows(path: Path, names_only: bool, words: BatchWords | None = None) -> Iterator[Row]:
    words = words or _builtin_words()
    """Rows one at a time: a list of any length is never held whole."""
    with path.open("rb") as raw:
        if b"\x00" in raw.read(65536):
            raise DrafterError("binary file, not CSV", file=str(path), fix="export the sheet as CSV (UTF-8)")
        raw.seek(0)
        lines = _Lines(raw)
        reader = csv.reader(lines, dialect="excel-tab" if path.suffix.lower() == ".tsv" else "excel")
        try:
            header = [h.strip() for h in next(reader)]
        except StopIteration:
            raise DrafterError("no header row", file=str(path), place="line 1", fix="start with a header such as "
                               "name_zh,name_en,level,energy_intensity_reduction@2025") from None
        except UnicodeDecodeError:
            raise DrafterError("not UTF-8 text", file=str(path), place="line 1", fix="save the CSV as UTF-8") from None
        except (csv.Error, _LineTooLong):
            raise DrafterError("the header row is not CSV", file=str(path), place="line 1",
                               fix="save the sheet as CSV (UTF-8)") from None
        _check_header(header, path)
        if names_only:  # the naming pass reads every row: it skips the figures, the drafting reads them
            header = [h if h in ("name_zh", "name_en") else "" for h in header]
        number = 0
        while True:
            start = lines.line + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise DrafterError("not UTF-8 text", file=str(path), place=f"line {lines.line}",
                                   fix="save the CSV as UTF-8") from None
            except _LineTooLong:
                number += 1
                yield Row(number, start, error=f"a line longer than {MAX_LINE:,} bytes (check the quotes in this row)")
                continue
            except csv.Error as exc:  # e.g. a cell over the csv module's limit of 131,072 characters
                number += 1
                yield Row(number, start, error=f"not CSV: {exc} (check the quotes in this row)")
                continue
            number += 1
            if any(c.strip() for c in cells):
                yield _csv_row(number, start, header, cells, words)


def _yaml_rows(path: Path) -> Iterator[Row]:
    loaded = load_file(path)
    items = loaded.data.get("localities") if isinstance(loaded.data, dict) else loaded.data
    if not isinstance(items, list):
        raise DrafterError("expected a list of localities", file=str(path), place="1",
                           fix="write a YAML list, one mapping per locality (or put it under 'localities:')")
    prefix = ("localities",) if isinstance(loaded.data, dict) else ()
    for i, item in enumerate(items):
        row = Row(i + 1, loaded.line_of(prefix + (i,)))
        if isinstance(item, dict):
            row.data = item
        else:
            row.error = "not a mapping of parameters"
        yield row


def iter_localities(path: str | Path, names_only: bool = False, words: BatchWords | None = None) -> Iterator[Row]:
    """The rows of LOCALITIES in order. A row that cannot be used carries its error, and the
    others still come; a list that cannot be used at all raises DrafterError. With names_only,
    a CSV row holds its names alone."""
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in (".csv", ".tsv", *DATA_SUFFIXES):
        raise DrafterError("LOCALITIES must be a .csv, .tsv, .yaml, .yml or .json file", file=str(path),
                           fix="export the list as CSV or write it as YAML")
    if suffix in DATA_SUFFIXES:
        return _yaml_rows(p)
    if not p.is_file():
        raise DrafterError("file not found" if not p.exists() else "not a file", file=str(path), fix="check the path")
    return _csv_rows(p, names_only, words)


def read_localities(path: str | Path, words: BatchWords | None = None) -> list[Row]:
    return list(iter_localities(path, words=words))


def _is_text(value) -> bool:
    """A name in several languages ({zh, en}) is one unit: a row that gives one language means
    only that one, never the base's other."""
    return isinstance(value, dict) and bool(value) and set(value) <= _LANGS


def merge(base: dict, row: dict) -> dict:
    """The row over the base: mappings merge deeply, a target replaces the base's for the same
    indicator and year, names and other lists replace the base's."""
    out = copy.deepcopy(base)
    for key, value in row.items():
        if key == "targets":
            keep = {(t.get("indicator"), t.get("year")) for t in value if isinstance(t, dict)}
            out["targets"] = [t for t in out.get("targets", [])
                              if (t.get("indicator"), t.get("year")) not in keep] + list(value)
        elif isinstance(value, dict) and isinstance(out.get(key), dict) and not _is_text(value):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


_RANK = {"province": 3, "city": 2, "county": 1, "district": 1}
# What belongs to the base's locality alone: its districts, named projects and features are not
# another locality's, whatever else it takes from the base.
_OWN_FACTS = ("districts", "projects", "features")


def row_params(base: dict, row: dict) -> dict:
    """A row over the base. A county drafted from its city's file takes the city as the superior
    whose targets apply, unless the row names another; a row naming another locality than the
    base's has no districts, projects or features but those it gives."""
    merged = merge(base, row)
    base_loc, row_loc = _locality(base), _locality(row)
    if row_loc.get("name") and row_loc.get("name") != base_loc.get("name"):
        for key in _OWN_FACTS:
            if key not in row:
                merged.pop(key, None)
    lower = _rank(row_loc) < _rank(base_loc)
    if lower and "parent" not in row_loc and base_loc.get("name") and isinstance(merged.get("locality"), dict):
        merged["locality"]["parent"] = copy.deepcopy(base_loc["name"])
    return merged


def _locality(data: dict) -> dict:
    """The `locality` mapping of parameters not yet validated (anything else: none)."""
    loc = data.get("locality")
    return loc if isinstance(loc, dict) else {}


def _rank(locality: dict) -> int:
    """The level's rank; 0 for a level that is not one (validation says what is wrong with it)."""
    level = locality.get("level")
    return _RANK.get(level, 0) if isinstance(level, str) else 0


def own_stem(row: Row) -> str | None:
    """The file name stem from the name the row itself gives (English, else Chinese), never from
    the base's; None when the row names no locality."""
    name = (row.data.get("locality") or {}).get("name") if isinstance(row.data.get("locality"), dict) else None
    if isinstance(name, dict):
        name = next((name[k] for k in ("en", "zh") if isinstance(name.get(k), str) and name[k].strip()), None)
    if not isinstance(name, str) or not name.strip():
        return None
    return re.sub(r"[^\w\u4e00-\u9fff-]+", "-", name).strip("-.") or f"locality-{row.number}"


def _key(stem: str) -> str:
    # Names that one file system would take for the same file: case and Unicode form ignored.
    return unicodedata.normalize("NFC", stem).casefold()


class Names:
    """A distinct file stem for every row, decided over all rows before any file is written: the
    first row with a name keeps it, a later row with the same name gets its row number added, and
    no added number can take a name another row gives."""

    def __init__(self, rows) -> None:
        taken, repeats, self.rows = set(), [], 0
        for row in rows:
            self.rows += 1
            stem = own_stem(row) if not row.error else None
            if stem is None:
                continue
            if _key(stem) in taken:
                repeats.append((row.number, stem))
            else:
                taken.add(_key(stem))
        self.renamed: dict[int, str] = {}
        for number, stem in repeats:
            candidate, n = f"{stem}-{number}", 2
            while _key(candidate) in taken:
                candidate, n = f"{stem}-{number}-{n}", n + 1
            taken.add(_key(candidate))
            self.renamed[number] = candidate

    def stem(self, row: Row) -> str | None:
        return self.renamed.get(row.number) or own_stem(row)
