"""Reading files: encodings, and every unreadable input refused in one line, quickly."""

import io
import time
import zipfile

import pytest

from drafter.errors import DrafterError
from drafter.readers.source import read_lines

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
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document>" + b" " * (300 * 1024 * 1024) + b"</w:document>")
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
