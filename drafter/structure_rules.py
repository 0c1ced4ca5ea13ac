"""The typed blocks of rules/structure.yaml beyond its sections: how heading numbers are written and
read (`numbering:`), and how the reader reads each script (`reading_profiles:`)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, model_validator

from .rule_schema import _Strict

_FORM_FIELDS = ("{cn}", "{n}", "{roman}", "{letter}")
Short = Annotated[str, Field(min_length=1, max_length=40)]


class NumberingRules(_Strict):
    """Heading numbers: `forms` per language, one per level, with one of {cn} (Chinese numeral),
    {n} (Arabic), {roman} or {letter} (a, b, c); `chinese_digits` spells 0 to 9, `chinese_ten` 10.
    `ideograph_traditional` spells the ten cyclic signs Word's ideographTraditional numbering counts
    with (without it, such numbers are read as Arabic)."""

    chinese_digits: Annotated[str, Field(min_length=10, max_length=10)]
    chinese_ten: Annotated[str, Field(min_length=1, max_length=1)]
    ideograph_traditional: Annotated[str, Field(min_length=10, max_length=10)] | None = None
    forms: dict[Literal["zh", "en"], Annotated[list[Short], Field(min_length=4, max_length=4)]]

    @model_validator(mode="after")
    def _one_number_each(self):
        for lang, forms in self.forms.items():
            for level, form in enumerate(forms, 1):
                if sum(form.count(f) for f in _FORM_FIELDS) != 1:
                    raise ValueError(f"forms.{lang}[{level - 1}]: {form!r} needs exactly one of "
                                     + ", ".join(_FORM_FIELDS))
        if set(self.forms) != {"zh", "en"}:
            raise ValueError("forms: give both zh and en")
        return self


class ReadingProfileRule(_Strict):
    """How the reader reads one script: what ends a sentence (a wrapped line before such an end is
    joined to the next), what ends a run-in heading's title and how long a title may be."""

    sentence_ends: Annotated[str, Field(min_length=1, max_length=40)]
    title_ends: Annotated[str, Field(min_length=1, max_length=10)]
    title_ends_need_space: bool = False  # "3.5 %" is no sentence end: Latin titles end at ". "
    title_sentence_max: Annotated[int, Field(ge=1, le=1000)]
    title_max: Annotated[int, Field(ge=1, le=1000)]
    # A bracketed Arabic number ("(1)") is a level-4 item in Chinese plans: body text for the outline.
    paren_arabic_is_body: bool = False
    # Chinese plans number tasks under an action with "1." only: an Arabic number is a level-2
    # heading under a bare top-level section, else a task (no sequence reasoning needed).
    flat_arabic: bool = False
    # Latin scrapes lose headings; a lower-case line then tells of a split or dropped heading.
    lower_case_continues: bool = False


class ReadingProfiles(_Strict):
    chinese: ReadingProfileRule
    latin: ReadingProfileRule
