"""Builders of the hostile data files in inputs.yaml: alias bombs, deep nesting, oversize files,
megabyte names, and a rules folder with one file replaced. Each takes the path to create."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from drafter.resources import rules_dir

HEAD = """\
locality:
  name: {zh: 示例县, en: Example County}
  level: county
  province: {zh: 某省, en: Some Province}
"""
PARAMS = {"locality": {"name": {"zh": "示例县", "en": "Example County"}, "level": "county",
                       "province": {"zh": "某省", "en": "Some Province"}}}


def _bomb(key: str = "lol") -> str:
    """Nine levels of nine aliases over nine strings: 600 bytes of YAML standing for 9**10
    (3.5 billion) strings."""
    lines = [f'{key}0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        lines.append(f"{key}{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def params_alias_bomb(path: Path) -> None:
    path.write_text(HEAD + _bomb("x_") + "addressees: *a9\n", encoding="utf-8")


def params_flow_200k(path: Path) -> None:
    path.write_text(HEAD + "targets: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")


def params_block_200k(path: Path) -> None:
    path.write_text(HEAD + "targets:\n" + "- " * 200_000 + "x\n", encoding="utf-8")


def params_mapping_1000(path: Path) -> None:
    """A block mapping 1,000 levels deep: every level indented one more space."""
    path.write_text(HEAD + "".join(" " * depth + f"k{depth}:\n" for depth in range(1000)) + " " * 1000 + "x\n",
                    encoding="utf-8")


def json_200k(path: Path) -> None:
    path.write_text('{"locality": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")


def json_1000(path: Path) -> None:
    path.write_text('{"locality": ' + '{"a": ' * 1000 + "1" + "}" * 1000 + "}", encoding="utf-8")


def params_3mb(path: Path) -> None:
    """A real parameters file padded with a comment to 3 MB."""
    path.write_text(HEAD + "# " + "x" * (3 * 1024 * 1024) + "\n", encoding="utf-8")


def params_megabyte_name(path: Path) -> None:
    """A 600,000-character Chinese name (1.7 MB of UTF-8, under the file limit)."""
    path.write_text(HEAD.replace("zh: 示例县", "zh: " + "县" * 600_000), encoding="utf-8")


def json_megabyte_name(path: Path) -> None:
    data = json.loads(json.dumps(PARAMS))
    data["locality"]["name"]["en"] = "County " * 250_000
    path.write_text(json.dumps(data), encoding="utf-8")


def json_nan(path: Path) -> None:
    path.write_text(json.dumps(PARAMS)[:-1] + ', "targets": [{"indicator": "energy_intensity_reduction", '
                    '"year": 2025, "value": NaN}]}', encoding="utf-8")


def params_raw_nul(path: Path) -> None:
    path.write_bytes((HEAD + "document_number: 德府\x00〔2025〕12号\n").encode("utf-8"))


def rules_alias_bomb(path: Path) -> None:
    """A copy of the built-in rules whose indicators.yaml is an alias bomb."""
    shutil.copytree(rules_dir(), path)
    (path / "indicators.yaml").write_text(_bomb() + "indicators: *a9\n", encoding="utf-8")


def rules_flow_200k(path: Path) -> None:
    shutil.copytree(rules_dir(), path)
    (path / "phrasing.yaml").write_text("a: " + "[" * 200_000 + "]" * 200_000 + "\n", encoding="utf-8")


def rules_9mb(path: Path) -> None:
    shutil.copytree(rules_dir(), path)
    with (path / "reading.yaml").open("a", encoding="utf-8") as out:
        out.write("# " + "x" * (9 * 1024 * 1024) + "\n")


def targets_alias_bomb(path: Path) -> None:
    path.write_text(_bomb() + "indicators: *a9\n", encoding="utf-8")


def targets_json_200k(path: Path) -> None:
    path.write_text('{"indicators": ' + "[" * 200_000 + "]" * 200_000 + "}", encoding="utf-8")


def batch_alias_bomb(path: Path) -> None:
    path.write_text(_bomb() + "localities: *a9\n", encoding="utf-8")


def batch_block_200k(path: Path) -> None:
    path.write_text("- " * 200_000 + "x\n", encoding="utf-8")


def batch_3mb(path: Path) -> None:
    path.write_text("- name_zh: 甲县\n" * (3 * 1024 * 1024 // 16), encoding="utf-8")
