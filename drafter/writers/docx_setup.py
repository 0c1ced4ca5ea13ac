"""The document's own settings, once per file: the page grid, Word's built-in heading styles in the
official fonts, the file properties, and none of python-docx's default template's leftovers.

Parts are dropped through the package's relationships (a part nothing refers to is not saved),
never by editing the zip or the XML text.
"""

from __future__ import annotations

import datetime as dt

from docx.oxml.ns import qn
from docx.shared import Pt

from ..wording_rules import LanguageLayout
from .docx_xml import set_doc_grid, set_fonts, set_snap_to_grid

# Parts of the default template that a plan never uses.
_UNUSED = ("/relationships/metadata/thumbnail", "/relationships/stylesWithEffects", "/relationships/customXml")


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
