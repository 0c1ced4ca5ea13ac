"""Matching keys: the text a rule is matched against, never the text quoted back to the user.

Traditional -> simplified (OpenCC hk2s, the research note's choice for Guangdong sources), NFKC
(full-width forms, ％, （）), scraper pinyin after characters (點(diǎn) -> 點; upper-case
acronyms like (LNG) stay), spaces the PDF extraction put around numbers, lower case for Latin.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PINYIN = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüêńňǹḿ]+\)")
_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACE_IN_CJK = re.compile(r"(?<=[\u3400-\u9fff\d%])\s+(?=[\u3400-\u9fff\d%])")


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("hk2s")


def strip_pinyin(text: str) -> str:
    return _PINYIN.sub("", text)


def to_simplified(text: str) -> str:
    return _converter().convert(text) if _CJK.search(text) else text


def key(text: str) -> str:
    """The normalised form used for every match."""
    return fold(text).lower()


def fold(text: str) -> str:
    """key() without lower-casing: Roman numerals and sentence case still visible."""
    text = to_simplified(strip_pinyin(text))
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("“", '"').replace("”", '"').replace("’", "'").replace("‘", "'")
    text = _SPACE_IN_CJK.sub("", text)
    return " ".join(text.split())


def detect_language(texts: list[str]) -> str:
    """zh-Hans, zh-Hant, en or fr, from the characters and words of the text."""
    sample = "".join(texts)[:200_000]
    cjk = len(_CJK.findall(sample))
    latin = len(re.findall(r"[A-Za-z]", sample))
    if cjk > latin / 4:
        chars = "".join(_CJK.findall(strip_pinyin(sample)))[:20_000]
        changed = sum(a != b for a, b in zip(chars, to_simplified(chars)))
        return "zh-Hant" if changed > 0.02 * max(len(chars), 1) else "zh-Hans"
    words = re.findall(r"[a-zàâçéèêëîïôûùüÿœ']+", sample.lower())
    french = sum(w in {"le", "la", "les", "des", "du", "et", "une", "dans", "pour", "est"} for w in words)
    english = sum(w in {"the", "and", "of", "to", "in", "will", "for", "is", "with"} for w in words)
    return "fr" if french > english else "en"
