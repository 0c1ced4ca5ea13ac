"""Remarks as Word comments: a placeholder that spans runs is split out of them exactly, each piece
keeping its run's formatting, and the paragraph's text stays what it was."""

import io

from docx import Document
from docx.oxml.ns import qn

from drafter.writers.docx_comments import Remark, Signature, comment_docx, review_copy


def draft(pieces: list[tuple[str, bool]]) -> io.BytesIO:
    document = Document()
    paragraph = document.add_paragraph()
    for text, bold in pieces:
        paragraph.add_run(text).bold = bold
    out = io.BytesIO()
    document.save(out)
    out.seek(0)
    return out


def reviewed(pieces, mark: str):
    data = comment_docx(draft(pieces), [Remark(1, ("first line", "second line"), mark)], Signature("Reviewer", "R"))
    document = Document(io.BytesIO(data))
    runs = document.paragraphs[0].runs
    lit = [(r.text, r.bold) for r in runs if r._r.rPr is not None and r._r.rPr.find(qn("w:highlight")) is not None]
    return document, lit


def test_a_mark_across_three_runs_is_cut_out_of_them_with_their_formatting():
    pieces = [("before [to", False), (" be ", True), ("filled] after", False)]
    document, lit = reviewed(pieces, "[to be filled]")
    assert lit == [("[to", False), (" be ", True), ("filled]", False)]
    assert document.paragraphs[0].text == "before [to be filled] after"
    comment = document.comments.get(0)
    assert [p.text for p in comment.paragraphs] == ["first line", "second line"] and comment.author == "Reviewer"


def test_a_mark_inside_one_run_is_cut_out_of_its_middle():
    document, lit = reviewed([("aa [x] bb", False)], "[x]")
    assert lit == [("[x]", False)]
    assert [r.text for r in document.paragraphs[0].runs if r.text] == ["aa ", "[x]", " bb"]


def test_a_mark_not_in_the_text_anchors_on_the_whole_paragraph_unhighlighted():
    document, lit = reviewed([("plain", False), (" text", False)], "[missing]")
    assert lit == [] and document.paragraphs[0].text == "plain text"
    assert document.paragraphs[0]._p.find(qn("w:commentRangeStart")) is not None


def several(ids: list[int]) -> Document:
    """A draft of three paragraphs carrying comments with `ids`, reviewed with three remarks."""
    document = Document()
    for text in ("one", "two", "three"):
        document.add_paragraph(text)
    for _ in ids:
        document.add_comment(document.paragraphs[0].runs, text="theirs", author="Author")
    renumbered = dict(zip(map(str, range(len(ids))), map(str, ids)))
    comments = document.comments._comments_elm
    for element in [*document.element.body.iter(), *comments.iter()]:  # marks, references, comments
        if element.get(qn("w:id")) in renumbered and element.tag != qn("w:p"):
            element.set(qn("w:id"), renumbered[element.get(qn("w:id"))])
    out = io.BytesIO()
    document.save(out)
    data = comment_docx(io.BytesIO(out.getvalue()), [Remark(n, (f"remark {n}",)) for n in (1, 2, 3)],
                        Signature("Reviewer", "R"))
    return Document(io.BytesIO(data))


def anchors(document: Document) -> list[tuple[str, str]]:
    """(paragraph text, comment id) for every comment range start, in the body's order."""
    return [(p.text, start.get(qn("w:id"))) for p in document.paragraphs
            for start in p._p.findall(qn("w:commentRangeStart"))]


def test_each_remark_is_a_comment_of_its_own_shaped_as_python_docx_makes_them():
    document = several([])
    comments = list(document.comments)
    assert [(c.comment_id, c.author, c.initials, c.text) for c in comments] == [
        (0, "Reviewer", "R", "remark 1"), (1, "Reviewer", "R", "remark 2"), (2, "Reviewer", "R", "remark 3")]
    assert anchors(document) == [("one", "0"), ("two", "1"), ("three", "2")]
    for p in document.paragraphs:  # the range closes on the same paragraph, with its reference run
        end = p._p.find(qn("w:commentRangeEnd"))
        assert end.getnext().find(qn("w:commentReference")).get(qn("w:id")) == end.get(qn("w:id"))
    first, *others = [c._comment_elm for c in comments]
    for other in others:  # the same elements, attributes and styles; only the id and text differ
        assert [e.tag for e in other.iter()] == [e.tag for e in first.iter()]


def test_new_comments_take_numbers_the_drafts_own_comments_do_not_use():
    document = several([0, 1, 5])
    ids = [c.comment_id for c in document.comments]
    assert ids == [0, 1, 5, 6, 7, 8]
    assert anchors(document) == [("one", "0"), ("one", "1"), ("one", "5"), ("one", "6"), ("two", "7"), ("three", "8")]


def test_past_the_largest_comment_number_the_free_ones_from_zero_are_used():
    document = several([2**31 - 1, 1])
    assert sorted(c.comment_id for c in document.comments) == [0, 1, 2, 3, 2**31 - 1]


def test_a_review_copy_takes_an_empty_note():
    """A rules folder may give `copy_note: ""`: the copy has an empty paragraph there."""
    data = review_copy("Review copy", "", [(1, "First line"), (2, "Second line")],
                       [Remark(2, ("About the second line",))], Signature("Reviewer", "R"))
    document = Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs] == ["Review copy", "", "First line", "Second line"]
    assert [c.text for c in document.comments] == ["About the second line"]
