"""The locality's features and districts: where their text goes, in which words, and that it
reads back."""

import pytest

from drafter.api import generate_document, render
from drafter.errors import DrafterError
from drafter.generate.params import load_params
from drafter.read.extract import extract_file

from testkit import MINIMAL, write

PROMPT = {"zh": "【待补充：本地重点项目、企业、园区和各地的具体举措】",
          "en": "[TO BE COMPLETED: local key projects, enterprises, parks and district measures]"}
DISTRICTS = """\
districts:
  - {name: {zh: 东岸镇, en: Dong'an Town}, peak_year: 2028, features: [ports, tourism]}
  - {name: {zh: 西山镇, en: Xishan Town}}
  - {name: {zh: 南溪镇, en: Nanxi Town}, peak_year: 2032}
"""


def plan(tmp_path, rules, extra: str, lang: str):
    return generate_document(load_params(write(tmp_path, "p.yaml", MINIMAL + extra), rules), lang, rules=rules)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_feature_writes_its_paragraph_in_the_first_of_its_places(tmp_path, rules, lang):
    doc = plan(tmp_path, rules, "features: [ports, hydropower, ceramics_cluster]\nkey_industries: [ceramics]\n", lang)
    bare = plan(tmp_path, rules, "key_industries: [ceramics]\n", lang)
    for fid, place in (("ports", "task:green_transport_infrastructure"), ("hydropower", "task:renewables"),
                       ("ceramics_cluster", "task:sector:ceramics")):
        holder = doc.find(place)
        added = [p for p in holder.paragraphs if not any(p in s.paragraphs for s in bare.walk())]
        assert len(added) == 1, (fid, holder.paragraphs)
        assert PROMPT[lang] not in holder.paragraphs  # a feature is a local fact: no prompt for one
    assert len([t for t in doc.walk() if t.kind == "task" and PROMPT[lang] in t.paragraphs]) == \
        len([t for t in bare.walk() if t.kind == "task" and PROMPT[lang] in t.paragraphs]) - 3


def test_a_feature_goes_to_its_next_place_or_nowhere(tmp_path, rules):
    doc = plan(tmp_path, rules, "features: [tourism]\nactions: [action:energy_transition]\n", "zh")
    assert not any("文化旅游" in p for s in doc.walk() for p in s.paragraphs)  # none of its places is in the plan
    doc = plan(tmp_path, rules, "features: [agriculture]\n", "zh")  # no agriculture action: the ecosystems task
    assert any("特色农业" in p for p in doc.find("task:ecosystem_consolidation").paragraphs)
    doc = plan(tmp_path, rules, "features: [agriculture]\ninclude: [action:agriculture_rural]\n", "zh")
    assert any("特色农业" in p for p in doc.find("task:agricultural_efficiency").paragraphs)


def test_the_coastal_feature_switches_on_the_coastal_tasks(tmp_path, rules):
    assert plan(tmp_path, rules, "", "zh").find("task:offshore_energy") is None
    doc = plan(tmp_path, rules, "features: [coastal]\n", "zh")
    assert doc.find("task:offshore_energy") is not None and doc.find("task:blue_carbon") is not None


def test_an_unknown_feature_is_named_with_the_known_ones(tmp_path, rules):
    with pytest.raises(DrafterError, match=r"features.0: unknown feature 'port' \(did you mean ports"):
        load_params(write(tmp_path, "p.yaml", MINIMAL + "features: [port]\n"), rules)
    with pytest.raises(DrafterError, match=r"districts.0.features.0: unknown feature 'mine'"):
        load_params(write(tmp_path, "p.yaml", MINIMAL + "districts: [{name: 甲镇, features: [mine]}]\n"), rules)


def test_districts_peak_ahead_in_step_or_later_than_the_plan(tmp_path, rules):
    zh, en = (plan(tmp_path, rules, DISTRICTS, lang) for lang in ("zh", "en"))
    assert zh.find("task:local_differentiation").paragraphs[-1] == (
        "东岸镇力争2028年前率先实现碳达峰，立足港口、文化旅游资源优势推进绿色低碳转型；西山镇与全县同步实现碳达峰；"
        "南溪镇力争2032年前实现碳达峰。")
    assert en.find("task:local_differentiation").paragraphs[-1] == (
        "Dong'an Town will strive to peak carbon emissions before 2028, ahead of the county, building on its ports "
        "and tourism; Xishan Town will peak carbon emissions in step with the county; Nanxi Town will strive to "
        "peak carbon emissions before 2032.")
    assert zh.find("responsibility").paragraphs[-1].startswith("东岸镇、西山镇、南溪镇要对照本方案")
    assert en.find("responsibility").paragraphs[-1].startswith("Dong'an Town, Xishan Town and Nanxi Town will")
    assert PROMPT["zh"] not in zh.find("task:local_differentiation").paragraphs


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_districts_read_back_with_their_ambitions_and_features(tmp_path, rules, lang, fmt):
    path = tmp_path / f"plan.{fmt}"
    path.write_bytes(render(plan(tmp_path, rules, DISTRICTS, lang), fmt))
    names = {"zh": ["东岸镇", "西山镇", "南溪镇"], "en": ["Dong'an Town", "Xishan Town", "Nanxi Town"]}[lang]
    assert extract_file(path, rules)["districts"] == [
        {"name": names[0], "peak_year": 2028, "features": ["ports", "tourism"]}, {"name": names[1]},
        {"name": names[2], "peak_year": 2032}]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_features_read_back_from_their_paragraphs_and_from_nothing_else(generated, sample_params, rules, lang):
    for name, params in sample_params.items():
        found = extract_file(generated[(name, lang)][1], rules).get("features", [])
        assert found == [f for f in rules.features if f in params.features], name  # the standard text has none
