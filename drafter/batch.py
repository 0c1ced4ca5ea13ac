"""Draft a plan for every locality of a list (CSV or YAML), in parallel, skipping none for a bad row.

A row holds what differs from the base parameters (`--base`, typically the city's own file):
names, level, dates, target figures. CSV columns:

- name_zh, name_en, level, province_zh, province_en, parent_zh, parent_en, coastal,
  issue_date, document_number, report_to_zh, report_to_en, addressees (separated by |),
  key_industries (separated by |), task_numbering, peak_year, baseline_year;
- a target per column named `<indicator>@<year>`, e.g. `energy_intensity_reduction@2025`, with a
  figure written as `14`, `~35` (about), `>14.5` (more than), `>=70` (at least), `<=8` (at most),
  `30-40` (range), `all`, `superior` (meet the superior's target) or `trend`; a trailing `*`
  marks a stretch target (力争).

A YAML file is a list of partial parameters mappings (or `localities:` holding one).
"""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DrafterError
from .loader import load_file

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
_FIGURE = re.compile(r"^(~|>=|<=|>|≥|≤|约)?\s*(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?\s*(%?)\s*(\*)?$")


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


def parse_figure(text: str, indicator: str, year: int) -> dict:
    """'>14.5' -> {qualifier: more_than, value: 14.5}; raises ValueError with a readable reason."""
    t = text.strip().lower()
    strive = t.endswith("*")
    t = t.rstrip("*").strip()
    base = {"indicator": indicator, "year": year, "strive": strive}
    if t in ("all", "全部"):
        return {**base, "qualifier": "all"}
    if t in ("superior", "上级"):
        return {**base, "superior": True}
    if t in ("trend", "稳步提升"):
        return {**base, "trend": True}
    m = _FIGURE.match(t)
    if not m:
        raise ValueError(f"'{text}' is not a figure (write 14, ~35, >14.5, >=70, <=8, 30-40, all, superior or trend)")
    sign, value, value_max = m.group(1), float(m.group(2)), m.group(3)
    qualifier = {"~": "about", "约": "about", ">": "more_than", ">=": "at_least", "≥": "at_least", "<=": "at_most",
                 "≤": "at_most", None: "exact"}[sign]
    if value_max is not None:
        return {**base, "qualifier": "range", "value": value, "value_max": float(value_max)}
    return {**base, "qualifier": qualifier, "value": value}


def _csv_rows(path: Path, text: str) -> list[Row]:
    dialect = "excel-tab" if path.suffix.lower() == ".tsv" else "excel"
    reader = csv.reader(io.StringIO(text), dialect=dialect)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration:
        raise DrafterError("no header row", file=str(path), place="line 1", fix="start with a header such as "
                           "name_zh,name_en,level,energy_intensity_reduction@2025") from None
    for col, name in enumerate(header, 1):
        if name and name not in _SIMPLE and name not in _LISTS and not _TARGET_COLUMN.match(name):
            raise DrafterError(f"unknown column '{name}' (column {col})", file=str(path), place="line 1",
                               fix="use name_zh, name_en, level, issue_date, ... or <indicator>@<year>")
    rows = []
    for number, cells in enumerate(reader, 1):
        line = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        row = Row(number, line)
        if len(cells) > len(header):
            row.error = f"{len(cells)} cells for {len(header)} columns"
        targets = []
        for name, cell in zip(header, cells):
            cell = cell.strip()
            if not cell or not name:
                continue
            m = _TARGET_COLUMN.match(name)
            try:
                if m:
                    targets.append(parse_figure(cell, m.group(1), int(m.group(2))))
                elif name in _LISTS:
                    row.data[name] = [part.strip() for part in cell.split("|") if part.strip()]
                elif name == "coastal":
                    row.data.setdefault("locality", {})["coastal"] = cell.lower() in ("true", "yes", "1", "是")
                else:
                    _set(row.data, _SIMPLE[name], cell)
            except ValueError as exc:
                row.error = f"{name}: {exc}"
                break
        if targets:
            row.data["targets"] = targets
        rows.append(row)
    return rows


def read_localities(path: str | Path) -> list[Row]:
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix in (".csv", ".tsv"):
        try:
            text = p.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise DrafterError("file not found", file=str(path), fix="check the path") from None
        except UnicodeDecodeError:
            raise DrafterError("not UTF-8 text", file=str(path), fix="save the CSV as UTF-8") from None
        if "\x00" in text:
            raise DrafterError("binary file, not CSV", file=str(path), fix="export the sheet as CSV (UTF-8)")
        return _csv_rows(p, text)
    if suffix in (".yaml", ".yml", ".json"):
        loaded = load_file(p)
        items = loaded.data.get("localities") if isinstance(loaded.data, dict) else loaded.data
        if not isinstance(items, list):
            raise DrafterError("expected a list of localities", file=str(path), place="1",
                               fix="write a YAML list, one mapping per locality (or put it under 'localities:')")
        prefix = ("localities",) if isinstance(loaded.data, dict) else ()
        rows = []
        for i, item in enumerate(items):
            row = Row(i + 1, loaded.line_of(prefix + (i,)))
            if isinstance(item, dict):
                row.data = item
            else:
                row.error = "not a mapping of parameters"
            rows.append(row)
        return rows
    raise DrafterError("LOCALITIES must be a .csv, .tsv, .yaml, .yml or .json file", file=str(path),
                       fix="export the list as CSV or write it as YAML")


def merge(base: dict, row: dict) -> dict:
    """The row over the base: mappings merge deeply, a target replaces the base's for the same
    indicator and year, other lists replace the base's."""
    out = copy.deepcopy(base)
    for key, value in row.items():
        if key == "targets":
            keep = {(t.get("indicator"), t.get("year")) for t in value if isinstance(t, dict)}
            out["targets"] = [t for t in out.get("targets", [])
                              if (t.get("indicator"), t.get("year")) not in keep] + list(value)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


_RANK = {"province": 3, "city": 2, "county": 1, "district": 1}


def row_params(base: dict, row: dict) -> dict:
    """A row over the base. A county drafted from its city's file takes the city as the superior
    whose targets apply, unless the row names another."""
    merged = merge(base, row)
    base_loc, row_loc = base.get("locality") or {}, row.get("locality") or {}
    lower = _RANK.get(row_loc.get("level"), 0) < _RANK.get(base_loc.get("level"), 0)
    if lower and "parent" not in row_loc and base_loc.get("name"):
        merged["locality"]["parent"] = copy.deepcopy(base_loc["name"])
    return merged


def _file_name(data: dict, number: int, lang: str, fmt: str, used: set) -> str:
    name = ((data.get("locality") or {}).get("name") or {})
    if isinstance(name, str):
        text = name
    else:
        text = name.get("en") or name.get("zh") or f"locality-{number}"
    stem = re.sub(r"[^\w\u4e00-\u9fff-]+", "-", text).strip("-") or f"locality-{number}"
    candidate = f"{stem}-{lang}.{fmt}"
    if candidate in used:
        candidate = f"{stem}-{number}-{lang}.{fmt}"
    used.add(candidate)
    return candidate


# -- the work of one row, run in a worker process -------------------------------------------------
_STATE: dict = {}


def _init(rules_dir, targets_file, templates_dir, lang) -> None:
    """Load rules and compile templates once per worker process."""
    from .rules import load_indicator_file, load_rules
    from .templating import templates_for

    rules = load_rules(rules_dir)
    if targets_file:
        rules = rules.with_indicators(load_indicator_file(targets_file))
    _STATE.update(rules=rules, templates_dir=templates_dir)
    templates_for(lang, templates_dir)


def _one(task) -> tuple[int, str, str]:
    number, where, data, target, lang, fmt, force, source = task
    from .api import generate_document, render
    from .output import write_atomic
    from .params import validate_data

    try:
        params = validate_data(data, _STATE["rules"], file=source, place=where)
        doc = generate_document(params, lang, rules=_STATE["rules"], templates_dir=_STATE["templates_dir"])
        write_atomic(target, render(doc, fmt), force=force)
        return number, "written", str(target)
    except DrafterError as exc:
        return number, "failed", exc.render()
    except Exception as exc:  # a worker must report, never die, whatever one row holds
        return number, "failed", f"{source}:{where}: {type(exc).__name__}: {exc}"


@dataclass
class BatchResult:
    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    seconds: float = 0.0


def run_batch(localities, outdir, *, base=None, lang="zh", fmt="docx", jobs=1, force=False, rules_dir=None,
              targets_file=None, templates_dir=None, progress=None) -> BatchResult:
    start = time.perf_counter()
    rows = read_localities(localities)
    base_data = {}
    if base:
        base_data = load_file(base).data
        if not isinstance(base_data, dict):
            raise DrafterError("the base must be a parameters file (a mapping)", file=str(base))
    out = Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".drafter-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DrafterError(f"output folder cannot be written: {exc.strerror}", file=str(out),
                           fix="choose a folder you can write to") from None
    result = BatchResult()
    tasks, used = [], set()
    for row in rows:
        if row.error:
            result.failed.append(f"{localities}:{row.where}: {row.error}")
            continue
        data = row_params(base_data, row.data)
        target = out / _file_name(data, row.number, lang, fmt, used)
        if target.exists() and not force:
            result.skipped.append(str(target))
            continue
        tasks.append((row.number, row.where, data, target, lang, fmt, force, str(localities)))
    done = 0
    total = len(tasks)

    def record(outcome):
        nonlocal done
        _, status, message = outcome
        (result.written if status == "written" else result.failed).append(message)
        done += 1
        if progress:
            progress(done, total)

    init_args = (rules_dir, targets_file, templates_dir, lang)
    if jobs <= 1 or total <= 1:
        _init(*init_args)
        for task in tasks:
            record(_one(task))
    else:
        import multiprocessing as mp

        ctx = mp.get_context("fork") if sys.platform != "win32" else mp.get_context()
        pool = ctx.Pool(processes=jobs, initializer=_init, initargs=init_args)
        try:
            for outcome in pool.imap_unordered(_one, tasks, chunksize=max(1, min(16, total // (jobs * 8) or 1))):
                record(outcome)
            pool.close()
        except BaseException:
            pool.terminate()
            for leftover in out.glob(".*.part"):  # writes cut short by the interruption
                leftover.unlink(missing_ok=True)
            raise
        finally:
            pool.join()
    result.failed.sort(key=_row_key)
    result.seconds = time.perf_counter() - start
    return result


def _row_key(message: str):
    m = re.search(r"row (\d+)", message)
    return int(m.group(1)) if m else 0
