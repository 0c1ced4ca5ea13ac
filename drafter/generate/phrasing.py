"""Write targets as the plans do: 到2025年，单位地区生产总值能源消耗比2020年下降14% /
"By 2025, energy consumption per unit of GDP will be 14% lower than in 2020".

Every word comes from rules/phrasing.yaml and rules/indicators.yaml; this module only assembles.
"""

from __future__ import annotations

from .params import PlanParams, Target
from ..rules import IndicatorRule, Rules
from ..rule_schema import Unit


def plain_number(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else str(int(value))


def format_quantity(value: float, unit: str, lang: str, rules: Rules) -> str:
    """A value with its unit: 14 % -> 14%; 400000 kW -> 40万千瓦 / 400,000 kW."""
    spec = rules.phrasing.units.get(unit) or Unit(zh=unit, en=unit)
    if lang == "zh":
        text = plain_number(value)
        if spec.wan and value >= 10000:
            text = plain_number(value / 1e8) + "亿" if value >= 1e8 else plain_number(value / 1e4) + "万"
        return text + spec.zh
    number = f"{value:,.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value):,}"
    word = spec.en
    if not word:
        return number
    return number + (" " if spec.space_en else "") + word


def indicator_name(ind: IndicatorRule, lang: str) -> str:
    return getattr(ind.name, lang) or ind.name.zh or ind.name.en or ind.id


class Phraser:
    """Turns targets into clauses and sentences in one language."""

    def __init__(self, rules: Rules, params: PlanParams, lang: str) -> None:
        self.rules = rules
        self.params = params
        self.lang = lang
        self.p = rules.phrasing

    def _value(self, target: Target, indicator: IndicatorRule) -> str:
        unit = target.unit or indicator.unit
        v = format_quantity(target.value, unit, self.lang, self.rules)
        v2 = format_quantity(target.value_max, unit, self.lang, self.rules) if target.value_max is not None else ""
        return getattr(self.p.qualifiers[target.qualifier], self.lang).format(v=v, v2=v2)

    def clause(self, target: Target) -> str:
        ind = self.rules.indicator(target.indicator)
        lang = self.lang
        name = indicator_name(ind, lang)
        kinds = self.p.kinds
        if target.superior:
            superior = self.params.superior.zh if lang == "zh" else (self.params.superior.en or self.params.superior.zh)
            form = getattr(kinds.superior.change if ind.kind == "change" else kinds.superior.level, lang)
            return form.format(name=name, superior=superior)
        if target.trend:
            return getattr(getattr(kinds.trend, ind.direction), lang).format(name=name)
        if ind.kind == "year" and ind.phrase:
            return getattr(ind.phrase, lang).format(value=int(target.value))
        strive = self.p.strive.zh if target.strive else ""
        will = self.p.strive.en if target.strive else "will"
        value = self._value(target, ind)
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

    def placeholder(self, indicator_id: str, year: int) -> str:
        ind = self.rules.indicator(indicator_id)
        name = indicator_name(ind, self.lang)
        return getattr(self.p.kinds.placeholder, self.lang).format(name=name, year=year)

    def sentence(self, year: int, clauses: list[str], tail: str | None = None) -> str:
        s = self.p.sentence
        join, last = getattr(s.join, self.lang), getattr(s.join_last, self.lang)
        body = clauses[0] if len(clauses) == 1 else join.join(clauses[:-1]) + last + clauses[-1]
        if tail:  # a closing phrase ("laying a solid foundation ...") always follows a comma
            body += join + tail
        return getattr(s, self.lang).format(year=year, clauses=body)
