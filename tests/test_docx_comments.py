"""Remarks as Word comments: a placeholder that spans runs is split out of them exactly, each piece
keeping its run's formatting, and the paragraph's text stays what it was."""

import io

from docx import Document
from docx.oxml.ns import qn

from drafter.writers.docx_comments import Remark, Signature, comment_docx


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
