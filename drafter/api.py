"""The library API the CLI is a thin layer over (tests call it directly)."""

from __future__ import annotations

from pathlib import Path

from .generate.compose import compose
from .model import Document
from .generate.params import PlanParams, load_params
from .rules import Rules, load_rules


def generate_document(params: PlanParams | str | Path, lang: str = "zh", *, rules: Rules | None = None,
                      templates_dir: str | Path | None = None) -> Document:
    rules = rules or load_rules()
    if not isinstance(params, PlanParams):
        params = load_params(params, rules)
    return compose(params, rules, lang, templates_dir)


def render(doc: Document, fmt: str) -> bytes:
    if fmt == "docx":
        from .writers.docx_writer import to_docx  # python-docx is only imported when needed
        return to_docx(doc)
    if fmt == "md":
        from .writers.md_writer import to_markdown
        return to_markdown(doc).encode("utf-8")
    raise ValueError(f"unknown format {fmt}")
