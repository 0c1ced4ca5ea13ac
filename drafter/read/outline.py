"""Recover a plan's outline from its lines, as the reader never refuses messy input.

Levels come from the sequence, not the glyph alone (shared/spec/common-structure.md §7):
一、/ I. / "Second," are level 1; a parenthesised ordinal is level 2; an Arabic "N." is a task
unless it continues the level-1 sequence with a top-level title, starts a section's first
children, or is followed by a restart at "1." (then it is an action). A lower-case paragraph
after a run-in task means the scraper dropped an action heading and a task number: the reader
infers them and later names the action by its topic. What cannot be placed stays body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Document, Notice, Section
from ..patterns import pattern_set
from ..rules import Rules
from .headings import Item, classify, heading_tail, split_title
from .lines import Line
from .normalize import detect_language, key, strip_pinyin

_EMBEDDED = re.compile(r"\s\((\d{1,2}|[IVX]{1,5})\)\s+(?=[A-Z])")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ZH_END = tuple("。；;：:！？!?”\"）)")
_LATIN_END = tuple(".;:!?)\"”»")


@dataclass
class _Cursor:
    """Where the body reader is: the open section at each level and the numbers seen there."""
    cur1: Section | None = None
    cur2: Section | None = None
    cur3: Section | None = None
    l1_n: int = 0
    l2_n: int = 0
    l2_fam: str | None = None
    l3_n: int | None = None
    bare: bool = False  # the previous line was a heading with no body text


class OutlineReader:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        r = rules.reading
        # Patterns from the rules run on RE2 (drafter.patterns): linear time whatever a rules folder holds.
        self._re = {name: pattern_set(tuple(getattr(r, name)))
                    for name in ("full_text_markers", "end_markers", "notice_title", "plan_title", "date",
                                 "document_number")}
        self._phases = pattern_set(tuple(p for ps in r.phases.values() for p in ps))
        self._topics = r.topics
        self._aliases = {rule.id: rule.aliases.zh + rule.aliases.en + rule.aliases.fr
                         for rule in list(rules.sections) + list(rules.actions)}
        self._alias_sets: dict[tuple, tuple] = {}  # ids -> their aliases in one RE2 set, and whose each is
        self._titles: dict[tuple, tuple[list[str], list[str]]] = {}  # ids -> their titles, for fuzzy matching

    def _any(self, name: str, text: str) -> bool:
        return self._re[name].search(text) is not None

    # -- matching ------------------------------------------------------------------------------
    def match(self, title_key: str, ids: list[str]) -> str | None:
        """The first of `ids` whose aliases match the title, else the closest title."""
        if tuple(ids) not in self._alias_sets:
            patterns = [(p, sid) for sid in ids for p in self._aliases.get(sid, [])]
            self._alias_sets[tuple(ids)] = (pattern_set(tuple(p for p, _ in patterns)), [sid for _, sid in patterns])
        aliases, owners = self._alias_sets[tuple(ids)]
        hits = aliases.which(title_key)  # one pass for all of them, in the order of ids
        return owners[hits[0]] if hits else self._fuzzy(title_key, ids)

    def _fuzzy(self, title_key: str, ids: list[str]) -> str | None:
        """A heading worded close to a canonical title ("循环经济助力降碳行动" vs "循环经济促进降碳行动")."""
        if len(title_key) < 4:
            return None
        from rapidfuzz import fuzz, process

        if tuple(ids) not in self._titles:
            rules = [self.rules.action(sid) if self.rules.has_action(sid) else self.rules.section(sid) for sid in ids]
            self._titles[tuple(ids)] = ([t for r in rules for t in (r.title.zh, r.title.en.lower())],
                                        [sid for sid in ids for _ in range(2)])
        titles, owners = self._titles[tuple(ids)]
        # The first best title scoring 80 or more, as a loop over them in order would find.
        best = process.extractOne(title_key, titles, scorer=fuzz.ratio, score_cutoff=80)
        return owners[best[2]] if best else None

    def _top_ids(self) -> list[str]:
        return [s.id for s in self.rules.sections if s.parent is None and s.numbered] + ["main_objectives"]

    def _child_ids(self, parent: str) -> list[str]:
        if parent == "key_tasks":
            # key_industries before industry: its titles also say "industrial"
            ids = self.rules.action_ids
            return ["action:key_industries"] + [a for a in ids if a != "action:key_industries"]
        if parent == "policy_guarantees":  # Dezhou folds organisation into its safeguard measures
            return [c.id for c in self.rules.children("policy_guarantees")] + \
                [c.id for c in self.rules.children("organization_implementation")]
        return [c.id for c in self.rules.children(parent)]

    # -- the passes -------------------------------------------------------------------------------
    def read(self, lines: list[Line]) -> Document:
        language = detect_language([ln.text for ln in lines])
        zh = language.startswith("zh")
        items = [Item.of(ln) for ln in lines if ln.text.strip()]
        items = self._join_wrapped(items) if zh else self._split_embedded(self._join_wrapped_latin(items))
        items = self._cut_furniture(items, zh)
        doc = Document(language=language, title="")
        rest = self._envelope(items, doc, zh)
        self._body(rest, doc, zh)
        self._name_sections(doc)
        return doc

    def _join_wrapped(self, items: list[Item]) -> list[Item]:
        """PDF text wraps Chinese paragraphs mid-sentence: join a long line that does not end a
        sentence with the next line when that one is not a heading."""
        groups: list[list[Item]] = []  # joined once at the end: no string grows line by line
        size, head, tail = 0, "", ""  # the folded length, first and last character of the last group
        for item in items:
            if (groups and size >= 25 and not tail.endswith(_ZH_END) and not head.startswith("#")
                    and classify(item, True) is None and _CJK.search(item.fold) and not self._envelope_line(item)):
                groups[-1].append(item)
                size, tail = size + len(item.fold), item.fold[-1:] or tail
                continue
            groups.append([item])
            size, head, tail = len(item.fold), item.fold[:1], item.fold[-1:]
        return [Item.joined(group, "") for group in groups]

    def _join_wrapped_latin(self, items: list[Item]) -> list[Item]:
        """Text extracted from PDFs wraps sentences ("... atteindra environ" / "40 %, et ..."): join a
        long body line that ends mid-sentence with the very next line when that one starts in lower
        case or with a digit and is no heading."""
        out: list[Item] = []
        for item in items:
            prev = out[-1] if out else None
            if (prev and item.no == prev.no + 1 and len(prev.fold) >= 60 and not prev.fold.endswith(_LATIN_END)
                    and re.match(r"^[a-zà-ÿ0-9]", item.fold) and classify(prev, False) is None
                    and classify(item, False) is None):
                prev.text = f"{prev.text.rstrip()} {item.text.lstrip()}"
                prev.fold = f"{prev.fold} {item.fold}"
                prev.key = f"{prev.key} {item.key}"
                continue
            out.append(item)
        return out

    def _split_embedded(self, items: list[Item]) -> list[Item]:
        """'of Carbon Peak (1) Green ... Project': a split heading's tail, then the next heading."""
        out = []
        for item in items:
            m = _EMBEDDED.search(item.fold)
            if m and item.fold[:1].islower():
                head, tail = item.fold[: m.start()], item.fold[m.start() + 1:]
                out.append(Item(head, head, head.lower(), item.no))
                out.append(Item(tail, tail, tail.lower(), item.no))
            else:
                out.append(item)
        return out

    def _envelope_line(self, item: Item) -> bool:
        return any(self._any(name, item.key) for name in ("notice_title", "plan_title", "date", "document_number"))

    def _cut_furniture(self, items: list[Item], zh: bool) -> list[Item]:
        start = 0
        limit = min(max(len(items) * 2 // 5, 12), 1000)  # a news lead is a few lines, even in a long file
        marker = next((i for i, it in enumerate(items[:limit]) if self._any("full_text_markers", it.key)), None)
        if marker is not None:
            start = marker + 1
        else:
            notice = next((i for i, it in enumerate(items[:limit])
                           if len(it.key) < 200 and self._any("notice_title", it.key)), None)
            if notice is not None:
                start = notice
            else:
                title = next((i for i, it in enumerate(items[:limit])
                              if len(it.key) < 120 and self._any("plan_title", it.key)
                              and not self._any("plan_title", items[i + 1].key if i + 1 < len(items) else "")), None)
                if title is not None and title > 0:
                    start = title
        end = len(items)
        for i in range(start + 1, len(items)):
            if len(items[i].key) <= 60 and self._any("end_markers", items[i].key):
                end = i
                break
        return items[start:end]

    def _envelope(self, items: list[Item], doc: Document, zh: bool) -> list[Item]:
        i = 0
        # The notice: title, (document number), addressees, body, authority, date.
        if items and self._any("notice_title", items[0].key) and not self._any("plan_title", items[0].key[-12:]):
            title = items[0].display
            j = 1
            while j < len(items) and items[j].key == items[0].key:
                j += 1  # a scraper may repeat the title
            number = None
            if j < len(items) and self._any("document_number", items[j].key) and len(items[j].key) < 40:
                number, j = items[j].text.strip("（）() "), j + 1
            addressees, body, authority, date = "", [], "", ""
            if j < len(items) and (items[j].fold.endswith((":", "：")) or len(items[j].fold) < 120
                                   and re.search(r"[:：]$", items[j].fold)):
                addressees, j = items[j].text, j + 1
            while j < len(items) and j < 15:
                it = items[j]
                if self._any("date", it.key):
                    date = it.text
                    if body and len(body[-1]) < 40:
                        authority = body.pop()
                    j += 1
                    break
                if self._any("plan_title", it.key) and len(it.key) < 120:
                    break
                body.append(it.text)
                j += 1
            if date or addressees:
                doc.notice = Notice(title=title, addressees=addressees, body=body, authority=authority, date=date,
                                    document_number=number)
                i = j
        # Extra lines before the title ("（本文有删减）"), then the plan title.
        for j in range(i, min(i + 4, len(items))):
            if len(items[j].key) < 120 and self._any("plan_title", items[j].key):
                doc.title = items[j].display
                i = j + 1
                break
        # The preamble: unnumbered paragraphs before the first heading.
        while i < len(items) and classify(items[i], zh) is None:
            doc.preamble.append(strip_pinyin(items[i].text))
            i += 1
        return items[i:]

    def _next_arabic(self, items: list[Item], start: int, zh: bool) -> int | None:
        for it in items[start: start + 400]:
            cand = classify(it, zh)
            if cand is None:
                continue
            return cand.number if cand.family == "ar" else None
        return None

    def _body(self, items: list[Item], doc: Document, zh: bool) -> None:
        at = _Cursor()
        for idx, it in enumerate(items):
            cand = classify(it, zh)
            if cand and zh and cand.family == "paren" and not cand.cn_paren:
                cand = None  # （1） is a level-4 item in Chinese: body text here
            if cand is None:
                self._body_line(items, idx, doc, zh, at)
                at.bare = False
            else:
                self._heading(items, idx, cand, doc, zh, at)

    def _body_line(self, items: list[Item], idx: int, doc: Document, zh: bool, at: "_Cursor") -> None:
        """A line without a numbering marker: the end of a split heading, a task whose action
        heading the scraper lost, or body text of the current section."""
        it = items[idx]
        starts_lower = not zh and (it.fold[:1].islower() or re.match(r"^[\"'“”][a-z]", it.fold))
        tail = heading_tail(it.fold) if starts_lower and at.bare else ""
        holder = at.cur3 or at.cur2 or at.cur1
        if tail and holder:
            # The heading was split across lines ("... project" / "of urban and rural ...").
            holder.title = f"{holder.title} {tail}"
            rest = it.text[len(tail):].strip() if it.text.startswith(tail) else it.text
            if rest:
                holder.paragraphs.append(rest)
        elif (starts_lower and at.cur1 is not None and at.cur1.id == "key_tasks" and at.cur3 is not None
              and self._next_arabic(items, idx + 1, zh) == 2):
            # A lost action heading and task number: infer both from the sequence gap.
            at.l2_n += 1
            at.cur2 = Section(id="", level=2, title="", number=f"({at.l2_n})", line=it.no, inferred=True)
            at.cur1.children.append(at.cur2)
            at.cur3 = Section(id="task", level=3, title=split_title(it.display, zh)[0][:120], number="1.",
                              paragraphs=[strip_pinyin(it.text)], line=it.no, inferred=True)
            at.cur2.children.append(at.cur3)
            at.l3_n = 1
        elif holder is None:
            doc.preamble.append(strip_pinyin(it.text))
        else:
            holder.paragraphs.append(strip_pinyin(it.text))

    def _level(self, items: list[Item], idx: int, cand, zh: bool, at: "_Cursor") -> int:
        """The level of a numbered line, from what the file declares, the glyph and the sequence."""
        it, f, k = items[idx], cand.family, cand.number
        if it.hint in (1, 2, 3) and not (it.hint > 1 and at.cur1 is None):
            return it.hint  # the file declares it (heading style, outline level, Markdown #)
        if f in ("cn1", "ord", "rom1"):
            return 1
        if f == "paren":
            return 2
        # Matching the title and looking ahead are the costly tests: made only when they decide.
        if k == at.l1_n + 1 and f == "ar" and not cand.body and len(cand.title) <= 60 \
                and self.match(key(cand.title), self._top_ids()):
            return 1
        if at.cur1 is None:
            return 3
        if zh:
            return 3 if at.cur2 is not None else 2
        if at.cur1.id == "key_tasks" and f == "ar" and self._next_arabic(items, idx + 1, zh) == 1:
            return 2  # followed by a restart at 1.: an action heading
        if at.cur2 is None:
            return 2
        if (at.l3_n is not None and k == at.l3_n + 1) or k == 1:
            return 3
        if (at.l2_fam == "ar" or (not at.cur2.children and at.l3_n is None)) and k == at.l2_n + 1:
            return 2  # continues the section sequence ("(1) ..." then "2. ...", Guang'an)
        return 3

    def _heading(self, items: list[Item], idx: int, cand, doc: Document, zh: bool, at: "_Cursor") -> None:
        """Place a numbered line in the tree at the level the sequence gives it."""
        it, level = items[idx], self._level(items, idx, cand, zh, at)
        section = Section(id="", level=level, title=cand.title[:200], number=cand.marker, line=it.no)
        if cand.body:
            section.paragraphs.append(cand.body)
        if level == 1:
            section.id = self.match(key(cand.title), self._top_ids()) or "unrecognized"
            doc.sections.append(section)
            at.cur1, at.cur2, at.cur3 = section, None, None
            at.l1_n, at.l2_n, at.l2_fam, at.l3_n = cand.number, 0, None, None
        elif level == 2:
            if at.cur1 is None:
                at.cur1 = Section(id="unrecognized", level=1, title="", line=it.no, inferred=True)
                doc.sections.append(at.cur1)
            at.cur1.children.append(section)
            at.cur2, at.cur3 = section, None
            at.l2_n, at.l2_fam = cand.number, cand.family
        else:
            section.id = "task"
            parent = at.cur2 or at.cur1
            if parent is None:
                doc.preamble.append(it.text)
                return
            section.level = parent.level + 1
            parent.children.append(section)
            at.cur3, at.l3_n = section, cand.number
        if at.cur1 is not None and at.cur1.id == "main_objectives" and level == 2:
            section.id = "task"
        at.bare = not cand.body and len(cand.title) <= 100

    # -- canonical ids ------------------------------------------------------------------------------
    def _text_of(self, section: Section) -> str:
        parts = [section.title] + section.paragraphs
        for child in section.children:
            parts.append(self._text_of(child))
        return key(" ".join(parts))

    def _topic(self, section: Section, candidates: list[str], used: set[str]) -> str | None:
        text = self._text_of(section)
        best, best_score = None, 0
        for sid in candidates:
            if sid in used:
                continue
            score = sum(text.count(word.lower()) for word in self._topics.get(sid, []))
            if score > best_score:
                best, best_score = sid, score
        return best

    def _name_sections(self, doc: Document) -> None:
        for top in doc.sections:
            if top.id == "unrecognized" and not top.title and self._phases.search(self._text_of(top)):
                top.id = "main_objectives"
            candidates = self._child_ids(top.id)
            for child in top.children:
                if child.id:
                    continue
                child.id = self.match(key(child.title), candidates) or ""
            used = {c.id for c in top.children if c.id}
            for child in top.children:
                if child.id:
                    continue
                if child.title and not child.inferred:
                    # A heading we can read but not place: say so rather than guess from its topic.
                    child.id = "task" if top.id in ("cooperation", "main_objectives") else "unrecognized"
                elif top.id == "general_requirements":
                    if self._phases.search(self._text_of(child)):
                        child.id = "main_objectives"
                elif top.id == "key_tasks":
                    child.id = self._topic(child, [a for a in self.rules.action_ids], used) or ""
                elif top.id in ("cooperation", "main_objectives"):
                    child.id = "task"
                child.id = child.id or "unrecognized"
                used.add(child.id)
            for child in top.children:
                for grand in child.children:
                    grand.id = grand.id or "task"


def read_outline(lines: list[Line], rules: Rules) -> Document:
    reader = rules.__dict__.get("_outline_reader")  # aliases compiled once per rules object
    if reader is None:
        reader = rules.__dict__["_outline_reader"] = OutlineReader(rules)
    return reader.read(lines)
