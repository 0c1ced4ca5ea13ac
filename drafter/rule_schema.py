"""The shape of the rule files: base models, sentence forms with their placeholders, phrasing.yaml
and reading.yaml, and how a schema error is told to the user.

Every rule file is typed when it is read, the way sqlfluff types each rule's configuration: a
misspelt or missing key, a pattern RE2 refuses or a placeholder no one fills is reported then, with
its file, key and line, never as a KeyError when a document first exercises the rule.
"""

from __future__ import annotations

import difflib
import string
import types
import typing
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from .errors import DrafterError
from .loader import LoadedData
from .patterns import Pattern

Patterns = Annotated[list[Pattern], Field(max_length=100)]  # the built-in lists hold 15 at most
Qualifier = Literal["exact", "about", "more_than", "at_least", "at_most", "all", "range", "before", "by"]
QUALIFIERS = typing.get_args(Qualifier)
# The qualifiers of a year (the carbon peak before or by it): never read around other figures, and
# optional (an older rules folder without them writes the peak year its own way).
YEAR_QUALIFIERS = ("before", "by")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Bilingual(_Strict):
    zh: str
    en: str


class Trilingual(_Strict):
    zh: str = ""
    en: str = ""
    fr: str = ""


# -- sentence forms ------------------------------------------------------------------------------
_FORMATTER = string.Formatter()


def check_template(text: str, provided: dict[str, object]) -> str:
    """`text` is filled with str.format from `provided` (names with sample values): every
    placeholder must be a plain name among them, and filling the samples must work."""
    try:
        fields = [(name, spec) for _, name, spec, _ in _FORMATTER.parse(text) if name is not None]
    except ValueError as exc:
        raise ValueError(f"{exc} in {text!r} (write {{{{ and }}}} for literal braces)") from None
    known = ", ".join("{" + n + "}" for n in provided) or "none"
    for name, _ in fields:
        if not name.isidentifier():
            raise ValueError(f"placeholder {{{name}}} in {text!r} is not a plain name (known here: {known})")
        if name not in provided:
            near = difflib.get_close_matches(name, list(provided), n=1, cutoff=0.6)
            hint = f"did you mean {{{near[0]}}}? " if near else ""
            raise ValueError(f"unknown placeholder {{{name}}} in {text!r} ({hint}known here: {known})")
    try:
        text.format(**provided)
    except (ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        raise ValueError(f"{text!r} cannot be filled: {exc}") from None
    return text


def Form(**samples):  # noqa: N802 - used as a type
    """A string field holding a sentence form that is filled with these placeholders."""
    return Annotated[str, AfterValidator(lambda text: check_template(text, samples))]


# What each kind of form is filled with (phrasing.py), as sample values of the right type.
QUALIFIER_FORM = Form(v="14%", v2="16%")
CHANGE_FORM = Form(name="x", value="14%", baseline=2020, strive="", will="will")
LEVEL_FORM = Form(name="x", value="14%", strive="", will="will", reach="reach")
LEVEL_SAMPLES = {"name": "x", "value": "14%", "strive": "", "will": "will", "reach": "reach"}
NAME_FORM = Form(name="x")
SUPERIOR_FORM = Form(name="x", superior="the city")
RELATIVE_FORM = Form(name="x", relative="remain among the leaders")
PLACEHOLDER_FORM = Form(name="x", year=2025)
SENTENCE_FORM = Form(year=2025, clauses="x")


# -- phrasing.yaml -------------------------------------------------------------------------------
class QualifierForms(_Strict):
    zh: QUALIFIER_FORM
    en: QUALIFIER_FORM


class ChangeForms(_Strict):
    zh: CHANGE_FORM
    zh_no_baseline: CHANGE_FORM
    en: CHANGE_FORM
    en_no_baseline: CHANGE_FORM


class LevelForms(_Strict):
    zh: LEVEL_FORM
    en: LEVEL_FORM


class NameForms(_Strict):
    zh: NAME_FORM
    en: NAME_FORM


class SuperiorForms(_Strict):
    zh: SUPERIOR_FORM
    en: SUPERIOR_FORM


class PlaceholderForms(_Strict):
    zh: PLACEHOLDER_FORM
    en: PLACEHOLDER_FORM


class ChangeKinds(_Strict):
    rise: ChangeForms
    fall: ChangeForms


class TrendKinds(_Strict):
    rise: NameForms
    fall: NameForms


class SuperiorKinds(_Strict):
    change: SuperiorForms
    level: SuperiorForms


class RelativeForms(_Strict):
    zh: RELATIVE_FORM
    en: RELATIVE_FORM


class RelativeChange(_Strict):
    rise: RelativeForms
    fall: RelativeForms


class RelativeKinds(_Strict):
    change: RelativeChange
    level: RelativeForms


class KindForms(_Strict):
    change: ChangeKinds
    level: LevelForms
    superior: SuperiorKinds
    trend: TrendKinds
    placeholder: PlaceholderForms
    relative: RelativeKinds | None = None  # rules written before relative targets lack it


class Sentence(_Strict):
    zh: SENTENCE_FORM
    en: SENTENCE_FORM
    zh_no_year: str = "{clauses}"  # a target stated without a year
    en_no_year: str = "{clauses}."
    join: Bilingual
    join_last: Bilingual


class Reach(_Strict):
    zh: dict[Literal["default", Qualifier], str]
    en: dict[Literal["default", Qualifier], str]

    @model_validator(mode="after")
    def _has_default(self):
        for lang in ("zh", "en"):
            if "default" not in getattr(self, lang):
                raise ValueError(f"reach.{lang} needs a 'default' verb")
        return self


class Unit(_Strict):
    """A unit: how it is written (zh, en), the patterns that read it, and how it compares."""

    zh: str
    en: str
    wan: bool = False  # Chinese writes large values in units of the scales marked for zh
    space_en: bool = True
    read: Patterns = []  # tried in the order of the units: longer words first
    measures: str = ""  # units measuring one quantity are compatible (kW, MW); default: the unit alone
    base: str = ""  # the unit values are compared in (MW -> kW), with its factor
    factor: float = Field(1.0, gt=0)
    counts: bool = False  # a count of things: its number may stand a few words before what it counts


class QualifierRule(QualifierForms):
    """A qualifier: how it is written (zh, en, short) and the words that read it, before the
    number (at_least) or after it (about); range's `after` is the mark between its two ends."""

    short: QUALIFIER_FORM = "{v}"
    before: Patterns = []
    after: Patterns = []
    year: bool = False  # a year's qualifier: its words are read only around the peak year


class Strive(Bilingual):
    read: Patterns = []  # the words that mark a stretch target in a plan


class Example(_Strict):
    locality: Bilingual
    province: Bilingual


class PhrasingRules(_Strict):
    """rules/phrasing.yaml: how a target is written, and how its units and qualifiers are read."""

    qualifiers: dict[Qualifier, QualifierRule]  # read in this order: longer words first
    strive: Strive
    firm: Bilingual = Bilingual(zh="", en="will")  # the peak commitment's word when it is not a stretch
    reach: Reach
    sentence: Sentence
    kinds: KindForms
    # Older files: year -> indicator ids (checked by Rules); now derived from indicators.yaml `headline:`.
    horizons: dict[int, list[str]] = {}
    units: dict[str, Unit]
    example: Example  # the locality `drafter targets show` writes its sample sentences for

    @model_validator(mode="after")
    def _known_bases(self):
        for name, unit in self.units.items():
            if unit.base and unit.base not in self.units:
                raise ValueError(f"units.{name}.base: unknown unit '{unit.base}' (known: {', '.join(self.units)})")
        return self

    @model_validator(mode="after")
    def _every_qualifier(self):
        missing = [q for q in QUALIFIERS if q not in self.qualifiers and q not in YEAR_QUALIFIERS]
        if missing:
            raise ValueError(f"qualifiers: missing key '{missing[0]}' (every qualifier needs its forms: "
                             f"{', '.join(QUALIFIERS)})")
        return self


# -- reading.yaml --------------------------------------------------------------------------------
class Province(_Strict):
    zh: str
    en: str


class ReadingRules(_Strict):
    """rules/reading.yaml: what the reader needs to find the plan in a messy file."""

    full_text_markers: Patterns
    end_markers: Patterns
    notice_title: Patterns
    plan_title: Patterns
    addressee_end: Patterns
    date: Patterns
    document_number: Patterns
    phases: dict[int, Patterns]
    year_markers: dict[int, Patterns]
    topics: dict[str, list[str]]  # section and action ids, checked by Rules
    provinces: list[Province]
    # Who issues the plan, in the notice's title (group `issuer`): where its locality is read first.
    issuer: Patterns = []
    # The 版头's mark above the document number, and the 版记's lines: copies (group `names`), and
    # the printing office (group `printer`) with its date (group `date`).
    letterhead: Patterns = []
    copy_to: Patterns = []
    printed: Patterns = []


# -- telling a schema error ----------------------------------------------------------------------
def schema_error(exc: ValidationError, root, loaded: LoadedData, file: str, path: tuple = ()) -> DrafterError:
    """The first error of `exc` (raised by the model or union `root` on the data found at `path`
    in a file) as one line: the key path, the line, what is wrong and how to fix it."""
    errors = exc.errors()
    # A misspelt key is also a missing one: the unknown key, with its suggestion, says more.
    err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc, model = _walk(root, err["loc"])
    full = path + loc
    kind = err["type"]
    fix = None
    if kind == "extra_forbidden":
        known = list(model.model_fields) if model else []
        near = difflib.get_close_matches(str(full[-1]), known, n=1, cutoff=0.6)
        what = f"unknown key '{full[-1]}'"
        fix = (f"did you mean '{near[0]}'? " if near else "") + ("known keys: " + ", ".join(known) if known else "remove it")
    elif kind == "missing":
        what, fix = f"missing key '{full[-1]}'", "add it, as the built-in rule file has it"
    elif kind == "union_tag_invalid":
        ctx = err["ctx"]
        what = f"unknown {ctx['discriminator'].strip(chr(39))} '{ctx['tag']}'"
        fix = "use one of: " + ctx["expected_tags"].replace("'", "")
        full = full + (ctx["discriminator"].strip("'"),)
    elif kind == "union_tag_not_found":
        what, fix = f"missing key {err['ctx']['discriminator']}", "add it"
    else:
        what = err["msg"].removeprefix("Value error, ")
        fix = "quote values that contain commas or colons" if kind.endswith("_type") else None
    line = loaded.line_of(full)
    where = ".".join(map(str, full))
    return DrafterError(f"{where}: {what}" if where else what, file=file, place=str(line) if line else None, fix=fix)


def _walk(root, loc: tuple) -> tuple[tuple, type[BaseModel] | None]:
    """The error's location without pydantic's union tags, and the model holding its last key
    (whose keys an unknown key is compared with)."""
    tp, out, parent = root, [], None
    for i, part in enumerate(loc):
        tp = _unwrap(tp)
        member = _tagged_member(tp, part)
        if member is not None:  # a discriminated union names the chosen member: not a key
            tp = member
            continue
        out.append(part)
        if i == len(loc) - 1:
            parent = tp
        elif isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(part)
            tp = field.annotation if field else None
        elif typing.get_origin(tp) in (list, tuple, dict):
            tp = typing.get_args(tp)[-1]
        else:
            tp = None
    ok = isinstance(parent, type) and issubclass(parent, BaseModel)
    return tuple(out), parent if ok else None


def _unwrap(tp):
    """Annotated[X, ...] -> X, X | None -> X."""
    while True:
        origin = typing.get_origin(tp)
        if origin is Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def _tagged_member(tp, part):
    """The member of a union discriminated on `kind` whose tag is `part`, if `tp` is one."""
    if typing.get_origin(tp) not in (Union, types.UnionType) or not isinstance(part, str):
        return None
    for member in typing.get_args(tp):
        field = getattr(member, "model_fields", {}).get("kind")
        if field is not None and typing.get_args(field.annotation) == (part,):
            return member
    return None
