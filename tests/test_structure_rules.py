"""The typed blocks of rules/structure.yaml: numbering, reading profiles, the reader's section fields."""

import shutil

import pytest

from drafter.errors import DrafterError
from drafter.resources import rules_dir
from drafter.rules import Rules


def _folder_with(tmp_path, old, new):
    folder = tmp_path / "rules"
    shutil.copytree(rules_dir(), folder)
    path = folder / "structure.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def test_shipped_blocks_are_typed(rules):
    assert rules.numbering.forms["en"][0] == "{roman}. "
    assert rules.reading_profiles.chinese.paren_arabic_is_body is True
    assert rules.reading_profiles.latin.lower_case_continues is True
    assert rules.section("leadership_coordination").also_under == ["policy_guarantees"]
    assert rules.section("key_tasks").children_are == "actions"
    assert rules.section("general_requirements").phase_child == "main_objectives"


@pytest.mark.parametrize("old,new,words", [
    ('en: ["{roman}. ",', 'en: ["{roman}{n}. ",', ["numbering", "exactly one of"]),
    ("chinese_ten:", "chinese_tens:", ["numbering", "chinese_ten"]),
    ("title_max: 60", "title_max: -1", ["reading_profiles", "title_max"]),
    ("also_under: [policy_guarantees]", "also_under: [nowhere]", ["unknown section id 'nowhere'"]),
    ("children_are: actions", "children_are: people", ["children_are"]),
])
def test_a_broken_block_is_a_one_line_error_naming_file_and_key(tmp_path, old, new, words):
    with pytest.raises(DrafterError) as err:
        Rules(_folder_with(tmp_path, old, new))
    message = str(err.value)
    assert "structure.yaml" in message and "\n" not in message
    for word in words:
        assert word in message
