"""Which paragraphs of a .docx are body text: the one definition the reader (read/docx_lines.py,
which numbers them) and the reviewer (writers/docx_comments.py, which finds them again by that
number) share, so a finding's paragraph number always names the paragraph it was read from."""

from __future__ import annotations

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
PARAGRAPH = f"{{{W}}}p"
# Not body text: text boxes (their DrawingML and VML copies), the fallback copy of alternate
# content, deleted and moved-away text of tracked changes.
NOT_BODY = frozenset((f"{{{W}}}txbxContent", f"{{{MC}}}Fallback", f"{{{W}}}del", f"{{{W}}}moveFrom"))


def expat_name(clark: str) -> str:
    """'{namespace}name' as expat reports it with a space separator: 'namespace name'."""
    return clark[1:].replace("}", " ", 1)


def body_paragraphs(body) -> list:
    """The w:p elements under `body` (an lxml element) that are body text, in document order:
    the paragraph numbered n by the reader is item n - 1."""
    # lxml finds the paragraphs at C speed; the few ancestors of each, up to `body`, say whether it is body text.
    return [p for p in body.iter(PARAGRAPH) if not _inside(p, body)]


def _inside(paragraph, body) -> bool:
    """Whether the paragraph sits in something that is not body text, below `body`."""
    for ancestor in paragraph.iterancestors():
        if ancestor is body:
            return False
        if ancestor.tag in NOT_BODY:
            return True
    return False
