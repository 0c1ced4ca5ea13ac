"""The language of quantities (drafter.quantities, rules/quantities.yaml and the units and
qualifiers of rules/phrasing.yaml): a value written once for sentences, findings and comparison
cells, units compared through their base, and the rule blocks typed when read."""

import subprocess
import sys

import pytest

from drafter.errors import DrafterError
from drafter.model import Target
from drafter.quantities import Grammar, comparable, compatible, format_quantity, value_text, weaker
from drafter.rules import Rules
from testkit import edited_rules


def T(**kw):
    return Target.model_validate({"indicator": "renewable_capacity", "year": 2025, **kw})


@pytest.mark.parametrize("target,zh,en,short", [
    (T(value=400000, qualifier="more_than"), "40万千瓦以上", "more than 400,000 kW", ">400,000 kW"),
    (T(value=400000, value_max=600000, qualifier="range"), "40万千瓦～60万千瓦", "400,000 kW to 600,000 kW",
     "400,000 kW–600,000 kW"),
    (T(value=250, unit="MW", qualifier="about"), "250兆瓦左右", "about 250 MW", "≈250 MW"),
    (T(superior=True), "完成上级下达目标", "meet the superior's target", "superior's target"),
    (T(trend=True), "稳步提升", "increase steadily", "increase"),
])
def test_a_value_is_written_once_for_every_use(rules, target, zh, en, short):
    assert [value_text(target, rules, lang) for lang in ("zh", "en", "short")] == [zh, en, short]


def test_chinese_writes_large_values_in_the_largest_scale_word_that_fits(rules):
    assert format_quantity(250000000, "t", "zh", rules) == "2.5亿吨"
    assert format_quantity(9999, "t", "zh", rules) == "9999吨"
    assert format_quantity(500000, "MW", "zh", rules) == "500000兆瓦"  # MW is not written in 万
    assert format_quantity(3, "pp", "en", rules) == "3 percentage points"


def test_units_of_one_quantity_are_compatible_and_compared_in_their_base(rules):
    assert compatible("kW", "GW", rules) and compatible("t", "tce", rules) and compatible("%", "%", rules)
    assert not compatible("kW", "t", rules) and not compatible("%", "pp", rules)
    assert comparable(T(value=2, unit="GW"), rules) == ("kW", 2e6)
    assert comparable(T(value=14, unit="%"), rules) == ("%", 14)
    assert comparable(T(superior=True), rules) is None
    capacity = rules.indicator("renewable_capacity")
    assert weaker(T(value=900, unit="MW"), T(value=1000000, unit="kW"), capacity, rules)
    assert not weaker(T(value=1, unit="GW"), T(value=1000000, unit="kW"), capacity, rules)
    assert not weaker(T(value=1, unit="t"), T(value=5, unit="tce"), capacity, rules)  # not convertible


def test_the_grammar_reads_units_scales_and_the_first_qualifier_in_the_rules_order(rules):
    g = Grammar(rules)
    m = g.quantity.search("达到40万千瓦时")
    assert (m.group("num"), g.scale(m.group("scale")), g.unit(m.group("unit"))) == ("40", 1e4, "kWh")
    assert g.unit("Kilowatts") == "kW" and g.unit("furlongs") == "furlongs"
    assert g.qualifier_before("不超过") == "at_most"  # listed before more_than, whose 超过 it ends with
    assert g.qualifier_before("will be no more than") == "at_most"
    assert g.qualifier_before("plus de") == "more_than"
    assert g.qualifier_after("以上，") == "more_than" and g.qualifier_after("，全市") is None
    assert g.flags("力争到2025年全部完成") == {"strive", "year", "all"}


@pytest.mark.parametrize("name,old,new,said", [
    ("quantities.yaml", 'project: ["project"', 'project: ["(project"', ["quantities.yaml:", "project.0",
                                                                         "not a valid regular expression"]),
    ("quantities.yaml", 'baseline: ["比', 'baseline: ["(?<=x)比', ["quantities.yaml:", "baseline.0", "RE2 syntax"]),
    ("quantities.yaml", "factor: 1.0e+4,", "factor: -1,", ["quantities.yaml:", "scales.0.factor"]),
    ("quantities.yaml", "trend:\n", "trnd:\n", ["quantities.yaml:", "unknown key 'trnd'"]),
    ("phrasing.yaml", 'read: ["千瓦", "kilowatts?"', 'read: ["千瓦", "kilowatts?("', ["phrasing.yaml:",
                                                                                    "units.kW.read.1"]),
    ("phrasing.yaml", "base: kW, factor: 1.0e+3", "base: kw, factor: 1.0e+3", ["phrasing.yaml", "unknown unit 'kw'"]),
    ("phrasing.yaml", 'after: ["以上"', 'after: ["[以上"', ["phrasing.yaml:", "qualifiers.more_than.after.0"]),
])
def test_a_broken_quantity_rule_is_refused_on_one_line(tmp_path, rules, name, old, new, said):
    with pytest.raises(DrafterError) as err:
        Rules(edited_rules(tmp_path, rules, name, old, new))
    message = err.value.render()
    assert "\n" not in message
    for part in said:
        assert part in message


def test_the_checks_write_values_without_the_generator():
    code = ("import sys, drafter.check.target_checks, drafter.check.compare; "
            "print(sorted(m for m in sys.modules if m.startswith('drafter.generate')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
