"""Small helpers for the WordprocessingML that python-docx has no API for.

Each sets one property through python-docx's element classes (get_or_add_*, insert_element_before
in schema order), never by patching XML strings.
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Successors of w:outlineLvl in CT_PPr, and of w:spacing / w:lang in CT_RPr (schema order).
_PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_RPR_AFTER_SPACING = ("w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u",
                      "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                      "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")


def set_fonts(element, east_asian: str, latin: str) -> None:
    """Write all four rFonts slots on a run (w:r) or style element, dropping theme fonts
    (which win over names and resolve to MS Mincho through the default template's ja-JP theme)."""
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asian)):
        rfonts.set(qn(attr), value)


def strip_theme_fonts(root) -> None:
    """Remove theme font references from every rFonts below `root` (styles part, docDefaults)."""
    for rfonts in root.iter(qn("w:rFonts")):
        for attr in _THEME_ATTRS:
            rfonts.attrib.pop(qn(attr), None)


def set_char_spacing(element, twentieths_of_point: int) -> None:
    """Character spacing (w:spacing in rPr); -5 = -0.25 pt gives 28 characters a line at 16 pt."""
    rpr = element.get_or_add_rPr()
    for old in rpr.findall(qn("w:spacing")):
        rpr.remove(old)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(twentieths_of_point))
    rpr.insert_element_before(spacing, *_RPR_AFTER_SPACING)


def set_language(element, latin: str, east_asian: str) -> None:
    """w:lang on a run, style or docDefaults rPr."""
    rpr = element.get_or_add_rPr() if hasattr(element, "get_or_add_rPr") else element
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_RPR_AFTER_LANG)
    lang.set(qn("w:val"), latin)
    lang.set(qn("w:eastAsia"), east_asian)


def set_document_language(document, latin: str, east_asian: str) -> None:
    """Document-wide language: docDefaults and the theme font language in settings."""
    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_language(rpr_default, latin, east_asian)
    strip_theme_fonts(styles)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is None:
        theme_lang = OxmlElement("w:themeFontLang")
        settings.append(theme_lang)
    theme_lang.set(qn("w:val"), latin)
    theme_lang.set(qn("w:eastAsia"), east_asian)


def set_outline_level(paragraph, level: int) -> None:
    """Outline level (0-based) so Word's navigation pane shows the heading."""
    ppr = paragraph._p.get_or_add_pPr()
    for old in ppr.findall(qn("w:outlineLvl")):
        ppr.remove(old)
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    ppr.insert_element_before(outline, *_PPR_AFTER_OUTLINE)


def add_field(paragraph, instruction: str, placeholder: str = "1"):
    """A complex field (begin / instrText / separate / result / end); returns the runs added."""
    runs = []

    def char(kind: str):
        run = paragraph.add_run()
        fld = OxmlElement("w:fldChar")
        fld.set(qn("w:fldCharType"), kind)
        run._r.append(fld)
        runs.append(run)

    char("begin")
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    runs.append(run)
    char("separate")
    runs.append(paragraph.add_run(placeholder))
    char("end")
    return runs


def run_properties(east_asian: str, latin: str, size_pt: float, bold: bool = False):
    """A complete w:rPr (fonts in all four slots, bold, size) to copy onto many runs."""
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asian), ("w:cs", latin)):
        fonts.set(qn(attr), value)
    rpr.append(fonts)
    if bold:
        rpr.append(OxmlElement("w:b"))
    half_points = str(int(round(size_pt * 2)))
    for tag in ("w:sz", "w:szCs"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), half_points)
        rpr.append(el)
    return rpr


def run_shape(rpr):
    """An empty run with these properties, to copy for each run of its kind (add_run)."""
    run = OxmlElement("w:r")
    run.append(rpr)
    run.append(OxmlElement("w:t"))
    return run


def add_run(paragraph, text: str, shape) -> None:
    """A run from a copy of a prepared run shape: the same XML python-docx's API would write,
    built once per kind of run instead of once per run."""
    run = copy.deepcopy(shape)
    t = run[-1]
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    paragraph._p.append(run)


# Successors of w:pBdr in CT_PPr, of w:vAlign in CT_SectPr, of w:highlight in CT_RPr (schema order).
_PPR_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                     "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                     "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                     "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                     "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_SECT_AFTER_VALIGN = ("w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
                      "w:printerSettings", "w:sectPrChange")
_RPR_AFTER_HIGHLIGHT = ("w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs",
                        "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_BORDER_ORDER = ("top", "left", "bottom", "right", "between", "bar")


def set_border(paragraph, side: str, eighths: int, colour: str = "000000", space_pt: int = 1) -> None:
    """A single rule on one side of a paragraph, `eighths` of a point thick, `space_pt` from the text."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *_PPR_AFTER_BORDER)
    for old in borders.findall(qn(f"w:{side}")):
        borders.remove(old)
    rule = OxmlElement(f"w:{side}")
    for attr, value in (("w:val", "single"), ("w:sz", str(eighths)), ("w:space", str(space_pt)),
                        ("w:color", colour.upper())):
        rule.set(qn(attr), value)
    later = [borders.find(qn(f"w:{s}")) for s in _BORDER_ORDER[_BORDER_ORDER.index(side) + 1:]]
    later = [el for el in later if el is not None]
    if later:
        later[0].addprevious(rule)
    else:
        borders.append(rule)


def set_section_bottom_aligned(section) -> None:
    """The section's text at the foot of each page (w:vAlign bottom)."""
    sect = section._sectPr
    for old in sect.findall(qn("w:vAlign")):
        sect.remove(old)
    align = OxmlElement("w:vAlign")
    align.set(qn("w:val"), "bottom")
    sect.insert_element_before(align, *_SECT_AFTER_VALIGN)


def set_doc_grid(section, grid_type: str, line_pitch: int, char_space: int | None) -> None:
    """The section's document grid; char_space in 4096ths of a point beyond the default font size."""
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.insert_element_before(grid, "w:printerSettings", "w:sectPrChange")
    grid.attrib.clear()
    grid.set(qn("w:type"), grid_type)
    grid.set(qn("w:linePitch"), str(line_pitch))
    if char_space is not None:
        grid.set(qn("w:charSpace"), str(char_space))


def highlighted(rpr, colour: str):
    """A copy of run properties with a highlight colour."""
    rpr = copy.deepcopy(rpr)
    mark = OxmlElement("w:highlight")
    mark.set(qn("w:val"), colour)
    rpr.insert_element_before(mark, *_RPR_AFTER_HIGHLIGHT)
    return rpr


def set_snap_to_grid(element, snap: bool) -> None:
    """Whether a paragraph style's lines and characters snap to the document grid (w:snapToGrid)."""
    ppr = element.get_or_add_pPr()
    for old in ppr.findall(qn("w:snapToGrid")):
        ppr.remove(old)
    node = OxmlElement("w:snapToGrid")
    node.set(qn("w:val"), "1" if snap else "0")
    ppr.insert_element_before(node, *_PPR_AFTER_BORDER[_PPR_AFTER_BORDER.index("w:spacing"):])
