"""Atomic, no-clobber file output: a temporary file in the target folder, then a rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import DrafterError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes, *, force: bool = False) -> Path:
    target = Path(path)
    if target.exists() and not force:
        raise DrafterError("output exists", file=str(target), fix="pass --force to overwrite it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise DrafterError("output folder does not exist", file=str(folder), fix="create it first")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise DrafterError(f"cannot write here: {exc.strerror}", file=str(folder)) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a draft is shared like any document
        os.replace(tmp, target)
    except BaseException:
        # Interrupted or failed: leave nothing half-written behind.
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
