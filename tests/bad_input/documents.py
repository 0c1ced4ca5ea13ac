"""Hostile documents for tests/bad_input/documents.yaml (and tests/test_source.py): each function
writes one file at the path it is given."""

from __future__ import annotations

import io
import os
import random
import struct
import zipfile

MB = 1024 * 1024
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DOC_OPEN = f'<w:document xmlns:w="{W_NS}"><w:body>'
_DOC_CLOSE = "</w:body></w:document>"
PLAN_ZH = ["示例县碳达峰实施方案", "一、总体要求", "（一）主要目标", "到2025年，单位地区生产总值能耗下降14%。",
           "二、重点任务", "（一）能源绿色低碳转型行动", "1. 推进煤炭消费替代和转型升级", "加快推进煤电机组节能降碳改造。"]


def paragraph(text: str, ppr: str = "") -> str:
    return f"<w:p>{f'<w:pPr>{ppr}</w:pPr>' if ppr else ''}<w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}{_DOC_OPEN}{body}{_DOC_CLOSE}'
            ).encode("utf-8")


def write_docx(path, document: bytes, styles: bytes | None = None, method=zipfile.ZIP_DEFLATED, extra=()) -> None:
    with zipfile.ZipFile(path, "w", method) as z:
        z.writestr("word/document.xml", document)
        if styles is not None:
            z.writestr("word/styles.xml", styles)
        for name, data in extra:
            z.writestr(name, data)


def plan_docx(path) -> None:
    """A small, readable plan."""
    write_docx(path, document_xml("".join(paragraph(t) for t in PLAN_ZH)))


def lying_zip_bomb(path) -> None:
    """40 MB of empty paragraphs deflated to a few KB, the central directory claiming a compressed
    size 150 times smaller than the content: a guard that trusts the directory lets it through."""
    xml = document_xml("<w:p/>" * (40 * MB // 6))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", xml)
    data = bytearray(buffer.getvalue())
    entry = data.rindex(b"PK\x01\x02")  # the member's central directory record
    struct.pack_into("<I", data, entry + 20, len(xml) // 150)  # compressed size, as claimed
    path.write_bytes(bytes(data))


def honest_zip_bomb(path) -> None:
    """A 100 MB document.xml that says so in its header."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(document_xml("")[:-len(_DOC_CLOSE)])
            for _ in range(100):
                member.write(b" " * MB)
            member.write(_DOC_CLOSE.encode())


def styles_zip_bomb(path) -> None:
    """A fine document whose paragraphs name a style, and a styles.xml that lies about its size."""
    body = paragraph("一、总体要求", '<w:pStyle w:val="Heading1"/>') + paragraph("正文。")
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("word/document.xml", document_xml(body))
        styles = b"<w:styles xmlns:w='" + W_NS.encode() + b"'>" + b" " * (40 * MB) + b"</w:styles>"
        z.writestr("word/styles.xml", styles)
    data = bytearray(bomb.getvalue())
    entry = data.rindex(b"PK\x01\x02")  # styles.xml, the last member
    struct.pack_into("<I", data, entry + 20, 40 * MB // 150)
    path.write_bytes(bytes(data))


def nested_zip(path) -> None:
    """A zip whose word/document.xml is itself a zip (of zip bombs)."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        for n in range(10):
            z.writestr(f"bomb{n}.xml", b"<a>" + b"a" * MB + b"</a>")
    write_docx(path, inner.getvalue(), extra=[("word/inner.docx", inner.getvalue())])


def no_document(path) -> None:
    write_docx_members(path, [("word/styles.xml", b"<styles/>"), ("hello.txt", b"hi")])


def write_docx_members(path, members) -> None:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members:
            z.writestr(name, data)


def truncated_docx(path) -> None:
    buffer = io.BytesIO()
    write_docx(buffer, document_xml("".join(paragraph(t) for t in PLAN_ZH * 200)))
    path.write_bytes(buffer.getvalue()[: len(buffer.getvalue()) * 2 // 3])


def billion_laughs(path) -> None:
    levels = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    prolog = f'<!DOCTYPE w:document [<!ENTITY lol0 "lol">{levels}]>'
    write_docx(path, document_xml(paragraph("&lol9;"), prolog))


def external_entity(path) -> None:
    """XXE: the heading would show /etc/passwd if the entity were resolved."""
    prolog = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    write_docx(path, document_xml(paragraph("一、总体要求 &xxe;") + paragraph("正文。"), prolog))


def entities_in_styles(path) -> None:
    body = paragraph("一、总体要求", '<w:pStyle w:val="Heading1"/>')
    styles = (b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaaaaaaaa">]><w:styles xmlns:w="'
              + W_NS.encode() + b'"><w:style w:styleId="Heading1"><w:name w:val="&a;"/></w:style></w:styles>')
    write_docx(path, document_xml(body), styles)


def bzip2_member(path) -> None:
    """Compressed with a method Word never writes (bzip2 decompresses in unbounded blocks)."""
    write_docx(path, document_xml("".join(paragraph(t) for t in PLAN_ZH)), method=zipfile.ZIP_BZIP2)


def corrupt_deflate(path) -> None:
    buffer = io.BytesIO()
    write_docx(buffer, document_xml("".join(paragraph(t) for t in PLAN_ZH * 50)))
    data = bytearray(buffer.getvalue())
    start = data.index(b"word/document.xml") + len("word/document.xml")
    for i in range(start + 40, start + 240):
        data[i] ^= 0x5A  # scramble the deflate stream, keep the zip structure
    path.write_bytes(bytes(data))


def outline_level_not_a_number(path) -> None:
    """Outline levels "abc" in document.xml and "x" in a style: read as no level."""
    body = (paragraph("示例县碳达峰实施方案")
            + paragraph("一、总体要求", '<w:outlineLvl w:val="abc"/>')
            + paragraph("（一）主要目标", '<w:pStyle w:val="Odd"/>')
            + paragraph("到2025年，单位地区生产总值能耗下降14%。", '<w:outlineLvl w:val="-1"/>')
            + paragraph("二、重点任务", '<w:outlineLvl w:val="99999999999999999999999"/>'))
    styles = (f'<w:styles xmlns:w="{W_NS}"><w:style w:styleId="Odd"><w:name w:val="Odd"/>'
              f'<w:pPr><w:outlineLvl w:val="x"/></w:pPr></w:style></w:styles>').encode()
    write_docx(path, document_xml(body), styles)


def empty_paragraphs(path) -> None:
    """200,000 empty paragraphs (half with Word's revision ids) around a short plan."""
    rng = random.Random(8)
    empties = "".join("<w:p/>" if n % 2 else f'<w:p w:rsidR="{rng.getrandbits(32):08X}"/>' for n in range(200_000))
    write_docx(path, document_xml(empties + "".join(paragraph(t) for t in PLAN_ZH) + empties))


def binary_txt(path) -> None:
    path.write_bytes(bytes(range(256)) * 64)


def long_line(path) -> None:
    """10 MB of Chinese characters on one line, no punctuation, no newline."""
    rng = random.Random(10)
    path.write_text("".join(chr(rng.randint(0x4E00, 0x9FA5)) for _ in range(10 * MB // 3)), encoding="utf-8")


def many_lines(path) -> None:
    """5 million one-character lines (20 MB): more lines than the file-size limit allows."""
    path.write_text("中\n" * (5 * 1000 * 1000), encoding="utf-8")


def big_text(path) -> None:
    """2 MB of plan text, over a 1 MB --max-size."""
    path.write_text("\n".join(PLAN_ZH) * (2 * MB // len("\n".join(PLAN_ZH).encode())), encoding="utf-8")


def hostile_folder(path) -> None:
    """A folder of drafts: one readable plan and four unreadable files."""
    path.mkdir()
    (path / "plan.txt").write_text("\n".join(PLAN_ZH), encoding="utf-8")
    lying_zip_bomb(path / "bomb.docx")
    billion_laughs(path / "lol.docx")
    binary_txt(path / "image.txt")
    (path / "empty.md").write_bytes(b"")
    (path / "notes.pdf").write_bytes(os.urandom(100))  # a PDF is read now: unreadable, reported
    (path / "scan.png").write_bytes(os.urandom(100))  # not a draft format: skipped


# -- PDF ------------------------------------------------------------------------------------------
def pdf_bytes(pages: list[list[str]], encrypt: bytes = b"") -> bytes:
    """A PDF whose pages hold these lines of text (Latin-1, Helvetica, one line per 14 points);
    an empty page list item gives a page without text, as a scan without OCR has."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"", b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        ops = [b"BT /F1 11 Tf 72 760 Td 14 TL"]
        ops += [b"(" + line.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*"
                for line in lines]
        stream = b"\n".join(ops + [b"ET"]) if lines else b"0 0 m 100 100 l S"
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % len(objects))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, encrypt, xref)
    return bytes(out)


PLAN_PAGES = [["Sample County Carbon Peaking Implementation Plan", "I. General Requirements",
               "(I) Main Objectives", "By 2025, energy consumption per unit of GDP will fall by 14%.", "- 1 -"],
              ["II. Key Tasks", "(I) Energy Transition Action", "- 2 -"]]


def plan_pdf(path) -> None:
    """A small, readable plan of two pages with page numbers."""
    path.write_bytes(pdf_bytes(PLAN_PAGES))


def truncated_pdf(path) -> None:
    """The first 300 bytes of a PDF: the download broke off."""
    path.write_bytes(pdf_bytes(PLAN_PAGES)[:300])


def encrypted_pdf(path) -> None:
    """A PDF under the standard security handler whose user password is not empty."""
    crypt = (b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32
             + b"> /P -44 >> /ID [<" + b"33" * 16 + b"> <" + b"33" * 16 + b">] ")
    path.write_bytes(pdf_bytes(PLAN_PAGES, crypt))


def image_only_pdf(path) -> None:
    """Three pages of drawing and no text: a scan without a text layer."""
    path.write_bytes(pdf_bytes([[], [], []]))


def html_named_pdf(path) -> None:
    """A web page saved under a .pdf name."""
    path.write_text("<!DOCTYPE html><html><body>404 Not Found</body></html>\n", encoding="utf-8")


def bomb_in_media(path) -> None:
    """A Word package that python-docx opens, with an image part the text reader never reads: 300 MB
    of zeros deflated to a few hundred KB, which opening the whole package would inflate."""
    import docx

    plain = io.BytesIO()
    docx.Document().save(plain)
    rel = ('<Relationship Id="rIdBomb" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
           'relationships/image" Target="media/image1.png"/>')
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
            z.writestr(info, data)
        with z.open("word/media/image1.png", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(bytes(MB))
