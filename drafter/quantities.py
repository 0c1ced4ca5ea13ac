"""The language of quantities, both ways, from the rules: a target's value written as text (the
generator's sentences, the checks' findings, the comparison's cells) and the compiled patterns
that read values, units, qualifiers and years back (drafter.read.targets).

Every word comes from rules/phrasing.yaml (units, qualifiers, strive) and rules/quantities.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .patterns import PatternSet, compile_pattern, escape
from .model import Standing
from .rule_schema import Unit
from .text_fields import CONTROL_IN_TEXT, HAN


# -- writing ---------------------------------------------------------------------------------------
def plain_number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def format_quantity(value: float, unit: str, lang: str, rules) -> str:
    """A value with its unit: 14 % -> 14%; 400000 kW -> 40万千瓦, 3000000 kW -> 3 million kW: a
    large value in the largest scale word of its language that fits."""
    spec = rules.phrasing.units.get(unit) or Unit(zh=unit, en=unit)
    scale = _scale(value, lang, rules) if spec.wan else None
    if lang == "zh":
        text = plain_number(value / scale.factor) + scale.zh if scale else plain_number(value)
        return text + spec.zh
    if scale:
        number = f"{plain_number(value / scale.factor)} {scale.en}"
    else:
        number = f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    word = spec.en
    if not word:
        return number
    return number + (" " if spec.space_en else "") + word


def _scale(value: float, lang: str, rules):
    """The largest scale word of `lang` that fits the value; English only where the scaled figure
    is exact in four decimals (1,234,567 stays a plain figure), Chinese always (its 万 is small)."""
    scales = sorted((s for s in rules.quantities.scales if getattr(s, lang)), key=lambda s: -s.factor)
    scale = next((s for s in scales if value >= s.factor), None)
    if scale and lang == "en" and abs(float(plain_number(value / scale.factor)) * scale.factor - value) > 1e-6:
        return None
    return scale


def indicator_name(ind, lang: str) -> str:
    return getattr(ind.name, lang) or ind.name.zh or ind.name.en or ind.id


def value_text(target, rules, lang: str) -> str:
    """A target's value with its unit and qualifier, in zh, en or `short` (a comparison cell):
    more than 400,000 kW, >400,000 kW; or the text for the superior's target, for a trend."""
    if target.superior:
        return getattr(rules.quantities.superior.text, lang)
    if target.trend:
        return getattr(rules.quantities.trend.text, lang)
    if target.relative:
        words = target.relative
        return (getattr(words, "en" if lang == "short" else lang, None) or words.zh or words.en)
    ind = rules.indicator(target.indicator)
    unit = target.unit or (ind.unit if ind else "")
    number_lang = "en" if lang == "short" else lang
    v = format_quantity(target.value, unit, number_lang, rules)
    v2 = format_quantity(target.value_max, unit, number_lang, rules) if target.value_max is not None else ""
    forms = rules.phrasing.qualifiers
    return getattr(forms.get(target.qualifier) or forms["exact"], lang).format(v=v, v2=v2)


# -- comparing -------------------------------------------------------------------------------------
def compatible(indicator_unit: str, unit: str, rules) -> bool:
    """May a figure in `unit` state a target of an indicator in `indicator_unit` (kW and MW)?"""
    units = rules.phrasing.units
    if indicator_unit == unit:
        return True
    a, b = units.get(indicator_unit), units.get(unit)
    return bool(a and b and (a.measures or indicator_unit) == (b.measures or unit))


def comparable(t, rules) -> tuple[str, float] | None:
    """(unit, value) in the unit values are compared in, or None for targets without a figure."""
    if t.superior or t.trend or t.value is None:
        return None
    spec = rules.phrasing.units.get(t.unit or "")
    if spec is None or not spec.base:
        return t.unit or "", t.value * (spec.factor if spec else 1.0)
    return spec.base, t.value * spec.factor


def weaker(candidate, reference, ind, rules) -> bool:
    """Is `candidate` less ambitious than `reference` for the same indicator?"""
    a, b = comparable(candidate, rules), comparable(reference, rules)
    if a is None or b is None or a[0] != b[0]:
        return False
    if ind.kind == "change" or ind.direction == "rise":
        return a[1] < b[1] - 1e-9  # a larger cut, or a higher level, is more ambitious
    return a[1] > b[1] + 1e-9


# -- reading ---------------------------------------------------------------------------------------
NUMBER = r"(?P<num>\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)"  # group 1 of a quantity, as of a bare number


def _any(patterns, capture: bool = False):
    """One RE2 pattern matching any of `patterns` (each already checked when its file was read)."""
    return compile_pattern("|".join(f"(?:{p})" for p in patterns) or "[^\\s\\S]", capture, limit=None)


def _at_end(patterns):
    return _any([_end(patterns)]) if patterns else None


def _end(patterns) -> str:
    return f"(?:{'|'.join(f'(?:{p})' for p in patterns)})\\s*$"


def _joined(patterns) -> str:
    return "|".join(f"(?:{p})" for p in patterns) or "[^\\s\\S]"


def _literal_class(chars: str) -> str:
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]"


class Grammar:
    """The reading patterns of one rules object, compiled once (the TargetFinder holds one)."""

    def __init__(self, rules) -> None:
        q, p = rules.quantities, rules.phrasing
        self.units = [(compile_pattern("|".join(u.read)), name) for name, u in p.units.items() if u.read]
        self._unit_of: dict[str, str] = {}  # unit words repeat: each is looked up once
        self.scales = [(compile_pattern(s.read), s.factor) for s in q.scales]
        unit_words = _joined([r for u in p.units.values() for r in u.read])
        scale_words = _joined([s.read for s in q.scales])
        self.quantity = compile_pattern(f"{NUMBER}\\s*(?P<scale>{scale_words})?\\s*(?P<unit>{unit_words})", True, None)
        marks = p.qualifiers["range"].after  # between the two ends of a range
        self.range_end = compile_pattern(f"\\s*(?:{_joined(marks)})\\s*{NUMBER}", True, None) if marks else None
        # A range whose unit follows its upper end only ("3 to 5 pilots" written with a range mark).
        self.range_start = compile_pattern(f"{NUMBER}\\s*(?:{_joined(marks)})\\s*$", True, None) if marks else None
        # One RE2 pass tells which qualifiers' words end the text before a number (or start the
        # text after it); the first in the rules' order wins.
        before = [(name, f.before) for name, f in p.qualifiers.items() if f.before and not f.year]
        after = [(name, f.after) for name, f in p.qualifiers.items() if f.after and name != "range" and not f.year]
        # Whether a peak commitment is before its year rather than by it.
        peak = p.qualifiers.get("before")
        self.in_step = _any(q.in_step.read) if q.in_step and q.in_step.read else None
        self.relative = _any(q.relative) if q.relative else None
        self._clause_ends = " ." + q.clause_marks + q.sentence_ends
        self.peak_before = _any(peak.before + peak.after) if peak and peak.before + peak.after else None
        self.before_names, self.after_names = [n for n, _ in before], [n for n, _ in after]
        self.before = PatternSet([_end(words) for _, words in before], limit=None)
        self.after = PatternSet(["^\\s*(?:" + _joined(words) + ")" for _, words in after], limit=None)
        self.between, self.verbs = _at_end(q.between), _at_end(q.verbs)
        self.threshold = _at_end(q.threshold)
        self.year, self.baseline = _any(q.year, True), _any(q.baseline, True)
        # Which of these a clause holds, in one RE2 pass: most clauses hold none of them.
        flags = {"year": q.year, "baseline": q.baseline, "strive": p.strive.read, "superior": q.superior.read,
                 "trend": q.trend.read, "relative": q.relative, "all": q.all, "project": q.project, "respectively": q.respectively}
        self._flag_names = list(flags)
        self._flags = PatternSet([_joined(words) for words in flags.values()], limit=None)
        self.flags = lru_cache(maxsize=64)(self._flags_of)  # one clause is asked several times
        self.clauses_zh = re.compile(_literal_class(q.clause_marks))
        self.sentences = re.compile(f"(?<={_literal_class(q.sentence_ends)})" + r"|(?<=\.)\s+(?=[A-Z\"'“(])")
        n = q.names
        self.name_verbs, self.name_noise = _any(n.verbs), _any(n.noise)
        self.pronoun = _any(["^(?:" + "|".join(escape(w) for w in n.pronouns) + ")$"]) if n.pronouns else None
        self.link = _any(["^\\s*(?:" + "|".join(escape(w) for w in n.links) + ")\\s*"]) if n.links else None
        self.trim, self.ends = n.trim, n.ends
        # The plan periods that stand for their final year (the 14th Five-Year Plan: 2025), from reading.yaml.
        phases = sorted(rules.reading.phases.items())
        self.phase_years = [year for year, _ in phases]
        self.phases = PatternSet([_joined(words) for _, words in phases], limit=None)
        # A count of things: a number a few words before what it counts; a Chinese number word.
        self.count_before, self.count_zh = _counts(q)
        self.numerals = q.numerals

    def standing(self, clause: str) -> Standing:
        """A relative target's words: from where a `relative` pattern finds them to the clause's end,
        less the control characters a broken document may hold (the words are a parameter's)."""
        words = CONTROL_IN_TEXT.sub("", clause[self.relative.search(clause).start():])
        return Standing.model_validate(" ".join(words.split()).strip(self._clause_ends))

    def phase_years_in(self, text: str) -> list[int]:
        """The years of the plan periods a text names, in order of the years."""
        return [self.phase_years[i] for i in sorted(self.phases.which(text))]

    def count_value(self, word: str) -> float:
        number = self.numerals.get(word)
        return float(number) if number is not None else float(word.replace(",", ""))

    def is_count(self, m) -> bool:
        """Whether a match is a count of things (count_before or count_zh found it)."""
        return m.re is self.count_before or m.re is self.count_zh

    def _flags_of(self, clause: str) -> frozenset[str]:
        return frozenset(self._flag_names[i] for i in self._flags.which(clause))

    def qualifier_before(self, *texts: str) -> str | None:
        """The first qualifier (in the rules' order) whose words end one of `texts`."""
        found = [i for text in texts for i in self.before.which(text)]
        return self.before_names[min(found)] if found else None

    def qualifier_after(self, text: str) -> str | None:
        found = self.after.which(text)
        return self.after_names[found[0]] if found else None

    def unit(self, token: str) -> str:
        """The unit a matched unit word names (the first whose pattern reads all of it)."""
        unit = self._unit_of.get(token)
        if unit is None:
            unit = next((u for pattern, u in self.units if pattern.fullmatch(token)), token.lower())
            if len(self._unit_of) < 1000:
                self._unit_of[token] = unit
        return unit

    def scale(self, word: str | None) -> float:
        if not word:
            return 1.0
        return next((factor for pattern, factor in self.scales if pattern.fullmatch(word)), 1.0)


def _counts(q) -> tuple:
    """The patterns of a count of things: a number, or a number word, a few words before what it
    counts ("1,400 shared bicycles", "five counties"); a Chinese number word before a classifier."""
    words = sorted(q.numerals, key=len, reverse=True)
    latin = [w for w in words if not HAN.search(w)]
    han = [w for w in words if w not in latin]
    spelled = "|".join(re.escape(w) for w in latin)
    before = re.compile(r"(?<![\d.,])(?P<n>\d{1,3}(?:,\d{3})+|\d+" + (f"|\\b(?:{spelled})" if spelled else "")
                        + r")\s+(?:[^\W\d_][\w'\-]*\s+){0,4}$")
    zh = re.compile(f"(?P<n>{'|'.join(map(re.escape, han))})(?={_literal_class(q.classifiers)})") \
        if han and q.classifiers else None
    return before, zh


def first_year(match) -> int | None:
    """The year a year or baseline pattern captured."""
    year = next((g for g in match.groups() if g), None)
    return int(year) if year and year.isdigit() else None
