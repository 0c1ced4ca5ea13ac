"""Document model -> Markdown with the same outline as the .docx (one heading level per section level)."""

from __future__ import annotations

from ..model import Document, Section


def _section(section: Section, out: list[str]) -> None:
    out.append(f"{'#' * (section.level + 1)} {section.heading.strip()}")
    out.append("")
    for text in section.paragraphs:
        out += [text, ""]
    for child in section.children:
        _section(child, out)


def to_markdown(doc: Document) -> str:
    out: list[str] = []
    if doc.notice:
        n = doc.notice
        out.append(f"# {n.title}")
        out.append("")
        if n.document_number:
            out += [n.document_number, ""]
        out += [n.addressees, ""]
        for text in n.body:
            out += [text, ""]
        out += [n.authority, "", n.date, "", "---", ""]
    out += [f"# {doc.title}", ""]
    for text in doc.preamble:
        out += [text, ""]
    for section in doc.sections:
        _section(section, out)
    return "\n".join(out).rstrip() + "\n"
