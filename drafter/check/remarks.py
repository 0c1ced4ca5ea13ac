"""Where each finding of a report belongs in the draft, and what a reviewer's comment there says.

A finding with a line is placed there; a placeholder or a target finding at the first line after
its section's heading that holds its words (each occurrence once); a missing section or action at
the heading of the one before it in the rules' order (the title when none is present). The
comments' words are wording.yaml's `review`, in the language of the report.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..model import Document
from ..read.normalize import key, strip_pinyin
from ..rules import Rules
from ..wording_rules import ReviewWords, WordingRules
from .checks import rule_title
from .validate import Report

COMMENTED = ("error", "warning")  # info findings are counted in the summary, not commented
_PROBE = 24  # a target's sentence is found by its start: a wrapped PDF line holds only part of it


@dataclass(frozen=True)
class Placed:
    line: int  # line or paragraph number of the draft
    lines: tuple[str, ...]  # the comment's paragraphs
    mark: str | None = None  # the words to anchor on (a placeholder)


def review_words(wording: WordingRules, lang: str) -> ReviewWords:
    """The `review` words of the rules, or the built-in ones for a rules folder written before them."""
    return wording.words_in("review", lang)


def missing(report: Report) -> list[str]:
    """Ids of the sections and actions that error- or warning-level findings say are missing."""
    doc = report.document
    return [f.section for f in report.findings if f.severity in COMMENTED and f.line is None and f.section
            and f.anchor is None and doc.find(f.section) is None]


def remarks(report: Report, lines: list, rules: Rules, lang: str, targets: int) -> list[Placed]:
    """The summary at the title, then one remark per error and warning, in the report's order."""
    title = title_line(report.document, lines)
    return [Placed(title, (summary(report, rules, lang, targets),))] + _placed(
        [f for f in report.findings if f.severity in COMMENTED], report, lines, rules, lang, title)


def parent_findings(report: Report) -> list:
    """The findings of the superior's-target check (`parent_targets`) alone."""
    return [f for f in report.findings if f.kind == "parent_targets" and f.severity in COMMENTED]


def parent_remarks(report: Report, lines: list, rules: Rules, lang: str) -> list[Placed]:
    """The superior's-target findings placed and worded as a review places them: what generate
    --parent comments on a draft it has just written."""
    return _placed(parent_findings(report), report, lines, rules, lang, title_line(report.document, lines))


def _placed(findings: list, report: Report, lines: list, rules: Rules, lang: str, title: int) -> list[Placed]:
    words, report_words = review_words(rules.wording, lang), getattr(rules.wording.report, lang)
    out, used = [], Counter()
    for f in findings:
        line = _place(f, report.document, lines, rules, used)
        text = words.comment.format(severity=report_words.severity[f.severity], rule=f.rule, message=f.message)
        if f.page is not None:  # a PDF's copy has lost its pages: say where the finding was
            text += report_words.page_line.format(page=f.page, page_line=f.page_line, line=f.line)
        mark = f.anchor if f.highlight and line is not None else None
        out.append(Placed(title if line is None else line,
                          (text, words.fix_line.format(fix=words.fix_for(f.rule))), mark))
    return out


def summary(report: Report, rules: Rules, lang: str, targets: int) -> str:
    """The first comment: the counts by severity, the missing sections, what was checked."""
    words, report_words = review_words(rules.wording, lang), getattr(rules.wording.report, lang)
    counts = report_words.count_join.join(report_words.counts(report.summary))
    names = [rule_title(rules, sid, lang) for sid in missing(report)]
    return words.summary.format(counts=counts, missing=getattr(rules.wording.list_join, lang).join(names) or words.none,
                                sections=sum(1 for _ in report.document.walk()), targets=targets)


def title_line(doc: Document, lines: list) -> int:
    """The line of the plan's title (its first line when split), else the first line."""
    title = key(doc.title)
    for line in lines[:200]:
        text = key(strip_pinyin(line.text))  # compared as the reader read it
        if title and text and (text == title or (len(text) >= 4 and text in title)):
            return line.no
    return lines[0].no if lines else 1


def _place(f, doc: Document, lines: list, rules: Rules, used: Counter) -> int | None:
    if f.anchor:
        found = _holding(f.anchor, lines, f.line or 0, used)
        if found is not None:
            return found
    if f.line is not None:
        return f.line
    if f.section and doc.find(f.section) is None:
        return _previous_heading(f.section, f.rule, doc, rules)
    section = doc.find(f.section) if f.section else None
    return section.line if section is not None else None


def heading_lines(report: Report, rules: Rules) -> list[int | None]:
    """For each finding, the line of the heading it belongs under in an outline: a missing
    section's or action's at the one before it, the others at their own; None for the document."""
    doc = report.document
    out = []
    for f in report.findings:
        if f.line is None and f.section and doc.find(f.section) is None:
            out.append(_previous_heading(f.section, f.rule, doc, rules))
        else:
            out.append(f.line)
    return out


def _holding(anchor: str, lines: list, start: int, used: Counter) -> int | None:
    """The first line from `start` holding `anchor` (or, for a long sentence, its start) more
    times than remarks already placed there, else the first holding it at all."""
    probe = anchor if len(anchor) <= _PROBE else anchor[:_PROBE]
    first = None
    for line in lines:
        if line.no >= start and probe in line.text:
            if line.text.count(probe) > used[(line.no, probe)]:
                used[(line.no, probe)] += 1
                return line.no
            first = first or line.no
    return first  # several findings on one sentence (two targets it states) all go there


def _previous_heading(sid: str, rule: str, doc: Document, rules: Rules) -> int | None:
    """The heading of the nearest section (or action) before `sid` in the rules' order that the
    draft has; for an action without one, the section holding the actions."""
    action = rules.has_action(sid)
    order = rules.action_ids if action else [s.id for s in rules.sections]
    if sid in order:
        for earlier in reversed(order[: order.index(sid)]):
            section = doc.find(earlier)
            if section is not None and section.line is not None:
                return section.line
    if action:  # the section the rule looks for the actions in
        within = next((getattr(r, "within", None) for r in rules.checks if r.id == rule), None)
        holder = doc.find(within) if within else None
        return holder.line if holder is not None else None
    return None
