"""The checks engine: interprets the rule kinds declared in rules/checks.yaml.

Each kind is one small function from (rule, document) to findings; a rule file picks a kind and
sets its parameters, severity and messages, as Vale's `extends:` does. Adding a rule of an
existing kind needs no code. The ids a kind works on and its compiled patterns come with the typed
rule (check_kinds.py), so a kind neither names a section nor compiles a pattern.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from ..check_kinds import CheckRuleBase as CheckRule
from ..model import UNRECOGNIZED, Document, Section, is_task
from ..read.normalize import key
from ..rules import Rules


@dataclass
class Finding:
    rule: str
    severity: str
    section: str | None
    line: int | None  # in the whole text
    message: str
    page: int | None = None  # a paged source (PDF): the page and the line on it
    page_line: int | None = None
    anchor: str | None = None  # the words it is about (a placeholder, a target's sentence), for a review
    highlight: bool = False  # whether a review highlights those words (a placeholder) or only comments
    kind: str | None = None  # the kind of check (checks.yaml `kind`): what a rule id may be renamed from

    def as_dict(self) -> dict:
        # Flat fields only: dataclasses.asdict deep-copies, a large share of validating a big draft.
        out = {"rule": self.rule, "severity": self.severity, "section": self.section, "line": self.line,
               "message": self.message}
        if self.page is not None:  # only a paged source's findings carry the page keys
            out["page"], out["page_line"] = self.page, self.page_line
        return out


def rule_title(rules: Rules, sid: str, lang: str) -> str:
    """The rules' title of an action or section in `lang`; an id the rules do not define is its own."""
    if rules.has_action(sid):
        return getattr(rules.action(sid).title, lang)
    if rules.has_section(sid):
        return getattr(rules.section(sid).title, lang)
    return sid


class Context:
    def __init__(self, doc: Document, rules: Rules, lang: str, parent: list | None = None) -> None:
        self.doc, self.rules, self.lang = doc, rules, lang
        self.parent = parent
        self._targets = None

    @property
    def targets(self):
        if self._targets is None:
            from ..read.targets import find_targets  # only the target rules need the extractor
            self._targets = [t for t in find_targets(self.doc, self.rules) if self.rules.indicator(t.indicator)]
        return self._targets

    def title(self, sid: str) -> str:
        return rule_title(self.rules, sid, self.lang)

    def finding(self, rule: CheckRule, where: Section | str | None = None, **fields) -> Finding:
        sid = where.id if isinstance(where, Section) else where
        line = where.line if isinstance(where, Section) else None
        title = self.title(sid) if sid else ""
        # A section the rules do not define (an other: action) is named by its own title.
        own = where.title if isinstance(where, Section) and sid and title == sid else None
        fields.setdefault("section", own or title)
        fields.setdefault("id", sid or "")
        text = getattr(rule.message, self.lang).format(**fields)
        return Finding(rule.id, rule.severity, sid, line, text, kind=rule.kind)

    def actions(self, within: str) -> list[Section]:
        """The actions: the children of the section `within` (a rule's parameter), of all its parts
        when the plan spreads it over thematic chapters."""
        return [c for s in self.doc.walk() if s.id == within for c in s.children]

    def text_of(self, section: Section) -> str:
        parts = [section.title] + section.paragraphs + [self.text_of(c) for c in section.children]
        return "\n".join(parts)


KINDS: dict[str, Callable[[CheckRule, Context], Iterator[Finding]]] = {}


def kind(name: str):
    def register(fn):
        KINDS[name] = fn
        return fn
    return register


def _has_preamble(rule, ctx) -> bool:
    """The purpose paragraph ("this plan is formulated"), as the preamble section's aliases say."""
    aliases = rule.preamble_aliases
    return any(aliases.search(key(text)) for text in ctx.doc.preamble[:3])


@kind("required_section")
def _required_section(rule, ctx):
    for sid in rule.sections:
        present = _has_preamble(rule, ctx) if sid == rule.preamble else ctx.doc.find(sid) is not None
        if not present:
            yield ctx.finding(rule, sid)


@kind("section_order")
def _section_order(rule, ctx):
    rank = {sid: i for i, sid in enumerate(rule.order)}
    placed = [s for s in ctx.doc.sections if s.id in rank]
    for before, after in zip(placed, placed[1:]):
        if rank[before.id] > rank[after.id]:
            yield ctx.finding(rule, after, first=ctx.title(before.id), second=ctx.title(after.id))


@kind("required_actions")
def _required_actions(rule, ctx):
    if ctx.doc.find(rule.within) is None:
        return
    present = {a.id for a in ctx.actions(rule.within)}
    for aid in rule.actions:
        if aid not in present:
            yield ctx.finding(rule, aid)


@kind("action_count")
def _action_count(rule, ctx):
    tasks = ctx.doc.find(rule.within)
    if tasks is None:
        return
    count, low, high = len(ctx.actions(rule.within)), rule.min, rule.max
    if not low <= count <= high:
        yield ctx.finding(rule, tasks, count=count, min=low, max=high)


@kind("task_count")
def _task_count(rule, ctx):
    low, high = rule.min, rule.max
    for action in ctx.actions(rule.within):
        count = len(action.children)
        if not low <= count <= high:
            yield ctx.finding(rule, action, count=count, min=low, max=high)


@kind("action_order")
def _action_order(rule, ctx):
    # The order of the catalogue's actions: one outside it (other:) may stand anywhere among them.
    actions = [a for a in ctx.actions(rule.within) if ctx.rules.has_action(a.id)]
    ids = [a.id for a in actions]
    problems = []
    for aid, within in rule.first_within.items():
        if aid in ids and ids.index(aid) >= within:
            problems.append((actions[ids.index(aid)], f"{ctx.title(aid)} ({ids.index(aid) + 1})"))
    for aid, after in rule.immediately_after.items():
        if aid in ids and after in ids and ids.index(aid) != ids.index(after) + 1:
            problems.append((actions[ids.index(aid)], f"{ctx.title(after)} → {ctx.title(aid)}"))
    tail = [a for a in rule.last if a in ids]
    if tail and ids[-len(tail):] != tail:
        problems.append((actions[ids.index(tail[0])], " → ".join(ctx.title(a) for a in tail)))
    for section, text in problems:
        yield ctx.finding(rule, section, text=text)


# Sentence ends in normalised text (lower case, full-width forms made ASCII): after an ideographic
# full stop or a semicolon, or after ". " when a sentence follows (a letter, a quote, a bracket).
_SENTENCE_END = re.compile(r"(?<=[\u3002;])|(?<=\.)\s+(?=[a-z\"'\u201c(])")


def _objective_sentences(rule, ctx: Context, year: int) -> tuple[Section | None, list[str]]:
    """The rule's section (the main objectives) and those of its sentences that state the targets
    for `year`, found by that year's markers."""
    section = ctx.doc.find(rule.section)
    if section is None:
        return None, []
    sentences = _SENTENCE_END.split(key(ctx.text_of(section)))
    markers = rule.markers[year]
    return section, [s for s in sentences if markers.search(s)]


@kind("objectives_horizon")
def _objectives_horizon(rule, ctx):
    for year in rule.years:
        section, sentences = _objective_sentences(rule, ctx, year)
        if section is not None and not sentences:
            yield ctx.finding(rule, section, year=year)


@kind("headline_indicators")
def _headline_indicators(rule, ctx):
    stated = rule.stated_set
    for year, indicators in rule.expected.items():
        section, sentences = _objective_sentences(rule, ctx, year)
        if section is None or not sentences:
            continue  # the horizon rule reports the missing sentence
        text = " ".join(sentences)
        for iid in indicators:
            ind = ctx.rules.indicator(iid)
            hits = ind.recognizer.finditer(text)
            ok = any(stated.search(text[m.start(): m.end() + 160]) for m in hits)
            if not ok:
                name = getattr(ind.name, ctx.lang)
                yield ctx.finding(rule, section, year=year, indicator=name)


@kind("peak_commitment")
def _peak_commitment(rule, ctx):
    section = ctx.doc.find(rule.section)
    if section is None:
        return
    pats = ctx.rules.indicator(rule.indicator).recognizer
    others = (ctx.doc.find(sid) for sid in rule.also)
    texts = [key(ctx.text_of(s)) for s in [section, *others] if s is not None]
    if not any(pats.search(t) for t in texts):
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
    texts = list(_all_text(ctx.doc))
    anywhere = rule.anywhere
    if anywhere is not None and not anywhere.which("\n".join(text for _, text in texts)):
        return  # one pass over the whole draft, which most often holds no placeholder
    pats = rule.compiled  # read once: a model's private attribute costs microseconds per read
    for section, text in texts:
        for m in pats.finditer(text):
            found = ctx.finding(rule, section, text=m.group(0))
            found.anchor, found.highlight = m.group(0), True
            yield found


@kind("empty_section")
def _empty_section(rule, ctx):
    for section in ctx.doc.walk():
        if not is_task(section.id) and not section.paragraphs and not section.children:
            yield ctx.finding(rule, section, section=section.title or ctx.title(section.id))


@kind("duplicate_section")
def _duplicate_section(rule, ctx):
    seen: set[str] = set()
    ignore = set(rule.ignore) | {UNRECOGNIZED}
    for section in ctx.doc.walk():
        if section.id in ignore or is_task(section.id):
            continue
        if section.id in seen:
            yield ctx.finding(rule, section)
        seen.add(section.id)


@kind("unrecognized_section")
def _unrecognized(rule, ctx):
    for section in ctx.doc.walk():
        if section.id == UNRECOGNIZED:
            yield ctx.finding(rule, section, text=f"{section.number} {section.title}".strip())


@kind("responsible_units")
def _responsible_units(rule, ctx):
    pats = rule.compiled
    tasks = [t for a in ctx.actions(rule.within) for t in a.children]
    tagged = [t for t in tasks if pats.search(" ".join(t.paragraphs))]
    if tagged and len(tagged) < len(tasks):
        yield ctx.finding(rule, ctx.doc.find(rule.within), count=len(tagged), text=len(tasks) - len(tagged))


def load_checks(rules: Rules) -> list[CheckRule]:
    """The declared rules of a rules folder (typed with the other rule files, check_kinds.py)."""
    return rules.checks


def run_checks(doc: Document, rules: Rules, lang: str = "en", parent: list | None = None,
               context: Context | None = None) -> list[Finding]:
    ctx = context or Context(doc, rules, lang, parent)
    findings: list[Finding] = []
    for rule in load_checks(rules):
        findings.extend(KINDS[rule.kind](rule, ctx))
    return findings


# The target kinds register themselves into KINDS (they need Finding and kind from above).
from . import target_checks  # noqa: E402,F401
