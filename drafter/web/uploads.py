"""Uploaded files, saved in a private folder that lives as long as the request.

An uploaded name is never used as a path: each file is saved as `upload-<n><suffix>`, the suffix
one of the accepted ones, and the name is kept only to be shown back in messages and reports.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path, PurePath

from .. import api
from ..loader import DATA_SUFFIXES
from .jobs import JobFailed

DRAFTS = tuple(api.READABLE)
PARAMS = DATA_SUFFIXES


def shown_name(raw: str | None) -> str:
    """The uploaded file's name as shown back: its last part, without control characters."""
    name = PurePath((raw or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable())[:120]
    return name or "upload"


class Uploads:
    """The files of one request in a private folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0

    def save(self, storage, accepted: tuple[str, ...]) -> tuple[str, str]:
        """(saved path, shown name) of one uploaded file; 415 when its type is not accepted."""
        name = shown_name(storage.filename)
        suffix = PurePath(name).suffix.lower()
        if suffix not in accepted:
            raise JobFailed(f"{name}: files of type '{suffix or 'none'}' are not accepted "
                            f"(upload {', '.join(accepted)})", 415)
        self.count += 1
        path = self.folder / f"upload-{self.count}{suffix}"
        storage.save(str(path))
        return str(path), name

    def save_json(self, data, name: str) -> tuple[str, str]:
        """A JSON request body, saved as a parameters file shown as `name`."""
        self.count += 1
        path = self.folder / f"upload-{self.count}.json"
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        return str(path), name


@contextmanager
def private_folder():
    """A folder only this process's user can read, removed with everything in it afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="drafter-web-"))
    try:
        yield Uploads(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
