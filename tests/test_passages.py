"""A plan's passage for each section and action: its heading and first paragraphs, clipped."""

from drafter.model import Document, Section
from drafter.read.passages import passages


def plan() -> Document:
    action = Section("action:transport", 2, "Transport", "(1) ", ["A" * 30, "B" * 30, "C" * 30],
                     [Section("task:rail", 3, "Rail", "1. ", ["rail words"])])
    key = Section("key_tasks", 1, "Key Tasks", "II. ", [], [action, Section("action:industry", 2, "Industry", "(2) ")])
    again = Section("key_tasks", 1, "Key Tasks again", "III. ", ["later"])
    return Document("en", "Plan", sections=[key, again])


def test_a_section_gives_its_heading_and_first_paragraphs_up_to_the_limit():
    found = passages(plan(), 50, "…", ", ")
    assert found["action:transport"] == ("(1) Transport", "A" * 30, "B" * 20 + "…")
    assert passages(plan(), 60, "…", ", ")["action:transport"] == ("(1) Transport", "A" * 30, "B" * 30)


def test_a_chapter_without_text_shows_its_childrens_headings():
    assert passages(plan(), 50, "…", ", ")["key_tasks"] == ("II. Key Tasks", "(1) Transport, (2) Industry")
    assert passages(plan(), 50, "…", ", ")["action:industry"] == ("(2) Industry",)


def test_tasks_have_no_passage_of_their_own_and_the_first_of_an_id_wins():
    found = passages(plan(), 50, "…", ", ")
    assert "task:rail" not in found
    assert found["key_tasks"][0] == "II. Key Tasks"
