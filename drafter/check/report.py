"""Human-readable text for validation reports and outlines."""

from __future__ import annotations

from ..wording_rules import WordingRules

def _wording(wording: WordingRules | None) -> WordingRules:
    if wording is None:
        from ..rules import load_rules  # the built-in rules' words, for callers without rules

        wording = load_rules().wording
    return wording


def heading(number: str, title: str, wording: WordingRules | None = None) -> str:
    """The heading as a report shows it (WordingRules.heading; default: the built-in rules' words)."""
    return _wording(wording).heading(number, title)


def _section_titles(sections: list[dict], out: dict, wording: WordingRules) -> dict:
    """Headings by (id, line), and by id for a finding without a line: several sections share an
    id (unrecognized ones, parts of the key tasks), and each finding is labelled with its own."""
    for s in sections:
        text = heading(s["number"], s["title"], wording)
        out.setdefault((s["id"], s.get("line")), text)
        out.setdefault(s["id"], text)
        _section_titles(s["children"], out, wording)
    return out


def format_report(report: dict, lang: str = "en", wording: WordingRules | None = None) -> str:
    """A validation report as text, in the words of wording.yaml's `report` (default: the built-in
    rules')."""
    wording = _wording(wording)
    w = getattr(wording.report, lang)
    counts = w.count_join.join(w.counts(report["summary"]))
    lines = [w.head.format(file=report["file"], language=report["language"], counts=counts)]
    if not report["findings"]:
        lines.append(f"  {w.clean}")
        return "\n".join(lines)
    titles = _section_titles(report["sections"], {}, wording)
    groups: dict = {}
    for f in report["findings"]:
        groups.setdefault((f["section"], f["line"], f.get("page"), f.get("page_line")), []).append(f)
    for (sid, line, page, page_line), findings in groups.items():
        label = titles.get((sid, line)) or titles.get(sid) or w.document
        where = "" if line is None else w.line.format(line=line) if page is None else \
            w.page_line.format(page=page, page_line=page_line, line=line)
        lines.append(f"  {label}{where}")
        for f in findings:
            lines.append(f"    {w.severity[f['severity']]:<8} {f['rule']:<20} {f['message']}")
    return "\n".join(lines)


def format_outline(outline: dict, wording: WordingRules | None = None) -> str:
    wording = _wording(wording)
    lines = [f"{outline['file']} [{outline['language']}] {outline.get('title', '')}".rstrip()]

    def walk(sections, depth):
        for s in sections:
            at = f"  @{s['line']}" if s["line"] else ""
            lines.append(f"{'  ' * depth}{s['id']:<34} {heading(s['number'], s['title'][:70], wording)}{at}")
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


def format_summary(rows: list[dict], fmt: str, lang: str = "en", wording: WordingRules | None = None) -> str:
    """One row per file: errors, warnings, the missing sections and the targets weaker than the
    parent's, as text (then a foot line in the words of wording.yaml's `report`), CSV or Markdown."""
    header = ["file", "language", "status", "errors", "warnings", "info", "missing", "weaker"]

    def cell(value) -> str:
        return "" if value is None else str(value)

    table = [[r["file"], r["language"], r["status"], cell(r["errors"]), cell(r["warnings"]), cell(r["info"]),
              " ".join(r["missing"]) or (r["message"] if r["status"] == "unreadable" else ""),
              cell(r.get("weaker"))] for r in rows]
    if fmt in ("csv", "md"):
        if fmt == "md":  # a cell of a Markdown table holds no bar and no line break
            table = [[c.replace("|", "\\|").replace("\n", " ") for c in row] for row in table]
        return render_table(header, table, fmt)
    total = len(rows)
    bad = sum(1 for r in rows if r["status"] != "ok")
    unreadable = sum(1 for r in rows if r["status"] == "unreadable")
    foot = getattr(_wording(wording).report, lang).foot.format(total=total, ok=total - bad, bad=bad - unreadable,
                                                                 unreadable=unreadable)
    return render_table(header, table, "text") + foot + "\n"
