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
