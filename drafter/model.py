"""The document model: one tree that the generator writes and the readers read into.

A Document has an optional notice (the envelope that issues the plan), a title, a preamble and
numbered sections. A Section carries its canonical id, level (1 = the top-level headings), number
text, title and body paragraphs; its children are the next level down.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator


@dataclass
class Notice:
    title: str
    addressees: str
    body: list[str]
    authority: str
    date: str
    document_number: str | None = None


# Section ids beyond the rules' own (vocabulary.md): a task is "task:<task id>" (a sector task
# "task:sector:<industry>") or, when a reader cannot tell which, plain "task"; a heading the reader
# cannot place is "unrecognized".
TASK = "task"
UNRECOGNIZED = "unrecognized"
ACTION = "action"
OTHER = "other"
SECTION = "section"


def is_task(sid: str) -> bool:
    return sid == TASK or sid.startswith(TASK + ":")


def task_id(task: str) -> str:
    """The section id of the task with this id (a sector task's is "sector:<industry>")."""
    return f"{TASK}:{task}"


@dataclass
class Section:
    id: str
    level: int
    title: str
    number: str = ""
    paragraphs: list[str] = field(default_factory=list)
    children: list["Section"] = field(default_factory=list)
    line: int | None = None  # where a reader found the heading
    inferred: bool = False  # the reader inferred a heading the source lost

    @property
    def kind(self) -> str:
        """section, action, task, other (a rules extra) or unrecognized, from the id."""
        if is_task(self.id):
            return TASK
        if self.id == UNRECOGNIZED:
            return UNRECOGNIZED
        prefix = self.id.partition(":")[0] if ":" in self.id else ""
        return prefix if prefix in (ACTION, OTHER) else SECTION

    @property
    def heading(self) -> str:
        return f"{self.number}{self.title}"

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Document:
    language: str  # zh-Hans, zh-Hant, en, fr
    title: str
    preamble: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    notice: Notice | None = None

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def find(self, sid: str) -> Section | None:
        return next((s for s in self.walk() if s.id == sid), None)

    def outline(self) -> list[dict]:
        """The outline as JSON-ready dicts (vocabulary.md: id, level, number, title, line, children)."""
        def one(s: Section) -> dict:
            return {"id": s.id, "level": s.level, "number": s.number.strip(), "title": s.title,
                    "line": s.line, "children": [one(c) for c in s.children]}
        return [one(s) for s in self.sections]
