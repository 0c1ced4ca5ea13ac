"""A read document checked against the rules: the report of one file, and the review of several
(keys per vocabulary.md). Reading a file is the readers' part; this module starts at the model."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Document
from ..read import read_document
from ..read.source import DEFAULT_MAX_BYTES
from ..rules import Rules
from .checks import Context, Finding, run_checks

SEVERITIES = ("error", "warning", "info")


@dataclass
class Report:
    """One file's findings, with the outline they refer to."""

    file: str
    document: Document
    findings: list[Finding]
    targets: list = field(default_factory=list)  # the targets the document states, as checked

    @property
    def summary(self) -> dict[str, int]:
        counts = {sev: 0 for sev in SEVERITIES}
        for f in self.findings:
            counts[f.severity] += 1
        return {"errors": counts["error"], "warnings": counts["warning"], "info": counts["info"]}

    @property
    def ok(self) -> bool:
        return not any(f.severity == "error" for f in self.findings)

    def as_dict(self) -> dict:
        return {"file": self.file, "language": self.document.language, "ok": self.ok,
                "sections": self.document.outline(), "findings": [f.as_dict() for f in self.findings],
                "summary": self.summary}


# Found by their kind, not their ids, which a rules folder may rename; a missing section or action
# is one a rule of these kinds requires (an error or warning), not one most plans have (info).
_MISSING_KINDS = ("required_section", "required_actions")
_PARENT_KIND = "parent_targets"  # the targets weaker than the parent's


@dataclass
class Review:
    """Several files: a report for each file that could be read, a message for each that could not,
    in the order the files were given."""

    reports: list[Report] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)  # (file, one-line message)
    order: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unreadable and all(r.ok for r in self.reports)

    def rows(self) -> list[dict]:
        """One row per file: status, counts and the missing sections."""
        by_file = {r.file: r for r in self.reports}
        messages = dict(self.unreadable)
        rows = []
        for name in self.order:
            if name in messages:
                rows.append({"file": name, "language": "", "status": "unreadable", "errors": None,
                             "warnings": None, "info": None, "missing": [], "weaker": None,
                             "message": messages[name]})
                continue
            report = by_file[name]
            missing = [f.section for f in report.findings if f.kind in _MISSING_KINDS and f.severity != "info"]
            rows.append({"file": name, "language": report.document.language,
                         "status": "ok" if report.ok else "errors", **report.summary, "missing": missing,
                         "weaker": sum(1 for f in report.findings if f.kind == _PARENT_KIND), "message": ""})
        return rows

    def as_dict(self) -> dict:
        return {"summary": self.rows(), "reports": [r.as_dict() for r in self.reports]}


def check_document(doc: Document, rules: Rules, lang: str = "en", parent: list | None = None,
                   file: str = "") -> Report:
    context = Context(doc, rules, lang, parent)
    findings = run_checks(doc, rules, lang, parent, context)
    if doc.page_starts:
        for f in findings:
            f.page, f.page_line = doc.page_of(f.line)
    return Report(file, doc, findings, context.targets)


def validate_file(path: str | Path, rules: Rules, lang: str = "en", max_bytes: int = DEFAULT_MAX_BYTES,
                  parent: list | None = None) -> dict:
    """The report of one file as JSON data; raises DrafterError when the file cannot be read."""
    return check_document(read_document(path, rules, max_bytes), rules, lang, parent, str(path)).as_dict()
