"""Read a draft, run the declared checks, and build the report (keys per vocabulary.md)."""

from __future__ import annotations

from pathlib import Path

from .checks import run_checks
from ..read import read_document
from ..read.source import DEFAULT_MAX_BYTES
from ..rules import Rules


def parent_targets(path: str | Path, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> list:
    """The targets of a parent plan: a parameters file (.yaml/.yml/.json) or a plan in any readable form."""
    from ..read.targets import find_targets, from_params

    if Path(path).suffix.lower() in (".yaml", ".yml", ".json"):
        from ..generate.params import load_params
        return from_params(load_params(path, rules), rules)
    return find_targets(read_document(path, rules, max_bytes), rules)


def validate_file(path: str | Path, rules: Rules, lang: str = "en", max_bytes: int = DEFAULT_MAX_BYTES,
                  parent: list | None = None) -> dict:
    """The report of one file; raises DrafterError when the file cannot be read."""
    doc = read_document(path, rules, max_bytes)
    findings = run_checks(doc, rules, lang, parent)
    summary = {sev: sum(f.severity == sev for f in findings) for sev in ("error", "warning", "info")}
    return {
        "file": str(path),
        "language": doc.language,
        "ok": summary["error"] == 0,
        "sections": doc.outline(),
        "findings": [f.as_dict() for f in findings],
        "summary": {"errors": summary["error"], "warnings": summary["warning"], "info": summary["info"]},
    }


def outline_file(path: str | Path, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    doc = read_document(path, rules, max_bytes)
    return {"file": str(path), "language": doc.language, "title": doc.title, "sections": doc.outline()}


READABLE = (".docx", ".txt", ".md", ".markdown")


def expand_paths(items) -> list[Path]:
    """Files as given; a folder stands for the drafts inside it (recursively, sorted)."""
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READABLE
                          and not f.name.startswith((".", "~$")))
        else:
            out.append(p)
    return out
