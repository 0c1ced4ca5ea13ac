"""Lines of paged text (a PDF's pages, a text file's form-feed pages) without what the pages add.

Page numbers ("- 2 -", an em-dash pair, a bare number) and running heads (a line repeated at the
top or bottom of many pages) are dropped; a heading number left alone on its line, or a number
split over two lines, is joined with the line after it; the spaces PDF extraction puts between
Chinese and Latin letters or digits are removed. Each line keeps its number in the whole text
(the lines of all pages counted in order) and its page and line on that page. Wrapped sentences
are joined later, by the outline reader, for every source.
"""

from __future__ import annotations

import re
from collections import Counter

from .lines import Line

# CJK characters and punctuation, full-width forms: the ranges the "Chinese text" count uses.
_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_SPACE_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}0-9A-Za-z%(])")
_SPACE_BEFORE_CJK = re.compile(rf"(?<=[0-9A-Za-z%)])[ \t\u00a0]+(?=[{_CJK}])")
# A page number: digits alone, or between dashes, hyphens or the word Page, or "n / total".
_PAGE_NUMBER = re.compile(r"^[\s\-\u2012-\u2015\uff0d_]*(?:page\s*)?(\d{1,4})(?:\s*/\s*\d{1,4})?"
                          r"[\s\-\u2012-\u2015\uff0d_]*$", re.IGNORECASE)
# Chinese numerals (zero, one to nine, ten, hundred, the circle zero) as in heading numbers.
_NUMERALS = "\u96f6\u3007\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341\u767e"
_OPEN = "(\uff08"
_CLOSE = ")\uff09"
_MARKS = "\u3001.\uff0e"  # the enumeration comma, full stop, full-width full stop
# A heading number and nothing else: a numeral with its mark, a bracketed numeral, "1." and the like.
_LONE_NUMBER = re.compile(rf"^(?:[{_NUMERALS}]+[{_MARKS}]|[{_OPEN}][{_NUMERALS}0-9]+[{_CLOSE}]|\d{{1,3}}[{_MARKS}])$")
# The first part of a number split over two lines, and the start of the line that completes it.
_NUMBER_HEAD = re.compile(rf"^[{_OPEN}]?[{_NUMERALS}]{{1,3}}$")
_NUMBER_TAIL = re.compile(rf"^[{_NUMERALS}]{{0,2}}[{_MARKS}{_CLOSE}]")
_EDGE = 2  # page numbers and running heads are looked for among a page's first and last 2 lines
_DIGITS = re.compile(r"\d+")
_HEAD_LENGTH = 60  # a running head is a short line


def paged_lines(pages: list[list[str]], limit: int) -> list[Line] | None:
    """The non-empty lines of `pages` (each a list of raw lines), numbered across the whole text
    and on their page, or None past `limit` lines."""
    furniture = _furniture(pages)
    lines: list[Line] = []
    no = 0
    for page_no, page in enumerate(pages, 1):
        for page_line, raw in enumerate(page, 1):
            no += 1
            text = tidy(raw)
            if not text or (page_no, page_line) in furniture:
                continue
            if len(lines) == limit:
                return None
            lines.append(Line(text, no, page=page_no, page_line=page_line))
    return join_split_numbers(lines)


def tidy(raw: str) -> str:
    """A line without its outer blanks and without the spaces between Chinese and other text."""
    text = raw.strip(" \t\r\n\f\v\u00a0\u3000\ufeff\ufffe\x02")
    if not text:
        return text
    return _SPACE_BEFORE_CJK.sub("", _SPACE_AFTER_CJK.sub("", text))


def _edges(page: list[str]) -> list[tuple[int, str]]:
    """The first and last non-empty lines of a page, as (line on the page, text)."""
    filled = [(i, tidy(raw)) for i, raw in enumerate(page, 1)]
    filled = [(i, t) for i, t in filled if t]
    if len(filled) <= 2 * _EDGE:
        return filled
    return filled[:_EDGE] + filled[-_EDGE:]


def _furniture(pages: list[list[str]]) -> set[tuple[int, int]]:
    """(page, line) of each page number and running head."""
    found: set[tuple[int, int]] = set()
    shapes: Counter = Counter()
    edges = [_edges(page) for page in pages]
    for page_no, page_edges in enumerate(edges, 1):
        for line_no, text in page_edges:
            m = _PAGE_NUMBER.match(text)
            if m and int(m.group(1)) <= len(pages) + 50:  # a year such as 2030 alone is text
                found.add((page_no, line_no))
            elif len(text) <= _HEAD_LENGTH:
                shapes[_shape(text)] += 1
    # A running head repeats on at least 3 pages and on at least 2 of every 5 (page numbers in it
    # may differ); each page's copy is dropped.
    repeated = {s for s, n in shapes.items() if n >= 3 and n * 5 >= len(pages) * 2}
    for page_no, page_edges in enumerate(edges, 1):
        found.update((page_no, line_no) for line_no, text in page_edges if _shape(text) in repeated)
    return found


def _shape(text: str) -> str:
    return _DIGITS.sub("#", text.replace(" ", ""))


def join_split_numbers(lines: list[Line]) -> list[Line]:
    """A heading number alone on its line, or the first half of a number split over two lines,
    joined with the line after it (which keeps the first line's numbers)."""
    out: list[Line] = []
    pending: Line | None = None
    for line in lines:
        if pending is not None:
            if _LONE_NUMBER.match(pending.text) or (_NUMBER_HEAD.match(pending.text) and _NUMBER_TAIL.match(line.text)):
                line = Line(pending.text + line.text, pending.no, page=pending.page, page_line=pending.page_line)
            else:
                out.append(pending)
        pending = line
    if pending is not None:
        out.append(pending)
    return out


def page_starts(lines: list[Line]) -> list[tuple[int, int]]:
    """(first line number, page) of each page the lines come from, in order; empty for unpaged text."""
    starts = {line.page: line.no - line.page_line + 1 for line in lines if line.page is not None}
    return sorted((start, page) for page, start in starts.items())
