"""For the tests: .docx files as Word and WPS write them, built with python-docx and a few lxml
edits: automatic numbering (numbering.xml, w:numPr), headings numbered by Word."""

from __future__ import annotations

import re

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from docx_read import outline_level

W = nsdecls("w")


def level(ilvl, fmt, text, start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def set_numbering(doc, abstracts, nums):
    """Replace the template's numbering.xml: abstracts {id: [level xml]}, nums {numId: (abstract id,
    {ilvl: start override})}."""
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    for aid, levels in abstracts.items():
        numbering.append(parse_xml(f'<w:abstractNum {W} w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>'))
    for nid, (aid, overrides) in nums.items():
        over = "".join(f'<w:lvlOverride w:ilvl="{i}"><w:startOverride w:val="{v}"/></w:lvlOverride>'
                       for i, v in overrides.items())
        numbering.append(parse_xml(f'<w:num {W} w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{over}</w:num>'))


def word_numbered(source, target, lang, rules):
    """The generated .docx with every heading number taken out of the text and put in w:numPr:
    one list per level, a new w:num with a start override wherever the plan restarts a level."""
    from drafter.numbering import number_text

    doc = Document(str(source))
    formats = {"zh": [("chineseCounting", "%1、"), ("chineseCounting", "（%1）"), ("decimal", "%1.")],
               "en": [("upperRoman", "%1."), ("decimal", "(%1)"), ("decimal", "%1.")]}[lang]
    nums, last = {}, {}  # numId -> (abstract id, overrides); level -> (numId, number)
    for para in doc.paragraphs:
        lvl = outline_level(para)
        lvl = lvl + 1 if lvl is not None else (3 if para.runs and re.match(r"^\d+\.", para.runs[0].text) else None)
        if lvl is None:
            continue
        run = para.runs[0]
        n = max((n for n in range(1, 60) if run.text.startswith(number_text(lang, lvl, n, rules.numbering))),
                key=lambda n: len(number_text(lang, lvl, n, rules.numbering)))
        run.text = run.text[len(number_text(lang, lvl, n, rules.numbering)):]
        num_id, previous = last.get(lvl, (None, 0))
        if num_id is None or n != previous + 1:
            num_id = str(len(nums) + 1)
            nums[num_id] = (str(lvl), {0: n})
        last[lvl] = (num_id, n)
        numbered_ppr = parse_xml(f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
        para._p.get_or_add_pPr().append(numbered_ppr)
    set_numbering(doc, {str(lvl): [level(0, fmt, text)] for lvl, (fmt, text) in enumerate(formats, 1)}, nums)
    doc.save(str(target))
