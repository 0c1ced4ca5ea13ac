"""Shared fixtures: the rules, the samples, and each sample generated once per test session.

The tests exercise the installed package, not the checkout: the checkout's root is taken off the
import path before drafter is imported (`python -m pytest` puts the current folder first). Set
DRAFTER_TEST_SOURCE=1, with PYTHONPATH at the checkout, to test the source tree while developing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

_ROOT = Path(__file__).resolve().parent.parent
if not os.environ.get("DRAFTER_TEST_SOURCE"):
    sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _ROOT]

from drafter.api import generate_document, render  # noqa: E402
from drafter.generate.params import load_params  # noqa: E402
from drafter.rules import load_rules  # noqa: E402
from testkit import SAMPLE_NAMES, SAMPLES  # noqa: E402


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def sample_params(rules):
    return {name: load_params(SAMPLES / f"{name}.yaml", rules) for name in SAMPLE_NAMES}


@pytest.fixture(scope="session")
def generated(rules, sample_params, tmp_path_factory):
    """{(sample, lang): (document model, docx path, markdown text)}: the skeletons, without the prompts for
    local facts (tests of the prompts generate their own)."""
    out = tmp_path_factory.mktemp("generated")
    result = {}
    for name, params in sample_params.items():
        for lang in ("zh", "en"):
            doc = generate_document(params.model_copy(update={"prompts": False}), lang, rules=rules)
            path = out / f"{name}-{lang}.docx"
            path.write_bytes(render(doc, "docx"))
            result[(name, lang)] = (doc, path, render(doc, "md").decode("utf-8"))
    return result
