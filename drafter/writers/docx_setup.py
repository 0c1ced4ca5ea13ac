"""The document's own settings: the page, the grid, Word's built-in heading styles in the official
fonts, the page numbers, the file properties, and none of python-docx's default template's leftovers.

All but the file properties are the same for every plan of a layout: `base_document` builds them
once per process and the writer reopens the saved bytes (a fraction of the cost of building them).
Parts are dropped through the package's relationships (a part nothing refers to is not saved) and
styles as elements of the styles part, never by editing the zip or the XML text.
"""

from __future__ import annotations

import datetime as dt
import io

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..layout_rules import LanguageLayout
from .docx_xml import (add_field, set_char_spacing, set_doc_grid, set_document_language, set_fonts, set_language,
                       set_snap_to_grid)

# Parts of the default template that a plan never uses. The numbering part stays: python-docx
# cannot make one, so a program adding lists to the draft later needs it.
_UNUSED = ("/relationships/metadata/thumbnail", "/relationships/stylesWithEffects", "/relationships/customXml")
# The styles a plan uses or redefines (style ids); what they are based on, linked to or followed
# by, the defaults and the list styles of the numbering part stay too. The default template's other 150 styles made up 97 % of its
# styles part, parsed and compressed again by every generation and review.
KEPT_STYLES = ("Normal", "Footer", "Title", "Heading1", "Heading2", "Heading3")
_STYLE_REFS = tuple(qn(tag) for tag in ("w:basedOn", "w:link", "w:next"))
_BASES: dict[int, tuple[LanguageLayout, bytes]] = {}
_MAX_BASES = 8


def base_document(lay: LanguageLayout) -> bytes:
    """The .docx every plan of this layout starts from, built once per process."""
    cached = _BASES.get(id(lay))
    if cached is None or cached[0] is not lay:  # the layout is kept with its bytes: its id stays its own
        if len(_BASES) >= _MAX_BASES:  # a process that loads rules again and again keeps the latest
            _BASES.pop(next(iter(_BASES)))
        cached = _BASES[id(lay)] = (lay, _build_base(lay))
    return cached[1]


def _build_base(lay: LanguageLayout) -> bytes:
    out = new_docx()
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
    drop_unused_parts(out)
    official_styles(out, lay)
    set_grid(out, lay)
    page_numbers(out, lay)
    prune_styles(out)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def page_numbers(out, lay: LanguageLayout) -> None:
    """Page numbers in the footers: GB/T 9704 7.5 puts odd pages' on the right and even pages' on
    the left, one character in, between dashes; otherwise centred."""
    section = out.sections[0]
    if lay.page_dashes:
        out.settings.odd_and_even_pages_header_footer = True
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
        runs = [para.add_run("— ")] if lay.page_dashes else []
        runs += add_field(para, "PAGE")
        if lay.page_dashes:
            runs.append(para.add_run(" —"))
        for run in runs:
            set_fonts(run._r, lay.page_font, lay.page_latin_font or lay.latin_font)
            run.font.size = Pt(lay.page_size)
            run.font.bold = False


def prune_styles(out, keep: tuple[str, ...] = KEPT_STYLES) -> None:
    """Remove every style but `keep`, the list styles of the numbering, those they refer to
    (basedOn, link, next) and the defaults."""
    styles = out.styles.element
    keep += tuple(ref.get(qn("w:val")) for ref in out.part.numbering_part.element.iter(qn("w:pStyle")))
    by_id = {style.get(qn("w:styleId")): style for style in styles.findall(qn("w:style"))}
    wanted = list(keep) + [sid for sid, style in by_id.items() if style.get(qn("w:default")) in ("1", "true", "on")]
    kept: set[str] = set()
    while wanted:
        sid = wanted.pop()
        if sid in kept or sid not in by_id:
            continue
        kept.add(sid)
        wanted += [ref.get(qn("w:val")) for ref in by_id[sid] if ref.tag in _STYLE_REFS]
    for sid, style in by_id.items():
        if sid not in kept:
            styles.remove(style)


def drop_unused_parts(out) -> None:
    """Drop the thumbnail (a picture of an empty page), stylesWithEffects.xml and customXml."""
    owners = (out.part.package.rels, out.part.rels)
    for rels in owners:
        for rid, rel in list(rels.items()):
            if rel.reltype.endswith(_UNUSED):
                rels.pop(rid)


def set_properties(out, title: str, author: str, language: str, when: dt.datetime | None = None) -> None:
    """The file's properties say who issues it and when it was written, not python-docx's."""
    when = (when or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0, tzinfo=None)
    props = out.core_properties
    props.title = title[:255]  # the property holds 255 characters at most
    props.author = props.last_modified_by = author[:255]
    props.created = props.modified = when
    props.comments = props.keywords = props.subject = props.category = ""
    props.revision = 1
    props.language = language


def set_grid(out, lay: LanguageLayout) -> None:
    """Widow/orphan control as the layout says, and the document grid of every section: the line
    pitch and, for a character grid, the pitch that puts `chars` characters on a line (Word's
    charSpace: 4096ths of a point beyond the default font size, which is the body size)."""
    out.styles["Normal"].paragraph_format.widow_control = lay.widow_control
    if lay.grid is None:
        return
    char_space = None
    if lay.grid.chars:
        section = out.sections[0]
        width = (section.page_width - section.left_margin - section.right_margin) / 12700
        char_space = round((width / lay.grid.chars - lay.body_size) * 4096)
        _default_size(out, lay.body_size)
    for section in out.sections:
        set_doc_grid(section, lay.grid.type, lay.grid.line_pitch, char_space)
    set_snap_to_grid(out.styles["Normal"].element, lay.grid.snap)


def _default_size(out, size: float) -> None:
    rpr = out.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for tag in ("w:sz", "w:szCs"):
        node = rpr.find(qn(tag))
        if node is not None:
            node.set(qn("w:val"), str(int(round(size * 2))))


def official_styles(out, lay: LanguageLayout) -> None:
    """Word's built-in Title and Heading 1-3 in the layout's fonts and sizes, black, not bold, with
    no rule or extra space: an officer who applies them gets the official look."""
    roles = [("Title", lay.title_font, lay.title_size, False)]
    roles += [(f"Heading {i + 1}", lay.heading_fonts[i], lay.body_size, lay.heading_bold[i]) for i in range(3)]
    for name, east, size, bold in roles:
        style = out.styles[name]
        set_fonts(style.element, east, lay.latin_font)
        font = style.font
        font.size, font.bold, font.italic = Pt(size), bold, False
        rpr = style.element.rPr
        for tag in ("w:color", "w:bCs", "w:iCs", "w:kern", "w:spacing"):
            for node in rpr.findall(qn(tag)):
                rpr.remove(node)
        ppr = style.element.get_or_add_pPr()
        for tag in ("w:pBdr", "w:contextualSpacing"):
            for node in ppr.findall(qn(tag)):
                ppr.remove(node)
        pf = style.paragraph_format
        pf.space_before = pf.space_after = Pt(0)
        if lay.line_pt:
            pf.line_spacing = Pt(lay.title_line_pt if name == "Title" and lay.title_line_pt else lay.line_pt)
        if name != "Title":
            pf.first_line_indent = Pt(lay.body_size * lay.first_indent_chars)
