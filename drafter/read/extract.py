"""Recover a parameters file from an existing plan: the locality and document metadata, the
actions, the structure choices and every quantitative target, so a county can start from its
city's plan (`drafter extract city.docx -o county.yaml`, edit, `drafter generate county.yaml`)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..model import Document, Target
from .normalize import key, strip_pinyin, to_simplified
from .outline import read_outline
from .source import DEFAULT_MAX_BYTES, read_lines
from ..rules import Rules
from .targets import find_targets

_MONTHS_EN = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december"]
_MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
              "novembre", "décembre"]
_LEVELS = [("province", r"(省|自治区)$|\bprovince\b|^province"), ("city", r"市$|\bcity\b|^ville"),
           ("county", r"县$|\bcounty\b|^comté"), ("district", r"区$|\bdistrict\b")]


def parse_date(text: str) -> dt.date | None:
    t = key(text)
    for pattern, order in ((r"(\d{4})年(\d{1,2})月(\d{1,2})日", "ymd"),):
        m = re.search(pattern, t)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = re.search(r"(" + "|".join(_MONTHS_EN) + r") (\d{1,2}), (\d{4})", t)
    if m:
        return dt.date(int(m.group(3)), _MONTHS_EN.index(m.group(1)) + 1, int(m.group(2)))
    m = re.search(r"(\d{1,2}) (" + "|".join(_MONTHS_FR) + r") (\d{4})", t)
    if m:
        return dt.date(int(m.group(3)), _MONTHS_FR.index(m.group(2)) + 1, int(m.group(1)))
    return None


def _zh(text: str) -> str:
    return to_simplified(strip_pinyin(text)).strip()


def _locality_name(doc: Document) -> str | None:
    title = strip_pinyin(doc.title or "").strip()
    zh = re.match(r"^(.+?)(碳达峰|碳達峰)", title)
    if zh:
        return _zh(zh.group(1)).strip("《》 ")
    for pattern in (r"carbon peaking in (?:the )?(.+)$", r"^(.+?) carbon peak", r"dans (?:le|la) (comté|ville) de (.+)$"):
        m = re.search(pattern, title, re.I)
        if m:
            if m.lastindex == 2:
                return f"{m.group(2)} {'County' if m.group(1) == 'comté' else 'City'}"
            return m.group(1).strip()
    if doc.notice and doc.notice.authority:
        authority = doc.notice.authority
        m = re.match(r"^(.+?)人民政府$", _zh(authority)) or re.match(r"^People's Government of (.+)$", authority) \
            or re.match(r"^(.+?) People's Government$", authority)
        if m:
            return m.group(1)
    return None


def _level(name: str | None) -> str:
    for level, pattern in _LEVELS:
        if name and re.search(pattern, name, re.I):
            return level
    return "city"


def _province(raw: str, rules: Rules, name: str | None, level: str) -> str | None:
    if level == "province" and name:
        return name
    text = _zh(raw)
    lowered = text.lower()  # once: the text may be megabytes long
    best = None
    for prov in rules.reading.provinces:
        for form in (prov.zh, prov.zh.rstrip("省市"), prov.en):
            i = text.find(form) if re.search(r"[\u4e00-\u9fff]", form) else lowered.find(form.lower())
            if i >= 0 and (best is None or i < best[0]):
                best = (i, prov)
    if best is None:
        return None
    zh = re.search(r"[\u4e00-\u9fff]", name or "")
    return best[1].zh if zh else f"{best[1].en} Province" if not best[1].zh.endswith("市") else best[1].en


def _addressees(text: str) -> list[str]:
    """Split the 主送 line on its separators, but not inside parentheses: 各县（市、区）人民政府."""
    text = re.sub(r"^(to|à)\s+", "", strip_pinyin(text).strip().rstrip(":：").strip(), flags=re.I)
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch in "（(" and 1 or (-1 if ch in "）)" else 0)
        if depth <= 0 and ch in "，、,;；":
            parts.append(current)
            current = ""
            depth = 0
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def _report_to(doc: Document) -> str | None:
    if not doc.notice:
        return None
    body = strip_pinyin(" ".join(doc.notice.body))
    for pattern in (r"径向(.+?)反映", r"徑向(.+?)反映", r"reported (?:directly )?to the (.+?)[.,]",
                    r"signalé directement au (.+?)[.,]"):
        m = re.search(pattern, body, re.I)
        if m:
            return _zh(m.group(1)) if re.search(r"[\u4e00-\u9fff]", m.group(1)) else m.group(1).strip()
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


def _task_numbering(doc: Document) -> str:
    numbers = [int(re.sub(r"\D", "", t.number) or 0) for a in (doc.find("key_tasks").children if doc.find("key_tasks")
                                                             else []) for t in a.children if not t.inferred]
    restarts = sum(1 for a, b in zip(numbers, numbers[1:]) if b <= a)
    return "restart" if restarts else "continuous"


def _structure(doc: Document, rules: Rules) -> dict:
    present = {s.id for s in doc.walk()}
    include = [s.id for s in rules.sections if s.status == "optional" and s.id in present]
    exclude = [s.id for s in rules.sections
               if s.status == "frequent" and s.numbered and s.id not in present
               and (s.parent is None or s.parent in present)]
    return {"include": include, "exclude": exclude}


def target_entry(t: Target, rules: Rules) -> dict:
    """A target as a parameters-file entry (vocabulary.md keys; superior/trend where they apply)."""
    ind = rules.indicator(t.indicator)
    entry: dict = {"indicator": t.indicator, "year": t.year}
    if t.superior:
        entry["superior"] = True
    elif t.trend:
        entry["trend"] = True
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


def _with_level_word(name: str | None, raw: str) -> str | None:
    """'Dezhou' -> 'Dezhou City' when the text calls it "Dezhou Municipal People's Government"."""
    if not name or re.search(r"[\u4e00-\u9fff]", name) or re.search(r"\b(city|county|district|province)$", name, re.I):
        return name
    m = re.search(re.escape(name) + r"\s+(City|County|District|Province|Municipal)", raw)
    if m:
        return f"{name} {'City' if m.group(1) == 'Municipal' else m.group(1)}"
    return name


def extract_document(doc: Document, raw_text: str, rules: Rules) -> dict:
    zh = doc.language.startswith("zh")
    name = _with_level_word(_locality_name(doc), raw_text)
    level = _level(name)
    out: dict = {"locality": {"name": name or ("【待补充：地名】" if zh else "[TO BE COMPLETED: locality]"),
                              "level": level,
                              "province": _province(raw_text, rules, name, level) or (
                                  "【待补充：省份】" if zh else "[TO BE COMPLETED: province]")}}
    if doc.notice:
        if doc.notice.authority:
            out["issuing_authority"] = _zh(doc.notice.authority) if zh else doc.notice.authority
        date = parse_date(doc.notice.date)
        if date:
            out["issue_date"] = date.isoformat()
        if doc.notice.document_number:
            number = re.sub(r"\s+", "", _zh(doc.notice.document_number))
            if re.match(r"^.+〔\d{4}〕\d+号$", number):
                out["document_number"] = number
        if doc.notice.addressees:
            out["addressees"] = [_zh(a) if zh else a for a in _addressees(doc.notice.addressees)]
    report_to = _report_to(doc)
    if report_to:
        out["report_to"] = report_to
    title = key(doc.title or "")
    if "工作方案" in title or "work plan" in title or "work programme" in title:
        out["plan_kind"] = "work"
    tasks = doc.find("key_tasks")
    out["actions"] = [a.id for a in tasks.children if rules.has_action(a.id)] if tasks else []
    out.update(_structure(doc, rules))
    out["task_numbering"] = _task_numbering(doc)
    industries = _key_industries(doc, rules)
    if industries:
        out["key_industries"] = industries
    found = find_targets(doc, rules)
    peak = next((t for t in found if t.indicator == "carbon_peak_year"), None)
    if peak:
        out["peak_year"] = peak.year
    out["targets"] = [target_entry(t, rules) for t in found]
    custom = {t.indicator: _custom_indicator(t, zh) for t in found if rules.indicator(t.indicator) is None}
    if custom:
        out["indicators"] = list(custom.values())
    return out


def extract_file(path: str | Path, rules: Rules, max_bytes: int = DEFAULT_MAX_BYTES) -> dict:
    lines = read_lines(path, max_bytes)
    doc = read_outline(lines, rules)
    return extract_document(doc, "\n".join(ln.text for ln in lines), rules)
