"""Heading numbers by language and level, as rules/structure.yaml `numbering:` spells them (Chinese
numerals and full-width brackets in Chinese; Roman, bracketed Arabic, Arabic and letters in English).
The reader's marker patterns come from the same block (drafter/read/headings.py)."""

from __future__ import annotations

from .structure_rules import NumberingRules


def _default() -> NumberingRules:
    from .rules import load_rules  # the built-in rules: the composer's call names no rules folder

    return load_rules().numbering


def chinese_numeral(n: int, numbering: NumberingRules | None = None) -> str:
    """1..99 as Chinese numerals (ten, ten-one, two-ten, two-ten-one: the plans' forms)."""
    if not 0 < n < 100:
        raise ValueError(f"heading number out of range: {n}")
    rules = numbering or _default()
    digits, ten = rules.chinese_digits, rules.chinese_ten
    tens, ones = divmod(n, 10)
    if tens == 0:
        return digits[ones]
    head = ten if tens == 1 else digits[tens] + ten
    return head + (digits[ones] if ones else "")


def roman(n: int) -> str:
    out = []
    for value, glyph in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                         (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(glyph)
            n -= value
    return "".join(out)


def number_text(language: str, level: int, n: int, numbering: NumberingRules | None = None) -> str:
    """The printed number of the n-th heading at `level` (1-based), including its punctuation."""
    rules = numbering or _default()
    form = rules.forms["zh" if language.startswith("zh") else "en"][level - 1]
    values = {"n": n}
    for name, make in (("cn", lambda: chinese_numeral(n, rules)), ("roman", lambda: roman(n)),
                       ("letter", lambda: chr(ord("a") + n - 1))):
        if "{" + name + "}" in form:
            values[name] = make()
    return form.format(**values)


_CIRCLED, _PAREN_DIGIT, _DIGIT_STOP = 0x2460, 0x2474, 0x2488  # 1 in circle, (1) and 1. as one glyph
_FULL_WIDTH_ZERO = 0xFF10
_WORD_MAX = 9999  # beyond this a number is shown in Arabic digits (no runaway Roman numerals or letters)


def word_number(fmt: str, n: int, numbering: NumberingRules | None = None) -> str:
    """The n-th number in one of Word's numbering formats (w:numFmt), the Chinese ones spelled by the
    rules; a format this does not know, or a number out of its range, is written in Arabic digits."""
    rules = numbering or _default()
    if not 0 < n <= _WORD_MAX:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return chinese_numeral(n, rules) if n < 100 else str(n)
    if fmt == "ideographDigital":
        return "".join(rules.chinese_digits[int(d)] for d in str(n))
    if fmt == "ideographTraditional" and rules.ideograph_traditional and n <= 10:
        return rules.ideograph_traditional[n - 1]
    if fmt in ("upperRoman", "lowerRoman"):
        return roman(n) if fmt == "upperRoman" else roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):  # Word goes on a, ..., z, aa, bb, ...
        letter = chr(ord("A" if fmt == "upperLetter" else "a") + (n - 1) % 26)
        return letter * ((n - 1) // 26 + 1) if n <= 260 else str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return "".join(chr(_FULL_WIDTH_ZERO + int(d)) for d in str(n))
    for name, first in (("decimalEnclosedCircle", _CIRCLED), ("decimalEnclosedCircleChinese", _CIRCLED),
                        ("decimalEnclosedParen", _PAREN_DIGIT), ("decimalEnclosedFullstop", _DIGIT_STOP)):
        if fmt == name:
            return chr(first + n - 1) if n <= 20 else str(n)
    return str(n)
