"""A LanguageProfile: what the reader needs to know of a document's language, built from
rules/structure.yaml once per rules object and chosen once per document (instead of a `zh` flag
passed through every pass)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..structure_rules import NumberingRules, ReadingProfileRule
from .normalize import nfkc

BODY = 0  # a marker family read as body text, not as a heading

_ORDINALS = {w: i for i, w in enumerate(
    ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"], 1)}
_ORDINALS.update({w: i for i, w in enumerate(
    ["premièrement", "deuxièmement", "troisièmement", "quatrièmement", "cinquièmement", "sixièmement",
     "septièmement", "huitièmement"], 1)})


def _affixes(form: str) -> tuple[str, str]:
    """What a number form writes before and after its number, NFKC-folded as the reader sees it."""
    head, _, rest = form.partition("{")
    return nfkc(head).strip(), nfkc(rest.partition("}")[2]).strip()


def _chars(chars: str) -> str:
    """A character class of these characters (one each), or a pattern that never matches."""
    unique = "".join(dict.fromkeys(chars))
    return "[" + re.escape(unique) + "]" if unique else "(?!)"


@dataclass(frozen=True)
class Numerals:
    """Chinese numerals as the numbering rules spell them, and the marker patterns built on them."""

    digits: str  # 0 to 9
    ten: str
    markers: tuple[tuple[str, re.Pattern], ...]

    @classmethod
    def of(cls, numbering: NumberingRules) -> "Numerals":
        digits, ten = numbering.chinese_digits, numbering.chinese_ten
        cn = "[" + re.escape(digits[1:] + ten) + "]{1,3}"
        zh, en = numbering.forms["zh"], numbering.forms["en"]
        # What follows a number or encloses it, as the forms write it (matched on NFKC text). The
        # reader also takes "." after a Chinese numeral and the level-1 comma after an Arabic one.
        cn_sep = _chars(_affixes(zh[0])[1] + ".")
        rom_sep = _chars(_affixes(en[0])[1])
        ar_sep = _chars(_affixes(zh[2])[1] + _affixes(en[2])[1] + _affixes(zh[0])[1])
        opens = _chars("".join(_affixes(f)[0] for f in (zh[1], zh[3], en[1], en[3])))
        closes = _chars("".join(_affixes(f)[1] for f in (zh[1], zh[3], en[1], en[3])))
        markers = (
            ("cn1", re.compile(rf"^({cn})\s*{cn_sep}\s*(.*)$")),
            ("ord", re.compile(r"^(" + "|".join(_ORDINALS) + r")\s*[,:]\s*(.*)$", re.I)),
            ("rom1", re.compile(rf"^([IVX]{{1,5}})\s*{rom_sep}\s+(.*)$")),
            ("paren", re.compile(rf"^{opens}\s*({cn}|\d{{1,2}}|[IVX]{{1,5}})\s*{closes}\s*(.*)$")),
            ("ar", re.compile(rf"^(\d{{1,2}})\s*{ar_sep}(?!\d)\s*(.*)$")),
        )
        return cls(digits, ten, markers)

    def is_chinese(self, token: str) -> bool:
        return token[0] in self.digits or token[0] == self.ten

    def value(self, token: str, family: str) -> int:
        """The number a marker's token stands for: Arabic, Chinese, Roman or an ordinal word."""
        if family == "ord":
            return _ORDINALS[token.lower()]
        if token.isdigit():
            return int(token)
        if self.is_chinese(token):
            if token == self.ten:
                return 10
            tens, _, ones = token.partition(self.ten)
            if self.ten not in token:
                return self.digits.index(token)
            return (self.digits.index(tens) if tens else 1) * 10 + (self.digits.index(ones) if ones else 0)
        total, prev = 0, 0
        for ch in reversed(token.upper()):
            v = {"I": 1, "V": 5, "X": 10, "L": 50}[ch]
            total += -v if v < prev else v
            prev = max(prev, v)
        return total


@dataclass(frozen=True, eq=False)
class LanguageProfile:
    """One script's reading conventions (rules/structure.yaml `reading_profiles:`)."""

    chinese: bool  # Chinese script: lines join without a space, no letter case
    sentence_ends: tuple[str, ...]
    title_sentence: re.Pattern  # a run-in heading's lead sentence, then the body
    title_max: int
    levels: dict[str, int]  # marker family -> its fixed level, or BODY
    flat_arabic: bool
    lower_case_continues: bool
    numerals: Numerals = field(repr=False)

    @classmethod
    def of(cls, rule: ReadingProfileRule, numerals: Numerals, chinese: bool) -> "LanguageProfile":
        ends = "[" + re.escape(rule.title_ends) + "]"
        after = r"(?:\s+|$)" if rule.title_ends_need_space else r"\s*"
        sentence = re.compile(rf"^(.{{1,{rule.title_sentence_max}}}?){ends}{after}(.*)$")
        levels = {"cn1": 1, "ord": 1, "rom1": 1, "paren_cn": 2, "paren": BODY if rule.paren_arabic_is_body else 2}
        return cls(chinese, tuple(rule.sentence_ends), sentence, rule.title_max, levels, rule.flat_arabic,
                   rule.lower_case_continues, numerals)


def profiles(rules) -> dict[bool, LanguageProfile]:
    """Both profiles of a rules object, by `chinese`: built once, with the reader."""
    numerals = Numerals.of(rules.numbering)
    return {True: LanguageProfile.of(rules.reading_profiles.chinese, numerals, True),
            False: LanguageProfile.of(rules.reading_profiles.latin, numerals, False)}
