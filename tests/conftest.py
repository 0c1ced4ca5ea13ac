"""Shared fixtures: the rules, the samples, and each sample generated once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.api import generate_document, render
from drafter.params import load_params
from drafter.rules import load_rules

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SAMPLE_NAMES = ["deqing", "guangan", "dezhou", "jiangmen", "example-county"]


@pytest.fixture(scope="session")
def rules():
    return load_rules()


@pytest.fixture(scope="session")
def sample_params(rules):
    return {name: load_params(SAMPLES / f"{name}.yaml", rules) for name in SAMPLE_NAMES}


@pytest.fixture(scope="session")
def generated(rules, sample_params, tmp_path_factory):
    """{(sample, lang): (document model, docx path, markdown text)}"""
    out = tmp_path_factory.mktemp("generated")
    result = {}
    for name, params in sample_params.items():
        for lang in ("zh", "en"):
            doc = generate_document(params, lang, rules=rules)
            path = out / f"{name}-{lang}.docx"
            path.write_bytes(render(doc, "docx"))
            result[(name, lang)] = (doc, path, render(doc, "md").decode("utf-8"))
    return result


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
locality:
  name: {zh: 示例县, en: Example County}
  level: county
  province: {zh: 某省, en: Some Province}
targets:
  - {indicator: energy_intensity_reduction, year: 2025, value: 14}
"""
