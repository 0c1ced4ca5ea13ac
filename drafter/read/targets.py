"""Find the quantitative targets in a plan: 到2025年，单位地区生产总值能耗下降14% ->
energy_intensity_reduction, 14 %, exact, 2025.

Sentences with a year marker are split into clauses; each clause is matched to the indicator
whose recognition pattern hits longest (rules/indicators.yaml: explicit patterns plus the
catalogue names), and to its quantity, qualifier, strive flag and baseline. A clause with a
quantity but no known indicator becomes a target named by a slug of its wording. Not targets:
anything before the full text (the reader cuts the news lead), project specifications
(200 MW/400 MWh, 500 kV), and size thresholds ("units under 300000 kilowatts").
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..model import UNRECOGNIZED, Document, is_task
from ..patterns import PatternSet, escape, indicator_patterns
from .normalize import key, strip_pinyin
from ..rules import IndicatorRule, Rules
from .target_names import slug, wording

_YEAR = re.compile(r"到(20\d\d)年|(?:by|until|before)\s+(?:the\s+end\s+of\s+)?(20\d\d)\b|d'ici\s+(?:à\s+)?(?:la\s+fin\s+de\s+)?(20\d\d)")
_NUMBER = r"(\d{1,3}(?:,\d{3})+|\d+(?:[.,]\d+)?)"
_SCALE = {"万": 1e4, "亿": 1e8, "million": 1e6, "millions": 1e6, "billion": 1e9, "thousand": 1e3, "millions de": 1e6}
_UNITS = [  # (pattern, unit); the longest alternatives first
    (r"个百分点|percentage points?", "pp"),
    (r"%|％|percent|pour cent", "%"),
    (r"吨标准煤|tons? of standard coal|tonnes? of standard coal|tce", "tce"),
    (r"千瓦时|kwh", "kWh"),
    (r"千瓦|kilowatts?|kw\b", "kW"),
    (r"兆瓦|megawatts?|mw\b", "MW"),
    (r"吉瓦|gigawatts?|gw\b", "GW"),
    (r"立方米|cubic met(?:er|re)s?|m³|m3\b", "m3"),
    (r"平方米|square met(?:er|re)s?|m²|m2\b", "m2"),
    (r"公顷|hectares?", "ha"),
    (r"吨|tons?\b|tonnes?", "t"),
    (r"个充电桩|charging piles?|个", "piles"),
]
_QUANTITY = re.compile(
    _NUMBER + r"\s*(万|亿|millions? de|million|billion|thousand)?\s*(" + "|".join(p for p, _ in _UNITS) + ")", re.I)
# Qualifiers sit next to the number: before it (不低于, more than) or, in Chinese, after it (左右, 以上).
_BEFORE = [("at_least", r"(不低于|不少于|not less than|at least|no less than|au moins|pas moins de)\s*$"),
           ("at_most", r"(不高于|不超过|no more than|at most|within|au plus|pas plus de)\s*$"),
           ("more_than", r"(超过|more than|\bover|exceed(ing)?|\babove|plus de|dépass\w*)\s*$"),
           ("about", r"(约|\babout|around|approximately|roughly|environ)\s*$")]
_AFTER = [("about", r"^\s*左右"), ("more_than", r"^\s*(以上|or more|and above|et plus)"),
          ("at_most", r"^\s*(以内|以下|or less)")]
# The verbs and words between a qualifier and its number ("不低于达到 70%", "at least reach 70%").
_WORD_BEFORE = re.compile(r"(reach|达到|达|to|be|will|at|of|de|à|atteindra|sera|remain|maintained|稳定在|保持在|控制在|"
                          r"提高到|下降|降低|提高|by|lower|higher|reduced|the|a)\s*$")
_VERB_BEFORE = re.compile(r"(reach|达到|达|to|be|will|at|de|à|atteindra|sera|remain|maintained|stable|by|reduced)\s*$")
_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")
_BEFORE_RE = [(name, re.compile(pattern)) for name, pattern in _BEFORE]
_AFTER_RE = [(name, re.compile(pattern)) for name, pattern in _AFTER]
_ALL = re.compile(r"全部|全面|全覆盖|full coverage|fully|\ball\b|toutes?\b|\btous\b|entièrement|intégral")
_STRIVE = re.compile(r"力争|striv|aim to|s'efforc|efforcer|efforts? (will be made )?to")
_SUPERIOR = re.compile(r"下达|省定|市定|target(s)? set by|targets? (issued|set) by|provincial targets?|"
                       r"issued by the province|objectifs? fixés|fixés par")
_TREND = re.compile(r"稳步(提升|提高|增加)|持续(提升|提高)|steadily|increase steadily|régulièrement|"
                    r"de manière régulière|progressivement")
_BASELINE = re.compile(r"比(20\d\d)年|(?:compared (?:to|with)|than in|than|relative to|from|par rapport à)\s+(20\d\d)")
_PROJECT = re.compile(r"project|项目|工程|电站|power station|projet|centrale")
_BARE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d%]|\.\d)")
_THRESHOLD = re.compile(r"(under|below|less than|不足|以下的)\s*$")
_CLAUSES_ZH = re.compile(r"[，,；;]")
_CLAUSES_EN = re.compile(r",\s+|;\s+")
_AND = re.compile(r"\s+and\s+(?=(?:the\s+)?[\w\- ()']{0,80}?\b(?:will|should|shall|is|are)\b)"
                  r"|\s+and\s+(?=(?:increase|raise|reduce|achieve|reach|build|strive|keep)\b)"
                  r"|\s+et\s+(?=(?:la|le|les|l')\s?[\w\- ']{0,80}?\b(?:aura|auront|sera|seront|atteindra|augmentera|"
                  r"diminuera)\b)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_RANGE_END = re.compile(r"\s*[～~\-–]\s*" + _NUMBER)  # "30～40%": the upper end of a range
# Every target has a year (to 2025, by 2030), which needs a 2: the characters whose NFKC holds one.
# Text without any is not normalised for matching (tests/test_targets.py checks the list).
TWO_FORMS = "2²½₂⅔⅖②⑫⑳⑵⑿⒇⒉⒓⒛㉑㉒㉓㉔㉕㉖㉗㉘㉙㉜㊷㋁㋋㍚㍤㍬㍭㍮㍯㍰㍸㎟㎠㎡㎢㎨㎯㏡㏫㏳㏴㏵㏶㏷㏸㏹㏺㏻㏼２𝟐𝟚𝟤𝟮𝟸🄃🯲"
_TWO = re.compile("[" + TWO_FORMS + "]")
_MAX_CLAUSE = 1000  # characters: longer "clauses" are run-together text (a broken export), not targets
_SENTENCES = re.compile(r"(?<=[。；;])|(?<=\.)\s+(?=[A-Z\"'“(])")


@dataclass
class FoundTarget:
    indicator: str
    year: int
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    qualifier: str = "exact"
    strive: bool = False
    baseline_year: int | None = None
    superior: bool = False
    trend: bool = False
    section: str | None = None
    quote: str = ""
    wording: str = ""  # for an unrecognised indicator: the words that name it

    def as_dict(self) -> dict:
        out = {k: v for k, v in asdict(self).items() if k != "wording"}
        for flag in ("superior", "trend"):
            if not out[flag]:
                out.pop(flag)
        if out["value_max"] is None:
            out.pop("value_max")
        return out


def _number(text: str) -> float:
    if _THOUSANDS.fullmatch(text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


_UNIT_OF = [(re.compile(pattern, re.I), unit) for pattern, unit in _UNITS]


def _unit(token: str) -> str:
    token = token.lower()
    for pattern, unit in _UNIT_OF:
        if pattern.fullmatch(token):
            return unit
    return token


class TargetFinder:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        # One alternation per indicator (its patterns and its names), longest alternatives first,
        # run on RE2 (drafter.patterns) in one pass per clause: linear time whatever the patterns.
        self._named: list[IndicatorRule] = []
        alternations = []
        for ind in rules.indicators:
            if ind.kind == "year":
                continue
            pats = [p for lang in ("zh", "en", "fr") for p in getattr(ind.patterns, lang)]
            for name in (ind.name.zh, ind.name.en, ind.name.fr):
                if name:
                    pats.append(escape(key(re.sub(r"^(the|la|le|les|l')\s+", "", name.strip(), flags=re.I))))
            pats.sort(key=len, reverse=True)
            self._named.append(ind)
            alternations.append("|".join(f"(?:{p})" for p in pats))
        self._patterns = indicator_patterns(self._named, alternations)
        peak = rules.indicator("carbon_peak_year")
        self._peak = peak.patterns.all_with_groups if peak else PatternSet(())

    # -- one clause ---------------------------------------------------------------------------
    def _indicators(self, clause: str) -> list[tuple[IndicatorRule, int, int]]:
        """Indicators named in a clause, in order: the longest pattern hit wins where hits overlap."""
        hits = []
        for i in self._patterns.which(clause):
            for m in self._patterns.compiled[i].finditer(clause):
                hits.append((m.end() - m.start(), m.start(), m.end(), self._named[i]))
        chosen: list[tuple[IndicatorRule, int, int]] = []
        for _, start, end, ind in sorted(hits, key=lambda h: (-h[0], h[1])):
            if any(start < e and end > s_ for _, s_, e in chosen) or any(i.id == ind.id for i, _, _ in chosen):
                continue
            chosen.append((ind, start, end))
        return sorted(chosen, key=lambda c: c[1])

    def _quantities(self, clause: str) -> list[re.Match]:
        out = []
        for m in _QUANTITY.finditer(clause):
            before, after = clause[max(0, m.start() - 12): m.start()], clause[m.end(): m.end() + 2]
            if after.startswith("/") or before.endswith("/"):
                continue  # a specification such as 200 MW/400 MWh
            unit = _unit(m.group(3))
            if unit != "%" and _THRESHOLD.search(before[-12:]):
                continue  # a size threshold, not a target
            if m.group(1) in ("2025", "2030", "2035", "2020") and unit not in ("%",):
                continue
            out.append(m)
        return out

    def _qualifier(self, clause: str, m: re.Match | None) -> str:
        if m is not None:
            if _RANGE_END.match(clause, m.end()):
                return "range"
            raw_before = clause[max(0, m.start() - 40): m.start()].strip()
            before = _VERB_BEFORE.sub("", _WORD_BEFORE.sub("", raw_before).strip()).strip()
            after = clause[m.end(): m.end() + 10]
            for name, pattern in _AFTER_RE:
                if pattern.search(after):
                    return name
            for name, pattern in _BEFORE_RE:
                if pattern.search(raw_before) or pattern.search(before):
                    return name
        if _ALL.search(clause) and (m is None or abs(_number(m.group(1)) - 100) < 1e-9):
            return "all"
        return "exact"

    def _target(self, ind: IndicatorRule | None, clause: str, m: re.Match | None, year: int) -> FoundTarget | None:
        baseline = _BASELINE.search(clause)
        baseline_year = int(next(g for g in baseline.groups() if g)) if baseline else None
        strive = bool(_STRIVE.search(clause))
        if m is None:
            if ind is None:
                return None
            if _SUPERIOR.search(clause):
                return FoundTarget(ind.id, year, superior=True)
            if _TREND.search(clause):
                return FoundTarget(ind.id, year, trend=True)
            if _ALL.search(clause) and ind.unit == "%":
                return FoundTarget(ind.id, year, value=100.0, unit="%", qualifier="all", strive=strive)
            return None
        if m.re is _BARE:
            return FoundTarget(ind.id, year, value=float(m.group(1)), unit="ratio", qualifier=self._qualifier(clause, m),
                               strive=strive)
        scale = _SCALE.get((m.group(2) or "").lower(), 1)
        value = round(_number(m.group(1)) * scale, 6)
        unit = _unit(m.group(3))
        qualifier = self._qualifier(clause, m)
        value_max = None
        if qualifier == "range":
            value_max = _number(_RANGE_END.match(clause, m.end()).group(1)) * scale
        found = FoundTarget(ind.id if ind else "", year, value=value, value_max=value_max, unit=unit,
                            qualifier=qualifier, strive=strive, baseline_year=baseline_year)
        if ind is None or not _compatible(ind.unit, unit):
            found.wording = wording(clause[: m.start()], clause[m.end():])
            found.indicator = slug(found.wording)
        return found

    # -- a sentence, a paragraph, a document ------------------------------------------------------
    def sentence_targets(self, sentence: str) -> list[FoundTarget]:
        if not _TWO.search(sentence):
            return []
        text = key(sentence)
        first = _YEAR.search(text)
        if not first:
            return []
        year = int(next(g for g in first.groups() if g))
        splitter = _CLAUSES_ZH if _HAN.search(text) else _CLAUSES_EN
        out: list[FoundTarget] = []
        pending: IndicatorRule | None = None
        for clause in self._clauses(text, splitter):
            if not clause or not clause.strip() or len(clause) > _MAX_CLAUSE:
                continue
            own = _YEAR.search(clause)
            if own and not self._peak.search(clause):
                year = int(next(g for g in own.groups() if g))
            named = self._indicators(clause)
            quantities = self._quantities(clause)
            if not named and quantities and _PROJECT.search(clause):
                continue  # a project's specification ("... photovoltaic project (50 MW)"), not a target
            if len(named) >= 2 and len(quantities) >= len(named):
                # "森林覆盖率和森林蓄积量分别达到44.14%和2585万立方米": paired in order
                for (ind, _, end), m in zip(named, quantities):
                    target = self._target(ind, clause, m, year)
                    if target:
                        out.append(target)
                pending = None
            elif named:
                for n, (ind, start, end) in enumerate(named):
                    stop = named[n + 1][1] if n + 1 < len(named) else len(clause)
                    own = [q for q in quantities if end - 2 <= q.start() < stop]
                    if not own and ind.unit == "ratio":  # a PUE of 1.3 has no unit
                        own = [b for b in _BARE.finditer(clause, end) if b.start() < stop][:1]
                    m = own[0] if own else (quantities[0] if len(named) == 1 and quantities else None)
                    target = self._target(ind, clause, m, year)
                    if target:
                        out.append(target)
                        pending = None
                    else:
                        pending = ind  # "the installed capacity of hydropower" ... "should reach 400,000 kW"
            elif quantities:
                target = self._target(pending, clause, quantities[0], year)
                pending = None
                if target and target.indicator == "custom_target" and out:
                    # "... reached 830,000 tons, by 2030 to reach 1 million tons": the same series
                    target.indicator, target.wording = out[-1].indicator, out[-1].wording
                if target:
                    out.append(target)
        return out

    def _clauses(self, text: str, splitter: re.Pattern) -> list[str]:
        """Clauses of a sentence; an English ' and ' starts a new clause only after a figure
        ('... will reach 4,000,000 kW and wind capacity will reach ...')."""
        out = []
        for piece in splitter.split(text):
            if splitter is _CLAUSES_ZH:
                out.append(piece)
                continue
            parts = _AND.split(piece)
            current, complete = [parts[0]], self._complete(parts[0])
            for part in parts[1:]:
                if complete:
                    out.append(" and ".join(current))
                    current, complete = [part], self._complete(part)
                else:
                    # Only the words around the new ' and ' can make the clause complete now.
                    current.append(part)
                    complete = self._complete(f"{current[-2][-60:]} and {part}")
            out.append(" and ".join(current))
        return out

    def _complete(self, clause: str) -> bool:
        """Does a clause state a target on its own: a figure, the superior's target, a trend?"""
        return bool(self._quantities(clause) or _SUPERIOR.search(clause) or _TREND.search(clause))

    def peak_year(self, doc: Document) -> FoundTarget | None:
        for sid in ("main_objectives", "guiding_ideology"):
            section = doc.find(sid)
            if section is None:
                continue
            for para in section.paragraphs:
                m = self._peak.search(key(para))
                year = next((g for g in m.groups() if g and g.isdigit()), None) if m else None
                if year:  # a user's pattern may capture no year
                    return FoundTarget("carbon_peak_year", int(year), value=float(year), unit="year",
                                       section="main_objectives", quote=_quote(para, m.group(0)))
        return None

    def document_targets(self, doc: Document) -> list[FoundTarget]:
        found: list[FoundTarget] = []
        seen = set()
        for section, owner in _paragraph_owners(doc):
            for para in section.paragraphs:
                if not _TWO.search(para):
                    continue  # no year, no target
                for sentence in _SENTENCES.split(strip_pinyin(para)):
                    for t in self.sentence_targets(sentence):
                        t.section = owner
                        t.quote = sentence.strip()
                        sig = (t.indicator, t.year, t.value, t.qualifier, t.superior, t.trend)
                        if sig not in seen:
                            seen.add(sig)
                            found.append(t)
        peak = self.peak_year(doc)
        if peak:
            found.insert(0, peak)
        return found


def _compatible(indicator_unit: str, unit: str) -> bool:
    groups = [{"kW", "MW", "GW"}, {"%"}, {"m3"}, {"t", "tce"}, {"piles"}, {"ratio"}, {"m2"}, {"ha"}, {"kWh"}]
    return any(indicator_unit in g and unit in g for g in groups) or indicator_unit == unit


def _quote(paragraph: str, matched: str) -> str:
    for sentence in _SENTENCES.split(strip_pinyin(paragraph)):
        if matched and matched[:6] in key(sentence):
            return sentence.strip()
    return strip_pinyin(paragraph)[:200]


def _paragraph_owners(doc: Document):
    """Each section with the id its targets belong to: the action for tasks, else the section."""
    for top in doc.sections:
        yield top, top.id
        for child in top.children:
            owner = top.id if is_task(child.id) or child.id == UNRECOGNIZED else child.id
            yield child, owner
            for grand in child.walk():
                if grand is not child:
                    yield grand, owner


def finder_for(rules: Rules) -> TargetFinder:
    """One finder (its patterns compiled) per rules object, reused for every document."""
    finder = rules.__dict__.get("_target_finder")
    if finder is None:
        finder = rules.__dict__["_target_finder"] = TargetFinder(rules)
    return finder


def find_targets(doc: Document, rules: Rules) -> list[FoundTarget]:
    return finder_for(rules).document_targets(doc)


_TO_BASE = {"MW": ("kW", 1e3), "GW": ("kW", 1e6), "kW": ("kW", 1.0)}


def comparable(t: FoundTarget) -> tuple[str, float] | None:
    """(unit, value) in a base unit, or None for targets without a figure."""
    if t.superior or t.trend or t.value is None:
        return None
    unit, factor = _TO_BASE.get(t.unit or "", (t.unit or "", 1.0))
    return unit, t.value * factor


def weaker(candidate: FoundTarget, reference: FoundTarget, ind: IndicatorRule) -> bool:
    """Is `candidate` less ambitious than `reference` for the same indicator?"""
    a, b = comparable(candidate), comparable(reference)
    if a is None or b is None or a[0] != b[0]:
        return False
    if ind.kind == "change" or ind.direction == "rise":
        return a[1] < b[1] - 1e-9  # a larger cut, or a higher level, is more ambitious
    return a[1] > b[1] + 1e-9


def from_params(params, rules: Rules) -> list[FoundTarget]:
    """The targets of a parameters file, in the extractor's form (for --parent and compare)."""
    unit = {i.id: i.unit for i in rules.with_indicators(params.indicators).indicators}
    return [FoundTarget(t.indicator, t.year, value=t.value, value_max=t.value_max,
                        unit=t.unit or unit.get(t.indicator), qualifier=t.qualifier,
                        strive=t.strive, baseline_year=t.baseline_year, superior=t.superior, trend=t.trend,
                        section=t.section) for t in params.targets]
