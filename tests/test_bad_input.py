"""Hostile input is normal input: every case in tests/bad_input/*.yaml runs one drafter command in
a fresh folder, with bounded time and memory, and must end the way a user expects.

A case file is a YAML list of cases:

    - id: params-alias-bomb              # unique, names the case in the test report
      files: {p.yaml: "a: &a [1]\n"}     # text files written before the run
      make: {big.docx: zip_bomb}         # files built by the function of that name in <area>.py
      run: [generate, p.yaml, -o, out.docx]
      exit: 2                            # expected exit code
      words: [alias, p.yaml]             # the stderr line contains each (case-insensitive)
      stderr_lines: 1                    # default 1: one line, never a traceback
      creates: []                        # new files the run may leave (default: none)
      timeout: 20                        # seconds (default 20)
      memory_mb: 1500                    # address-space limit of the process (default 1500)

Every file present before the run must be byte-for-byte the same after it, no `.part` file may
be left, and no output may mention a Python traceback.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

CASES_DIR = Path(__file__).resolve().parent / "bad_input"


def _load_cases():
    cases = []
    for case_file in sorted(CASES_DIR.glob("*.yaml")):
        makers = None
        module_file = case_file.with_suffix(".py")
        if module_file.exists():
            spec = importlib.util.spec_from_file_location(f"bad_input_{case_file.stem}", module_file)
            makers = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(makers)
        for case in yaml.safe_load(case_file.read_text(encoding="utf-8")) or []:
            cases.append(pytest.param(case, makers, id=f"{case_file.stem}:{case['id']}"))
    return cases


CASES = _load_cases()


def _snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def _limits(memory_mb: int):
    def apply():
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def test_ids_are_unique():
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids))
    assert len(ids) >= 60, f"the suite holds {len(ids)} cases; the bar is 60"


@pytest.mark.parametrize("case,makers", CASES)
def test_bad_input(case, makers, tmp_path):
    for name, text in (case.get("files") or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for name, maker in (case.get("make") or {}).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        getattr(makers, maker)(path)
    before = _snapshot(tmp_path)
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" or os.environ.get("DRAFTER_TEST_SOURCE")}
    proc = subprocess.run([sys.executable, "-m", "drafter", *map(str, case["run"])], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=case.get("timeout", 20),
                          preexec_fn=_limits(case.get("memory_mb", 1500)), stdin=subprocess.DEVNULL)
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr[-3000:]
    assert proc.returncode == case["exit"], proc.stderr[-3000:]
    assert len(lines) == case.get("stderr_lines", 1), proc.stderr[-3000:]
    message = proc.stderr.lower()
    for word in case.get("words", []):
        assert str(word).lower() in message, f"{word!r} not in: {proc.stderr}"
    after = _snapshot(tmp_path)
    changed = [name for name, digest in before.items() if after.get(name) != digest]
    assert not changed, f"existing files changed or removed: {changed}"
    created = sorted(set(after) - set(before))
    assert not [n for n in created if n.endswith(".part")], created
    assert created == sorted(case.get("creates", [])), created
