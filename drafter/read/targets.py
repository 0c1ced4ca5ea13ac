"""Find the quantitative targets in a plan: a sentence stating that by 2025 the energy use per unit
of GDP falls by 14% -> energy_intensity_reduction, 14 %, exact, 2025.

Sentences are split into clauses; each clause is matched to the indicators whose recognition
patterns hit longest (rules/indicators.yaml), and to their quantities, qualifiers, strive flag and
baseline. The year is the sentence's, a plan period's (the 14th Five-Year Plan), the one carried from an earlier
sentence of the paragraph, or none; without a year of its own a sentence gives only catalogued
indicators' figures. A clause with a quantity but no known indicator gives a target named by a
slug of its wording. Not targets: the news lead, project specifications (200 MW/400 MWh),
size thresholds ("units under 300000 kilowatts"). The words come from the rules, compiled once
per finder (drafter.quantities.Grammar); the structure of the sentences is here.
"""

from __future__ import annotations

import re

from ..model import UNRECOGNIZED, Document, Target, is_task
from ..patterns import PatternSet, escape, indicator_patterns
from ..quantities import Grammar, compatible, first_year
from .normalize import key, strip_pinyin
from ..rules import IndicatorRule, Rules
from ..text_fields import HAN
from .target_names import slug, wording

_THOUSANDS = re.compile(r"\d{1,3}(,\d{3})+")
_BARE = re.compile(r"(?<![\d.,])(\d+(?:[.,]\d+)?)(?![\d%]|[.,]\d)")
# A figure, not an ordinal: "the 15th Five-Year Plan", "le 15e plan" name a period and state nothing.
_FIGURE = re.compile(r"(?<![\d.,])\d+(?:[.,]\d+)?(?![\d.,]|e\b|th\b)")
_CLAUSES_EN = re.compile(r",\s+|;\s+")
_AND = re.compile(r"\s+and\s+(?=(?:the\s+)?[\w\- ()']{0,80}?\b(?:will|should|shall|is|are)\b)"
                  r"|\s+and\s+(?=(?:increase|raise|reduce|achieve|reach|build|strive|keep)\b)"
                  r"|\s+et\s+(?=(?:la|le|les|l')\s?[\w\- ']{0,80}?\b(?:aura|auront|sera|seront|atteindra|augmentera|"
                  r"diminuera)\b)")
# A year (to 2025, by 2030) needs a 2: the characters whose NFKC holds one (tests/test_targets.py
# checks the list). Text without a 2, a digit or a plan period is not normalised for matching.
TWO_FORMS = "2²½₂⅔⅖②⑫⑳⑵⑿⒇⒉⒓⒛㉑㉒㉓㉔㉕㉖㉗㉘㉙㉜㊷㋁㋋㍚㍤㍬㍭㍮㍯㍰㍸㎟㎠㎡㎢㎨㎯㏡㏫㏳㏴㏵㏶㏷㏸㏹㏺㏻㏼\uff12𝟐𝟚𝟤𝟮𝟸🄃🯲"
_TWO = re.compile("[" + TWO_FORMS + "]")
_MAX_CLAUSE = 1000  # characters: longer "clauses" are run-together text (a broken export), not targets
_TARGET_YEARS = ("2025", "2030", "2035", "2020")  # a bare year next to a unit is no quantity
_DIGIT = re.compile(r"\d")  # no quantity without one: most clauses are skipped before RE2 is asked


def _number(text: str) -> float:
    if _THOUSANDS.fullmatch(text):
        return float(text.replace(",", ""))
    return float(text.replace(",", "."))


class TargetFinder:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.grammar = g = Grammar(rules)
        self._sentences = g.sentences
        self._counted = {name for name, unit in rules.phrasing.units.items() if unit.counts}  # counts of things
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

    def _quantities(self, clause: str) -> list:
        out = []
        g = self.grammar
        if not _DIGIT.search(clause):
            return out
        for m in g.quantity.finditer(clause):
            before, after = clause[max(0, m.start() - 12): m.start()], clause[m.end(): m.end() + 2]
            if after.startswith("/") or before.endswith("/"):
                continue  # a specification such as 200 MW/400 MWh
            unit = g.unit(m.group("unit"))
            if unit != "%" and g.threshold and g.threshold.search(before[-12:]) \
                    and not g.qualifier_before(clause[max(0, m.start() - 24): m.start()].strip()):
                continue  # a size threshold ("units under 300000 kW"), not a target ("no less than 300 km2")
            if m.group(1) in _TARGET_YEARS and unit != "%":
                continue
            out.append(m)
        return out

    def _qualifier(self, clause: str, m) -> str:
        g = self.grammar
        if m is not None:
            if g.range_end and g.range_end.match(clause, m.end()):
                return "range"
            raw_before = clause[max(0, m.start() - 40): m.start()].strip()
            before = raw_before
            for words in (g.between, g.verbs):  # anchored at the end: cut the one match (RE2's sub costs a split)
                cut = words.search(before) if words else None
                before = before[:cut.start()].strip() if cut else before
            found = g.qualifier_after(clause[m.end(): m.end() + 10]) or g.qualifier_before(raw_before, before)
            if found:
                return found
        value = None if m is None else g.count_value(m.group(1)) if g.is_count(m) else _number(m.group(1))
        if "all" in g.flags(clause) and (value is None or abs(value - 100) < 1e-9):
            return "all"
        return "exact"

    def _target(self, ind: IndicatorRule | None, clause: str, m, year: int) -> Target | None:
        g = self.grammar
        flags = g.flags(clause)
        baseline = g.baseline.search(clause) if "baseline" in flags else None
        baseline_year = first_year(baseline) if baseline else None
        strive = "strive" in flags
        if m is None:
            if ind is None:
                return None
            if "superior" in flags:
                return Target.found(ind.id, year, superior=True)
            if "trend" in flags:
                return Target.found(ind.id, year, trend=True)
            if "relative" in flags:
                return Target.found(ind.id, year, relative=g.standing(clause))
            if "all" in flags and ind.unit == "%":
                return Target.found(ind.id, year, value=100.0, unit="%", qualifier="all", strive=strive)
            return None
        if m.re is _BARE:
            return Target.found(ind.id, year, value=_number(m.group(1)), unit="ratio",
                                qualifier=self._qualifier(clause, m), strive=strive)
        if g.is_count(m):  # a count of things, in the indicator's own unit
            return Target.found(ind.id, year, value=g.count_value(m.group("n")), unit=ind.unit,
                                qualifier=self._qualifier(clause, m), strive=strive)
        scale = g.scale(m.group("scale"))
        value = round(_number(m.group(1)) * scale, 6)
        unit = g.unit(m.group("unit"))
        if ind is not None and unit in self._counted and ind.unit in self._counted:
            unit = ind.unit  # 320 of charging piles: the piles are what is counted
        qualifier = self._qualifier(clause, m)
        qualifier = "all" if qualifier == "exact" and unit == "%" and value == 100 else qualifier  # full coverage
        value_max = None
        if qualifier == "range":
            value_max = round(_number(g.range_end.match(clause, m.end()).group("num")) * scale, 6)
        elif g.range_start and (low := g.range_start.search(clause[max(0, m.start() - 24): m.start()])):
            qualifier, value, value_max = "range", _number(low.group("num")) * scale, value
        found = Target.found(ind.id if ind else "", year, value=value, value_max=value_max, unit=unit,
                             qualifier=qualifier, strive=strive, baseline_year=baseline_year)
        if ind is None or not compatible(ind.unit, unit, self.rules):
            found.wording = wording(clause[: m.start()], clause[m.end():], g)
            found.indicator = slug(found.wording)
        return found

    # -- a sentence, a paragraph, a document ------------------------------------------------------
    def sentence_targets(self, sentence: str, year: int | None = None) -> list[Target]:
        return self._sentence(sentence, year)[0]

    def _year(self, text: str, phases: bool = True) -> int | None:
        """The first year a text sets: by 2030, or the plan period of a figure (the 14th Five-Year
        Plan period ... grow by 15%: 2025; a period stated without a figure sets no target's year)."""
        g = self.grammar
        found = g.year.search(text) if "year" in g.flags(text) else None
        if found:
            return first_year(found)
        years = g.phase_years_in(text) if phases and _FIGURE.search(text) else []
        return years[0] if years else None

    def _sentence(self, sentence: str, carried: int | None) -> tuple[list[Target], int | None]:
        """The targets of a sentence, and the year the next sentence of its paragraph carries
        ("By 2025, ... . Energy use per unit of GDP falls by 14%": the second is still about 2025)."""
        if not _DIGIT.search(sentence) and not self.grammar.phases.search(sentence):
            return [], carried  # no figure, no year: no target
        text = key(sentence)
        phases = bool(self.grammar.phases.which(text))  # most sentences name no plan period
        own = self._year(text, phases)
        year = own or carried  # None: a target stated without a year
        if own is None and not self._patterns.which(text):
            return [], year  # without a year of its own, only catalogued indicators are read
        splitter = self.grammar.clauses_zh if HAN.search(text) else _CLAUSES_EN
        out: list[Target] = []
        pending: IndicatorRule | None = None
        for clause in self._clauses(text, splitter):
            if not clause or not clause.strip() or len(clause) > _MAX_CLAUSE:
                continue
            own_year = self._year(clause, phases)
            if own_year and not self._peak.search(clause):
                year = own_year
            before = len(out)
            pending = self._clause(clause, year, pending, out)
            if own is None and own_year is None:
                # A year carried from an earlier sentence, or none: only the figures of catalogued
                # indicators, not every number of a sentence that may state no target.
                out[before:] = [t for t in out[before:] if _DIGIT.search(clause)
                                and not t.indicator.startswith("custom_") and (year is not None or t.value is not None)]
            if phases:
                self._each_phase(clause, out, before)
        return out, year

    def _each_phase(self, clause: str, out: list[Target], before: int) -> None:
        """'In the 14th and 15th Five-Year Plans, add 40 GW respectively': one target for each period."""
        years = self.grammar.phase_years_in(clause)
        if len(out) - before == 1 and len(years) >= 2 and "respectively" in self.grammar.flags(clause):
            first = out[-1]
            first.year = years[0]
            out.extend(first.model_copy(update={"year": y}) for y in years[1:])

    def _clause(self, clause: str, year: int, pending, out: list[Target]):
        """Add the targets of one clause to `out`; return the indicator still waiting for its figure."""
        g = self.grammar
        named = self._indicators(clause)
        quantities = self._quantities(clause)
        if not named and quantities and "project" in g.flags(clause):
            return None  # a project's specification ("... photovoltaic project (50 MW)"), not a target
        if len(named) >= 2 and len(quantities) >= len(named):
            # "forest coverage and forest stock will reach 44.14% and 25.85 million m3 respectively":
            # paired in order
            out.extend(t for (ind, _, _), m in zip(named, quantities) if (t := self._target(ind, clause, m, year)))
            return None
        if named:
            used: list = []  # quantities an earlier indicator took
            for n, (ind, start, end) in enumerate(named):
                stop = named[n + 1][1] if n + 1 < len(named) else len(clause)
                m = self._figure(ind, clause, (quantities, used), (start, end, stop), len(named) == 1)
                used.append(m)
                target = self._target(ind, clause, m, year)
                if target:
                    out.append(target)
                    pending = None
                else:
                    pending = ind  # "the installed capacity of hydropower" ... "should reach 400,000 kW"
            return pending
        if quantities:
            target = self._target(pending, clause, quantities[0], year)
            if target and target.indicator == "custom_target" and out:
                # "... reached 830,000 tons, by 2030 to reach 1 million tons": the same series
                target.indicator, target.wording = out[-1].indicator, out[-1].wording
            if target:
                out.append(target)
        return None

    def _figure(self, ind: IndicatorRule, clause: str, found: tuple, span: tuple, alone: bool):
        """The figure of one named indicator: the first quantity after its name; a PUE's bare
        number; the number a few words before what it counts (320 charging piles); else the
        clause's only quantity when it names one indicator."""
        start, end, stop = span
        quantities, used = found
        own = [q for q in quantities if end - 2 <= q.start() < stop]
        if own:
            return own[0]
        if ind.unit == "ratio":  # a PUE of 1.3 has no unit
            return next((b for b in _BARE.finditer(clause, end) if b.start() < stop), None)
        counts = ind.unit in self._counted
        count = self.grammar.count_before.search(clause, max(0, start - 80), start) if counts else None
        if count and not any(m is not None and m.start() <= count.start() < m.end() for m in used):
            return count
        if alone and quantities:
            return quantities[0]
        zh = self.grammar.count_zh if counts else None
        return zh.search(clause) if zh else None

    def _clauses(self, text: str, splitter: re.Pattern) -> list[str]:
        """Clauses of a sentence; an English ' and ' starts a new clause only after a figure
        ('... will reach 4,000,000 kW and wind capacity will reach ...')."""
        out = []
        for piece in splitter.split(text):
            if splitter is not _CLAUSES_EN:
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
        flags = self.grammar.flags(clause)
        return bool(self._quantities(clause) or "superior" in flags or "trend" in flags)

    def peak_year(self, doc: Document) -> Target | None:
        """The carbon-peak commitment: the main objectives' first, else the guiding ideology's; a
        peak year, else a peak in step with the superior (rules/quantities.yaml `in_step`)."""
        for sid in ("main_objectives", "guiding_ideology"):
            section = doc.find(sid)
            found = self._peak_in(section) if section is not None else None
            if found:
                return found
        return None

    def _peak_in(self, section) -> Target | None:
        g = self.grammar
        for para in section.paragraphs:
            text = key(para)
            m = self._peak.search(text)
            group = next((i for i, y in enumerate(m.groups(), 1) if y and y.isdigit()), None) if m else None
            if group and not (g.in_step and g.in_step.search(m.group(0))):
                return self._peak_target(para, text, m, group)  # a user's pattern may capture no year
        for para in section.paragraphs:
            m = g.in_step.search(key(para)) if g.in_step else None
            if m:
                quote = self._quote(para, m.group(0))
                return Target.found("carbon_peak_year", None, superior=True, section="main_objectives",
                                    strive="strive" in g.flags(key(quote)), quote=quote)
        return None

    def _peak_target(self, para: str, text: str, m, group: int) -> Target:
        """The peak year with its qualifier (before 2030, by 2030) and its strive flag, which the
        sentence holding it gives ("strive to peak before 2030": the clause alone may have lost it)."""
        g = self.grammar
        year = int(m.group(group))
        around = (text[max(m.start(), m.start(group) - 16): m.start(group)], text[m.end(group): m.end(group) + 4])
        before = g.peak_before is not None and any(g.peak_before.search(t) for t in around)
        quote = self._quote(para, m.group(0))
        return Target.found("carbon_peak_year", year, value=float(year), unit="year", qualifier="before" if before
                            else "by", strive=self._peak_strive(key(quote), m.group(group)), section="main_objectives",
                            quote=quote)

    def _peak_strive(self, sentence: str, year: str) -> bool:
        """Strive in the clause of the peak year, or opening the sentence ("Strive, by 2030, to peak")."""
        g = self.grammar
        clauses = self._clauses(sentence, g.clauses_zh if HAN.search(sentence) else _CLAUSES_EN)
        own = next((c for c in clauses if year in c and self._peak.search(c)), "")
        opening = clauses[0] if clauses and not self._quantities(clauses[0]) else ""
        return "strive" in g.flags(own) or "strive" in g.flags(opening)

    def document_targets(self, doc: Document) -> list[Target]:
        found: list[Target] = []
        seen = set()
        phases = self.grammar.phases
        for section, owner in _paragraph_owners(doc):
            for para in section.paragraphs:
                if not _DIGIT.search(para) and not _TWO.search(para) and not phases.search(para):
                    continue  # no figure, no year: no target
                year = None
                for sentence in self._sentences.split(strip_pinyin(para)):
                    targets, year = self._sentence(sentence, year)
                    for t in targets:
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

    def _quote(self, paragraph: str, matched: str) -> str:
        for sentence in self._sentences.split(strip_pinyin(paragraph)):
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
    return rules.view(TargetFinder)


def find_targets(doc: Document, rules: Rules) -> list[Target]:
    return finder_for(rules).document_targets(doc)


def from_params(params, rules: Rules) -> list[Target]:
    """The targets of a parameters file, each with its unit (for --parent and compare)."""
    unit = {i.id: i.unit for i in rules.with_indicators(params.indicators).indicators}
    return [t.model_copy(update={"unit": t.unit or unit.get(t.indicator), "quote": None}) for t in params.targets]
