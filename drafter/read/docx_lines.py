"""The paragraphs of a .docx as lines, in bounded time and memory whatever the file claims.

A zip's directory can lie about sizes, so a member is decompressed in chunks and measured as it
comes: reading stops past the limit. The XML goes through expat chunk by chunk and no tree is
built, so memory follows the text kept, not the markup. DTDs are refused (entity expansion,
external entities). The number of paragraphs and the amount of text follow --max-size, so a
file within the limit is read in seconds.

What a reader of the printed page sees is read: Word's automatic heading numbers (docx_parts.py),
inserted text; not deleted or moved-away text, text boxes, comments, headers or footers (the last
two live in other parts). A row of a table of several columns is one line of body text.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from pathlib import Path
from xml.parsers import expat

from ..docx_body import NOT_BODY, expat_name
from ..errors import DrafterError
from ..structure_rules import NumberingRules
from .docx_parts import ListNumbers, Numbering, Styles, entities_error, list_level, outline_level
from .lines import BODY_ROW, Line, line_limit

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "  # expat's "<namespace> <name>"
_P, _T, _PPR, _NUMPR = f"{_W}p", f"{_W}t", f"{_W}pPr", f"{_W}numPr"
_OUTLINE, _PSTYLE, _VAL = f"{_W}outlineLvl", f"{_W}pStyle", f"{_W}val"
_NUM_ID, _ILVL, _ROW, _CELL = f"{_W}numId", f"{_W}ilvl", f"{_W}tr", f"{_W}tc"
_TABLE, _GRID_COLUMN = f"{_W}tbl", f"{_W}gridCol"
# Not body text (text boxes, deleted text ...): docx_body.py says which, for the reviewer too.
_SKIPPED = frozenset(expat_name(name) for name in NOT_BODY)
_MB = 1024 * 1024
MIN_XML_LIMIT = 64 * _MB  # document.xml may always expand this far ...
XML_PER_FILE_BYTE = 8  # ... and to 8 times the file-size limit (Word text compresses 3 to 7 times)
MIN_PARAGRAPHS = 1_000_000  # paragraphs, empty ones included, are limited ...
BYTES_PER_PARAGRAPH = 16  # ... by the file-size limit too: Word writes more than that for one
_MAX_RATIO = 200  # beyond this compression ratio (plus _SLACK) a member is a bomb
_SLACK = _MB
_PARTS_LIMIT = 4 * _MB  # Word's own styles.xml and numbering.xml are under 1 MB
_CHUNK = 64 * 1024
_READ_ERRORS = (zipfile.LargeZipFile, EOFError, OSError, RuntimeError, NotImplementedError, ValueError,
                zlib.error, struct.error)
_RESAVE = "open and re-save the file in Word"
_AS_DOCX = "re-save the document as .docx"
_RAISE = "raise --max-size if the file is genuine"


def docx_lines(path: Path, max_bytes: int, numbering: NumberingRules | None = None) -> list[Line]:
    """Non-empty body paragraphs with their paragraph number, the heading level the file declares
    and the number Word's automatic numbering shows before them (spelled by `numbering`, the
    rules' numbering block). A table row of several cells is one line, its cells joined by tabs."""
    file = str(path)
    size = path.stat().st_size
    try:
        with zipfile.ZipFile(path) as archive:
            stream = _open_member(archive, "word/document.xml", file, size, _xml_limit(max_bytes))
            if stream is None:
                raise DrafterError("not a Word document (no word/document.xml)", file=file)
            paragraphs = _Paragraphs(file, max_bytes, lambda: _Parts(archive, file, size, numbering))
            with stream:
                _parse(stream, paragraphs)
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
    ratio_limit = _declared(info, file, file_size, size_limit, fix)
    return _Measured(archive.open(info), name, file, ratio_limit, size_limit, fix)


def _xml_limit(max_bytes: int) -> int:
    return max(MIN_XML_LIMIT, XML_PER_FILE_BYTE * max_bytes)


def _declared(info: zipfile.ZipInfo, file: str, file_size: int, size_limit: int, fix: str) -> int:
    """What a member may expand to, which follows the bytes it can really occupy, not what it
    declares; an honest bomb declares more, and is refused without being inflated."""
    ratio_limit = _MAX_RATIO * min(info.compress_size, file_size) + _SLACK
    if info.file_size > min(ratio_limit, size_limit):
        raise _too_big(info.filename, file, ratio_limit, size_limit, fix)
    return ratio_limit


def check_package(path: Path, max_bytes: int) -> None:
    """Before a whole package is opened (python-docx, when a review writes its comments): every
    member, read or not by this reader, within what it may expand to, and all of them together
    within the limit of document.xml. zipfile stops a member at the size it declares, so the
    declared sizes bound what opening the package can take."""
    file, size = str(path), path.stat().st_size
    limit = _xml_limit(max_bytes)
    total = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                _declared(info, file, size, limit, _RAISE)
                total += info.file_size
    except (zipfile.BadZipFile, *_READ_ERRORS):
        raise DrafterError("not a valid .docx (not a zip archive, or truncated)", file=file, fix=_AS_DOCX) from None
    if total > limit:
        raise DrafterError(f"the package expands to over {limit // _MB} MB", file=file, fix=_RAISE)


def _too_big(name: str, file: str, ratio_limit: int, size_limit: int, fix: str) -> DrafterError:
    if ratio_limit <= size_limit:
        return DrafterError(f"{name} expands over {_MAX_RATIO} times its compressed size (zip bomb?)",
                            file=file, fix=_RESAVE)
    return DrafterError(f"{name} expands to over {size_limit // _MB} MB", file=file, fix=fix)


def _entities(name: str, file: str) -> DrafterError:
    return entities_error(name, file)


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




class _Parts:
    """styles.xml and numbering.xml, read when the first paragraph names a style or a list. A broken
    part only loses what follows the break; a hostile one (a bomb, entity declarations) is refused
    like a hostile document.xml."""

    def __init__(self, archive: zipfile.ZipFile, file: str, file_size: int, rules: NumberingRules | None) -> None:
        self.styles = Styles(file)
        _read_part(archive, "word/styles.xml", file, file_size, self.styles)
        numbering = Numbering(file)
        _read_part(archive, "word/numbering.xml", file, file_size, numbering)
        self.numbers = ListNumbers(numbering, self.styles, rules)


def _read_part(archive: zipfile.ZipFile, name: str, file: str, file_size: int, handler) -> None:
    stream = _open_member(archive, name, file, file_size, _PARTS_LIMIT, _RESAVE)
    if stream is None:
        return
    try:
        with stream:
            _parse(stream, handler)
    except expat.ExpatError:
        pass  # what was read before the break still counts


class _Paragraphs:
    """Expat callbacks: the w:t text of each body paragraph, the outline level, style and list
    numbering its own w:pPr declares, and table rows gathered cell by cell."""

    def __init__(self, file: str, max_bytes: int, load_parts) -> None:
        self.file = file
        self.lines: list[Line] = []
        self._load_parts, self._parts = load_parts, None
        self._count = self._body_count = 0
        self._max_paragraphs = max(MIN_PARAGRAPHS, max_bytes // BYTES_PER_PARAGRAPH)
        self._max_lines = line_limit(max_bytes)
        self._chars, self._max_chars = 0, max_bytes
        self._stack: list[str] = []
        # [number, text parts, outline level, style, numId, ilvl] per open paragraph
        self._open: list[list] = []
        self._rows: list[list[list[Line]]] = []  # the cells of each open table row, innermost last
        self._columns: list[int] = []  # the grid columns of each open table, innermost last
        self._skipped = 0  # depth inside content that is not body text
        self._in_text = False
        self._nested = False
        self._starts = {_P: self._start_paragraph, _T: self._start_text, _ROW: self._start_row, _CELL: self._start_cell,
                        _TABLE: lambda attrs: self._columns.append(0), _GRID_COLUMN: self._start_column,
                        _OUTLINE: lambda attrs: self._paragraph_property(2, outline_level(attrs.get(_VAL))),
                        _PSTYLE: lambda attrs: self._paragraph_property(3, attrs.get(_VAL)),
                        _NUM_ID: lambda attrs: self._list_property(4, attrs.get(_VAL)),
                        _ILVL: lambda attrs: self._list_property(5, list_level(attrs.get(_VAL)))}
        self._starts.update(dict.fromkeys(_SKIPPED, self._start_skipped))

    def start(self, tag: str, attrs: dict) -> None:
        # One look-up for the many tags that change nothing (runs, fonts, sizes): the reading speed.
        act = self._starts.get(tag)
        if self._skipped:
            self._skipped += tag in _SKIPPED
            if tag == _P:
                self._count_paragraph()
        elif act is not None:
            act(attrs)
        self._stack.append(tag)

    def _count_paragraph(self) -> None:
        self._count += 1
        if self._count > self._max_paragraphs:
            raise DrafterError(f"over {self._max_paragraphs:,} paragraphs", file=self.file, fix=_RAISE)

    def _start_paragraph(self, attrs: dict) -> None:
        self._count_paragraph()
        self._body_count += 1
        self._nested = self._nested or bool(self._open)
        self._open.append([self._body_count, [], None, None, None, None])

    def _start_skipped(self, attrs: dict) -> None:
        self._skipped = 1

    def _start_text(self, attrs: dict) -> None:
        self._in_text = bool(self._open)

    def _start_row(self, attrs: dict) -> None:
        self._rows.append([])

    def _start_column(self, attrs: dict) -> None:
        if self._columns:
            self._columns[-1] += 1

    def _start_cell(self, attrs: dict) -> None:
        if self._rows:
            self._rows[-1].append([])

    def _paragraph_property(self, slot: int, value) -> None:
        """Set a property of the open paragraph when the tag sits in that paragraph's own w:pPr."""
        stack = self._stack
        if len(stack) > 1 and stack[-1] == _PPR and stack[-2] == _P:
            self._open[-1][slot] = value

    def _list_property(self, slot: int, value) -> None:
        """The same for the w:numPr in the paragraph's own w:pPr."""
        stack = self._stack
        if len(stack) > 2 and stack[-1] == _NUMPR and stack[-2] == _PPR and stack[-3] == _P:
            self._open[-1][slot] = value

    def end(self, tag: str) -> None:
        self._stack.pop()
        if self._skipped:
            self._skipped -= tag in _SKIPPED
        elif tag == _T:
            self._in_text = False
        elif tag == _P:
            line = self._paragraph(*self._open.pop())
            if line is not None:
                self._emit(line)
        elif tag == _ROW and self._rows:
            self._end_row(self._rows.pop())
        elif tag == _TABLE and self._columns:
            self._columns.pop()

    def _end_row(self, row: list[list[Line]]) -> None:
        cells = [cell for cell in row if cell]
        columns = self._columns[-1] if self._columns else 0
        # A row of a table of several columns (a task-division annex, a targets table) is one line of
        # body text, so a task keeps its units and dates; a one-column table is a frame around text.
        if cells and (columns > 1 or (columns == 0 and len(cells) > 1)):
            self._emit(Line("\t".join(" ".join(line.text for line in cell) for cell in cells), cells[0][0].no,
                            BODY_ROW))
        else:
            for line in cells[0] if cells else ():
                self._emit(line)

    def _paragraph(self, number: int, parts: list, outline, style, num_id, ilvl) -> Line | None:
        text = "".join(parts).strip()
        hint = outline
        if style is not None or num_id is not None or ilvl is not None:
            if self._parts is None:
                self._parts = self._load_parts()
            if hint is None and style:
                hint = self._parts.styles.levels.get(style)
            prefix = self._parts.numbers.prefix(num_id, ilvl, style)
            if text and prefix:
                text = prefix + text
        return Line(text, number, _usable(hint)) if text else None

    def _emit(self, line: Line) -> None:
        if self._rows and self._rows[-1]:
            self._rows[-1][-1].append(line)
            return
        if len(self.lines) == self._max_lines:
            raise DrafterError(f"over {self._max_lines:,} paragraphs with text", file=self.file, fix=_RAISE)
        self.lines.append(line)

    def data(self, text: str) -> None:
        if self._in_text:
            self._chars += len(text)
            if self._chars > self._max_chars:
                raise DrafterError(f"the text is over {self._max_chars:,} characters", file=self.file, fix=_RAISE)
            self._open[-1][1].append(text)

    def doctype(self, *_) -> None:
        raise _entities("word/document.xml", self.file)

    def result(self) -> list[Line]:
        if self._nested:  # a paragraph inside another ends before the one holding it
            self.lines.sort(key=lambda line: line.no)
        return self.lines


def _usable(level: int | None) -> int | None:
    """Levels 1..8 are headings; outline level 9 is Word's 'body text'."""
    return level if level and level < 9 else None
