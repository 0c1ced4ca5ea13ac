"""The rules: plan structure, actions, industries, indicators, phrasing, reading and checks, loaded
from rules/*.yaml.

The YAML files are the single source of truth for both directions (generation and validation);
this module only types them, so a broken rule file fails loudly with its file, key and line.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ValidationError, model_validator

from .errors import DrafterError
from .loader import RULE_LIMITS, load_file
from .patterns import PatternBudget, PatternSet, pattern_set
from .quantity_rules import QuantityRules
from .resources import rules_dir
from .rule_schema import (LEVEL_SAMPLES, Bilingual, Patterns, PhrasingRules, ReadingRules, Trilingual, _Strict,
                          check_template, schema_error)

__all__ = ["Bilingual", "Trilingual", "Rules", "IndicatorRule", "load_rules", "load_indicator_file"]

Status = Literal["required", "frequent", "optional"]


class Aliases(_Strict):
    """Regular expressions by language (section aliases, indicator recognition patterns), for RE2."""

    zh: Patterns = []
    en: Patterns = []
    fr: Patterns = []

    @property
    def all(self) -> PatternSet:
        """The patterns of every language, compiled together once per process."""
        return pattern_set(tuple(self.zh + self.en + self.fr))

    @property
    def all_with_groups(self) -> PatternSet:
        """The same, keeping their groups (a carbon-peak pattern captures the year)."""
        return pattern_set(tuple(self.zh + self.en + self.fr), capture=True)


class When(_Strict):
    industry_any: list[str] = []
    coastal: bool | None = None


class TaskRule(_Strict):
    id: str
    title: Bilingual | None = None
    when: When = When()
    sectors: bool = False  # stands for the sector tasks of the locality's key industries


class SectionRule(_Strict):
    id: str
    parent: str | None = None
    status: Status
    numbered: bool = True
    promote_without_parent: bool = False
    title: Bilingual
    aliases: Aliases = Aliases()
    tasks: list[TaskRule] = []


class ActionRule(_Strict):
    id: str
    status: Status
    title: Bilingual
    aliases: Aliases = Aliases()
    tasks: list[TaskRule]


class IndustryRule(_Strict):
    id: str
    name: Bilingual
    task: Bilingual | None = None
    sector_task: bool = True


class SeenValue(_Strict):
    plan: str
    year: int | None = None
    value: float
    qualifier: str = "exact"


class IndicatorRule(_Strict):
    """One indicator of the catalogue (rules/indicators.yaml), or a user's own."""

    id: str
    name: Trilingual
    kind: Literal["change", "level", "year"] = "level"
    direction: Literal["rise", "fall"] = "rise"
    unit: str = "%"
    default_baseline: int | None = None
    section: str = "main_objectives"
    task: str | None = None
    headline: bool = False
    range: tuple[float, float] | None = None
    phrase: Bilingual | None = None
    patterns: Aliases = Aliases()  # recognition patterns (zh, en, fr) on normalised text
    seen: list[SeenValue] = []

    @model_validator(mode="after")
    def _phrase_placeholders(self):
        # A year is written with its {value} alone; other kinds fill the level form's placeholders.
        samples = {"value": 2030} if self.kind == "year" else LEVEL_SAMPLES
        for lang in ("zh", "en"):
            if self.phrase is not None:
                try:
                    check_template(getattr(self.phrase, lang), samples)
                except ValueError as exc:
                    raise ValueError(f"phrase.{lang}: {exc}") from None
        return self


class StructureFile(_Strict):
    sections: list[SectionRule]


class ActionsFile(_Strict):
    actions: list[ActionRule]
    section_tasks: dict[str, list[TaskRule]] = {}


class IndustriesFile(_Strict):
    industries: list[IndustryRule]


class IndicatorsFile(_Strict):
    indicators: list[IndicatorRule]


class Rules:
    """All rule files of one rules folder, typed and indexed."""

    def __init__(self, folder: Path) -> None:
        from .check_kinds import ChecksFile  # its ids are checked against these rules

        self.folder = folder
        self._loaded: dict = {}
        self._context = {"patterns": PatternBudget(),  # for the whole folder
                         "shipped": folder.resolve() == rules_dir().resolve()}
        self.sections: list[SectionRule] = self._typed("structure.yaml", StructureFile).sections
        actions = self._typed("actions.yaml", ActionsFile)
        self.actions: list[ActionRule] = actions.actions
        self.section_tasks: dict[str, list[TaskRule]] = actions.section_tasks
        self.industries: list[IndustryRule] = self._typed("industries.yaml", IndustriesFile).industries
        self.indicators: list[IndicatorRule] = self._typed("indicators.yaml", IndicatorsFile).indicators
        self.phrasing: PhrasingRules = self._typed("phrasing.yaml", PhrasingRules)
        self.reading: ReadingRules = self._typed("reading.yaml", ReadingRules)
        self.quantities: QuantityRules = self._typed("quantities.yaml", QuantityRules)
        self._section_by_id = {s.id: s for s in self.sections}
        self._action_by_id = {a.id: a for a in self.actions}
        self._industry_by_id = {i.id: i for i in self.industries}
        self._indicator_by_id = {i.id: i for i in self.indicators}
        self._check_references()
        self.checks = self._typed("checks.yaml", ChecksFile, context={"rules": self}).rules

    # -- loading -------------------------------------------------------------------------
    def load(self, name: str) -> dict:
        """One rule file's data (its lines kept for error messages)."""
        path = self.folder / name
        if not path.is_file():
            raise DrafterError("rule file missing", file=str(path),
                               fix="point --rules at a folder holding every built-in rule file")
        loaded = load_file(path, RULE_LIMITS)
        self._loaded[name] = loaded
        return loaded.data

    def _typed(self, name: str, model: type[BaseModel], context: dict | None = None):
        data = self.load(name)
        try:
            return model.model_validate(data, context={**self._context, **(context or {})})
        except ValidationError as exc:
            raise schema_error(exc, model, self._loaded[name], str(self.folder / name)) from None

    def _check_references(self) -> None:
        """Ids that phrasing.yaml and reading.yaml name exist in the other files."""
        refs = [("phrasing.yaml", ("horizons", year, i), iid, self.indicator_ids)
                for year, ids in self.phrasing.horizons.items() for i, iid in enumerate(ids)]
        known = [s.id for s in self.sections] + self.action_ids
        refs += [("reading.yaml", ("topics", sid), sid, known) for sid in self.reading.topics]
        for name, path, value, ids in refs:
            if value not in ids:
                line = self._loaded[name].line_of(path)
                raise DrafterError(f"{'.'.join(map(str, path))}: unknown id '{value}'", file=str(self.folder / name),
                                   place=str(line) if line else None, fix="known: " + ", ".join(ids))

    def with_indicators(self, extra: list[IndicatorRule]) -> "Rules":
        """These rules plus a user's own indicators (a --targets file or a parameters file's
        `indicators:`); a user indicator replaces a built-in one of the same id. Their patterns
        were checked when the indicators were read (Aliases)."""
        if not extra:
            return self
        clone = copy.copy(self)
        clone.__dict__.pop("_target_finder", None)  # caches built for the other indicator set
        clone.__dict__.pop("_outline_reader", None)
        ids = {i.id for i in extra}
        clone.indicators = [i for i in self.indicators if i.id not in ids] + list(extra)
        clone._indicator_by_id = {i.id: i for i in clone.indicators}
        return clone

    # -- look-ups ------------------------------------------------------------------------
    def section(self, sid: str) -> SectionRule:
        return self._section_by_id[sid]

    def action(self, aid: str) -> ActionRule:
        return self._action_by_id[aid]

    def has_action(self, aid: str) -> bool:
        return aid in self._action_by_id

    def has_section(self, sid: str) -> bool:
        return sid in self._section_by_id

    def industry(self, iid: str) -> IndustryRule:
        return self._industry_by_id[iid]

    def indicator(self, iid: str) -> IndicatorRule | None:
        return self._indicator_by_id.get(iid)

    @property
    def indicator_ids(self) -> list[str]:
        return [i.id for i in self.indicators]

    @property
    def industry_ids(self) -> list[str]:
        return [i.id for i in self.industries]

    @property
    def action_ids(self) -> list[str]:
        return [a.id for a in self.actions]

    def children(self, sid: str | None) -> list[SectionRule]:
        return [s for s in self.sections if s.parent == sid]


def load_indicator_file(path: str | Path) -> list[IndicatorRule]:
    """A user's indicator file: `indicators:` in the form of rules/indicators.yaml."""
    loaded = load_file(path)
    data = loaded.data
    if not isinstance(data, dict) or not isinstance(data.get("indicators"), list):
        raise DrafterError("expected a list under 'indicators:'", file=str(path), place="1",
                           fix="use the form of rules/indicators.yaml")
    try:
        return IndicatorsFile.model_validate(data, context={"patterns": PatternBudget()}).indicators
    except ValidationError as exc:
        error = schema_error(exc, IndicatorsFile, loaded, str(path))
        loc = exc.errors()[0]["loc"]
        item = data["indicators"][loc[1]] if len(loc) > 1 and isinstance(loc[1], int) else None
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            error.message = f"indicator '{item['id'][:60]}', {error.message}"
        raise DrafterError(error.message, file=error.file, place=error.place, fix=error.fix) from None


@lru_cache(maxsize=8)
def _load_rules(folder: str) -> Rules:
    return Rules(Path(folder))


def load_rules(folder: str | Path | None = None) -> Rules:
    """Rules from `folder` (default: the built-in ones), loaded once per process."""
    return _load_rules(str(Path(folder).resolve()) if folder else str(rules_dir()))
