"""The paragraphs of a .docx as lines, in bounded time and memory whatever the file claims.

A zip's directory can lie about sizes, so a member is decompressed in chunks and measured as it
comes: reading stops past the limit. The XML goes through expat chunk by chunk and no tree is
built, so memory follows the text kept, not the markup. DTDs are refused (entity expansion,
external entities). The number of paragraphs and the amount of text follow --max-size, so a
file within the limit is read in seconds.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from ..errors import DrafterError
from .lines import Line, line_limit

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "  # expat's "<namespace> <name>"
_P, _T, _PPR, _STYLE, _NAME = f"{_W}p", f"{_W}t", f"{_W}pPr", f"{_W}style", f"{_W}name"
_OUTLINE, _PSTYLE, _VAL, _STYLE_ID = f"{_W}outlineLvl", f"{_W}pStyle", f"{_W}val", f"{_W}styleId"
_HEADING_STYLE = re.compile(r"(?i)^(heading|标题|titre)\s*(\d)$")
_MB = 1024 * 1024
MIN_XML_LIMIT = 64 * _MB  # document.xml may always expand this far ...
XML_PER_FILE_BYTE = 8  # ... and to 8 times the file-size limit (Word text compresses 3 to 7 times)
MIN_PARAGRAPHS = 1_000_000  # paragraphs, empty ones included, are limited ...
BYTES_PER_PARAGRAPH = 16  # ... by the file-size limit too: Word writes more than that for one
_MAX_RATIO = 200  # beyond this compression ratio (plus _SLACK) a member is a bomb
_SLACK = _MB
_STYLES_LIMIT = 4 * _MB  # Word's own styles.xml is under 1 MB
_CHUNK = 64 * 1024
_READ_ERRORS = (zipfile.LargeZipFile, EOFError, OSError, RuntimeError, NotImplementedError, ValueError,
                zlib.error, struct.error)
_RESAVE = "open and re-save the file in Word"
_AS_DOCX = "re-save the document as .docx"
_RAISE = "raise --max-size if the file is genuine"


def docx_lines(path: Path, max_bytes: int) -> list[Line]:
    """Non-empty paragraphs with their paragraph number and the heading level the file declares."""
    file = str(path)
    size = path.stat().st_size
    try:
        with zipfile.ZipFile(path) as archive:
            stream = _open_member(archive, "word/document.xml", file, size,
                                  max(MIN_XML_LIMIT, XML_PER_FILE_BYTE * max_bytes))
            if stream is None:
                raise DrafterError("not a Word document (no word/document.xml)", file=file)
            paragraphs = _Paragraphs(file, max_bytes)
            with stream:
                _parse(stream, paragraphs)
            if paragraphs.styled:
                styles = _heading_styles(archive, file, size)
                for line, style in paragraphs.styled:
                    line.hint = _usable(styles.get(style))
    except zipfile.BadZipFile:
        raise DrafterError("not a valid .docx (not a zip archive, or truncated)", file=file, fix=_AS_DOCX) from None
    except expat.ExpatError as exc:
        raise DrafterError(f"corrupt .docx: broken XML ({expat.ErrorString(exc.code)}, XML line {exc.lineno})",
                           file=file, fix=_AS_DOCX) from None
    except _READ_ERRORS as exc:
        raise DrafterError(f"corrupt .docx: {exc}", file=file, fix=_AS_DOCX) from None
    return paragraphs.result()


class _Measured:
    """A zip member read in chunks, counting the bytes actually decompressed."""

    def __init__(self, member, name: str, file: str, ratio_limit: int, size_limit: int, fix: str) -> None:
        self._member, self._name, self._file = member, name, file
        self._ratio_limit, self._size_limit, self._fix = ratio_limit, size_limit, fix
        self._total = 0
        self._tail = b""

    def read(self) -> bytes:
        chunk = self._member.read(_CHUNK)
        self._total += len(chunk)
        if self._total > min(self._ratio_limit, self._size_limit):
            raise _too_big(self._name, self._file, self._ratio_limit, self._size_limit, self._fix)
        window = self._tail + chunk  # a declaration split across two chunks is still seen
        if b"<!DOCTYPE" in window or b"<!ENTITY" in window:
            raise _entities(self._name, self._file)
        self._tail = chunk[-16:]
        return chunk

    def __enter__(self) -> "_Measured":
        return self

    def __exit__(self, *exc) -> None:
        self._member.close()


def _open_member(archive: zipfile.ZipFile, name: str, file: str, file_size: int, size_limit: int,
                 fix: str = _RAISE) -> _Measured | None:
    """A measured reader of one member, or None when the archive has no such member."""
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise DrafterError(f"{name} uses compression method {info.compress_type}, which Word never writes",
                           file=file, fix=_RESAVE)
    # What the member may expand to follows the bytes it can really occupy, not what it declares.
    ratio_limit = _MAX_RATIO * min(info.compress_size, file_size) + _SLACK
    if info.file_size > min(ratio_limit, size_limit):  # an honest bomb says so: no need to inflate it
        raise _too_big(name, file, ratio_limit, size_limit, fix)
    return _Measured(archive.open(info), name, file, ratio_limit, size_limit, fix)


def _too_big(name: str, file: str, ratio_limit: int, size_limit: int, fix: str) -> DrafterError:
    if ratio_limit <= size_limit:
        return DrafterError(f"{name} expands over {_MAX_RATIO} times its compressed size (zip bomb?)",
                            file=file, fix=_RESAVE)
    return DrafterError(f"{name} expands to over {size_limit // _MB} MB", file=file, fix=fix)


def _entities(name: str, file: str) -> DrafterError:
    return DrafterError(f"{name} declares XML entities (possible entity-expansion attack)", file=file, fix=_RESAVE)


def _parse(stream: _Measured, handler) -> None:
    """Feed a member to expat chunk by chunk; the handler keeps what it needs."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.StartElementHandler = handler.start
    parser.EndElementHandler = handler.end
    parser.CharacterDataHandler = handler.data
    parser.StartDoctypeDeclHandler = parser.EntityDeclHandler = handler.doctype
    for chunk in iter(stream.read, b""):
        parser.Parse(chunk, False)
    parser.Parse(b"", True)


class _Paragraphs:
    """Expat callbacks: the w:t text of each paragraph, and the outline level or style its own
    w:pPr declares. Text in a text box is its own paragraph, not part of the one holding it."""

    def __init__(self, file: str, max_bytes: int) -> None:
        self.file = file
        self.lines: list[Line] = []
        self.styled: list[tuple[Line, str]] = []  # levels that depend on styles.xml
        self._count = 0
        self._max_paragraphs = max(MIN_PARAGRAPHS, max_bytes // BYTES_PER_PARAGRAPH)
        self._max_lines = line_limit(max_bytes)
        self._chars, self._max_chars = 0, max_bytes
        self._stack: list[str] = []
        self._open: list[list] = []  # [number, text parts, outline level, style] per open paragraph
        self._in_text = False
        self._nested = False

    def start(self, tag: str, attrs: dict) -> None:
        stack = self._stack
        if tag == _P:
            self._count += 1
            if self._count > self._max_paragraphs:
                raise DrafterError(f"over {self._max_paragraphs:,} paragraphs", file=self.file, fix=_RAISE)
            self._nested = self._nested or bool(self._open)
            self._open.append([self._count, [], None, None])
        elif tag == _T:
            self._in_text = bool(self._open)
        elif len(stack) > 1 and stack[-1] == _PPR and stack[-2] == _P:
            if tag == _OUTLINE:
                self._open[-1][2] = _outline_level(attrs.get(_VAL))
            elif tag == _PSTYLE:
                self._open[-1][3] = attrs.get(_VAL)
        stack.append(tag)

    def end(self, tag: str) -> None:
        self._stack.pop()
        if tag == _T:
            self._in_text = False
        elif tag == _P:
            number, parts, outline, style = self._open.pop()
            text = "".join(parts).strip()
            if text:
                if len(self.lines) == self._max_lines:
                    raise DrafterError(f"over {self._max_lines:,} paragraphs with text", file=self.file, fix=_RAISE)
                line = Line(text, number, _usable(outline))
                self.lines.append(line)
                if outline is None and style:
                    self.styled.append((line, style))

    def data(self, text: str) -> None:
        if self._in_text:
            self._chars += len(text)
            if self._chars > self._max_chars:
                raise DrafterError(f"the text is over {self._max_chars:,} characters", file=self.file, fix=_RAISE)
            self._open[-1][1].append(text)

    def doctype(self, *_) -> None:
        raise _entities("word/document.xml", self.file)

    def result(self) -> list[Line]:
        if self._nested:  # a text box ends before the paragraph holding it
            self.lines.sort(key=lambda line: line.no)
        return self.lines


def _outline_level(value: str | None) -> int | None:
    """w:outlineLvl 0..8 is heading level 1..9; a value that is not a small number is no level."""
    if value is None or len(value) > 2 or not (value.isascii() and value.isdigit()):
        return None
    return int(value) + 1


def _usable(level: int | None) -> int | None:
    """Levels 1..8 are headings; outline level 9 is Word's 'body text'."""
    return level if level and level < 9 else None


class _Styles:
    """Expat callbacks for styles.xml: style id -> heading level, from the style's name
    (Heading N in English, Chinese or French Word) or its outline level."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.levels: dict[str, int] = {}
        self._stack: list[str] = []
        self._id: str | None = None

    def start(self, tag: str, attrs: dict) -> None:
        stack = self._stack
        if tag == _STYLE:
            self._id = attrs.get(_STYLE_ID)
        elif self._id is not None and stack and stack[-1] == _STYLE and tag == _NAME:
            m = _HEADING_STYLE.match(attrs.get(_VAL, ""))
            if m:
                self.levels[self._id] = int(m.group(2))
        elif (self._id is not None and tag == _OUTLINE and len(stack) > 1 and stack[-1] == _PPR
              and stack[-2] == _STYLE and self._id not in self.levels):
            level = _outline_level(attrs.get(_VAL))
            if level is not None:
                self.levels[self._id] = level
        stack.append(tag)

    def end(self, tag: str) -> None:
        self._stack.pop()
        if tag == _STYLE:
            self._id = None

    def data(self, text: str) -> None:
        pass

    def doctype(self, *_) -> None:
        raise _entities("word/styles.xml", self.file)


def _heading_styles(archive: zipfile.ZipFile, file: str, file_size: int) -> dict[str, int]:
    """The heading level of each style. A broken styles.xml only loses the levels; a hostile one
    (a bomb, entity declarations) is refused like a hostile document.xml."""
    stream = _open_member(archive, "word/styles.xml", file, file_size, _STYLES_LIMIT, _RESAVE)
    if stream is None:
        return {}
    styles = _Styles(file)
    try:
        with stream:
            _parse(stream, styles)
    except expat.ExpatError:
        pass  # the styles read before the break still count
    return styles.levels
