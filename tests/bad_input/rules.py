"""Files for the rules cases: copies of the built-in rules folder with one edit each, user
indicator files, and drafts with one very long line for patterns that would backtrack."""

from __future__ import annotations

import importlib.resources
import shutil
from pathlib import Path


def _rules_with(path: Path, name: str, old: str, new: str) -> None:
    """The built-in rules folder copied to `path`, with `old` replaced by `new` in one file."""
    with importlib.resources.as_file(importlib.resources.files("drafter") / "_rules") as built_in:
        shutil.copytree(built_in, path)
    text = (path / name).read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    (path / name).write_text(text.replace(old, new, 1), encoding="utf-8")


# -- checks.yaml ------------------------------------------------------------------------------------
def checks_misspelt_key(path: Path) -> None:
    _rules_with(path, "checks.yaml", "    sections: [preamble", "    sectoins: [preamble")


def checks_missing_min(path: Path) -> None:
    _rules_with(path, "checks.yaml", "    min: 10\n", "")


def checks_misspelt_placeholder(path: Path) -> None:
    _rules_with(path, "checks.yaml", "Required section missing: {section}", "Required section missing: {sectoin}")


def checks_placeholder_the_kind_does_not_fill(path: Path) -> None:
    _rules_with(path, "checks.yaml", "缺少必备章节：{section}", "缺少必备章节：{section}（共{count}处）")


def checks_unknown_kind(path: Path) -> None:
    _rules_with(path, "checks.yaml", "kind: placeholder", "kind: spelling")


def checks_unknown_section_id(path: Path) -> None:
    _rules_with(path, "checks.yaml", "sections: [preamble, main_objectives,", "sections: [preamble, main_objective,")


# -- phrasing.yaml, reading.yaml --------------------------------------------------------------------
def phrasing_misspelt_key(path: Path) -> None:
    _rules_with(path, "phrasing.yaml", "strive: {zh", "strvie: {zh")


def phrasing_misspelt_placeholder(path: Path) -> None:
    _rules_with(path, "phrasing.yaml", "{name}比{baseline}年{strive}下降{value}", "{name}比{baseline}年{strive}下降{vaule}")


def phrasing_without_range_qualifier(path: Path) -> None:
    _rules_with(path, "phrasing.yaml", "  range:     {zh:", "  # range: {zh:")


def reading_misspelt_key(path: Path) -> None:
    _rules_with(path, "reading.yaml", "year_markers:", "year_marker:")


def reading_lookahead(path: Path) -> None:
    _rules_with(path, "reading.yaml", '"^评论$"', '"^评论(?=区)"')


# -- structure, actions, industries, indicators ---------------------------------------------------
def structure_backreference(path: Path) -> None:
    _rules_with(path, "structure.yaml", '"指导思想"', '"(指导)\\\\1思想"')


def structure_missing_status(path: Path) -> None:
    _rules_with(path, "structure.yaml", "    status: frequent\n", "")


def structure_catastrophic_alias(path: Path) -> None:
    """Preamble aliases that take Python's re minutes to centuries on a long paragraph; RE2 milliseconds."""
    _rules_with(path, "structure.yaml", '(意见|决定)"]', '(意见|决定)", "(a+)+$", "(a|aa)*b", "(.*a){20}x"]')


def reading_catastrophic_markers(path: Path) -> None:
    """Full-text markers, tried on every line before the plan, that would backtrack on a long one."""
    _rules_with(path, "reading.yaml", '"全文如下", ', '"全文如下", "(a+)+$", "(a|aa)*b", "(.*a){20}x", ')


def actions_misspelt_key(path: Path) -> None:
    _rules_with(path, "actions.yaml", "    tasks:", "    taks:")


def industries_misspelt_key(path: Path) -> None:
    _rules_with(path, "industries.yaml", "    task: {zh: 推动水泥", "    tsak: {zh: 推动水泥")


def indicators_misspelt_key(path: Path) -> None:
    _rules_with(path, "indicators.yaml", "    direction: fall", "    directoin: fall")


def indicators_phrase_placeholder(path: Path) -> None:
    _rules_with(path, "indicators.yaml", "{will} peak {when}", "{will} peak {year}")


# -- user indicators and drafts -------------------------------------------------------------------
def targets_2100_patterns(path: Path) -> None:
    patterns = ", ".join(f'"w{i}"' for i in range(100))
    items = "".join(f"  - {{id: mine_{i}, name: {{zh: 指标{i}}}, patterns: {{zh: [{patterns}]}}}}\n" for i in range(21))
    path.write_text("indicators:\n" + items, encoding="utf-8")


def draft_long_line(path: Path) -> None:
    """A draft whose first paragraph is one line of 300,000 characters."""
    path.write_text("# 示例县碳达峰实施方案\n\n" + "a" * 300_000 + "!\n\n## 一、主要目标\n\n到2025年，森林覆盖率达到60%。\n",
                    encoding="utf-8")


def draft_long_target_line(path: Path) -> None:
    """A draft whose main objectives hold a target sentence 300,000 characters long."""
    line = "到2025年，" + "a" * 300_000 + "达到5%。"
    path.write_text("# 示例县碳达峰实施方案\n\n## 一、主要目标\n\n" + line + "\n\n## 二、重点任务\n\n" + "x" * 100_000 + "\n",
                    encoding="utf-8")
