"""The checks engine: interprets the rule kinds declared in rules/checks.yaml.

Each kind is one small function from (rule, document) to findings; a rule file picks a kind and
sets its parameters, severity and messages, as Vale's `extends:` does. Adding a rule of an
existing kind needs no code.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from itertools import groupby
from typing import Callable, Iterator

from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import DrafterError
from .model import Document, Section
from .readers.normalize import key
from .rules import Bilingual, Rules

_SEVERITIES = ("error", "warning", "info")


@dataclass
class Finding:
    rule: str
    severity: str
    section: str | None
    line: int | None
    message: str

    def as_dict(self) -> dict:
        return asdict(self)


class CheckRule(BaseModel):
    """A declared rule: its kind's own parameters are kept as extra fields."""

    model_config = ConfigDict(extra="allow", frozen=True)
    id: str
    kind: str
    severity: str
    message: Bilingual

    def param(self, name: str, default=None):
        return (self.model_extra or {}).get(name, default)


class Context:
    def __init__(self, doc: Document, rules: Rules, lang: str, parent: list | None = None) -> None:
        self.doc, self.rules, self.lang = doc, rules, lang
        self.parent = parent
        self._targets = None

    @property
    def targets(self):
        if self._targets is None:
            from .targets import find_targets  # only the target rules need the extractor
            self._targets = [t for t in find_targets(self.doc, self.rules) if self.rules.indicator(t.indicator)]
        return self._targets

    def value_text(self, t) -> str:
        from .phrasing import format_quantity
        if t.superior:
            return "完成上级下达目标" if self.lang == "zh" else "meet the superior's target"
        if t.trend:
            return "稳步提升" if self.lang == "zh" else "increase steadily"
        ind = self.rules.indicator(t.indicator)
        v = format_quantity(t.value, t.unit or ind.unit, self.lang, self.rules)
        v2 = format_quantity(t.value_max, t.unit or ind.unit, self.lang, self.rules) if t.value_max else ""
        return self.rules.phrasing["qualifiers"][t.qualifier][self.lang].format(v=v, v2=v2)

    def indicator_name(self, iid: str) -> str:
        from .phrasing import indicator_name
        return indicator_name(self.rules.indicator(iid), self.lang)

    def target_finding(self, rule, t, **fields) -> Finding:
        section = self.doc.find(t.section) if t.section else None
        return self.finding(rule, section or t.section, indicator=self.indicator_name(t.indicator), year=t.year,
                            text=self.value_text(t), **fields)

    def title(self, sid: str) -> str:
        if self.rules.has_action(sid):
            return getattr(self.rules.action(sid).title, self.lang)
        if self.rules.has_section(sid):
            return getattr(self.rules.section(sid).title, self.lang)
        return sid

    def finding(self, rule: CheckRule, where: Section | str | None = None, **fields) -> Finding:
        sid = where.id if isinstance(where, Section) else where
        line = where.line if isinstance(where, Section) else None
        fields.setdefault("section", self.title(sid) if sid else "")
        text = getattr(rule.message, self.lang).format(**fields)
        return Finding(rule.id, rule.severity, sid, line, text)

    def actions(self) -> list[Section]:
        tasks = self.doc.find("key_tasks")
        return tasks.children if tasks else []

    def text_of(self, section: Section) -> str:
        parts = [section.title] + section.paragraphs + [self.text_of(c) for c in section.children]
        return "\n".join(parts)


KINDS: dict[str, Callable[[CheckRule, Context], Iterator[Finding]]] = {}


def kind(name: str):
    def register(fn):
        KINDS[name] = fn
        return fn
    return register


def _has_preamble(ctx) -> bool:
    """The purpose paragraph (为……制定本方案 / "this plan is formulated"), as the rules' aliases say."""
    aliases = ctx.rules.section("preamble").aliases
    pats = [re.compile(p, re.I) for lang in ("zh", "en", "fr") for p in getattr(aliases, lang)]
    return any(p.search(key(text)) for text in ctx.doc.preamble[:3] for p in pats)


@kind("required_section")
def _required_section(rule, ctx):
    for sid in rule.param("sections", []):
        present = _has_preamble(ctx) if sid == "preamble" else ctx.doc.find(sid) is not None
        if not present:
            yield ctx.finding(rule, sid)


@kind("section_order")
def _section_order(rule, ctx):
    rank = {sid: i for i, sid in enumerate(rule.param("order", []))}
    placed = [s for s in ctx.doc.sections if s.id in rank]
    for before, after in zip(placed, placed[1:]):
        if rank[before.id] > rank[after.id]:
            yield ctx.finding(rule, after, first=ctx.title(before.id), second=ctx.title(after.id))


@kind("required_actions")
def _required_actions(rule, ctx):
    if ctx.doc.find("key_tasks") is None:
        return
    present = {a.id for a in ctx.actions()}
    for aid in rule.param("actions", []):
        if aid not in present:
            yield ctx.finding(rule, aid)


@kind("action_count")
def _action_count(rule, ctx):
    tasks = ctx.doc.find("key_tasks")
    if tasks is None:
        return
    count, low, high = len(tasks.children), rule.param("min"), rule.param("max")
    if not low <= count <= high:
        yield ctx.finding(rule, tasks, count=count, min=low, max=high)


@kind("task_count")
def _task_count(rule, ctx):
    low, high = rule.param("min"), rule.param("max")
    for action in ctx.actions():
        count = len(action.children)
        if not low <= count <= high:
            yield ctx.finding(rule, action, count=count, min=low, max=high)


@kind("action_order")
def _action_order(rule, ctx):
    actions = ctx.actions()
    ids = [a.id for a in actions]
    problems = []
    for aid, within in (rule.param("first_within") or {}).items():
        if aid in ids and ids.index(aid) >= within:
            problems.append((actions[ids.index(aid)], f"{ctx.title(aid)} ({ids.index(aid) + 1})"))
    for aid, after in (rule.param("immediately_after") or {}).items():
        if aid in ids and after in ids and ids.index(aid) != ids.index(after) + 1:
            problems.append((actions[ids.index(aid)], f"{ctx.title(after)} → {ctx.title(aid)}"))
    tail = [a for a in rule.param("last", []) if a in ids]
    if tail and ids[-len(tail):] != tail:
        problems.append((actions[ids.index(tail[0])], " → ".join(ctx.title(a) for a in tail)))
    for section, text in problems:
        yield ctx.finding(rule, section, text=text)


def _objective_sentences(ctx: Context, year: int) -> tuple[Section | None, list[str]]:
    """The main objectives and those of their sentences that state the targets for `year`."""
    section = ctx.doc.find("main_objectives")
    if section is None:
        return None, []
    text = key(ctx.text_of(section))
    sentences = re.split(r"(?<=[。;；])|(?<=\.)\s+(?=[a-z\"'“(]|by |d'ici)", text)
    pats = [re.compile(m, re.I) for m in ctx.rules.reading["year_markers"].get(year, [])]
    return section, [s for s in sentences if any(p.search(s) for p in pats)]


@kind("objectives_horizon")
def _objectives_horizon(rule, ctx):
    for year in rule.param("years", []):
        section, sentences = _objective_sentences(ctx, year)
        if section is not None and not sentences:
            yield ctx.finding(rule, section, year=year)


@kind("headline_indicators")
def _headline_indicators(rule, ctx):
    stated = [re.compile(p, re.I) for p in rule.param("stated", [])]
    for year, indicators in (rule.param("expect") or {}).items():
        section, sentences = _objective_sentences(ctx, year)
        if section is None or not sentences:
            continue  # the horizon rule reports the missing sentence
        text = " ".join(sentences)
        for iid in indicators:
            ind = ctx.rules.indicator(iid)
            pats = [re.compile(p, re.I) for lang in ("zh", "en", "fr") for p in getattr(ind.patterns, lang)]
            hits = [m for p in pats for m in p.finditer(text)]
            ok = any(s.search(text[m.start(): m.end() + 160]) for m in hits for s in stated)
            if not ok:
                name = getattr(ind.name, ctx.lang)
                yield ctx.finding(rule, section, year=year, indicator=name)


@kind("peak_commitment")
def _peak_commitment(rule, ctx):
    section = ctx.doc.find("main_objectives")
    if section is None:
        return
    ind = ctx.rules.indicator("carbon_peak_year")
    pats = [re.compile(p, re.I) for lang in ("zh", "en", "fr") for p in getattr(ind.patterns, lang)]
    texts = [key(ctx.text_of(section))]
    ideology = ctx.doc.find("guiding_ideology")
    if ideology is not None:
        texts.append(key(ctx.text_of(ideology)))
    if not any(p.search(t) for p in pats for t in texts):
        yield ctx.finding(rule, section)


def _all_text(doc: Document) -> Iterator[tuple[Section | None, str]]:
    for text in [doc.title] + doc.preamble:
        yield None, text
    if doc.notice:
        for text in [doc.notice.title, doc.notice.addressees, doc.notice.date, doc.notice.authority] + doc.notice.body:
            yield None, text
    for section in doc.walk():
        for text in [section.title] + section.paragraphs:
            yield section, text


@kind("placeholder")
def _placeholder(rule, ctx):
    pats = [re.compile(p, re.I) for p in rule.param("patterns", [])]
    for section, text in _all_text(ctx.doc):
        for p in pats:
            for m in p.finditer(text):
                yield ctx.finding(rule, section, text=m.group(0))


@kind("empty_section")
def _empty_section(rule, ctx):
    for section in ctx.doc.walk():
        if section.id != "task" and not section.paragraphs and not section.children:
            yield ctx.finding(rule, section, section=section.title or ctx.title(section.id))


@kind("duplicate_section")
def _duplicate_section(rule, ctx):
    seen: set[str] = set()
    ignore = set(rule.param("ignore", [])) | {"task", "unrecognized"}
    for section in ctx.doc.walk():
        if section.id in ignore:
            continue
        if section.id in seen:
            yield ctx.finding(rule, section)
        seen.add(section.id)


@kind("unrecognized_section")
def _unrecognized(rule, ctx):
    for section in ctx.doc.walk():
        if section.id == "unrecognized":
            yield ctx.finding(rule, section, text=f"{section.number} {section.title}".strip())


@kind("responsible_units")
def _responsible_units(rule, ctx):
    pats = [re.compile(p, re.I) for p in rule.param("patterns", [])]
    tasks = [t for a in ctx.actions() for t in a.children]
    tagged = [t for t in tasks if any(p.search(" ".join(t.paragraphs)) for p in pats)]
    if tagged and len(tagged) < len(tasks):
        yield ctx.finding(rule, ctx.doc.find("key_tasks"), count=len(tagged), text=len(tasks) - len(tagged))


@kind("target_progression")
def _target_progression(rule, ctx):
    # Linear in the number of targets: per series, each target meets only the strongest target
    # of the earlier years, so it gets at most one finding however many earlier targets it trails.
    from .targets import comparable, weaker
    series: dict = {}
    for t in ctx.targets:
        ind = ctx.rules.indicator(t.indicator)
        if ind.kind != "year":
            baseline = t.baseline_year if ind.kind == "change" else None
            series.setdefault((t.indicator, t.unit, baseline), []).append(t)
    for (iid, _, _), items in series.items():
        ind = ctx.rules.indicator(iid)
        strongest = None  # the most ambitious target of the years already passed
        items.sort(key=lambda t: t.year)
        for _, same_year in groupby(items, key=lambda t: t.year):
            same_year = list(same_year)
            for t in same_year:
                if strongest is not None and weaker(t, strongest, ind):
                    yield ctx.target_finding(rule, t, first=strongest.year, second=ctx.value_text(strongest))
            for t in same_year:
                if comparable(t) is not None and (strongest is None or weaker(strongest, t, ind)):
                    strongest = t


@kind("share_range")
def _share_range(rule, ctx):
    for t in ctx.targets:
        for value in (t.value, t.value_max):
            if (t.unit == "%" and value is not None and not 0 <= value <= 100
                    and ctx.rules.indicator(t.indicator).kind == "level"):
                yield ctx.target_finding(rule, t)
                break


@kind("plausible_range")
def _plausible_range(rule, ctx):
    for t in ctx.targets:
        ind = ctx.rules.indicator(t.indicator)
        if ind.range is None or t.value is None or (t.unit or ind.unit) != ind.unit:
            continue
        low, high = ind.range
        if not low <= t.value <= high:
            yield ctx.target_finding(rule, t, min=f"{low:g}", max=f"{high:g}")


@kind("parent_targets")
def _parent_targets(rule, ctx):
    if not ctx.parent:
        return
    from .targets import weaker
    for t in ctx.targets:
        ind = ctx.rules.indicator(t.indicator)
        for p in ctx.parent:
            if p.indicator == t.indicator and p.year == t.year and weaker(t, p, ind):
                yield ctx.target_finding(rule, t, second=ctx.value_text(p))
                break


_CHECK_CACHE: dict[str, list[CheckRule]] = {}


def load_checks(rules: Rules) -> list[CheckRule]:
    """The declared rules of a rules folder, validated against the known kinds."""
    cache_key = str(rules.folder)
    if cache_key in _CHECK_CACHE:
        return _CHECK_CACHE[cache_key]
    path = rules.folder / "checks.yaml"
    data = rules.load("checks.yaml")
    out = []
    for i, item in enumerate(data.get("rules", [])):
        try:
            rule = CheckRule.model_validate(item)
        except ValidationError as exc:
            err = exc.errors()[0]
            raise DrafterError(f"rules.{i}.{'.'.join(map(str, err['loc']))}: {err['msg']}", file=str(path)) from None
        if rule.kind not in KINDS:
            raise DrafterError(f"rule '{rule.id}' has unknown kind '{rule.kind}'", file=str(path),
                               fix="use one of: " + ", ".join(sorted(KINDS)))
        if rule.severity not in _SEVERITIES:
            raise DrafterError(f"rule '{rule.id}' has unknown severity '{rule.severity}'", file=str(path),
                               fix="use error, warning or info")
        out.append(rule)
    _CHECK_CACHE[cache_key] = out
    return out


def run_checks(doc: Document, rules: Rules, lang: str = "en", parent: list | None = None) -> list[Finding]:
    ctx = Context(doc, rules, lang, parent)
    findings: list[Finding] = []
    for rule in load_checks(rules):
        findings.extend(KINDS[rule.kind](rule, ctx))
    return findings
