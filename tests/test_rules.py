"""The rule files themselves: they load, agree with each other and with the templates."""

from pathlib import Path

import pytest

from drafter.compose import template_name
from drafter.errors import DrafterError
from drafter.resources import templates_dir
from drafter.rules import Rules

VOCAB_ACTIONS = ["action:energy_transition", "action:energy_saving", "action:industry", "action:key_industries",
                 "action:urban_rural_construction", "action:transport", "action:agriculture_rural",
                 "action:circular_economy", "action:technology_innovation", "action:carbon_sink",
                 "action:green_trade_cooperation", "action:green_lifestyle", "action:phased_peaking"]
HEADLINE = ["energy_intensity_reduction", "co2_intensity_reduction", "non_fossil_share", "carbon_peak_year",
            "renewable_capacity"]


def test_actions_follow_the_national_order_of_the_vocabulary(rules):
    assert rules.action_ids == VOCAB_ACTIONS


def test_status_of_actions_matches_the_seed_analysis(rules):
    status = {a.id: a.status for a in rules.actions}
    assert {a for a, s in status.items() if s == "required"} == {
        "action:energy_transition", "action:energy_saving", "action:industry", "action:urban_rural_construction",
        "action:transport", "action:circular_economy", "action:carbon_sink", "action:green_lifestyle"}
    assert status["action:technology_innovation"] == status["action:phased_peaking"] == "frequent"


def test_every_action_has_two_to_five_standard_tasks(rules):
    for action in rules.actions:
        if action.id == "action:key_industries":
            continue  # its tasks are the locality's sectors
        plain = [t for t in action.tasks if not t.when.coastal]
        assert 2 <= len(plain) <= 5, action.id


def test_headline_and_vocabulary_indicators_are_catalogued(rules):
    for iid in HEADLINE + ["forest_coverage", "green_building_share", "waste_recycling_rate", "data_center_pue"]:
        assert rules.indicator(iid) is not None, iid


def test_indicator_placement_points_at_known_sections_and_tasks(rules):
    tasks = {t.id for a in rules.actions for t in a.tasks} | {f"sector:{i}" for i in rules.industry_ids}
    for ind in rules.indicators:
        assert ind.section == "main_objectives" or rules.has_action(ind.section), ind.id
        assert ind.task is None or ind.task in tasks, ind.id


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_section_action_and_industry_has_a_template(rules, lang):
    base = templates_dir() / lang
    names = [template_name(s.id) for s in rules.sections if s.numbered]
    names += [template_name(a) for a in rules.action_ids]
    names += [f"industries/{i.id}.j2" for i in rules.industries if i.sector_task]
    names += ["title.j2", "notice_title.j2", "notice.j2", "preamble.j2"]
    missing = [n for n in names if not (base / n).is_file()]
    assert missing == []


def test_broken_rule_file_names_file_field_and_line(tmp_path, rules):
    for f in rules.folder.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "actions.yaml").read_text(encoding="utf-8")
    (tmp_path / "actions.yaml").write_text(text.replace("    status: required", "    status: mandatory", 1), encoding="utf-8")
    with pytest.raises(DrafterError) as err:
        Rules(Path(tmp_path))
    message = err.value.render()
    assert "actions.yaml:" in message and "actions.0.status" in message
    line = int(message.split("actions.yaml:")[1].split(":")[0])
    assert "mandatory" in (tmp_path / "actions.yaml").read_text(encoding="utf-8").splitlines()[line - 1]


def test_broken_alias_in_a_rules_folder_is_a_clear_error(tmp_path, rules):
    from click.testing import CliRunner

    from drafter.cli import main
    for f in rules.folder.iterdir():
        (tmp_path / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "structure.yaml").read_text(encoding="utf-8").replace('["总体要求"]', '["总体(要求"]', 1)
    (tmp_path / "structure.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "--rules", str(tmp_path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "structure.yaml" in result.output and "not a valid regular expression" in result.output
