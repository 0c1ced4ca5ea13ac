"""Recover a plan's outline from its lines, as the reader never refuses messy input.

The passes: join wrapped lines, cut the web page's furniture, read the envelope (notice, title,
preamble), place the body in the tree (body.py, with the levels of levels.py) and name what was
found (naming.py). What cannot be placed stays body text.
"""

from __future__ import annotations

import re

from ..model import Document, Notice
from ..patterns import pattern_set
from ..rules import Rules
from ..text_fields import HAN
from .body import BodyPlacer
from .headings import Item, classify
from .lines import BODY_ROW, Line
from .naming import SectionNames
from .normalize import detect_language, strip_pinyin
from .profile import LanguageProfile, profiles

_EMBEDDED = re.compile(r"\s\((\d{1,2}|[IVX]{1,5})\)\s+(?=[A-Z])")
_BRACKETS = "\uff08\uff09() "  # full-width and ASCII round brackets, and spaces


class OutlineReader:
    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        r = rules.reading
        # Patterns from the rules run on RE2 (drafter.patterns): linear time whatever a rules folder holds.
        self._re = {name: pattern_set(tuple(getattr(r, name)))
                    for name in ("full_text_markers", "end_markers", "notice_title", "plan_title", "date",
                                 "document_number", "letterhead")}
        self._colophon = {name: pattern_set(tuple(getattr(r, name)), capture=True) for name in ("copy_to", "printed")}
        self.names = SectionNames(rules)
        self._profiles = profiles(rules)

    def _any(self, name: str, text: str) -> bool:
        return self._re[name].search(text) is not None

    # -- the passes -------------------------------------------------------------------------------
    def read(self, lines: list[Line]) -> Document:
        language = detect_language([ln.text for ln in lines])
        profile = self._profiles[language.startswith("zh")]
        items = [Item.of(ln) for ln in lines if ln.text.strip()]
        if profile.chinese:
            items = self._join_wrapped(items, profile)
        else:
            items = self._split_embedded(self._join_wrapped_latin(items, profile))
        items = self._cut_furniture(self._join_split_titles(items, profile))
        items, colophon = self._colophon_lines(items)
        doc = Document(language=language, title="")
        rest = self._envelope(items, doc, profile)
        if doc.notice and colophon:
            doc.notice.copy_to, doc.notice.printed_by, doc.notice.printed_date = colophon
        BodyPlacer(rest, doc, profile, self.names).place_all()
        self.names.name_sections(doc)
        return doc

    def _join_wrapped(self, items: list[Item], profile: LanguageProfile) -> list[Item]:
        """PDF text wraps Chinese paragraphs mid-sentence: join a long line that does not end a
        sentence with the next line when that one is not a heading."""
        groups: list[list[Item]] = []  # joined once at the end: no string grows line by line
        size, head, tail = 0, "", ""  # the folded length, first and last character of the last group
        for item in items:
            if (groups and size >= 25 and not tail.endswith(profile.sentence_ends) and not head.startswith("#")
                    and BODY_ROW not in (item.hint, groups[-1][0].hint)
                    and classify(item, profile) is None and HAN.search(item.fold) and not self._envelope_line(item)):
                groups[-1].append(item)
                size, tail = size + len(item.fold), item.fold[-1:] or tail
                continue
            groups.append([item])
            size, head, tail = len(item.fold), item.fold[:1], item.fold[-1:]
        return [Item.joined(group, "") for group in groups]

    def _join_wrapped_latin(self, items: list[Item], profile: LanguageProfile) -> list[Item]:
        """Text extracted from PDFs wraps sentences ("... atteindra environ" / "40 %, et ..."): join a
        long body line that ends mid-sentence with the very next line when that one starts in lower
        case or with a digit and is no heading."""
        out: list[Item] = []
        for item in items:
            prev = out[-1] if out else None
            if (prev and item.no == prev.no + 1 and len(prev.fold) >= 60 and not prev.fold.endswith(profile.sentence_ends)
                    and BODY_ROW not in (item.hint, prev.hint)
                    and re.match(r"^[a-zà-ÿ0-9]", item.fold) and classify(prev, profile) is None
                    and classify(item, profile) is None):
                prev.text = f"{prev.text.rstrip()} {item.text.lstrip()}"
                prev.fold = f"{prev.fold} {item.fold}"
                prev.key = f"{prev.key} {item.key}"
                continue
            out.append(item)
        return out

    def _join_split_titles(self, items: list[Item], profile: LanguageProfile) -> list[Item]:
        """A notice or plan title printed over two lines ("... green finance" / "supporting ... plan"):
        two short lines near the start that only together read as a title are one line."""
        out: list[Item] = []
        i, limit = 0, min(len(items), 40)
        while i < len(items):
            item = items[i]
            nxt = items[i + 1] if i + 1 < limit else None
            if nxt is not None and max(len(item.key), len(nxt.key)) <= 40 and classify(nxt, profile) is None:
                sep = "" if profile.chinese else " "
                both = f"{item.key}{sep}{nxt.key}"
                for name in ("notice_title", "plan_title"):
                    if self._any(name, both) and not self._any(name, item.key) and not self._any(name, nxt.key):
                        item = Item.joined([item, nxt], sep)
                        i += 1
                        break
            out.append(item)
            i += 1
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

    def _cut_furniture(self, items: list[Item]) -> list[Item]:
        start = 0
        limit = min(max(len(items) * 2 // 5, 12), 1000)  # a news lead is a few lines, even in a long file
        marker = next((i for i, it in enumerate(items[:limit]) if self._any("full_text_markers", it.key)), None)
        if marker is not None:
            start = marker + 1
        else:
            notice = next((i for i, it in enumerate(items[:limit])
                           if len(it.key) < 200 and self._any("notice_title", it.key)), None)
            if notice is not None:
                start = notice - self._head_lines(items, notice)
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

    def _is_number(self, item: Item) -> bool:
        return len(item.key) < 40 and self._any("document_number", item.key)

    def _head_lines(self, items: list[Item], notice: int) -> int:
        """How many lines of the 版头 stand above the notice title: the document number, and the
        issuer's mark above it (or a mark alone)."""
        above = items[max(0, notice - 2): notice]
        if above and self._is_number(above[-1]):
            mark = len(above) == 2 and len(above[0].key) <= 60 and not above[0].fold.endswith((".", "。"))
            return 2 if mark else 1
        return 1 if above and len(above[-1].key) <= 40 and self._any("letterhead", above[-1].key) else 0

    def _colophon_lines(self, items: list[Item]) -> tuple[list[Item], tuple | None]:
        """The 版记 at the end (copies, then the printing office and date): cut off, and its facts."""
        copies, printer, date = [], "", ""
        end = len(items)
        for item in reversed(items[max(0, len(items) - 3):]):
            printed = None if printer else self._colophon["printed"].search(item.display)
            copy = None if copies else self._colophon["copy_to"].search(item.display)
            if not (printed or copy):
                break
            if printed:
                printer, date = printed.group("printer").strip(), printed.group("date").strip()
            else:
                copies = self._copies(copy.group("names"), item.display)
            end -= 1
        return items[:end], ((copies, printer, date) if end < len(items) else None)

    def _copies(self, names: str, line: str) -> list[str]:
        """The copies line's names. Its last two are joined by a word (layout.yaml `copy_last`,
        " and "), which a name may hold too: the word splits them only after a list of three or
        more ("A, B and C"), never two names alone ("A and B" stays one)."""
        copies = split_names(names, self.rules)
        last = self.rules.layout.for_language("zh" if HAN.search(line) else "en").colophon.copy_last
        if last and last.strip() and len(copies) > 1 and last in copies[-1]:
            copies[-1:] = [c.strip() for c in copies[-1].rsplit(last, 1)]
        return copies

    def _envelope(self, items: list[Item], doc: Document, profile: LanguageProfile) -> list[Item]:
        i = 0
        head = next((k for k in range(min(3, len(items))) if self._any("notice_title", items[k].key)), 0)
        head = head if self._head_lines(items, head) == head else 0  # only the 版头 stands above it
        mark = items[0].display if head == 2 or (head == 1 and not self._is_number(items[0])) else ""
        number = items[head - 1].text.strip(_BRACKETS) if head and self._is_number(items[head - 1]) else None
        items = items[head:]
        # The notice: title, (document number), addressees, body, authority, date.
        if items and self._any("notice_title", items[0].key) and not self._any("plan_title", items[0].key[-12:]):
            title = items[0].display
            j = 1
            while j < len(items) and items[j].key == items[0].key:
                j += 1  # a scraper may repeat the title
            if j < len(items) and self._is_number(items[j]):
                number, j = items[j].text.strip(_BRACKETS), j + 1
            addressees, body, authority, date = "", [], "", ""
            if j < len(items) and items[j].fold.endswith(":"):  # NFKC: a full-width colon too
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
                                    document_number=number, letterhead="red" if mark else "")
                i = j
        # Extra lines before the title (an editor's note that the text was abridged), then the plan title.
        for j in range(i, min(i + 4, len(items))):
            if len(items[j].key) < 120 and self._any("plan_title", items[j].key):
                doc.title = items[j].display
                i = j + 1
                break
        # The preamble: unnumbered paragraphs before the first heading.
        while i < len(items) and classify(items[i], profile) is None:
            doc.preamble.append(strip_pinyin(items[i].text))
            i += 1
        return items[i:]


def split_names(text: str, rules: Rules) -> list[str]:
    """The names of an addressees' or copies' line, split on its separators but not inside brackets
    (a name such as "all counties (cities, districts)" holds separators of its own)."""
    marks = rules.wording.addressee_marks
    text = re.sub(r"^(to|à)\s+", "", strip_pinyin(text).strip().rstrip(marks.end).strip(), flags=re.I)
    parts, depth, current = [], 0, ""
    for ch in text:
        depth += ch in marks.open and 1 or (-1 if ch in marks.close else 0)
        if depth <= 0 and ch in marks.separators:
            parts.append(current)
            current = ""
            depth = 0
        else:
            current += ch
    parts.append(current)
    return [p.strip() for p in parts if p.strip()]


def read_outline(lines: list[Line], rules: Rules) -> Document:
    return rules.view(OutlineReader).read(lines)  # its aliases compiled once per rules object
