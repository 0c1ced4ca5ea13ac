"""A line of a source file: what every reader produces and the outline reader consumes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Line:
    text: str
    no: int  # line number (text) or paragraph number (docx), 1-based
    hint: int | None = None  # heading level the file itself declares (docx style/outline, md #)
    page: int | None = None  # paged sources (PDF, text with form feeds): the page, 1-based ...
    page_line: int | None = None  # ... and the line on that page, 1-based


BODY_ROW = 0  # the hint of a table row: body text, never a heading nor part of a wrapped line


BYTES_PER_LINE = 128  # a file may hold one non-empty line per 128 bytes of --max-size ...
MIN_LINES = 100_000  # ... and always this many: reading time follows the number of lines


def line_limit(max_bytes: int) -> int:
    """The most non-empty lines (text) or paragraphs (.docx) read from one file."""
    return max(MIN_LINES, max_bytes // BYTES_PER_LINE)
