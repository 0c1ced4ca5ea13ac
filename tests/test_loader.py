"""Data files (parameters, rules, --targets, batch lists) are measured before they are built:
a hostile file is refused with one line naming the file, the place and the limit crossed."""

from pathlib import Path

import pytest

from drafter.errors import DrafterError
from drafter.loader import DATA_LIMITS, RULE_LIMITS, Limits, clip, load_file, parse_text
from drafter.resources import rules_dir

from testkit import SAMPLES, write


def refusal(text: str, name: str = "p.yaml", limits: Limits = DATA_LIMITS) -> str:
    with pytest.raises(DrafterError) as err:
        parse_text(text, name, limits)
    message = err.value.render()
    assert "\n" not in message and len(message) < 500, message
    return message


def bomb(levels: int = 9, key: str = "k") -> str:
    """Each level a list of nine aliases to the one before: 9**(levels + 1) strings in all."""
    lines = [f"{key}0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"{key}{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, levels + 1)]
    return "\n".join(lines) + f"\nall: *a{levels}\n"


# -- aliases ---------------------------------------------------------------------------------

def test_alias_bomb_is_refused_at_the_line_where_it_crosses_the_limit():
    text = bomb()
    assert len(text) < 1500
    message = refusal(text)
    assert message.startswith("p.yaml:6:")  # 9**6 strings, the first level above 200,000
    assert "more than 200,000 values with aliases expanded" in message


def test_alias_bomb_in_a_rule_file_is_refused_too():
    message = refusal(bomb(), "rules/indicators.yaml", RULE_LIMITS)
    assert "rules/indicators.yaml:" in message and "aliases expanded" in message
    assert "rule file" in message


def test_aliases_to_long_text_count_their_characters():
    text = "a: &a " + "x" * 100_000 + "\nb: [" + ", ".join(["*a"] * 200) + "]\n"
    assert "of text with aliases expanded" in refusal(text)


def test_a_few_aliases_are_fine():
    data = parse_text("unit: &u 万吨\na: {unit: *u}\nb: {unit: *u}\n", "p.yaml").data
    assert data == {"unit": "万吨", "a": {"unit": "万吨"}, "b": {"unit": "万吨"}}


def test_recursive_alias_is_refused():
    assert "an alias inside its own anchor (*a)" in refusal("a: &a [1, *a]\n")


def test_alias_to_no_anchor_is_refused_with_its_line():
    assert refusal("a: 1\nb: *nowhere\n").startswith("p.yaml:2:4: invalid YAML: an alias to no anchor")


# -- nesting ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "a: " + "[" * 200_000 + "]" * 200_000 + "\n",  # flow
    "a: " + "{b: " * 1000 + "1" + "}" * 1000 + "\n",
    "a:\n" + "- " * 200_000 + "x\n",  # block sequence
    "".join(" " * depth + f"k{depth}:\n" for depth in range(1000)) + " " * 1000 + "x\n",  # block mapping
], ids=["flow-200k", "flow-mapping-1000", "block-200k", "block-mapping-1000"])
def test_deep_yaml_is_refused(text):
    assert "refused: nested deeper than 100 levels" in refusal(text)


@pytest.mark.parametrize("text", [
    '{"a": ' + "[" * 200_000 + "]" * 200_000 + "}",
    '{"a": ' + '{"b": ' * 1000 + "1" + "}" * 1001,
], ids=["200k", "1000"])
def test_deep_json_is_refused(text):
    assert "refused: nested deeper than 100 levels" in refusal(text, "p.json")


def test_a_hundred_levels_are_read_and_a_hundred_and_one_are_not():
    assert parse_text("[" * 100 + "]" * 100, "p.yaml").data is not None
    assert parse_text("[" * 100 + "]" * 100, "p.json").data is not None
    assert "nested deeper" in refusal("[" * 101 + "]" * 101)
    assert "nested deeper" in refusal("[" * 101 + "]" * 101, "p.json")


def test_too_many_json_values_are_refused():
    assert "more than 200,000 values" in refusal("[" + "1," * 200_001 + "1]", "p.json")


# -- size ------------------------------------------------------------------------------------

def test_oversize_file_is_refused_before_parsing(tmp_path):
    path = write(tmp_path, "p.yaml", "a: [\n" + "# x\n" * (DATA_LIMITS.max_bytes // 4))  # unparsable too
    with pytest.raises(DrafterError) as err:
        load_file(path)
    assert err.value.render() == (f"{path}: file too large: 2.0 MB, the limit for a parameters, targets or "
                                  "batch file is 2 MB (check it is the file you meant)")


def test_rule_files_have_their_own_limit(tmp_path):
    path = write(tmp_path, "reading.yaml", "a: 1\n" + "#" * (3 * 1024 * 1024) + "\n")
    assert load_file(path, RULE_LIMITS).data == {"a": 1}
    with pytest.raises(DrafterError, match="the limit for a parameters"):
        load_file(path)


def test_endless_device_is_read_only_up_to_the_limit():
    with pytest.raises(DrafterError, match="file too large: over 2 MB"):
        load_file("/dev/zero")


def test_folder_and_missing_file_are_named(tmp_path):
    with pytest.raises(DrafterError, match="a folder, not a file"):
        load_file(tmp_path)
    with pytest.raises(DrafterError, match="file not found"):
        load_file(tmp_path / "nothing.yaml")


def test_every_built_in_rule_file_and_sample_is_well_within_the_limits():
    for path in sorted(Path(rules_dir()).glob("*.yaml")):
        assert load_file(path, RULE_LIMITS).data, path
    for path in sorted(SAMPLES.glob("*.yaml")):
        assert load_file(path).data, path


# -- values ----------------------------------------------------------------------------------

def test_dates_are_left_as_text_for_the_fields_to_check():
    data = parse_text("issue_date: 2025-02-30\nother: 2025-07-12\n", "p.yaml").data
    assert data == {"issue_date": "2025-02-30", "other": "2025-07-12"}


def test_impossible_tagged_date_is_refused_with_its_line():
    message = refusal("a: 1\nd: !!timestamp 2025-02-30\n")
    assert message.startswith("p.yaml:2:4: invalid YAML: cannot read '2025-02-30'")


def test_integer_of_thousands_of_digits_is_refused_without_echoing_it():
    message = refusal("value: " + "9" * 10_000 + "\n")
    assert "p.yaml:1:8: invalid YAML: cannot read '9999" in message and "…" in message
    message = refusal('{"value": ' + "9" * 10_000 + "}", "p.json")
    assert "invalid JSON" in message and "digits" in message


def test_nul_byte_is_refused_with_line_and_column():
    assert refusal("a: 1\nb: x\x00y\n") == "p.yaml:2:5: invalid YAML: character U+0000 is not allowed (remove it)"


def test_clip_escapes_control_characters_and_cuts_long_text():
    assert clip("a\x00b\x1b[31m\u2028") == "a\\x00b\\x1b[31m\\u2028"
    assert clip("县" * 1_000_000) == "县" * 60 + "…"


def test_nul_byte_after_chinese_text_is_placed_in_characters():
    assert refusal("名称: 示例县\n简称: 示例\x00县\n").startswith("p.yaml:2:7: invalid YAML: character U+0000")
