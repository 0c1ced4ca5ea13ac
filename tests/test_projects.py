"""read/projects: the named local projects of a plan, in drafter's sentence form and in a real plan's
own sentences, each in its action and task; extract -> generate -> extract keeps them."""

from collections import Counter

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.generate.params import PlanParams, validate_data
from drafter.read.extract import extract_file
from drafter.read.projects import find_projects

from testkit import ROOT, SAMPLE_NAMES, SHARED, extracted, needs_shared, plan_params, rules_without, write

SEEDS = SHARED / "seeds"
EXPECTATIONS = ROOT / "tests" / "expectations"
# The seeds in Chinese or English: the French translation (000) is not read for projects.
NAMED = ["001_7cdb06c9488e7cca", "002_2b0d579e27bccf4e", "003_b803ce09c7a60efe", "004_c0e6d776a2bf4146"]


def names(data: dict) -> list[str]:
    return [next(iter(p["name"].values())) for p in data.get("projects", [])]


def placed(data: dict) -> Counter:
    return Counter((p["action"], p.get("task"), next(iter(p["name"].values()))) for p in data.get("projects", []))


# -- the recogniser on sentences of our own ---------------------------------------------------------
ZH_PLAN = """# 青溪县碳达峰实施方案

## 一、重点任务

### （一）能源绿色低碳转型行动

{text}
"""


def read_zh(tmp_path, rules, text: str) -> list[str]:
    return names(extract_file(write(tmp_path, "plan.md", ZH_PLAN.format(text=text)), rules))


@pytest.mark.parametrize("text, expected", [
    ("加快推进青溪抽水蓄能电站建设，配套建设储能设施。", ["青溪抽水蓄能电站"]),
    ("推动白石港和东湖铁路建设。", ["白石港", "东湖铁路"]),
    ("抓好220千伏南岭站至北岭站线路工程。", ["220千伏南岭站至北岭站线路工程"]),
    ("因地制宜建设抽水蓄能电站、集中式光伏电站和新型储能电站。", []),
    ("鼓励产业园区建设绿色园区，推广充换电站、加氢站。", []),
    ("实施一批重大工程，建设省级以上产业园。", []),
    ("推进海上风电基地、虚拟电厂和天然气调峰电站建设。", []),
    # a place the plan names (its locality here) makes a name proper, whatever words lead it
    ("加快国家电投青溪海上风电基地建设。", ["国家电投青溪海上风电基地"]),
    ("加快国家电投白沙海上风电基地建设。", []),
    ("东湖区、西山区和南岭区，要率先达峰。推进国家电投西山海上风电基地建设。", ["国家电投西山海上风电基地"]),
    # a "project" or a "centre" is named only by a place or a figure: any plan has generic ones
    ("加快推进青溪抽水蓄能项目前期工作，实施一批科技项目。", ["青溪抽水蓄能项目"]),
    ("建设白沙数据中心和低碳技术服务中心，推进农业示范项目。", []),
    ("参与青溪国有林场林业碳汇项目开发工作。", ["青溪国有林场林业碳汇项目"]),
])
def test_chinese_names_end_in_a_facility_word_and_hold_something_proper(rules, tmp_path, text, expected):
    assert read_zh(tmp_path, rules, text) == expected


@pytest.mark.parametrize("text, expected", [
    ("We will build the Qingxi Solar Industrial Park and the Baishi Port.", ["Qingxi Solar Industrial Park",
                                                                             "Baishi Port"]),
    ("Promote the 220 kV Nanling Station and the Beiling Food and Beverage Industrial Park.",
     ["220 kV Nanling Station", "Beiling Food and Beverage Industrial Park"]),
    ("Build green industrial parks. Each Industrial Park will save energy; Two Parks lead.", []),
    ("Relying on the Economic Development Zone, promote a Pumped Storage Power Station.", []),
    # a capitalised head, then lower-case words: the facility word is in lower case too
    ("Speed up the Baishi II 500 kV transmission and transformation project.",
     ["Baishi II 500 kV transmission and transformation project"]),
    ("Build the Qingxi Chengnan gas storage and distribution station.", ["Qingxi Chengnan gas storage and distribution station"]),
    ("Rural biogas station use will grow (Township gas supply zone).", []),  # one word opening a sentence
    ("Help Qingxi Petrochemical to leave the city and enter the park.", []),  # a sentence, not a name
    ("Upgrade the State grid supply zone.", []),
])
def test_english_names_are_capitalised_runs_ending_in_a_facility_word(rules, text, expected, tmp_path):
    plan = f"# Carbon peaking plan for Qingxi County\n\n## I. Key tasks\n\n### (I) Energy transition action\n\n{text}\n"
    assert names(extract_file(write(tmp_path, "plan.md", plan), rules)) == expected


def test_projects_are_read_only_in_the_actions_a_parameters_file_can_hold(rules, tmp_path):
    """An action no catalogue entry matches (other:<slug>) is no parameter: its projects would make
    the extracted file one generate refuses."""
    plan = ("# Carbon peaking plan for Qingxi County\n\n## I. Key tasks\n\n### (I) Energy transition action\n\n"
            "Build the Baishi Port.\n\n### (II) Green finance empowerment action\n\nBuild the Qingxi Solar Industrial Park.\n")
    data = extract_file(write(tmp_path, "plan.md", plan), rules)
    assert [(p["action"], p["name"]["en"]) for p in data["projects"]] == [("action:energy_transition", "Baishi Port")]
    validate_data(data, rules)  # what generate reads: it refuses a project of an unknown action


def test_a_name_is_kept_once_per_action_whichever_form_names_it(rules, tmp_path):
    text = "加快推进青溪抽水蓄能电站建设。\n\n重点推进以下项目：青溪抽水蓄能电站（2028年建成）。"
    data = extract_file(write(tmp_path, "plan.md", ZH_PLAN.format(text=text)), rules)
    assert [(p["name"]["zh"], p.get("year")) for p in data["projects"]] == [("青溪抽水蓄能电站", 2028)]


def test_rules_without_named_projects_read_only_the_sentence_form(rules, tmp_path):
    from drafter.model import Section
    from drafter.rules import load_rules

    action = Section(id="action:energy_transition", level=2, title="t", paragraphs=["推动白石港建设。"])
    assert find_projects([action], rules, "zh") == [{"name": {"zh": "白石港"}, "action": "action:energy_transition"}]
    older = load_rules(rules_without(tmp_path / "rules", rules, "wording.yaml", "named_projects"))
    assert find_projects([action], older, "zh") == []


# -- drafter's own templates name no project ----------------------------------------------------------
@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_plan_generated_without_projects_has_none(rules, sample_params, tmp_path, name, lang):
    params = sample_params[name].model_copy(update={"projects": []})
    assert names(extracted(params, lang, rules, tmp_path)) == []


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=plan_params(), lang=st.sampled_from(["zh", "en"]))
def test_random_parameters_without_projects_yield_none(rules, tmp_path, params, lang):
    assert names(extracted(params.model_copy(update={"projects": []}), lang, rules, tmp_path)) == []


# -- the real plans -------------------------------------------------------------------------------------
@needs_shared
@pytest.mark.parametrize("stem", NAMED)
def test_the_named_projects_of_each_seed_are_found_and_generic_phrases_are_not(rules, stem):
    expected = yaml.safe_load((EXPECTATIONS / f"{stem}.yaml").read_text(encoding="utf-8"))["projects"]
    found = names(extract_file(SEEDS / f"{stem}.txt", rules))
    assert [n for n in expected["found"] if n not in found] == []
    # Chinese has no spaces: a longer name ending in a generic phrase is that phrase with the
    # words before it (a verb, an adverb) taken in.
    wrong = [n for n in found for g in expected["not_found"]
             if n == g or (not g.isascii() and n.endswith(g))]
    assert wrong == []


@needs_shared
def test_the_french_translation_is_not_read_for_projects(rules):
    assert "projects" not in extract_file(SEEDS / "000_6dcdaf86b5a4e58b.txt", rules)


@needs_shared
@pytest.mark.parametrize("stem", NAMED)
@pytest.mark.parametrize("fmt", ["md", "docx"])
def test_extract_then_generate_keeps_each_project_in_its_action_and_task(rules, tmp_path, stem, fmt):
    data = extract_file(SEEDS / f"{stem}.txt", rules)
    lang = "zh" if stem.startswith("004") else "en"
    again = extracted(PlanParams.model_validate(data), lang, rules, tmp_path, fmt)
    assert data["projects"] and placed(again) == placed(data)
