"""Matching keys: the text a rule is matched against, never the text quoted back to the user.

Traditional -> simplified (OpenCC hk2s, the research note's choice for Guangdong sources), NFKC
(full-width forms: percent sign, brackets), scraper pinyin after characters (a character followed
by "(diǎn)" loses the bracket; upper-case acronyms like (LNG) stay), spaces the PDF extraction put
around numbers, lower case for Latin.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..text_fields import HAN
from .hk2s_chars import HK2S_CHARACTERS

_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+\)")
_SPACE_IN_CJK = re.compile(r"(?<=[\u3400-\u9fff\d%])\s+(?=[\u3400-\u9fff\d%])")
_SPACE_IN_DIGITS = re.compile(r"(?<=[0-9%])[\t-\r\x1c-\x1f ]+(?=[0-9%])")  # the same for ASCII text, faster
# What hk2s may change (see hk2s_chars), and anything beyond the BMP.
_MAY_CHANGE = re.compile("[" + re.escape(HK2S_CHARACTERS) + "\U00010000-\U0010ffff]")
# Full-width ASCII forms and the ideographic space: most of what NFKC changes in Chinese text;
# the most frequent are replaced with str.replace, the fastest way.
_COMMON = re.compile("[\uff01-\uff5e\u3000]")
_COMMON_TO = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
# comma, colon, semicolon, brackets, exclamation and question marks, percent, ideographic space
_FREQUENT = [(ch, _COMMON_TO[ch]) for ch in "\uff0c\uff1a\uff1b\uff08\uff09\uff01\uff1f\uff05\u3000"]


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("hk2s")


def strip_pinyin(text: str) -> str:
    return _PINYIN.sub("", text) if "(" in text else text


def to_simplified(text: str) -> str:
    return _converter().convert(text) if _MAY_CHANGE.search(text) else text


def simplified(text: str) -> str:
    """Chinese text as a parameters file gives it: no scraper pinyin, simplified characters, trimmed."""
    return to_simplified(strip_pinyin(text)).strip()


def key(text: str) -> str:
    """The normalised form used for every match."""
    return fold(text).lower()


def nfkc(text: str) -> str:
    """unicodedata.normalize("NFKC", text) in a fraction of the time for Chinese text: the common
    full-width forms are mapped one by one, and the full normalisation runs only when something
    else is left (each character's compatibility mapping is its NFKC, so the result is the same)."""
    if text.isascii():
        return text
    for full, ascii_form in _FREQUENT:
        if full in text:
            text = text.replace(full, ascii_form)
    if _COMMON.search(text):
        text = _COMMON.sub(lambda m: _COMMON_TO[m.group()], text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


_FULL_WIDTH_RUNS = re.compile("([\uff01-\uff5e]+)")


def as_written(text: str) -> str:
    """Text to quote back (a title): NFKC for what PDF extraction garbles (radicals for characters,
    ligatures), but full-width punctuation, brackets and digits kept as the plan writes them. Each
    full-width form is one ASCII character in NFKC, so positions in nfkc(as_written(t)) are its own."""
    if text.isascii():
        return text
    parts = _FULL_WIDTH_RUNS.split(text)
    return "".join(part if i % 2 else nfkc(part) for i, part in enumerate(parts))


def fold(text: str) -> str:
    """key() without lower-casing: Roman numerals and sentence case still visible."""
    text = nfkc(to_simplified(strip_pinyin(text)))
    if not text.isascii():
        text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    if " " in text or not text.isprintable():  # any whitespace but the plain space is unprintable
        text = (_SPACE_IN_DIGITS if text.isascii() else _SPACE_IN_CJK).sub("", text)
        if "  " in text or text[:1] == " " or text[-1:] == " " or not text.isprintable():
            text = " ".join(text.split())
    return text


def detect_language(texts: list[str]) -> str:
    """zh-Hans, zh-Hant, en or fr, from the characters and words of the text."""
    sample = "".join(texts)[:200_000]
    cjk = len(HAN.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    if cjk > latin / 4:
        chars = "".join(HAN.findall(strip_pinyin(sample)))[:20_000]
        changed = sum(a != b for a, b in zip(chars, to_simplified(chars)))
        return "zh-Hant" if changed > 0.02 * max(len(chars), 1) else "zh-Hans"
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", sample.lower())
    french = sum(w in {"le", "la", "les", "des", "du", "et", "une", "dans", "pour", "est"} for w in words)
    english = sum(w in {"the", "and", "of", "to", "in", "will", "for", "is", "with"} for w in words)
    return "fr" if french > english else "en"
