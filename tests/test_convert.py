"""Legacy .doc and .wps files: converted by LibreOffice when it is installed, refused in one line
saying how to install it when it is not."""

import shutil
import subprocess

import pytest

from drafter.errors import DrafterError
from drafter.read import convert
from drafter.read.source import read_lines

PLAN = ["示例县碳达峰实施方案", "一、总体要求", "（一）主要目标", "到2025年，单位地区生产总值能耗下降14%。"]
needs_office = pytest.mark.skipif(convert.office_program() is None, reason="LibreOffice (soffice) is not installed")


def test_without_libreoffice_a_doc_is_one_line_saying_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    path = tmp_path / "plan.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(DrafterError) as caught:
        read_lines(path)
    message = caught.value.render()
    assert message.startswith(f"{path}: a .doc file: LibreOffice is needed")
    assert "apt-get install libreoffice-writer-nogui" in message and "save the file as .docx" in message


def test_the_command_line_without_libreoffice_exits_2_without_a_traceback(tmp_path):
    import os
    import sys

    path = tmp_path / "plan.wps"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    # The interpreter the tests run in, with a PATH that holds no LibreOffice.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" or os.environ.get("DRAFTER_TEST_SOURCE")}
    env["PATH"] = str(tmp_path / "empty")
    run = subprocess.run([sys.executable, "-m", "drafter", "outline", path.name], capture_output=True,
                         text=True, env=env, cwd=tmp_path, timeout=60)
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0 and "Traceback" not in run.stderr
    assert "a .wps file: LibreOffice is needed" in run.stderr


def _doc_from_docx(tmp_path):
    from docx import Document

    source = tmp_path / "made" / "plan.docx"
    source.parent.mkdir()
    doc = Document()
    for text in PLAN:
        doc.add_paragraph(text)
    doc.save(source)
    subprocess.run([convert.office_program(), f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "doc", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=180)
    return tmp_path / "plan.doc"


@needs_office
def test_a_doc_is_read_through_libreoffice_and_its_temporary_folder_removed(tmp_path, monkeypatch):
    doc = _doc_from_docx(tmp_path)
    made = []
    real = convert.tempfile.TemporaryDirectory

    def tracked(**kw):
        folder = real(**kw)
        made.append(folder.name)
        return folder
    monkeypatch.setattr(convert.tempfile, "TemporaryDirectory", tracked)
    assert [ln.text for ln in read_lines(doc)] == PLAN
    assert made and not any(shutil.os.path.exists(m) for m in made)


@needs_office
def test_a_damaged_doc_is_one_line_naming_it(tmp_path):
    path = tmp_path / "broken.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x07" * 2000)
    with pytest.raises(DrafterError) as caught:
        read_lines(path)
    assert caught.value.render() == (f"{path}: not a readable .doc document (damaged, or another kind of file) "
                                     "(open it and save it as .docx)")


@needs_office
def test_a_conversion_past_the_time_limit_is_stopped(tmp_path):
    doc = _doc_from_docx(tmp_path)
    with pytest.raises(DrafterError, match="did not convert it within 0 s"):
        with convert.as_docx(doc, time_limit=0.01):
            pass
