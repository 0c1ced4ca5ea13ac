"""The library API: one function per job, each taking the Settings and returning a structured
result (the document model, a report, the parameters, a table). The command line only prints
these results and a web page only serialises them.

    settings = Settings(lang="zh")
    doc = generate("samples/deqing.yaml", settings)
    data = render(doc, "docx")
    report = validate("draft.docx", settings.with_lang("en"))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .model import Document
from .settings import Settings

__all__ = ["Settings", "generate", "render", "validate", "review", "outline", "extract", "compare", "batch",
           "parent_targets", "generate_with_parent", "expand_paths", "generate_document", "READABLE",
           "review_document", "review_to", "review_folder", "review_name", "html_report"]

DEFAULT = Settings()
READABLE = (".docx", ".pdf", ".doc", ".wps", ".txt", ".md", ".markdown")  # what `validate` finds in a folder


# -- generating ---------------------------------------------------------------------------------
def generate(params, settings: Settings = DEFAULT) -> Document:
    """A plan in the settings' language from parameters (a PlanParams, or a YAML/JSON file)."""
    from .generate.compose import compose
    from .generate.params import PlanParams, load_params

    rules = settings.rules
    if not isinstance(params, PlanParams):
        params = load_params(params, rules)
    return compose(params, rules, settings.lang, settings.templates_dir)


def generate_document(params, lang: str = "zh", *, rules=None, templates_dir=None) -> Document:
    """`generate` for a caller holding a Rules object rather than Settings."""
    settings = Settings.with_rules(rules, lang=lang, templates_dir=templates_dir) if rules is not None \
        else Settings(lang=lang, templates_dir=templates_dir)
    return generate(params, settings)


def generate_with_parent(params, parent, fmt: str = "docx", settings: Settings = DEFAULT):
    """A draft's bytes with the superior's plan (any readable file, or its parameters) at hand: its
    passages as comments, the weaker targets, the prompts for its other indicators (superior.py)."""
    from .superior import generate_with_parent as drafted

    return drafted(params, parent, settings, fmt)


def render(doc: Document, fmt: str, settings: Settings = DEFAULT) -> bytes:
    """A document as the bytes of a .docx (laid out as the rules' layout.yaml says) or Markdown file."""
    if fmt == "docx":
        from .writers.docx_writer import to_docx  # python-docx is only imported when needed
        return to_docx(doc, settings.rules.layout)
    if fmt == "md":
        from .writers.md_writer import to_markdown
        return to_markdown(doc).encode("utf-8")
    raise ValueError(f"unknown format {fmt}")


def batch(localities, outdir, settings: Settings = DEFAULT, **options):
    """One plan per row of a list of localities (options: base, fmt, jobs, force, progress)."""
    from .batch import run_batch

    return run_batch(localities, outdir, settings, **options)


# -- reading and checking -----------------------------------------------------------------------
def outline(path, settings: Settings = DEFAULT) -> Document:
    """The document model a file reads into (its outline, with canonical ids)."""
    from .read import read_document

    return read_document(path, settings.rules, settings.max_bytes)


def validate(path, settings: Settings = DEFAULT, parent: list | None = None):
    """The report of one file (a check.validate.Report); DrafterError when it cannot be read."""
    from .check.validate import check_document

    return check_document(outline(path, settings), settings.rules, settings.lang, parent, str(path))


def review(paths: Iterable, settings: Settings = DEFAULT, parent: list | None = None,
           progress: Callable | None = None, jobs: int = 1):
    """Several files (folders stand for the drafts inside them), checked on `jobs` processes: a
    report for each readable one, a one-line message for each that is not; one unreadable file
    does not stop the others. `progress(done, total)` is called after each file."""
    from .batch import map_files
    from .check.validate import Review

    _ = settings.rules  # a rules folder that cannot be used fails the review, not each file
    files = expand_paths(paths)
    result = Review(order=[str(p) for p in files])
    for path, (report, message) in zip(files, map_files(_validate_one, files, (settings, parent), jobs, progress)):
        if report is None:
            result.unreadable.append((str(path), message))
        else:
            result.reports.append(report)
    return result


def _validate_one(shared, path):
    """(report, None), or (None, the one-line message) when the file cannot be read."""
    from .errors import DrafterError

    settings, parent = shared
    try:
        return validate(path, settings, parent), None
    except DrafterError as exc:
        return None, exc.render()


def html_report(result, settings: Settings = DEFAULT, lang: str = "en") -> str:
    """A review of several files (or one) as one self-contained HTML page (writers/html_report.py):
    each report with its targets, and the summary rows."""
    from .check.remarks import heading_lines
    from .quantities import indicator_name, value_text
    from .writers.html_report import html_report as page

    rules = settings.rules
    reports = []
    for report in result.reports:
        data = report.as_dict()
        for finding, line in zip(data["findings"], heading_lines(report, rules)):
            finding["at"] = line  # a missing section under the heading it should follow
        data["targets"] = [{"indicator": indicator_name(rules.indicator(t.indicator), lang), "year": t.year,
                            "value": value_text(t, rules, lang), "section": _section_title(report.document, t.section),
                            "quote": t.quote or ""} for t in report.targets]
        reports.append(data)
    rows = result.rows() if len(result.order) > 1 else []
    return page(reports, rows, rules.wording, lang)


def _section_title(doc, sid) -> str:
    section = doc.find(sid) if sid else None
    return f"{section.number}{section.title}".strip() if section is not None else (sid or "")


def parent_targets(path, settings: Settings = DEFAULT) -> list:
    """The targets of a superior's plan: a parameters file (.yaml/.yml/.json) or a plan in any
    readable form."""
    from .read.targets import find_targets, from_params

    from .loader import DATA_SUFFIXES

    if Path(path).suffix.lower() in DATA_SUFFIXES:
        from .generate.params import load_params
        return from_params(load_params(path, settings.rules), settings.rules)
    return find_targets(outline(path, settings), settings.rules)


def extract(path, settings: Settings = DEFAULT) -> dict:
    """A parameters file's data recovered from an existing plan (vocabulary.md keys)."""
    from .read.extract import extract_file

    return extract_file(path, settings.rules, settings.max_bytes)


@dataclass
class Comparison:
    """The targets of several files, one column per file."""

    columns: list[tuple[str, list]]


def compare(paths: Iterable, settings: Settings = DEFAULT) -> Comparison:
    return Comparison([(Path(p).name, parent_targets(p, settings)) for p in paths])


def expand_paths(items: Iterable) -> list[Path]:
    """Files as given; a folder stands for the drafts inside it (recursively, sorted). DrafterError
    when only folders are given and they hold no draft: checking nothing is no pass."""
    from .errors import DrafterError

    items = list(items)
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READABLE
                          and not f.name.startswith((".", "~$")))
        else:
            out.append(p)
    if items and not out:
        raise DrafterError(f"no draft here ({', '.join(READABLE)})", file=", ".join(str(i) for i in items),
                           fix="point at the folder holding the drafts")
    return out


# -- reviewing: the findings as comments in a copy of the draft ----------------------------------
@dataclass
class Reviewed:
    """A draft reviewed: its report (check.validate.Report), the reviewed .docx and the language."""

    report: object
    data: bytes
    lang: str
    comments: int  # the summary and one per error or warning


def review_document(path, settings: Settings = DEFAULT, parent: list | None = None, author: str | None = None,
                    lang: str | None = None) -> Reviewed:
    """A copy of the draft with every error and warning of `validate` as a Word comment where it
    belongs and a summary at the title; a draft that is not a .docx becomes a new .docx review copy.
    `lang` (default: the draft's) is the comments' language. DrafterError when it cannot be read."""
    from .check.remarks import remarks, review_words
    from .check.validate import check_document
    from .read import read_with_lines
    from .writers.docx_comments import Remark, Signature, review_copy

    rules = settings.rules
    doc, lines = read_with_lines(path, rules, settings.max_bytes)
    lang = lang or ("zh" if doc.language.startswith("zh") else "en")
    report = check_document(doc, rules, lang, parent, str(path))
    words = review_words(rules.wording, lang)
    signature = Signature(author, _initials(author)) if author else Signature(words.author, words.initials)
    placed = [Remark(p.line, p.lines, p.mark) for p in remarks(report, lines, rules, lang, len(report.targets))]
    if Path(path).suffix.lower() == ".docx":
        data = _commented(path, placed, signature, settings.max_bytes)
    else:
        data = review_copy(words.copy_title.format(file=Path(path).name), words.copy_note,
                           [(line.no, line.text) for line in lines], placed, signature)
    return Reviewed(report, data, lang, len(placed))


def _commented(path, placed, signature, max_bytes: int) -> bytes:
    """The draft with the comments; a .docx the reader could read but python-docx cannot open
    (a package without its content types, a broken relationship) is one line, not a traceback."""
    from .errors import DrafterError
    from .read.docx_lines import check_package
    from .writers.docx_comments import comment_docx

    check_package(Path(path), max_bytes)  # python-docx opens every part, also those the reader skips
    try:
        return comment_docx(path, placed, signature)
    except Exception as exc:  # python-docx raises what the package's flaw makes it meet
        reason = str(exc).strip("\"'") or type(exc).__name__
        raise DrafterError(f"cannot add comments to this .docx: {reason}", file=str(path),
                           fix="open and re-save the file in Word or WPS, then review it again") from None


def _initials(author: str) -> str:
    parts = author.split()
    return "".join(p[0] for p in parts)[:3].upper() if len(parts) > 1 else author[:2]


def review_name(path, lang: str, settings: Settings = DEFAULT, with_type: bool = False) -> str:
    """The reviewed copy's file name: <draft>-<suffix>.docx, the suffix from wording.yaml; with
    the draft's type when a draft of the same name but another type is beside it (plan.md and
    plan.docx: plan-md-<suffix>.docx and plan-docx-<suffix>.docx)."""
    from .check.remarks import review_words

    p = Path(path)
    stem = f"{p.stem}-{p.suffix[1:].lower()}" if with_type and p.suffix else p.stem
    return f"{stem}-{review_words(settings.rules.wording, lang).suffix}.docx"


def review_to(path, target=None, settings: Settings = DEFAULT, parent: list | None = None,
              author: str | None = None, lang: str | None = None, force: bool = False,
              into=None, with_type: bool = False) -> tuple[Reviewed, Path]:
    """Review a draft and write the copy atomically to `target` (default: review_name in the
    folder `into`, or beside the draft), never over the draft and never over another file
    without `force`."""
    from .output import check_output, write_atomic

    folder = Path(into) if into is not None else Path(path).parent
    if target is None and lang is not None:
        target = folder / review_name(path, lang, settings, with_type)
    if target is not None:
        _not_the_draft(path, target)
        check_output(target, force)  # before the work
    reviewed = review_document(path, settings, parent, author, lang)
    if target is None:  # named after the draft's own language, known only now
        target = folder / review_name(path, reviewed.lang, settings, with_type)
        _not_the_draft(path, target)
    return reviewed, write_atomic(target, reviewed.data, force=force)


@dataclass
class FolderReview:
    """One row per draft of a folder: file, output, status (written, skipped: the review exists,
    unreadable), errors, warnings, and the one-line message of an unreadable draft."""

    rows: list[dict]

    @property
    def ok(self) -> bool:
        return all(r["status"] != "unreadable" and not r["errors"] for r in self.rows)

    @property
    def unreadable(self) -> list[str]:
        return [r["message"] for r in self.rows if r["status"] == "unreadable"]


def review_folder(folder, outdir, settings: Settings = DEFAULT, parent: list | None = None,
                  author: str | None = None, lang: str | None = None, jobs: int = 1, force: bool = False,
                  progress: Callable | None = None) -> FolderReview:
    """Every draft in `folder` reviewed into `outdir` (keeping the sub-folders), on `jobs`
    processes. Earlier reviews in the folder, and anything in `outdir`, are not drafts."""
    from collections import Counter

    from .batch import _output_folder, map_files
    from .check.remarks import review_words

    # the rules first: a rules folder that cannot be used fails before the output folder is made
    suffixes = tuple(f"-{review_words(settings.rules.wording, lg).suffix}" for lg in ("zh", "en"))
    source, out = Path(folder), _output_folder(outdir)
    files = [f for f in expand_paths([source]) if not f.stem.endswith(suffixes)
             and out.resolve() not in f.resolve().parents]
    stems = Counter((f.parent, f.stem) for f in files)
    typed = frozenset(f for f in files if stems[(f.parent, f.stem)] > 1)  # plan.md beside plan.docx
    shared = (settings, parent, author, lang, force, source, out, typed)
    return FolderReview(map_files(_review_one, files, shared, jobs, progress))


def _review_one(shared, path) -> dict:
    from .errors import DrafterError
    from .output import OutputExists

    settings, parent, author, lang, force, source, out, typed = shared
    into = out / path.parent.relative_to(source)
    row = {"file": str(path), "output": "", "status": "written", "errors": None, "warnings": None, "message": ""}
    try:
        into.mkdir(parents=True, exist_ok=True)
        reviewed, target = review_to(path, None, settings, parent, author, lang, force, into, path in typed)
        row.update(output=str(target), errors=reviewed.report.summary["errors"],
                   warnings=reviewed.report.summary["warnings"])
    except OutputExists as exc:
        row.update(status="skipped", output=exc.file)
    except DrafterError as exc:
        row.update(status="unreadable", message=exc.render())
    except OSError as exc:
        row.update(status="unreadable", message=f"{path}: {exc.strerror or exc}")
    return row


def _not_the_draft(path, target) -> None:
    from .errors import DrafterError

    source, out = Path(path), Path(target)
    same = out.resolve() == source.resolve()
    if not same and out.exists() and source.exists():
        same = out.samefile(source)
    if same:
        raise DrafterError("the review would replace the draft itself", file=str(target),
                           fix="write the review elsewhere with -o")
