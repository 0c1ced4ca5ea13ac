"""The level of a numbered line, as a pure function of its marker, the open sections and what
lies ahead (shared/spec/common-structure.md section 7).

Levels come from the sequence, not the glyph alone: a Chinese numeral with its comma, a Roman
numeral or "Second," is level 1; a bracketed ordinal is level 2; an Arabic "N." is a task unless
it continues the level-1 sequence with a top-level title, starts a section's first children, or
is followed by a restart at "1." (then it is an action).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from .lines import BODY_ROW
from .profile import BODY, LanguageProfile


@dataclass(frozen=True)
class Marker:
    """What the level decision needs of a numbered line."""

    family: str  # cn1, ord, rom1, paren, paren_cn, ar
    number: int
    hint: int | None = None  # the level the file declares (heading style, outline level, Markdown #)
    has_body: bool = False  # text follows the title on the same line
    title_length: int = 0


@dataclass(frozen=True)
class OpenSummary:
    """The open sections, as the level decision sees them."""

    has_top: bool = False
    top_holds_actions: bool = False  # the open top-level section's children are actions
    has_second: bool = False
    second_has_children: bool = False
    top_number: int = 0  # the last number seen at each level
    second_number: int = 0
    second_family: str | None = None
    third_number: int | None = None


class Lookahead(Protocol):
    """Facts about the line and what follows it, costly, so asked only when they decide."""

    def top_title(self) -> bool: ...  # the title names a top-level section

    def next_arabic(self) -> int | None: ...  # the number of the next numbered line, if Arabic


@dataclass(frozen=True)
class Facts:
    """Fixed lookahead facts (tests, and callers that know them already)."""

    is_top_title: bool = False
    next_number: int | None = None

    def top_title(self) -> bool:
        return self.is_top_title

    def next_arabic(self) -> int | None:
        return self.next_number


def resolve_level(m: Marker, at: OpenSummary, ahead: Lookahead, profile: LanguageProfile) -> int | None:
    """1, 2 or 3 (a task, placed under the innermost open section), or None: body text."""
    fixed = profile.levels.get(m.family)
    if fixed == BODY:
        return None
    if m.hint == BODY_ROW:
        return None
    if m.hint in (1, 2, 3) and not (m.hint > 1 and not at.has_top):
        return m.hint
    if fixed:
        return fixed
    arabic = m.family == "ar"
    if arabic and m.number == at.top_number + 1 and not m.has_body and m.title_length <= 60 \
            and ahead.top_title():
        return 1
    if not at.has_top:
        return 3
    if profile.flat_arabic:
        return 3 if at.has_second else 2
    if at.top_holds_actions and arabic and ahead.next_arabic() == 1:
        return 2  # followed by a restart at 1.: an action heading
    if not at.has_second:
        return 2
    if (at.third_number is not None and m.number == at.third_number + 1) or m.number == 1:
        return 3
    if (at.second_family == "ar" or (not at.second_has_children and at.third_number is None)) \
            and m.number == at.second_number + 1:
        return 2  # continues the section sequence ("(1) ..." then "2. ...", Guang'an)
    return 3
