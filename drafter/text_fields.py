"""The text a parameters file may hold: bounded strings without control characters, whose error
names the character and where it is. Shared by the model (targets) and the parameters."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, Field, model_validator

# Han characters (CJK extension A and the unified block): what makes a text Chinese.
HAN = re.compile(r"[\u3400-\u9fff]")

# Control characters (C0, DEL, C1) and the Unicode line separators: they garble documents and
# terminals. Free text may keep tabs and line breaks (a YAML block scalar ends with one).
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
CONTROL_IN_TEXT = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def refuse(pattern: re.Pattern):
    def check(value: str) -> str:
        found = pattern.search(value)
        if found:
            one_line = " and write it on one line" if pattern is CONTROL else ""
            raise ValueError(f"control character U+{ord(found.group()):04X} at character {found.start() + 1} "
                             f"(remove it{one_line})")
        return value
    return check


def text(max_length: int, pattern: re.Pattern = CONTROL):
    """A string of at most max_length characters without control characters."""
    return Annotated[str, Field(min_length=1, max_length=max_length), AfterValidator(refuse(pattern))]


Id = text(100)  # indicator, action, task, section and industry ids
Short = text(50)  # a unit, a document number
Name = text(200)
FreeText = text(500, CONTROL_IN_TEXT)
Quote = text(2000, CONTROL_IN_TEXT)  # a whole sentence of a plan, as `drafter extract` found it


class EitherLanguage(BaseModel):
    """A text in Chinese and English, at least one of them. A plain string is the Chinese text if it
    has Chinese characters, else the English one. `what` names the text in the error."""

    what: ClassVar[str] = "text"

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"zh": value} if HAN.search(value) else {"en": value}
        return value

    @model_validator(mode="after")
    def _one_language(self):
        if not self.zh and not self.en:
            raise ValueError(f"give the {self.what} in zh or en")
        return self
