"""Targets are written as the plans write them, in both languages."""

import pytest

from drafter.generate.params import PlanParams, Target
from drafter.generate.phrasing import Phraser
from drafter.quantities import format_quantity


def params(**extra):
    base = {"locality": {"name": {"zh": "江门市", "en": "Jiangmen City"}, "level": "city",
                         "province": {"zh": "广东省", "en": "Guangdong Province"}}}
    base.update(extra)
    return PlanParams.model_validate(base)


def sentence(lang, *targets, p=None):
    phraser = Phraser(load(), p or params(), lang)
    return phraser.sentence(targets[0].year, [phraser.clause(t) for t in targets])


def load():
    from drafter.rules import load_rules
    return load_rules()


def T(**kw):
    return Target.model_validate(kw)


def test_the_issue_example_in_both_languages():
    t = T(indicator="energy_intensity_reduction", year=2025, value=14)
    assert sentence("zh", t) == "到2025年，单位地区生产总值能源消耗比2020年下降14%。"
    assert sentence("en", t) == "By 2025, energy consumption per unit of GDP will be 14% lower than in 2020."


@pytest.mark.parametrize("qualifier,zh,en", [
    ("about", "非化石能源消费比重达到35%左右", "the share of non-fossil energy in total energy consumption will reach about 35%"),
    ("more_than", "非化石能源消费比重达到35%以上", "will reach more than 35%"),
    ("at_least", "非化石能源消费比重不低于35%", "will be at least 35%"),
    ("exact", "非化石能源消费比重达到35%", "will reach 35%"),
])
def test_qualifiers(qualifier, zh, en):
    t = T(indicator="non_fossil_share", year=2030, value=35, qualifier=qualifier)
    assert zh in sentence("zh", t)
    assert en in sentence("en", t)


def test_strive_and_several_clauses():
    a = T(indicator="non_fossil_share", year=2030, value=37, qualifier="about", strive=True)
    b = T(indicator="forest_coverage", year=2030, value=44.14)
    assert sentence("zh", a, b) == "到2030年，力争非化石能源消费比重达到37%左右，森林覆盖率达到44.14%。"
    assert sentence("en", a, b) == ("By 2030, the share of non-fossil energy in total energy consumption will strive "
                                    "to reach about 37% and forest coverage will reach 44.14%.")


def test_superior_target_names_the_superior_government():
    p = params(locality={"name": {"zh": "德庆县", "en": "Deqing County"}, "level": "county",
                         "province": {"zh": "广东省", "en": "Guangdong"},
                         "parent": {"zh": "肇庆市", "en": "Zhaoqing City"}})
    t = T(indicator="co2_intensity_reduction", year=2025, superior=True)
    assert sentence("zh", t, p=p) == "到2025年，单位地区生产总值二氧化碳排放下降率完成肇庆市下达的目标任务。"
    assert "will meet the target set by Zhaoqing City" in sentence("en", t, p=p)


def test_large_quantities_use_wan_in_chinese_and_separators_in_english():
    rules = load()
    assert format_quantity(400000, "kW", "zh", rules) == "40万千瓦"
    assert format_quantity(400000, "kW", "en", rules) == "400,000 kW"
    assert format_quantity(25850000, "m3", "zh", rules) == "2585万立方米"


def test_large_english_quantities_are_written_in_millions_when_the_figure_stays_exact():
    rules = load()
    assert format_quantity(3000000, "kW", "en", rules) == "3 million kW"
    assert format_quantity(25850000, "m3", "en", rules) == "25.85 million m³"
    assert format_quantity(2.5e9, "kWh", "en", rules) == "2.5 billion kWh"
    assert format_quantity(1234567, "kW", "en", rules) == "1,234,567 kW"  # 1.234567 million would be rounded
    assert format_quantity(150, "%", "en", rules) == "150%"  # not a unit of large quantities
    assert format_quantity(12.8, "%", "en", rules) == "12.8%"
    assert format_quantity(1.3, "ratio", "zh", rules) == "1.3"


def test_all_and_trend():
    # Full coverage is the figure alone, as plans write it: no 全部达到100%, no "(full coverage)".
    zh = sentence("zh", T(indicator="green_building_share", year=2025, qualifier="all"))
    assert "城镇新建建筑中绿色建筑占比达到100%" in zh and "全部" not in zh
    en = sentence("en", T(indicator="green_building_share", year=2025, qualifier="all"))
    assert en.endswith("will reach 100%.") and "coverage" not in en
    assert sentence("zh", T(indicator="non_fossil_share", year=2025, trend=True)) == "到2025年，非化石能源消费比重稳步提升。"


def test_a_relative_target_is_a_sentence_form_of_its_own():
    t = T(indicator="co2_intensity_reduction", year=2025, relative={"zh": "保持省内城市中上游水平",
                                                                   "en": "remain among the leading cities of the province"})
    assert sentence("zh", t) == "到2025年，单位地区生产总值二氧化碳排放下降幅度保持省内城市中上游水平。"
    assert sentence("en", t) == ("By 2025, the reduction in carbon dioxide emissions per unit of GDP will remain "
                                 "among the leading cities of the province.")
    level = T(indicator="forest_coverage", year=2030, relative="保持全省前列")
    assert sentence("zh", level) == "到2030年，森林覆盖率保持全省前列。"
    assert "[TO BE COMPLETED: English name of 保持全省前列]" in sentence("en", level)  # words in one language only


def test_a_relative_target_takes_no_figure():
    with pytest.raises(ValueError, match="not several"):
        T(indicator="forest_coverage", year=2030, value=60, relative="保持全省前列")
