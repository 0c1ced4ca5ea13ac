"""The settings every command shares, built once and passed to drafter.api.

Each field carries its help text, from which the command line declares its options; what follows
from the fields (the rules with the user's indicators, the compiled templates) is derived once, on
first use, and kept with the settings.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path

from .limits import DOCUMENT_MAX_BYTES as DEFAULT_MAX_BYTES


def _help(text: str, **extra) -> dict:
    return {"help": text, **extra}


@dataclass(frozen=True)
class Settings:
    """Where the rules, the user's indicators and templates are, how large a file may be read, and
    the language: of the plan when generating, of the messages when checking."""

    rules_dir: Path | None = field(default=None, metadata=_help(
        "Folder of rules to use instead of the built-in ones."))
    targets_file: Path | None = field(default=None, metadata=_help(
        "Your own indicators (a YAML file in the form of rules/indicators.yaml)."))
    templates_dir: Path | None = field(default=None, metadata=_help(
        "Folder of your own templates; files there override the built-in ones by name."))
    max_bytes: int = field(default=DEFAULT_MAX_BYTES, metadata=_help("Largest file to read, in bytes."))
    lang: str = field(default="zh", metadata=_help("Language of the plan (generating) or of the messages (checking)."))

    def __post_init__(self) -> None:
        for name in ("rules_dir", "targets_file", "templates_dir"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, Path):
                object.__setattr__(self, name, Path(value))  # frozen: the one place a field is normalised

    def __getstate__(self) -> dict:
        # A worker started afresh gets the fields only and derives the rest itself.
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    @cached_property
    def rules(self):
        """The rules, with the user's indicators when a targets file is given."""
        from .rules import load_indicator_file, load_rules

        rules = load_rules(self.rules_dir)
        if self.targets_file:
            rules = rules.with_indicators(load_indicator_file(self.targets_file))
        return rules

    def templates(self, lang: str | None = None):
        """The templates of a language, compiled once per process (drafter.generate.templating)."""
        from .generate.templating import templates_for

        return templates_for(lang or self.lang, self.templates_dir)

    def with_lang(self, lang: str) -> "Settings":
        """The same settings in another language, sharing the rules already loaded."""
        other = Settings(self.rules_dir, self.targets_file, self.templates_dir, self.max_bytes, lang)
        if "rules" in self.__dict__:
            other.__dict__["rules"] = self.rules  # derived state of identical inputs
        return other

    @classmethod
    def with_rules(cls, rules, **values) -> "Settings":
        """Settings around rules already loaded (a library caller holding a Rules object)."""
        settings = cls(**values)
        settings.__dict__["rules"] = rules
        return settings


def field_help(name: str) -> str:
    return next(f.metadata["help"] for f in fields(Settings) if f.name == name)
