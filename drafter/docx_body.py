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
    found: list = []
    stack = [iter(body)]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            continue
        if child.tag in NOT_BODY:
            continue
        if child.tag == PARAGRAPH:
            found.append(child)
        stack.append(iter(child))
    return found
