"""Names for targets the indicator catalogue does not know: the words of the plan that name
them ("the installed capacity of pumped storage"), and an id made of those words. The verbs,
noise words, pronouns and links come from rules/quantities.yaml (`names`), compiled in the
finder's Grammar."""

from __future__ import annotations

import re
import unicodedata


def slug(words: str) -> str:
    # Ids stay ASCII for Latin scripts (énergie -> energie); Chinese wording keeps its characters.
    words = "".join(ch for ch in unicodedata.normalize("NFKD", words) if not unicodedata.combining(ch))
    words = re.sub(r"^(the|a|an|le|la|les|l')\s+", "", words.strip().lower())
    tokens = re.findall(r"[a-z]+|[\u4e00-\u9fff]+", words)
    stop = {"of", "the", "in", "and", "will", "be", "to", "by", "rate", "de", "la", "des", "du", "le", "les"}
    kept = [t for t in tokens if t not in stop][:6]
    return "custom_" + "_".join(kept) if kept else "custom_target"


def wording(before: str, after: str, grammar) -> str:
    """The words that name an unrecognised indicator: the subject before the verb; when that is a
    pronoun ("it will have a peak load response capacity of"), the words after the verb; when
    nothing names it before the number ("30 million square meters of green buildings will be
    added"), the words after the number."""
    trim = grammar.trim
    text = grammar.name_noise.sub(" ", before).strip(trim)
    parts = grammar.name_verbs.split(text, 1)
    subject = re.sub(r"^(to|and)\s+|\b(reach|achieve)$", "", parts[0].strip(trim)).strip()
    pronoun = grammar.pronoun is not None and grammar.pronoun.search(subject)
    if (not subject or pronoun) and len(parts) > 1:
        subject = re.sub(r"^(a|an|the|reach|achieve|have)\s+", "", parts[1].strip(trim))
        subject = re.sub(r"\s+(of|de|à)$", "", subject)
    if len(subject) < 3 and after:
        tail = grammar.link.sub("", after) if grammar.link else after
        subject = grammar.name_verbs.split(tail, 1)[0].strip(trim + grammar.ends)
    return " ".join(subject.split())
