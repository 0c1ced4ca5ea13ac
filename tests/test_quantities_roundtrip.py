"""Every way a target's quantity is written can be read back: for every unit and qualifier, with
and without strive, across years and values, the generator's sentence (Phraser, zh and en) gives
the TargetFinder the same indicator, value, unit, qualifier and year.

Where a round trip is not defined it is left out, with the reason next to the exclusion.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.generate.params import PlanParams
from drafter.generate.phrasing import Phraser
from drafter.model import Target
from drafter.read.targets import TargetFinder
from drafter.rules import IndicatorRule, load_rules

RULES = load_rules()
# Units read back as a quantity. Left out: `ratio` (a bare number, read only after an indicator
# in ratio, by its own grammar) and `year` (the peak year, read by carbon_peak_year's patterns).
UNITS = [u for u, spec in RULES.phrasing.units.items() if spec.read]
# Left out: the year qualifiers (before, by), which qualify only the peak year (test_targets.py).
QUALIFIERS = [q for q, forms in RULES.phrasing.qualifiers.items() if not forms.year]
# One level indicator per unit, named by words no catalogue indicator uses.
INDICATORS = [IndicatorRule(id=f"roundtrip_{n}", unit=u,
                            name={"zh": f"甲乙丙丁{'戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥'[n]}量",
                                  "en": f"the roundtrip measure {'abcdefghijklmnopqrstuvwx'[n]}x"})
              for n, u in enumerate(UNITS)]
FINDER = TargetFinder(RULES.with_indicators(INDICATORS))
PARAMS = PlanParams.model_validate({"locality": {"name": {"zh": "某市", "en": "Some City"}, "level": "city",
                                                 "province": {"zh": "某省", "en": "Some Province"}},
                                    "indicators": [i.model_dump() for i in INDICATORS]})
PHRASERS = {lang: Phraser(FINDER.rules, PARAMS, lang) for lang in ("zh", "en")}
# The years a figure may not be (a bare 2025 next to a unit is taken for a year, not a quantity).
NOT_VALUES = {2020.0, 2025.0, 2030.0, 2035.0}


@st.composite
def values(draw, unit: str, lang: str) -> float:
    # Up to four significant digits: Chinese writes large values in 万 and 亿 with at most four
    # decimals, so longer figures are rounded when written and cannot come back exactly.
    digits = draw(st.integers(1, 9999))
    if unit == "%" or unit == "pp":
        return digits / 100  # shares and points: 0.01 to 99.99
    value = float(digits * 10 ** draw(st.integers(0, 5)))
    if lang == "en" and value >= 1000 and value != int(value):
        value = float(int(value))  # "1,234.5": a thousands separator and a decimal point are not read together
    return value


def _zh_scale(value: float, unit: str) -> float:
    scales = [s.factor for s in RULES.quantities.scales if s.zh] if RULES.phrasing.units[unit].wan else []
    return max([f for f in scales if value >= f], default=1.0)


@st.composite
def targets(draw):
    lang = draw(st.sampled_from(["zh", "en"]))
    n = draw(st.integers(0, len(UNITS) - 1))
    unit = UNITS[n]
    qualifier = draw(st.sampled_from(QUALIFIERS))
    if lang == "en" and qualifier == "range":
        # "20% to 24%": English writes a range with "to", which the reader does not take for a
        # range (it would turn "from 20% to 24%" into one); ranges are read from their marks.
        qualifier = "exact"
    if qualifier == "all" and unit != "%":
        # Full coverage is a share of 100%, written as the figure alone: only a share reads back as it.
        qualifier = "exact"
    value = 100.0 if qualifier == "all" else draw(values(unit, lang))
    if value in NOT_VALUES:
        value += 1
    data = {"indicator": INDICATORS[n].id, "year": draw(st.integers(2021, 2060)), "value": value,
            "qualifier": qualifier, "strive": draw(st.booleans())}
    if qualifier == "range":
        # The reader scales a range's upper end by the lower end's scale word (30万～40万千瓦):
        # an upper end past the next scale (5000千瓦～1万千瓦) has its own and is not read back.
        same_scale = lang == "en" or _zh_scale(value, unit) == _zh_scale(value * 2, unit)
        data["value_max"] = value * 2 if same_scale else value
    return lang, Target.model_validate(data)


# Derandomized: the same examples on every run, so a run is as fast and as sure as the last.
@settings(max_examples=300, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(targets())
def test_a_written_target_reads_back(case):
    lang, target = case
    phraser = PHRASERS[lang]
    sentence = phraser.sentence(target.year, [phraser.clause(target)])
    found = FINDER.sentence_targets(sentence)
    assert len(found) == 1, sentence
    [t] = found
    unit = FINDER.rules.indicator(target.indicator).unit
    got = (t.indicator, t.year, t.value, t.value_max, t.unit, t.qualifier, t.strive)
    assert got == (target.indicator, target.year, pytest.approx(target.value), target.value_max, unit,
                   target.qualifier, target.strive), sentence


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("indicator", ["energy_intensity_reduction", "forest_coverage", "non_fossil_share"])
def test_a_relative_target_reads_back_in_its_own_words(lang, indicator):
    words = {"zh": "保持省内城市中上游水平", "en": "remain in the upper-middle ranks of the province's cities"}
    target = Target.model_validate({"indicator": indicator, "year": 2025, "relative": words})
    phraser = Phraser(RULES, PARAMS, lang)
    [t] = TargetFinder(RULES).sentence_targets(phraser.sentence(2025, [phraser.clause(target)]))
    assert (t.indicator, t.year, t.value, getattr(t.relative, lang)) == (indicator, 2025, None, words[lang])


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["superior", "trend"])
def test_a_target_without_a_figure_reads_back(lang, kind):
    target = Target.model_validate({"indicator": "non_fossil_share", "year": 2030, kind: True})
    phraser = Phraser(RULES, PARAMS, lang)
    [t] = TargetFinder(RULES).sentence_targets(phraser.sentence(2030, [phraser.clause(target)]))
    assert (t.indicator, t.year, t.value, t.superior, t.trend) == ("non_fossil_share", 2030, None,
                                                                    kind == "superior", kind == "trend")
