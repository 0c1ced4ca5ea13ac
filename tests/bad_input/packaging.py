"""Files for the packaging cases: rule folders made from the rules the installed package ships."""

from __future__ import annotations

import shutil
from pathlib import Path

from drafter.resources import rules_dir


def builtin_rules(path: Path) -> None:
    """A copy of the built-in rules, as a user starting their own --rules folder makes it."""
    shutil.copytree(rules_dir(), path)


def builtin_rules_without_checks(path: Path) -> None:
    builtin_rules(path)
    (path / "checks.yaml").unlink()
