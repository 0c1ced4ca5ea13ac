"""The rules: plan structure, actions, industries, indicators, phrasing, reading and checks, loaded
from rules/*.yaml, the single source of truth for both directions (generation and validation);
this module only types them, so a broken rule file fails loudly with its file, key and line.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path
from typing import Callable, Literal, TypeVar

from pydantic import BaseModel, Field, ValidationError, model_validator

from .errors import DrafterError
from .layout_rules import LayoutRules
from .loader import RULE_LIMITS, load_file
from .patterns import PatternBudget, PatternSet, pattern_set
from .quantity_rules import QuantityRules
from .resources import rules_dir
from .rule_schema import (LEVEL_SAMPLES, Bilingual, Patterns, PhrasingRules, ReadingRules, Trilingual, _Strict,
                          check_template, schema_error)
from .structure_rules import NumberingRules, ReadingProfiles
from .wording_rules import WordingRules

__all__ = ["Bilingual", "Trilingual", "Rules", "IndicatorRule", "load_rules", "load_indicator_file"]

Status = Literal["required", "frequent", "optional"]
T = TypeVar("T")


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
    # How the reader names what it finds (drafter/read/naming.py): a section some plans place under
    # another parent, what the children are, which are tried first, the untitled child that states
    # the plan's phases.
    also_under: list[str] = []
    children_are: Literal["sections", "actions", "tasks"] = "sections"
    match_first: list[str] = []
    phase_child: str | None = None
    # Its children may sit under thematic chapters of their own titles (naming.py reads them as parts).
    thematic_parts: bool = False


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


class FeatureRule(_Strict):
    id: str
    name: Bilingual
    places: list[str] = Field(min_length=1)  # the first task (or sector:<id>, or action) a plan has holds its text
    coastal: bool = False  # switches on the coastal tasks
    reads: Patterns = []  # words a plan that has the feature writes (what `extract` reads it from)


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
    # The horizon years whose main-objectives sentence states it (a generated plan writes a
    # placeholder when the parameters give no value; the validator expects it). `true`: a headline
    # indicator stated in its own way (the carbon-peak commitment), as older files mark them all.
    headline: bool | list[int] = False
    range: tuple[float, float] | None = None
    phrase: Bilingual | None = None
    patterns: Aliases = Aliases()  # recognition patterns (zh, en, fr) on normalised text
    seen: list[SeenValue] = []

    @model_validator(mode="after")
    def _phrase_placeholders(self):
        # A year is written with its {value} alone; other kinds fill the level form's placeholders.
        year = {"value": 2030, "when": "2030", "strive": "", "will": "will"}  # the peak year's placeholders
        samples = year if self.kind == "year" else LEVEL_SAMPLES
        for lang in ("zh", "en"):
            if self.phrase is not None:
                try:
                    check_template(getattr(self.phrase, lang), samples)
                except ValueError as exc:
                    raise ValueError(f"phrase.{lang}: {exc}") from None
        return self

    @property
    def horizon_years(self) -> list[int]:
        return self.headline if isinstance(self.headline, list) else []

    @cached_property
    def recognizer(self) -> PatternSet:
        """Its recognition patterns of every language, compiled once for this indicator."""
        return self.patterns.all


def headline_horizons(indicators: list[IndicatorRule]) -> dict[int, list[str]]:
    """Horizon year -> the indicators its main-objectives sentence states, in catalogue order."""
    years = sorted({year for ind in indicators for year in ind.horizon_years})
    return {year: [ind.id for ind in indicators if year in ind.horizon_years] for year in years}


class StructureFile(_Strict):
    sections: list[SectionRule]
    numbering: NumberingRules
    reading_profiles: ReadingProfiles

    @model_validator(mode="after")
    def _known_section_ids(self):
        ids = {s.id for s in self.sections}
        for s in self.sections:
            for other in s.also_under + ([s.phase_child] if s.phase_child else []):
                if other not in ids:
                    raise ValueError(f"section {s.id}: unknown section id '{other}'")
        return self


class ActionsFile(_Strict):
    actions: list[ActionRule]
    section_tasks: dict[str, list[TaskRule]] = {}


class IndustriesFile(_Strict):
    industries: list[IndustryRule]
    features: list[FeatureRule] = []


class IndicatorsFile(_Strict):
    indicators: list[IndicatorRule]


class Rules:
    """All rule files of one rules folder, typed and indexed. Frozen once loaded: what is derived
    from the rules (indexes, compiled patterns, the readers' compiled views) has one owner, here."""

    _MEMO_SIZE = 8  # rules-with-indicators kept per rules object (a plan's own indicators)

    def __init__(self, folder: Path) -> None:
        from .check_kinds import ChecksFile  # its ids are checked against these rules

        self._init_state(folder)
        self._context = {"patterns": PatternBudget(),  # for the whole folder
                         "shipped": folder.resolve() == rules_dir().resolve()}
        structure = self._typed("structure.yaml", StructureFile)
        self.sections: list[SectionRule] = structure.sections
        self.numbering: NumberingRules = structure.numbering
        self.reading_profiles: ReadingProfiles = structure.reading_profiles
        actions = self._typed("actions.yaml", ActionsFile)
        self.actions: list[ActionRule] = actions.actions
        self.section_tasks: dict[str, list[TaskRule]] = actions.section_tasks
        industries = self._typed("industries.yaml", IndustriesFile)
        self.industries, self.features = industries.industries, {f.id: f for f in industries.features}
        self.indicators: list[IndicatorRule] = self._typed("indicators.yaml", IndicatorsFile).indicators
        self.phrasing: PhrasingRules = self._typed("phrasing.yaml", PhrasingRules)
        self.reading: ReadingRules = self._typed("reading.yaml", ReadingRules)
        self.wording: WordingRules = self._typed("wording.yaml", WordingRules)
        self.layout: LayoutRules = self._typed("layout.yaml", LayoutRules)
        self.quantities: QuantityRules = self._typed("quantities.yaml", QuantityRules)
        self._check_references()
        self.phrasing = self.phrasing.model_copy(update={"horizons": self._horizons()})
        self.checks = self._typed("checks.yaml", ChecksFile, context={"rules": self}).rules
        self._frozen = True

    def _init_state(self, folder: Path) -> None:
        self.folder = folder
        self._loaded: dict = {}
        self._views: dict = {}
        self._memo: dict = {}

    def __setattr__(self, name: str, value) -> None:
        if getattr(self, "_frozen", False):
            raise AttributeError(f"the rules are frozen once loaded; '{name}' cannot be set")
        object.__setattr__(self, name, value)

    # -- derived state ---------------------------------------------------------------------
    @cached_property
    def _section_by_id(self) -> dict[str, SectionRule]:
        return {s.id: s for s in self.sections}

    @cached_property
    def _action_by_id(self) -> dict[str, ActionRule]:
        return {a.id: a for a in self.actions}

    @cached_property
    def _industry_by_id(self) -> dict[str, IndustryRule]:
        return {i.id: i for i in self.industries}

    @cached_property
    def _indicator_by_id(self) -> dict[str, IndicatorRule]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def aliases(self) -> dict[str, list[str]]:
        """Every section's and action's heading aliases, all languages together."""
        return {rule.id: rule.aliases.zh + rule.aliases.en + rule.aliases.fr
                for rule in list(self.sections) + list(self.actions)}

    @cached_property
    def document_number(self) -> PatternSet:
        """A whole document number: an issuer, then the first of reading.yaml's `document_number`
        patterns (the form a plan writes and parameters must follow; the others are only read)."""
        return pattern_set((f"^.+(?:{self.reading.document_number[0]})$",))

    def view(self, build: Callable[["Rules"], T]) -> T:
        """A compiled view of these rules (the outline reader, the target finder), built once by
        `build`, which belongs to the layer that uses it: the rules sit below the readers and
        do not import them, yet they own the view's lifetime, as they own their other derived state."""
        view = self._views.get(build)
        if view is None:
            view = self._views[build] = build(self)
        return view

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
        places = self.action_ids + [t.id for a in self.actions for t in a.tasks] + [f"sector:{i}" for i in self.industry_ids]
        refs += [("industries.yaml", ("features", i, "places", j), place, places)
                 for i, f in enumerate(self.features.values()) for j, place in enumerate(f.places)]
        for name, path, value, ids in refs:
            if value not in ids:
                line = self._loaded[name].line_of(path)
                raise DrafterError(f"{'.'.join(map(str, path))}: unknown id '{value}'", file=str(self.folder / name),
                                   place=str(line) if line else None, fix="known: " + ", ".join(ids))

    def _horizons(self) -> dict[int, list[str]]:
        """The horizons, declared once by the indicators' headline years; an older phrasing.yaml
        may still list them, if it agrees."""
        declared, derived = self.phrasing.horizons, headline_horizons(self.indicators)
        if declared and derived and declared != derived:
            line = self._loaded["phrasing.yaml"].line_of(("horizons",))
            raise DrafterError(f"horizons: {declared} differ from the headline years of indicators.yaml {derived}",
                               file=str(self.folder / "phrasing.yaml"), place=str(line) if line else None,
                               fix="remove horizons from phrasing.yaml: indicators.yaml `headline:` declares them")
        return derived or declared

    def with_indicators(self, extra: list[IndicatorRule]) -> "Rules":
        """These rules plus a user's own indicators (a --targets file or a parameters file's
        `indicators:`); a user indicator replaces a built-in one of the same id. Their patterns
        were checked when the indicators were read (Aliases). The same indicators give the same
        rules object back, so a plan's checks and its composer share one copy and its views."""
        if not extra:
            return self
        key = tuple(id(i) for i in extra)
        held = self._memo.get(key)
        if held is not None and all(a is b for a, b in zip(held[0], extra)):
            return held[1]
        clone = object.__new__(Rules)
        clone._init_state(self.folder)
        ids = {i.id for i in extra}
        for name, value in vars(self).items():
            derived = name.startswith("_") or isinstance(getattr(Rules, name, None), cached_property)
            if not derived or name in ("_context", "_loaded"):
                object.__setattr__(clone, name, value)  # the typed rule files, shared
        object.__setattr__(clone, "indicators", [i for i in self.indicators if i.id not in ids] + list(extra))
        object.__setattr__(clone, "_frozen", True)
        if len(self._memo) >= self._MEMO_SIZE:
            self._memo.pop(next(iter(self._memo)))
        self._memo[key] = (tuple(extra), clone)  # holding `extra` keeps its ids from being reused
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
