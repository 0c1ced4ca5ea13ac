"""Canonical ids of what the reader finds (drafter/read/naming.py), tasks above all: task:<id>
when the title is a task rule's, else plain "task"; and the section kinds of the model."""

import pytest

from drafter.model import TASK, UNRECOGNIZED, Section, is_task, task_id
from drafter.read.outline import read_outline
from drafter.read.source import Line


def _read(rules, *texts):
    return read_outline([Line(t, i + 1) for i, t in enumerate(texts)], rules)


def _tasks(doc, parent):
    return [t.id for t in doc.find(parent).children]


ENERGY_ZH = ("一、重点任务", "（一）能源绿色低碳转型行动")


def test_a_task_titled_as_its_rule_gets_the_rule_id(rules):
    doc = _read(rules, *ENERGY_ZH, "1.严格合理控制煤炭消费。内容。", "2.合理调控油气消费。内容。")
    assert _tasks(doc, "action:energy_transition") == ["task:coal_control", "task:oil_gas"]


def test_english_titles_match_in_any_case(rules):
    doc = _read(rules, "II. Key Tasks", "(1) Green and Low-Carbon Energy Transition",
                "1. STRICTLY CONTROLLING COAL CONSUMPTION. We will cut coal.", "2. Building more roads. Text.")
    assert _tasks(doc, "action:energy_transition") == ["task:coal_control", TASK]


def test_a_near_copy_of_a_title_matches_and_a_loose_one_does_not(rules):
    doc = _read(rules, *ENERGY_ZH, "1.严格合理控制煤炭的消费。内容。", "2.控制煤炭。内容。")
    assert _tasks(doc, "action:energy_transition") == ["task:coal_control", TASK]


def test_a_task_rule_names_one_task_of_an_action(rules):
    doc = _read(rules, *ENERGY_ZH, "1.严格合理控制煤炭消费。内容。", "2.严格合理控制煤炭消费。又一次。")
    assert _tasks(doc, "action:energy_transition") == ["task:coal_control", TASK]


def test_a_task_of_another_action_stays_a_plain_task(rules):
    doc = _read(rules, *ENERGY_ZH, "1.大力发展绿色低碳产业。内容。")
    assert _tasks(doc, "action:energy_transition") == [TASK]


def test_sector_tasks_are_named_by_industry(rules):
    sector = next(i for i in rules.industries if i.task and i.sector_task)
    action = next(a for a in rules.actions if any(t.sectors for t in a.tasks))
    doc = _read(rules, "一、重点任务", f"（一）{action.title.zh}", f"1.{sector.task.zh}。内容。")
    assert _tasks(doc, action.id) == [task_id(f"sector:{sector.id}")]


def test_section_tasks_of_cooperation(rules):
    first = rules.section_tasks["cooperation"][0]
    doc = _read(rules, "一、重点任务", "二、加强区域和对外合作", f"（一）{first.title.zh}", "（二）别的工作")
    assert _tasks(doc, "cooperation") == [task_id(first.id), TASK]


def test_a_section_that_may_stand_under_another_parent(rules):
    doc = _read(rules, "一、保障措施", "（一）加强统筹协调", "内容。")
    assert _tasks(doc, "policy_guarantees") == ["leadership_coordination"]


@pytest.mark.parametrize("sid,kind", [("task", "task"), ("task:coal_control", "task"), ("task:sector:cement", "task"),
                                      ("unrecognized", "unrecognized"), ("action:transport", "action"),
                                      ("other:special_work_plans", "other"), ("key_tasks", "section"),
                                      ("taskforce", "section")])
def test_section_kind_from_the_id(sid, kind):
    assert Section(id=sid, level=1, title="").kind == kind
    assert is_task(sid) == (kind == TASK)


def test_kind_constants_are_the_vocabulary_ids():
    assert (TASK, UNRECOGNIZED, task_id("coal_control")) == ("task", "unrecognized", "task:coal_control")


# -- the wordings of sections real plans use -----------------------------------------------------
def _tops(doc):
    return [s.id for s in doc.sections]


def test_a_top_level_guiding_ideology_or_overall_approach_stands_for_the_general_requirements(rules):
    for title in ("一、指导思想", "一、总体思路"):
        doc = _read(rules, title, "我们坚持绿色发展。", "二、主要目标", "到2025年有进展。")
        assert _tops(doc) == ["general_requirements", "main_objectives"], title


@pytest.mark.parametrize("title", ["（三）总体目标", "（三）科学确立发展目标", "（三）目标要求"])
def test_other_wordings_of_the_main_objectives(rules, title):
    doc = _read(rules, "一、总体要求", "（一）指导思想", "我们坚持绿色发展。", title, "到2025年有进展。")
    assert [c.id for c in doc.sections[0].children] == ["guiding_ideology", "main_objectives"]


@pytest.mark.parametrize("title", ["二、工作任务", "二、重点工程", "二、实施碳达峰十大工程", "二、主要措施"])
def test_other_wordings_of_the_key_tasks(rules, title):
    doc = _read(rules, "一、主要目标", "到2025年有进展。", title, "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。")
    assert _tops(doc) == ["main_objectives", "key_tasks"]
    assert doc.find("key_tasks").children[0].id == "action:transport"


def test_a_task_titled_as_a_project_is_no_chapter(rules):
    doc = _read(rules, "一、主要目标", "到2025年有进展。", "二、重点任务", "（一）节能降碳增效行动",
                "1.提升管理能力。内容。", "3.实施节能降碳重点工程")
    assert _tops(doc) == ["main_objectives", "key_tasks"]


@pytest.mark.parametrize("title", ["四、组织保障", "四、保障措施", "四、政策措施"])
def test_guarantee_wordings_are_the_policy_guarantees(rules, title):
    doc = _read(rules, "三、重点任务", "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。", title, "（一）加强组织领导",
                "成立领导小组。")
    assert _tops(doc) == ["key_tasks", "policy_guarantees"]
    assert doc.sections[1].children[0].id == "leadership_coordination"


def test_a_second_chapter_of_guarantees_is_the_organisation(rules):
    doc = _read(rules, "三、重点任务", "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。", "四、政策保障", "（一）完善经济政策",
                "加大财政支持。", "五、组织保障", "（一）加强组织领导", "成立领导小组。")
    assert _tops(doc) == ["key_tasks", "policy_guarantees", "organization_implementation"]


def test_main_measures_after_the_key_tasks_are_no_key_tasks(rules):
    doc = _read(rules, "三、重点任务", "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。", "四、主要措施",
                "（一）完善经济政策", "加大财政支持。")
    assert _tops(doc) == ["key_tasks", "policy_guarantees"]


def test_cooperation_placed_inside_the_key_tasks_is_an_action(rules):
    doc = _read(rules, "二、重点任务", "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。", "（二）深化区域交流合作",
                "2.共建绿色走廊。内容。")
    assert _tasks(doc, "key_tasks") == ["action:transport", "action:green_trade_cooperation"]


# -- actions the catalogue does not know ---------------------------------------------------------
UNKNOWN_ACTIONS_ZH = ["（一）交通运输绿色低碳行动", "1.推广新能源车。内容。", "（二）绿色金融赋能行动", "2.发展绿色信贷。内容。",
                      "（三）试点示范引领行动", "3.建设近零碳园区。内容。", "（四）绿色服务提质行动", "4.培育节能服务公司。内容。",
                      "（五）生态增汇行动", "5.扩大林地面积。内容。"]


def test_an_action_outside_the_catalogue_is_an_other_action_by_its_place(rules):
    doc = _read(rules, "二、重点任务", *UNKNOWN_ACTIONS_ZH)
    ids = _tasks(doc, "key_tasks")
    assert ids[0] == "action:transport" and UNRECOGNIZED not in ids
    assert ids[1:] == ["other:2", "other:3", "other:4", "other:5"]  # finance, pilots, services, a sink's new name


def test_an_english_action_outside_the_catalogue_gets_a_slug_of_its_words(rules):
    doc = _read(rules, "II. Key Tasks", "(1) Green Finance Empowerment Action", "1. Green credit. Banks will lend.",
                "(2) Pilot and Demonstration Action", "2. Pilot parks. We will build them.",
                "(3) Actions de Services Énergétiques", "3. Services. Nous aidons.")
    assert _tasks(doc, "key_tasks") == ["other:green-finance-empowerment-action", "other:pilot-and-demonstration-action",
                                        "other:actions-de-services-energetiques"]


def test_more_than_twelve_actions_with_tasks_numbered_straight_through_stay_actions(rules):
    lines = ["二、重点任务"]
    for n in range(1, 15):
        lines += [f"（{'十' if n >= 10 else ''}{'一二三四五六七八九'[n % 10 - 1] if n % 10 else ''}）第{n}项专项行动",
                  f"{2 * n - 1}.第一项工作。内容。", f"{2 * n}.第二项工作。内容。"]
    lines[1] = "（一）第1项专项行动"
    doc = _read(rules, *lines, "三、政策保障", "（一）完善经济政策", "加大财政支持。")
    actions = doc.find("key_tasks").children
    assert len(actions) == 14 and all(len(a.children) == 2 for a in actions)
    assert [a.id for a in actions] == [f"other:{n}" for n in range(1, 15)]


def test_thematic_chapters_without_a_key_tasks_chapter_are_parts_of_the_key_tasks(rules):
    doc = _read(rules, "一、总体要求", "（一）主要目标", "到2025年有进展。", "二、建设低碳城市", "（二）交通运输绿色低碳行动",
                "1.推广新能源车。内容。", "三、建设美丽乡村", "（三）农业农村减排固碳行动", "2.推广节能农机。内容。",
                "四、保障措施", "（四）完善经济政策", "加大财政支持。")
    assert _tops(doc) == ["general_requirements", "key_tasks", "key_tasks", "policy_guarantees"]
    assert [a.id for s in doc.sections if s.id == "key_tasks" for a in s.children] == \
        ["action:transport", "action:agriculture_rural"]


def test_a_chapter_after_the_guarantees_is_no_part_of_the_key_tasks(rules):
    doc = _read(rules, "一、重点任务", "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。", "二、保障措施",
                "（一）完善经济政策", "加大财政支持。", "三、附则", "（一）解释权", "由发展改革局解释。")
    assert _tops(doc) == ["key_tasks", "policy_guarantees", UNRECOGNIZED]


def test_an_unknown_last_chapter_is_no_part_of_the_key_tasks(rules):
    doc = _read(rules, "一、主要目标", "到2025年有进展。", "二、重点任务", "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。",
                "三、附则", "（一）解释权", "由发展改革局解释。")
    assert _tops(doc) == ["main_objectives", "key_tasks", UNRECOGNIZED]


def test_guarantees_for_carrying_out_the_plan_are_policy_guarantees(rules):
    doc = _read(rules, "二、重点任务", "（一）交通运输绿色低碳行动", "1.推广新能源车。内容。", "三、实施保障",
                "（一）加强组织领导", "成立领导小组。")
    assert _tops(doc) == ["key_tasks", "policy_guarantees"]
