"""The shape of rules/wording.yaml: the words of a plan's envelope, places and reports, used by the
composer and the extractor alike (layout_rules.py holds rules/layout.yaml's).

Typed like the other rule files (rule_schema.py): a misspelt key, a form with an unknown
placeholder or a pattern RE2 refuses is reported when the file is read, with its file, key and line.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator

from .patterns import compile_pattern, pattern_set
from .rule_schema import Bilingual, Form, Patterns, Qualifier, _Strict

Level = Literal["province", "city", "county", "district", "national"]
LEVELS: tuple[str, ...] = ("province", "city", "county", "district", "national")

NAME_FORM = Form(name="x")
DATE_FORM = Form(year=2025, month=3, day=5, month_name="March")


_SPECIAL = re.compile(r"([\\.^$|?*+()\[\]{}-])")


def _literal(text: str) -> str:
    """`text` as a pattern matching it literally, escaping only what RE2 would read as syntax."""
    return _SPECIAL.sub(r"\\\1", text)


class PlaceholderForm(_Strict):
    """open + separator + what + close, e.g. an opening bracket, a label, a colon, a closing bracket."""

    open: str = Field(min_length=1)
    separator: str
    close: str = Field(min_length=1, max_length=1)  # recognised as "open, anything but close, close"

    def write(self, what: str) -> str:
        return f"{self.open}{self.separator}{what}{self.close}"

    @property
    def pattern(self) -> str:
        """Written as a hand-written rule would be (lower case; patterns match case-insensitively),
        so that a rules folder still listing it in checks.yaml does not report a placeholder twice."""
        return f"{_literal(self.open)}[^{_literal(self.close)}]*{_literal(self.close)}".lower()


class Placeholders(_Strict):
    zh: PlaceholderForm
    en: PlaceholderForm


class MissingWords(_Strict):
    other_language: NAME_FORM  # a name given only in the other language
    issue_date: str
    addressees: str
    locality: str
    province: str
    # The prompt in a task the parameters give no local fact for; default: none.
    local_facts: str | None = None


class Missing(_Strict):
    zh: MissingWords
    en: MissingWords


class LevelRule(_Strict):
    suffix: Bilingual
    also_en: list[str] = []
    reads: Patterns
    # An issuer these read speaks for this level (the State Council, a ministry: the national plan).
    issuers: Patterns = []
    # The locality's own name at this level, when there is only one (the country).
    name: Bilingual | None = None
    scope: Bilingual
    subunits: Bilingual


def _one_group(patterns: list[str]) -> list[str]:
    """Each pattern captures what it reads in its first group."""
    for i, pattern in enumerate(patterns):
        if compile_pattern(pattern, capture=True).groups < 1:
            raise ValueError(f"pattern {i} {pattern!r} needs a group (...) around what it reads")
    return patterns


GroupPatterns = Annotated[Patterns, AfterValidator(_one_group)]


class AuthorityReads(_Strict):
    zh: GroupPatterns
    en: GroupPatterns


class Authority(_Strict):
    zh: NAME_FORM
    en: NAME_FORM
    reads: AuthorityReads


class DateForms(_Strict):
    zh: DATE_FORM
    en: DATE_FORM


class Months(_Strict):
    en: list[str] = Field(min_length=12, max_length=12)
    fr: list[str] = Field(min_length=12, max_length=12)


class ProjectWords(_Strict):
    sentence: Form(items="x")
    join: str
    details: Form(details="x")
    details_join: str
    completed: Form(year=2025)


class Projects(_Strict):
    zh: ProjectWords
    en: ProjectWords


class NamedProjectWords(_Strict):
    """How a named project is recognised in a plan's own sentences in one language (see the
    comment over wording.yaml's `named_projects`)."""

    ends: list[str] = Field(min_length=1)
    joins: list[str] = []
    generic: list[str] = []
    clause_ends: str = ""
    after: list[str] = []
    starts: list[str] = []
    drop: list[str] = []
    generic_marks: list[str] = []
    figure_units: list[str] = []
    proper_ends: list[str] = []  # end a name only with a place or a figure in it
    stops: list[str] = []  # words a name in lower case never holds (English)


class NamedProjects(_Strict):
    zh: NamedProjectWords
    en: NamedProjectWords


class DistrictWords(_Strict):
    lead: Form(name="x", year=2028, scope="the city")
    in_step: Form(name="x", scope="the city")
    later: Form(name="x", year=2032, scope="the city")
    features: Form(features="x")
    join: str
    end: str
    responsibility: Form(names="x", scope="the city")


class Districts(_Strict):
    zh: DistrictWords
    en: DistrictWords
    # What reads a district's clause back (groups `name`, `year`, `features`), tried on each clause.
    reads: Patterns = []


class UnitTags(_Strict):
    zh: Form(names="x")
    en: Form(names="x")


class AddresseeMarks(_Strict):
    end: str
    separators: str
    open: str
    close: str


class BatchWords(_Strict):
    signs: dict[str, Qualifier]
    all: list[str]
    superior: list[str]
    trend: list[str]
    coastal_true: list[str]  # a coastal cell that means true


class Counted(_Strict):
    error: tuple[Form(n=1), Form(n=1)]  # one, many
    warning: tuple[Form(n=1), Form(n=1)]
    info: tuple[Form(n=1), Form(n=1)]


class ReportWords(_Strict):
    severity: dict[Literal["error", "warning", "info"], str]
    document: str
    clean: str
    line: Form(line=12)
    page_line: Form(page=3, page_line=4, line=12)  # a line of a paged source (PDF)
    count: Counted
    count_join: str
    head: Form(file="plan.docx", language="zh", counts="x")
    foot: Form(total=3, ok=1, bad=2, unreadable=1)

    def counted(self, severity: str, n: int) -> str:
        one, many = getattr(self.count, severity)
        return (one if n == 1 else many).format(n=n)

    def counts(self, summary: dict) -> list[str]:
        """A report summary's counts (errors, warnings, info) in words."""
        return [self.counted(severity, summary[key])
                for severity, key in (("error", "errors"), ("warning", "warnings"), ("info", "info"))]


class Report(_Strict):
    zh: ReportWords
    en: ReportWords


class HtmlWords(_Strict):
    title: Form(file="plan.docx")
    summary: str
    outline: str
    targets: str
    document: str
    columns: dict[Literal["indicator", "year", "value", "section", "quote"], str]
    no_targets: str


class ReviewWords(_Strict):
    author: str = Field(min_length=1)
    initials: str
    suffix: str = Field(min_length=1, pattern=r"^[^/\\\x00]+$")  # part of a file name
    comment: Form(severity="error", rule="placeholder", message="x")
    fix_line: Form(fix="x")
    summary: Form(counts="1 error", missing="x", sections=12, targets=8)
    none: str
    copy_title: Form(file="plan.pdf")
    copy_note: str
    fix: str
    fixes: dict[str, str] = {}
    html: HtmlWords

    def fix_for(self, rule: str) -> str:
        return self.fixes.get(rule, self.fix)


class Review(_Strict):
    zh: ReviewWords
    en: ReviewWords


class SuperiorWords(_Strict):
    author: str = Field(min_length=1)
    initials: str
    heading: Form(heading="x")
    more: str
    limit: int = Field(gt=0)  # characters of a passage before it is clipped
    prompt: Form(name="x", year=2025, value="x")


class Superior(_Strict):
    zh: SuperiorWords
    en: SuperiorWords


class WordingRules(_Strict):
    """rules/wording.yaml."""

    placeholder: Placeholders
    missing: Missing
    list_join: Bilingual
    addressees_end: Bilingual
    list_last: Bilingual | None = None  # default: list_join
    addressees_start: Bilingual | None = None
    levels: dict[Level, LevelRule]
    default_level: Level
    authority: Authority
    date: DateForms
    months: Months
    document_number_example: str
    projects: Projects
    named_projects: NamedProjects | None = None  # an older rules folder reads only the sentence form
    responsible_units: UnitTags
    districts: Districts | None = None  # an older rules folder writes no district sentences
    title_locality: Patterns
    report_to: GroupPatterns
    addressee_marks: AddresseeMarks
    work_plan: Patterns
    batch: BatchWords
    report: Report
    run_in_numbers: list[str]
    review: Review | None = None  # an older rules folder without it reviews in the built-in words
    superior: Superior | None = None  # likewise for generate --parent

    @field_validator("levels")
    @classmethod
    def _every_level(cls, levels: dict) -> dict:
        missing = [level for level in LEVELS if level not in levels]
        if missing:
            raise ValueError(f"missing key '{missing[0]}' (every level needs its words: {', '.join(LEVELS)})")
        return levels

    @field_validator("title_locality")
    @classmethod
    def _named_groups(cls, patterns: list[str]) -> list[str]:
        for i, pattern in enumerate(patterns):
            if "(?P<name>" not in pattern:
                raise ValueError(f"pattern {i} {pattern!r} needs a group (?P<name>...) for the name")
        return patterns

    @cached_property
    def placeholder_patterns(self) -> tuple[str, ...]:
        """What the `placeholder` check recognises as a placeholder: every declared form."""
        return tuple(getattr(self.placeholder, lang).pattern for lang in ("zh", "en"))

    def level_of(self, name: str | None) -> str:
        """The level a locality's name reads as (its suffix), or the default level."""
        if name:
            for level, rule in self.levels.items():
                if pattern_set(tuple(rule.reads)).search(name):
                    return level
        return self.default_level

    def level_words_en(self) -> dict[str, str]:
        """English words after a name -> the suffix of the level they mean ('Municipal' -> 'City')."""
        words = {}
        for rule in self.levels.values():
            if rule.name:
                continue  # the country's name follows no other name
            words[rule.suffix.en] = rule.suffix.en
            words.update({word: rule.suffix.en for word in rule.also_en})
        return words

    def words_in(self, block: str, lang: str):
        """An optional block of words (`review`, `superior`) in `lang`: these rules' own, or the
        built-in ones for a rules folder written before the block was added."""
        words = getattr(self, block)
        if words is None:
            from .rules import load_rules

            words = getattr(load_rules().wording, block)
        return getattr(words, lang)

    def heading(self, number: str, title: str) -> str:
        """A number that ends in a run-in mark (`run_in_numbers`, e.g. a Chinese enumeration comma
        or closing bracket) runs into its title; 'I.' and '(3)' take a space."""
        sep = "" if number[-1:] in self.run_in_numbers else " "
        return f"{number}{sep}{title}".strip()

    def write_date(self, lang: str, year: int, month: int, day: int) -> str:
        return getattr(self.date, lang).format(year=year, month=month, day=day,
                                               month_name=self.months.en[month - 1])
