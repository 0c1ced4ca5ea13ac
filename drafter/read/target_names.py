"""Names for targets the indicator catalogue does not know: the words of the plan that name
them ("the installed capacity of pumped storage"), and an id made of those words."""

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


_VERB = re.compile(r"\s(?:will|should|shall|is|are|has|have)\s|达到|达|下降|提高到|提高|控制在|保持在|保持|降低|超过|提升|"
                   r"稳定在|分别|atteindra|sera|seront|augmentera|diminuera")
_NOISE = re.compile(r"到20\d\d年(底|末)?|by (the end of )?20\d\d|d'ici (à )?(la fin de )?20\d\d|比20\d\d年|力争|"
                    r"compared (to|with) 20\d\d|strive to|we aim to|basically|基本|^(and|with|et|avec)\s+")
_PRONOUN = re.compile(r"^(it|we|they|there|this|the city|the county|nous|il|elle|全市|全县|全省|全区)$")


def wording(before: str, after: str = "") -> str:
    """The words that name an unrecognised indicator: the subject before the verb; when that is a
    pronoun ("it will have a peak load response capacity of"), the words after the verb; when
    nothing names it before the number ("30 million square meters of green buildings will be
    added"), the words after the number."""
    text = _NOISE.sub(" ", before).strip(" ,，的")
    parts = _VERB.split(text, maxsplit=1)
    subject = re.sub(r"^(to|and)\s+|\b(reach|achieve)$", "", parts[0].strip(" ,，的")).strip()
    if (not subject or _PRONOUN.match(subject)) and len(parts) > 1:
        subject = re.sub(r"^(a|an|the|reach|achieve|have)\s+", "", parts[1].strip(" ,，的"))
        subject = re.sub(r"\s+(of|de|à)$", "", subject)
    if len(subject) < 3 and after:
        tail = re.sub(r"^\s*(of|de|d'|的)\s*", "", after)
        subject = _VERB.split(tail, maxsplit=1)[0].strip(" ,，.。的")
    return " ".join(subject.split())
