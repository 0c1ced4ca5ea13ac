"""Test helpers: read back what a person sees in a generated .docx."""

from __future__ import annotations

import re

from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

TASK = re.compile(r"^(\d+\.\s?)(.+?)(。|\. )")


def outline_level(paragraph):
    ppr = paragraph._p.pPr
    node = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    return None if node is None else int(node.get(qn("w:val")))


def headings(path):
    """[(level, heading text)] in document order: outline-level paragraphs plus run-in tasks."""
    out = []
    for p in Document(str(path)).paragraphs:
        level = outline_level(p)
        # A task (outline level 2, or none) runs into its first paragraph.
        task = TASK.match(p.runs[0].text) if p.runs and level in (None, 2) else None
        if task:
            out.append((3, (task.group(1) + task.group(2)).strip()))
        elif level is not None:
            out.append((level + 1, p.text.strip()))
    return out


def east_asian_font(run):
    rpr = run._r.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def full_text(path):
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def comments_at(path) -> list[tuple[str, object]]:
    """(text of the paragraph a comment starts in, the comment), in document order."""
    document = Document(str(path))
    by_id = {str(c.comment_id): c for c in document.comments}
    return [(Paragraph(p, None).text, by_id[start.get(qn("w:id"))])
            for p in document.element.body.iter(qn("w:p")) for start in p.iter(qn("w:commentRangeStart"))]
