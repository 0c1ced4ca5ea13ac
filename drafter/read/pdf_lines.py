"""The text of a PDF as numbered lines, through pypdfium2, in bounded pages, text and time.

A PDF is as hostile as any file: a broken, encrypted or scanned one is refused in one line naming
the file and the fix. What the pages add (page numbers, running heads) is removed by pages.py.
"""

from __future__ import annotations

import time
from pathlib import Path

from ..errors import DrafterError
from .lines import Line, line_limit
from .pages import paged_lines

MIN_PAGES = 2_000  # pages read from one file, at least ...
BYTES_PER_PAGE = 10_000  # ... and one per this many bytes of --max-size
TIME_LIMIT = 120.0  # seconds of text extraction before a PDF is refused
_AS_TEXT = "export the plan as .docx or text, or run OCR on it first"


def page_limit(max_bytes: int) -> int:
    return max(MIN_PAGES, max_bytes // BYTES_PER_PAGE)


def pdf_lines(path: Path, max_bytes: int, time_limit: float = TIME_LIMIT) -> list[Line]:
    pages = pdf_pages(path, max_bytes, time_limit)
    if sum(len(line.strip()) for page in pages for line in page) < 5 * len(pages):
        raise DrafterError("PDF has no text layer (a scanned document?), so there is no text to read",
                           file=str(path), fix=_AS_TEXT)
    lines = paged_lines(pages, line_limit(max_bytes))
    if lines is None:
        raise DrafterError(f"over {line_limit(max_bytes):,} lines", file=str(path),
                           fix="raise --max-size if the file is genuine")
    return lines


def pdf_pages(path: Path, max_bytes: int, time_limit: float = TIME_LIMIT) -> list[list[str]]:
    """The raw lines of each page, as pdfium extracts them."""
    try:
        import pypdfium2 as pdfium  # only a PDF needs it
    except ImportError:
        raise DrafterError("reading a PDF needs the pypdfium2 package, which is not installed", file=str(path),
                           fix="pip install pypdfium2, or export the plan as .docx") from None
    doc = _open(pdfium, path)
    try:
        count = len(doc)
        if count > page_limit(max_bytes):
            raise DrafterError(f"PDF has {count:,} pages, over the limit of {page_limit(max_bytes):,}",
                               file=str(path), fix="raise --max-size if the file is genuine")
        pages, chars, start = [], 0, time.monotonic()
        for index in range(count):
            text = _page_text(pdfium, doc, index, path)
            chars += len(text)
            if chars > max_bytes:
                raise DrafterError(f"PDF text is over {max_bytes:,} characters", file=str(path),
                                   fix="raise --max-size if the file is genuine")
            if time.monotonic() - start > time_limit:
                raise DrafterError(f"reading the PDF took over {time_limit:.0f} s (page {index + 1} of {count})",
                                   file=str(path), fix=_AS_TEXT)
            # pdfium ends lines with \r\n; a form feed inside a page is no line of its own.
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "").split("\n"))
        return pages
    finally:
        doc.close()


def _open(pdfium, path: Path):
    try:
        return pdfium.PdfDocument(path.read_bytes())
    except pdfium.PdfiumError as exc:
        reason = str(exc)
        if "password" in reason.lower():
            raise DrafterError("PDF is encrypted (password-protected)", file=str(path),
                               fix="save an unprotected copy of it, or export it as .docx") from None
        raise DrafterError(f"not a readable PDF ({reason.rstrip('.')})", file=str(path),
                           fix="check the download, or export the plan as PDF or .docx again") from None
    except OSError as exc:
        raise DrafterError(f"cannot read file: {exc.strerror}", file=str(path)) from None


def _page_text(pdfium, doc, index: int, path: Path) -> str:
    try:
        page = doc[index]
        try:
            textpage = page.get_textpage()
            try:
                return textpage.get_text_range()
            finally:
                textpage.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise DrafterError(f"page {index + 1} of the PDF cannot be read ({str(exc).rstrip('.')})",
                           file=str(path), fix="check the download, or export the plan again") from None
