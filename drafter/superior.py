"""generate --parent: a draft with the superior's plan at hand.

The superior (a plan in any readable form, or its parameters file) is read once into plain data:
its passage for each section and action, and its targets. The draft is composed as without it,
then the superior's indicators it does not set become prompts in the main objectives, and the
rendered draft is read back, as `validate` reads it, to place the passages at the headings of the
same ids and the `parent_targets` check's findings at the targets' sentences: Word comments in a
.docx, blockquotes under the heading or paragraph in Markdown. Generation itself never sees the
superior (generate/ does not import read/ or check/).
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .loader import DATA_SUFFIXES
from .settings import Settings

@dataclass(frozen=True)
class Superior:
    """What a draft takes from its superior's plan."""

    passages: dict[str, tuple[str, ...]]  # section or action id -> the comment's lines
    targets: list  # model.Target, as `validate --parent` compares them


@dataclass
class Drafted:
    """A draft generated with its superior: the file's bytes, the superior's targets the draft
    states weaker (one line each, the check's message), and how many comments or quotes it holds."""

    data: bytes
    weaker: list[str]
    passages: int
    prompts: int


def superior_words(rules, lang: str):
    """wording.yaml's `superior` words, or the built-in ones for a rules folder written before them."""
    return rules.wording.words_in("superior", lang)


def read_superior(path, settings: Settings, lang: str) -> Superior:
    """The superior's passages (in its own words; from a parameters file, the plan it generates in
    `lang`) and its targets."""
    from .api import generate, outline
    from .read.passages import passages
    from .read.targets import find_targets, from_params

    rules, words = settings.rules, superior_words(settings.rules, lang)
    if Path(path).suffix.lower() in DATA_SUFFIXES:
        from .generate.params import load_params

        params = load_params(path, rules)
        doc, targets = generate(params, settings.with_lang(lang)), from_params(params, rules)
    else:
        doc = outline(path, settings)
        targets = find_targets(doc, rules)
    found = passages(doc, words.limit, words.more, getattr(rules.wording.list_join, lang))
    return Superior({sid: (words.heading.format(heading=h), *body) for sid, (h, *body) in found.items()}, targets)


def generate_with_parent(params, parent, settings: Settings, fmt: str) -> Drafted:
    """The draft of `params` in `fmt` (docx or md) with the superior at `parent` at hand."""
    from .api import generate, render
    from .generate.params import PlanParams, load_params

    if not isinstance(params, PlanParams):
        params = load_params(params, settings.rules)
    lang = settings.lang
    superior = read_superior(parent, settings, lang)
    doc = generate(params, settings)
    prompts = add_prompts(doc, params, superior.targets, settings.rules, lang) if params.prompts else 0
    data = render(doc, fmt, settings)
    placed, weaker = _placed(data, fmt, superior, settings, settings.rules.with_indicators(params.indicators))
    words = superior_words(settings.rules, lang)
    if fmt == "docx":
        from .writers.docx_comments import Signature, comment_docx

        data = comment_docx(io.BytesIO(data), placed, Signature(words.author, words.initials))
    else:
        data = quoted(data.decode("utf-8"), placed).encode("utf-8")
    return Drafted(data, weaker, len(placed) - len(weaker), prompts)


def add_prompts(doc, params, targets: list, rules, lang: str) -> int:
    """A prompt in the main objectives for each (indicator, year) the superior sets and the draft
    does not: in the placeholder form, so `validate` lists it until the office fills it in. The
    headline indicators the composer already prompts for and the peak year it always writes are
    left out."""
    from .quantities import indicator_name, value_text

    rules = rules.with_indicators(params.indicators)
    section = doc.find("main_objectives")
    if section is None:
        return 0
    own = {(t.indicator, t.year) for t in params.targets}
    horizons = rules.phrasing.horizons
    form, words = getattr(rules.wording.placeholder, lang), superior_words(rules, lang)
    asked = []
    for t in targets:
        ind = rules.indicator(t.indicator)
        key = (t.indicator, t.year)
        if (ind is None or t.year is None or ind.kind == "year" or key in own or key in asked
                or t.indicator in horizons.get(t.year, [])):
            continue
        asked.append(key)
        section.paragraphs.append(form.write(words.prompt.format(
            name=indicator_name(ind, lang), year=t.year, value=value_text(t, rules, lang))))
    return len(asked)


def _placed(data: bytes, fmt: str, superior: Superior, settings: Settings, rules) -> tuple[list, list[str]]:
    """The remarks for the rendered draft, read back as `validate` reads it (with the draft's own
    indicators): the superior's passage at each heading of the same id, then each weaker target
    at its sentence."""
    from .check.remarks import parent_findings, parent_remarks
    from .check.validate import check_document
    from .read import read_with_lines
    from .writers.docx_comments import Remark

    lang = settings.lang
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"draft.{fmt}"
        path.write_bytes(data)
        doc, lines = read_with_lines(path, rules, max(settings.max_bytes, len(data) + 1))
    out = [Remark(s.line, superior.passages[s.id]) for s in doc.walk()
           if s.id in superior.passages and s.line is not None]
    report = check_document(doc, rules, lang, superior.targets)
    found = parent_remarks(report, lines, rules, lang)
    weaker = [f"{f.rule}: {f.message}" for f in parent_findings(report)]
    return out + [Remark(p.line, p.lines, p.mark) for p in found], weaker


def quoted(text: str, remarks: list) -> str:
    """Markdown with each remark as a blockquote after its line (the heading, or the paragraph
    holding the target's sentence), its lines as the quote's paragraphs."""
    after: dict[int, list[str]] = {}
    for remark in remarks:
        after.setdefault(remark.paragraph, []).append("\n>\n".join(f"> {line}" for line in remark.lines))
    out = []
    for no, line in enumerate(text.split("\n"), 1):
        out.append(line)
        for quote in after.get(no, []):
            out += ["", quote]
    return "\n".join(out)
