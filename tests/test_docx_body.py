"""Which paragraphs of a .docx are body text: those of the body and its tables, in order; not those
of text boxes, of the fallback copy of alternate content, or of deleted text."""

from docx.oxml import parse_xml

from drafter.docx_body import body_paragraphs
from word_docs import W

MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def texts(body) -> list[str]:
    """Each body paragraph's own text (not that of a text box inside it)."""
    w = body.nsmap["w"]
    return ["".join(t.text or "" for t in p.findall(f"{{{w}}}r/{{{w}}}t")) for p in body_paragraphs(body)]


def box(text: str) -> str:
    return f"<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>"


def test_body_and_table_paragraphs_in_order_without_text_boxes_fallbacks_or_deletions():
    body = parse_xml(
        f"<w:body {W} {MC}>"
        f"<w:p><w:r><w:t>one</w:t></w:r>{box('boxed')}</w:p>"
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>two</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
        "<w:p><mc:AlternateContent><mc:Choice>" + box("choice") + "</mc:Choice><mc:Fallback><w:p><w:r><w:t>copy"
        "</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent><w:r><w:t>three</w:t></w:r></w:p>"
        "<w:del><w:p><w:r><w:t>gone</w:t></w:r></w:p></w:del>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>four</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "</w:body>")
    assert texts(body) == ["one", "two", "three", "four"]


def test_a_body_inside_a_text_box_is_read_as_a_body():
    outer = parse_xml(f"<w:p {W}>{box('inner')}</w:p>")
    inner_box = next(outer.iter("{%s}txbxContent" % outer.nsmap["w"]))
    assert texts(inner_box) == ["inner"]
