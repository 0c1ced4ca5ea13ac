"""The work a request asks for, run in a worker process: each job takes the settings and files
already saved, calls drafter.api, and returns plain data (JSON-able values or bytes).

A file's own message names the uploaded file, not the private path it was saved under.
"""

from __future__ import annotations

from .. import api
from ..errors import DrafterError
from ..settings import Settings


class JobFailed(Exception):
    """A user error in a job: the one line the command line would print, with its HTTP status."""

    def __init__(self, message: str, status: int = 400, place: str | None = None) -> None:
        super().__init__(message, status, place)
        self.message = message
        self.status = status
        self.place = place  # where in a parameters file, so the page can show it at its field


def _named(message: str, files: list[tuple[str, str]]) -> str:
    for path, name in files:
        message = message.replace(path, name)
    return message


def run(job: str, settings: Settings, files: list[tuple[str, str]], options: dict):
    """Run `job` on `files` ((saved path, uploaded name) pairs); JobFailed on a user error."""
    try:
        return JOBS[job](settings.with_lang(options.get("lang", settings.lang)), files, options)
    except DrafterError as exc:
        raise JobFailed(_named(exc.render(), files + options.get("named", [])), 400, exc.place) from None


def _parent(settings: Settings, options: dict):
    parent = options.get("parent")
    return api.parent_targets(parent, settings) if parent else None


def generate(settings: Settings, files, options):
    (path, name), = files
    doc = api.generate(path, settings)
    return api.render(doc, options["format"], settings)


def validate(settings: Settings, files, options):
    """One report per file; with several files, one that cannot be read is an entry with its
    error and does not stop the others (as `drafter validate` does)."""
    parent = _parent(settings, options)
    out = []
    for path, name in files:
        try:
            report = api.validate(path, settings, parent).as_dict()
        except DrafterError as exc:
            if len(files) == 1:
                raise
            out.append({"file": name, "error": _named(exc.render(), files)})
            continue
        report["file"] = name
        out.append(report)
    return out


def report_page(settings: Settings, files, options):
    """The reports of `validate --format html`: one self-contained page, reports named as uploaded."""
    review = api.review([path for path, _ in files], settings, _parent(settings, options))
    if len(files) == 1 and review.unreadable:
        raise JobFailed(_named(review.unreadable[0][1], files))
    names = dict(files)
    for report in review.reports:
        report.file = names.get(report.file, report.file)
    review.order = [names.get(name, name) for name in review.order]
    review.unreadable = [(names.get(name, name), _named(message, files)) for name, message in review.unreadable]
    return api.html_report(review, settings, options.get("lang", "en"))


def review(settings: Settings, files, options):
    """The draft with the findings as Word comments: (the .docx, its file name)."""
    (path, name), = files
    reviewed = api.review_document(path, settings, _parent(settings, options), options.get("author") or None,
                                   options.get("comments_lang"))
    return reviewed.data, api.review_name(name, reviewed.lang, settings)


def extract(settings: Settings, files, options):
    (path, name), = files
    return api.extract(path, settings)


def compare(settings: Settings, files, options):
    from ..check.compare import comparison_table
    from ..writers.chart import headline_chart

    columns = [(name, api.parent_targets(path, settings)) for path, name in files]
    table = comparison_table(settings.rules, columns)
    return {**table, "chart": headline_chart(settings.rules, columns, settings.lang).decode("utf-8")}


def params(settings: Settings, files, options):
    """A parameters file read and checked, as the data the form shows."""
    import json

    from ..generate.params import load_params

    (path, name), = files
    return json.loads(load_params(path, settings.rules).model_dump_json(exclude_defaults=True))


JOBS = {"params": params, "generate": generate, "report_page": report_page, "review": review, "validate": validate, "extract": extract, "compare": compare}
