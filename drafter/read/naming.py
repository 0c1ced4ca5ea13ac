"""Canonical ids for what the reader found: a heading's title against the rules' aliases and
titles, a lost heading by its topic, a task by its action's task titles (task:<id>)."""

from __future__ import annotations

import re
import unicodedata

from ..model import OTHER, TASK, UNRECOGNIZED, Document, Section, is_task, task_id
from ..patterns import pattern_set
from ..rules import Rules
from ..text_fields import HAN
from .normalize import key

_TASK_CUTOFF = 90  # a task title is short and its neighbours alike: only a near-copy counts


def other_id(title: str, place: int, taken: set[str]) -> str:
    """`other:green-finance-action` for a Latin-script title (its words, accents dropped, at most
    six), `other:<place>` for any other: a stable id without transliteration."""
    words = []
    if title.isascii() or not HAN.search(title):
        plain = unicodedata.normalize("NFKD", key(title)).encode("ascii", "ignore").decode()
        words = re.findall(r"[a-z0-9]+", plain)[:6]
    sid = f"{OTHER}:{'-'.join(words) if words else place}"
    if sid in taken:
        sid = f"{sid}-{place}"
    return sid


class SectionNames:
    """The rules' ids, aliases and titles, compiled once per rules object."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        r = rules.reading
        self._phases = pattern_set(tuple(p for ps in r.phases.values() for p in ps))
        self._topics = r.topics
        self._aliases = {rule.id: rule.aliases.zh + rule.aliases.en + rule.aliases.fr
                         for rule in list(rules.sections) + list(rules.actions)}
        self._alias_sets: dict[tuple, tuple] = {}  # ids -> their aliases in one RE2 set, and whose each is
        self._titles: dict[tuple, tuple[list[str], list[str]]] = {}  # ids -> their titles, for fuzzy matching
        # The top-level sections, then those that stand there when their parent is missing.
        self._top = [s.id for s in rules.sections if s.parent is None and s.numbered] + \
            [s.id for s in rules.sections if s.promote_without_parent]
        self._phase_child = {s.id: s.phase_child for s in rules.sections if s.phase_child}
        self._task_titles: dict[str, tuple[dict[str, str], list[str], list[str]]] = {}

    # -- matching ------------------------------------------------------------------------------
    def match(self, title_key: str, ids: list[str], used: set[str] = frozenset()) -> str | None:
        """The first of `ids` whose aliases match the title and that is not `used` by a sibling
        already (organisational guarantees after policy guarantees are the organisation), else the
        first that matches, else the closest title."""
        if tuple(ids) not in self._alias_sets:
            patterns = [(p, sid) for sid in ids for p in self._aliases.get(sid, [])]
            self._alias_sets[tuple(ids)] = (pattern_set(tuple(p for p, _ in patterns)), [sid for _, sid in patterns])
        aliases, owners = self._alias_sets[tuple(ids)]
        hits = [owners[i] for i in aliases.which(title_key)]  # one pass for all of them, in the order of ids
        if hits:
            return next((sid for sid in hits if sid not in used), hits[0])
        return self._fuzzy(title_key, ids)

    def _fuzzy(self, title_key: str, ids: list[str]) -> str | None:
        """A heading worded close to a canonical title (one verb changed in a long action title)."""
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

    def top_id(self, title: str, used: set[str] = frozenset()) -> str | None:
        return self.match(key(title), self._top, used)

    def _children_are(self, sid: str) -> str:
        return self.rules.section(sid).children_are if self.rules.has_section(sid) else "sections"

    def holds_actions(self, sid: str) -> bool:
        return self._children_are(sid) == "actions"

    def child_ids(self, parent: str) -> list[str]:
        if self.holds_actions(parent):
            first = [a for a in self.rules.section(parent).match_first if self.rules.has_action(a)]
            return first + [a for a in self.rules.action_ids if a not in first]
        return [c.id for c in self.rules.children(parent)] + \
            [s.id for s in self.rules.sections if parent in s.also_under]

    # -- naming --------------------------------------------------------------------------------
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

    def name_sections(self, doc: Document) -> None:
        promoted = next(iter(self._phase_child.values()), None)
        for top in doc.sections:
            if top.id == UNRECOGNIZED and not top.title and promoted and self._phases.search(self._text_of(top)):
                top.id = promoted
        self._thematic_parts(doc)
        used_by: dict[str, set[str]] = {}  # the ids the children of each parent id took: parts share them
        for top in doc.sections:
            candidates, used = self.child_ids(top.id), used_by.setdefault(top.id, set())
            for child in top.children:
                if not child.id:
                    child.id = self.match(key(child.title), candidates, used) or ""
                    used.add(child.id or UNRECOGNIZED)
            for child in top.children:
                if not child.id:
                    child.id = self._unmatched_child(top, child, used) or UNRECOGNIZED
                    used.add(child.id)
            for child in top.children:
                for grand in child.children:
                    grand.id = grand.id or TASK
        self._other_actions(doc)
        self.name_tasks(doc)

    def _thematic_parts(self, doc: Document) -> None:
        """Unrecognised top-level chapters with numbered children, standing where a section with
        `thematic_parts` belongs in the order (after what comes before it, before what comes after
        it), are parts of that section: a plan's actions under chapters of their own titles."""
        rank = {s.id: i for i, s in enumerate(self.rules.sections)}
        for rule in self.rules.sections:
            if not rule.thematic_parts:
                continue
            before = None  # the rank of the last recognised chapter so far
            for i, top in enumerate(doc.sections):
                if top.id in rank:
                    before = rank[top.id]
                    continue
                after = next((rank[s.id] for s in doc.sections[i + 1:] if s.id in rank), None)
                # Between two recognised chapters: an unknown last chapter (an annex, its own
                # guarantees) is no part.
                if (top.id == UNRECOGNIZED and top.title and top.children and before is not None
                        and before <= rank[rule.id] and after is not None and after > rank[rule.id]):
                    top.id = rule.id

    def _other_actions(self, doc: Document) -> None:
        """An action heading no catalogue entry matches is still an action: `other:<slug>`, the
        slug the title's words for a Latin-script title, else the action's place among the actions."""
        actions = [c for top in doc.sections if self.holds_actions(top.id) for c in top.children]
        taken: set[str] = {a.id for a in actions}
        for place, action in enumerate(actions, 1):
            if action.id == UNRECOGNIZED and action.title:
                action.id = other_id(action.title, place, taken)
                taken.add(action.id)

    def _unmatched_child(self, top: Section, child: Section, used: set[str]) -> str | None:
        tasks = self._children_are(top.id) == "tasks"
        if child.title and not child.inferred:
            # A heading we can read but not place: say so rather than guess from its topic.
            return TASK if tasks else UNRECOGNIZED
        if top.id in self._phase_child:
            return self._phase_child[top.id] if self._phases.search(self._text_of(child)) else None
        if self.holds_actions(top.id):
            return self._topic(child, self.rules.action_ids, used)
        return TASK if tasks else None

    # -- tasks ---------------------------------------------------------------------------------
    def name_tasks(self, doc: Document) -> None:
        """A task whose title is its rule's (normalised), else a near-copy of it, gets the rule's id."""
        for parent in doc.walk():
            used: set[str] = set()
            for child in parent.children:
                if child.id == TASK:
                    found = self._task_of(parent.id, key(child.title), used)
                    if found:
                        child.id = found
                        used.add(found)

    def _task_of(self, parent: str, title_key: str, used: set[str]) -> str | None:
        exact, titles, owners = self._tasks(parent)
        if title_key in exact and exact[title_key] not in used:
            return exact[title_key]
        if len(title_key) < 4 or not titles:
            return None
        from rapidfuzz import fuzz, process

        best = process.extractOne(title_key, titles, scorer=fuzz.ratio, score_cutoff=_TASK_CUTOFF)
        return owners[best[2]] if best and owners[best[2]] not in used else None

    def _tasks(self, parent: str) -> tuple[dict[str, str], list[str], list[str]]:
        """The task titles of a section or action: by normalised title, and as lists for fuzzy matching."""
        if parent not in self._task_titles:
            pairs = [(task_id(i), t) for i, t in self._task_rules(parent)]
            titles = [key(t) for _, t in pairs]
            exact: dict[str, str] = {}
            for (sid, _), k in zip(pairs, titles):
                exact.setdefault(k, sid)
            self._task_titles[parent] = (exact, titles, [sid for sid, _ in pairs])
        return self._task_titles[parent]

    def _task_rules(self, parent: str) -> list[tuple[str, str]]:
        rules = self.rules
        if rules.has_action(parent):
            tasks = rules.action(parent).tasks
        elif rules.has_section(parent):
            tasks = rules.section(parent).tasks + rules.section_tasks.get(parent, [])
        else:
            return []
        out = [(t.id, title) for t in tasks if t.title for title in (t.title.zh, t.title.en)]
        if any(t.sectors for t in tasks):
            out += [(f"sector:{i.id}", title) for i in rules.industries if i.task and i.sector_task
                    for title in (i.task.zh, i.task.en)]
        return out


__all__ = ["SectionNames", "is_task"]
