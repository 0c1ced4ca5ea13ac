"""The rules of checks.yaml, typed: one model per kind, holding the parameters that kind reads and
the placeholders its findings fill, so that a rule file is checked whole when it is read.

The kinds form a closed set, a union discriminated on `kind`; drafter/checks.py interprets each.
Ids a rule names (sections, actions, indicators, years with sentence markers) must exist in the
rules folder being read, which the validation receives as its context.
"""

from __future__ import annotations

import difflib
import typing
from typing import Annotated, Callable, ClassVar, Literal, Union

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

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


class SectionOrder(CheckRuleBase):
    kind: Literal["section_order"]
    order: list[SectionId]
    provides = {"first": "Main Objectives", "second": "Key Tasks"}


class RequiredActions(CheckRuleBase):
    kind: Literal["required_actions"]
    actions: list[ActionId]


class _Range(CheckRuleBase):
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


class ActionOrder(CheckRuleBase):
    kind: Literal["action_order"]
    first_within: dict[ActionId, int] = {}
    immediately_after: dict[ActionId, ActionId] = {}
    last: list[ActionId] = []
    provides = {"text": "Transport → Agriculture"}


class ObjectivesHorizon(CheckRuleBase):
    kind: Literal["objectives_horizon"]
    years: list[MarkedYear]
    provides = {"year": 2025}


class HeadlineIndicators(CheckRuleBase):
    kind: Literal["headline_indicators"]
    expect: dict[MarkedYear, list[IndicatorId]]
    stated: Patterns  # what counts as stating the indicator's target, after its name
    provides = {"year": 2025, "indicator": "forest coverage"}


class PeakCommitment(CheckRuleBase):
    kind: Literal["peak_commitment"]

    @model_validator(mode="after")
    def _catalogued(self, info: ValidationInfo):
        rules = (info.context or {}).get("rules")
        if rules is not None and rules.indicator("carbon_peak_year") is None:
            raise ValueError("needs the indicator carbon_peak_year in indicators.yaml, whose patterns find the commitment")
        return self


class Placeholder(CheckRuleBase):
    kind: Literal["placeholder"]
    patterns: Patterns = []  # besides the placeholder forms of wording.yaml
    provides = {"text": "【待补充】"}


class EmptySection(CheckRuleBase):
    kind: Literal["empty_section"]


class DuplicateSection(CheckRuleBase):
    kind: Literal["duplicate_section"]
    ignore: list[SectionId] = []


class UnrecognizedSection(CheckRuleBase):
    kind: Literal["unrecognized_section"]
    provides = {"text": "五、其他"}


class ResponsibleUnits(CheckRuleBase):
    kind: Literal["responsible_units"]
    patterns: Patterns
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
