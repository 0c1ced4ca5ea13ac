"""Remarks written into a .docx as Word comments, through python-docx's comments API (1.2+).

A remark names a body paragraph by the number the reader gave it (docx_body.py: the same paragraphs
counted the same way) and, optionally, a piece of its text to anchor on and highlight (a
placeholder). What python-docx lacks is added here with its own element classes: a run is split
in two by copying the run element and setting each copy's text, never by editing XML as text. The
draft's text, styles, numbering and existing comments are left as they are.
"""

from __future__ import annotations

import copy
import io
import re
from dataclasses import dataclass

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..docx_body import body_paragraphs

# A run holding only these can be split by its text without losing anything.
_PLAIN = frozenset(qn(tag) for tag in ("w:rPr", "w:t", "w:tab"))
# What XML 1.0 cannot hold (a text file may): left out of the copy and of the comments.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The runs whose text the page shows: the paragraph's own, those of tracked insertions and links.
_SHOWN_RUNS = "./w:r | ./w:ins/w:r | ./w:hyperlink/w:r"


@dataclass(frozen=True)
class Remark:
    paragraph: int  # the reader's paragraph number (1-based)
    lines: tuple[str, ...]  # the comment's paragraphs
    mark: str | None = None  # text of the paragraph to anchor on and highlight


@dataclass(frozen=True)
class Signature:
    author: str
    initials: str


def comment_docx(source, remarks: list[Remark], signature: Signature) -> bytes:
    """The .docx at `source` (a path or a file object) with `remarks` as comments."""
    document = Document(source)
    add_remarks(document, remarks, signature)
    return _saved(document)


def review_copy(title: str, note: str, lines: list[tuple[int, str]], remarks: list[Remark],
                signature: Signature) -> bytes:
    """A new .docx for a draft that is not one: a title saying it is a review copy, a note, then
    each (line number, text) of the draft as a paragraph, with `remarks` (by line number) on them."""
    document = Document()
    document.add_heading(_xml_text(title), level=0)
    document.add_paragraph(_xml_text(note)).runs[0].italic = True
    first = len(body_paragraphs(document.element.body)) + 1
    where = {}
    for n, (no, text) in enumerate(lines):
        document.add_paragraph(_xml_text(text))
        where.setdefault(no, first + n)
    placed = [Remark(where.get(r.paragraph, 1), r.lines, r.mark) for r in remarks]  # else at the title
    add_remarks(document, placed, signature)
    return _saved(document)


def add_remarks(document, remarks: list[Remark], signature: Signature) -> int:
    """Write each remark as a comment at its paragraph; returns how many were written."""
    paragraphs = body_paragraphs(document.element.body)  # numbered before any run is split
    for remark in remarks:
        index = min(max(remark.paragraph, 1), len(paragraphs)) - 1
        paragraph = Paragraph(paragraphs[index], document._body)
        runs = _marked_runs(paragraph, remark.mark) if remark.mark else None
        if runs:
            for run in runs:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        else:
            runs = _runs(paragraph) or [_empty_run(paragraph)]
        comment = document.add_comment(runs, text=_xml_text(remark.lines[0]), author=_xml_text(signature.author),
                                       initials=_xml_text(signature.initials))
        for line in remark.lines[1:]:
            comment.add_paragraph(_xml_text(line))
    return len(remarks)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _runs(paragraph: Paragraph) -> list[Run]:
    return [Run(r, paragraph) for r in paragraph._p.xpath(_SHOWN_RUNS)]


def _empty_run(paragraph: Paragraph) -> Run:
    """A paragraph without text runs (an empty one, or text only in fields): the comment is
    anchored on an empty run at its start, which changes no text."""
    run = paragraph.add_run()
    ppr = paragraph._p.pPr
    if ppr is not None:
        ppr.addnext(run._r)
    else:
        paragraph._p.insert(0, run._r)
    return run


def _marked_runs(paragraph: Paragraph, mark: str) -> list[Run] | None:
    """The paragraph's text runs holding exactly `mark`, split where it starts and ends; None when
    the mark is not in the runs' text or a run it cuts holds more than text."""
    text = "".join(run.text for run in _runs(paragraph))
    start = text.find(mark)
    if start < 0:
        return None
    end = start + len(mark)
    if not (_split_at(paragraph, start) and _split_at(paragraph, end)):
        return None
    out, pos = [], 0
    for run in _runs(paragraph):
        if start <= pos < end:
            out.append(run)
        pos += len(run.text)
    return out or None


def _split_at(paragraph: Paragraph, offset: int) -> bool:
    """Make `offset` of the paragraph's run text fall between two runs; False if that would cut
    a run holding more than text."""
    pos = 0
    for run in _runs(paragraph):
        text = run.text
        if pos < offset < pos + len(text):
            if any(child.tag not in _PLAIN for child in run._r):
                return False
            cut = offset - pos
            tail = copy.deepcopy(run._r)  # same formatting, then each part keeps its own text
            run._r.addnext(tail)
            Run(tail, paragraph).text = text[cut:]
            run.text = text[:cut]
            return True
        pos += len(text)
    return True
