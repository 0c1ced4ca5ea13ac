"""Recover a parameters file from an existing plan: the locality and document metadata, the
actions, the structure choices and every quantitative target, so a county can start from its
city's plan (`drafter extract city.docx -o county.yaml`, edit, `drafter generate county.yaml`)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..model import Document, Target
from ..patterns import pattern_set
from .normalize import key, simplified, strip_pinyin
from .locality import locality_of
from .outline import read_outline, split_names
from .projects import find_projects
from .source import DEFAULT_MAX_BYTES, read_lines
from ..rules import Rules
from ..text_fields import HAN
from .targets import find_targets



def parse_date(text: str, rules: Rules) -> dt.date | None:
    """The date of a notice, read with reading.yaml's `date` patterns (their groups year, month or
    month_name, and day; month names in the order of wording.yaml's `months`). None when no
    pattern matches, a pattern lacks those groups or the day does not exist."""
    m = pattern_set(tuple(rules.reading.date), capture=True).search(key(text))
    if m is None:
        return None
    found = m.groupdict()
    month = found.get("month")
    if month is None and found.get("month_name"):
        months = rules.wording.months
        names = [n.lower() for n in months.en + months.fr]
        month = names.index(found["month_name"].lower()) % 12 + 1 if found["month_name"].lower() in names else None
    try:
        return dt.date(int(found["year"]), int(month), int(found["day"]))
    except (KeyError, TypeError, ValueError):
        return None


def _report_to(doc: Document, rules: Rules) -> str | None:
    if not doc.notice:
        return None
    body = strip_pinyin(" ".join(doc.notice.body))
    m = pattern_set(tuple(rules.wording.report_to), capture=True).search(body)
    if m:
        return simplified(m.group(1)) if HAN.search(m.group(1)) else m.group(1).strip()
    return None


def _key_industries(doc: Document, rules: Rules) -> list[str]:
    """Industries whose sector task the plan has ("Promote carbon peak in the cement industry")."""
    titles = [key(t.title) for sid in ("action:key_industries", "action:industry") if doc.find(sid)
              for t in doc.find(sid).children]
    found = []
    for ind in rules.industries:
        if not ind.sector_task:
            continue
        names = [ind.name.zh, ind.name.en.lower().rstrip("s")]
        if any(n and n in title for title in titles for n in names) and ind.id not in found:
            found.append(ind.id)
    return found


def _actions(doc: Document) -> list:
    """The actions of the key tasks, of all their parts when thematic chapters hold them."""
    return [a for s in doc.sections if s.id == "key_tasks" for a in s.children]


def _task_numbering(doc: Document) -> str:
    numbers = [int(re.sub(r"\D", "", t.number) or 0) for a in _actions(doc) for t in a.children if not t.inferred]
    restarts = sum(1 for a, b in zip(numbers, numbers[1:]) if b <= a)
    return "restart" if restarts else "continuous"


def _structure(doc: Document, rules: Rules) -> dict:
    present = {s.id for s in doc.walk()}
    include = [s.id for s in rules.sections if s.status == "optional" and s.id in present]
    exclude = [s.id for s in rules.sections
               if s.status == "frequent" and s.numbered and s.id not in present
               and (s.parent is None or s.parent in present)]
    return {"include": include, "exclude": exclude}


def _own_titles(doc: Document, rules: Rules, lang: str | None) -> dict:
    """The plan's own wording of an action's or chapter's title where it is not the rules' (the
    `titles` parameter), so a county starting from its city's plan keeps the city's headings. A
    sub-section can sit elsewhere in another plan's layout, and titles are Chinese or English only."""
    if lang is None:
        return {}
    known = {s.id: s.title for s in rules.sections if s.parent is None} | {a.id: a.title for a in rules.actions}
    out = {}
    for section in doc.walk():
        standard = known.get(section.id)
        title = (simplified(section.title) if lang == "zh" else section.title).strip()
        if standard is not None and title and key(title) != key(getattr(standard, lang)) and section.id not in out:
            out[section.id] = {lang: title}
    return out


def _districts(doc: Document, rules: Rules, zh: bool) -> list[dict]:
    """The districts the phased-peaking action names with their peak ambitions (wording.yaml
    `districts.reads`, on each clause its join separates) and the features they build on."""
    words, action = rules.wording.districts, doc.find("action:phased_peaking")
    if words is None or not words.reads or action is None:
        return []
    reads, join = pattern_set(tuple(words.reads), capture=True), (words.zh if zh else words.en).join.strip()
    names = {getattr(f.name, "zh" if zh else "en").lower(): fid for fid, f in rules.features.items()}
    separators = re.compile("|".join(map(re.escape, [rules.wording.list_join.zh, rules.wording.list_join.en.strip(),
                                                     (rules.wording.list_last or rules.wording.list_join).en.strip()])))
    out = []
    for paragraph in (p for s in action.walk() for p in s.paragraphs):
        for clause in paragraph.split(join):
            m = reads.search(simplified(clause) if zh else clause.strip())
            if m is None:
                continue
            entry: dict = {"name": m.group("name").strip()}
            if m.group("year"):
                entry["peak_year"] = int(m.group("year"))
            found = [names.get(w.strip().lower()) for w in separators.split(m.group("features") or "") if w.strip()]
            if found and all(found):
                entry["features"] = found
            out.append(entry)
    return out


def _features(doc: Document, rules: Rules) -> list[str]:
    """The local features whose words (industries.yaml `reads`) the plan's sections write."""
    text = key(" ".join(p for s in doc.walk() for p in [s.title] + s.paragraphs))
    return [fid for fid, f in rules.features.items() if f.reads and pattern_set(tuple(f.reads)).search(text)]


def target_entry(t: Target, rules: Rules) -> dict:
    """A target as a parameters-file entry (vocabulary.md keys; superior/trend/relative where they apply)."""
    ind = rules.indicator(t.indicator)
    entry: dict = {"indicator": t.indicator, "year": t.year}
    if t.superior:
        entry["superior"] = True
    elif t.trend:
        entry["trend"] = True
    elif t.relative:
        entry["relative"] = t.relative.model_dump(exclude_none=True)
    else:
        entry["value"] = t.value
        if t.value_max is not None:
            entry["value_max"] = t.value_max
        entry["qualifier"] = t.qualifier
    entry["unit"] = t.unit or (ind.unit if ind else "%")
    entry.update(strive=t.strive, baseline_year=t.baseline_year, section=t.section, quote=t.quote)
    return entry


def _custom_indicator(t: Target, zh: bool) -> dict:
    name = t.wording or t.indicator
    return {"id": t.indicator, "name": {"zh": name, "en": name} if not zh else {"zh": name, "en": ""},
            "kind": "change" if t.baseline_year else "level", "direction": "rise", "unit": t.unit or "%",
            "section": t.section if t.section and (t.section.startswith("action:") or t.section == "main_objectives")
            else "main_objectives"}


def _missing(rules: Rules, zh: bool, what: str) -> str:
    lang = "zh" if zh else "en"
    return getattr(rules.wording.placeholder, lang).write(getattr(getattr(rules.wording.missing, lang), what))


def extract_document(doc: Document, raw_text: str, rules: Rules) -> dict:
    zh = doc.language.startswith("zh")
    name, level, province = locality_of(doc, raw_text, rules)
    out: dict = {"locality": {"name": name or _missing(rules, zh, "locality"), "level": level,
                              "province": province or _missing(rules, zh, "province")}}
    if doc.notice:
        if doc.notice.authority:
            out["issuing_authority"] = simplified(doc.notice.authority) if zh else doc.notice.authority
        date = parse_date(doc.notice.date, rules)
        if date:
            out["issue_date"] = date.isoformat()
        if doc.notice.document_number:
            number = re.sub(r"\s+", "", simplified(doc.notice.document_number))
            if rules.document_number.search(number):
                out["document_number"] = number
        if doc.notice.addressees:
            out["addressees"] = [simplified(a) if zh else a for a in split_names(doc.notice.addressees, rules)]
        if doc.notice.copy_to:
            out["copy_to"] = [simplified(c) if zh else c for c in doc.notice.copy_to]
        if doc.notice.printed_by and doc.notice.printed_by != doc.notice.authority:
            out["printed_by"] = simplified(doc.notice.printed_by) if zh else doc.notice.printed_by
        if doc.notice.letterhead:
            out["letterhead"] = True
    report_to = _report_to(doc, rules)
    if report_to:
        out["report_to"] = report_to
    title = key(doc.title or "")
    if pattern_set(tuple(rules.wording.work_plan)).search(title):
        out["plan_kind"] = "work"
    actions = [a for a in _actions(doc) if rules.has_action(a.id)]  # an other:<slug> action has no parameter
    out["actions"] = [a.id for a in actions]
    out.update(_structure(doc, rules))
    lang = "zh" if zh else "en" if doc.language.startswith("en") else None  # what titles and projects read
    titles = _own_titles(doc, rules, lang)
    if titles:
        out["titles"] = titles
    out["task_numbering"] = _task_numbering(doc)
    features = _features(doc, rules)
    if features:
        out["features"] = features
    districts = _districts(doc, rules, zh)
    if districts:
        out["districts"] = districts
    projects = find_projects(actions, rules, lang, [name, province]) if lang else []
    if projects:
        out["projects"] = projects
    industries = _key_industries(doc, rules)
    if industries:
        out["key_industries"] = industries
    found = find_targets(doc, rules)
    peak = next((t for t in found if t.indicator == "carbon_peak_year"), None)
    if peak and peak.year:  # not a peak in step with the superior
        out["peak_year"] = peak.year
    out["targets"] = [target_entry(t, rules) for t in found]
    custom = {t.indicator: _custom_indicator(t, zh) for t in found if rules.indicator(t.indicator) is None}
    if custom:
        out["indicators"] = list(custom.values())
    return out


def extract_file(path: str | Path, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    lines = read_lines(path, max_bytes, rules.numbering)
    doc = read_outline(lines, rules)
    return extract_document(doc, "\n".join(ln.text for ln in lines), rules)
