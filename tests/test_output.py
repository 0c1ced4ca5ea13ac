"""Atomic, no-clobber writes: a draft is whole or absent, an existing file is replaced only with
--force and only if it is a regular file, and two writers racing for one name cannot both win."""

import errno
import os
import resource
import subprocess
import sys

import pytest

from drafter.errors import DrafterError
from drafter.output import OutputExists, check_output, write_atomic, write_error

from testkit import SAMPLES


def test_writes_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "a.docx"
    write_atomic(target, b"one")
    with pytest.raises(OutputExists, match="output exists"):
        write_atomic(target, b"two")
    write_atomic(target, b"two", force=True)
    assert target.read_bytes() == b"two"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


@pytest.mark.parametrize("step,force", [("fsync", False), ("link", False), ("replace", True)])
def test_interrupted_write_leaves_nothing(tmp_path, monkeypatch, step, force):
    import drafter.output as output

    def boom(*args):
        raise KeyboardInterrupt

    if force:
        (tmp_path / "b.docx").write_bytes(b"old")
    monkeypatch.setattr(output.os, step, boom)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "b.docx", b"data", force=force)
    assert [p.name for p in tmp_path.iterdir()] == (["b.docx"] if force else [])
    if force:
        assert (tmp_path / "b.docx").read_bytes() == b"old"


def test_missing_folder(tmp_path):
    with pytest.raises(DrafterError, match="output folder does not exist"):
        write_atomic(tmp_path / "no" / "c.docx", b"x")


def test_a_file_where_the_folder_should_be(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(DrafterError, match="output folder is not a folder"):
        check_output(tmp_path / "f" / "c.docx")


def test_output_gets_the_usual_permissions(tmp_path):
    old = os.umask(0o022)
    try:
        target = write_atomic(tmp_path / "shared.docx", b"x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def _symlink(tmp_path):
    (tmp_path / "real.md").write_text("keep")
    (tmp_path / "out.md").symlink_to(tmp_path / "real.md")
    return tmp_path / "out.md"


def _dangling(tmp_path):
    (tmp_path / "out.md").symlink_to(tmp_path / "nowhere.md")
    return tmp_path / "out.md"


def _fifo(tmp_path):
    os.mkfifo(tmp_path / "out.md")
    return tmp_path / "out.md"


def _folder(tmp_path):
    (tmp_path / "out.md").mkdir()
    return tmp_path / "out.md"


@pytest.mark.parametrize("make,kind", [(_symlink, "a symbolic link"), (_dangling, "a symbolic link"),
                                       (_fifo, "a named pipe"), (_folder, "a folder"),
                                       (lambda tmp_path: "/dev/null", "a device")])
@pytest.mark.parametrize("force", [False, True])
def test_only_a_regular_file_is_ever_replaced(tmp_path, make, kind, force):
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DrafterError, match=f"output is {kind}, not a regular file"):
        write_atomic(path, b"new", force=force)
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no temporary file left either
    if make is _symlink:
        assert (tmp_path / "real.md").read_text() == "keep"


def test_a_name_too_long_is_refused_before_any_work(tmp_path):
    with pytest.raises(DrafterError, match="file name too long"):
        check_output(tmp_path / ("长" * 100 + ".docx"))  # 300 bytes in UTF-8


def test_a_name_at_the_limit_still_works(tmp_path):
    target = tmp_path / ("a" * 250 + ".docx")  # the temporary name must not be longer than the final one
    write_atomic(target, b"x")
    assert target.read_bytes() == b"x"


@pytest.mark.parametrize("code,words", [(errno.ENOSPC, "disk full"), (errno.EDQUOT, "disk quota exceeded"),
                                        (errno.EFBIG, "file too large"), (errno.EACCES, "cannot write here"),
                                        (errno.EIO, "cannot write")])
def test_write_errors_read_as_one_line(tmp_path, code, words):
    error = write_error(OSError(code, os.strerror(code)), tmp_path / "x.docx")
    assert words in error.render() and "\n" not in error.render()


def test_the_race_for_a_name_has_one_winner(tmp_path):
    """Writers released together against one name: every round, exactly one wins and the other
    is told the output exists; the file holds the winner's bytes, whole."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    for round_ in range(30):
        target = tmp_path / f"same-{round_}.md"
        gate, results = ctx.Barrier(2), ctx.Queue()
        procs = [ctx.Process(target=_race, args=(gate, target, bytes([65 + i]) * 100_000, results)) for i in range(2)]
        for p in procs:
            p.start()
        outcomes = sorted(results.get(timeout=30) for _ in procs)
        for p in procs:
            p.join()
        assert [o[0] for o in outcomes] == ["exists", "won"], outcomes
        assert target.read_bytes() == outcomes[1][1] * 100_000
    assert not list(tmp_path.glob(".*.part"))


def _race(gate, target, data, results):
    gate.wait()
    try:
        write_atomic(target, data)
        results.put(("won", data[:1]))
    except OutputExists:
        results.put(("exists", b""))


def _generate(out, *extra, limits=None):
    # As the bad-input suite runs drafter: the package under test, from a folder without a checkout.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" or os.environ.get("DRAFTER_TEST_SOURCE")}
    return subprocess.Popen([sys.executable, "-m", "drafter", "generate", str(SAMPLES / "example-county.yaml"),
                             "--format", "md", "-o", str(out), *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=out.parent, preexec_fn=limits)


def test_two_generate_runs_at_once_one_wins(tmp_path):
    """Real processes started together, without --force: one writes, the other says the output
    exists and exits 2 (before the no-overwrite check was atomic, both won most rounds; the race
    above runs 30 rounds, cheaply)."""
    for round_ in range(4):
        out = tmp_path / f"same-{round_}.md"
        procs = [_generate(out) for _ in range(2)]
        results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]
        for p in procs:
            p.stdout.close(), p.stderr.close()
        codes = sorted(code for code, _ in results)
        assert codes == [0, 2], results
        loser = next(err for code, err in results if code == 2)
        assert loser.strip().splitlines() == [f"drafter: error: {out}: output exists (pass --force to overwrite it)"]
    assert not list(tmp_path.glob(".*.part"))


def test_a_full_disk_is_one_line_and_leaves_nothing(tmp_path):
    """The file-size limit makes the write fail with EFBIG, as a full disk fails with ENOSPC."""
    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = _generate(tmp_path / "plan.md", limits=small_files)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip().splitlines() == [f"drafter: error: {tmp_path / 'plan.md'}: file too large for the disk "
                                        "(File too large) (free some space or write elsewhere)"]
    assert list(tmp_path.iterdir()) == []
