"""The level of a numbered line (drafter/read/levels.py): one row per case the reader meets."""

import pytest

from drafter.read.levels import Facts, Marker, OpenSummary, resolve_level
from drafter.read.profile import profiles
from drafter.rules import load_rules

PROFILES = profiles(load_rules())
ZH, LATIN = PROFILES[True], PROFILES[False]

NOTHING_OPEN = OpenSummary()
IN_TOP = OpenSummary(has_top=True, top_number=1)
IN_KEY_TASKS = OpenSummary(has_top=True, top_holds_actions=True, top_number=2)
IN_ACTION = OpenSummary(has_top=True, top_holds_actions=True, has_second=True, second_has_children=True,
                        top_number=2, second_number=1, second_family="paren", third_number=3)
IN_FIRST_PART = OpenSummary(has_top=True, has_second=True, top_number=1, second_number=1, second_family="paren")
IN_PART_WITH_TASKS = OpenSummary(has_top=True, has_second=True, second_has_children=True, top_number=3,
                                 second_number=1, second_family="paren", third_number=3)
AFTER_ARABIC_PART = OpenSummary(has_top=True, has_second=True, second_has_children=True, top_number=1,
                                second_number=1, second_family="ar", third_number=4)

# (name, marker, open sections, lookahead, profile, level: None is body text)
CASES = [
    ("chinese_numeral_is_level_1", Marker("cn1", 2), IN_ACTION, Facts(), ZH, 1),
    ("roman_numeral_is_level_1", Marker("rom1", 3), IN_ACTION, Facts(), LATIN, 1),
    ("ordinal_word_is_level_1", Marker("ord", 2), IN_ACTION, Facts(), LATIN, 1),
    ("bracketed_chinese_numeral_is_level_2", Marker("paren_cn", 1), IN_TOP, Facts(), ZH, 2),
    ("bracketed_arabic_is_level_2_in_latin", Marker("paren", 1), IN_TOP, Facts(), LATIN, 2),
    ("bracketed_arabic_is_body_text_in_chinese", Marker("paren", 1), IN_ACTION, Facts(), ZH, None),
    ("bracketed_arabic_stays_body_even_with_a_style", Marker("paren", 1, hint=2), IN_ACTION, Facts(), ZH, None),
    ("declared_level_wins_over_the_glyph", Marker("cn1", 1, hint=3), IN_ACTION, Facts(), ZH, 3),
    ("declared_sublevel_without_a_top_is_not_trusted", Marker("ar", 1, hint=2), NOTHING_OPEN, Facts(), ZH, 3),
    ("arabic_continuing_the_tops_with_a_top_title_is_level_1", Marker("ar", 2, title_length=12), IN_TOP,
     Facts(is_top_title=True), LATIN, 1),
    ("arabic_with_a_body_is_never_a_top", Marker("ar", 2, has_body=True, title_length=12), IN_TOP,
     Facts(is_top_title=True), LATIN, 2),
    ("arabic_with_a_long_title_is_never_a_top", Marker("ar", 2, title_length=61), IN_TOP,
     Facts(is_top_title=True), LATIN, 2),
    ("arabic_out_of_the_top_sequence_is_not_a_top", Marker("ar", 5, title_length=12), IN_TOP,
     Facts(is_top_title=True), LATIN, 2),
    ("arabic_before_any_top_is_a_task", Marker("ar", 1), NOTHING_OPEN, Facts(), LATIN, 3),
    ("chinese_arabic_under_a_bare_top_is_level_2", Marker("ar", 1), IN_TOP, Facts(), ZH, 2),
    ("chinese_arabic_under_a_part_is_a_task", Marker("ar", 7), IN_ACTION, Facts(next_number=1), ZH, 3),
    ("arabic_followed_by_a_restart_is_an_action", Marker("ar", 4), IN_ACTION, Facts(next_number=1), LATIN, 2),
    ("restart_rule_only_where_actions_live", Marker("ar", 4), IN_PART_WITH_TASKS, Facts(next_number=1), LATIN, 3),
    ("arabic_under_a_bare_top_is_level_2", Marker("ar", 1), IN_TOP, Facts(), LATIN, 2),
    ("next_task_number_is_a_task", Marker("ar", 4), IN_ACTION, Facts(next_number=5), LATIN, 3),
    ("arabic_one_starts_a_parts_tasks", Marker("ar", 1), IN_ACTION, Facts(next_number=2), LATIN, 3),
    ("arabic_continuing_the_parts_in_their_first_part_is_level_2", Marker("ar", 2), IN_FIRST_PART, Facts(),
     LATIN, 2),
    ("arabic_continuing_an_arabic_part_sequence_is_level_2", Marker("ar", 2), AFTER_ARABIC_PART, Facts(),
     LATIN, 2),
    ("arabic_that_fits_no_sequence_is_a_task", Marker("ar", 9), IN_ACTION, Facts(), LATIN, 3),
]


@pytest.mark.parametrize("marker,at,ahead,profile,level", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_resolve_level(marker, at, ahead, profile, level):
    assert resolve_level(marker, at, ahead, profile) == level


class _Asked(Facts):
    def top_title(self):
        raise AssertionError("the title match was asked although it cannot decide")

    def next_arabic(self):
        raise AssertionError("the lookahead was asked although it cannot decide")


@pytest.mark.parametrize("marker,at", [(Marker("cn1", 1), IN_ACTION), (Marker("ar", 2, has_body=True), IN_FIRST_PART),
                                       (Marker("ar", 9), IN_FIRST_PART)])
def test_costly_facts_are_asked_only_when_they_decide(marker, at):
    assert resolve_level(marker, at, _Asked(), LATIN) in (1, 2, 3)
