"""The parts of a .docx that say how its paragraphs look: styles.xml (heading levels, list
numbering per style) and numbering.xml (Word's automatic numbering), read with expat as callbacks
(no tree), and the number Word shows before each numbered paragraph, counted in document order.

Word counts one list per abstract numbering: paragraphs of two w:num that share it continue one
sequence, unless a w:num overrides a level's start (w:lvlOverride/w:startOverride), which restarts
that level where the w:num is first used. A level restarts when a higher level advances (unless its
w:lvlRestart says otherwise).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import DrafterError
from ..numbering import word_number
from ..structure_rules import NumberingRules

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main "  # expat's "<namespace> <name>"
_PPR, _STYLE, _NAME, _OUTLINE, _VAL = f"{_W}pPr", f"{_W}style", f"{_W}name", f"{_W}outlineLvl", f"{_W}val"
_STYLE_ID, _BASED_ON, _NUMPR = f"{_W}styleId", f"{_W}basedOn", f"{_W}numPr"
_NUM_ID, _ILVL, _PSTYLE = f"{_W}numId", f"{_W}ilvl", f"{_W}pStyle"
_ABSTRACT, _ABSTRACT_ID, _LVL, _NUM = f"{_W}abstractNum", f"{_W}abstractNumId", f"{_W}lvl", f"{_W}num"
_OVERRIDE, _START_OVERRIDE, _STYLE_LINK = f"{_W}lvlOverride", f"{_W}startOverride", f"{_W}numStyleLink"
_HEADING_STYLE = re.compile(r"(?i)^(heading|标题|titre)\s*(\d)$")
LEVELS = 9  # Word's list levels, w:ilvl 0..8
_TEXT_MAX = 64  # a w:lvlText longer than this is no number Word shows
_BASED_ON_MAX = 10  # style inheritance followed this deep (a loop of basedOn ends)
_RESTART_ANY = -1


def entities_error(name: str, file: str) -> DrafterError:
    return DrafterError(f"{name} declares XML entities (possible entity-expansion attack)", file=file,
                        fix="open and re-save the file in Word")


def outline_level(value: str | None) -> int | None:
    """w:outlineLvl 0..8 is heading level 1..9; a value that is not a small number is no level."""
    if value is None or len(value) > 2 or not (value.isascii() and value.isdigit()):
        return None
    return int(value) + 1


def small_int(value: str | None) -> int | None:
    """A count or level as XML writes it; anything else (too long, not digits) is none."""
    if value is None or len(value) > 9 or not (value.isascii() and value.isdigit()):
        return None
    return int(value)


def list_level(value: str | None) -> int | None:
    """A w:ilvl: 0..8, else none."""
    level = small_int(value)
    return level if level is not None and level < LEVELS else None


class _PartTarget:
    """What every part's parser target shares: the text between tags is not wanted, and a part
    that declares entities is refused."""

    part = ""

    def __init__(self, file: str) -> None:
        self.file = file

    def data(self, text: str) -> None:
        pass

    def doctype(self, *_) -> None:
        raise entities_error(self.part, self.file)


class Styles(_PartTarget):
    """Expat callbacks for styles.xml: style id -> heading level, from the style's name
    (Heading N in English, Chinese or French Word) or its outline level; the list numbering a
    style carries (w:numPr) and the style it is based on."""

    part = "word/styles.xml"

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.levels: dict[str, int] = {}
        self.numbering: dict[str, tuple[str | None, int | None]] = {}  # style -> (numId, ilvl)
        self.based_on: dict[str, str] = {}
        self._stack: list[str] = []
        self._id: str | None = None

    def start(self, tag: str, attrs: dict) -> None:
        stack, sid = self._stack, self._id
        if tag == _STYLE:
            self._id = attrs.get(_STYLE_ID)
        elif sid is not None and stack and stack[-1] == _STYLE:
            if tag == _NAME:
                m = _HEADING_STYLE.match(attrs.get(_VAL, ""))
                if m:
                    self.levels[sid] = int(m.group(2))
            elif tag == _BASED_ON and attrs.get(_VAL):
                self.based_on[sid] = attrs[_VAL]
        elif (sid is not None and tag == _OUTLINE and len(stack) > 1 and stack[-1] == _PPR
              and stack[-2] == _STYLE and sid not in self.levels):
            level = outline_level(attrs.get(_VAL))
            if level is not None:
                self.levels[sid] = level
        elif sid is not None and len(stack) > 2 and stack[-1] == _NUMPR and stack[-2] == _PPR and stack[-3] == _STYLE:
            num_id, ilvl = self.numbering.get(sid, (None, None))
            if tag == _NUM_ID:
                num_id = attrs.get(_VAL)
            elif tag == _ILVL:
                ilvl = list_level(attrs.get(_VAL))
            self.numbering[sid] = (num_id, ilvl)
        stack.append(tag)

    def end(self, tag: str) -> None:
        self._stack.pop()
        if tag == _STYLE:
            self._id = None


    def list_of(self, style: str | None) -> tuple[str | None, int | None]:
        """The (numId, ilvl) a style carries, itself or through the styles it is based on."""
        for _ in range(_BASED_ON_MAX):
            if style is None:
                break
            if style in self.numbering:
                return self.numbering[style]
            style = self.based_on.get(style)
        return None, None


@dataclass(slots=True)
class Level:
    start: int = 0  # OOXML: a level without w:start starts at zero
    fmt: str = "decimal"
    text: str = ""  # w:lvlText: "%1." shows this level's number, "%1.%2" the parent's too
    suffix: str = "tab"
    legal: bool = False  # w:isLgl: the higher levels' numbers are shown in Arabic digits
    restart: int = _RESTART_ANY  # w:lvlRestart: restart after this level (1-based); 0 never


class Numbering(_PartTarget):
    """Expat callbacks for numbering.xml: the levels of each abstract numbering, each w:num's
    abstract numbering and start overrides, and the style a level is linked to."""

    part = "word/numbering.xml"

    def __init__(self, file: str) -> None:
        super().__init__(file)
        self.abstract: dict[str, list[Level | None]] = {}
        self.nums: dict[str, tuple[str | None, dict[int, int]]] = {}
        self.style_levels: dict[str, int] = {}  # a level's w:pStyle -> its ilvl
        self.style_links: dict[str, str] = {}  # abstract numbering -> the list style that defines it
        self._stack: list[str] = []
        self._abstract: str | None = None
        self._level: Level | None = None
        self._ilvl = 0
        self._num: str | None = None
        self._override: int | None = None

    def start(self, tag: str, attrs: dict) -> None:
        parent = self._stack[-1] if self._stack else None
        if tag == _ABSTRACT:
            self._abstract = attrs.get(_ABSTRACT_ID)
            if self._abstract is not None:
                self.abstract[self._abstract] = [None] * LEVELS
        elif tag == _LVL and parent == _ABSTRACT and self._abstract is not None:
            ilvl = list_level(attrs.get(_ILVL))
            self._level = Level() if ilvl is not None else None
            if ilvl is not None:
                self.abstract[self._abstract][ilvl], self._ilvl = self._level, ilvl
        elif tag == _STYLE_LINK and parent == _ABSTRACT and self._abstract is not None and attrs.get(_VAL):
            self.style_links[self._abstract] = attrs[_VAL]
        elif parent == _LVL and self._level is not None:
            self._level_property(tag, attrs.get(_VAL), self._level)
        elif tag == _NUM:
            self._num = attrs.get(_NUM_ID)
            if self._num is not None:
                self.nums[self._num] = (None, {})
        elif parent == _NUM and self._num is not None and tag == _ABSTRACT_ID:
            self.nums[self._num] = (attrs.get(_VAL), self.nums[self._num][1])
        elif parent == _NUM and self._num is not None and tag == _OVERRIDE:
            self._override = list_level(attrs.get(_ILVL))
        elif parent == _OVERRIDE and tag == _START_OVERRIDE and self._override is not None and self._num is not None:
            start = small_int(attrs.get(_VAL))
            if start is not None:
                self.nums[self._num][1][self._override] = start
        self._stack.append(tag)

    def _level_property(self, tag: str, value: str | None, level: Level) -> None:
        name = tag[len(_W):] if tag.startswith(_W) else ""
        if name == "start" and small_int(value) is not None:
            level.start = small_int(value)
        elif name == "numFmt" and value:
            level.fmt = value
        elif name == "lvlText" and value is not None and len(value) <= _TEXT_MAX:
            level.text = value
        elif name == "suff" and value:
            level.suffix = value
        elif name == "isLgl":
            level.legal = value not in ("0", "false", "off")
        elif name == "lvlRestart" and small_int(value) is not None:
            level.restart = small_int(value)
        elif name == "pStyle" and value:
            self.style_levels[value] = self._ilvl

    def end(self, tag: str) -> None:
        self._stack.pop()
        if tag == _ABSTRACT:
            self._abstract = None
        elif tag == _LVL:
            self._level = None
        elif tag == _NUM:
            self._num = None
        elif tag == _OVERRIDE:
            self._override = None



class ListNumbers:
    """The number Word shows before each numbered paragraph, asked for in document order."""

    def __init__(self, numbering: Numbering, styles: Styles, rules: NumberingRules | None) -> None:
        self._defs, self._styles, self._rules = numbering, styles, rules
        self._counts: dict[str, list[int | None]] = {}
        self._used: set[str] = set()  # w:num already met: their start overrides are spent

    def prefix(self, num_id: str | None, ilvl: int | None, style: str | None) -> str:
        """The paragraph's number with what Word puts after it ('' when it has none). A paragraph's
        own w:numPr wins over its style's; numId 0 takes a style's numbering away."""
        style_num, style_ilvl = self._styles.list_of(style) if style else (None, None)
        num_id = num_id if num_id is not None else style_num
        if num_id is None or num_id == "0":
            return ""
        if ilvl is None:
            ilvl = style_ilvl if style_ilvl is not None else self._defs.style_levels.get(style or "", 0)
        abstract_id, overrides = self._defs.nums.get(num_id, (None, {}))
        abstract_id = self._linked(abstract_id)
        levels = self._defs.abstract.get(abstract_id or "")
        if levels is None or levels[ilvl] is None:
            return ""
        counts = self._count(abstract_id, levels, num_id, overrides, ilvl)
        level = levels[ilvl]
        if level.fmt == "bullet":
            return ""  # a bullet's glyph is no number
        text = self._text(level, levels, counts, overrides, ilvl)
        if not text or level.suffix == "nothing":
            return text
        # Word puts a tab or a space after the number; a full-width sign already spaces a Chinese number.
        return text if not text[-1].isascii() else text + " "

    def _linked(self, abstract_id: str | None) -> str | None:
        """A list that uses a list style (w:numStyleLink) counts with the numbering that style names."""
        style = self._defs.style_links.get(abstract_id or "")
        if style is None:
            return abstract_id
        linked, _ = self._defs.nums.get(self._styles.list_of(style)[0] or "", (None, {}))
        return linked if linked is not None and linked not in self._defs.style_links else abstract_id

    def _count(self, abstract_id: str, levels: list, num_id: str, overrides: dict[int, int],
               ilvl: int) -> list[int | None]:
        counts = self._counts.setdefault(abstract_id, [None] * LEVELS)
        if num_id not in self._used:
            self._used.add(num_id)
            for overridden in overrides:
                counts[overridden] = None
        start = overrides.get(ilvl, levels[ilvl].start)
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1
        for deeper in range(ilvl + 1, LEVELS):
            below = levels[deeper]
            if below is None or below.restart == _RESTART_ANY or ilvl < below.restart:
                counts[deeper] = None
        return counts

    def _text(self, level: Level, levels: list, counts: list, overrides: dict[int, int], ilvl: int) -> str:
        """w:lvlText with each %k replaced by level k's number, in that level's format."""
        out, text, i = [], level.text, 0
        while i < len(text):
            k = text[i + 1: i + 2]
            if text[i] == "%" and k.isascii() and k.isdigit() and 1 <= int(k) <= LEVELS:
                shown = levels[int(k) - 1] or Level()
                n = counts[int(k) - 1]
                n = overrides.get(int(k) - 1, shown.start) if n is None else n
                fmt = "decimal" if level.legal and int(k) - 1 < ilvl else shown.fmt
                out.append("" if fmt == "none" else word_number(fmt, n, self._rules))
                i += 2
            else:
                out.append(text[i])
                i += 1
        return "".join(out)
