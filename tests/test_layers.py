"""The layout shows the two directions of the one data flow, and the imports keep to it:

    top        cli, api, settings, batch,         may use everything below
               superior, web/
    generate/  parameters + rules + templates -> model
    read/      files -> model                     writers/  model -> files
    check/     model + rules -> findings (uses read/ for the targets a document states)
    bottom     model, rules and their schemas, patterns, loader, output, errors

Generation never imports reading or checking, checking never imports generation, and the bottom
imports nothing above it. The README's "How it is built" names every module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

import drafter
from testkit import ROOT

PACKAGE = Path(drafter.__file__).parent
TOP = {"cli", "cli_options", "api", "settings", "batch", "superior", "web", "__main__", "__init__"}
ALLOWED = {
    "top": {"top", "generate", "read", "check", "writers", "bottom"},
    "generate": {"generate", "bottom"},
    "read": {"read", "bottom"},
    "check": {"check", "read", "bottom"},
    "writers": {"writers", "bottom"},
    "bottom": {"bottom"},
}


def layer(module: str) -> str:
    parts = module.split(".")[1:]  # without 'drafter'
    if not parts or parts[0] in TOP:
        return "top"
    return parts[0] if parts[0] in ("generate", "read", "check", "writers") else "bottom"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE.parent).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        found[".".join(parts)] = path
    return found


def imports_of(module: str, path: Path) -> set[str]:
    """Every drafter module `module` imports, at the top or inside a function."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" for a in node.names]
            out |= {n for n in names if n in MODULES} or {target}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
    return {m for m in out if m == "drafter" or m.startswith("drafter.")}


MODULES = modules()


def test_the_package_has_the_layers_of_the_flow():
    assert {layer(m) for m in MODULES} == set(ALLOWED)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_module_imports_only_its_own_layer_and_those_below(module):
    here = layer(module)
    wrong = sorted(m for m in imports_of(module, MODULES[module])
                   if m != "drafter" and layer(m) not in ALLOWED[here])
    assert not wrong, f"{module} ({here}) imports {wrong}"


def test_the_readme_names_every_module_where_it_draws_the_layout():
    readme = ROOT / "README.md"
    if not readme.is_file():
        pytest.skip("no checkout beside the tests")
    section = readme.read_text(encoding="utf-8").split("## How it is built", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"[\w/]+\.py", section))
    missing = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py")
                     if p.name not in ("__init__.py", "__main__.py")
                     and p.relative_to(PACKAGE).as_posix() not in named and p.name not in named)
    assert not missing, f"the README's layout does not name {missing}"


def test_modules_and_functions_stay_small_enough_to_hold_in_the_head():
    too_big = []
    for path in PACKAGE.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if len(source.splitlines()) > 400:
            too_big.append(f"{path.name}: {len(source.splitlines())} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno >= 60:
                too_big.append(f"{path.name}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not too_big


# Chinese characters, CJK punctuation and full-width forms: the plan's language belongs in rules/.
_CHINESE = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_the_plans_language_lives_in_the_rules_not_in_the_code():
    lines = [f"{path.relative_to(PACKAGE).as_posix()}:{n}" for path in PACKAGE.rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if _CHINESE.search(line)]
    assert len(lines) <= 15, lines
