"""Jinja2 templates (sandboxed, strict undefined) and the small text format they render to.

A template renders paragraphs separated by blank lines. A line `## Title {#id}` starts a child
(a task); the task() call block writes these from the rules so titles stay the rules' words.
User folders passed with --templates override built-in files of the same name.

User templates are data, never a door: they run in `sandbox.PlainSandbox` on plain data, read
files only from inside their own folder, and every render is bounded in output and in time.
"""

from __future__ import annotations

import os
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from . import sandbox
from .deadline import DeadlineExceeded, run_within
from ..errors import DrafterError
from ..model import TASK
from ..resources import templates_dir

OUTPUT_LIMIT = 1_000_000     # characters one template may write
# What all the templates of one plan may write together: twenty times a long real plan, and
# what the .docx writer turns into a document in seconds.
PLAN_CHARACTERS = 2_000_000
PLAN_LINES = 5_000
RENDER_SECONDS = 3.0         # wall-clock time one render (with the templates it calls) may take
TEMPLATE_BYTES = 1_000_000   # size of a template file

# What no document can hold (XML 1.0 refuses these; a lone surrogate cannot even be saved).
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_CHILD = re.compile(r"^##\s+(?P<title>.+?)(?:\s*\{#(?P<id>[\w:.-]+)\})?\s*$")


@dataclass
class Block:
    """A rendered template: the paragraphs before any child, then the children."""

    paragraphs: list[str] = field(default_factory=list)
    children: list[tuple[str, str, list[str]]] = field(default_factory=list)  # (id, title, paragraphs)


def parse_rendered(text: str, lang: str) -> Block:
    block = Block()
    target = block.paragraphs
    joiner = "" if lang == "zh" else " "
    current: list[str] = []

    def flush() -> None:
        if current:
            target.append(joiner.join(current))
            current.clear()

    for raw in text.splitlines():
        line = raw.strip()
        match = _CHILD.match(line)
        if match:
            flush()
            target = []
            block.children.append((match["id"] or TASK, match["title"].strip(), target))
        elif not line:
            flush()
        else:
            current.append(line)
    flush()
    return block


class _FolderLoader(jinja2.BaseLoader):
    """Loads templates from search folders, each kept inside its root: a file reached through a
    link that leads out of the root is refused, so a template cannot read other files."""

    def __init__(self, folders: list[tuple[Path, Path]]) -> None:
        self.folders = [(str(folder), os.path.realpath(root)) for folder, root in folders]
        self.found: dict[str, str] = {}  # template name -> file, for errors before Jinja knows it

    def get_source(self, environment, template: str):
        pieces = split_template_path(template)  # refuses '..'
        for folder, root in self.folders:
            path = os.path.normpath(os.path.join(folder, *pieces))
            real = os.path.realpath(path)
            if not os.path.isfile(real):
                continue
            if os.path.commonpath([real, root]) != root:
                raise DrafterError("template is a link to a file outside its folder", file=path,
                                   fix="copy the file into the templates folder instead of linking to it")
            self.found[template] = path
            return _read_template(path, real), path, _unchanged(real)
        raise jinja2.TemplateNotFound(template)


def _read_template(path: str, real: str) -> str:
    with open(real, "rb") as handle:
        data = handle.read(TEMPLATE_BYTES + 1)
    if len(data) > TEMPLATE_BYTES:
        raise DrafterError(f"template is larger than {TEMPLATE_BYTES:,} bytes", file=path,
                           fix="split it, or check that this is the file you meant")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DrafterError(f"template is not UTF-8 text (byte {exc.start})", file=path,
                           fix="save it as UTF-8") from None


def _unchanged(real: str):
    try:
        mtime = os.path.getmtime(real)
    except OSError:
        mtime = None

    def check() -> bool:
        try:
            return os.path.getmtime(real) == mtime
        except OSError:
            return False
    return check


_rendering = threading.local()


class _PlanBudget:
    def __init__(self) -> None:
        self.characters, self.lines = PLAN_CHARACTERS, PLAN_LINES


@contextmanager
def plan_budget():
    """Renders inside share one budget of characters and lines: one plan's text."""
    previous = getattr(_rendering, "budget", None)
    _rendering.budget = _PlanBudget()
    try:
        yield
    finally:
        _rendering.budget = previous


class Templates:
    """The template set of one language, built-in files overridden by a user folder.
    Use `templates_for` to share one (with its compiled templates) per process."""

    def __init__(self, lang: str, user_dir: str | Path | None = None) -> None:
        self.lang, self.user_dir = lang, user_dir
        folders: list[tuple[Path, Path]] = []
        if user_dir is not None:
            user = Path(user_dir)
            if not user.is_dir():
                raise DrafterError("templates folder not found", file=str(user_dir),
                                   fix="pass a folder that holds your .j2 files (or zh/ and en/ folders)")
            folders += [(user / lang, user), (user, user)]
        builtin = templates_dir() / lang
        folders.append((builtin, builtin))
        self.env = sandbox.PlainSandbox(
            loader=_FolderLoader(folders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, name: str, context: dict) -> str:
        """The template's text. A template that a helper renders inside another one shares the
        outer render's time and range() budget."""
        if getattr(_rendering, "active", False):
            return self._render(name, context)
        _rendering.active = True
        sandbox.start_budget()
        plan = getattr(_rendering, "budget", None)
        try:
            if self.user_dir is None:  # only drafter's own templates: no loop to fear, no watchdog
                text = self._render(name, context, plan)
            else:
                text = run_within(RENDER_SECONDS, self._render, name, context, plan)
            if plan:
                plan.characters -= len(text)
                plan.lines -= text.count("\n")
            return text
        except DeadlineExceeded as exc:
            file, line = _template_frame(exc, self._file(name))
            raise DrafterError(f"template still running after {RENDER_SECONDS:g} seconds", file=file,
                               place=str(line) if line else None,
                               fix="look for a loop that runs too long") from None
        finally:
            _rendering.active = False

    def _render(self, name: str, context: dict, plan: _PlanBudget | None = None) -> str:
        try:
            text = _bounded_text(self.env.get_template(name), context, plan)
        except jinja2.TemplateNotFound as exc:
            raise DrafterError(f"template '{exc.name}' not found", fix="add it to your --templates "
                               "folder or remove the include") from None
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc) from None
        except DrafterError as exc:
            if exc.file:
                raise
            file, line = _template_frame(exc, self._file(name))  # a helper's error: say which template called it
            raise DrafterError(exc.message, file=file, place=str(line) if line else None, fix=exc.fix) from None
        except Exception as exc:  # UndefinedError, SecurityError, limits, errors in a filter: all template faults
            file, line = _template_frame(exc, self._file(name))
            raise DrafterError(f"template error: {exc}", file=file, place=str(line) if line else None,
                               fix="fix the template or the parameter it uses") from None
        bad = _UNWRITABLE.search(text)
        if bad:
            raise DrafterError(f"template writes character U+{ord(bad[0]):04X}, which no document can hold",
                               file=self._file(name), fix="remove it, or the escape such as \\x01 that writes it")
        return text


    def _file(self, name: str) -> str:
        """The file of a template, for errors that Jinja cannot place on a line."""
        return self.env.loader.found.get(name, name)


def _bounded_text(template: jinja2.Template, context: dict, plan: _PlanBudget | None) -> str:
    """Renders piece by piece and stops the template where its text passes the limit (thrown
    into the template, so the error names the line that wrote too much)."""
    parts, characters, lines = [], 0, 0
    max_characters = min(OUTPUT_LIMIT, plan.characters) if plan else OUTPUT_LIMIT
    max_lines = plan.lines if plan else None
    stream = template.generate(context)
    for part in stream:
        characters += len(part)
        if max_lines is not None:
            lines += part.count("\n")
        if characters > max_characters or (max_lines is not None and lines > max_lines):
            stream.throw(sandbox.TemplateLimitError(_too_much(characters > OUTPUT_LIMIT)))
        parts.append(part)
    return "".join(parts)


def _too_much(one_template: bool) -> str:
    if one_template:
        return f"the template writes more than {OUTPUT_LIMIT:,} characters"
    return (f"the templates of this plan write more than {PLAN_CHARACTERS:,} characters or "
            f"{PLAN_LINES:,} lines together")


def _template_error(exc: jinja2.TemplateSyntaxError) -> DrafterError:
    return DrafterError(f"template syntax error: {exc.message}", file=exc.filename or exc.name,
                        place=str(exc.lineno), fix="fix the Jinja syntax there")


def _template_frame(exc: BaseException, name: str) -> tuple[str, int | None]:
    """The template file and line where an error happened: the innermost template frame."""
    file, line = name, None
    tb = exc.__traceback__
    while tb is not None:
        frame = tb.tb_frame
        template = frame.f_globals.get("__jinja_template__")
        if template is not None:  # compiled template code (the deadline's exception is not rewritten)
            file, line = template.filename or template.name, template.get_corresponding_lineno(tb.tb_lineno)
        elif "__jinja_exception__" in frame.f_globals:  # a frame Jinja rewrote to the template line
            file, line = frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return file, line


_CACHE: dict[tuple[str, str | None], Templates] = {}


def templates_for(lang: str, user_dir: str | Path | None = None) -> Templates:
    """Templates compiled once per process and language (a batch reuses them for every plan)."""
    cache_key = (lang, str(Path(user_dir).resolve()) if user_dir is not None else None)
    if cache_key not in _CACHE:
        _CACHE[cache_key] = Templates(lang, user_dir)
    return _CACHE[cache_key]
