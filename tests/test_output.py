"""Atomic, no-clobber writes."""

import pytest

from drafter.errors import DrafterError
from drafter.output import write_atomic


def test_writes_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "a.docx"
    write_atomic(target, b"one")
    with pytest.raises(DrafterError, match="output exists"):
        write_atomic(target, b"two")
    write_atomic(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_interrupted_write_leaves_nothing(tmp_path, monkeypatch):
    import drafter.output as output

    def boom(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "b.docx", b"data")
    assert list(tmp_path.iterdir()) == []


def test_missing_folder(tmp_path):
    with pytest.raises(DrafterError, match="output folder does not exist"):
        write_atomic(tmp_path / "no" / "c.docx", b"x")


def test_output_gets_the_usual_permissions(tmp_path):
    import os
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "shared.docx", b"x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644
