"""Readers: .docx, .pdf, .doc, .wps, .txt and .md files -> the same document model the generator writes."""

from __future__ import annotations

from pathlib import Path

from ..model import Document
from ..rules import Rules
from .outline import read_outline
from .pages import page_starts
from .source import DEFAULT_MAX_BYTES, read_lines


def read_document(path: str | Path, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    return read_with_lines(path, rules, max_bytes)[0]


def read_with_lines(path: str | Path, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document, list]:
    """The document and the lines it was read from (a review places its comments by them)."""
    lines = read_lines(path, max_bytes, rules.numbering)
    doc = read_outline(lines, rules)
    doc.page_starts = page_starts(lines)
    return doc, lines
