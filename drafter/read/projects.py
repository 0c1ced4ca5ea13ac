"""The named local projects of a plan's actions (plants, lines, parks, stations, laboratories), each
with the action and task it sits in: those listed in drafter's own sentence form (wording.yaml
`projects`, with their figures and year) and those a real plan names inside its own sentences
(wording.yaml `named_projects`), so extract -> generate carries them back into the same place.

The recogniser favours precision: a false project would be written into a county's draft. A name
ends in a facility word at the end of its clause (or before a word that follows names, such as
"construction"); it is kept only when something proper is left of it once the generic vocabulary
is taken out (a pumped-storage plant is a kind of plant; the Taishan nuclear plant a named one)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..model import Section
from ..rules import Rules
from ..wording_rules import NamedProjectWords
from ..text_fields import HAN
from .normalize import fold, simplified


def find_projects(actions: list[Section], rules: Rules, lang: str, known: list[str] = ()) -> list[dict]:
    """Every project of the actions, in the order of the plan, once per action: the sentence
    form's first, then the names read in the plan's own sentences. `known`: the plan's locality
    and province, places that make a Chinese name proper."""
    words = getattr(rules.wording.projects, lang)
    head, _, tail = words.sentence.partition("{items}")
    completed = re.compile(re.escape(words.completed).replace(re.escape("{year}"), r"(\d{4})"))
    before, _, after = words.details.partition("{details}")
    details = re.compile(rf"{re.escape(before)}(.+){re.escape(after)}$")
    named = rules.wording.named_projects
    recognise = _recogniser(getattr(named, lang), lang) if named else None
    places = plan_places(actions, rules, list(known)) if recognise and lang == "zh" else None
    out, seen = [], set()
    for action in actions:
        own = []
        for section in action.walk():
            task = section.id.partition(":")[2] if section is not action and section.id.startswith("task:") else None
            for paragraph in section.paragraphs:
                text = simplified(paragraph) if lang == "zh" else paragraph
                if text.startswith(head) and text.endswith(tail):
                    for item in text[len(head): len(text) - len(tail)].split(words.join):
                        out.append(_project(item, details, completed, words.details_join, lang, action.id, task))
                elif recognise:
                    found = recognise(fold(paragraph), places) if lang == "zh" else recognise(text)
                    own += [_entry(name, lang, action.id, task) for name in found]
        out += own
    kept = []
    for entry in out:
        name = entry["name"][lang]
        if name and (entry["action"], name) not in seen:
            seen.add((entry["action"], name))
            kept.append(entry)
    return kept


def _entry(name: str, lang: str, action: str, task: str | None) -> dict:
    entry: dict = {"name": {lang: name}, "action": action}
    if task:
        entry["task"] = task
    return entry


def _project(item: str, details, completed, join: str, lang: str, action: str, task: str | None) -> dict:
    m = details.search(item)
    name, parts = (item[: m.start()], m.group(1).split(join)) if m else (item, [])
    entry = _entry(name.strip(), lang, action, task)
    figures = []
    for part in parts:
        year = completed.fullmatch(part.strip())
        if year:
            entry["year"] = int(year.group(1))
        else:
            figures.append(part.strip())
    if figures:
        entry["figures"] = {lang: join.join(figures)}
    return entry


_HAN_ONLY = re.compile(rf"{HAN.pattern}+")
_LONGEST = 30  # characters of a Chinese name
_WORDS = 12  # words of an English name before its facility word
_IGNORED = re.compile(r"[\d\s()\"'“”‘’]")


def plan_places(actions: list[Section], rules: Rules, known: list[str]) -> re.Pattern | None:
    """The places a Chinese plan names (its locality and province, and the districts it lists:
    a name with a level's suffix between separators, as in a list of counties, and no generic or
    facility word), as one pattern of their stems."""
    named = rules.wording.named_projects
    if named is None:
        return None
    suffixes = "".join(re.escape(level.suffix.zh) for level in rules.wording.levels.values() if level.suffix)
    separators = "|".join(filter(None, [f"[{re.escape(named.zh.clause_ends)}]" if named.zh.clause_ends else "",
                                        _alternation(named.zh.drop)]))
    listed = re.compile(rf"(?:^|{separators})({HAN.pattern}{{2,3}}?)[{suffixes}](?=$|{separators})")
    stems = {re.sub(rf"[{suffixes}]$", "", fold(k)) for k in known if k}
    for section in (s for a in actions for s in a.walk()):
        for paragraph in section.paragraphs:
            stems.update(m.group(1) for m in listed.finditer(fold(paragraph)))
    generic = re.compile(_alternation(named.zh.generic + named.zh.ends + named.zh.generic_marks + named.zh.starts)
                         or "$^")  # a park or a pilot is no place
    stems = {s for s in stems if len(s) >= 2 and _HAN_ONLY.fullmatch(s) and not generic.search(s)}
    return re.compile(_alternation(sorted(stems))) if stems else None


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _recogniser(words: NamedProjectWords, lang: str):
    return _chinese(_frozen(words)) if lang == "zh" else _english(_frozen(words))


def _frozen(words: NamedProjectWords) -> tuple:
    return tuple((field, tuple(value) if isinstance(value, list) else value) for field, value in words)


@lru_cache(maxsize=4)
def _chinese(frozen: tuple):
    """The Chinese recogniser: names ending in a facility word, cut from their clause. A name is
    kept when it holds a proper element (a place of the plan, a figure with its unit, Latin
    letters) or when it leads with words that are not generic and has only generic ones after."""
    w = {field: list(value) if isinstance(value, tuple) else value for field, value in frozen}
    ends = re.compile(rf"(?:{_alternation(w['ends'] + w['proper_ends'])})(?!{_alternation(w['joins']) or '$^'})"
                      rf"(?=$|{_alternation(w['after']) or '$^'})")
    starts = re.compile(_alternation(w["starts"]) or "$^")
    clause = re.compile(f"[{re.escape(w['clause_ends'])}]" if w["clause_ends"] else "$^")
    generic = re.compile(_alternation(w["generic"]) or "$^")
    marks = re.compile(_alternation(w["generic_marks"]) or "$^")
    facility = re.compile(rf"(?:{_alternation(w['ends'])})$")
    only_proper = re.compile(rf"(?:{_alternation(w['proper_ends']) or '$^'})$")
    figure = re.compile(rf"\d(?:{_alternation(w['figure_units']) or '$^'})|[A-Za-z]{{2,}}")
    drop = tuple(sorted(w["drop"], key=len, reverse=True))

    def named(name: str, places) -> bool:
        if len(name) > _LONGEST or marks.search(name):
            return False
        if figure.search(name) or (places and places.search(name)):
            return True
        if only_proper.search(name):  # a "project" or a "centre" of generic words is any such one
            return False
        lead, *rest = facility.sub("", generic.sub("\0", name)).split("\0")
        return len(_IGNORED.sub("", lead)) >= 2 and not _IGNORED.sub("", "".join(rest))

    def names(text: str, places=None) -> list[str]:
        found = []
        for piece in clause.split(text):
            begin = 0
            for end in ends.finditer(piece):
                floor = max(begin, end.start() - _LONGEST)  # a long clause costs no more than a short one
                start = max([begin] + [m.end() for m in starts.finditer(piece, floor, end.start())])
                name = piece[start: end.end()]
                name = next((name[len(d):] for d in drop if name.startswith(d)), name).strip()
                begin = end.end()
                if named(name, places):
                    found.append(name)
        return found

    return names


@lru_cache(maxsize=4)
def _english(frozen: tuple):
    """The English recogniser: a run of capitalised words or figures ending in a facility word, or
    capitalised words followed by lower-case ones ending in one in lower case (the Guangan II 500 kV
    transmission and transformation project)."""
    w = {field: list(value) if isinstance(value, tuple) else value for field, value in frozen}
    token = rf"(?:\(?[A-Z0-9][\w'’./-]*\)?|{_alternation(w['joins']) or '$^'})"
    run = re.compile(rf"\b(?:{token}\s+){{0,{_WORDS}}}(?:{_alternation(w['ends'])})\b(?![\w-])")
    starts, generic = set(w["starts"]), set(w["generic"])
    joins, ends = set(w["joins"]), set(w["ends"])
    lower = _lower_case_names(w, starts, generic)

    def names(text: str) -> list[str]:
        found = []
        for m in run.finditer(text):
            for tokens in _split_after(m.group(0).split(), ends, joins):
                while tokens and (tokens[0] in starts or tokens[0] in joins):
                    tokens.pop(0)
                proper = [t for t in tokens[:-1] if t not in generic and t not in joins and not t[0].isdigit()]
                if proper:
                    found.append(" ".join(tokens))
        return found + lower(text)

    return names


_BOUNDARY = ",;:.!?)]\"”"  # a word ending in one of these ends a name before it
_TAIL = 8  # lower-case words between a name's capitalised head and its facility word
_WINDOW = 400  # characters read back from a facility word: six capitalised and eight other words


def _lower_case_names(w: dict, starts: set, generic: set):
    """Names whose facility word is in lower case: a capitalised head with a word that is not
    generic (two words, or one that does not open its sentence, where any word is capitalised),
    then at most eight lower-case words or figures, none of `stops` (the, to, will ...). The words
    before each facility word are read backwards: the time follows the number of those words."""
    ends = _alternation([e.lower() for e in w["ends"]])
    if not ends or not w["stops"]:
        return lambda text: []
    facility = re.compile(rf"(?<=\s)({ends})\b(?![\w-])")
    stops = set(w["stops"])

    def names(text: str) -> list[str]:
        found = []
        for end in facility.finditer(text):
            start = max(0, end.start() - _WINDOW)
            words = text[start: end.start()].split()
            if start and not text[start - 1].isspace():
                words = words[1:]  # cut by the window
            name = _read_back(words, stops, starts, at_start=start == 0)
            if name and [t for t in name[0] if t not in generic and not t[0].isdigit()]:
                found.append(" ".join(name[0] + name[1] + [end.group(1)]))
        return found

    return names


def _read_back(words: list[str], stops: set, starts: set, at_start: bool) -> tuple[list, list] | None:
    """(head, tail) ending `words`: up to eight lower-case words or figures, none of `stops`, and
    before them up to six capitalised words or figures, less the verbs that lead them (`starts`);
    None when there is no such head, or its one word opens a sentence or a bracket."""
    i, tail = len(words), []
    while i and len(tail) < _TAIL and (words[i - 1][0].islower() or words[i - 1][0].isdigit()) \
            and words[i - 1] not in stops and words[i - 1][-1] not in _BOUNDARY:
        i -= 1
        tail.insert(0, words[i])
    head = []
    while i and len(head) < 6 and (words[i - 1][0].isupper() or words[i - 1][0].isdigit() or words[i - 1][0] in "(["):
        if words[i - 1][-1] in _BOUNDARY:
            break
        i -= 1
        head.insert(0, words[i])
        if words[i][0] in "([":
            break
    opens = (i == 0 and at_start) or (i > 0 and words[i - 1][-1] in ".;:!?")
    if head and head[0][0] in "([":
        head[0], opens = head[0][1:], True
    while head and head[0] in starts:
        head, opens = head[1:], False
    if not head or not head[0][:1].isupper() or (len(head) == 1 and opens):
        return None
    return head, tail


def _split_after(tokens: list[str], ends: set[str], joins: set[str]) -> list[list[str]]:
    """A run cut where a join follows a facility word: "A Park and B Park" names two parks."""
    parts, current = [], []
    for i, t in enumerate(tokens):
        if t in joins and current and current[-1] in ends and i + 1 < len(tokens):
            parts.append(current)
            current = []
        else:
            current.append(t)
    return parts + [current]
