"""Target extraction on the real seed plans, stated by hand from reading them."""

import re

import pytest

from drafter.read import read_document
from drafter.read.normalize import strip_pinyin
from drafter.read.targets import TargetFinder, find_targets

from testkit import SHARED

SEEDS = SHARED / "seeds"
needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared is not beside the repo")

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
        ("nev_share_buses", 2030, 100, "%", "exact", False, "action:transport"),
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
