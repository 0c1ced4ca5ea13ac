"""Command line: a thin layer over drafter.api. Every user error is one line on stderr, exit 2
(cli_options.py holds what the commands share)."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from . import __version__
from .cli_options import FORCE, MESSAGE_LANG, PLAN_LANG, Group, lang_option, progress_bar, with_settings
from .errors import DrafterError


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def main() -> None:
    """drafter: draft and check local carbon-peaking implementation plans."""


@main.command()
@click.argument("params", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file "
              "(default: <params name>-<lang>.<format> in the current folder).")
@PLAN_LANG
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]),
              help="Output format (default: the output file's, .md or .docx; else docx).")
@click.option("--no-prompts", is_flag=True, help="Leave out the prompts for local facts (a clean skeleton).")
@click.option("--parent", "parent_file", type=click.Path(dir_okay=False),
              help="The superior's plan (any readable format) or parameters file: its passage for each section "
                   "and action as a comment (a quote in Markdown), its targets checked, its other indicators prompted.")
@FORCE
@with_settings("templates_dir", "rules_dir", "targets_file", "max_bytes")
def generate(params, output, fmt, no_prompts, parent_file, force, settings, lang) -> None:
    """Write a plan draft for the locality described in PARAMS (YAML or JSON)."""
    from . import api
    from .output import check_output, write_atomic

    fmt = _output_format(fmt, output, _DRAFT_SUFFIXES, "docx")
    target = Path(output) if output else Path(f"{Path(params).stem}-{lang}.{fmt}")
    check_output(target, force)  # say so before drafting; write_atomic checks again, atomically, at the end
    if no_prompts:
        from .generate.params import load_params
        params = load_params(params, settings.rules).model_copy(update={"prompts": False})
    if parent_file:
        drafted = api.generate_with_parent(params, parent_file, fmt, settings)
        for line in drafted.weaker:
            click.echo(f"drafter: warning: {target}: {line}", err=True)
        written = write_atomic(target, drafted.data, force=force)
        click.echo(f"wrote {written} ({drafted.passages} passages of the superior's plan, "
                   f"{len(drafted.weaker)} targets weaker than its, {drafted.prompts} prompts for its other indicators)")
        return
    written = write_atomic(target, api.render(api.generate(params, settings), fmt, settings), force=force)
    click.echo(f"wrote {written}")


_DRAFT_SUFFIXES = {".docx": "docx", ".md": "md", ".markdown": "md"}
_PARAMS_SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def _output_format(fmt: str | None, output: str | None, suffixes: dict, default: str) -> str:
    """--format, else the output file's suffix, else `default`: a file named .md never receives a
    Word document, nor a .json YAML."""
    named = suffixes.get(Path(output).suffix.lower()) if output else None
    if fmt and named and fmt != named:
        raise DrafterError(f"--format {fmt} but the output file is named {Path(output).suffix}", file=output,
                           fix=f"drop --format, or name the file .{fmt}")
    return fmt or named or default


_PARENT = click.option("--parent", "parent_file", type=click.Path(dir_okay=False),
                       help="The superior's plan (any readable format) or parameters file: targets weaker than "
                            "its are errors.")
_JOBS = click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
                     help="Processes to check a folder's drafts with.")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "md", "html"]), default="text",
              show_default=True, help="csv and md: the summary table, one row per file; html: one page.")
@MESSAGE_LANG
@_PARENT
@click.option("--details", is_flag=True, help="With several files, print each file's report after the summary.")
@_JOBS
@with_settings("rules_dir", "max_bytes", "targets_file")
def validate(files, fmt, parent_file, details, jobs, settings, lang) -> None:
    """Check drafts (.docx, .pdf, .doc, .wps, .txt, .md, or folders of them) against the required
    sections, their order and the targets. Several files give a summary table, one row per file.

    Exit 0 when no error-level finding, 1 when there is one, 2 when a file cannot be read
    (the other files are still checked)."""
    from . import api
    from .check.report import format_report, format_summary

    parent = api.parent_targets(parent_file, settings) if parent_file else None
    # More than ten files get a bar; the total comes from review, which walks the folders once.
    with progress_bar("validating", sys.stderr.isatty(), at_least=11) as progress:
        result = api.review(files, settings, parent, progress, jobs=jobs)
    single = len(result.order) == 1
    if single or fmt == "text":
        for _, message in result.unreadable:
            click.echo(f"drafter: error: {message}", err=True)
    reports = [r.as_dict() for r in result.reports]
    wording = settings.rules.wording
    if fmt == "json":
        payload = reports[0] if single and reports else {"summary": result.rows(), "reports": reports}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "html":
        click.echo(api.html_report(result, settings, lang), nl=False)
    elif fmt in ("csv", "md"):
        click.echo(format_summary(result.rows(), fmt, lang, wording), nl=False)
    elif single:
        click.echo("\n\n".join(format_report(r, lang, wording) for r in reports))
    else:
        click.echo(format_summary(result.rows(), "text", lang, wording), nl=False)
        if details:
            click.echo("\n" + "\n\n".join(format_report(r, lang, wording) for r in reports))
    sys.exit(2 if result.unreadable else (0 if result.ok else 1))


@main.command()
@click.argument("draft", type=click.Path())
@click.option("-o", "--output", type=click.Path(), help="The reviewed copy (default: <draft>-<the rules' review "
              "suffix>.docx beside the draft); for a folder, the folder for the copies.")
@_PARENT
@click.option("--author", help="The comments' author (default: the rules' reviewer, 审核人 / Reviewer).")
@click.option("--lang", type=click.Choice(["zh", "en"]), help="Language of the comments (default: the draft's).")
@_JOBS
@FORCE
@with_settings("rules_dir", "max_bytes", "targets_file")
def review(draft, output, parent_file, author, jobs, force, settings, lang) -> None:
    """Write a copy of DRAFT with every error and warning of `validate` as a Word comment where it
    belongs, and a summary at the title. A draft that is not a .docx gets a new .docx review copy.
    DRAFT may be a folder: then -o names the folder for the copies.

    Exit 0 when no error-level finding, 1 when there is one, 2 when a draft cannot be read."""
    from . import api

    parent = api.parent_targets(parent_file, settings) if parent_file else None
    if Path(draft).is_dir():
        if not output:
            raise DrafterError("a folder needs -o, the folder for the reviewed copies", file=draft,
                               fix="add -o OUTDIR")
        with progress_bar("reviewing", sys.stderr.isatty(), at_least=2) as progress:
            result = api.review_folder(draft, output, settings, parent, author, lang, jobs, force, progress)
        for message in result.unreadable:
            click.echo(f"drafter: error: {message}", err=True)
        done, skipped = (sum(1 for r in result.rows if r["status"] == s) for s in ("written", "skipped"))
        click.echo(f"reviewed {done}, skipped {skipped} (exist; --force to redo), "
                   f"unreadable {len(result.unreadable)}, into {output}")
        sys.exit(2 if result.unreadable else (0 if result.ok else 1))
    reviewed, target = api.review_to(draft, output, settings, parent, author, lang, force)
    s = reviewed.report.summary
    click.echo(f"wrote {target} ({reviewed.comments} comments: {s['errors']} errors, {s['warnings']} warnings)")
    sys.exit(0 if reviewed.report.ok else 1)


@main.command()
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@with_settings("rules_dir", "max_bytes")
def outline(file, fmt, settings, lang) -> None:
    """Print the outline recovered from FILE, with the canonical id of each section."""
    from . import api
    from .check.report import format_outline

    doc = api.outline(file, settings)
    result = {"file": str(file), "language": doc.language, "title": doc.title, "sections": doc.outline()}
    text = json.dumps(result, ensure_ascii=False, indent=2) if fmt == "json" else \
        format_outline(result, settings.rules.wording)
    click.echo(text)


@main.command()
@click.argument("file", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write a parameters file here instead of "
              "printing it.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]),
              help="Parameters format (default: the output file's, .json or .yaml; else yaml).")
@FORCE
@with_settings("rules_dir", "max_bytes", "targets_file")
def extract(file, output, fmt, force, settings, lang) -> None:
    """Recover the locality, structure and targets of an existing plan as a parameters file
    that `drafter generate` accepts."""
    from . import api
    from .output import check_output, write_atomic

    fmt = _output_format(fmt, output, _PARAMS_SUFFIXES, "yaml")
    if output:
        check_output(output, force)  # before the reading, not after it
    data = api.extract(file, settings)
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        import yaml
        text = f"# Extracted by drafter {__version__} from {file}; check every value before use.\n" + \
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    if output:
        write_atomic(output, text.encode("utf-8"), force=force)
        click.echo(f"wrote {output} ({len(data['targets'])} targets)")
    else:
        click.echo(text, nl=False)


@main.group()
def targets() -> None:
    """The indicator library: list the indicators, show one with its phrasing."""


@targets.command("list")
@click.option("--section", help="Only indicators placed in this section, e.g. main_objectives or action:transport.")
@lang_option("en", "Language of the names.")
@with_settings("rules_dir", "targets_file")
def targets_list(section, settings, lang) -> None:
    """List the indicators with unit, direction and section."""
    shown = [i for i in settings.rules.indicators if section is None or i.section == section]
    if not shown:
        raise DrafterError(f"no indicator is placed in '{section}'", place="--section",
                           fix="use main_objectives or an action id such as action:transport")
    for ind in shown:
        click.echo(f"{ind.id:<44} {ind.unit:<6} {ind.direction:<5} {ind.section:<34} {getattr(ind.name, lang)}")


@targets.command("show")
@click.argument("indicator")
@with_settings("rules_dir", "targets_file")
def targets_show(indicator, settings, lang) -> None:
    """One indicator: names, unit, placement, range, recognition patterns, phrasing for every
    qualifier in both languages, and the values the seed plans use."""
    from .generate.params import suggest
    from .generate.showcase import format_indicator

    rules = settings.rules
    if rules.indicator(indicator) is None:
        raise DrafterError(f"unknown indicator '{indicator}'", fix=suggest(indicator, rules.indicator_ids))
    click.echo(format_indicator(rules, indicator))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "md", "csv"]), default="text", show_default=True)
@click.option("--chart", type=click.Path(dir_okay=False), help="Also draw the headline targets as an SVG chart here.")
@lang_option("en", "Language of the chart's labels.")
@FORCE
@with_settings("rules_dir", "max_bytes", "targets_file")
def compare(files, fmt, chart, force, settings, lang) -> None:
    """The targets of several plans (or parameters files) side by side, one row per indicator and year."""
    from . import api
    from .check.compare import format_comparison
    from .output import check_output, write_atomic

    if chart:
        check_output(chart, force)
    columns = api.compare(files, settings).columns
    click.echo(format_comparison(settings.rules, columns, fmt), nl=False)
    if chart:
        from .writers.chart import headline_chart
        click.echo(f"wrote {write_atomic(chart, headline_chart(settings.rules, columns, lang), force=force)}", err=True)


@main.command()
@click.argument("localities", type=click.Path(dir_okay=False))
@click.option("--base", type=click.Path(dir_okay=False), help="Parameters every row starts from (e.g. the city's own file).")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Folder for the drafts.")
@PLAN_LANG
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx", show_default=True)
@click.option("--jobs", type=click.IntRange(1, 64), default=min(2, os.cpu_count() or 1), show_default=True,
              help="Processes to draft with.")
@click.option("--force", is_flag=True, help="Overwrite drafts that exist (default: skip them).")
@with_settings("templates_dir", "rules_dir", "targets_file")
def batch(localities, base, outdir, fmt, jobs, force, settings, lang) -> None:
    """Draft one plan per locality listed in LOCALITIES (CSV or YAML), in parallel.

    A bad row is reported with its row number and does not stop the others; exit 1 if any row
    failed, 2 if the list or the folder cannot be used. Existing drafts are skipped unless --force."""
    from . import api

    with progress_bar("drafting", sys.stderr.isatty()) as progress:  # stderr keeps one line a problem
        result = api.batch(localities, outdir, settings, base=base, fmt=fmt, jobs=jobs, force=force,
                           progress=progress)
    for message in result.failed:
        click.echo(f"drafter: error: {message}", err=True)
    rate = len(result.written) / result.seconds if result.seconds else 0.0
    click.echo(f"written {len(result.written)}, skipped {len(result.skipped)} (exist; --force to redo), "
               f"failed {len(result.failed)} in {result.seconds:.1f} s ({rate:.1f} plans/s)")
    if result.manifest:
        click.echo(f"each row's file: {result.manifest}")
    sys.exit(1 if result.failed else 0)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 for an office network (needs --token).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the browser.")
@click.option("--token", help="Shared secret the page asks for once; required off this computer.")
@click.option("--workers", type=click.IntRange(1, 64), default=os.cpu_count() or 1, show_default=True,
              help="Processes doing the work.")
@with_settings("rules_dir", "max_bytes", "targets_file", "templates_dir")
def serve(host, port, open_browser, token, workers, settings, lang) -> None:
    """Serve the web page: draft, review, extract and compare in a browser. Ctrl-C stops it."""
    from .web.server import serve as run_server

    run_server(settings, host=host, port=port, open_browser=open_browser, token=token, workers=workers,
               say=lambda line: click.echo(line, err=True))


@main.command()
def schema() -> None:
    """Print the JSON Schema of parameters files (for editor autocompletion)."""
    from .generate.params import PlanParams

    click.echo(json.dumps(PlanParams.model_json_schema(), ensure_ascii=False, indent=2))


@main.command("rules")
@lang_option("en", "Language of the titles.")
@with_settings("rules_dir")
def rules_cmd(settings, lang) -> None:
    """List the sections, actions (with their tasks) and indicators with their status."""
    rules = settings.rules
    click.echo("Sections:")
    for s in rules.sections:
        indent = "    " if s.parent else "  "
        click.echo(f"{indent}{s.id:<34} {s.status:<9} {getattr(s.title, lang)}")
    click.echo("Actions (canonical order):")
    for a in rules.actions:
        click.echo(f"  {a.id:<34} {a.status:<9} {getattr(a.title, lang)}")
        for t in a.tasks:
            if t.sectors:
                click.echo(f"      {'(sector tasks)':<32} one per key industry: {', '.join(rules.industry_ids)}")
                continue
            cond = []
            if t.when.coastal:
                cond.append("coastal")
            if t.when.industry_any:
                cond.append("industry: " + ", ".join(t.when.industry_any))
            note = f" [{'; '.join(cond)}]" if cond else ""
            click.echo(f"      {t.id:<32} {getattr(t.title, lang)}{note}")
    click.echo("Local features (parameter features: their paragraph goes to the first place the plan has):")
    for f in rules.features.values():
        click.echo(f"  {f.id:<34} {getattr(f.name, lang):<20} {', '.join(f.places)}")
    click.echo("Indicators:")
    for i in rules.indicators:
        click.echo(f"  {i.id:<44} {i.unit:<6} {i.section}")


if __name__ == "__main__":
    main()
