"""Each sample's Chinese draft printed by LibreOffice: 22 lines on a full body page, 28 characters
on a full line, the colophon alone at the foot of an even page. Skipped without LibreOffice."""

import re
import subprocess

import pytest

from testkit import SAMPLE_NAMES
from render import office, page_lines, page_png, to_pdf


# The text block of GB/T 9704: 37 mm from the top, 225 mm tall; page numbers are below it.
TOP, BOTTOM = 37, 37 + 225
CJK_ONLY = re.compile(r"^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’—…·]+$")


def has_chinese_fonts() -> bool:
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.TimeoutExpired):
        return False
    return bool(out.strip())


pytestmark = [pytest.mark.skipif(office() is None, reason="LibreOffice (soffice) is not installed"),
              pytest.mark.skipif(office() is not None and not has_chinese_fonts(),
                                 reason="no Chinese font installed (apt-get install fonts-noto-cjk): LibreOffice "
                                        "would print substitute boxes")]


@pytest.fixture(scope="module")
def printed(generated, tmp_path_factory):
    docx = [generated[(name, "zh")][1] for name in SAMPLE_NAMES]
    pdfs = to_pdf(docx, tmp_path_factory.mktemp("printed"))
    missing = [p.name for p in pdfs if not p.is_file()]
    assert not missing, f"LibreOffice printed no {missing}"
    return dict(zip(SAMPLE_NAMES, pdfs))


def body_pages(pdf):
    """Lines of the plan's pages: after the notice, before the last page of text and the colophon."""
    pages = page_lines(pdf, TOP, BOTTOM)
    start = next(i for i, lines in enumerate(pages) if lines and lines[0].endswith(("实施方案", "工作方案")))
    return pages, pages[start + 1:-2]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_full_body_page_has_22_lines(printed, name):
    _, body = body_pages(printed[name])
    counts = [len(lines) for lines in body]
    assert len(counts) >= 5
    assert max(counts) == 22
    # A page is short only where a heading moved on with its paragraph, by a line or two.
    assert counts.count(22) >= 0.7 * len(counts), counts
    assert min(counts) >= 19, counts


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_a_full_line_has_28_characters(printed, name):
    _, body = body_pages(printed[name])
    widths = [len(line) for lines in body for line in lines if CJK_ONLY.match(line)]
    assert max(widths) == 28 and widths.count(28) >= 3  # others give a character to the punctuation rules


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_the_colophon_stands_alone_at_the_foot_of_its_page(printed, name):
    # Its page's parity is Word's to keep (w:type evenPage, test_docx_frame): LibreOffice 7.4 starts
    # the section on the next page whatever its number.
    pages, _ = body_pages(printed[name])
    last = pages[-1]
    assert last[-1].endswith("印发") and len(last) <= 3  # the copies (wrapped at most once) and the printing line
    foot = page_lines(printed[name], BOTTOM - 3 * 10.2, BOTTOM)[-1]  # the last three lines of the text block
    assert foot and foot[-1] == last[-1]


def test_a_page_as_a_picture(printed, tmp_path):
    png = page_png(printed["jiangmen"], 0, 400)
    assert png.startswith(b"\x89PNG") and 2_000 < len(png) < 120_000
