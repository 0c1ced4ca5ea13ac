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
