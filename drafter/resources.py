"""Locate the built-in rules and templates, shipped inside the package.

The design card keeps rules/, templates/ and samples/ at the checkout's top level; drafter/_rules,
drafter/_templates and drafter/_samples link to them, so the build installs them as package data and the same
`importlib.resources` look-up serves a checkout and an installed package.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def _data_dir(name: str) -> Path:
    folder = Path(str(files("drafter") / f"_{name}"))
    if not folder.is_dir():
        raise FileNotFoundError(f"drafter's built-in {name}/ folder is missing; reinstall the package")
    return folder


def rules_dir() -> Path:
    return _data_dir("rules")


def templates_dir() -> Path:
    return _data_dir("templates")


def samples_dir() -> Path:
    """The sample parameters files (samples/ in a checkout), offered by the web page."""
    return _data_dir("samples")
