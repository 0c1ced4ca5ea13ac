"""PDF input: the text of a PDF read as numbered lines with their page; broken, encrypted and
scanned PDFs refused in one line; the published plans in ../shared read into their outline."""

import json
from pathlib import Path

import pytest

from drafter.api import READABLE, Settings, expand_paths, outline, validate
from drafter.check.report import format_report
from drafter.errors import DrafterError
from drafter.read.pdf_lines import pdf_lines
from drafter.read.source import read_lines
from testkit import bad_input_makers

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "pdf"


documents = bad_input_makers("documents")


def corpus_file(prefix: str) -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"{CORPUS} is absent")
    return next(CORPUS.glob(f"{prefix}*.pdf"))


def test_a_pdf_reads_into_lines_with_page_numbers_dropped(tmp_path):
    path = tmp_path / "plan.pdf"
    documents.plan_pdf(path)
    lines = read_lines(path)
    assert [(ln.text, ln.no, ln.page, ln.page_line) for ln in lines] == [
        ("Sample County Carbon Peaking Implementation Plan", 1, 1, 1), ("I. General Requirements", 2, 1, 2),
        ("(I) Main Objectives", 3, 1, 3), ("By 2025, energy consumption per unit of GDP will fall by 14%.", 4, 1, 4),
        ("II. Key Tasks", 6, 2, 1), ("(I) Energy Transition Action", 7, 2, 2)]


@pytest.mark.parametrize("maker,words", [
    ("truncated_pdf", "not a readable PDF"), ("html_named_pdf", "not a readable PDF"),
    ("encrypted_pdf", "PDF is encrypted"), ("image_only_pdf", "PDF has no text layer")])
def test_an_unreadable_pdf_is_one_line_naming_the_file(tmp_path, maker, words):
    path = tmp_path / "plan.pdf"
    getattr(documents, maker)(path)
    with pytest.raises(DrafterError) as caught:
        read_lines(path)
    message = caught.value.render()
    assert words in message and message.startswith(str(path)) and "\n" not in message


def test_a_pdf_past_the_page_limit_is_refused(tmp_path, monkeypatch):
    import drafter.read.pdf_lines as module

    path = tmp_path / "long.pdf"
    path.write_bytes(documents.pdf_bytes([["Page text here."]] * 3))
    monkeypatch.setattr(module, "MIN_PAGES", 2)
    with pytest.raises(DrafterError, match="PDF has 3 pages, over the limit of 2"):
        pdf_lines(path, 1000)


def test_a_pdf_taking_too_long_is_refused(tmp_path):
    path = tmp_path / "slow.pdf"
    path.write_bytes(documents.pdf_bytes([["Page text here."]] * 3))
    with pytest.raises(DrafterError, match="reading the PDF took over"):
        pdf_lines(path, 1 << 20, time_limit=-1)


def test_folders_list_pdf_doc_and_wps_drafts(tmp_path):
    for name in ("a.pdf", "b.DOC", "c.wps", "d.png"):
        (tmp_path / name).write_bytes(b"x")
    assert {".pdf", ".doc", ".wps"} <= set(READABLE)
    assert [p.name for p in expand_paths([tmp_path])] == ["a.pdf", "b.DOC", "c.wps"]


def test_a_published_plan_reads_into_its_outline():
    doc = outline(corpus_file("2、"))
    top = [(s.id, s.line) for s in doc.sections]
    assert top[:3] == [("general_requirements", 14), ("main_objectives", 36), ("key_tasks", 49)]
    assert doc.find("action:energy_transition").children[0].title.startswith("推进煤炭消费替代")


def test_page_numbers_of_a_published_plan_do_not_enter_the_text():
    lines = read_lines(corpus_file("296"))
    assert not any(ln.text.strip("- ").isdigit() for ln in lines)
    assert (lines[0].page, lines[0].page_line, lines[0].no) == (1, 2, 2)


def test_findings_on_a_pdf_name_the_page_and_the_line_on_it():
    report = validate(corpus_file("296"), Settings(lang="en"))
    located = [f for f in report.findings if f.line == 28]
    assert located and all((f.page, f.page_line) == (2, 6) for f in located)
    data = json.loads(json.dumps(report.as_dict()))
    assert {(f["page"], f["page_line"]) for f in data["findings"] if f["line"] == 28} == {(2, 6)}
    assert all("page" not in f and "page_line" not in f for f in data["findings"] if f["line"] is None)
    assert "(p. 2, line 6; line 28 of the text)" in format_report(report.as_dict(), "en")


def test_a_sentence_wrapped_over_a_page_break_is_one_paragraph_without_the_page_number():
    doc = outline(corpus_file("296"))
    text = doc.find("working_principles").paragraphs[0]
    assert "科学确定节能降碳要求。坚持创新引领" in text and "- 2 -" not in text


def test_without_pypdfium2_a_pdf_is_one_line_saying_how_to_install_it(tmp_path, monkeypatch):
    import sys

    path = tmp_path / "plan.pdf"
    documents.plan_pdf(path)
    monkeypatch.setitem(sys.modules, "pypdfium2", None)  # makes the import fail
    with pytest.raises(DrafterError) as caught:
        read_lines(path)
    assert caught.value.render() == (f"{path}: reading a PDF needs the pypdfium2 package, which is not installed "
                                     "(pip install pypdfium2, or export the plan as .docx)")
