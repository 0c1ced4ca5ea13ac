"""Reading files: encodings, and every unreadable input refused in one line, quickly."""

import io
import time
import zipfile

import pytest

from drafter.errors import DrafterError
from drafter.read.source import read_lines
from testkit import bad_input_makers

PLAN_ZH = "示例县碳达峰实施方案\n为推进工作，制定本方案。\n一、主要目标\n到2025年，单位地区生产总值能耗下降14%。\n"


def text_of(lines):
    return [ln.text for ln in lines if ln.text]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk"])
def test_text_encodings(tmp_path, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(PLAN_ZH.encode(encoding))
    assert text_of(read_lines(path))[0] == "示例县碳达峰实施方案"


def test_big5_is_detected(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_bytes(("江門市碳達峰實施方案\n" * 20).encode("big5"))
    assert text_of(read_lines(path))[0] == "江門市碳達峰實施方案"


def test_markdown_headings_carry_their_level(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 标题\n\n## 一、主要目标\n\n**加粗**内容\n", encoding="utf-8")
    lines = [ln for ln in read_lines(path) if ln.text]
    assert [(ln.text, ln.hint) for ln in lines] == [("标题", None), ("一、主要目标", 1), ("加粗内容", None)]


def test_markdown_blockquotes_are_remarks_not_text(tmp_path):
    # Word comments are not part of the body; in Markdown the quotes take their place.
    path = tmp_path / "plan.md"
    path.write_text("## 一、主要目标\n\n> 上级方案：一、主要目标\n>\n> 到2025年，下降14%。\n\n到2025年，下降13%。\n",
                    encoding="utf-8")
    assert [(ln.text, ln.no) for ln in read_lines(path)] == [("一、主要目标", 1), ("到2025年，下降13%。", 7)]
    txt = tmp_path / "plan.txt"  # plain text has no quotes: a line starting with > is text
    txt.write_text("> 到2025年\n", encoding="utf-8")
    assert text_of(read_lines(txt)) == ["> 到2025年"]


def refused(path, **kw):
    start = time.monotonic()
    with pytest.raises(DrafterError) as err:
        read_lines(path, **kw)
    assert time.monotonic() - start < 5
    message = err.value.render()
    assert str(path) in message and "\n" not in message
    return message


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("this is not a word file", encoding="utf-8")
    assert "not a valid .docx" in refused(path)


def test_truncated_docx(tmp_path):
    from docx import Document
    buffer = io.BytesIO()
    Document().save(buffer)
    path = tmp_path / "cut.docx"
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    assert "not a valid .docx" in refused(path) or "corrupt" in refused(path)


def test_zip_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    DOCS.honest_zip_bomb(path)  # 100 MB of XML, and its header says so
    assert "zip bomb" in refused(path)


def test_xml_entity_expansion(tmp_path):
    lol = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
           b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
           b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           b'<w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    path = tmp_path / "lol.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", lol)
    assert "entit" in refused(path)


def test_zip_without_document(tmp_path):
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert "no word/document.xml" in refused(path)


def test_binary_file_named_txt(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    assert "binary" in refused(path)


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert "empty" in refused(path)


def test_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text("一、主要目标\n" * 2000, encoding="utf-8")
    assert "over the 1,000-byte limit" in refused(path, max_bytes=1000)
    assert read_lines(path)  # under the default limit


def test_missing_file_and_folder(tmp_path):
    assert "file not found" in refused(tmp_path / "nope.txt")
    assert "folder" in refused(tmp_path)


# -- .docx files: sizes measured as they inflate, the XML streamed, levels from style or outline --------

DOCS = bad_input_makers("documents")


def test_zip_bomb_that_lies_about_its_sizes(tmp_path):
    path = tmp_path / "bomb.docx"
    DOCS.lying_zip_bomb(path)
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("word/document.xml")
        assert info.file_size <= 150 * info.compress_size + 1_000_000  # the directory's claim looks harmless
    assert "zip bomb" in refused(path)


@pytest.mark.parametrize("maker,words", [
    ("styles_zip_bomb", "word/styles.xml expands"),
    ("bzip2_member", "compression method 12"),  # Word only ever stores or deflates
    ("corrupt_deflate", "corrupt .docx"),
])
def test_hostile_docx_is_refused_in_one_line(tmp_path, maker, words):
    path = tmp_path / f"{maker}.docx"
    getattr(DOCS, maker)(path)
    assert words in refused(path)


def test_external_entity_is_never_resolved(tmp_path):
    path = tmp_path / "xxe.docx"
    DOCS.external_entity(path)
    message = refused(path)
    assert "entit" in message and "root:" not in message


def test_outline_level_that_is_not_a_number_is_no_level(tmp_path):
    path = tmp_path / "odd.docx"
    DOCS.outline_level_not_a_number(path)
    lines = read_lines(path)
    assert [(ln.text, ln.hint) for ln in lines] == [
        ("示例县碳达峰实施方案", None), ("一、总体要求", None), ("（一）主要目标", None),
        ("到2025年，单位地区生产总值能耗下降14%。", None), ("二、重点任务", None)]


def test_levels_from_outline_and_styles(tmp_path):
    p = DOCS.paragraph
    body = (p("一、总体要求", '<w:outlineLvl w:val="0"/>') + p("（一）主要目标", '<w:pStyle w:val="H2"/>')
            + p("正文", '<w:outlineLvl w:val="9"/><w:pStyle w:val="H2"/>') + p("小节", '<w:pStyle w:val="Lvl"/>'))
    styles = (f'<w:styles xmlns:w="{DOCS.W_NS}"><w:style w:styleId="H2"><w:name w:val="heading 2"/></w:style>'
              f'<w:style w:styleId="Lvl"><w:name w:val="Mine"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'
              f'</w:styles>').encode()
    path = tmp_path / "styled.docx"
    DOCS.write_docx(path, DOCS.document_xml(body), styles)
    assert [ln.hint for ln in read_lines(path)] == [1, 2, None, 3]


def test_text_box_is_not_body_text(tmp_path):
    """A text box (a stamp, a margin note) is not part of the paragraph holding it, nor a paragraph
    of the body: its paragraphs are left out and not numbered (tests/test_docx_lines.py)."""
    box = '<w:r><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>'
    body = f"<w:p><w:r><w:t>前</w:t></w:r>{box}<w:r><w:t>后</w:t></w:r></w:p>" + DOCS.paragraph("下一段")
    path = tmp_path / "box.docx"
    DOCS.write_docx(path, DOCS.document_xml(body))
    assert [(ln.text, ln.no) for ln in read_lines(path)] == [("前后", 1), ("下一段", 2)]


def test_empty_paragraphs_keep_their_numbers(tmp_path):
    path = tmp_path / "sparse.docx"
    DOCS.empty_paragraphs(path)
    lines = read_lines(path)
    assert [ln.text for ln in lines] == DOCS.PLAN_ZH
    assert lines[0].no == 200_001 and lines[-1].no == 200_000 + len(DOCS.PLAN_ZH)


def test_big_honest_docx_is_read_whole(tmp_path):
    """A formatted document of 30,000 paragraphs (about 18 MB of XML): every one is read."""
    run = ('<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312"/>'
           '<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr><w:t>{}</w:t></w:r>')
    para = '<w:p><w:pPr><w:ind w:firstLine="640"/><w:jc w:val="both"/></w:pPr>' + run * 3 + "</w:p>"
    body = "".join(para.format(f"第{n}段", "加快推进煤电机组节能降碳改造", f"编号{n}。") for n in range(30_000))
    path = tmp_path / "big.docx"
    DOCS.write_docx(path, DOCS.document_xml(body))
    assert path.stat().st_size < 20 * 1024 * 1024  # within the default --max-size
    lines = read_lines(path)
    assert len(lines) == 30_000
    assert lines[-1].text == "第29999段加快推进煤电机组节能降碳改造编号29999。" and lines[-1].no == 30_000


def test_paragraph_and_line_limits_follow_max_size(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text("中\n" * 170_000, encoding="utf-8")
    assert "over 163,840 lines" in refused(path)  # one line per 128 bytes of the default 20 MB
    assert len(read_lines(path, max_bytes=170_000 * 128)) == 170_000  # --max-size raised


def test_a_form_feed_starts_a_page_and_shifts_no_line_number(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("一、总体要求\n正文。\n- 1 -\n\f二、重点任务\n\n正文二。\n", encoding="utf-8")
    lines = read_lines(path)
    assert [(ln.text, ln.no, ln.page, ln.page_line) for ln in lines] == [
        ("一、总体要求", 1, 1, 1), ("正文。", 2, 1, 2), ("二、重点任务", 4, 2, 1), ("正文二。", 6, 2, 3)]


def test_text_without_form_feeds_has_no_pages(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text("一、总体要求\n正文。\n", encoding="utf-8")
    assert [(ln.no, ln.page) for ln in read_lines(path)] == [(1, None), (2, None)]
