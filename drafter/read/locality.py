"""The locality a plan is for: its name, level and province, read from the plan's title and from
its issuer (named in the notice's title before the words that issue the plan, else the notice's
authority), and written in the plan's own language.

The province comes from the locality or its issuer when they name one; only a plan whose title and
issuer name none (a city plan issued by the city) falls back to the first province its text names.
"""

from __future__ import annotations

import re

from ..model import Document
from ..patterns import pattern_set
from ..rule_schema import Province
from ..rules import Rules
from ..text_fields import HAN
from .normalize import strip_pinyin, to_simplified

_TITLE_QUOTES = "\u300a\u300b "  # book-title marks around a name, and spaces


def _zh(text: str) -> str:
    return " ".join(to_simplified(strip_pinyin(text)).split())


def issuer_of(doc: Document, rules: Rules) -> str:
    """Who issues the plan: the notice title's issuer (reading.yaml `issuer`), else the notice's
    authority; '' without a notice."""
    if not doc.notice:
        return ""
    m = pattern_set(tuple(rules.reading.issuer), capture=True).search(_zh(doc.notice.title))
    if m and m.groupdict().get("issuer"):
        return m.group("issuer").strip()
    return _zh(doc.notice.authority)


def _reads_level(name: str, rules: Rules) -> str | None:
    """The level a name's own words give (Dezhou City, or its Chinese suffix), None when they give none."""
    for level, rule in rules.wording.levels.items():
        if pattern_set(tuple(rule.reads)).search(name):
            return level
    return None


def _province_of_name(name: str, rules: Rules) -> Province | None:
    """The province, autonomous region or municipality a name is (Beijing, Guangdong Province, or in Chinese)."""
    word = rules.wording.levels["province"].suffix.en.lower()
    plain = name.strip().lower()
    return next((p for p in rules.reading.provinces
                 if plain in (p.zh, p.en.lower(), f"{p.en.lower()} {word}")), None)


def _first_province(text: str, rules: Rules) -> Province | None:
    """The province named first in a text, by its full or short Chinese name or its English name."""
    levels = rules.wording.levels
    ends = levels["province"].suffix.zh + levels["city"].suffix.zh
    lowered = text.lower()  # once: the text may be megabytes long
    best = None
    for prov in rules.reading.provinces:
        for form in (prov.zh, prov.zh.rstrip(ends), prov.en):
            i = text.find(form) if HAN.search(form) else lowered.find(form.lower())
            if i >= 0 and (best is None or i < best[0]):
                best = (i, prov)
    return best[1] if best else None


def _from_title(doc: Document, rules: Rules) -> str | None:
    """The locality the title names (wording.yaml `title_locality`). A Chinese name must read as a
    place (a level's ending, or a province): "the urban and rural construction sector" names none,
    and in "<province> developing green finance to support ..." the place is the province the words
    start with."""
    title = strip_pinyin(doc.title or "").strip()
    words = rules.wording
    m = pattern_set(tuple(words.title_locality), capture=True).search(title)
    if not m:
        return None
    name, level_word = m.group("name"), m.groupdict().get("level")
    if level_word:
        return f"{name} {words.levels[words.level_of(level_word)].suffix.en}"
    if name.isascii():
        return name.strip()
    name = _zh(name).strip(_TITLE_QUOTES)
    level = _reads_level(name, rules)
    if (level and not words.levels[level].name) or _province_of_name(name, rules):
        return name
    prov = next((p for p in rules.reading.provinces if name.startswith(p.zh)), None)
    return prov.zh if prov else (name if level else None)  # a province's sector plan is the province's


def _from_issuer(issuer: str, rules: Rules) -> str | None:
    """Deqing County from People's Government of Deqing County (and its general office), by the
    authority forms of wording.yaml in both languages."""
    reads = rules.wording.authority.reads
    m = pattern_set(tuple(reads.zh), capture=True).search(issuer) or \
        pattern_set(tuple(reads.en), capture=True).search(issuer)
    return m.group(1).strip() if m else None


def _with_level_word(name: str | None, raw: str, rules: Rules) -> str | None:
    """'Dezhou' -> 'Dezhou City' when the text calls it "Dezhou Municipal People's Government"."""
    words = rules.wording.level_words_en()
    suffixes = "|".join(re.escape(w.lower()) for w in dict.fromkeys(words.values()))
    if not name or HAN.search(name) or re.search(rf"\b({suffixes})$", name, re.I):
        return name
    m = re.search(re.escape(name) + r"\s+(" + "|".join(map(re.escape, words)) + ")", raw)
    if m:
        return f"{name} {words[m.group(1)]}"
    return name


def _written(prov: Province, zh: bool, rules: Rules) -> str:
    """A province as the plan's language writes it: its Chinese name; Guangdong Province, Beijing, Guangxi."""
    if zh:
        return prov.zh
    suffix = rules.wording.levels["province"].suffix
    return f"{prov.en} {suffix.en}" if prov.zh.endswith(suffix.zh) else prov.en


def locality_of(doc: Document, raw: str, rules: Rules) -> tuple[str | None, str, str | None]:
    """(name, level, province) of the plan; None where nothing says."""
    zh, words = doc.language.startswith("zh"), rules.wording
    issuer = issuer_of(doc, rules)
    for level, rule in words.levels.items():
        if rule.name and issuer and pattern_set(tuple(rule.issuers)).search(issuer):
            name = rule.name.zh if zh else rule.name.en
            return name, level, name  # the country is its own superior
    name = _with_level_word(_from_title(doc, rules) or _from_issuer(issuer, rules), raw, rules)
    own = _province_of_name(name, rules) if name else None
    level = "province" if own else words.level_of(name)
    country = words.levels[level].name
    if country:
        name = country.zh if zh else country.en
    if (level == "province" or country) and name:
        return name, level, name
    prov = _first_province(_zh(issuer), rules) or _first_province(_zh(doc.title or ""), rules) \
        or _first_province(_zh(raw), rules)
    return name, level, _written(prov, zh, rules) if prov else None
