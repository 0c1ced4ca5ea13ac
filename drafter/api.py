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
           "parent_targets", "expand_paths", "generate_document", "READABLE"]

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
           progress: Callable | None = None):
    """Several files (folders stand for the drafts inside them): a report for each readable one,
    a one-line message for each that is not; one unreadable file does not stop the others.
    `progress(done, total)` is called after each file."""
    from .check.validate import Review
    from .errors import DrafterError

    _ = settings.rules  # a rules folder that cannot be used fails the review, not each file
    result = Review()
    files = expand_paths(paths)
    for done, path in enumerate(files, 1):
        result.order.append(str(path))
        try:
            result.reports.append(validate(path, settings, parent))
        except DrafterError as exc:
            result.unreadable.append((str(path), exc.render()))
        if progress:
            progress(done, len(files))
    return result


def parent_targets(path, settings: Settings = DEFAULT) -> list:
    """The targets of a superior's plan: a parameters file (.yaml/.yml/.json) or a plan in any
    readable form."""
    from .read.targets import find_targets, from_params

    if Path(path).suffix.lower() in (".yaml", ".yml", ".json"):
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
    """Files as given; a folder stands for the drafts inside it (recursively, sorted)."""
    out: list[Path] = []
    for item in items:
        p = Path(item)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in READABLE
                          and not f.name.startswith((".", "~$")))
        else:
            out.append(p)
    return out
