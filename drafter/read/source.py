"""Turn a file into numbered lines, refusing only what cannot be read at all.

Text files: the encoding is detected (BOM, UTF-8, GB18030/GBK, then charset-normalizer).
.docx files: see docx_lines (zip members measured as they inflate, XML parsed as a stream).
.pdf files: see pdf_lines; .doc and .wps files: converted to .docx first (convert.py).
A form feed in a text file starts a page: it is no line of its own, and lines carry their page.
Empty lines are left out; the others keep their line or paragraph number.
Every refusal is a DrafterError naming the file, in bounded time and memory.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..errors import DrafterError
from ..limits import DOCUMENT_MAX_BYTES
from .convert import LEGACY, as_docx
from ..structure_rules import NumberingRules
from .docx_lines import docx_lines
from .lines import Line, line_limit
from .pages import paged_lines
from .pdf_lines import pdf_lines

__all__ = ["DEFAULT_MAX_BYTES", "Line", "decode", "read_lines"]

DEFAULT_MAX_BYTES = DOCUMENT_MAX_BYTES
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_MD_BOLD = re.compile(r"\*\*(.+?)\*\*")


def read_lines(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES,
               numbering: NumberingRules | None = None) -> list[Line]:
    """The file's non-empty lines; a .docx's automatic numbers are spelled by `numbering` (the rules')."""
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
    suffix = p.suffix.lower()
    if suffix == ".docx":
        return docx_lines(p, max_bytes, numbering)
    if suffix == ".pdf":
        return pdf_lines(p, max_bytes)
    if suffix in LEGACY:
        return _converted_lines(p, max_bytes, numbering)
    raw = p.read_bytes()
    if raw[:2] == b"PK" and zipfile.is_zipfile(p):
        return docx_lines(p, max_bytes, numbering)  # a .docx under another name
    text = decode(raw, str(path))
    if "\f" in text and suffix not in (".md", ".markdown"):
        lines = paged_lines([page.splitlines() for page in text.split("\f")], line_limit(max_bytes))
    else:
        lines = _text_lines(text, suffix in (".md", ".markdown"), line_limit(max_bytes))
    if lines is None:
        raise DrafterError(f"over {line_limit(max_bytes):,} lines", file=str(path),
                           fix="raise --max-size if the file is genuine")
    return lines


def decode(raw: bytes, file: str) -> str:
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if raw.startswith(bom):
            try:
                return raw.decode(codec)
            except UnicodeDecodeError:
                raise DrafterError(f"not valid {codec} text despite its byte-order mark", file=file) from None
    if b"\x00" in raw[:8192]:
        raise DrafterError("binary file, not text", file=file, fix="pass a .docx, .pdf, .txt or .md file")
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
        raise DrafterError("binary file, not text", file=file, fix="pass a .docx, .pdf, .txt or .md file")
    return text


def _plausibility(text: str) -> int:
    """Common CJK characters count for a decoding; private-use code points and kana against it."""
    sample = text[:20000]
    good = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    bad = sum(1 for ch in sample if "\ue000" <= ch <= "\uf8ff" or "\u3040" <= ch <= "\u30ff")
    return good - 10 * bad


def _text_lines(text: str, markdown: bool, limit: int) -> list[Line] | None:
    """The non-empty lines, or None past `limit` of them."""
    lines = []
    for no, raw in enumerate(_split_lines(text), 1):
        hint = None
        line = raw.strip()
        if markdown:
            m = _MD_HEADING.match(line)
            if m:
                hint, line = len(m.group(1)) - 1 or None, m.group(2)
            line = _MD_BOLD.sub(r"\1", line)
            if line in ("---", "***") or line.startswith(">"):
                line = ""  # a rule; a blockquote remarks on the text (generate --parent quotes the superior)
        if line:
            if len(lines) == limit:
                return None
            lines.append(Line(line, no, hint))
    return lines


def _converted_lines(path: Path, max_bytes: int, numbering: NumberingRules | None = None) -> list[Line]:
    """A .doc or .wps file read as the .docx it converts into; errors name the file given."""
    with as_docx(path) as docx:
        try:
            lines = docx_lines(docx, max_bytes, numbering)
        except DrafterError as exc:
            raise DrafterError(exc.message, file=str(path), place=exc.place, fix=exc.fix) from None
    # A file LibreOffice cannot parse is imported as plain text: its binary header comes out as
    # U+FFFD, which no document starts with.
    if lines and "\ufffd" in lines[0].text[:8]:
        raise DrafterError(f"not a readable {path.suffix.lower()} document (damaged, or another kind of file)",
                           file=str(path), fix="open it and save it as .docx")
    return lines


def _split_lines(text: str, chunk: int = 1 << 20):
    """text.splitlines(), a megabyte at a time: a file of millions of tiny lines never becomes
    one list of millions of strings (chunks end after a \n, so no separator is cut)."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + chunk)
        end = len(text) if end < 0 else end + 1
        yield from text[start:end].splitlines()
        start = end
