"""Validation reports as one self-contained HTML page: the outline as a tree with each finding at
its section, colour by severity, the targets table and the summary. Inline CSS only, no script,
font or image from the network, so the page opens anywhere; rendered with Jinja2's autoescape from
writers/html/report.html.j2 (a web page serves the same function's output)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..wording_rules import WordingRules

_LANG = {"zh": "zh-Hans", "en": "en"}


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(loader=FileSystemLoader(Path(__file__).parent / "html"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return env.get_template("report.html.j2")


def html_report(reports: list[dict], rows: list[dict], wording: WordingRules, lang: str) -> str:
    """The page for `reports` (validate's report dicts, each with a `targets` list of dicts:
    indicator, year, value, section, quote; a finding may carry `at`, the line of the heading a
    missing section should follow) and the summary `rows` of several files (may be
    empty), in the words of wording.yaml's `report` and `review`, in `lang`."""
    words = getattr(wording.report, lang)
    review_words = wording.words_in("review", lang)
    pages = [_page(report, words, wording) for report in reports]
    names = [r["file"] for r in rows] or [r["file"] for r in reports]
    title = review_words.html.title.format(file=", ".join(names[:3]) + (" ..." if len(names) > 3 else ""))
    return _template().render(lang=_LANG.get(lang, lang), title=title, reports=pages, rows=rows, words=words,
                              html=review_words.html, severities=("error", "warning", "info"))


def _page(report: dict, words, wording: WordingRules) -> dict:
    """The report with its findings hung on the outline: at the section (and line) they name, a
    missing one under the heading at its `at` line (the one it should follow), else on the document."""
    nodes: dict = {}

    def node(section: dict) -> dict:
        item = {"heading": wording.heading(section["number"], section["title"]), "id": section["id"],
                "line": section["line"], "findings": [], "children": [node(child) for child in section["children"]]}
        nodes.setdefault((section["id"], section["line"]), item)
        nodes.setdefault((section["id"], None), item)
        nodes.setdefault(("line", section["line"]), item)
        return item

    tree = [node(s) for s in report["sections"]]
    document = []
    for f in report["findings"]:
        target = nodes.get((f["section"], f["line"])) or nodes.get((f["section"], None))
        if target is None and f.get("at") is not None:  # missing: under the heading it should follow
            target = nodes.get(("line", f["at"]))
        (target["findings"] if target else document).append(f)
    return {"file": report["file"], "language": report["language"], "ok": report["ok"], "tree": tree,
            "document": document, "counts": words.counts(report["summary"]), "summary": report["summary"],
            "targets": report.get("targets", [])}
