"""The parts of an official document around its body (GB/T 9704-2012 clause 7): the letterhead
above the title, the issuer and date under the notice, and the colophon at the foot of the last
even page.

Every distance and word comes from the layout (rules/layout.yaml); the writer passes itself in for
its paragraph helpers.
"""

from __future__ import annotations

import math

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.shared import Mm, Pt, RGBColor

from ..errors import DrafterError
from ..model import Notice
from .docx_xml import set_border, set_section_bottom_aligned


def text_chars(text: str) -> float:
    """The width of `text` in characters of its size: a half-width (ASCII) glyph is half a character."""
    return sum(0.5 if ord(ch) < 128 else 1.0 for ch in text)


def text_width_pt(section) -> float:
    return (section.page_width - section.left_margin - section.right_margin) / 12700  # EMU -> pt


def letterhead(writer, notice: Notice) -> None:
    """7.2: the issuer's mark in red, the document number, the red separator, then room for the
    title. `preprinted` keeps the same heights with nothing printed, for letterhead paper."""
    lay = writer.layout.letterhead
    if lay is None:
        raise DrafterError("no letterhead block for the parameter letterhead", file="layout.yaml",
                           place="zh" if writer.zh else "en",
                           fix="add one as in the built-in rules/layout.yaml, or set letterhead: false")
    printed = notice.letterhead == "red"
    mark = notice.authority + lay.mark_suffix
    width = text_width_pt(writer.out.sections[0])
    size = min(lay.mark_size, width / max(text_chars(mark), 1))  # one line, whatever the name's length
    para = writer._para(WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    pf = para.paragraph_format
    pf.space_before = Mm(lay.mark_top_mm)
    pf.line_spacing_rule, pf.line_spacing = WD_LINE_SPACING.EXACTLY, Pt(size * lay.mark_line)
    if printed:
        run = para.add_run(mark)
        writer._font(run, lay.mark_font, size)
        run.font.color.rgb = RGBColor.from_string(lay.colour.upper())
    for _ in range(lay.number_gap_lines):
        writer._blank()
    number = writer._text(notice.document_number or "", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    if printed:
        set_border(number, "bottom", lay.rule_width, lay.colour, lay.rule_gap_pt)
    else:  # the same height without the rule: the paper has it
        number.paragraph_format.space_after = Pt(lay.rule_gap_pt + lay.rule_width / 8)
    for _ in range(lay.title_gap_lines):
        writer._blank()


def signature(writer, authority: str, date: str) -> None:
    """7.3.5.2 (no seal): the issuer `right_chars` in from the right, the date on the next line
    starting `date_shift_chars` right of the issuer; a date that would then run past the issuer is
    set `right_chars` in from the right and the issuer moved in to keep the shift."""
    lay, chars = writer.layout.signature, writer.layout.body_size
    for _ in range(lay.blank_lines):
        writer._blank()
    issuer_w, date_w = text_chars(authority), text_chars(date)
    date_right = issuer_w + lay.right_chars - lay.date_shift_chars - date_w
    issuer_right = lay.right_chars
    if date_right < lay.right_chars:
        date_right = lay.right_chars
        issuer_right = lay.right_chars + date_w + lay.date_shift_chars - issuer_w
    for text, right in ((authority, issuer_right), (date, date_right)):
        para = writer._text(text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        para.paragraph_format.right_indent = Pt(chars * right)


def colophon(writer, notice: Notice) -> None:
    """7.4: a last section that starts on an even page, its text at the foot of the page, without
    page numbers (7.5): the copies line and the printing office and date between full-width rules."""
    lay = writer.layout.colophon
    if lay is None or not notice.printed_by:
        return
    section = writer.out.add_section(WD_SECTION.EVEN_PAGE)
    set_section_bottom_aligned(section)
    for footer in (section.footer, section.even_page_footer):
        footer.is_linked_to_previous = False  # empty footers: the colophon's page has no number
    indent = lay.size * lay.indent_chars
    width = text_width_pt(section)
    copies = lay.copy_label + _listed(notice.copy_to, lay) + lay.copy_end if notice.copy_to else ""
    label = lay.size * text_chars(lay.copy_label)
    _filler(writer, section, _lines(copies, lay.size, width - 2 * indent, label) + 1)
    first = None
    if copies:
        first = _line(writer, copies, lay, indent)
        first.paragraph_format.left_indent = Pt(indent + label)  # wrapped lines align after the colon
        first.paragraph_format.first_line_indent = Pt(-label)
        set_border(first, "top", lay.outer_rule)
        set_border(first, "bottom", lay.inner_rule)
    last = _line(writer, notice.printed_by, lay, indent)
    tab = last.add_run()
    tab.add_tab()
    writer._font(tab, lay.font, lay.size)
    writer._add_run(last, lay.printed.format(date=notice.printed_date), lay.font, lay.size)
    # The date ends one character in, at a right tab: a tab at the right indent is ignored by LibreOffice.
    last.paragraph_format.right_indent = Pt(0)
    last.paragraph_format.tab_stops.add_tab_stop(Pt(width - indent), WD_TAB_ALIGNMENT.RIGHT)
    if first is None:
        set_border(last, "top", lay.outer_rule)
    set_border(last, "bottom", lay.outer_rule)


def _listed(items: list[str], lay) -> str:
    head, last = items[:-1], items[-1]
    return lay.copy_join.join(head) + (lay.copy_last or lay.copy_join) + last if head else last


def _lines(text: str, size: float, width: float, hanging: float) -> int:
    """How many lines `text` takes: the first line `width` wide, the next ones `hanging` less."""
    if not text:
        return 0
    rest = text_chars(text) * size - width
    return 1 + max(0, math.ceil(rest / (width - hanging)))


def _filler(writer, section, lines: int) -> None:
    """Blank body lines above the colophon: it starts a page of its own, so the room above it is
    known. One line is left for the rules' own height; Word then sets the rest at the foot (w:vAlign),
    and LibreOffice, which ignores w:vAlign and snaps lines to the grid, one line above it."""
    lay = writer.layout
    block = (section.page_height - section.top_margin - section.bottom_margin) / 12700
    if not lay.line_pt:
        return  # lines of no fixed height: Word's w:vAlign alone sets the colophon at the foot
    per_page = int(block // lay.line_pt)
    for _ in range(max(per_page - lines - 1, 0)):
        writer._blank()


def _line(writer, text: str, lay, indent: float):
    para = writer._para(WD_ALIGN_PARAGRAPH.LEFT, indent=False)
    pf = para.paragraph_format
    pf.left_indent = pf.right_indent = Pt(indent)
    writer._add_run(para, text, lay.font, lay.size)
    return para
