"""Command line: a thin layer over drafter.api. Every user error is one line on stderr, exit 2."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import DrafterError


def _fail(exc: DrafterError) -> None:
    click.echo(f"drafter: error: {exc.render()}", err=True)
    sys.exit(2)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            _fail(exc)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def main() -> None:
    """drafter: draft and check local carbon-peaking implementation plans (碳达峰实施方案)."""


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
@click.option("--force", is_flag=True, help="Overwrite an existing output file.")
def generate(params, output, lang, fmt, templates_dir, rules_dir, force) -> None:
    """Write a plan draft for the locality described in PARAMS (YAML or JSON)."""
    from .api import generate_document, render
    from .output import write_atomic
    from .rules import load_rules

    target = Path(output) if output else Path(f"{Path(params).stem}-{lang}.{fmt}")
    if target.exists() and not force:
        raise DrafterError("output exists", file=str(target), fix="pass --force to overwrite it")
    doc = generate_document(params, lang, rules=load_rules(rules_dir), templates_dir=templates_dir)
    written = write_atomic(target, render(doc, fmt), force=force)
    click.echo(f"wrote {written}")


def _max_bytes(max_size: float) -> int:
    return int(max_size * 1024 * 1024)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="en", show_default=True,
              help="Language of the messages.")
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rules to use instead of the built-in ones.")
@click.option("--max-size", type=float, default=20, show_default=True, help="Largest file to read, in MB.")
def validate(files, fmt, lang, rules_dir, max_size) -> None:
    """Check drafts (.docx, .txt, .md) against the required sections, their order and the targets.

    Exit 0 when no error-level finding, 1 when there is one, 2 when a file cannot be read
    (the other files are still checked)."""
    from .report import format_report
    from .rules import load_rules
    from .validate import validate_file

    rules = load_rules(rules_dir)
    reports, unreadable = [], False
    for path in files:
        try:
            reports.append(validate_file(path, rules, lang, _max_bytes(max_size)))
        except DrafterError as exc:
            unreadable = True
            click.echo(f"drafter: error: {exc.render()}", err=True)
    if fmt == "json":
        payload = reports[0] if len(files) == 1 and reports else reports
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        click.echo("\n\n".join(format_report(r, lang) for r in reports))
    sys.exit(2 if unreadable else (0 if all(r["ok"] for r in reports) else 1))


@main.command()
@click.argument("file", type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--rules", "rules_dir", type=click.Path(), help="Folder of rules to use instead of the built-in ones.")
@click.option("--max-size", type=float, default=20, show_default=True, help="Largest file to read, in MB.")
def outline(file, fmt, rules_dir, max_size) -> None:
    """Print the outline recovered from FILE, with the canonical id of each section."""
    from .report import format_outline
    from .rules import load_rules
    from .validate import outline_file

    result = outline_file(file, load_rules(rules_dir), _max_bytes(max_size))
    click.echo(json.dumps(result, ensure_ascii=False, indent=2) if fmt == "json" else format_outline(result))


@main.command()
def schema() -> None:
    """Print the JSON Schema of parameters files (for editor autocompletion)."""
    from .params import PlanParams

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
