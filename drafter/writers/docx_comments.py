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
from docx.comments import Comment
from lxml import etree
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from ..docx_body import W, body_paragraphs

# A run holding only these can be split by its text without losing anything.
_PLAIN = frozenset(qn(tag) for tag in ("w:rPr", "w:t", "w:tab"))
_T, _TAB, _RPR = qn("w:t"), qn("w:tab"), qn("w:rPr")
# A run of plain text as python-docx writes it (Run.add_t keeps spaces at the ends).
_TEXT_RUN = parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"/></w:r>')
# What XML 1.0 cannot hold (a text file may): left out of the copy and of the comments.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# The runs whose text the page shows: the paragraph's own, those of tracked insertions and links
# (compiled once: python-docx's xpath() compiles its expression at every call).
_SHOWN_RUNS = etree.XPath("./w:r | ./w:ins/w:r | ./w:hyperlink/w:r", namespaces={"w": W})


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
    for run in document.add_paragraph(_xml_text(note)).runs:  # none for an empty note
        run.italic = True
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
    lines, stamp = _Lines(), _Stamp(document, signature)
    for remark in remarks:
        index = min(max(remark.paragraph, 1), len(paragraphs)) - 1
        paragraph = Paragraph(paragraphs[index], document._body)
        runs = _marked_runs(paragraph, remark.mark) if remark.mark else None
        if runs:
            for run in runs:
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        else:
            runs = _runs(paragraph) or [_empty_run(paragraph)]
        comment = stamp.add(runs)
        for i, line in enumerate(remark.lines):
            _add_text(comment.paragraphs[0] if i == 0 else lines.add(comment), _xml_text(line))
    return len(remarks)


class _Stamp:
    """Comments anchored on runs. The first is made by python-docx (Document.add_comment); the
    others are copies of what it made (the empty w:comment, the range's start and end marks, the
    reference run) under the next free id: python-docx parses each new comment from a string,
    builds each mark element by element and searches the ids by XPath, three quarters of a
    review's cost. The copies are element for element what it writes."""

    _ID = qn("w:id")
    _LARGEST = 2**31 - 1  # w:id is a signed 32-bit number

    def __init__(self, document, signature: Signature) -> None:
        self.document, self.signature = document, signature
        self.shapes: tuple | None = None
        self.used: set[int] = set()
        self.last = -1
        self.part = self.comments = None

    def add(self, runs: list[Run]) -> Comment:
        first, last = runs[0]._r, runs[-1]._r
        if self.shapes is None:
            comment = self.document.add_comment(runs, author=_xml_text(self.signature.author),
                                                initials=_xml_text(self.signature.initials))
            element = comment._comment_elm
            self.shapes = tuple(copy.deepcopy(e) for e in (element, first.getprevious(), last.getnext(),
                                                             last.getnext().getnext()))
            self.used = {int(i) for i in element.getparent().xpath("./w:comment/@w:id")}
            self.last = int(element.get(self._ID))
            self.part, self.comments = comment.part, element.getparent()
            return comment
        comment, start, end, reference = (copy.deepcopy(e) for e in self.shapes)
        number = str(self._next_id())
        for element in (comment, start, end):
            element.set(self._ID, number)
        reference[-1].set(self._ID, number)  # its w:commentReference
        first.addprevious(start)
        last.addnext(reference)
        last.addnext(end)
        self.comments.append(comment)
        return Comment(comment, self.part)

    def _next_id(self) -> int:
        """max + 1 as python-docx numbers, the first free number once that would overflow."""
        number = self.last + 1
        while number in self.used or number > self._LARGEST:
            number = 0 if number > self._LARGEST else number + 1
        self.used.add(number)
        self.last = number
        return number


class _Lines:
    """A comment's further paragraphs: the first made by python-docx (Comment.add_paragraph, in
    the comment text style), the others copies of its empty shape."""

    def __init__(self) -> None:
        self.shape = None

    def add(self, comment) -> Paragraph:
        if self.shape is None:
            paragraph = comment.add_paragraph()
            self.shape = copy.deepcopy(paragraph._p)
            return paragraph
        p = copy.deepcopy(self.shape)
        comment._comment_elm.append(p)
        return Paragraph(p, comment)


def _add_text(paragraph: Paragraph, text: str) -> None:
    """A run of plain text, as paragraph.add_run(text) writes it, without its character-by-character
    reading of tabs and breaks when the text holds none (most of a comment's cost)."""
    if any(ch in text for ch in "\t\n\r"):
        paragraph.add_run(text)
    elif text:
        run = copy.deepcopy(_TEXT_RUN)
        run[0].text = text
        paragraph._p.append(run)


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _runs(paragraph: Paragraph) -> list[Run]:
    return [Run(r, paragraph) for r in _SHOWN_RUNS(paragraph._p)]


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
    runs = _runs(paragraph)
    texts = [_text(run) for run in runs]
    start = "".join(texts).find(mark)
    if start < 0:
        return None
    end = start + len(mark)
    out, pos = [], 0
    for run, text in zip(runs, texts):
        pieces = _cut(text, [offset - pos for offset in (start, end) if pos < offset < pos + len(text)])
        if len(pieces) > 1 and any(child.tag not in _PLAIN for child in run._r):
            return None  # cutting it would lose what it holds besides text
        for piece, cut in _split(run, paragraph, pieces):
            if start <= pos + cut < end:
                out.append(piece)
        pos += len(text)
    return out or None


def _cut(text: str, offsets: list[int]) -> list[tuple[int, str]]:
    """`text` cut at `offsets` (inside it, ascending): (offset, piece) pairs."""
    bounds = [0, *offsets, len(text)]
    return [(bounds[i], text[bounds[i]:bounds[i + 1]]) for i in range(len(bounds) - 1)]


def _split(run: Run, paragraph: Paragraph, pieces: list[tuple[int, str]]) -> list[tuple[Run, int]]:
    """The run split into one run per piece, each a copy with the same formatting and its own text."""
    if len(pieces) == 1:
        return [(run, 0)]
    out, last = [], run._r
    for cut, text in pieces[1:]:
        tail = copy.deepcopy(run._r)
        last.addnext(tail)
        _set_text(tail, text)
        out.append((Run(tail, paragraph), cut))
        last = tail
    _set_text(run._r, pieces[0][1])
    return [(run, 0), *out]


def _text(run: Run) -> str:
    """The run's text as Run.text reads it; a run of text and tabs alone is read without an XPath."""
    if all(child.tag in _PLAIN for child in run._r):
        return "".join((child.text or "") if child.tag == _T else "\t" if child.tag == _TAB else "" for child in run._r)
    return run.text


def _set_text(r, text: str) -> None:
    """A plain run's text set as Run.text sets it: its text elements replaced, its properties kept."""
    if any(ch in text for ch in "\t\n\r"):
        Run(r, None).text = text
        return
    for child in list(r):
        if child.tag != _RPR:
            r.remove(child)
    if text:
        r.add_t(text)
