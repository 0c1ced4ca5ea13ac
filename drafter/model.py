"""The document model: one tree that the generator writes and the readers read into.

A Document has an optional notice (the envelope that issues the plan), a title, a preamble and
numbered sections. A Section carries its canonical id, level (1 = the top-level headings), number
text, title and body paragraphs; its children are the next level down.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import ClassVar, Iterator, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from .text_fields import EitherLanguage, Id, Quote, Short


@dataclass
class Notice:
    title: str
    addressees: str
    body: list[str]
    authority: str
    date: str
    document_number: str | None = None
    letterhead: str = ""  # "", "red" (the issuer's mark and separator) or "preprinted" (room for them)
    copy_to: list[str] = field(default_factory=list)  # the colophon's copies line
    printed_by: str = ""  # the colophon's printing office and date; no colophon without them
    printed_date: str = ""


# Section ids beyond the rules' own (vocabulary.md): a task is "task:<task id>" (a sector task
# "task:sector:<industry>") or, when a reader cannot tell which, plain "task"; a heading the reader
# cannot place is "unrecognized".
TASK = "task"
UNRECOGNIZED = "unrecognized"
ACTION = "action"
OTHER = "other"
SECTION = "section"


def is_task(sid: str) -> bool:
    return sid == TASK or sid.startswith(TASK + ":")


def task_id(task: str) -> str:
    """The section id of the task with this id (a sector task's is "sector:<industry>")."""
    return f"{TASK}:{task}"


@dataclass
class Section:
    id: str
    level: int
    title: str
    number: str = ""
    paragraphs: list[str] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    line: int | None = None  # where a reader found the heading
    inferred: bool = False  # the reader inferred a heading the source lost

    @property
    def kind(self) -> str:
        """section, action, task, other (a rules extra) or unrecognized, from the id."""
        if is_task(self.id):
            return TASK
        if self.id == UNRECOGNIZED:
            return UNRECOGNIZED
        prefix = self.id.partition(":")[0] if ":" in self.id else ""
        return prefix if prefix in (ACTION, OTHER) else SECTION

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    language: str  # zh-Hans, zh-Hant, en, fr
    title: str
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notice: Notice | None = None
    # A paged source (PDF): (first line number, page) of each page, in order, to name a line's page.
    page_starts: list[tuple[int, int]] = field(default_factory=list)
    # What opens and closes a placeholder the composer wrote, for a writer to highlight it.
    marks: tuple[str, str] | None = None

    def page_of(self, line: int | None) -> tuple[int | None, int | None]:
        """(page, line on that page) of a line number; (None, None) for an unpaged source."""
        at = bisect_right(self.page_starts, (line, float("inf"))) - 1 if line is not None else -1
        if at < 0:
            return None, None
        start, page = self.page_starts[at]
        return page, line - start + 1

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def find(self, sid: str) -> Section | None:
        return next((s for s in self.walk() if s.id == sid), None)

    def outline(self) -> list[dict]:
        """The outline as JSON-ready dicts (vocabulary.md: id, level, number, title, line, children)."""
        def one(s: Section) -> dict:
            return {"id": s.id, "level": s.level, "number": s.number.strip(), "title": s.title,
                    "line": s.line, "children": [one(c) for c in s.children]}
        return [one(s) for s in self.sections]


# -- targets -------------------------------------------------------------------------------------
# A target is one type for the parameters files (validated, with the help text `drafter schema`
# prints), the extractor (built unchecked, the reader's values are already typed) and the checks.
Qualifier = Literal["exact", "about", "more_than", "at_least", "at_most", "all", "range", "before", "by"]


class Standing(EitherLanguage):
    """A relative target's words in each language. A plain string is the Chinese words if it has
    Chinese characters, else the English ones."""

    model_config = ConfigDict(extra="forbid")
    what: ClassVar[str] = "words"

    zh: Quote | None = Field(None, description="In Chinese, e.g. the upper-middle ranks of the province's cities")
    en: Quote | None = Field(None, description="In English, the words after \"will\": remain in the "
                                               "upper-middle ranks of the province's cities")


class Target(BaseModel):
    """A quantitative target, or the promise to meet the target set by the superior government."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    indicator: Id = Field(description="Indicator id from the catalogue (drafter rules lists them), "
                                               "e.g. energy_intensity_reduction")
    year: int | None = Field(ge=2020, le=2060, description="Target year, e.g. 2025; null for a target the plan "
                                                           "states without a year")
    value: float | None = Field(None, description="Target value in the indicator's unit; leave out "
                                                  "with superior: true")
    value_max: float | None = Field(None, description="Upper bound when qualifier is range")
    unit: Short | None = Field(None, description="Unit; defaults to the indicator's unit")
    qualifier: Qualifier = Field("exact", description="exact, about (左右), more_than (以上), "
                                 "at_least (不低于), at_most (以内), all (全部), range; the peak year: before, by")
    strive: bool = Field(False, description="A stretch target (力争 / strive to)")
    baseline_year: int | None = Field(None, ge=1990, le=2060, description="Baseline year for a change; defaults to "
                                                        "the plan's baseline year")
    superior: bool = Field(False, description="Meet the target set by the superior government "
                                              "instead of a number")
    trend: bool = Field(False, description="State only the direction (稳步提升 / increase steadily) "
                                           "instead of a number")
    relative: Standing | None = Field(None, description="A standing among peers instead of a number, in the plan's "
                                      "words, e.g. {zh: 保持省内城市中上游水平, en: remain in the upper-middle "
                                      "ranks of the province's cities}")
    section: Id | None = Field(None, description="Where `drafter extract` found it (informational)")
    quote: Quote | None = Field(
        None, description="The sentence `drafter extract` found it in (informational)")
    # The extractor's words naming an indicator the catalogue lacks: not part of parameters files.
    wording: SkipJsonSchema[str] = Field("", exclude=True)

    @model_validator(mode="after")
    def _value_or_superior(self):
        if sum([self.superior, self.trend, self.relative is not None, self.value is not None]) > 1:
            raise ValueError("give one of value, superior: true, trend: true or relative, not several")
        if not (self.superior or self.trend or self.relative) and self.value is None and self.qualifier != "all":
            raise ValueError("value is missing (or set superior: true to meet the superior's target)")
        if self.qualifier == "range" and self.value_max is None:
            raise ValueError("qualifier range needs value_max")
        if self.qualifier == "all" and self.value is None:
            self.value = 100.0
        return self

    @classmethod
    def found(cls, indicator: str, year: int, **fields) -> "Target":
        """A target the reader found: built without validation (its values are typed already, and
        validating each of hundreds per document costs)."""
        return cls.model_construct(indicator=indicator, year=year, **fields)
