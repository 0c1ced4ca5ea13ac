"""Parameters files: typed, and every mistake is reported with file, field path and line."""

import json

import pytest

from drafter.errors import DrafterError
from drafter.params import PlanParams, load_params

from testkit import MINIMAL, write


def error_of(tmp_path, text, name="p.yaml", rules=None):
    from drafter.rules import load_rules
    with pytest.raises(DrafterError) as err:
        load_params(write(tmp_path, name, text), rules or load_rules())
    return err.value.render()


def test_minimal_file_loads_with_defaults(tmp_path, rules):
    params = load_params(write(tmp_path, "p.yaml", MINIMAL), rules)
    assert params.baseline_year == 2020 and params.task_numbering == "continuous"
    assert params.authority.zh == "示例县人民政府"
    assert params.superior.zh == "某省"


def test_json_is_accepted(tmp_path, rules):
    import yaml
    data = yaml.safe_load(MINIMAL)
    params = load_params(write(tmp_path, "p.json", json.dumps(data, ensure_ascii=False)), rules)
    assert params.locality.name.en == "Example County"


def test_invalid_yaml_names_file_line_and_column(tmp_path):
    message = error_of(tmp_path, "locality:\n  name: [unclosed\n  level: county\n")
    assert message.startswith(str(tmp_path / "p.yaml") + ":")
    assert "invalid YAML" in message
    assert ":3:" in message or ":2:" in message


def test_invalid_json_names_line_and_column(tmp_path):
    message = error_of(tmp_path, '{"locality": {"name": "x",}}', name="p.json")
    assert "invalid JSON" in message and "p.json:1:" in message


def test_schema_violations_list_every_field_with_its_line(tmp_path):
    text = MINIMAL.replace("level: county", "level: village") + "baseline_year: soon\n"
    message = error_of(tmp_path, text)
    assert "2 invalid field(s)" in message
    assert "locality.level (line 3)" in message
    assert "baseline_year (line 7)" in message


def test_target_needs_a_value_or_superior(tmp_path):
    message = error_of(tmp_path, MINIMAL.replace(", value: 14", ""))
    assert "targets.0" in message and "value is missing" in message


def test_unknown_indicator_lists_close_and_known_ids(tmp_path):
    message = error_of(tmp_path, MINIMAL.replace("energy_intensity_reduction", "energy_intensity"))
    assert "unknown indicator 'energy_intensity'" in message
    assert "did you mean energy_intensity_reduction" in message
    assert "known: energy_intensity_reduction, co2_intensity_reduction, non_fossil_share" in message
    assert "forest_stock" in message
    assert ":6:" in message  # the line of the indicator field


def test_required_action_cannot_be_excluded(tmp_path):
    message = error_of(tmp_path, MINIMAL + "exclude: [action:transport]\n")
    assert "required in every plan" in message and "exclude.0" in message


def test_document_number_format(tmp_path):
    message = error_of(tmp_path, MINIMAL + "document_number: 德府[2025]12号\n")
    assert "document_number" in message and "〔" in message


def test_schema_documents_every_field():
    schema = PlanParams.model_json_schema()
    assert {"locality", "targets", "key_industries", "projects", "task_numbering",
            "responsible_units"} <= set(schema["properties"])
    assert "description" in schema["properties"]["task_numbering"]


def test_key_industries_action_needs_industries(tmp_path):
    message = error_of(tmp_path, MINIMAL + "include: [action:key_industries]\n")
    assert "needs at least one key industry" in message and "include.0" in message
