"""Target extraction on the real seed plans, stated by hand from reading them."""

import re

import pytest

from drafter.read import read_document
from drafter.read.normalize import strip_pinyin
from drafter.read.targets import TargetFinder, find_targets

from testkit import SHARED, needs_shared

SEEDS = SHARED / "seeds"

# (indicator, year, value, unit, qualifier, strive, baseline_year, superior, trend)
HEADLINE = {
    "001_7cdb06c9488e7cca.txt": [  # Deqing
        ("energy_intensity_reduction", 2025, 12.8, "%", "exact", False, 2020, False, False),
        ("co2_intensity_reduction", 2025, None, None, None, False, None, True, False),
        ("non_fossil_share", 2025, None, None, None, False, None, False, True),
        ("carbon_peak_year", 2030, 2030, "year", "before", False, None, False, False),
    ],
    "002_2b0d579e27bccf4e.txt": [  # Guang'an
        ("energy_intensity_reduction", 2025, 14.5, "%", "more_than", False, None, False, False),
        ("co2_intensity_reduction", 2025, 19.5, "%", "exact", False, None, False, False),
        ("non_fossil_share", 2025, 35, "%", "about", False, None, False, False),
        ("non_fossil_share", 2030, 37, "%", "about", False, None, False, False),
        ("renewable_capacity", 2025, 400000, "kW", "more_than", False, None, False, False),
        ("carbon_peak_year", 2030, 2030, "year", "by", False, None, False, False),
    ],
    "003_b803ce09c7a60efe.txt": [  # Dezhou
        ("non_fossil_share", 2025, 13, "%", "about", False, None, False, False),
        ("non_fossil_share", 2030, 18, "%", "about", False, None, False, False),
        ("energy_intensity_reduction", 2025, 16, "%", "more_than", False, 2020, False, False),
        ("carbon_peak_year", 2030, 2030, "year", "by", False, None, False, False),
    ],
    "004_c0e6d776a2bf4146.txt": [  # Jiangmen
        ("energy_intensity_reduction", 2025, 14, "%", "exact", False, None, False, False),
        ("non_fossil_share", 2025, 32, "%", "about", False, None, False, False),
        ("non_fossil_share", 2030, 35, "%", "about", False, None, False, False),
        ("carbon_peak_year", 2030, 2030, "year", "before", False, None, False, False),
    ],
}
HEADLINE["000_6dcdaf86b5a4e58b.txt"] = HEADLINE["001_7cdb06c9488e7cca.txt"]  # Deqing in French: the same targets

# At least ten more per plan, from different actions: (indicator, year, value, unit, qualifier, strive, section)
FURTHER = {
    "001_7cdb06c9488e7cca.txt": [
        ("gas_power_capacity", 2025, 240, "MW", "exact", False, "action:energy_transition"),
        ("cement_clinker_carbon_intensity_reduction", 2030, 8, "%", "exact", False, "action:key_industries"),
        ("star_rated_green_building_share", 2025, 30, "%", "more_than", False, "action:urban_rural_construction"),
        ("prefab_building_share", 2025, 35, "%", "more_than", False, "action:urban_rural_construction"),
        ("construction_material_loss_reduction", 2030, 20, "%", "more_than", False, "action:urban_rural_construction"),
        ("construction_waste_utilization_rate", 2030, 55, "%", "exact", True, "action:urban_rural_construction"),
        ("renewable_replacement_rate_buildings", 2025, 8, "%", "exact", False, "action:urban_rural_construction"),
        ("nev_share_new_vehicles", 2030, 40, "%", "about", False, "action:transport"),
        ("ev_sales_share", 2030, 30, "%", "more_than", True, "action:transport"),
        ("charging_piles", 2025, 320, "piles", "exact", False, "action:transport"),
        ("waste_recycling_rate", 2030, 65, "%", "exact", True, "action:circular_economy"),
        ("waste_classification_coverage", 2030, 100, "%", "all", True, "action:circular_economy"),
        ("forest_coverage", 2030, 70, "%", "more_than", False, "action:carbon_sink"),
        ("forest_stock", 2030, 8800000, "m3", "more_than", False, "action:carbon_sink"),
    ],
    "002_2b0d579e27bccf4e.txt": [
        ("green_building_share", 2025, 100, "%", "all", False, "action:urban_rural_construction"),
        ("star_rated_green_building_share", 2025, 30, "%", "more_than", False, "action:urban_rural_construction"),
        ("renewable_replacement_rate_buildings", 2025, 8, "%", "exact", False, "action:urban_rural_construction"),
        ("rooftop_pv_coverage", 2025, 50, "%", "exact", False, "action:urban_rural_construction"),
        ("operating_vehicle_carbon_intensity_reduction", 2030, 9.5, "%", "about", False, "action:transport"),
        ("waste_recycling_rate", 2025, 80, "%", "about", False, "action:circular_economy"),
        ("waste_recycling_rate", 2030, 85, "%", "exact", False, "action:circular_economy"),
        ("waste_classification_coverage", 2030, 100, "%", "all", False, "action:circular_economy"),
        ("forest_coverage", 2025, 32, "%", "about", False, "action:carbon_sink"),
        ("peak_load_response_capacity", 2030, 5, "%", "more_than", False, "action:energy_transition"),
        ("renewable_resources_recycling", 2025, 830000, "t", "exact", False, "action:circular_economy"),
    ],
    "003_b803ce09c7a60efe.txt": [
        ("pv_capacity", 2030, 4000000, "kW", "exact", False, "action:energy_transition"),
        ("wind_capacity", 2030, 3700000, "kW", "exact", False, "action:energy_transition"),
        ("energy_storage_capacity", 2030, 1000000, "kW", "more_than", False, "action:energy_transition"),
        ("prefab_building_share", 2025, 40, "%", "more_than", False, "action:urban_rural_construction"),
        ("renewable_replacement_rate_buildings", 2025, 8, "%", "exact", False, "action:urban_rural_construction"),
        ("rooftop_pv_coverage", 2025, 50, "%", "exact", False, "action:urban_rural_construction"),
        ("green_travel_share", 2025, 70, "%", "more_than", False, "action:transport"),
        ("nev_share_buses", 2030, 100, "%", "all", False, "action:transport"),  # a share of 100% is full coverage
        ("construction_waste_utilization_rate", 2030, 75, "%", "exact", False, "action:circular_economy"),
        ("waste_classification_coverage", 2030, 100, "%", "all", False, "action:circular_economy"),
        ("forest_stock", 2030, 10000000, "m3", "exact", False, "action:carbon_sink"),
        ("forest_coverage", 2030, 10, "%", "about", False, "action:carbon_sink"),
    ],
    "004_c0e6d776a2bf4146.txt": [
        ("renewable_capacity", 2030, 7000000, "kW", "more_than", False, "action:energy_transition"),
        ("gas_power_capacity", 2025, 3000000, "kW", "more_than", False, "action:energy_transition"),
        ("cement_clinker_carbon_intensity_reduction", 2030, 8, "%", "more_than", False, "action:industry"),
        ("green_building_share", 2025, 100, "%", "all", False, "action:urban_rural_construction"),
        ("star_rated_green_building_share", 2025, 30, "%", "more_than", False, "action:urban_rural_construction"),
        ("prefab_building_share", 2030, 40, "%", "more_than", True, "action:urban_rural_construction"),
        ("nev_share_new_vehicles", 2030, 40, "%", "about", False, "action:transport"),
        ("ev_sales_share", 2030, 30, "%", "more_than", True, "action:transport"),
        ("operating_vehicle_carbon_intensity_reduction", 2030, 10, "%", "exact", False, "action:transport"),
        ("green_travel_share", 2030, 70, "%", "at_least", False, "action:transport"),
        ("highway_fast_charging_coverage", 2025, 100, "%", "all", False, "action:transport"),
        ("park_circular_transformation_share", 2030, 100, "%", "all", False, "action:circular_economy"),
        ("waste_recycling_rate", 2025, 60, "%", "at_least", False, "action:circular_economy"),
        ("waste_recycling_rate", 2030, 65, "%", "more_than", False, "action:circular_economy"),
        ("forest_coverage", 2030, 44.14, "%", "exact", False, "action:carbon_sink"),
        ("forest_stock", 2030, 25850000, "m3", "exact", False, "action:carbon_sink"),
    ],
}


def headline_key(t):
    figure = not (t.superior or t.trend)
    return (t.indicator, t.year, t.value if figure else None, t.unit if figure else None,
            t.qualifier if figure else None, t.strive, t.baseline_year, t.superior, t.trend)


@needs_shared
@pytest.mark.parametrize("name", sorted(HEADLINE))
def test_headline_targets_exactly(rules, name):
    found = {headline_key(t) for t in find_targets(read_document(SEEDS / name, rules), rules)}
    for expected in HEADLINE[name]:
        assert expected in found, expected


@needs_shared
@pytest.mark.parametrize("name", sorted(FURTHER))
def test_further_targets_from_the_actions(rules, name):
    found = {(t.indicator, t.year, t.value, t.unit, t.qualifier, t.strive, t.section)
             for t in find_targets(read_document(SEEDS / name, rules), rules)}
    expected = FURTHER[name]
    assert len(expected) >= 10 and len({e[-1] for e in expected}) >= 4
    missing = [e for e in expected if e not in found]
    assert missing == []


@needs_shared
@pytest.mark.parametrize("name", sorted(HEADLINE))
def test_no_target_from_the_news_lead_or_project_specs(rules, name):
    raw = strip_pinyin((SEEDS / name).read_text(encoding="utf-8"))
    doc = read_document(SEEDS / name, rules)
    start = raw.find(doc.notice.title[:20]) if doc.notice else raw.find(doc.title[:15])
    assert start > 0
    for t in find_targets(doc, rules):
        probe = re.sub(r"\(\w+\)", "", t.quote)[:40]
        assert raw.find(probe[:25], start) >= start, f"{t.indicator} quoted from before the plan: {t.quote}"
        assert t.unit not in ("kV", "MWh")
        assert not (t.unit == "MW" and t.value in (200, 400)), t.quote  # the 200 MW/400 MWh storage project
        assert not (t.unit == "kW" and t.value == 300000), t.quote  # "units under 300000 kilowatts"


def test_sentences_in_both_languages(rules):
    finder = TargetFinder(rules)
    [t] = finder.sentence_targets("到2030年，单位水泥熟料碳排放比2020年降低8%以上。")
    assert (t.indicator, t.value, t.qualifier, t.baseline_year) == ("cement_clinker_carbon_intensity_reduction", 8,
                                                                   "more_than", 2020)
    pair = finder.sentence_targets("到2030年，全市森林覆盖率和森林蓄积量分别达44.14%和2585万立方米。")
    assert [(t.indicator, t.value, t.unit) for t in pair] == [("forest_coverage", 44.14, "%"),
                                                              ("forest_stock", 25850000, "m3")]
    [t] = finder.sentence_targets("By 2025, the total installed capacity of hydropower, wind power and solar power "
                                  "should reach more than 400,000 kilowatts.")
    assert (t.indicator, t.value, t.unit, t.qualifier) == ("renewable_capacity", 400000, "kW", "more_than")
    assert finder.sentence_targets("Build the 200 MW/400 MWh Standalone ESS Project by 2025.") == []
    assert finder.sentence_targets("By 2025, units under 300000 kilowatts will be replaced.") == []
    [t] = finder.sentence_targets("D'ici à 2030, le taux de couverture forestière sera maintenu à plus de 70 %.")
    assert (t.indicator, t.value, t.qualifier) == ("forest_coverage", 70, "more_than")


@needs_shared
def test_french_and_english_deqing_give_the_same_catalogued_targets(rules):
    def catalogued(name):
        return {headline_key(t) for t in find_targets(read_document(SEEDS / name, rules), rules)
                if not t.indicator.startswith("custom_")}
    french, english = catalogued("000_6dcdaf86b5a4e58b.txt"), catalogued("001_7cdb06c9488e7cca.txt")
    assert len(french & english) >= 20


def test_two_forms_are_every_character_whose_nfkc_holds_a_2():
    """Paragraphs without any of them are skipped before normalising: no year 20xx can be there."""
    import sys
    import unicodedata

    from drafter.read.targets import TWO_FORMS

    found = {chr(c) for c in range(sys.maxunicode + 1)
             if not 0xD800 <= c <= 0xDFFF and "2" in unicodedata.normalize("NFKC", chr(c))}
    assert found == set(TWO_FORMS)


def test_a_year_written_in_full_width_digits_is_found(rules):
    from drafter.read.targets import TargetFinder

    found = TargetFinder(rules).sentence_targets("到２０２５年，单位地区生产总值能耗下降１４％。")
    assert [(t.indicator, t.year, t.value) for t in found] == [("energy_intensity_reduction", 2025, 14.0)]


def test_long_runs_of_and_are_split_in_one_pass(rules):
    """'... will reach 5% and the rate of X and ...': each ' and ' decides on the words around it."""
    from drafter.read.targets import TargetFinder

    sentence = "By 2025, " + " and ".join(["the forest coverage rate will reach 50%"] + ["the y will grow"] * 20_000)
    found = TargetFinder(rules).sentence_targets(sentence)
    assert [(t.indicator, t.year, t.value) for t in found] == [("forest_coverage", 2025, 50.0)]


# -- the sentence forms of issue 10: each in Chinese, English and French where plans use it ----------
def _found(rules, sentence):
    return [(t.indicator, t.year, t.value, t.unit, t.qualifier) for t in TargetFinder(rules).sentence_targets(sentence)]


def _objectives_targets(rules, tmp_path, objectives: str, lang: str = "zh") -> list:
    """The targets (model.Target) of a small plan whose main objectives are `objectives`
    (paragraphs, one a line)."""
    heading = {"zh": "## 一、主要目标", "en": "## I. Main Objectives", "fr": "## I. Objectifs principaux"}[lang]
    title = {"zh": "# 某县碳达峰实施方案", "en": "# Carbon Peaking Implementation Plan of X County",
             "fr": "# Plan de mise en œuvre du pic carbone du comté X"}[lang]
    path = tmp_path / "plan.md"
    path.write_text(f"{title}\n\n{heading}\n\n" + "\n\n".join(objectives.splitlines()) + "\n", encoding="utf-8")
    return find_targets(read_document(path, rules), rules)


def _plan_targets(rules, tmp_path, objectives: str, lang: str = "zh"):
    """(indicator, year, value, unit, qualifier, strive) of each target of such a plan."""
    return [(t.indicator, t.year, t.value, t.unit, t.qualifier, t.strive)
            for t in _objectives_targets(rules, tmp_path, objectives, lang)]


@pytest.mark.parametrize("lang,paragraph", [
    ("zh", "到2025年，全县生态文明建设取得新进展。单位地区生产总值能耗下降13%。"),
    ("en", "By 2025, the county will make new progress in ecological progress. Energy consumption per unit of "
           "GDP will fall by 13%."),
    ("fr", "D'ici 2025, le comté fera de nouveaux progrès écologiques. La consommation d'énergie par unité de PIB "
           "diminuera de 13 %."),
])
def test_the_year_carries_forward_inside_a_paragraph(rules, tmp_path, lang, paragraph):
    found = _plan_targets(rules, tmp_path, paragraph, lang)
    assert ("energy_intensity_reduction", 2025, 13.0, "%", "exact", False) in found


def test_the_year_does_not_carry_into_the_next_paragraph_nor_to_uncatalogued_figures(rules, tmp_path):
    found = _plan_targets(rules, tmp_path, "到2025年，全县生态文明建设取得新进展。建成12个口袋公园。\n"
                                           "森林覆盖率保持在60%以上。")
    assert found == [("forest_coverage", None, 60.0, "%", "more_than", False)]


@pytest.mark.parametrize("sentence,year", [
    ("“十四五”期间，新增充电桩1200个。", 2025),
    ("“十五五”期间，新增充电桩1200个。", 2030),
    ("During the 14th Five-Year Plan period, 1,200 charging piles will be added.", 2025),
    ("Pendant la période du 15e Plan quinquennal, 1 200 bornes de recharge seront installées.", 2030),
])
def test_plan_periods_stand_for_their_final_year(rules, sentence, year):
    assert _found(rules, sentence) == [("charging_piles", year, 1200.0, "piles", "exact")]


def test_one_figure_for_two_plan_periods_respectively(rules):
    assert _found(rules, "“十四五”“十五五”期间分别新增水电装机容量300万千瓦左右。") == [
        ("hydropower_capacity_added", 2025, 3000000.0, "kW", "about"),
        ("hydropower_capacity_added", 2030, 3000000.0, "kW", "about")]


def test_a_period_without_a_figure_sets_no_year(rules):
    assert _found(rules, "During the 15th Five-Year Plan period, coal consumption will decrease steadily.") == []


@pytest.mark.parametrize("sentence", [
    "新建大型数据中心电能利用效率(PUE)不高于1.25。",
    "The PUE of new large data centres will be no more than 1.25.",
    "Le PUE des nouveaux grands centres de données sera au plus de 1,25.",
])
def test_a_target_without_a_year_is_kept_with_year_null(rules, sentence):
    assert _found(rules, sentence) == [("data_center_pue", None, 1.25, "ratio", "at_most")]


def test_a_figure_without_a_year_needs_a_catalogued_indicator(rules):
    assert _found(rules, "全面执行75%节能设计标准。") == []
    assert _found(rules, "Build 3 LNG bunkering stations for ships.") == []


@pytest.mark.parametrize("sentence", [
    "到2025年，单位地区生产总值能耗和二氧化碳排放分别比2020年下降12%、16%。",
    "By 2025, energy use and carbon emissions per unit of GDP will fall by 12% and 16% respectively from 2020.",
    "D'ici 2025, la consommation d'énergie et les émissions de CO2 par unité de PIB baisseront respectivement "
    "de 12 % et 16 % par rapport à 2020.",
])
def test_several_values_in_one_clause_are_matched_to_their_subjects_in_order(rules, sentence):
    assert _found(rules, sentence) == [("energy_intensity_reduction", 2025, 12.0, "%", "exact"),
                                       ("co2_intensity_reduction", 2025, 16.0, "%", "exact")]


@pytest.mark.parametrize("sentence,expected", [
    ("By 2025, more than 2,500 shared electric bicycles will be in service.",
     [("shared_bicycles", 2025, 2500.0, "vehicles", "more_than")]),
    ("D'ici 2025, plus de 2 500 vélos électriques partagés seront en service.",
     [("shared_bicycles", 2025, 2500.0, "vehicles", "more_than")]),
    ("到2025年，投放共享电单车2500辆。", [("shared_bicycles", 2025, 2500.0, "vehicles", "exact")]),
    ("By 2025, 120 new public charging stations and 2,400 new charging piles will be built.",
     [("charging_stations", 2025, 120.0, "count", "exact"), ("charging_piles", 2025, 2400.0, "piles", "exact")]),
    ("到2030年，新能源汽车保有量达到5万辆。", [("custom_新能源汽车保有量", 2030, 50000.0, "vehicles", "exact")]),
])
def test_counts_of_things(rules, sentence, expected):
    assert _found(rules, sentence) == expected


@pytest.mark.parametrize("sentence", [
    "By 2030, five counties will be built into demonstration counties for waste sorting.",
    "D'ici 2030, cinq comtés de démonstration du tri des déchets seront créés.",
    "到2030年，建成五个生活垃圾分类示范县。",
])
def test_number_words_count_things(rules, sentence):
    assert _found(rules, sentence) == [("waste_sorting_demo_counties", 2030, 5.0, "count", "exact")]


def test_a_range_of_a_count_keeps_both_ends(rules):
    [t] = TargetFinder(rules).sentence_targets("“十四五”期间，选择3～6个乡镇开展碳达峰试点。")
    assert (t.indicator, t.year, t.value, t.value_max, t.qualifier) == ("peak_pilot_localities", 2025, 3, 6, "range")


@pytest.mark.parametrize("sentence,expected", [
    ("到2030年，全市湿地面积不少于300平方公里。", ("wetland_area", 2030, 300.0, "km2", "at_least")),
    ("By 2030, the wetland area will be no less than 300 km².", ("wetland_area", 2030, 300.0, "km2", "at_least")),
    ("到2025年，煤电机组平均供电煤耗降至300克标准煤/千瓦时。",
     ("coal_power_supply_consumption", 2025, 300.0, "gce/kWh", "exact")),
    ("By 2025, the coal consumption of coal-fired power units will fall to 300 g/kWh.",
     ("coal_power_supply_consumption", 2025, 300.0, "gce/kWh", "exact")),
    ("到2025年，建成高标准农田3000亩。", ("high_standard_farmland", 2025, 3000.0, "mu", "exact")),
])
def test_units_of_area_and_of_coal_per_kilowatt_hour(rules, sentence, expected):
    assert _found(rules, sentence) == [expected]


@pytest.mark.parametrize("sentence", [
    "到2030年，城市生活垃圾分类实现全覆盖。",
    "By 2030, household waste sorting in cities will reach full coverage.",
    "D'ici 2030, le tri des déchets ménagers atteindra une couverture totale.",
])
def test_full_coverage_is_all(rules, sentence):
    assert _found(rules, sentence) == [("waste_classification_coverage", 2030, 100.0, "%", "all")]


def test_full_coverage_without_the_word_coverage(rules):
    assert _found(rules, "到2030年，省级以上产业园区全部完成循环化改造。") == [
        ("park_circular_transformation_share", 2030, 100.0, "%", "all")]


@pytest.mark.parametrize("wording", ["单位生产总值能源消耗", "单位GDP能耗", "万元GDP能耗", "单位地区生产总值能耗"])
def test_wordings_of_energy_intensity(rules, wording):
    assert _found(rules, f"到2025年，{wording}比2020年下降13%。") == [("energy_intensity_reduction", 2025, 13.0, "%", "exact")]


def test_industrial_energy_intensity_is_its_own_indicator(rules):
    assert _found(rules, "到2025年，规模以上工业单位增加值能耗下降15%。") == [
        ("industrial_energy_intensity_reduction", 2025, 15.0, "%", "exact")]


@pytest.mark.parametrize("sentence", [
    "到2025年，单位生产总值能源消耗和二氧化碳排放确保完成省下达指标。",
    "By 2025, energy use and carbon dioxide emissions per unit of GDP will meet the targets set by the province.",
])
def test_a_combined_promise_credits_every_indicator_it_names(rules, sentence):
    found = TargetFinder(rules).sentence_targets(sentence)
    assert [(t.indicator, t.year, t.superior) for t in found] == [("energy_intensity_reduction", 2025, True),
                                                                  ("co2_intensity_reduction", 2025, True)]


@pytest.mark.parametrize("lang,paragraph,expected", [
    ("zh", "到2030年，非化石能源消费比重达到30%左右，确保2030年前实现碳达峰。", (2030, "before", False)),
    ("zh", "力争2028年前实现碳达峰。", (2028, "before", True)),
    ("zh", "二氧化碳排放量在2030年之前达到峰值并稳中有降。", (2030, "before", False)),
    ("zh", "力争到2029年，高质量实现碳达峰。", (2029, "by", True)),
    # A peak named in one sentence does not take the year of the next one.
    ("zh", "前期打牢碳达峰基础。到2025年，单位地区生产总值能耗下降14%。后期确保碳排放在2030年前达峰。",
     (2030, "before", False)),
    ("en", "By 2030, carbon emissions will strive to peak by 2029.", (2029, "by", True)),
    ("en", "Carbon emissions will peak before 2030.", (2030, "before", False)),
    ("fr", "Les émissions de carbone atteindront leur pic avant 2030.", (2030, "before", False)),
])
def test_peak_commitments_keep_before_or_by_and_strive(rules, tmp_path, lang, paragraph, expected):
    peak = [(year, qualifier, strive) for ind, year, _, _, qualifier, strive in _plan_targets(rules, tmp_path, paragraph, lang)
            if ind == "carbon_peak_year"]
    assert peak == [expected]


@pytest.mark.parametrize("lang,paragraph", [
    ("zh", "到2030年，非化石能源消费比重达到30%左右，力争与全省同步实现碳达峰。"),
    ("en", "By 2030, the share of non-fossil energy will reach about 30%, and carbon emissions will strive to peak "
           "in step with the province."),
    ("fr", "Nous nous efforcerons d'atteindre le pic en même temps que la province."),
])
def test_a_peak_in_step_with_the_superior_has_no_year(rules, tmp_path, lang, paragraph):
    [peak] = [t for t in _objectives_targets(rules, tmp_path, paragraph, lang) if t.indicator == "carbon_peak_year"]
    assert (peak.year, peak.superior, peak.strive) == (None, True, True)


@pytest.mark.parametrize("sentence, words", [
    ("By 2025, the reduction in energy consumption per unit of GDP will remain in the upper-middle \x1b ranks of "
     "the province's cities.", {"en": "remain in the upper-middle ranks of the province's cities"}),
    ("到2025年，单位地区生产总值能源消耗下降幅度保持省内\x07城市中上游水平。", {"zh": "保持省内城市中上游水平"}),
])
def test_a_standing_among_peers_is_read_without_the_control_characters_of_a_broken_file(rules, sentence, words):
    """The words become a parameter, which refuses control characters: read without them, not a traceback."""
    [found] = TargetFinder(rules).sentence_targets(sentence)
    assert (found.indicator, found.year, found.relative.model_dump(exclude_none=True)) == \
        ("energy_intensity_reduction", 2025, words)
