"""Legacy word-processor files (.doc, .wps) converted to .docx by LibreOffice, when it is installed.

The conversion runs headless with a private profile (so it neither waits for nor disturbs a
LibreOffice the user has open), in a temporary folder removed afterwards, under a time limit.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..errors import DrafterError

LEGACY = (".doc", ".wps")
TIME_LIMIT = 120  # seconds; a first run sets up the private profile, which takes a few
_INSTALL = ("LibreOffice is needed to read it and is not installed: install it (on Debian or Ubuntu: "
            "apt-get install libreoffice-writer-nogui) or save the file as .docx")


def office_program() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


@contextmanager
def as_docx(path: Path, time_limit: float = TIME_LIMIT) -> Iterator[Path]:
    """The .docx LibreOffice converts `path` into, removed when the block ends."""
    program = office_program()
    if program is None:
        raise DrafterError(f"a {path.suffix.lower()} file: {_INSTALL}", file=str(path))
    with tempfile.TemporaryDirectory(prefix="drafter-convert-") as work:
        folder = Path(work)
        # A plain ASCII name: the converter's command line and output name then hold no surprises.
        source = folder / f"source{path.suffix.lower()}"
        try:
            shutil.copyfile(path, source)
        except OSError as exc:
            raise DrafterError(f"cannot read file: {exc.strerror}", file=str(path)) from None
        _run(program, source, folder, time_limit, str(path))
        out = folder / "out" / "source.docx"
        if not out.is_file() or out.stat().st_size == 0:
            raise DrafterError("LibreOffice could not convert it to .docx (a damaged or mislabelled file?)",
                               file=str(path), fix="open it and save it as .docx")
        yield out


def _run(program: str, source: Path, folder: Path, time_limit: float, name: str) -> None:
    command = [program, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", "docx", "--outdir", str(folder / "out"), str(source)]
    try:
        proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise DrafterError(f"cannot start LibreOffice: {exc.strerror}", file=name,
                           fix="reinstall it, or save the file as .docx") from None
    try:
        proc.wait(timeout=time_limit)
    except subprocess.TimeoutExpired:
        _stop(proc)
        raise DrafterError(f"LibreOffice did not convert it within {time_limit:.0f} s", file=name,
                           fix="open it and save it as .docx") from None
    except BaseException:
        _stop(proc)
        raise


def _stop(proc: subprocess.Popen) -> None:
    """End the converter and any helper it started (it runs in a session of its own)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except OSError:
        pass
    proc.wait()
