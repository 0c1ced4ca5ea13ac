"""The rules of checks.yaml, typed: one model per kind, holding the parameters that kind reads and
the placeholders its findings fill, so that a rule file is checked whole when it is read.

The kinds form a closed set, a union discriminated on `kind`; drafter/check/checks.py interprets
each. Ids a rule names (sections, actions, indicators, years with sentence markers) must exist in the
rules folder being read, which the validation receives as its context. The ids a kind works on
(the section holding the actions, the main objectives...) are parameters too, defaulting to the
built-in ids so that an older checks.yaml still loads. What a kind matches with (its patterns, the
aliases and year markers it borrows from the other rule files) is compiled here, once per rules
folder, so that interpreting a rule compiles nothing.
"""

from __future__ import annotations

import difflib
import typing
from typing import Annotated, Callable, ClassVar, Literal, Union

from pydantic import AfterValidator, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from .patterns import PatternSet, pattern_set
from .rule_schema import Bilingual, Patterns, _Strict, check_template

Severity = Literal["error", "warning", "info"]


def _ref(what: str, known: Callable, where: str = ""):
    """An id that must exist in the rules being read (passed as the validation context)."""
    def check(value, info: ValidationInfo):
        rules = (info.context or {}).get("rules")
        if rules is not None:
            ids = known(rules)
            if value not in ids:
                near = difflib.get_close_matches(str(value), [str(i) for i in ids], n=1, cutoff=0.6)
                hint = f"did you mean {near[0]}? " if near else ""
                raise ValueError(f"unknown {what} '{value}'{where} ({hint}known: {', '.join(map(str, ids))})")
        return value
    return check


SectionId = Annotated[str, AfterValidator(_ref("section id", lambda r: [s.id for s in r.sections]))]
ActionId = Annotated[str, AfterValidator(_ref("action id", lambda r: r.action_ids))]
IndicatorId = Annotated[str, AfterValidator(_ref("indicator id", lambda r: r.indicator_ids))]
# A horizon year: its sentences are found by year_markers in reading.yaml.
MarkedYear = Annotated[int, AfterValidator(_ref("year", lambda r: list(r.reading.year_markers),
                                                " (reading.yaml has no year_markers for it)"))]


def _rules(info: ValidationInfo):
    """The rules folder being read (absent when a rule is typed on its own)."""
    return (info.context or {}).get("rules")


def _default(value):
    """A parameter's default, checked against the rules like a written value (validate_default)."""
    return Field(value, validate_default=True)


def _year_markers(rules, years) -> dict[int, PatternSet]:
    """The sentence markers of each year (reading.yaml), compiled once."""
    return {year: pattern_set(tuple(rules.reading.year_markers.get(year, ()))) for year in years}


SECTION = {"section": "Main Objectives", "id": "main_objectives"}  # every finding fills these
TARGET = {"indicator": "forest coverage", "year": 2030, "text": "60%"}  # findings about a target


class CheckRuleBase(_Strict):
    id: str
    severity: Severity
    message: Bilingual
    # The placeholders a finding of this kind fills, besides {section} and {id}, with sample values.
    provides: ClassVar[dict[str, object]] = {}

    @field_validator("message")
    @classmethod
    def _placeholders(cls, message: Bilingual) -> Bilingual:
        for lang in ("zh", "en"):
            try:
                check_template(getattr(message, lang), {**SECTION, **cls.provides})
            except ValueError as exc:
                raise ValueError(f"{lang}: {exc}") from None
        return message


class RequiredSection(CheckRuleBase):
    kind: Literal["required_section"]
    sections: list[SectionId]
    # The section with no heading: present when one of the first paragraphs matches its aliases.
    preamble: SectionId = _default("preamble")
    _preamble: PatternSet | None = PrivateAttr(None)

    @property
    def preamble_aliases(self) -> PatternSet:
        return self._preamble

    @model_validator(mode="after")
    def _compile(self, info: ValidationInfo):
        rules = _rules(info)
        if rules is not None:
            self._preamble = rules.section(self.preamble).aliases.all
        return self


class SectionOrder(CheckRuleBase):
    kind: Literal["section_order"]
    order: list[SectionId]
    provides = {"first": "Main Objectives", "second": "Key Tasks"}


class _InActions(CheckRuleBase):
    within: SectionId = _default("key_tasks")  # the section whose children are the actions


class RequiredActions(_InActions):
    kind: Literal["required_actions"]
    actions: list[ActionId]


class _Range(_InActions):
    min: int
    max: int
    provides = {"count": 11, "min": 10, "max": 12}

    @model_validator(mode="after")
    def _ordered(self):
        if self.min > self.max:
            raise ValueError(f"min ({self.min}) is above max ({self.max})")
        return self


class ActionCount(_Range):
    kind: Literal["action_count"]


class TaskCount(_Range):
    kind: Literal["task_count"]


class ActionOrder(_InActions):
    kind: Literal["action_order"]
    first_within: dict[ActionId, int] = {}
    immediately_after: dict[ActionId, ActionId] = {}
    last: list[ActionId] = []
    provides = {"text": "Transport → Agriculture"}


class _Objectives(CheckRuleBase):
    section: SectionId = _default("main_objectives")  # where the horizons' sentences are
    _markers: dict[int, PatternSet] = PrivateAttr(default_factory=dict)

    @property
    def markers(self) -> dict[int, PatternSet]:
        """Each horizon year's sentence markers (reading.yaml), compiled."""
        return self._markers


class ObjectivesHorizon(_Objectives):
    kind: Literal["objectives_horizon"]
    years: list[MarkedYear]
    provides = {"year": 2025}

    @model_validator(mode="after")
    def _compile(self, info: ValidationInfo):
        rules = _rules(info)
        if rules is not None:
            self._markers = _year_markers(rules, self.years)
        return self


class HeadlineIndicators(_Objectives):
    kind: Literal["headline_indicators"]
    # Which indicators each horizon states: by default the rules' horizons, derived from the
    # headline years of indicators.yaml. Older files list them here.
    expect: dict[MarkedYear, list[IndicatorId]] | None = None
    stated: Patterns  # what counts as stating the indicator's target, after its name
    provides = {"year": 2025, "indicator": "forest coverage"}
    _expected: dict[int, list[str]] = PrivateAttr(default_factory=dict)
    _stated: PatternSet | None = PrivateAttr(None)

    @property
    def expected(self) -> dict[int, list[str]]:
        """Horizon year -> the indicators its sentence states."""
        return self._expected

    @property
    def stated_set(self) -> PatternSet:
        return self._stated

    @model_validator(mode="after")
    def _compile(self, info: ValidationInfo):
        self._stated = pattern_set(tuple(self.stated))
        rules = _rules(info)
        if rules is None:
            self._expected = dict(self.expect or {})
            return self
        self._expected = dict(self.expect if self.expect is not None else rules.phrasing.horizons)
        unmarked = [year for year in self._expected if year not in rules.reading.year_markers]
        if unmarked:
            raise ValueError(f"the headline year {unmarked[0]} (indicators.yaml) has no year_markers in reading.yaml")
        self._markers = _year_markers(rules, self._expected)
        for iid in {iid for ids in self._expected.values() for iid in ids}:
            _ = rules.indicator(iid).recognizer  # compiled now rather than on the first document
        return self


class PeakCommitment(CheckRuleBase):
    kind: Literal["peak_commitment"]
    section: SectionId = _default("main_objectives")  # where the commitment belongs
    also: list[SectionId] = _default(["guiding_ideology"])  # other sections that may carry it
    indicator: str = "carbon_peak_year"  # whose patterns find the commitment

    @model_validator(mode="after")
    def _catalogued(self, info: ValidationInfo):
        rules = _rules(info)
        if rules is not None and rules.indicator(self.indicator) is None:
            raise ValueError(f"needs the indicator {self.indicator} in indicators.yaml, whose patterns find the "
                             "commitment")
        if rules is not None:
            _ = rules.indicator(self.indicator).recognizer  # compiled now rather than on the first document
        return self


class _Patterned(CheckRuleBase):
    patterns: Patterns
    _patterns: PatternSet | None = PrivateAttr(None)

    @property
    def compiled(self) -> PatternSet:
        return self._patterns

    @model_validator(mode="after")
    def _compile(self):
        self._patterns = pattern_set(tuple(self.patterns))
        return self


class Placeholder(CheckRuleBase):
    kind: Literal["placeholder"]
    patterns: Patterns = []  # besides the placeholder forms of wording.yaml, which the writer uses
    provides = {"text": "[to be completed]"}
    _patterns: PatternSet | None = PrivateAttr(None)
    _anywhere: PatternSet | None = PrivateAttr(None)

    @model_validator(mode="after")
    def _compile(self, info: ValidationInfo):
        rules = (info.context or {}).get("rules")
        forms = tuple(rules.wording.placeholder_patterns) if rules is not None else ()
        every = tuple(dict.fromkeys(forms + tuple(self.patterns)))
        self._patterns = pattern_set(every)
        # The same patterns for one pass over the whole draft, its texts joined by line breaks: with
        # ^ and $ at every line (?m), whatever matches in one text matches there. \A and \z would
        # not, so such patterns go without it.
        if not any("\\A" in p or "\\z" in p for p in every):
            self._anywhere = pattern_set(tuple("(?m)" + p for p in every))
        return self

    @property
    def compiled(self) -> PatternSet:
        return self._patterns

    @property
    def anywhere(self) -> PatternSet | None:
        """Whether the draft may hold a placeholder at all (None: look text by text)."""
        return self._anywhere


class EmptySection(CheckRuleBase):
    kind: Literal["empty_section"]


class DuplicateSection(CheckRuleBase):
    kind: Literal["duplicate_section"]
    ignore: list[SectionId] = []


class UnrecognizedSection(CheckRuleBase):
    kind: Literal["unrecognized_section"]
    provides = {"text": "V. Other"}


class ResponsibleUnits(_Patterned, _InActions):
    kind: Literal["responsible_units"]
    provides = {"count": 12, "text": 3}


class TargetProgression(CheckRuleBase):
    kind: Literal["target_progression"]
    provides = {**TARGET, "first": 2025, "second": "62%"}


class ShareRange(CheckRuleBase):
    kind: Literal["share_range"]
    provides = TARGET


class PlausibleRange(CheckRuleBase):
    kind: Literal["plausible_range"]
    provides = {**TARGET, "min": "0", "max": "100"}


class ParentTargets(CheckRuleBase):
    kind: Literal["parent_targets"]
    # The units whose figures compare across levels (shares, rates, intensities). A total in
    # another unit (capacity, tonnes, counts) is the locality's part of the superior's, never
    # comparable with it. None (an older checks.yaml): every unit.
    units: list[str] | None = None
    provides = {**TARGET, "second": "62%"}


CheckRule = Annotated[Union[RequiredSection, SectionOrder, RequiredActions, ActionCount, TaskCount, ActionOrder,
                            ObjectivesHorizon, HeadlineIndicators, PeakCommitment, Placeholder, EmptySection,
                            DuplicateSection, UnrecognizedSection, ResponsibleUnits, TargetProgression, ShareRange,
                            PlausibleRange, ParentTargets], Field(discriminator="kind")]

KIND_NAMES = [typing.get_args(m.model_fields["kind"].annotation)[0]
              for m in typing.get_args(typing.get_args(CheckRule)[0])]


class ChecksFile(_Strict):
    """rules/checks.yaml"""

    rules: list[CheckRule]

    @model_validator(mode="after")
    def _unique_ids(self):
        seen = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"two rules have the id '{rule.id}'")
            seen.add(rule.id)
        return self
