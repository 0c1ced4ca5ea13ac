"""Parameters files: typed, and every mistake is reported with file, field path and line."""

import json

import pytest

from drafter.errors import DrafterError
from drafter.generate.params import PlanParams, load_params

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


# -- hostile values: field errors with their path, one short line ----------------------------

def short_error_of(tmp_path, text, name="p.yaml"):
    message = error_of(tmp_path, text, name)
    assert "\n" not in message and len(message) < 1500, message[:300]
    return message


@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "1e999"])
def test_target_value_must_be_finite(tmp_path, value):
    message = short_error_of(tmp_path, MINIMAL.replace("value: 14", f"value: {value}"))
    assert "targets.0.value (line 6): Input should be a finite number" in message


def test_json_nan_is_a_field_error(tmp_path):
    text = ('{"locality": {"name": "示例县", "level": "county", "province": "某省"}, '
            '"targets": [{"indicator": "energy_intensity_reduction", "year": 2025, "value": NaN}]}')
    assert "targets.0.value (line 1): Input should be a finite number" in short_error_of(tmp_path, text, "p.json")


def test_own_indicator_numbers_must_be_finite(tmp_path):
    text = MINIMAL + "indicators:\n  - {id: my_rate, name: {zh: 我的比率}, range: [0, .inf]}\n"
    assert "indicators.0 (line 8)" in short_error_of(tmp_path, text) and "finite" in error_of(tmp_path, text)


@pytest.mark.parametrize("date,problem", [("2025-02-30", "day value is outside expected range"),
                                          ("2025-13-01", "month value is outside expected range"),
                                          ("1900-01-01", "greater than or equal to 2000-01-01")])
def test_impossible_issue_date_is_a_field_error(tmp_path, date, problem):
    message = short_error_of(tmp_path, MINIMAL + f"issue_date: {date}\n")
    assert "issue_date (line 7):" in message and problem in message


def test_real_issue_date_is_read():
    from drafter.loader import parse_text
    data = parse_text(MINIMAL + "issue_date: 2025-07-12\n", "p.yaml").data
    assert str(PlanParams.model_validate(data).issue_date) == "2025-07-12"


@pytest.mark.parametrize("escaped,code", [(r"\0", "U+0000"), (r"\e[31m", "U+001B"), (r"\n", "U+000A"),
                                          (r"\u2028", "U+2028"), (r"\x85", "U+0085")])
def test_control_characters_in_a_name_are_refused(tmp_path, escaped, code):
    message = short_error_of(tmp_path, MINIMAL.replace("zh: 示例县", f'zh: "示例{escaped}县"'))
    assert f"locality.name.zh (line 2): Value error, control character {code} at character 3" in message


def test_free_text_keeps_line_breaks_but_not_other_control_characters(tmp_path, rules):
    project = '\nprojects:\n  - {name: 风电项目, action: "action:energy_transition", figures: {zh: "%s"}}\n'
    from drafter.loader import parse_text
    from drafter.generate.params import parse_params
    assert parse_params(parse_text(MINIMAL + project % r"装机\n240兆瓦", "p.yaml"), rules)
    message = short_error_of(tmp_path, MINIMAL + project % r"装机\a240兆瓦")
    assert "projects.0.figures.zh" in message and "U+0007" in message


def test_megabyte_name_is_refused_without_echoing_it(tmp_path):
    message = short_error_of(tmp_path, MINIMAL.replace("zh: 示例县", "zh: " + "县" * 600_000))
    assert "locality.name.zh (line 2): String should have at most 200 characters" in message
    assert "县县县" not in message


def test_megabyte_json_name_is_refused_without_echoing_it(tmp_path):
    text = '{"locality": {"name": {"en": "%s"}, "level": "county", "province": "某省"}}' % ("County " * 250_000)
    assert "locality.name.en (line 1): String should have at most 200 characters" in short_error_of(tmp_path, text, "p.json")


def test_megabyte_unknown_field_is_named_clipped(tmp_path):
    text = '{"locality": {"name": "示例县", "level": "county", "province": "某省"}, "%s": 1}' % ("x" * 1_000_000)
    message = short_error_of(tmp_path, text, "p.json")
    assert "x" * 40 + "…" in message and "Extra inputs are not permitted" in message


def test_own_indicator_id_of_megabytes_is_refused(tmp_path):
    text = MINIMAL + "indicators:\n  - {id: " + "a" * 1_000_000 + ", name: {zh: 我的}}\n"
    assert "indicators.0 (line 8): Value error, id: at most 100 characters, not 1,000,000" in short_error_of(tmp_path, text)


def test_long_lists_are_refused(tmp_path):
    text = MINIMAL + "key_industries: [" + ", ".join(["cement"] * 51) + "]\n"
    assert "key_industries (line 7): List should have at most 50 items" in short_error_of(tmp_path, text)


def test_many_errors_are_summarised(tmp_path):
    text = MINIMAL + "".join(f"extra{i}: 1\n" for i in range(300))
    message = short_error_of(tmp_path, text)
    assert message.count("Extra inputs") == 5 and "300 invalid field(s)" in message and "and 295 more" in message


def test_envelope_fields_letterhead_copies_and_printer(tmp_path, rules):
    text = MINIMAL + ("letterhead: preprinted\ncopy_to: [县委办公室, {zh: 县政协办公室, en: County CPPCC Office}]\n"
                      "printed_by: 示例县人民政府办公室\nprompts: false\n")
    params = load_params(write(tmp_path, "p.yaml", text), rules)
    assert params.letterhead == "preprinted" and not params.prompts
    assert [c.zh for c in params.copy_to] == ["县委办公室", "县政协办公室"] and params.printed_by.zh == "示例县人民政府办公室"
    assert load_params(write(tmp_path, "q.yaml", MINIMAL + "letterhead: true\n"), rules).letterhead is True
    assert load_params(write(tmp_path, "r.yaml", MINIMAL), rules).letterhead is False


def test_a_wrong_letterhead_is_a_field_error(tmp_path, rules):
    with pytest.raises(DrafterError, match=r"letterhead \(line 7\): Input should be False, True or .preprinted."):
        load_params(write(tmp_path, "p.yaml", MINIMAL + "letterhead: red\n"), rules)
