"""What the commands share: one-line errors (exit 2) for ours and click's usage errors, the
options declared once with their help from the Settings fields, the Settings object built from
them, and the progress bar."""

from __future__ import annotations

import functools
import math
import sys
from contextlib import contextmanager

import click

from .errors import DrafterError
from .limits import DOCUMENT_MAX_BYTES as DEFAULT_MAX_BYTES
from .settings import Settings, field_help


def fail(exc: DrafterError) -> None:
    click.echo(f"drafter: error: {exc.render()}", err=True)
    sys.exit(2)


@contextmanager
def _one_line_errors():
    """Every mistake is one line, exit 2: ours, and click's usage errors (which click would print
    as "Usage: …", a hint and the error on three lines). A bare group still prints its help."""
    try:
        yield
    except DrafterError as exc:
        fail(exc)
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "drafter"
        fail(DrafterError(exc.format_message().rstrip("."), fix=f"see '{command} --help'"))


class Group(click.Group):
    def make_context(self, *args, **kwargs):
        with _one_line_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx):
        with _one_line_errors():
            return super().invoke(ctx)


class _Megabytes(click.ParamType):
    """A size in MB: a positive, finite number (nan and inf are floats too), as bytes."""

    name = "MB"

    def convert(self, value, param, ctx):
        if isinstance(value, int):
            return value  # the default, already in bytes
        try:
            size = float(value)
        except (TypeError, ValueError):
            size = math.nan
        if not (math.isfinite(size) and size > 0):
            self.fail(f"{str(value)[:30]!r} is not a positive number of MB, such as 20", param, ctx)
        return max(1, int(size * 1024 * 1024))  # a tiny positive --max-size is one byte, not zero


# Each option the commands share, declared once; its help comes from the Settings field it sets.
_SHARED = {
    "rules_dir": lambda: click.option("--rules", "rules_dir", type=click.Path(), help=field_help("rules_dir")),
    "targets_file": lambda: click.option("--targets", "targets_file", type=click.Path(dir_okay=False),
                                         help=field_help("targets_file")),
    "templates_dir": lambda: click.option("--templates", "templates_dir", type=click.Path(),
                                          help=field_help("templates_dir")),
    "max_bytes": lambda: click.option("--max-size", "max_bytes", type=_Megabytes(), default=DEFAULT_MAX_BYTES,
                                      show_default="20", help="Largest file to read, in MB."),
}


def lang_option(default: str, help: str):
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=default, show_default=True, help=help)


PLAN_LANG = lang_option("zh", "Language of the plan.")
MESSAGE_LANG = lang_option("en", "Language of the messages.")
FORCE = click.option("--force", is_flag=True, help="Overwrite an existing output file.")


def with_settings(*names: str):
    """Adds the shared options `names` (and --lang when the command declares it) to a command and
    hands it one Settings object, built from them, as `settings`."""
    def decorate(command):
        @functools.wraps(command)
        def run(**values):
            chosen = {n: values.pop(n) for n in (*names, "lang") if n in values}
            return command(settings=Settings(**{k: v for k, v in chosen.items() if v is not None}),
                           lang=chosen.get("lang"), **values)
        for name in reversed(names):
            run = _SHARED[name]()(run)
        return run
    return decorate


@contextmanager
def progress_bar(label: str, shown: bool, at_least: int = 0):
    """A progress bar on stderr, opened on the first report of (done, total) when the total is at
    least `at_least`; None when not shown."""
    bar = {}

    def update(done: int, total: int) -> None:
        if total < at_least:
            return
        if "bar" not in bar:
            bar["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            bar["bar"].__enter__()
        bar["bar"].update(1)

    try:
        yield update if shown else None
    finally:
        if "bar" in bar:
            bar["bar"].__exit__(None, None, None)
