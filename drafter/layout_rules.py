"""The shape of rules/layout.yaml: the .docx page layout (GB/T 9704 for Chinese), typed like the other
rule files (rule_schema.py), so a misspelt key is reported with its file, key and line."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .rule_schema import Form, _Strict

PRINTED_FORM = Form(date="x")

class Grid(_Strict):
    """w:docGrid: Word's page set-up shows line_pitch lines and, with a character grid, `chars` a line."""

    type: Literal["lines", "linesAndChars", "snapToChars"]
    line_pitch: int = Field(gt=0, le=2000)  # twentieths of a point
    chars: int | None = Field(None, gt=0, le=100)  # characters a line; the pitch is derived from the width
    snap: bool = True  # whether the text snaps to the grid (w:snapToGrid of the body style)


class Signature(_Strict):
    """Where the issuer and the date go under the notice (GB/T 9704 7.3.5.2, no seal)."""

    blank_lines: int = Field(ge=0, le=5)  # between the body and the issuer
    right_chars: float = Field(ge=0, le=20)  # the issuer (or a longer date) this far in from the right
    date_shift_chars: float = Field(ge=0, le=20)  # the date's first character this far right of the issuer's


class Letterhead(_Strict):
    """The letterhead (GB/T 9704 7.2): the issuer's mark and the separator, in red, above the document number."""

    mark_font: str
    mark_size: float = Field(gt=0, le=200)  # the largest; a name too long for one line gets smaller
    mark_suffix: str
    colour: str = Field(pattern=r"^[0-9A-Fa-f]{6}$")
    mark_top_mm: float = Field(ge=0, le=200)  # the mark's top edge below the top of the text block
    number_gap_lines: int = Field(ge=0, le=10)  # blank lines between the mark and the document number
    mark_line: float = Field(1.15, ge=1, le=3)  # the mark's line height, in its size
    rule_gap_pt: int = Field(ge=0, le=31)  # the separator below the document number (w:pBdr space)
    rule_width: int = Field(ge=2, le=96)  # eighths of a point
    title_gap_lines: int = Field(ge=0, le=10)  # blank lines between the separator and the title


class Colophon(_Strict):
    """The colophon (GB/T 9704 7.4) at the foot of the last even page: copies and the printing line."""

    font: str
    size: float = Field(gt=0, le=100)
    indent_chars: float = Field(ge=0, le=10)  # one character in on each side
    outer_rule: int = Field(ge=2, le=96)  # first and last rules, eighths of a point
    inner_rule: int = Field(ge=2, le=96)  # rules between the items
    copy_label: str
    copy_join: str
    copy_last: str | None = None  # between the last two copies; default copy_join
    copy_end: str
    printed: PRINTED_FORM  # the printing date, with the word after it


class LanguageLayout(_Strict):
    margins_mm: tuple[float, float, float, float]  # top, bottom, left, right
    body_font: str
    latin_font: str
    body_size: float = Field(gt=0, le=100)
    line_pt: float | None = Field(None, gt=0, le=200)  # exact line height; None = single spacing
    char_spacing: int = 0  # twentieths of a point
    first_indent_chars: float = Field(ge=0, le=10)
    title_font: str
    title_size: float = Field(gt=0, le=200)
    heading_fonts: tuple[str, str, str]  # level 1, 2, 3
    heading_bold: tuple[bool, bool, bool]
    page_font: str
    page_size: float = Field(gt=0, le=100)
    page_dashes: bool
    lang: tuple[str, str]  # w:val, w:eastAsia
    footer_mm: float
    task_stop: str  # after a run-in task title
    page_latin_font: str | None = None  # the page number's digits; default latin_font
    page_mm: tuple[float, float] = (210, 297)  # width, height
    title_line_pt: float | None = Field(None, gt=0, le=200)  # exact line height of the title; None = single
    space_after_pt: float = Field(0, ge=0, le=100)  # after a paragraph, with lines of no exact height
    line_multiple: float = Field(1.0, gt=0, le=5)  # line spacing, with lines of no exact height
    heading_space_before_pt: float = Field(0, ge=0, le=100)  # before a level 1 or 2 heading (not Chinese)
    widow_control: bool = True  # off keeps every full page at the grid's lines
    grid: Grid | None = None
    signature: Signature = Signature(blank_lines=1, right_chars=2, date_shift_chars=2)
    letterhead: Letterhead | None = None  # needed for the parameter letterhead
    colophon: Colophon | None = None  # the copies and printing line; none without it
    prompt_highlight: str | None = None  # highlight colour of prompts for local facts (w:highlight)


class LayoutRules(_Strict):
    """rules/layout.yaml."""

    zh: LanguageLayout
    en: LanguageLayout
    title_breaks: list[str]
    title_chars: int = Field(ge=5, le=200)

    def for_language(self, language: str) -> LanguageLayout:
        return self.zh if language.startswith("zh") else self.en


def builtin_layout() -> LayoutRules:
    """The layout of the built-in rules (the writers take a layout and need not read rules)."""
    from .rules import load_rules

    return load_rules().layout
