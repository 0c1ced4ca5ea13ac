"""Heading numbers by language: 一、（一）1.（1） in Chinese; I. (1) 1. (a) in English."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1..99 as Chinese numerals (十, 十一, 二十, 二十一)."""
    if not 0 < n < 100:
        raise ValueError(f"heading number out of range: {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def roman(n: int) -> str:
    out = []
    for value, glyph in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(glyph)
            n -= value
    return "".join(out)


def number_text(language: str, level: int, n: int) -> str:
    """The printed number of the n-th heading at `level` (1-based), including its punctuation."""
    if language.startswith("zh"):
        return {1: f"{chinese_numeral(n)}、", 2: f"（{chinese_numeral(n)}）", 3: f"{n}.", 4: f"（{n}）"}[level]
    return {1: f"{roman(n)}. ", 2: f"({n}) ", 3: f"{n}. ", 4: f"({chr(ord('a') + n - 1)}) "}[level]
