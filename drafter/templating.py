"""Jinja2 templates (sandboxed, strict undefined) and the small text format they render to.

A template renders paragraphs separated by blank lines. A line `## Title {#id}` starts a child
(a task); the task() call block writes these from the rules so titles stay the rules' words.
User folders passed with --templates override built-in files of the same name.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from .errors import DrafterError
from .resources import templates_dir

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
            block.children.append((match["id"] or "task", match["title"].strip(), target))
        elif not line:
            flush()
        else:
            current.append(line)
    flush()
    return block


class Templates:
    """The template set of one language, built-in files overridden by a user folder.
    Use `templates_for` to share one (with its compiled templates) per process."""

    def __init__(self, lang: str, user_dir: str | Path | None = None) -> None:
        self.lang = lang
        search: list[str] = []
        if user_dir is not None:
            user = Path(user_dir)
            if not user.is_dir():
                raise DrafterError("templates folder not found", file=str(user_dir),
                                   fix="pass a folder that holds your .j2 files (or zh/ and en/ folders)")
            search += [str(user / lang), str(user)]
        search.append(str(templates_dir() / lang))
        self.env = SandboxedEnvironment(
            loader=jinja2.FileSystemLoader(search),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
        )

    def render(self, name: str, context: dict) -> str:
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateNotFound as exc:
            raise DrafterError(f"template '{exc.name}' not found", fix="add it to your --templates "
                               "folder or remove the include") from None
        except jinja2.TemplateSyntaxError as exc:
            raise _template_error(exc) from None
        except DrafterError:
            raise
        except Exception as exc:  # UndefinedError, SecurityError, errors in a filter: all template faults
            file, line = _template_frame(exc, name, self.env)
            raise DrafterError(f"template error: {exc}", file=file, place=str(line) if line else None,
                               fix="fix the template or the parameter it uses") from None


def _template_error(exc: jinja2.TemplateSyntaxError) -> DrafterError:
    return DrafterError(f"template syntax error: {exc.message}", file=exc.filename or exc.name,
                        place=str(exc.lineno), fix="fix the Jinja syntax there")


def _template_frame(exc: BaseException, name: str, env: jinja2.Environment) -> tuple[str, int | None]:
    """The template file and line where a render error happened (Jinja maps frames to templates)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2"):
            return frame.filename, frame.lineno
    try:
        return env.get_template(name).filename or name, None
    except Exception:
        return name, None


_CACHE: dict[tuple[str, str | None], Templates] = {}


def templates_for(lang: str, user_dir: str | Path | None = None) -> Templates:
    """Templates compiled once per process and language (a batch reuses them for every plan)."""
    cache_key = (lang, str(Path(user_dir).resolve()) if user_dir is not None else None)
    if cache_key not in _CACHE:
        _CACHE[cache_key] = Templates(lang, user_dir)
    return _CACHE[cache_key]
