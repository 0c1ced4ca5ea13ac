"""Parameters of one plan: the locality, its document envelope, targets, industries and projects.

A typed pydantic model with help text on every field; `drafter schema` prints its JSON Schema so
editors can autocomplete parameter files. Checks that need the rules (known indicator ids,
action ids, industries) run in `check_against_rules`, so a user's own rules folder is honoured.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import DrafterError
from .loader import LoadedData, load_file
from .rules import IndicatorRule, Rules

Level = Literal["province", "city", "county", "district"]
Qualifier = Literal["exact", "about", "more_than", "at_least", "at_most", "all", "range"]

_DOC_NUMBER = re.compile(r"^.+〔\d{4}〕\d+号$")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Names(_Model):
    """A name in Chinese and English. A plain string is the Chinese name if it has Chinese
    characters, else the English one; a placeholder is written for a missing language."""

    zh: str | None = Field(None, min_length=1, description="Chinese name, e.g. 德庆县")
    en: str | None = Field(None, min_length=1, description="English name, e.g. Deqing County")

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"zh": value} if re.search(r"[\u3400-\u9fff]", value) else {"en": value}
        return value

    @model_validator(mode="after")
    def _one_language(self):
        if not self.zh and not self.en:
            raise ValueError("give the name in zh or en")
        return self

    @property
    def any(self) -> str:
        return self.zh or self.en


class Locality(_Model):
    name: Names = Field(description="Name of the locality, e.g. {zh: 江门市, en: Jiangmen City}")
    level: Level = Field(description="Administrative level: province, city, county or district")
    province: Names = Field(description="Province the locality belongs to")
    parent: Names | None = Field(None, description="Superior jurisdiction whose targets apply "
                                                   "(a county's city); defaults to the province")
    coastal: bool = Field(False, description="Coastal locality: adds offshore energy and blue-carbon tasks")


class Target(_Model):
    """A quantitative target, or the promise to meet the target set by the superior government."""

    indicator: str = Field(description="Indicator id from the catalogue (drafter rules lists them), "
                                       "e.g. energy_intensity_reduction")
    year: int = Field(ge=2020, le=2060, description="Target year, e.g. 2025")
    value: float | None = Field(None, description="Target value in the indicator's unit; leave out "
                                                  "with superior: true")
    value_max: float | None = Field(None, description="Upper bound when qualifier is range")
    unit: str | None = Field(None, description="Unit; defaults to the indicator's unit")
    qualifier: Qualifier = Field("exact", description="exact, about (左右), more_than (以上), "
                                 "at_least (不低于), at_most (以内), all (全部), range")
    strive: bool = Field(False, description="A stretch target (力争 / strive to)")
    baseline_year: int | None = Field(None, description="Baseline year for a change; defaults to "
                                                        "the plan's baseline year")
    superior: bool = Field(False, description="Meet the target set by the superior government "
                                              "instead of a number")
    trend: bool = Field(False, description="State only the direction (稳步提升 / increase steadily) "
                                           "instead of a number")
    section: str | None = Field(None, description="Where `drafter extract` found it (informational)")
    quote: str | None = Field(None, description="The sentence `drafter extract` found it in (informational)")

    @model_validator(mode="after")
    def _value_or_superior(self):
        if (self.superior or self.trend) and self.value is not None:
            raise ValueError("give either value, superior: true or trend: true, not several")
        if self.superior and self.trend:
            raise ValueError("give either superior: true or trend: true, not both")
        if not (self.superior or self.trend) and self.value is None and self.qualifier != "all":
            raise ValueError("value is missing (or set superior: true to meet the superior's target)")
        if self.qualifier == "range" and self.value_max is None:
            raise ValueError("qualifier range needs value_max")
        if self.qualifier == "all" and self.value is None:
            self.value = 100.0
        return self


class Project(_Model):
    """A local project named in the action it serves."""

    name: Names = Field(description="Project name")
    action: str = Field(description="Action id it belongs to, e.g. action:energy_transition")
    task: str | None = Field(None, description="Task id inside the action (drafter rules lists them); "
                                               "default: the action's introduction")
    figures: Names | None = Field(None, description="Key figures, e.g. {zh: 装机240兆瓦, en: 240 MW}")
    year: int | None = Field(None, ge=2000, le=2060, description="Completion year")


class PlanParams(_Model):
    """Everything drafter needs to write a locality's carbon-peaking implementation plan."""

    model_config = ConfigDict(extra="forbid", title="drafter plan parameters")

    locality: Locality
    issuing_authority: Names | None = Field(None, description="Issuing authority; defaults to "
                                                              "the locality's People's Government")
    document_number: str | None = Field(None, description="发文字号, e.g. 德府〔2025〕12号")
    issue_date: dt.date | None = Field(None, description="Issue date (YYYY-MM-DD); a placeholder "
                                                         "is written where it is missing")
    addressees: list[Names] = Field(default_factory=list, description="主送: the bodies the notice "
                                    "is addressed to")
    report_to: Names | None = Field(None, description="Bureau that problems are reported to, e.g. "
                                                      "{zh: 县发展改革局, en: County Development and Reform Bureau}")
    plan_kind: Literal["implementation", "work"] = Field(
        "implementation", description="实施方案 (implementation plan) or 工作方案 (work plan)")
    baseline_year: int = Field(2020, ge=2005, le=2030, description="Baseline year of the targets")
    peak_year: int = Field(2030, ge=2020, le=2035, description="Year carbon emissions peak by")
    targets: list[Target] = Field(default_factory=list, description="Quantitative targets")
    key_industries: list[str] = Field(default_factory=list, description="Key industries, e.g. "
                                      "cement, ceramics, steel, chemicals, data_centres")
    projects: list[Project] = Field(default_factory=list, description="Local projects")
    indicators: list[IndicatorRule] = Field(default_factory=list, description="Your own indicators, "
                                            "in the form of rules/indicators.yaml, for targets the catalogue lacks")
    actions: list[str] | None = Field(None, description="The plan's actions in order (what `drafter "
                                      "extract` writes); overrides include/exclude/action_order for actions")
    include: list[str] = Field(default_factory=list, description="Optional sections or actions to "
                               "add, e.g. action:agriculture_rural, working_principles, cooperation")
    exclude: list[str] = Field(default_factory=list, description="Frequent sections or actions to "
                               "leave out, e.g. action:technology_innovation, general_requirements")
    action_order: list[str] | None = Field(None, description="Explicit order of the actions "
                                           "(every included action once); default: the national order")
    task_numbering: Literal["continuous", "restart"] = Field(
        "continuous", description="continuous: tasks numbered 1..N across key tasks (Deqing, Jiangmen); "
                                  "restart: from 1 in each action (Guang'an, Dezhou)")
    responsible_units: dict[str, list[Names]] = Field(
        default_factory=dict, description="Responsible units per action or task id "
                                          "(Dezhou style); the first is the lead unit")

    @field_validator("document_number")
    @classmethod
    def _doc_number(cls, value):
        if value is not None and not _DOC_NUMBER.match(value):
            raise ValueError("must look like 某府〔2024〕3号 (year in 〔〕, serial number, 号)")
        return value

    @property
    def authority(self) -> Names:
        if self.issuing_authority:
            return self.issuing_authority
        name = self.locality.name
        return Names(zh=f"{name.zh}人民政府" if name.zh else None,
                     en=f"People's Government of {name.en}" if name.en else None)

    @property
    def superior(self) -> Names:
        return self.locality.parent or self.locality.province


def suggest(word: str, known: list[str]) -> str:
    """'did you mean …? known: …' for an unknown id."""
    near = difflib.get_close_matches(word, known, n=3, cutoff=0.5)
    hint = f"did you mean {', '.join(near)}? " if near else ""
    return hint + "known: " + ", ".join(known)


def check_against_rules(params: PlanParams, rules: Rules, loaded: LoadedData | None = None,
                        file: str | None = None, place: str | None = None) -> None:
    """Checks that need the rules: every id a parameters file names must exist there."""
    file = loaded.file if loaded else file

    def fail(path: tuple, message: str, fix: str) -> None:
        line = loaded.line_of(path) if loaded else None
        field = ".".join(str(p) for p in path)
        raise DrafterError(f"{field}: {message}", file=file,
                           place=str(line) if line else place, fix=fix)

    for i, target in enumerate(params.targets):
        if rules.indicator(target.indicator) is None:
            fail(("targets", i, "indicator"), f"unknown indicator '{target.indicator}'",
                 suggest(target.indicator, rules.indicator_ids))
    for i, industry in enumerate(params.key_industries):
        if industry not in rules.industry_ids:
            fail(("key_industries", i), f"unknown industry '{industry}'", suggest(industry, rules.industry_ids))
    section_ids = [s.id for s in rules.sections]
    for field in ("include", "exclude"):
        for i, sid in enumerate(getattr(params, field)):
            if sid not in section_ids and not rules.has_action(sid):
                fail((field, i), f"unknown section or action '{sid}'", suggest(sid, section_ids + rules.action_ids))
            status = rules.action(sid).status if rules.has_action(sid) else rules.section(sid).status
            if field == "exclude" and status == "required":
                fail((field, i), f"'{sid}' is required in every plan and cannot be left out",
                     "remove it from exclude")
    if "action:key_industries" in params.include:
        sectors = [i for i in params.key_industries if rules.industry(i).sector_task]
        if not sectors:
            fail(("include", params.include.index("action:key_industries")),
                 "action:key_industries needs at least one key industry with sector tasks",
                 "list them under key_industries, e.g. [cement, ceramics]")
    for i, project in enumerate(params.projects):
        if not rules.has_action(project.action):
            fail(("projects", i, "action"), f"unknown action '{project.action}'",
                 suggest(project.action, rules.action_ids))
    for key in params.responsible_units:
        known = rules.action_ids + [t.id for a in rules.actions for t in a.tasks]
        if key not in known:
            fail(("responsible_units", key), f"unknown action or task '{key}'", suggest(key, known))
    for i, aid in enumerate(params.actions or []):
        if not rules.has_action(aid):
            fail(("actions", i), f"unknown action '{aid}'", suggest(aid, rules.action_ids))
    if params.action_order is not None:
        for i, aid in enumerate(params.action_order):
            if not rules.has_action(aid):
                fail(("action_order", i), f"unknown action '{aid}'", suggest(aid, rules.action_ids))


def validate_data(data, rules: Rules, *, file: str | None = None, loaded: LoadedData | None = None,
                  place: str | None = None) -> PlanParams:
    """Parameters from already-parsed data (a file, or a batch row), every error in one line."""
    if not isinstance(data, dict):
        raise DrafterError("the parameters must be a mapping of fields", file=file, place=place or "1",
                           fix="start with 'locality:' (see samples/)")
    try:
        params = PlanParams.model_validate(data)
    except ValidationError as exc:
        parts = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            line = loaded.line_of(loc) if loaded else None
            field = ".".join(str(p) for p in loc) or "(top level)"
            parts.append(f"{field}{f' (line {line})' if line else ''}: {err['msg']}")
        raise DrafterError(f"{len(parts)} invalid field(s): " + "; ".join(parts), file=file, place=place,
                           fix="see `drafter schema` for every field") from None
    check_against_rules(params, rules.with_indicators(params.indicators), loaded, file, place)
    return params


def parse_params(loaded: LoadedData, rules: Rules) -> PlanParams:
    return validate_data(loaded.data, rules, file=loaded.file, loaded=loaded)


def load_params(path, rules: Rules) -> PlanParams:
    return parse_params(load_file(path), rules)
