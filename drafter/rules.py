"""The rules: plan structure, actions, industries, indicators and phrasing, loaded from rules/*.yaml.

The YAML files are the single source of truth for both directions (generation and validation);
this module only types them, so a broken rule file fails loudly with its file and field.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from .errors import DrafterError
from .loader import load_file
from .resources import rules_dir

Status = Literal["required", "frequent", "optional"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    zh: str
    en: str


class Trilingual(_Strict):
    zh: str = ""
    en: str = ""
    fr: str = ""


class Aliases(_Strict):
    """Regular expressions by language (section aliases, indicator recognition patterns)."""

    zh: list[str] = []
    en: list[str] = []
    fr: list[str] = []

    @field_validator("zh", "en", "fr")
    @classmethod
    def _compiles(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"pattern {pattern!r} is not a valid regular expression ({exc})") from None
        return patterns


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


class Rules:
    """All rule files of one rules folder, typed and indexed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict = {}
        structure = self.load("structure.yaml")
        actions = self.load("actions.yaml")
        self.sections: list[SectionRule] = self._typed(
            "structure.yaml", ("sections",), SectionRule, structure.get("sections", []))
        self.actions: list[ActionRule] = self._typed(
            "actions.yaml", ("actions",), ActionRule, actions.get("actions", []))
        section_tasks = actions.get("section_tasks", {}) or {}
        self.section_tasks: dict[str, list[TaskRule]] = {
            sid: self._typed("actions.yaml", ("section_tasks", sid), TaskRule, tasks)
            for sid, tasks in section_tasks.items()}
        self.industries: list[IndustryRule] = self._typed(
            "industries.yaml", ("industries",), IndustryRule,
            self.load("industries.yaml").get("industries", []))
        self.indicators: list[IndicatorRule] = self._typed(
            "indicators.yaml", ("indicators",), IndicatorRule,
            self.load("indicators.yaml").get("indicators", []))
        self.phrasing: dict[str, Any] = self.load("phrasing.yaml")
        self.reading: dict[str, Any] = self.load("reading.yaml")
        self._section_by_id = {s.id: s for s in self.sections}
        self._action_by_id = {a.id: a for a in self.actions}
        self._industry_by_id = {i.id: i for i in self.industries}
        self._indicator_by_id = {i.id: i for i in self.indicators}

    # -- loading -------------------------------------------------------------------------
    def load(self, name: str) -> dict:
        """One rule file's data (its lines kept for error messages)."""
        path = self.folder / name
        if not path.is_file():
            raise DrafterError("rule file missing", file=str(path),
                               fix="point --rules at a folder holding every built-in rule file")
        loaded = load_file(path)
        self._loaded[name] = loaded
        return loaded.data or {}

    def _typed(self, name: str, path: tuple, model: type[BaseModel], items: list) -> list:
        out = []
        for i, item in enumerate(items or []):
            try:
                out.append(model.model_validate(item))
            except ValidationError as exc:
                err = exc.errors()[0]
                full = path + (i,) + tuple(err["loc"])
                field = ".".join(str(p) for p in full)
                line = self._loaded[name].line_of(full)
                raise DrafterError(f"{field}: {err['msg']}", file=str(self.folder / name),
                                   place=str(line) if line else None,
                                   fix="quote values that contain commas or colons") from None
        return out

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
    data = loaded.data or {}
    items = data.get("indicators") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise DrafterError("expected a list under 'indicators:'", file=str(path), place="1",
                           fix="use the form of rules/indicators.yaml")
    out = []
    for i, item in enumerate(items):
        try:
            out.append(IndicatorRule.model_validate(item))
        except ValidationError as exc:
            err = exc.errors()[0]
            loc = ("indicators", i) + tuple(err["loc"])
            line = loaded.line_of(loc)
            named = f"indicator '{item['id']}', " if isinstance(item, dict) and "id" in item else ""
            raise DrafterError(f"{named}{'.'.join(map(str, loc))}: {err['msg']}", file=str(path),
                               place=str(line) if line else None) from None
    return out


@lru_cache(maxsize=8)
def _load_rules(folder: str) -> Rules:
    return Rules(Path(folder))


def load_rules(folder: str | Path | None = None) -> Rules:
    """Rules from `folder` (default: the built-in ones), loaded once per process."""
    return _load_rules(str(Path(folder).resolve()) if folder else str(rules_dir()))
