"""Regular expressions that come from rules data (rule folders, --targets files, inline indicators).

They are compiled by RE2, whose matching time grows linearly with the text whatever the pattern:
`(a+)+$`, `(a|aa)*b` or `(.*a){20}` against a long line cost no more than a plain word. RE2 reads
Python's syntax except what needs backtracking (lookaround, backreferences, atomic groups,
possessive quantifiers) and a few spellings (`\\Z` is `\\z`); `\\d`, `\\s`, `\\w` and `\\b` are ASCII,
which suits the text they meet: normalised to NFKC, where full-width digits and spaces are ASCII.
Patterns match case-insensitively, as the rule files have always said.

Code-level regexes (the numbering styles, the quantity grammar) stay with Python's `re`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Iterator, Sequence

import re2
from pydantic import AfterValidator, ValidationInfo

from .errors import DrafterError

# A program this large is far beyond any real pattern (the built-in ones stay under 900 RE2
# instructions each, 2,300 joined per indicator) and still small in memory.
MAX_PROGRAM = 10_000
# Patterns in one rules folder or one indicator file (the built-in rules hold about 390): each
# costs time to compile and memory to keep.
MAX_PATTERNS = 2_000
# RE2's memory for one pattern (its program and its DFA cache); past it RE2 runs its NFA, slower
# but still linear. Sets of patterns keep RE2's default of 8 MB.
MAX_MEM = 1 << 20

SYNTAX_HINT = "RE2 syntax: no lookaround or backreferences"


def _options(capture: bool, max_mem: int = MAX_MEM) -> re2.Options:
    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False  # RE2 would log to stderr; errors are reported on our one line
    options.never_capture = not capture  # a span needs no groups, and the search is faster without
    options.max_mem = max_mem
    return options


_OPTIONS = {True: _options(True), False: _options(False)}
_SET_OPTIONS = _options(False, 8 << 20)


@lru_cache(maxsize=1024)
def _compiled(pattern: str, capture: bool):
    # Checking a rule file compiles its patterns; the readers then reuse them from here.
    return re2.compile(pattern, _OPTIONS[capture])


def compile_pattern(pattern: str, capture: bool = False, limit: int | None = MAX_PROGRAM):
    """One pattern from rules data, compiled by RE2. A pattern RE2 refuses, or larger than
    `limit` instructions, raises ValueError naming it and the reason."""
    try:
        compiled = _compiled(pattern, capture)
    except re2.error as exc:
        reason = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise ValueError(f"pattern {_shown(pattern)} is not a valid regular expression here: {reason} "
                         f"({SYNTAX_HINT})") from None
    except (TypeError, UnicodeEncodeError):
        raise ValueError(f"pattern {_shown(pattern)} is not Unicode text") from None
    if limit is not None and compiled.programsize > limit:
        raise ValueError(f"pattern {_shown(pattern)} is too large ({compiled.programsize} RE2 instructions, "
                         f"at most {limit}): use fewer or smaller repetitions")
    return compiled


def _shown(pattern: object) -> str:
    text = repr(pattern)
    return text if len(text) <= 80 else text[:77] + "…"


class PatternBudget:
    """How many more patterns one rule folder or file may hold (passed as validation context)."""

    def __init__(self, limit: int = MAX_PATTERNS) -> None:
        self.left = limit

    def spend(self) -> None:
        self.left -= 1
        if self.left < 0:
            raise ValueError(f"more than {MAX_PATTERNS} patterns in one rules folder or file "
                             "(merge alternatives into fewer patterns)")


def _checked(pattern: str, info: ValidationInfo) -> str:
    context = info.context or {}
    if context.get("shipped"):
        return pattern  # the package's own rules: the tests compile them, each run compiles what it uses
    if "patterns" in context:
        context["patterns"].spend()
    compile_pattern(pattern)
    return pattern


# A pattern field of a rule model: checked when the file is read, so a bad one is reported with
# its file, field and line, never when it first meets a document.
Pattern = Annotated[str, AfterValidator(_checked)]


class PatternSet:
    """Patterns tried together. One RE2 pass over the text tells which of them match (RE2::Set),
    then only those are run for their spans, in the order the patterns are listed."""

    def __init__(self, patterns: Sequence[str], capture: bool = False, limit: int | None = MAX_PROGRAM) -> None:
        self.patterns = tuple(patterns)
        self.compiled = [compile_pattern(p, capture, limit) for p in self.patterns]
        self._set = None
        if len(self.patterns) > 1:
            candidate = re2.Set.SearchSet(_SET_OPTIONS)
            for p in self.patterns:
                candidate.Add(p)
            try:
                candidate.Compile()
                self._set = candidate
            except re2.error:
                pass  # too large to combine: each pattern is tried on its own, still in linear time

    def which(self, text: str) -> list[int]:
        """The indices of the patterns that match somewhere in `text`, in order."""
        text = _encodable(text)
        if self._set is not None:
            return sorted(self._set.Match(text) or ())
        return [i for i, p in enumerate(self.compiled) if p.search(text)]

    def search(self, text: str):
        """The first match of the first pattern that matches, or None."""
        text = _encodable(text)
        for i in self.which(text):
            return self.compiled[i].search(text)
        return None

    def finditer(self, text: str) -> Iterator:
        """Every match of every pattern, pattern by pattern."""
        text = _encodable(text)
        for i in self.which(text):
            yield from self.compiled[i].finditer(text)

    def __bool__(self) -> bool:
        return bool(self.patterns)


def _encodable(text: str) -> str:
    # RE2 reads UTF-8: a lone surrogate (from a broken UTF-16 file) becomes "?", one character
    # for one, so that the spans still point into the original text.
    if text.isascii():
        return text
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-8", "replace").decode("utf-8")


@lru_cache(maxsize=512)
def pattern_set(patterns: tuple[str, ...], capture: bool = False) -> PatternSet:
    """A PatternSet, compiled once per process for the same patterns."""
    try:
        return PatternSet(patterns, capture)
    except ValueError as exc:  # a hand-edited installed package: other rule files are checked when read
        raise DrafterError(f"rules: {exc}", fix="restore the rule files") from None


def indicator_patterns(indicators: Sequence, alternations: Sequence[str]) -> PatternSet:
    """Each indicator's patterns and names joined in one alternation. Each pattern was checked when
    read; a DrafterError names the indicator whose joined alternation RE2 cannot hold."""
    for indicator, alternation in zip(indicators, alternations):
        try:
            compile_pattern(alternation, limit=None)
        except ValueError:
            raise DrafterError(f"indicator '{indicator.id}': its recognition patterns and names are too large "
                               "together for RE2", fix="use fewer or smaller patterns") from None
    return PatternSet(alternations, limit=None)


def escape(text: str) -> str:
    """`text` as a pattern that matches it literally."""
    return re2.escape(text)
