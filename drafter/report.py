"""Human-readable text for validation reports and outlines."""

from __future__ import annotations

_WORDS = {
    "en": {"error": "error", "warning": "warning", "info": "info", "document": "(whole document)",
           "clean": "no findings"},
    "zh": {"error": "错误", "warning": "警告", "info": "提示", "document": "（全文）", "clean": "未发现问题"},
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 or word == 'info' else 's'}"


def _where(line, lang) -> str:
    if line is None:
        return ""
    return f" (line {line})" if lang == "en" else f"（第{line}行）"


def heading(number: str, title: str) -> str:
    """'一、' and '（三）' run into their title; 'I.' and '(3)' take a space."""
    sep = "" if number[-1:] in ("、", "）") else " "
    return f"{number}{sep}{title}".strip()


def _section_titles(sections: list[dict], out: dict) -> dict:
    for s in sections:
        out.setdefault(s["id"], heading(s["number"], s["title"]))
        _section_titles(s["children"], out)
    return out


def format_report(report: dict, lang: str = "en") -> str:
    w = _WORDS[lang]
    s = report["summary"]
    head = (f"{report['file']} [{report['language']}]: {_plural(s['errors'], 'error')}, "
            f"{_plural(s['warnings'], 'warning')}, {_plural(s['info'], 'info')}") if lang == "en" else \
        f"{report['file']} [{report['language']}]：错误{s['errors']}项，警告{s['warnings']}项，提示{s['info']}项"
    lines = [head]
    if not report["findings"]:
        lines.append(f"  {w['clean']}")
        return "\n".join(lines)
    titles = _section_titles(report["sections"], {})
    groups: dict = {}
    for f in report["findings"]:
        groups.setdefault((f["section"], f["line"]), []).append(f)
    for (sid, line), findings in groups.items():
        label = titles.get(sid) or w["document"]
        lines.append(f"  {label}{_where(line, lang)}")
        for f in findings:
            lines.append(f"    {w[f['severity']]:<8} {f['rule']:<20} {f['message']}")
    return "\n".join(lines)


def format_outline(outline: dict) -> str:
    lines = [f"{outline['file']} [{outline['language']}] {outline.get('title', '')}".rstrip()]

    def walk(sections, depth):
        for s in sections:
            at = f"  @{s['line']}" if s["line"] else ""
            lines.append(f"{'  ' * depth}{s['id']:<34} {heading(s['number'], s['title'][:70])}{at}")
            walk(s["children"], depth + 1)

    walk(outline["sections"], 1)
    return "\n".join(lines)


_SHORT = {"about": "≈{v}", "more_than": ">{v}", "at_least": "≥{v}", "at_most": "≤{v}", "exact": "{v}",
          "all": "all ({v})", "range": "{v}–{v2}"}


def short_value(t, rules) -> str:
    """A compact cell: ≈35%, >14.5%, ≥70%, −14% vs 2020, superior, ↑, strive marked with *."""
    from .phrasing import format_quantity

    if t.superior:
        return "superior's target"
    if t.trend:
        return "increase"
    ind = rules.indicator(t.indicator)
    unit = t.unit or (ind.unit if ind else "")
    if unit == "year":
        return str(int(t.value))
    v = format_quantity(t.value, unit, "en", rules)
    v2 = format_quantity(t.value_max, unit, "en", rules) if t.value_max is not None else ""
    text = _SHORT[t.qualifier].format(v=v, v2=v2)
    if ind is not None and ind.kind == "change":
        text = f"↓{text}" if ind.direction == "fall" else f"↑{text}"
        if t.baseline_year:
            text += f" vs {t.baseline_year}"
    return text + ("*" if t.strive else "")


def render_table(header: list[str], rows: list[list[str]], fmt: str) -> str:
    """A table as aligned text, Markdown or CSV."""
    import csv
    import io

    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([header] + rows)
        return out.getvalue()
    if fmt == "md":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows]) + "\n"
    widths = [max(len(str(r[i])) for r in [header] + rows) for i in range(len(header))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header] + rows) + "\n"


def format_comparison(rules, columns: list[tuple[str, list]], fmt: str) -> str:
    """Rows: indicator and year, in catalogue order; columns: one per file."""
    order = {iid: i for i, iid in enumerate(rules.indicator_ids)}
    cells: dict = {}
    for n, (_, targets) in enumerate(columns):
        for t in targets:
            cells.setdefault((t.indicator, t.year), {}).setdefault(n, short_value(t, rules))
    keys = sorted(cells, key=lambda k: (order.get(k[0], len(order)), k[0], k[1]))
    header = ["indicator", "year"] + [name for name, _ in columns]
    rows = [[iid, str(year)] + [cells[(iid, year)].get(n, "") for n in range(len(columns))] for iid, year in keys]
    return render_table(header, rows, fmt)


def format_indicator(rules, iid: str) -> str:
    from .params import PlanParams, Target
    from .phrasing import Phraser

    ind = rules.indicator(iid)
    lines = [f"{ind.id}", f"  names      zh: {ind.name.zh}", f"             en: {ind.name.en}",
             f"             fr: {ind.name.fr}",
             f"  unit {ind.unit}   kind {ind.kind}   direction {ind.direction}"
             + (f"   default baseline {ind.default_baseline}" if ind.default_baseline else ""),
             f"  placed in  {ind.section}" + (f" / task {ind.task}" if ind.task else "")]
    if ind.range:
        lines.append(f"  plausible  {ind.range[0]:g} to {ind.range[1]:g}")
    for lang in ("zh", "en", "fr"):
        pats = getattr(ind.patterns, lang)
        if pats:
            lines.append(f"  patterns {lang}: " + "; ".join(pats))
    demo = PlanParams.model_validate({"locality": {"name": {"zh": "某市", "en": "Example City"}, "level": "city",
                                                   "province": {"zh": "某省", "en": "Example Province"}}})
    lines.append("  phrasing:")
    sample = {"%": 20.0, "year": 2030.0}.get(ind.unit, 500000.0)
    forms = [("exact", {}), ("about", {"qualifier": "about"}), ("more_than", {"qualifier": "more_than"}),
             ("at_least", {"qualifier": "at_least"}), ("at_most", {"qualifier": "at_most"}),
             ("all", {"qualifier": "all"}), ("range", {"qualifier": "range", "value_max": sample * 1.2}),
             ("strive", {"strive": True}), ("superior", {"superior": True}), ("trend", {"trend": True})]
    if ind.kind == "year":
        forms = forms[:1]
    for lang in ("zh", "en"):
        phraser = Phraser(rules, demo, lang)
        for label, extra in forms:
            data = {"indicator": iid, "year": 2025, **extra}
            if not (extra.get("superior") or extra.get("trend")):
                data.setdefault("value", sample if extra.get("qualifier") != "all" else 100.0)
            lines.append(f"    {lang} {label:<9} {phraser.sentence(2025, [phraser.clause(Target.model_validate(data))])}")
    if ind.seen:
        lines.append("  seen in the seed plans:")
        for s in ind.seen:
            value = f"{int(s.value):,}" if float(s.value).is_integer() else f"{s.value}"
            lines.append(f"    {s.plan}: {s.year or ''} {value} {ind.unit} ({s.qualifier})")
    return "\n".join(lines)


_MISSING_RULES = ("required-section", "required-action")


def summary_row(report: dict) -> dict:
    s = report["summary"]
    missing = [f["section"] for f in report["findings"] if f["rule"] in _MISSING_RULES]
    return {"file": report["file"], "language": report["language"], "status": "ok" if report["ok"] else "errors",
            "errors": s["errors"], "warnings": s["warnings"], "info": s["info"], "missing": missing, "message": ""}


def format_summary(rows: list[dict], fmt: str, lang: str = "en") -> str:
    """One row per file: errors, warnings and the missing sections."""
    header = ["file", "language", "status", "errors", "warnings", "info", "missing"]
    table = [[r["file"], r["language"], r["status"], "" if r["errors"] is None else str(r["errors"]),
              "" if r["warnings"] is None else str(r["warnings"]), "" if r["info"] is None else str(r["info"]),
              " ".join(r["missing"]) or (r["message"] if r["status"] == "unreadable" else "")] for r in rows]
    if fmt == "csv":
        return render_table(header, table, "csv")
    total = len(rows)
    bad = sum(1 for r in rows if r["status"] != "ok")
    unreadable = sum(1 for r in rows if r["status"] == "unreadable")
    foot = (f"{total} files: {total - bad} without errors, {bad - unreadable} with errors, {unreadable} unreadable"
            if lang == "en" else f"共{total}个文件：无错误{total - bad}个，有错误{bad - unreadable}个，无法读取{unreadable}个")
    return render_table(header, table, "text") + foot + "\n"
