"""parameters + rules + templates -> document model."""

import pytest

from drafter.api import generate_document
from drafter.errors import DrafterError
from drafter.generate.params import load_params

from testkit import MINIMAL, SAMPLES, skeleton_params, write

CANONICAL_12 = ["action:energy_transition", "action:energy_saving", "action:industry",
                "action:urban_rural_construction", "action:transport", "action:agriculture_rural",
                "action:circular_economy", "action:technology_innovation", "action:carbon_sink",
                "action:green_trade_cooperation", "action:green_lifestyle", "action:phased_peaking"]


def actions(doc):
    return [s.id for s in doc.find("key_tasks").children]


def tasks(doc):
    return [t for a in doc.find("key_tasks").children for t in a.children]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_jiangmen_has_its_12_actions_in_order(generated, lang):
    doc = generated[("jiangmen", lang)][0]
    assert actions(doc) == CANONICAL_12


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_deqing_has_11_actions_and_continuous_task_numbers(generated, lang):
    doc = generated[("deqing", lang)][0]
    assert actions(doc) == ["action:industry", "action:energy_transition", "action:energy_saving",
                            "action:key_industries", "action:urban_rural_construction", "action:transport",
                            "action:agriculture_rural", "action:circular_economy", "action:carbon_sink",
                            "action:green_lifestyle", "action:phased_peaking"]
    numbers = [t.number.strip() for t in tasks(doc)]
    assert numbers == [f"{i}." for i in range(1, len(numbers) + 1)]
    # the county form: main objectives at the top level, no organisation chapter
    assert [s.id for s in doc.sections] == ["main_objectives", "key_tasks", "policy_guarantees"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_guangan_restarts_task_numbers_in_each_action(generated, lang):
    doc = generated[("guangan", lang)][0]
    assert len(actions(doc)) == 10
    for action in doc.find("key_tasks").children:
        assert [t.number.strip() for t in action.children] == [f"{i}." for i in range(1, len(action.children) + 1)]
    assert [s.id for s in doc.sections] == ["general_requirements", "key_tasks", "cooperation",
                                            "policy_guarantees", "organization_implementation"]
    assert [c.id for c in doc.find("general_requirements").children] == [
        "guiding_ideology", "working_principles", "main_objectives"]


def test_chinese_numbering_of_levels(generated):
    doc = generated[("jiangmen", "zh")][0]
    assert [s.number for s in doc.sections] == ["一、", "二、", "三、", "四、"]
    assert doc.find("action:phased_peaking").number == "（十二）"
    assert doc.find("task:coal_control").number == "1."


def test_coastal_locality_gets_offshore_and_blue_carbon_tasks(generated):
    coastal = generated[("jiangmen", "zh")][0]
    inland = generated[("guangan", "zh")][0]
    for tid in ("task:offshore_energy", "task:blue_carbon"):
        assert coastal.find(tid) is not None
        assert inland.find(tid) is None


def test_key_industries_give_sector_tasks_where_they_belong(generated):
    deqing = generated[("deqing", "zh")][0]  # has a key-industries action
    assert [t.id for t in deqing.find("action:key_industries").children] == [
        "task:sector:cement", "task:sector:ceramics", "task:sector:metal_processing"]
    assert deqing.find("task:sector:cement").title == "推动水泥行业碳达峰"
    dezhou = generated[("dezhou", "zh")][0]  # sectors inside the industry action
    assert "task:sector:steel" in [t.id for t in dezhou.find("action:industry").children]


def test_targets_land_in_their_task_and_main_objectives(generated):
    doc = generated[("jiangmen", "zh")][0]
    objectives = " ".join(doc.find("main_objectives").paragraphs)
    assert "到2025年，单位地区生产总值能源消耗比2020年下降14%" in objectives
    assert "非化石能源消费比重达到32%左右" in objectives
    assert "非化石能源消费比重达到35%左右" in objectives
    assert "可再生能源发电总装机容量达到700万千瓦以上" in objectives
    assert "确保2030年前实现碳达峰" in objectives
    assert "到2030年，森林覆盖率达到44.14%，森林蓄积量达到2585万立方米。" in doc.find("task:forest_sink").paragraphs
    assert "到2030年，单位水泥熟料碳排放比2020年下降8%以上。" in doc.find("task:sector:cement").paragraphs


def test_missing_headline_targets_become_placeholders(tmp_path, rules):
    doc = generate_document(load_params(write(tmp_path, "p.yaml", MINIMAL), rules), "zh", rules=rules)
    objectives = " ".join(doc.find("main_objectives").paragraphs)
    assert "非化石能源消费比重【待补充：2025年目标值】" in objectives
    assert "单位地区生产总值二氧化碳排放【待补充：2025年目标值】" in objectives
    en = generate_document(load_params(write(tmp_path, "p.yaml", MINIMAL), rules), "en", rules=rules)
    assert "[TO BE COMPLETED: 2025 target]" in " ".join(en.find("main_objectives").paragraphs)
    assert "[TO BE COMPLETED: issue date]" in en.notice.date


def test_projects_and_responsible_units(generated):
    doc = generated[("example-county", "zh")][0]
    renewables = doc.find("task:renewables").paragraphs
    assert any("清溪工业园屋顶分布式光伏项目（装机5万千瓦，2027年建成）" in p for p in renewables)
    for task in doc.find("action:energy_transition").children:
        assert task.paragraphs[-1].endswith("（责任单位：县发展和改革局）")
    en = generated[("dezhou", "en")][0]
    for task in en.find("action:transport").children:
        assert task.paragraphs[-1].endswith(
            ". (Responsible units: Municipal Transportation Bureau, Municipal Public Security Bureau)")


def test_user_templates_override_builtin_ones_by_name(tmp_path, rules):
    folder = tmp_path / "mine"
    (folder / "zh" / "actions").mkdir(parents=True)
    (folder / "zh" / "actions" / "transport.j2").write_text(
        "本地交通专项安排。\n\n## 建设{{ place }}公交都市\n\n大力发展公共交通。\n", encoding="utf-8")
    params = load_params(SAMPLES / "jiangmen.yaml", rules)
    doc = generate_document(params, "zh", rules=rules, templates_dir=folder)
    transport = doc.find("action:transport")
    assert transport.paragraphs[0] == "本地交通专项安排。"
    assert [t.title for t in transport.children] == ["建设江门市公交都市"]
    assert doc.find("action:energy_saving").children  # the others are still the built-in ones


@pytest.mark.parametrize("template,expected", [
    ("第一行。\n为{{ no_such_variable }}制定本方案。\n", ["preamble.j2:2:", "no_such_variable"]),  # undefined
    ("ok\n{% if %}\n", ["preamble.j2:2:", "syntax"]),  # broken Jinja
    ("{{ p.__class__.__mro__ }}\n", ["preamble.j2"]),  # the sandbox refuses it
])
def test_template_errors_name_the_template_file_and_line(tmp_path, rules, template, expected):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "preamble.j2").write_text(template, encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        generate_document(load_params(SAMPLES / "jiangmen.yaml", rules), "zh", rules=rules, templates_dir=folder)
    for text in expected:
        assert text in err.value.render()


def test_action_order_must_list_every_included_action(tmp_path, rules):
    text = MINIMAL + "action_order: [action:transport]\n"
    with pytest.raises(DrafterError) as err:
        generate_document(load_params(write(tmp_path, "p.yaml", text), rules), "zh", rules=rules)
    assert "action_order" in err.value.render() and "missing" in err.value.render()


def _rules_with(tmp_path, edits: dict):
    """The built-in rules with some of wording.yaml's text replaced."""
    from drafter.rules import Rules, load_rules
    folder = tmp_path / "rules"
    folder.mkdir()
    for f in load_rules().folder.iterdir():
        text = f.read_text(encoding="utf-8")
        for old, new in edits.items() if f.name == "wording.yaml" else ():
            assert old in text, old
            text = text.replace(old, new, 1)
        (folder / f.name).write_text(text, encoding="utf-8")
    return Rules(folder)


def test_envelope_and_place_words_come_from_the_rules_folder(tmp_path, rules):
    own = _rules_with(tmp_path, {"scope: {zh: 全县, en: the county}": "scope: {zh: 全县, en: the whole county}",
                                 'en: {open: "[TO BE COMPLETED", separator: ": "': 'en: {open: "[TODO", separator: " "'})
    params = load_params(write(tmp_path, "p.yaml", MINIMAL), own)
    doc = generate_document(params, "en", rules=own)
    text = " ".join(p for s in doc.walk() for p in s.paragraphs)
    assert "the whole county" in text and "[TODO issue date]" == doc.notice.date
    assert doc.notice.authority == "People's Government of Example County"
    builtin = generate_document(params, "en", rules=rules)
    assert "the whole county" not in " ".join(p for s in builtin.walk() for p in s.paragraphs)


def test_notice_date_and_addressees_in_each_language(tmp_path, rules):
    params = load_params(write(tmp_path, "p.yaml", MINIMAL + "issue_date: 2025-03-05\n"), rules)
    assert generate_document(params, "zh", rules=rules).notice.date == "2025年3月5日"
    en = generate_document(params, "en", rules=rules).notice
    assert en.date == "March 5, 2025" and en.addressees == "[TO BE COMPLETED: addressees]:"


PROMPT = {"zh": "【待补充：本地重点项目、企业、园区和各地的具体举措】",
          "en": "[TO BE COMPLETED: local key projects, enterprises, parks and district measures]"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_task_without_local_facts_asks_for_them(rules, lang):
    params = load_params(SAMPLES / "example-county.yaml", rules)
    doc = generate_document(params, lang, rules=rules)
    prompted = [t.id for t in doc.walk() if t.kind == "task" and PROMPT[lang] in t.paragraphs]
    assert len(prompted) > 20
    # a task holding a project or a target states local facts already
    assert "task:renewables" not in prompted
    targeted = {rules.indicator(t.indicator).task for t in params.targets} - {None}
    assert targeted and not {f"task:{t}" for t in targeted} & set(prompted)
    # the responsible units stay the last words of a task
    for task in doc.find("action:energy_transition").children:
        assert task.paragraphs[-1].endswith("（责任单位：县发展和改革局）" if lang == "zh" else ")")


def test_without_prompts_the_skeleton_has_none(rules):
    doc = generate_document(skeleton_params("example-county"), "zh", rules=rules)
    assert not any(PROMPT["zh"] in p for s in doc.walk() for p in s.paragraphs)
    assert doc.marks == ("【待补充", "】")  # the writer still highlights what is missing


def test_own_titles_replace_the_standard_ones(tmp_path, rules):
    text = MINIMAL + ("titles:\n  action:circular_economy: {zh: 循环经济助力降碳行动, en: Circular Economy for Carbon Reduction}\n"
                      "  policy_guarantees: {zh: 政策保障措施}\n")
    params = load_params(write(tmp_path, "p.yaml", text), rules)
    zh, en = (generate_document(params, lang, rules=rules) for lang in ("zh", "en"))
    assert zh.find("action:circular_economy").title == "循环经济助力降碳行动"
    assert en.find("action:circular_economy").title == "Circular Economy for Carbon Reduction"
    assert zh.find("policy_guarantees").title == "政策保障措施"
    assert en.find("policy_guarantees").title == rules.section("policy_guarantees").title.en  # no English given


def test_an_unknown_title_id_is_named(tmp_path, rules):
    with pytest.raises(DrafterError, match=r"titles.action:circular: unknown section or action 'action:circular' "
                                           r"\(did you mean action:circular_economy"):
        load_params(write(tmp_path, "p.yaml", MINIMAL + "titles:\n  action:circular: {zh: 循环}\n"), rules)


def test_lists_in_running_text_end_with_and(tmp_path, rules):
    text = MINIMAL + "addressees: [{en: all townships}, {en: all county units}, {en: the county bureaus}]\n"
    en = generate_document(load_params(write(tmp_path, "p.yaml", text), rules), "en", rules=rules)
    assert en.notice.addressees == "To all townships, all county units and the county bureaus:"
