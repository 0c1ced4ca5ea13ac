"""Write targets as the plans do: a clause per target, a sentence per year ("By 2025, energy
consumption per unit of GDP will be 14% lower than in 2020", and its Chinese form).

Every word comes from rules/phrasing.yaml and rules/indicators.yaml; this module only assembles.
A value with its unit and qualifier is written by drafter.quantities, for the checks too.
"""

from __future__ import annotations

from ..errors import DrafterError
from ..model import Target
from ..quantities import indicator_name, value_text
from .params import PlanParams
from ..rules import Rules


class Phraser:
    """Turns targets into clauses and sentences in one language."""

    def __init__(self, rules: Rules, params: PlanParams, lang: str) -> None:
        self.rules = rules
        self.params = params
        self.lang = lang
        self.p = rules.phrasing

    def clause(self, target: Target) -> str:
        ind = self.rules.indicator(target.indicator)
        lang = self.lang
        name = indicator_name(ind, lang)
        kinds = self.p.kinds
        superior = self.params.superior.zh if lang == "zh" else (self.params.superior.en or self.params.superior.zh)
        if ind.kind == "year" and ind.phrase and target.superior and self.rules.quantities.in_step:
            # The peak in step with the superior, without a year of its own.
            return self._year_phrase(ind, target, "", getattr(self.rules.quantities.in_step.text, lang).format(
                superior=superior))
        if target.superior:
            form = getattr(kinds.superior.change if ind.kind == "change" else kinds.superior.level, lang)
            return form.format(name=name, superior=superior)
        if target.trend:
            return getattr(getattr(kinds.trend, ind.direction), lang).format(name=name)
        if target.relative:
            return self._relative(target, ind, name)
        if ind.kind == "year" and ind.phrase and target.value is not None:
            # The peak year with its qualifier: before it unless the target says by it.
            forms = self.p.qualifiers
            qualifier = target.qualifier if target.qualifier in forms and forms[target.qualifier].year else "before"
            when = getattr(forms.get(qualifier) or forms["exact"], lang).format(v=int(target.value))
            return self._year_phrase(ind, target, int(target.value), when)
        strive = self.p.strive.zh if target.strive else ""
        will = self.p.strive.en if target.strive else "will"
        value = value_text(target, self.rules, lang)
        if ind.kind == "change":
            forms = getattr(kinds.change, ind.direction)
            # A change is measured against the target's own baseline, else the plan's (2020 by default).
            baseline = target.baseline_year or (self.params.baseline_year if ind.default_baseline else None)
            form = getattr(forms, lang if baseline else f"{lang}_no_baseline")
            return form.format(name=name, value=value, baseline=baseline, strive=strive, will=will)
        reach = getattr(self.p.reach, lang)
        reach = reach.get(target.qualifier, reach["default"])
        clause = (getattr(ind.phrase, lang) if ind.phrase else getattr(kinds.level, lang)).format(
            name=name, value=value, strive=strive, will=will, reach=reach)
        return " ".join(clause.split()) if lang == "en" else clause

    def _year_phrase(self, ind, target: Target, value, when: str) -> str:
        """A year indicator's own phrase (the peak): the year, when, and the firm or striving words."""
        firm = self.p.strive if target.strive else self.p.firm
        return getattr(ind.phrase, self.lang).format(value=value, when=when, strive=firm.zh, will=firm.en)

    def _relative(self, target: Target, ind, name: str) -> str:
        """A standing among peers, in the target's own words (a placeholder for a missing language)."""
        forms = self.p.kinds.relative
        if forms is None:
            raise DrafterError(f"targets: {target.indicator}: the rules give no sentence form for a relative target",
                               fix="add kinds.relative to phrasing.yaml (see the built-in rules)")
        form = getattr(getattr(forms.change, ind.direction) if ind.kind == "change" else forms.level, self.lang)
        words = getattr(target.relative, self.lang)
        if not words:
            other = target.relative.en if self.lang == "zh" else target.relative.zh
            missing = getattr(self.rules.wording.missing, self.lang).other_language.format(name=other)
            words = getattr(self.rules.wording.placeholder, self.lang).write(missing)
        return form.format(name=name, relative=words)

    def placeholder(self, indicator_id: str, year: int) -> str:
        ind = self.rules.indicator(indicator_id)
        name = indicator_name(ind, self.lang)
        return getattr(self.p.kinds.placeholder, self.lang).format(name=name, year=year)

    def sentence(self, year: int | None, clauses: list[str], tail: str | None = None) -> str:
        s = self.p.sentence
        join, last = getattr(s.join, self.lang), getattr(s.join_last, self.lang)
        body = clauses[0] if len(clauses) == 1 else join.join(clauses[:-1]) + last + clauses[-1]
        if tail:  # a closing phrase ("laying a solid foundation ...") always follows a comma
            body += join + tail
        if year is None:  # a target the plan states without a year
            body = body[:1].upper() + body[1:]
            return getattr(s, f"{self.lang}_no_year").format(clauses=body)
        return getattr(s, self.lang).format(year=year, clauses=body)
