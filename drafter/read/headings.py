"""One line's numbering marker and run-in heading (a Chinese numeral with its comma, a Roman
numeral, "Second,", a bracketed Chinese or Arabic number, "1.") with the title and the body that
follows on the same line. The markers come from the language profile; the outline reader decides
the levels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lines import Line
from .normalize import as_written, fold, nfkc, strip_pinyin
from .profile import LanguageProfile

@dataclass(eq=False)
class Item:
    text: str  # original text, quoted back to the user
    fold: str  # normalised, case kept
    key: str  # normalised, lower case
    no: int
    hint: int | None = None
    # classify() runs on each line several times (joining, lookahead, reading): computed once.
    _candidate: tuple = field(default=(), repr=False)
    _display: str | None = field(default=None, repr=False)

    @classmethod
    def of(cls, line: Line) -> "Item":
        folded = fold(line.text)
        return cls(line.text, folded, folded.lower(), line.no, line.hint)

    @classmethod
    def joined(cls, items: list["Item"], sep: str) -> "Item":
        """One item of several lines, numbered and hinted as the first."""
        if len(items) == 1:
            return items[0]
        return cls(sep.join(i.text for i in items), sep.join(i.fold for i in items),
                   sep.join(i.key for i in items), items[0].no, items[0].hint)

    @property
    def display(self) -> str:
        """The original characters without scraper pinyin, full-width forms as written: for titles."""
        if self._display is None:
            self._display = " ".join(as_written(strip_pinyin(self.text)).split())
        return self._display


@dataclass
class Candidate:
    family: str
    number: int
    marker: str
    title: str
    body: str
    cn_paren: bool = False  # a bracketed Chinese numeral rather than (1): level 2 in Chinese

    @property
    def level_family(self) -> str:
        """The family that decides a fixed level: bracketed Chinese numerals apart."""
        return "paren_cn" if self.cn_paren else self.family


_PREPOSITIONS = {"of", "for", "in", "on", "towards", "at"}
_STOP = {"will", "is", "are", "to", "was", "has", "have", "should", "shall", "must"}


def heading_tail(text: str) -> str:
    """The object a split heading lost: 'of urban and rural construction' from
    'of urban and rural construction will accelerate ...'; '' when the line is not one."""
    words = text.split()
    if not words or words[0] not in _PREPOSITIONS:
        return ""
    tail = []
    for word in words[:9]:
        bare = word.strip(",.;:\"'")
        if tail and (bare in _STOP or bare.endswith("ly") or (bare.endswith("s") and bare not in ("us",)
                                                               and len(tail) >= 2 and bare.islower()
                                                               and bare.endswith(("es", "ts", "ds", "ns")))):
            break
        tail.append(word)
        if word.endswith((",", ".", ";")):
            break
    return " ".join(tail).rstrip(",.;")


def split_title(rest: str, profile: LanguageProfile) -> tuple[str, str]:
    """A run-in heading's title (its lead sentence) and the body that follows on the same line.
    When no sentence end comes early enough, the title is a short label and the body keeps the
    whole text, so nothing is ever lost."""
    rest = rest.strip()
    m = profile.title_sentence.match(rest)
    if m:
        return m.group(1).strip(), m.group(2).strip()
    limit = profile.title_max
    if len(rest) <= limit:
        return rest, ""
    if not profile.chinese:
        # A run-in heading that lost its full stop: the body starts at the next sentence subject.
        cut = re.search(r"\s(?=(We|The|This|It|All|Our|Nous|Le|La|Les) )", rest[:160])
        if cut:
            return rest[: cut.start()].strip(), rest[cut.start():].strip()
        head = rest[:limit].rsplit(",", 1)[0] if "," in rest[:limit] else rest[:limit].rsplit(" ", 1)[0]
        return head.strip(), rest
    return rest[:limit], rest


def classify(item: Item, profile: LanguageProfile) -> Candidate | None:
    """The numbering marker a line starts with, read in the profile's conventions."""
    if item._candidate and item._candidate[0] is profile:
        return item._candidate[1]
    found = _classify(item, profile)
    item._candidate = (profile, found)
    return found


def _classify(item: Item, profile: LanguageProfile) -> Candidate | None:
    numerals = profile.numerals
    for family, pattern in numerals.markers:
        m = pattern.match(item.fold)
        if not m:
            continue
        token, rest = m.group(1), m.group(2)
        number = numerals.value(token, family)
        # Decide on the normalised text, but quote the original characters (the same positions).
        shown = pattern.match(nfkc(item.display))
        title, body = split_title(item.display[shown.start(2):] if shown else rest, profile)
        marker = item.fold[: len(item.fold) - len(rest)].strip()
        original = strip_pinyin(item.text).lstrip()[: len(marker)]
        if nfkc(original) == marker:
            marker = original  # quote a full-width bracket as written, not its normalised form
        return Candidate(family, number, marker, title, body,
                         cn_paren=family == "paren" and numerals.is_chinese(token))
    return None
