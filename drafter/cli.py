"""Command line: a thin layer over drafter.api. Every user error is one line on stderr, exit 2."""

from __future__ import annotations

import json
import math
import os
import sys
from contextlib import contextmanager, nullcontext
from pathlib import Path

import click

from . import __version__
from .errors import DrafterError


def _fail(exc: DrafterError) -> None:
    click.echo(f"drafter: error: {exc.render()}", err=True)
    sys.exit(2)


@contextmanager
def _one_line_errors():
    """Every mistake is one line, exit 2: ours, and click's usage errors (which click would print
    as "Usage: …", a hint and the error on three lines). A bare group still prints its help."""
    try:
        yield
    except DrafterError as exc:
        _fail(exc)
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "drafter"
        _fail(DrafterError(exc.format_message().rstrip("."), fix=f"see '{command} --help'"))


class _Group(click.Group):
    def make_context(self, *args, **kwargs):
        with _one_line_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _one_line_errors():
            return super().invoke(ctx)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def main() -> None:
    """drafter: draft and check local carbon-peaking implementation plans."""


def _max_bytes(max_size: float) -> int:
    return max(1, int(max_size * 1024 * 1024))  # a tiny positive --max-size is one byte, not zero


class _Megabytes(click.ParamType):
    """A size in MB: a positive, finite number (nan and inf are floats too)."""

    name = "MB"

    def convert(self, value, param, ctx):
        try:
            size = float(value)
        except (TypeError, ValueError):
            size = math.nan
        if not (math.isfinite(size) and size > 0):
            self.fail(f"{str(value)[:30]!r} is not a positive number of MB, such as 20", param, ctx)
        return size


_MAX_SIZE_OPTION = click.option("--max-size", type=_Megabytes(), default=20, show_default=True,
                                help="Largest file to read, in MB.")


def _rules(rules_dir=None, targets_file=None):
    """The rules, plus a user's indicator file when --targets names one."""
    from .rules import load_indicator_file, load_rules

    rules = load_rules(rules_dir)
    if targets_file:
        rules = rules.with_indicators(load_indicator_file(targets_file))
    return rules


_TARGETS_OPTION = click.option("--targets", "targets_file", type=click.Path(dir_okay=False),
                               help="Your own indicators (a YAML file in the form of rules/indicators.yaml).")



@main.command()
@click.argument("params", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output file "
              "(default: <params name>-<lang>.<format> in the current folder).")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True, help="Language of the plan.")
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx", show_default=True,
              help="Output format.")
@click.option("--templates", "templates_dir", type=click.Path(), help="Folder of your own templates; "
              "files there override the built-in ones by name.")
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rules to use instead of the built-in ones.")
@_TARGETS_OPTION
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def generate(params, output, lang, fmt, templates_dir, rules_dir, targets_file, force) -> None:
    """Write a plan draft for the locality described in PARAMS (YAML or JSON)."""
    from .api import generate_document, render
    from .output import check_output, write_atomic

    target = Path(output) if output else Path(f"{Path(params).stem}-{lang}.{fmt}")
    check_output(target, force)  # say so before drafting; write_atomic checks again, atomically, at the end
    doc = generate_document(params, lang, rules=_rules(rules_dir, targets_file), templates_dir=templates_dir)
    written = write_atomic(target, render(doc, fmt), force=force)
    click.echo(f"wrote {written}")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True,
              help="Language of the messages.")
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rules to use instead of the built-in ones.")
@_MAX_SIZE_OPTION
@click.option("--parent", "parent_file", type=click.Path(dir_okay=False),
              help="The superior's plan (any readable format) or parameters file: targets weaker than its are errors.")
@click.option("--details", is_flag=True, help="With several files, print each file's report after the summary.")
@_TARGETS_OPTION
def validate(files, fmt, lang, rules_dir, max_size, parent_file, details, targets_file) -> None:
    """Check drafts (.docx, .txt, .md, or folders of them) against the required sections, their
    order and the targets. Several files give a summary table, one row per file.

    Exit 0 when no error-level finding, 1 when there is one, 2 when a file cannot be read
    (the other files are still checked)."""
    from .check.report import format_report, format_summary, summary_row
    from .check.validate import expand_paths, parent_targets, validate_file

    rules = _rules(rules_dir, targets_file)
    parent = parent_targets(parent_file, rules, _max_bytes(max_size)) if parent_file else None
    paths = expand_paths(files)
    reports, rows, unreadable = [], [], False
    show_bar = len(paths) > 10 and sys.stderr.isatty()
    with click.progressbar(paths, label="validating", file=sys.stderr) if show_bar else nullcontext(paths) as items:
        for path in items:
            try:
                report = validate_file(path, rules, lang, _max_bytes(max_size), parent)
                reports.append(report)
                rows.append(summary_row(report))
            except DrafterError as exc:
                unreadable = True
                rows.append({"file": str(path), "language": "", "status": "unreadable", "errors": None,
                             "warnings": None, "info": None, "missing": [], "message": exc.render()})
                if len(paths) == 1 or fmt == "text":
                    click.echo(f"drafter: error: {exc.render()}", err=True)
    single = len(paths) == 1
    if fmt == "json":
        payload = reports[0] if single and reports else {"summary": rows, "reports": reports}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        click.echo(format_summary(rows, "csv", lang), nl=False)
    elif single:
        click.echo("\n\n".join(format_report(r, lang) for r in reports))
    else:
        click.echo(format_summary(rows, "text", lang), nl=False)
        if details:
            click.echo("\n" + "\n\n".join(format_report(r, lang) for r in reports))
    sys.exit(2 if unreadable else (0 if all(r["ok"] for r in reports) else 1))


@main.command()
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rules to use instead of the built-in ones.")
@_MAX_SIZE_OPTION
def outline(file, fmt, rules_dir, max_size) -> None:
    """Print the outline recovered from FILE, with the canonical id of each section."""
    from .check.report import format_outline
    from .rules import load_rules
    from .check.validate import outline_file

    result = outline_file(file, load_rules(rules_dir), _max_bytes(max_size))
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if fmt == "json" else format_outline(result))


@main.command()
@click.argument("file", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write a parameters file here instead of "
              "printing it.")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@_MAX_SIZE_OPTION
@_TARGETS_OPTION
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def extract(file, output, fmt, max_size, targets_file, force) -> None:
    """Recover the locality, structure and targets of an existing plan as a parameters file
    that `drafter generate` accepts."""
    from .read.extract import extract_file
    from .output import check_output, write_atomic

    if output:
        check_output(output, force)  # before the reading, not after it
    data = extract_file(file, _rules(None, targets_file), _max_bytes(max_size))
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
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@_TARGETS_OPTION
def targets_list(section, lang, targets_file) -> None:
    """List the indicators with unit, direction and section."""
    rules = _rules(None, targets_file)
    shown = [i for i in rules.indicators if section is None or i.section == section]
    if not shown:
        raise DrafterError(f"no indicator is placed in '{section}'", place="--section",
                           fix="use main_objectives or an action id such as action:transport")
    for ind in shown:
        click.echo(f"{ind.id:<44} {ind.unit:<6} {ind.direction:<5} {ind.section:<34} {getattr(ind.name, lang)}")


@targets.command("show")
@click.argument("indicator")
@_TARGETS_OPTION
def targets_show(indicator, targets_file) -> None:
    """One indicator: names, unit, placement, range, recognition patterns, phrasing for every
    qualifier in both languages, and the values the seed plans use."""
    from .generate.params import suggest
    from .generate.showcase import format_indicator

    rules = _rules(None, targets_file)
    if rules.indicator(indicator) is None:
        raise DrafterError(f"unknown indicator '{indicator}'", fix=suggest(indicator, rules.indicator_ids))
    click.echo(format_indicator(rules, indicator))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "md", "csv"]), default="text", show_default=True)
@_MAX_SIZE_OPTION
@_TARGETS_OPTION
def compare(files, fmt, max_size, targets_file) -> None:
    """The targets of several plans (or parameters files) side by side, one row per indicator and year."""
    from .check.compare import format_comparison
    from .check.validate import parent_targets

    rules = _rules(None, targets_file)
    columns = [(Path(f).name, parent_targets(f, rules, _max_bytes(max_size))) for f in files]
    click.echo(format_comparison(rules, columns, fmt), nl=False)


@main.command()
@click.argument("localities", type=click.Path(dir_okay=False))
@click.option("--base", type=click.Path(dir_okay=False), help="Parameters every row starts from (e.g. the city's own file).")
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False), help="Folder for the drafts.")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["docx", "md"]), default="docx", show_default=True)
@click.option("--jobs", type=click.IntRange(1, 64), default=min(2, os.cpu_count() or 1), show_default=True,
              help="Processes to draft with.")
@click.option("--templates", "templates_dir", type=click.Path(), help="Folder of your own templates.")
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rules to use instead of the built-in ones.")
@_TARGETS_OPTION
@click.option("--force", is_flag=True, help="Overwrite drafts that exist (default: skip them).")
def batch(localities, base, outdir, lang, fmt, jobs, templates_dir, rules_dir, targets_file, force) -> None:
    """Draft one plan per locality listed in LOCALITIES (CSV or YAML), in parallel.

    A bad row is reported with its row number and does not stop the others; exit 1 if any row
    failed, 2 if the list or the folder cannot be used. Existing drafts are skipped unless --force."""
    from .batch import run_batch

    bar = {}

    def progress(done, total):
        if "bar" not in bar:
            bar["bar"] = click.progressbar(length=total, label="drafting", file=sys.stderr)
            bar["bar"].__enter__()
        bar["bar"].update(1)

    try:
        result = run_batch(localities, outdir, base=base, lang=lang, fmt=fmt, jobs=jobs, force=force,
                           rules_dir=rules_dir, targets_file=targets_file, templates_dir=templates_dir,
                           progress=progress if sys.stderr.isatty() else None)  # stderr keeps one line a problem
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
    for message in result.failed:
        click.echo(f"drafter: error: {message}", err=True)
    rate = len(result.written) / result.seconds if result.seconds else 0.0
    click.echo(f"written {len(result.written)}, skipped {len(result.skipped)} (exist; --force to redo), "
               f"failed {len(result.failed)} in {result.seconds:.1f} s ({rate:.1f} plans/s)")
    if result.manifest:
        click.echo(f"each row's file: {result.manifest}")
    sys.exit(1 if result.failed else 0)


@main.command()
def schema() -> None:
    """Print the JSON Schema of parameters files (for editor autocompletion)."""
    from .generate.params import PlanParams

    click.echo(json.dumps(PlanParams.model_json_schema(), ensure_ascii=False, indent=2))


@main.command("rules")
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True)
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rules to list instead of the built-in ones.")
def rules_cmd(lang, rules_dir) -> None:
    """List the sections, actions (with their tasks) and indicators with their status."""
    from .rules import load_rules

    rules = load_rules(rules_dir)
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
    click.echo("Indicators:")
    for i in rules.indicators:
        click.echo(f"  {i.id:<44} {i.unit:<6} {i.section}")


if __name__ == "__main__":
    main()
