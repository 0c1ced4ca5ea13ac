"""Document model -> .docx, in the layout of rules/layout.yaml.

The layout (fonts per role and language, sizes, margins, line height, page numbers, title breaks)
is a typed rules block: Chinese follows GB/T 9704-2012 (shared/research/gbt9704-docx.md), English
gets a plain equivalent. The writer takes it as a parameter and reads no rule files itself.
"""

from __future__ import annotations

import copy
import io

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from ..model import Document, Section
from ..layout_rules import LayoutRules, builtin_layout
from . import docx_frame, docx_setup
from .docx_xml import add_run, highlighted, run_properties, run_shape, set_fonts, set_outline_level


def title_lines(title: str, layout: LayoutRules | None = None) -> list[str]:
    """Break a long Chinese title where the words allow (GB/T 9704 7.3.1: keep words whole): after
    the first of the layout's title-break markers that leaves a short enough second line, else in
    the middle."""
    layout = layout or builtin_layout()
    limit = layout.title_chars
    if len(title) <= limit:
        return [title]
    for marker in layout.title_breaks:
        i = title.find(marker)
        if 0 < i and len(title) - (i + len(marker)) <= limit + 4:
            return [title[: i + len(marker)], title[i + len(marker):]]
    half = len(title) // 2
    return [title[:half], title[half:]]


class DocxWriter:
    def __init__(self, doc: Document, layout: LayoutRules | None = None) -> None:
        self.doc = doc
        self.rules_layout = layout or builtin_layout()
        self.layout = self.rules_layout.for_language(doc.language)
        self.zh = doc.language.startswith("zh")
        self._rpr: dict = {}
        self._setup()

    # -- page and styles --------------------------------------------------------------------
    def _setup(self) -> None:
        # Styles, language, page set-up, grid and footers are the layout's: built once, reopened here.
        self.out = new_docx(io.BytesIO(docx_setup.base_document(self.layout)))
        author = self.doc.notice.authority if self.doc.notice else ""
        docx_setup.set_properties(self.out, self.doc.title, author, self.layout.lang[0])
        self._end = self.out.element.body.sectPr  # paragraphs go before the body's section properties
        self._shapes: dict = {}

    # -- paragraphs ---------------------------------------------------------------------------
    def _font(self, run, east: str, size: float, bold: bool = False, latin: str | None = None) -> None:
        set_fonts(run._r, east, latin or self.layout.latin_font)
        run.font.size = Pt(size)
        run.font.bold = bold

    def _para(self, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, level: int | None = None,
              heading: bool = False):
        """A new paragraph at the end of the body: a copy of the paragraph shape built once per
        alignment, indent, outline level (0-based) and heading spacing, put before the section
        properties without searching the body for them."""
        key = (align, indent, level, heading)
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._shapes[key] = self._shape(*key)
        p = copy.deepcopy(shape)
        self._end.addprevious(p)
        self._last = Paragraph(p, self.out._body)
        return self._last

    def _shape(self, align, indent: bool, level: int | None, heading: bool):
        para = Paragraph(OxmlElement("w:p"), self.out._body)
        para.alignment = align
        pf = para.paragraph_format
        # Absolute indent: LibreOffice ignores firstLineChars alone.
        pf.first_line_indent = Pt(self.layout.body_size * self.layout.first_indent_chars) if indent else Pt(0)
        if heading:
            pf.keep_with_next = True
            if not self.zh:
                pf.space_before = Pt(self.layout.heading_space_before_pt)
        if level is not None:
            set_outline_level(para, level)  # the navigation pane shows the heading
        return para._p

    def _add_run(self, para, text: str, east: str, size: float, bold: bool = False) -> None:
        for piece, marked in self._pieces(text):
            props = (east, size, bold, marked)
            if props not in self._rpr:
                rpr = run_properties(east, self.layout.latin_font, size, bold)
                self._rpr[props] = run_shape(highlighted(rpr, self.layout.prompt_highlight) if marked else rpr)
            add_run(para, piece, self._rpr[props])

    def _pieces(self, text: str) -> list[tuple[str, bool]]:
        """The text cut around the placeholders it holds, each marked to be highlighted."""
        marks = self.doc.marks
        if not marks or not self.layout.prompt_highlight or marks[0] not in text:
            return [(text, False)]
        out, rest = [], text
        while (start := rest.find(marks[0])) >= 0 and (end := rest.find(marks[1], start)) >= 0:
            if start:
                out.append((rest[:start], False))
            out.append((rest[start:end + len(marks[1])], True))
            rest = rest[end + len(marks[1]):]
        return out + ([(rest, False)] if rest else [])

    def _text(self, text: str, *, east: str | None = None, size: float | None = None, bold: bool = False,
              align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True, level: int | None = None,
              heading: bool = False):
        para = self._para(align, indent, level, heading)
        self._add_run(para, text, east or self.layout.body_font, size or self.layout.body_size, bold)
        return para

    def _blank(self) -> None:
        self._text("", indent=False)

    def _title(self, text: str) -> None:
        para = self._para(WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        lines = title_lines(text, self.rules_layout) if self.zh else [text]
        for i, line in enumerate(lines):
            run = para.add_run(line)
            self._font(run, self.layout.title_font, self.layout.title_size, bold=not self.zh)
            if i < len(lines) - 1:
                run.add_break()
        if self.layout.title_line_pt:  # a 22 pt title needs more than the body line
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            para.paragraph_format.line_spacing = Pt(self.layout.title_line_pt)
        else:
            para.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def _heading(self, section: Section) -> None:
        lay = self.layout
        level = min(section.level, 3)
        east, bold = lay.heading_fonts[level - 1], lay.heading_bold[level - 1]
        if level >= 3:
            # A task runs into its first paragraph: number, title, the stop, then the body (the national plan's form).
            para = self._para(level=level - 1)  # the navigation pane shows the tasks too
            self._add_run(para, f"{section.number}{section.title}{lay.task_stop}", east, lay.body_size, bold)
            if section.paragraphs:
                self._add_run(para, section.paragraphs[0], lay.body_font, lay.body_size)
            for text in section.paragraphs[1:]:
                self._text(text)
            return
        self._text(section.heading.strip(), east=east, bold=bold, indent=self.zh, level=level - 1, heading=True)
        for text in section.paragraphs:
            self._text(text)

    def _section(self, section: Section) -> None:
        self._heading(section)
        for child in section.children:
            self._section(child)

    # -- the whole document ---------------------------------------------------------------
    def _notice(self) -> None:
        notice = self.doc.notice
        if notice.letterhead:
            docx_frame.letterhead(self, notice)
        elif notice.document_number:
            self._text(notice.document_number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
            self._blank()
        self._title(notice.title)
        self._blank()
        self._text(notice.addressees, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        for text in notice.body:
            self._text(text)
        docx_frame.signature(self, notice.authority, notice.date)
        self._last.add_run().add_break(WD_BREAK.PAGE)

    def write(self) -> bytes:
        if self.doc.notice:
            self._notice()
        self._title(self.doc.title)
        self._blank()
        for text in self.doc.preamble:
            self._text(text)
        for section in self.doc.sections:
            self._section(section)
        if self.doc.notice:
            docx_frame.colophon(self, self.doc.notice)
        buffer = io.BytesIO()
        self.out.save(buffer)
        return buffer.getvalue()


def to_docx(doc: Document, layout: LayoutRules | None = None) -> bytes:
    """The document as .docx bytes, in `layout` (default: the built-in rules' layout.yaml)."""
    return DocxWriter(doc, layout).write()
