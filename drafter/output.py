"""Atomic, no-clobber file output.

The data goes to a temporary file beside the target. Without --force it is then hard-linked to the
final name, which fails if the name exists, so two runs racing for one name cannot both win. With
--force it is renamed over the old file. Only a regular file (or nothing) is ever replaced: a
symbolic link, a folder, a pipe or a device at the output path is refused.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import tempfile
from contextlib import contextmanager, nullcontext
from pathlib import Path

from .errors import DrafterError

_NOT_A_FILE = ((stat.S_ISDIR, "a folder"), (stat.S_ISLNK, "a symbolic link"), (stat.S_ISFIFO, "a named pipe"),
               (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
_FULL = {errno.ENOSPC: "disk full", errno.EDQUOT: "disk quota exceeded", errno.EFBIG: "file too large for the disk"}
_DENIED = {errno.EACCES, errno.EPERM, errno.EROFS}
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}
_HELD = {getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)}


class OutputExists(DrafterError):
    """The output file exists and --force was not given (a batch skips such a row)."""

    def __init__(self, target: Path) -> None:
        super().__init__("output exists", file=str(target), fix="pass --force to overwrite it")


def write_error(exc: OSError, target: Path) -> DrafterError:
    """An OSError met while writing `target`, as the one line a user reads."""
    code, reason = exc.errno, exc.strerror or str(exc)
    if code in _FULL:
        return DrafterError(f"{_FULL[code]} ({reason})", file=str(target), fix="free some space or write elsewhere")
    if code == errno.ENAMETOOLONG:
        return DrafterError("file name too long", file=str(target), fix="choose a shorter name")
    if code in _DENIED:
        return DrafterError(f"cannot write here: {reason}", file=str(target.parent),
                            fix="choose a folder you can write to")
    if code == errno.ENOENT:
        return DrafterError("output folder does not exist", file=str(target.parent), fix="create it first")
    if code == errno.ENOTDIR:
        return DrafterError("output folder is not a folder", file=str(target.parent), fix="choose a folder")
    return DrafterError(f"cannot write: {reason}", file=str(target))


def check_output(path: str | Path, force: bool = False) -> Path:
    """Refuse, before any work is done, an output path that must not or cannot be written."""
    target = Path(path)
    try:
        mode = os.lstat(target).st_mode
    except FileNotFoundError:
        if not target.parent.is_dir():
            raise write_error(FileNotFoundError(errno.ENOENT, "missing"), target) from None
        return target
    except OSError as exc:  # a name too long, a file where a folder should be, no access
        raise write_error(exc, target) from None
    for test, kind in _NOT_A_FILE:
        if test(mode):
            raise DrafterError(f"output is {kind}, not a regular file", file=str(target),
                               fix="choose another name: drafter writes and replaces regular files only")
    if not force:
        raise OutputExists(target)
    return target


def write_atomic(path: str | Path, data: bytes, *, force: bool = False, tag: str = "") -> Path:
    """Write `data` at `path` whole or not at all. `tag` goes into the temporary file's name so that
    whoever started the writes can find what an interruption left behind."""
    target = check_output(path, force)
    with _signals_held():
        try:
            # A short temporary name: a target name near the system's limit must still work.
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:40]}.{tag}", suffix=".part")
        except OSError as exc:
            raise write_error(exc, target) from None
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a draft is shared like any document
            _publish(tmp, target, force)
        except OSError as exc:
            raise write_error(exc, target) from None
        finally:
            Path(tmp).unlink(missing_ok=True)  # after a link, the temporary name; after a failure, the data
    return target


def _publish(tmp: str, target: Path, force: bool) -> None:
    if force:
        check_output(target, force=True)  # again: the path may have become a link since the first check
        os.replace(tmp, target)
        return
    try:
        os.link(tmp, target)  # atomic and exclusive: EEXIST if another run got there first
    except FileExistsError:
        raise OutputExists(target) from None
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        _reserve_then_replace(tmp, target)


def _reserve_then_replace(tmp: str, target: Path) -> None:
    """For file systems without hard links: claim the name exclusively, then rename over the claim."""
    try:
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise OutputExists(target) from None
    try:
        os.replace(tmp, target)
    except BaseException:
        target.unlink(missing_ok=True)  # our own empty claim, never someone else's file
        raise


@contextmanager
def _held():
    old = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)  # a signal that came meanwhile is delivered now


def _signals_held():
    """Ctrl-C or SIGTERM during a write takes effect once the file is whole or gone, never between."""
    return _held() if hasattr(signal, "pthread_sigmask") else nullcontext()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
