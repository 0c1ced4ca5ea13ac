"""Place a plan's body lines in the tree: a stack of open sections, each opened at the level
resolve_level gives its numbered line; unnumbered lines are body text of the innermost one, the
end of a split heading, or (Latin scrapes) a task whose action heading the scraper lost.
"""

from __future__ import annotations

import re

from ..model import TASK, UNRECOGNIZED, Document, Section
from .headings import Candidate, Item, classify, heading_tail, split_title
from .levels import Marker, OpenSummary, resolve_level
from .normalize import strip_pinyin
from .profile import LanguageProfile

_LOWER_START = re.compile(r"^[\"'“”][a-z]")


class OpenSections:
    """The open section at each level (1 top, 2 action or part, 3 task), innermost last, and the
    last number seen at each level: a task's number runs on across actions."""

    def __init__(self) -> None:
        self.stack: list[tuple[int, Section]] = []
        self.numbers: dict[int, int | None] = {1: 0, 2: 0, 3: None}
        self.second_family: str | None = None
        self.bare = False  # the previous line was a heading with no body text

    def at(self, level: int) -> Section | None:
        return next((s for lv, s in self.stack if lv == level), None)

    def innermost(self) -> Section | None:
        return self.stack[-1][1] if self.stack else None

    def open(self, level: int, section: Section, number: int | None, family: str | None = None) -> None:
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, section))
        self.numbers[level] = number
        if level == 1:
            self.numbers[2], self.numbers[3], self.second_family = 0, None, None
        elif level == 2:
            self.second_family = family

    def open_lost_top(self, section: Section) -> None:
        """A top-level section the source lost: no number was seen, so the numbers stay."""
        self.stack = [(1, section)]

    def summary(self, holds_actions) -> OpenSummary:
        top, second = self.at(1), self.at(2)
        return OpenSummary(has_top=top is not None, top_holds_actions=top is not None and holds_actions(top.id),
                           has_second=second is not None,
                           second_has_children=second is not None and bool(second.children),
                           top_number=self.numbers[1] or 0, second_number=self.numbers[2] or 0,
                           second_family=self.second_family, third_number=self.numbers[3])


class _Ahead:
    """The lookahead facts for one line, computed on demand."""

    def __init__(self, placer: "BodyPlacer", idx: int, title: str) -> None:
        self.placer, self.idx, self.title = placer, idx, title

    def top_title(self) -> bool:
        return self.placer.names.top_id(self.title) is not None

    def next_arabic(self) -> int | None:
        return self.placer.next_arabic(self.idx + 1)


class BodyPlacer:
    """One document's body. `names` (naming.SectionNames) tells a top-level section's id from its
    title and whether a section's children are actions."""

    def __init__(self, items: list[Item], doc: Document, profile: LanguageProfile, names) -> None:
        self.items, self.doc, self.profile, self.names = items, doc, profile, names
        self.holds_actions = names.holds_actions
        self.at = OpenSections()

    def place_all(self) -> None:
        for idx, it in enumerate(self.items):
            cand = classify(it, self.profile)
            level = None
            if cand is not None:
                marker = Marker(cand.level_family, cand.number, it.hint, bool(cand.body), len(cand.title))
                level = resolve_level(marker, self.at.summary(self.holds_actions), _Ahead(self, idx, cand.title),
                                      self.profile)
            if level is None:
                self._body_line(idx)
                self.at.bare = False
            else:
                self._heading(it, cand, level)

    def next_arabic(self, start: int) -> int | None:
        for it in self.items[start: start + 400]:
            cand = classify(it, self.profile)
            if cand is not None:
                return cand.number if cand.family == "ar" else None
        return None

    def _body_line(self, idx: int) -> None:
        """A line without a numbering marker: the end of a split heading, a task whose action
        heading the scraper lost, or body text of the current section."""
        it, at = self.items[idx], self.at
        starts_lower = self.profile.lower_case_continues and bool(it.fold[:1].islower() or _LOWER_START.match(it.fold))
        tail = heading_tail(it.fold) if starts_lower and at.bare else ""
        holder = at.innermost()
        if tail and holder:
            # The heading was split across lines ("... project" / "of urban and rural ...").
            holder.title = f"{holder.title} {tail}"
            rest = it.text[len(tail):].strip() if it.text.startswith(tail) else it.text
            if rest:
                holder.paragraphs.append(rest)
        elif starts_lower and self._lost_action(idx):
            self._infer_action(it)
        elif holder is None:
            self.doc.preamble.append(strip_pinyin(it.text))
        else:
            holder.paragraphs.append(strip_pinyin(it.text))

    def _lost_action(self, idx: int) -> bool:
        top = self.at.at(1)
        return (top is not None and self.holds_actions(top.id) and self.at.at(3) is not None
                and self.next_arabic(idx + 1) == 2)

    def _infer_action(self, it: Item) -> None:
        """A lost action heading and task number: infer both from the sequence gap."""
        at = self.at
        top, number = at.at(1), (at.numbers[2] or 0) + 1
        action = Section(id="", level=2, title="", number=f"({number})", line=it.no, inferred=True)
        top.children.append(action)
        at.open(2, action, number, at.second_family)
        task = Section(id=TASK, level=3, title=split_title(it.display, self.profile)[0][:120], number="1.",
                       paragraphs=[strip_pinyin(it.text)], line=it.no, inferred=True)
        action.children.append(task)
        at.open(3, task, 1)

    def _heading(self, it: Item, cand: Candidate, level: int) -> None:
        """Place a numbered line in the tree at its level."""
        at = self.at
        section = Section(id="", level=level, title=cand.title[:200], number=cand.marker, line=it.no)
        if cand.body:
            section.paragraphs.append(cand.body)
        if level == 1:
            section.id = self.names.top_id(cand.title, {s.id for s in self.doc.sections}) or UNRECOGNIZED
            self.doc.sections.append(section)
            at.open(1, section, cand.number)
        elif level == 2:
            if at.at(1) is None:
                top = Section(id=UNRECOGNIZED, level=1, title="", line=it.no, inferred=True)
                self.doc.sections.append(top)
                at.open_lost_top(top)
            at.at(1).children.append(section)
            at.open(2, section, cand.number, cand.family)
        else:
            parent = at.at(2) or at.at(1)
            if parent is None:
                self.doc.preamble.append(it.text)
                return
            section.id = TASK
            section.level = parent.level + 1
            parent.children.append(section)
            at.open(3, section, cand.number)
        at.bare = not cand.body and len(cand.title) <= 100
