"""Turn a file into numbered lines, refusing only what cannot be read at all.

Text files: the encoding is detected (BOM, UTF-8, GB18030/GBK, then charset-normalizer).
.docx files: word/document.xml is read with a hardened parser after zip-bomb checks, and each
paragraph becomes a line carrying its style's heading level when it has one.
Every refusal is a DrafterError naming the file, in bounded time and memory.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import DrafterError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_MAX_XML_BYTES = 64 * 1024 * 1024  # uncompressed document.xml
_MAX_RATIO = 200  # compression ratio beyond which a zip member is treated as a bomb
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"(?i)^(heading|标题|titre)\s*(\d)$")


@dataclass
class Line:
    text: str
    no: int  # line number (text) or paragraph number (docx), 1-based
    hint: int | None = None  # heading level the file itself declares (docx style/outline, md #)


def read_lines(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[Line]:
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError:
        raise DrafterError("file not found", file=str(path), fix="check the path") from None
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", file=str(path)) from None
    if p.is_dir():
        raise DrafterError("is a folder, not a file", file=str(path))
    if size > max_bytes:
        raise DrafterError(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit", file=str(path),
                           fix="raise it with --max-size if the file is genuine")
    if size == 0:
        raise DrafterError("file is empty", file=str(path), fix="check that the export or download worked")
    if p.suffix.lower() == ".docx":
        return _docx_lines(p)
    raw = p.read_bytes()
    if raw[:2] == b"PK" and zipfile.is_zipfile(p):
        return _docx_lines(p)  # a .docx under another name
    return _text_lines(decode(raw, str(path)), markdown=p.suffix.lower() in (".md", ".markdown"))


def decode(raw: bytes, file: str) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise DrafterError(f"not valid {codec} text despite its byte-order mark", file=file) from None
    if b"\x00" in raw[:8192]:
        raise DrafterError("binary file, not text", file=file, fix="pass a .docx, .txt or .md file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is None:
        # GB18030 decodes almost any bytes, so Big5 text must be told apart by what comes out.
        decoded = []
        for codec in ("gb18030", "big5"):
            try:
                decoded.append(raw.decode(codec))
            except UnicodeDecodeError:
                pass
        if decoded:
            text = max(decoded, key=_plausibility)
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            raise DrafterError("cannot tell the text encoding", file=file, fix="save the file as UTF-8")
        text = str(best)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise DrafterError("binary file, not text", file=file, fix="pass a .docx, .txt or .md file")
    return text


def _plausibility(text: str) -> int:
    """Common CJK characters count for a decoding; private-use code points and kana against it."""
    sample = text[:20000]
    good = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    bad = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or "\u3040" <= ch <= "\u30ff")
    return good - 10 * bad


def _text_lines(text: str, markdown: bool) -> list[Line]:
    lines = []
    for no, raw in enumerate(text.splitlines(), 1):
        hint = None
        line = raw.strip()
        if markdown:
            m = re.match(r"^(#{1,6})\s+(.*)$", line)
            if m:
                hint, line = len(m.group(1)) - 1 or None, m.group(2)
            line = re.sub(r"\*\*(.+?)\*\*", r"\1", line)
            if line in ("---", "***"):
                line = ""
        lines.append(Line(line, no, hint))
    return lines


def _docx_lines(path: Path) -> list[Line]:
    file = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise DrafterError("not a Word document (no word/document.xml)", file=file) from None
            if info.file_size > _MAX_XML_BYTES or info.file_size > _MAX_RATIO * max(info.compress_size, 1) + 1_000_000:
                raise DrafterError("document.xml expands too much (zip bomb?)", file=file,
                                   fix="open and re-save the file in Word") from None
            with archive.open(info) as member:
                data = member.read(_MAX_XML_BYTES + 1)
            # Only a document whose paragraphs name styles needs styles.xml (large in Word's template).
            styles = _heading_styles(archive) if b"<w:pStyle" in data else {}
    except zipfile.BadZipFile:
        raise DrafterError("not a valid .docx (not a zip archive, or truncated)", file=file,
                           fix="re-save the document as .docx") from None
    except (EOFError, zipfile.LargeZipFile, OSError, RuntimeError) as exc:
        raise DrafterError(f"corrupt .docx: {exc}", file=file, fix="re-save the document as .docx") from None
    if len(data) > _MAX_XML_BYTES:
        raise DrafterError("document.xml expands too much (zip bomb?)", file=file)
    root = _parse_xml(data, file)
    lines = []
    for no, para in enumerate(root.iter(f"{_W}p"), 1):
        text = "".join(t.text or "" for t in para.iter(f"{_W}t"))
        hint = None
        ppr = para.find(f"{_W}pPr")
        if ppr is not None:
            outline = ppr.find(f"{_W}outlineLvl")
            style = ppr.find(f"{_W}pStyle")
            if outline is not None:
                hint = int(outline.get(f"{_W}val", "9")) + 1
            elif style is not None and style.get(f"{_W}val") in styles:
                hint = styles[style.get(f"{_W}val")]
        # A manual line break inside a paragraph (a two-line title) is not a new paragraph.
        lines.append(Line(text.strip(), no, hint if hint and hint < 9 else None))
    return lines


def _parse_xml(data: bytes, file: str):
    head = data[:4096]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
        raise DrafterError("the document XML declares entities (possible entity-expansion attack)", file=file)
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DrafterError(f"corrupt .docx: broken XML ({exc.msg})", file=file,
                           fix="re-save the document as .docx") from None


def _heading_styles(archive: zipfile.ZipFile) -> dict[str, int]:
    """Style ids whose name is Heading N / 标题 N, or that carry an outline level."""
    try:
        info = archive.getinfo("word/styles.xml")
    except KeyError:
        return {}
    if info.file_size > _MAX_XML_BYTES:
        return {}
    try:
        root = _parse_xml(archive.read(info), "styles.xml")
    except DrafterError:
        return {}
    out = {}
    for style in root.iter(f"{_W}style"):
        sid = style.get(f"{_W}styleId")
        name = style.find(f"{_W}name")
        m = _HEADING_STYLE.match(name.get(f"{_W}val", "")) if name is not None else None
        outline = style.find(f"{_W}pPr/{_W}outlineLvl")
        if m:
            out[sid] = int(m.group(2))
        elif outline is not None:
            out[sid] = int(outline.get(f"{_W}val", "9")) + 1
    return out
