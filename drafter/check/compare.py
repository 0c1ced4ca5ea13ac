"""The targets of several plans side by side: one row per indicator and year, one column per file."""

from __future__ import annotations

from ..quantities import value_text
from .report import render_table


def short_value(t, rules) -> str:
    """A compact cell: ≈35%, >14.5%, ≥70%, −14% vs 2020, superior, ↑, strive marked with *."""
    ind = rules.indicator(t.indicator)
    unit = t.unit or (ind.unit if ind else "")
    if unit == "year" and t.value is not None and not (t.superior or t.trend):
        return str(int(t.value))
    text = value_text(t, rules, "short")
    if t.superior or t.trend or t.relative:
        return text
    if ind is not None and ind.kind == "change":
        text = f"↓{text}" if ind.direction == "fall" else f"↑{text}"
        if t.baseline_year:
            text += f" vs {t.baseline_year}"
    return text + ("*" if t.strive else "")


def comparison_table(rules, columns: list[tuple[str, list]]) -> dict:
    """The comparison as data: `header` (indicator, year, then one column per file) and `rows`,
    indicator and year in catalogue order."""
    order = {iid: i for i, iid in enumerate(rules.indicator_ids)}
    cells: dict = {}
    for n, (_, targets) in enumerate(columns):
        for t in targets:
            cells.setdefault((t.indicator, t.year), {}).setdefault(n, short_value(t, rules))
    keys = sorted(cells, key=lambda k: (order.get(k[0], len(order)), k[0], k[1] or 0))
    header = ["indicator", "year"] + [name for name, _ in columns]
    rows = [[iid, str(year or "")] + [cells[(iid, year)].get(n, "") for n in range(len(columns))] for iid, year in keys]
    return {"header": header, "rows": rows}


def format_comparison(rules, columns: list[tuple[str, list]], fmt: str) -> str:
    """The comparison table as text, Markdown or CSV."""
    table = comparison_table(rules, columns)
    return render_table(table["header"], table["rows"], fmt)
