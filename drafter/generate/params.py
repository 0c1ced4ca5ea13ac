"""Parameters of one plan: the locality, its document envelope, targets, industries and projects.

A typed pydantic model with help text on every field; `drafter schema` prints its JSON Schema so
editors can autocomplete parameter files. Checks that need the rules (known indicator ids,
action ids, industries) run in `check_against_rules`, so a user's own rules folder is honoured.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from typing import Annotated, ClassVar, Literal

from pydantic import (AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo,
                      field_validator)

from ..errors import DrafterError
from ..loader import LoadedData, clip, load_file
from ..model import Qualifier, Target  # noqa: F401 - parameters files hold targets
from ..text_fields import CONTROL, EitherLanguage, FreeText, Id, Name, Short, refuse
from ..rules import IndicatorRule, Rules, load_rules

Level = Literal["province", "city", "county", "district", "national"]

class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)


class Names(EitherLanguage, _Model):
    """A name in Chinese and English. A plain string is the Chinese name if it has Chinese
    characters, else the English one; a placeholder is written for a missing language."""

    what: ClassVar[str] = "name"

    zh: Name | None = Field(None, description="Chinese name, in Chinese characters")
    en: Name | None = Field(None, description="English name, e.g. Deqing County")

    @property
    def any(self) -> str:
        return self.zh or self.en


class Figures(Names):
    """Free text in Chinese and English, such as a project's key figures."""

    zh: FreeText | None = Field(None, description="In Chinese, e.g. the installed capacity")
    en: FreeText | None = Field(None, description="In English, e.g. 240 MW installed")


class Locality(_Model):
    name: Names = Field(description="Name of the locality, e.g. {en: Jiangmen City} with its Chinese name as zh")
    level: Level = Field(description="Administrative level: province, city, county, district, or national "
                                      "(a plan for the whole country)")
    province: Names = Field(description="Province the locality belongs to")
    parent: Names | None = Field(None, description="Superior jurisdiction whose targets apply "
                                                   "(a county's city); defaults to the province")
    coastal: bool = Field(False, description="Coastal locality: adds offshore energy and blue-carbon tasks")


class Project(_Model):
    """A local project named in the action it serves."""

    name: Names = Field(description="Project name")
    action: Id = Field(description="Action id it belongs to, e.g. action:energy_transition")
    task: Id | None = Field(None, description="Task id inside the action (drafter rules lists them); "
                                               "default: the action's introduction")
    figures: Figures | None = Field(None, description="Key figures, e.g. {en: 240 MW installed} and the same in Chinese as zh")
    year: int | None = Field(None, ge=2000, le=2060, description="Completion year")


class District(_Model):
    """A subordinate county or district, with its own peak ambition and features."""

    name: Names = Field(description="Its name, e.g. {en: Pengjiang District} with its Chinese name as zh")
    peak_year: int | None = Field(None, ge=2020, le=2035, description="The year it strives to peak by: before the "
                                  "plan's peak year it leads; none, or the plan's year, peaks in step with the plan")
    features: list[Id] = Field(default_factory=list, max_length=20, description="Its local features, ids as "
                               "for `features` (ports, tourism ...)")


def _own_indicator(rule: IndicatorRule) -> IndicatorRule:
    """A user's own indicator is held to the parameters' limits: its id and names are echoed in
    messages and written into plans, and its numbers must be finite (the rules' model allows NaN)."""
    texts = [("id", rule.id, 100)] + [(f"name.{lang}", getattr(rule.name, lang), 200) for lang in ("zh", "en", "fr")]
    for field, text, limit in texts:
        if len(text) > limit:
            raise ValueError(f"{field}: at most {limit} characters, not {len(text):,}")
        try:
            refuse(CONTROL)(text)
        except ValueError as exc:
            raise ValueError(f"{field}: {exc}") from None
    numbers = list(rule.range or ()) + [seen.value for seen in rule.seen]
    if not all(math.isfinite(n) for n in numbers):
        raise ValueError("range and seen values must be finite numbers, not .nan or .inf")
    return rule


class PlanParams(_Model):
    """Everything drafter needs to write a locality's carbon-peaking implementation plan."""

    model_config = ConfigDict(extra="forbid", title="drafter plan parameters")

    locality: Locality
    issuing_authority: Names | None = Field(None, description="Issuing authority; defaults to "
                                                              "the locality's People's Government")
    document_number: Short | None = Field(None, description="Document number: the issuer's abbreviation, the year in "
                                         "tortoise-shell brackets, the serial number and its measure word")
    issue_date: dt.date | None = Field(None, ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31),
                                       description="Issue date (YYYY-MM-DD); a placeholder is written "
                                                   "where it is missing")
    addressees: list[Names] = Field(default_factory=list, max_length=50, description="Addressees: the bodies "
                                    "the notice is addressed to")
    copy_to: list[Names] = Field(default_factory=list, max_length=50, description="Bodies sent a copy (the "
                                 "colophon's copies line at the foot of the last page)")
    printed_by: Names | None = Field(None, description="Office that prints and issues the document (the "
                                     "colophon's last line); defaults to the issuing authority")
    letterhead: Literal[False, True, "preprinted"] = Field(False, description="true: the issuer's red mark and "
                                                     "separator above the document number; preprinted: a blank band "
                                                     "of the same height for letterhead paper")
    prompts: bool = Field(True, description="A highlighted prompt in every task the parameters give no local "
                          "fact for (projects, enterprises, parks, districts); false for a clean skeleton")
    report_to: Names | None = Field(None, description="Bureau that problems are reported to, e.g. "
                                                      "{en: County Development and Reform Bureau} with its Chinese name as zh")
    plan_kind: Literal["implementation", "work"] = Field(
        "implementation", description="implementation (an implementation plan) or work (a work plan)")
    baseline_year: int = Field(2020, ge=2005, le=2030, description="Baseline year of the targets")
    peak_year: int = Field(2030, ge=2020, le=2035, description="Year carbon emissions peak by")
    targets: list[Target] = Field(default_factory=list, max_length=500, description="Quantitative targets")
    key_industries: list[Id] = Field(default_factory=list, max_length=50, description="Key industries, "
                                     "e.g. cement, ceramics, steel, chemicals, data_centres")
    projects: list[Project] = Field(default_factory=list, max_length=500, description="Local projects")
    features: list[Id] = Field(default_factory=list, max_length=20, description="Local features that add the "
                               "paragraphs plans write for them: coastal, hydropower, nuclear, ports, ceramics_cluster, "
                               "mining, tourism, agriculture (rules/industries.yaml `features`)")
    districts: list[District] = Field(default_factory=list, max_length=100, description="Subordinate counties and "
                                      "districts, each with its peak ambition and features: written into the "
                                      "phased-peaking action and the responsibility section")
    indicators: list[Annotated[IndicatorRule, AfterValidator(_own_indicator)]] = Field(
        default_factory=list, max_length=500, description="Your own indicators, in the form of "
        "rules/indicators.yaml, for targets the catalogue lacks")
    actions: list[Id] | None = Field(None, max_length=100, description="The plan's actions in order (what "
                                     "`drafter extract` writes); overrides include/exclude/action_order for actions")
    include: list[Id] = Field(default_factory=list, max_length=100, description="Optional sections or actions "
                              "to add, e.g. action:agriculture_rural, working_principles, cooperation")
    exclude: list[Id] = Field(default_factory=list, max_length=100, description="Frequent sections or actions "
                              "to leave out, e.g. action:technology_innovation, general_requirements")
    action_order: list[Id] | None = Field(None, max_length=100, description="Explicit order of the actions "
                                          "(every included action once); default: the national order")
    task_numbering: Literal["continuous", "restart"] = Field(
        "continuous", description="continuous: tasks numbered 1..N across key tasks (Deqing, Jiangmen); "
                                  "restart: from 1 in each action (Guang'an, Dezhou)")
    titles: dict[Id, Names] = Field(default_factory=dict, max_length=500, description="The locality's own title "
                                    "of a section or action, by id (e.g. action:circular_economy), in place of the "
                                    "standard one")
    responsible_units: dict[Id, Annotated[list[Names], Field(max_length=50)]] = Field(
        default_factory=dict, max_length=500, description="Responsible units per action or task id "
                                          "(Dezhou style); the first is the lead unit")

    @field_validator("document_number")
    @classmethod
    def _doc_number(cls, value, info: ValidationInfo):
        if value is None:
            return value
        rules = (info.context or {}).get("rules") or load_rules()
        if not rules.document_number.search(value):
            raise ValueError(f"must look like {rules.wording.document_number_example} (the issuer, the year in "
                             "brackets, the serial number)")
        return value

    def authority_in(self, rules: Rules) -> Names:
        """The issuing authority; by default the locality's People's Government, in the rules' form."""
        if self.issuing_authority:
            return self.issuing_authority
        name, forms = self.locality.name, rules.wording.authority
        return Names(zh=forms.zh.format(name=name.zh) if name.zh else None,
                     en=forms.en.format(name=name.en) if name.en else None)

    @property
    def authority(self) -> Names:
        return self.authority_in(load_rules())

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
        field = ".".join(clip(p, 40) for p in path)
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
    features = list(rules.features)
    for path, fid in [(("features", i), f) for i, f in enumerate(params.features)] + [
            (("districts", i, "features", j), f) for i, d in enumerate(params.districts) for j, f in enumerate(d.features)]:
        if fid not in rules.features:
            fail(path, f"unknown feature '{fid}'", suggest(fid, features))
    for i, project in enumerate(params.projects):
        if not rules.has_action(project.action):
            fail(("projects", i, "action"), f"unknown action '{project.action}'",
                 suggest(project.action, rules.action_ids))
    for key in params.responsible_units:
        known = rules.action_ids + [t.id for a in rules.actions for t in a.tasks]
        if key not in known:
            fail(("responsible_units", key), f"unknown action or task '{key}'", suggest(key, known))
    for key in params.titles:
        if key not in section_ids and not rules.has_action(key):
            fail(("titles", key), f"unknown section or action '{key}'", suggest(key, section_ids + rules.action_ids))
    for i, aid in enumerate(params.actions or []):
        if not rules.has_action(aid):
            fail(("actions", i), f"unknown action '{aid}'", suggest(aid, rules.action_ids))
    if params.action_order is not None:
        for i, aid in enumerate(params.action_order):
            if not rules.has_action(aid):
                fail(("action_order", i), f"unknown action '{aid}'", suggest(aid, rules.action_ids))


_SHOWN_ERRORS = 5  # a message stays one readable line however many fields are wrong


def _field_errors(exc: ValidationError, loaded: LoadedData | None) -> str:
    """'N invalid field(s): path (line L): message; …', the first few of them. Field names come
    from the file, so they are clipped and their control characters escaped."""
    errors = exc.errors(include_url=False, include_input=False, include_context=False)
    parts = []
    for err in errors[:_SHOWN_ERRORS]:
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        line = loaded.line_of(loc) if loaded else None
        field = ".".join(clip(p, 40) for p in loc) or "(top level)"
        parts.append(f"{field}{f' (line {line})' if line else ''}: {clip(err['msg'], 200)}")
    if len(errors) > _SHOWN_ERRORS:
        parts.append(f"and {len(errors) - _SHOWN_ERRORS} more")
    return f"{len(errors)} invalid field(s): " + "; ".join(parts)


def validate_data(data, rules: Rules, *, file: str | None = None, loaded: LoadedData | None = None,
                  place: str | None = None) -> PlanParams:
    """Parameters from already-parsed data (a file, or a batch row), every error in one line."""
    if not isinstance(data, dict):
        raise DrafterError("the parameters must be a mapping of fields", file=file, place=place or "1",
                           fix="start with 'locality:' (see samples/)")
    try:
        params = PlanParams.model_validate(data, context={"rules": rules})
    except ValidationError as exc:
        raise DrafterError(_field_errors(exc, loaded), file=file, place=place,
                           fix="see `drafter schema` for every field") from None
    check_against_rules(params, rules.with_indicators(params.indicators), loaded, file, place)
    return params


def parse_params(loaded: LoadedData, rules: Rules) -> PlanParams:
    return validate_data(loaded.data, rules, file=loaded.file, loaded=loaded)


def load_params(path, rules: Rules) -> PlanParams:
    return parse_params(load_file(path), rules)
