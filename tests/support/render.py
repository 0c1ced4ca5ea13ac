"""Drafts as LibreOffice prints them: .docx -> PDF (headless, a private profile, a time limit),
then the PDF's text lines per page and pages as PNG pictures, through pypdfium2."""

from __future__ import annotations

import os
import shutil
import signal
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path

import pypdfium2 as pdfium

TIME_LIMIT = 180  # seconds for one conversion run; a fresh profile takes a few to set up
MM = 72 / 25.4  # points in a millimetre


def office() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx_files: list[Path], out: Path) -> list[Path]:
    """Convert the files in one LibreOffice run; the PDFs, in the same order."""
    with tempfile.TemporaryDirectory(prefix="drafter-render-") as work:
        command = [office(), f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(out)]
        proc = subprocess.Popen(command + [str(f) for f in docx_files], stdin=subprocess.DEVNULL,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=TIME_LIMIT)
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    return [out / (f.stem + ".pdf") for f in docx_files]


def page_lines(pdf_path: Path, top_mm: float, bottom_mm: float) -> list[list[str]]:
    """The text lines of each page between top_mm and bottom_mm from the page's top edge (the text
    block: page numbers below it are left out), top to bottom, each line's characters left to right."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    pages = []
    for page in pdf:
        text, height = page.get_textpage(), page.get_height()
        chars = []
        for i in range(text.count_chars()):
            ch = text.get_text_range(i, 1)
            left, bottom, _, top = text.get_charbox(i, loose=True)  # the font's full height: punctuation too
            middle = height - (top + bottom) / 2
            if ch.strip() and top_mm * MM <= middle <= bottom_mm * MM:
                chars.append((middle, left, ch))
        rows: list[list] = []
        for middle, left, ch in sorted(chars):
            if rows and middle - rows[-1][0] < 10:  # lines are 29 pt apart; glyphs of one line within a few
                rows[-1][1].append((left, ch))
            else:
                rows.append([middle, [(left, ch)]])
        pages.append(["".join(ch for _, ch in sorted(row[1])) for row in rows])
    pdf.close()
    return pages


def page_png(pdf_path: Path, index: int, width_px: int) -> bytes:
    """One page as an RGB PNG `width_px` wide."""
    pdf = pdfium.PdfDocument(str(pdf_path))
    page = pdf[index]
    bitmap = page.render(scale=width_px / page.get_width(), rev_byteorder=True)  # RGB(A) byte order
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    data, step = bytes(bitmap.buffer), stride // width
    rows = []
    for y in range(height):
        row = data[y * stride:y * stride + width * step]
        rgb = row if step == 3 else b"".join(row[x:x + 3] for x in range(0, len(row), step))
        rows.append(b"\x00" + rgb)
    pdf.close()

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))
