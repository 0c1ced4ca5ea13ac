"""Locate the built-in rules and templates.

The source tree keeps them in top-level rules/ and templates/ (the design card's layout); a wheel
installs them as drafter/_rules and drafter/_templates (see pyproject.toml), so both are tried.
"""

from __future__ import annotations

from pathlib import Path

_PKG = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PKG / f"_{name}", _PKG.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"drafter's built-in {name}/ folder is missing; reinstall the package")


def rules_dir() -> Path:
    return _data_dir("rules")


def templates_dir() -> Path:
    return _data_dir("templates")
