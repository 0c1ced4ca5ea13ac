"""The wheel ships the whole program, and the tests exercise the installed package.

A wheel is built from a copy of the checkout (a build in place would write build/ and *.egg-info
into it, and a stale build/lib could leak deleted modules into the wheel), once per module. Every
module under drafter/ and every file under rules/ and templates/ must be in it, at the place the
package reads it from, and nothing else may be.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import drafter
from drafter import resources

ROOT = Path(__file__).resolve().parent.parent
SOURCE_MODE = bool(os.environ.get("DRAFTER_TEST_SOURCE"))

# Where each source folder lands inside the package. drafter/_rules, _templates and _samples are
# links to rules/, templates/ and samples/; walking the real folders checks the links point at everything.
DATA_DIRS = {"rules": "drafter/_rules", "templates": "drafter/_templates", "samples": "drafter/_samples"}

# Build products, caches and environments: not source, and not copied for the build.
_NOT_SOURCE = shutil.ignore_patterns(".git", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
                                     ".pytest_cache", ".hypothesis", ".benchmarks", ".venv", "venv")


def _needs_checkout():
    if not ((ROOT / "pyproject.toml").is_file() and (ROOT / "drafter").is_dir()):
        pytest.skip(f"no checkout beside the tests ({ROOT} has no pyproject.toml and drafter/): "
                    "nothing to build a wheel from")


def _is_source_file(path: Path) -> bool:
    return path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".") \
        and path.suffix != ".pyc"


def expected_files() -> set[str]:
    """Paths the wheel must hold under drafter/: the modules, the rules, the templates, the samples
and the web page's files."""
    found = set()
    # os.walk does not follow links, so _rules/ and _templates/ are counted once, from their folders.
    for folder, dirs, files in os.walk(ROOT / "drafter"):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        web = "web" in Path(folder).relative_to(ROOT / "drafter").parts  # the page and what it loads
        found |= {(Path(folder) / f).relative_to(ROOT).as_posix() for f in files
                  if web and _is_source_file(Path(folder) / f) or f.endswith((".py", ".txt", ".j2"))}
    for folder, target in DATA_DIRS.items():
        found |= {f"{target}/{p.relative_to(ROOT / folder).as_posix()}"
                  for p in (ROOT / folder).rglob("*") if _is_source_file(p)}
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    _needs_checkout()
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    # symlinks=True keeps drafter/_rules -> ../rules a link, as in the checkout.
    shutil.copytree(ROOT, src, symlinks=True, ignore=_NOT_SOURCE)
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(src), "-w", str(tmp / "dist")],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=600)
    assert proc.returncode == 0, f"pip wheel failed:\n{proc.stdout}\n{proc.stderr}"
    built = list((tmp / "dist").glob("drafter-*.whl"))
    assert len(built) == 1, built
    with zipfile.ZipFile(built[0]) as zf:
        yield zf


def _wheel_files(wheel: zipfile.ZipFile) -> set[str]:
    return {name for name in wheel.namelist() if not name.endswith("/")}


def test_the_checkout_has_what_the_wheel_is_checked_against():
    # Guards the test below against passing on an empty expectation (a moved folder, a bad glob).
    _needs_checkout()
    names = expected_files()
    assert {"drafter/__init__.py", "drafter/cli.py", "drafter/read/outline.py", "drafter/generate/compose.py", "drafter/check/checks.py",
            "drafter/writers/docx_writer.py", "drafter/writers/html/report.html.j2", "drafter/_rules/checks.yaml",
            "drafter/_templates/zh/preamble.j2", "drafter/_templates/en/actions/transport.j2"} <= names
    for folder, target in DATA_DIRS.items():
        link = ROOT / target
        assert link.resolve() == (ROOT / folder).resolve(), f"{target} should link to {folder}/"


def test_every_module_and_data_file_is_in_the_wheel(wheel):
    missing = sorted(expected_files() - _wheel_files(wheel))
    assert not missing, f"the wheel lacks {len(missing)} file(s) of the source tree: {missing}"


def test_the_wheel_holds_nothing_else(wheel):
    names = _wheel_files(wheel)
    dist_info = {n for n in names if n.split("/")[0].endswith(".dist-info")}
    stray = sorted(names - dist_info - expected_files())
    assert not stray, f"the wheel holds files that are not the package's source: {stray}"
    assert {n.split("/")[0] for n in dist_info} == {f"drafter-{drafter.__version__}.dist-info"}


def test_the_wheel_installs_the_command(wheel):
    info = f"drafter-{drafter.__version__}.dist-info"
    entry_points = wheel.read(f"{info}/entry_points.txt").decode("utf-8")
    assert "[console_scripts]" in entry_points
    assert "drafter = drafter.cli:main" in entry_points
    # The wheel's data files are the checkout's (links followed, not stored as links).
    for target in ("drafter/_rules/indicators.yaml", "drafter/_templates/zh/title.j2"):
        folder = next(f for f, t in DATA_DIRS.items() if target.startswith(t + "/"))
        source = ROOT / folder / target[len(DATA_DIRS[folder]) + 1:]
        assert wheel.read(target) == source.read_bytes(), target


@pytest.mark.skipif(SOURCE_MODE, reason="DRAFTER_TEST_SOURCE is set: the checkout is tested on purpose")
def test_tests_import_the_installed_package(tmp_path):
    package = Path(drafter.__file__).resolve().parent
    assert not package.is_relative_to(ROOT), \
        f"the tests imported drafter from the checkout ({package}); install it: python3 -m pip install '.[test]'"
    assert {"site-packages", "dist-packages"} & set(package.parts), package
    for folder in (resources.rules_dir(), resources.templates_dir()):
        assert folder.resolve().is_relative_to(package), folder
    # The command-line tests run `python -m drafter` in a temporary folder: the same package.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run([sys.executable, "-c", "import drafter; print(drafter.__file__)"], cwd=tmp_path,
                          env=env, capture_output=True, text=True, check=True, stdin=subprocess.DEVNULL)
    assert Path(proc.stdout.strip()).resolve().parent == package


@pytest.mark.skipif(SOURCE_MODE, reason="DRAFTER_TEST_SOURCE is set: the checkout is tested on purpose")
def test_installed_package_is_the_checkout_s_current_code():
    # Testing an installed package risks testing yesterday's code: an edit not reinstalled.
    _needs_checkout()
    package = Path(drafter.__file__).resolve().parent
    stale = []
    for name in sorted(expected_files()):
        installed = package / name[len("drafter/"):]
        folder = next((f for f, t in DATA_DIRS.items() if name.startswith(t + "/")), None)
        source = ROOT / folder / name[len(DATA_DIRS[folder]) + 1:] if folder else ROOT / name
        if not installed.is_file() or not filecmp.cmp(installed, source, shallow=False):
            stale.append(name)
    assert not stale, (f"the installed drafter ({package}) differs from the checkout in {stale}; "
                       "reinstall it: python3 -m pip install '.[test]'")
