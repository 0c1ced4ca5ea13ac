"""A plan's passage for each of its sections and actions: the heading and the first paragraphs,
clipped, so a draft of the level below can show the superior's wording where it belongs
(generate --parent writes them as comments)."""

from __future__ import annotations

from ..model import Document, Section

# Sections whose words are the superior's own; tasks are many and short, their action's passage
# covers them.
KINDS = ("section", "action", "other")


def passages(doc: Document, limit: int, more: str, join: str) -> dict[str, tuple[str, ...]]:
    """Section id -> (heading, first paragraphs up to `limit` characters, the last clipped with
    `more`). A section without text of its own gives the headings of its children instead: a
    chapter shows what it holds. The first section of an id wins (a reader may repeat one)."""
    out: dict[str, tuple[str, ...]] = {}
    for section in doc.walk():
        if section.kind in KINDS and section.id not in out:
            out[section.id] = (section.heading.strip(), *_body(section, limit, more, join))
    return out


def _body(section: Section, limit: int, more: str, join: str) -> list[str]:
    texts = [p.strip() for p in section.paragraphs if p.strip()] or \
        ([join.join(c.heading.strip() for c in section.children)] if section.children else [])
    out, left = [], limit
    for text in texts:
        if left <= 0:
            break
        if len(text) > left:
            out.append(text[:left].rstrip() + more)
            break
        out.append(text)
        left -= len(text)
    return out
