"""The shape of rules/quantities.yaml: the words around a target's number that the reader needs
(its year, baseline, scale words, the superior's target, a trend, full coverage) and the words
that name a target the catalogue does not know. Units, qualifiers and the strive flag are in
phrasing.yaml, written and read in one block each (rule_schema.Unit, QualifierRule, Strive).

Patterns are RE2-checked when the file is read (rule_schema.Patterns); where the reader's regex
needs Python-only syntax (a lookbehind), the file gives only literal characters or words.
"""

from __future__ import annotations

from pydantic import Field

from .patterns import Pattern
from .rule_schema import Patterns, _Strict


class Texts(_Strict):
    """A short text in each form a value is written in: zh, en and the compact comparison cell."""

    zh: str
    en: str
    short: str


class Scale(_Strict):
    """A scale word (ten thousand, million): the pattern that reads it and its factor; `zh` and `en`
    mark the scales each language writes large values in (the largest that fits is used)."""

    read: Pattern
    factor: float = Field(gt=0)
    zh: str = ""
    en: str = ""


class Marked(_Strict):
    """A target without a figure: the patterns that read it and the text it is written as."""

    read: Patterns
    text: Texts


class Names(_Strict):
    """The words of an unrecognised target's name: what ends the subject (verbs), what is not part
    of it (the year, strive), subjects that name nothing (pronouns, literal), the words linking a
    number to the name after it (literal), and the characters trimmed around the name."""

    verbs: Patterns
    noise: Patterns
    pronouns: list[str] = Field(max_length=100)
    links: list[str] = Field(max_length=20)
    trim: str = Field(max_length=20)
    ends: str = Field("", max_length=20)  # trimmed too from a name found after the number


class QuantityRules(_Strict):
    """rules/quantities.yaml."""

    year: Patterns = Field(min_length=1)  # each pattern captures the target year in a group
    baseline: Patterns  # each captures the baseline year
    scales: list[Scale] = Field(max_length=20)
    superior: Marked  # the target set by the superior government
    in_step: Marked | None = None  # the carbon peak in step with the superior, without a year
    trend: Marked  # only a direction (increase steadily)
    relative: Patterns = []  # a standing among peers: where its words start
    all: Patterns  # full coverage: 100 %
    project: Patterns  # a project's specification is no target
    threshold: Patterns  # the words just before a size threshold ("units under 300000 kW")
    between: Patterns  # words between a qualifier and its number ("at least reach 70%")
    verbs: Patterns  # verbs just before a number, dropped before its qualifier is read
    respectively: Patterns = []  # several figures given in order, one per subject or phase
    numerals: dict[str, int] = Field({}, max_length=100)  # number words, read only as counts of things
    classifiers: str = Field("", max_length=20)  # literal characters counting things after a Chinese number word
    sentence_ends: str = Field(min_length=1, max_length=20)  # literal characters ending a sentence
    clause_marks: str = Field(min_length=1, max_length=20)  # literal characters ending a clause
    names: Names
