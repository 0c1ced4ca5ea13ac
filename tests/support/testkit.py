"""Helpers the tests share: paths of the checkout's samples and of ../shared, small files, and a
strategy for random parameters. Importable as `testkit` (tests/support is on pytest's path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

from drafter.generate.params import PlanParams

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
SAMPLE_NAMES = ["deqing", "guangan", "dezhou", "jiangmen", "example-county"]
# For tests reading the real plans of ../shared/seeds: skipped, with the reason, where it is absent.
needs_shared = pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="../shared is not beside the repo")


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def skeleton(tmp_path: Path, name: str) -> Path:
    """A copy of a sample's parameters without the prompts for local facts: a draft that validates
    without errors when the sample states its headline targets."""
    return write(tmp_path, f"{name}-skeleton.yaml", (SAMPLES / f"{name}.yaml").read_text(encoding="utf-8")
                 + "\nprompts: false\n")


def skeleton_params(name: str) -> PlanParams:
    """A sample's parameters without the prompts for local facts (see skeleton)."""
    from drafter.generate.params import load_params
    from drafter.rules import load_rules

    return load_params(SAMPLES / f"{name}.yaml", load_rules()).model_copy(update={"prompts": False})



def extracted(params: PlanParams, lang: str, rules, tmp_path: Path, fmt: str = "md") -> dict:
    """What `drafter extract` reads back from the draft generated from `params`."""
    from drafter.api import generate_document, render
    from drafter.read.extract import extract_file

    path = tmp_path / f"draft.{fmt}"
    path.write_bytes(render(generate_document(params, lang, rules=rules), fmt))
    return extract_file(path, rules)


MINIMAL = """\
locality:
  name: {zh: 示例县, en: Example County}
  level: county
  province: {zh: 某省, en: Some Province}
targets:
  - {indicator: energy_intensity_reduction, year: 2025, value: 14}
"""


_NAMES = [("青溪县", "Qingxi County"), ("白石市", "Baishi City"), ("东湖区", "Donghu District"),
          ("南山省", "Nanshan Province")]


@st.composite
def plan_params(draw):
    zh, en = draw(st.sampled_from(_NAMES))
    level = {"县": "county", "市": "city", "区": "district", "省": "province"}[zh[-1]]
    number = st.floats(min_value=1, max_value=35, allow_nan=False).map(lambda v: round(v, 1))
    qualifier = st.sampled_from(["exact", "about", "more_than", "at_least"])
    share_2025 = draw(number)
    targets = [  # consistent: the 2030 share is not below the 2025 one
        {"indicator": "energy_intensity_reduction", "year": 2025, "value": draw(number), "qualifier": draw(qualifier)},
        draw(st.sampled_from([{"indicator": "co2_intensity_reduction", "year": 2025, "superior": True},
                              {"indicator": "co2_intensity_reduction", "year": 2025, "value": 18.0}])),
        {"indicator": "non_fossil_share", "year": 2025, "value": share_2025, "qualifier": draw(qualifier)},
        {"indicator": "non_fossil_share", "year": 2030, "value": round(share_2025 + draw(number), 1),
         "strive": draw(st.booleans())},
    ]
    for iid in draw(st.lists(st.sampled_from(["forest_coverage", "green_travel_share", "pv_capacity",
                                              "waste_recycling_rate", "cement_clinker_carbon_intensity_reduction"]),
                             unique=True, max_size=3)):
        targets.append({"indicator": iid, "year": draw(st.sampled_from([2025, 2030])), "value": draw(number),
                        "qualifier": draw(qualifier)})
    industries = draw(st.lists(st.sampled_from(["cement", "steel", "chemicals", "paper"]), unique=True, max_size=3))
    return PlanParams.model_validate({
        "locality": {"name": {"zh": zh, "en": en}, "level": level,
                     "province": {"zh": "南山省", "en": "Nanshan Province"}, "coastal": draw(st.booleans())},
        "issue_date": "2026-05-01",
        "addressees": [{"zh": "各有关单位", "en": "all relevant units"}],
        "report_to": {"zh": "发展改革局", "en": "Development and Reform Bureau"},
        "targets": targets,
        "key_industries": industries,
        "include": draw(st.lists(st.sampled_from(["working_principles", "cooperation", "talent",
                                                  "action:agriculture_rural", "action:green_trade_cooperation"]),
                                 unique=True)) + (["action:key_industries"] if draw(st.booleans()) and industries else []),
        "exclude": draw(st.lists(st.sampled_from(["general_requirements", "organization_implementation",
                                                  "action:phased_peaking", "statistics_accounting"]), unique=True)),
        "task_numbering": draw(st.sampled_from(["continuous", "restart"])),
    })


def edited_rules(folder: Path, rules, name: str, old: str, new: str) -> Path:
    """`folder` holding a copy of `rules`' folder with one edit in one file (the first `old`)."""
    folder.mkdir(parents=True, exist_ok=True)
    for f in rules.folder.iterdir():
        (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
    text = (folder / name).read_text(encoding="utf-8")
    assert old in text, old
    (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return folder


def rules_without(folder: Path, rules, name: str, key: str) -> Path:
    """`folder` holding a copy of `rules`' folder whose file `name` lacks the block `key:` (the
    top-level one, else the first nested one, up to the next line as little indented): a rules
    folder from before it."""
    edited_rules(folder, rules, name, f"{key}:", f"{key}:")
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if line.lstrip().startswith(f"{key}:")]
    start = next((i for i in starts if lines[i].startswith(key)), starts[0])
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = next((i for i in range(start + 1, len(lines)) if lines[i].strip()
                and len(lines[i]) - len(lines[i].lstrip()) <= indent), len(lines))
    path.write_text("".join(lines[:start] + lines[end:]), encoding="utf-8")
    return folder


def bad_input_makers(area: str):
    """The makers of one area of the bad-input suite (tests/bad_input/<area>.py), as a module."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "bad_input" / f"{area}.py"
    spec = importlib.util.spec_from_file_location(area, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
