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
