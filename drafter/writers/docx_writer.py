"""Document model -> .docx, in the layout of rules/layout.yaml.

The layout (fonts per role and language, sizes, margins, line height, page numbers, title breaks)
is a typed rules block: Chinese follows GB/T 9704-2012 (shared/research/gbt9704-docx.md), English
gets a plain equivalent. The writer takes it as a parameter and reads no rule files itself.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.shared import Mm, Pt

from ..model import Document, Section
from ..wording_rules import LanguageLayout, LayoutRules, builtin_layout
from . import docx_frame, docx_setup
from .docx_xml import (add_field, add_run, highlighted, run_properties, set_char_spacing, set_document_language,
                       set_fonts, set_language, set_outline_level)


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


def layout_for(language: str, layout: LayoutRules | None = None) -> LanguageLayout:
    return (layout or builtin_layout()).for_language(language)


class DocxWriter:
    def __init__(self, doc: Document, layout: LayoutRules | None = None) -> None:
        self.doc = doc
        self.rules_layout = layout or builtin_layout()
        self.layout = self.rules_layout.for_language(doc.language)
        self.zh = doc.language.startswith("zh")
        self.out = new_docx()
        self._rpr: dict = {}
        self._setup()

    # -- page and styles --------------------------------------------------------------------
    def _setup(self) -> None:
        lay, out = self.layout, self.out
        set_document_language(out, *lay.lang)
        normal = out.styles["Normal"]
        set_fonts(normal.element, lay.body_font, lay.latin_font)
        normal.font.size = Pt(lay.body_size)
        set_language(normal.element, *lay.lang)
        if lay.char_spacing:
            set_char_spacing(normal.element, lay.char_spacing)
        pf = normal.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        if lay.line_pt:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = Pt(lay.line_pt)
        else:
            pf.space_after = Pt(lay.space_after_pt)
            pf.line_spacing = lay.line_multiple
        section = out.sections[0]
        section.page_width, section.page_height = Mm(lay.page_mm[0]), Mm(lay.page_mm[1])
        top, bottom, left, right = lay.margins_mm
        section.top_margin, section.bottom_margin = Mm(top), Mm(bottom)
        section.left_margin, section.right_margin = Mm(left), Mm(right)
        section.footer_distance = Mm(lay.footer_mm)
        docx_setup.drop_unused_parts(out)
        author = self.doc.notice.authority if self.doc.notice else ""
        docx_setup.set_properties(out, self.doc.title, author, lay.lang[0])
        docx_setup.official_styles(out, lay)
        docx_setup.set_grid(out, lay)
        self._page_numbers(section)

    def _page_numbers(self, section) -> None:
        lay = self.layout
        if lay.page_dashes:
            # GB/T 9704 7.5: odd pages on the right, even pages on the left, one character in.
            self.out.settings.odd_and_even_pages_header_footer = True
            footers = ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT))
        else:
            footers = ((section.footer, WD_ALIGN_PARAGRAPH.CENTER),)
        for footer, align in footers:
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0]
            para.alignment = align
            pf = para.paragraph_format
            pf.first_line_indent = Pt(0)
            if lay.page_dashes:
                if align == WD_ALIGN_PARAGRAPH.RIGHT:
                    pf.right_indent = Pt(lay.page_size)
                else:
                    pf.left_indent = Pt(lay.page_size)
            runs = []
            if lay.page_dashes:
                runs.append(para.add_run("— "))
            runs += add_field(para, "PAGE")
            if lay.page_dashes:
                runs.append(para.add_run(" —"))
            for run in runs:
                self._font(run, lay.page_font, lay.page_size, latin=lay.page_latin_font)

    # -- paragraphs ---------------------------------------------------------------------------
    def _font(self, run, east: str, size: float, bold: bool = False, latin: str | None = None) -> None:
        set_fonts(run._r, east, latin or self.layout.latin_font)
        run.font.size = Pt(size)
        run.font.bold = bold

    def _para(self, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True):
        para = self.out.add_paragraph()
        para.alignment = align
        pf = para.paragraph_format
        # Absolute indent: LibreOffice ignores firstLineChars alone.
        pf.first_line_indent = Pt(self.layout.body_size * self.layout.first_indent_chars) if indent else Pt(0)
        return para

    def _add_run(self, para, text: str, east: str, size: float, bold: bool = False) -> None:
        for piece, marked in self._pieces(text):
            props = (east, size, bold, marked)
            if props not in self._rpr:
                rpr = run_properties(east, self.layout.latin_font, size, bold)
                self._rpr[props] = highlighted(rpr, self.layout.prompt_highlight) if marked else rpr
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
              align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = True):
        para = self._para(align, indent)
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
            para = self._para()
            self._add_run(para, f"{section.number}{section.title}{lay.task_stop}", east, lay.body_size, bold)
            set_outline_level(para, level - 1)  # the navigation pane shows the tasks too
            if section.paragraphs:
                self._add_run(para, section.paragraphs[0], lay.body_font, lay.body_size)
            for text in section.paragraphs[1:]:
                self._text(text)
            return
        para = self._text(section.heading.strip(), east=east, bold=bold)
        para.paragraph_format.keep_with_next = True
        if not self.zh:
            para.paragraph_format.first_line_indent = Pt(0)
            para.paragraph_format.space_before = Pt(lay.heading_space_before_pt)
        set_outline_level(para, level - 1)
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
        self.out.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)

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
