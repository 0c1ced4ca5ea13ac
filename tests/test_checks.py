"""Each declared rule against its pass and fail cases (tests/rule_cases/*.yaml), in Chinese and English."""

from pathlib import Path

import pytest
import yaml

from drafter.check.checks import load_checks, run_checks
from drafter.read import read_document
from testkit import edited_rules

CASES_DIR = Path(__file__).parent / "rule_cases"
BASES = yaml.safe_load((CASES_DIR / "_bases.yaml").read_text(encoding="utf-8"))
# A case may change the rule's parameters (`params:`), to specify what each parameter does.


def _cases():
    for path in sorted(CASES_DIR.glob("[!_]*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in data["cases"]:
            yield pytest.param(data["rule"], case, id=f"{data['rule']}-{case['name']}")


def build(case) -> str:
    text = BASES[case["base"]]
    for old, new in case.get("replace", []):
        assert old in text, f"case {case['name']}: {old!r} not in its base"
        text = text.replace(old, new, 1)
    return text


@pytest.mark.parametrize("rule_id,case", list(_cases()))
def test_rule_case(tmp_path, rules, rule_id, case):
    path = tmp_path / "draft.md"
    path.write_text(build(case), encoding="utf-8")
    doc = read_document(path, rules)
    parent = None
    if "parent" in case:
        from drafter.model import Target
        parent = [Target(unit=rules.indicator(t["indicator"]).unit, **t) for t in case["parent"]]
    for lang in ("zh", "en"):
        if "params" in case:
            hits = list(run_rule(with_params(rules, rule_id, case["params"]), doc, rules, lang, parent))
        else:
            hits = [f for f in run_checks(doc, rules, lang, parent) if f.rule == rule_id]
        assert len(hits) == case["expect"], [f.message for f in hits]


def with_params(rules, rule_id: str, params: dict):
    """The declared rule `rule_id` with some parameters changed (a case's `params`), typed anew
    against the rules as checks.yaml is."""
    from pydantic import TypeAdapter
    from drafter.check_kinds import CheckRule
    rule = next(r for r in load_checks(rules) if r.id == rule_id)
    data = {**rule.model_dump(exclude_none=True), **params}
    return TypeAdapter(CheckRule).validate_python(data, context={"rules": rules})


def run_rule(rule, doc, rules, lang, parent=None):
    from drafter.check.checks import KINDS, Context
    return KINDS[rule.kind](rule, Context(doc, rules, lang, parent))


def test_every_rule_has_pass_and_fail_cases_in_both_languages(rules):
    ids = {r.id for r in load_checks(rules)}
    covered = {}
    for path in CASES_DIR.glob("[!_]*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        covered[data["rule"]] = {(c["base"][-2:], c["expect"] > 0) for c in data["cases"]}
    assert ids == set(covered)
    for rule_id, kinds in covered.items():
        assert kinds >= {("zh", True), ("zh", False), ("en", True), ("en", False)}, rule_id


def test_bases_are_clean(tmp_path, rules):
    for name, text in BASES.items():
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        assert run_checks(read_document(path, rules), rules) == []


def test_messages_in_both_languages(tmp_path, rules):
    path = tmp_path / "d.md"
    path.write_text(BASES["minimal_zh"].replace("## 一、主要目标", "## 一、工作安排"), encoding="utf-8")
    doc = read_document(path, rules)
    zh = [f.message for f in run_checks(doc, rules, "zh") if f.rule == "required-section"]
    en = [f.message for f in run_checks(doc, rules, "en") if f.rule == "required-section"]
    assert zh == ["缺少必备章节：主要目标"] and en == ["Required section missing: Main Objectives"]


def test_unknown_rule_kind_is_a_clear_error(tmp_path, rules):
    from drafter.errors import DrafterError
    from drafter.rules import Rules
    edited_rules(tmp_path, rules, "checks.yaml", "kind: placeholder", "kind: spelling")
    with pytest.raises(DrafterError, match="unknown kind 'spelling'"):
        load_checks(Rules(tmp_path))


def test_target_progression_gives_at_most_one_finding_per_target(tmp_path, rules):
    # 5,000 sentences alternating 2025 and 2030, each 2030 figure below most 2025 ones: pairwise
    # comparison would report millions of findings; each target may be reported once at most.
    sentences = "".join(f"到{2025 if i % 2 == 0 else 2030}年，森林覆盖率达到{40 + i * 0.01:.2f}%。" for i in range(5000))
    path = tmp_path / "many.md"
    path.write_text(BASES["minimal_zh"].replace("到2030年，森林覆盖率达到60%。", sentences), encoding="utf-8")
    doc = read_document(path, rules)
    from drafter.read.targets import find_targets
    targets = [t for t in find_targets(doc, rules) if t.indicator == "forest_coverage"]
    hits = [f for f in run_checks(doc, rules, "en") if f.rule == "target-progression"]
    assert len(targets) == 5000
    assert 0 < len(hits) <= len(targets)
    # every 2030 target but the last (89.99%) trails the strongest 2025 target (89.98%), which each names
    assert len(hits) == 2499 and "89.98" in hits[-1].message


def test_target_progression_names_the_strongest_earlier_target(tmp_path, rules):
    text = BASES["minimal_zh"].replace("到2030年，森林覆盖率达到60%。",
                                       "到2025年，森林覆盖率达到58%。到2025年，森林覆盖率达到62%。到2030年，森林覆盖率达到60%。")
    path = tmp_path / "d.md"
    path.write_text(text, encoding="utf-8")
    hits = [f.message for f in run_checks(read_document(path, rules), rules, "en") if f.rule == "target-progression"]
    assert hits == ["The 2030 target for forest coverage (60%) is weaker than the 2025 target (62%)"]


# -- checks.yaml typed when it is read -----------------------------------------------------------
def _checks_error(tmp_path, rules, old: str, new: str) -> str:
    """The one line a rules folder whose checks.yaml has one edit gives."""
    from drafter.errors import DrafterError
    from drafter.rules import Rules
    edited_rules(tmp_path, rules, "checks.yaml", old, new)
    with pytest.raises(DrafterError) as err:
        Rules(tmp_path)
    message = err.value.render()
    assert "checks.yaml:" in message and "\n" not in message
    return message


def test_every_kind_has_a_model_and_an_interpreter():
    from drafter.check_kinds import KIND_NAMES
    from drafter.check.checks import KINDS
    assert sorted(KIND_NAMES) == sorted(KINDS)


def test_unknown_kind_lists_the_kinds(tmp_path, rules):
    message = _checks_error(tmp_path, rules, "kind: placeholder", "kind: spelling")
    assert "rules.10.kind: unknown kind 'spelling'" in message and "use one of: required_section" in message


def test_a_rule_without_kind(tmp_path, rules):
    message = _checks_error(tmp_path, rules, "    kind: peak_commitment\n", "")
    assert "rules.9: missing key 'kind'" in message


@pytest.mark.parametrize("old,new,words", [
    ('en: "Required section missing: {section}"', 'en: "Required section missing: {sectoin}"',
     ["rules.0.message", "unknown placeholder {sectoin}", "did you mean {section}"]),
    ('zh: "缺少必备章节：{section}"', 'zh: "缺少必备章节：{section}（{count}）"',
     ["rules.0.message", "zh: unknown placeholder {count}", "known here: {section}, {id}"]),
    ('en: "Key tasks hold {count} actions;', 'en: "Key tasks hold {count:.1f%} actions;',
     ["rules.4.message", "cannot be filled"]),
    ('en: "Section \\"{section}\\" is empty"', 'en: "Section \\"{section!z}\\" is empty"',
     ["rules.11.message", "cannot be filled"]),
    ('en: "The {year} target for {indicator} ({text}) is weaker than the {first} target ({second})"',
     'en: "The {year} target for {indicator} ({text}) is weaker than the {first} target ({seconds})"',
     ["rules.15.message", "unknown placeholder {seconds}", "{first}, {second}"]),
])
def test_a_message_may_use_only_the_placeholders_its_kind_fills(tmp_path, rules, old, new, words):
    message = _checks_error(tmp_path, rules, old, new)
    for word in words:
        assert word in message, message


@pytest.mark.parametrize("old,new,words", [
    ("    min: 10\n    max: 12", "    min: 12\n    max: 10", ["rules.4", "min (12) is above max (10)"]),
    ("severity: info\n    actions: [action:technology_innovation", "severity: notice\n    actions: [action:technology_innovation",
     ["rules.3.severity", "'error', 'warning' or 'info'"]),
    ("  - id: frequent-action", "  - id: required-action", ["two rules have the id 'required-action'"]),
    ("    min: 2\n", "    min: two\n", ["rules.5.min", "valid integer"]),
    ('"【待补充[^】]*】"', '"【待补充[^】]*】(?<!x)"', ["rules.10.patterns.0", "not a valid regular expression"]),
    ("first_within: {action:energy_transition: 2}", "first_within: {action:energy: 2}",
     ["rules.6.first_within", "unknown action id 'action:energy'"]),
    ("    within: key_tasks\n", "    within: key_task\n",
     ["rules.3.within", "unknown section id 'key_task'", "did you mean key_tasks"]),
    ("    preamble: preamble ", "    preamble: preface ", ["rules.0.preamble", "unknown section id 'preface'"]),
    ("    section: main_objectives  # where", "    section: objectives  # where",
     ["rules.7.section", "unknown section id 'objectives'"]),
    ("    also: [guiding_ideology]", "    also: [guiding]", ["rules.9.also.0", "unknown section id 'guiding'"]),
    ("    indicator: carbon_peak_year", "    indicator: peak_year", ["rules.9", "needs the indicator peak_year"]),
])
def test_rule_parameters_are_typed(tmp_path, rules, old, new, words):
    message = _checks_error(tmp_path, rules, old, new)
    for word in words:
        assert word in message, message


def test_the_id_placeholder_is_the_section_id(tmp_path, rules):
    from drafter.rules import Rules
    edited_rules(tmp_path, rules, "checks.yaml", 'en: "Required section missing: {section}"',
                 'en: "Required section missing: {section} ({id})"')
    mine = Rules(tmp_path)
    path = tmp_path / "d.md"
    path.write_text(BASES["minimal_zh"].replace("## 一、主要目标", "## 一、工作安排"), encoding="utf-8")
    hits = [f.message for f in run_checks(read_document(path, mine), mine, "en") if f.rule == "required-section"]
    assert hits == ["Required section missing: Main Objectives (main_objectives)"]


def test_the_structural_kinds_compile_no_pattern_on_a_document(tmp_path, rules, monkeypatch):
    # Their patterns (and the aliases, year markers and indicator patterns they borrow) are compiled
    # when the rules load; checking a document only runs them.
    import drafter.patterns
    from drafter.check.checks import KINDS, Context
    from drafter.rules import Rules
    fresh = Rules(rules.folder)
    path = tmp_path / "d.md"
    path.write_text(BASES["minimal_zh"].replace("产业结构", "产业结构【待补充】", 1), encoding="utf-8")
    doc = read_document(path, fresh)

    def no_compiling(*args, **kwargs):
        raise AssertionError("a pattern compiled while checking")
    monkeypatch.setattr(drafter.patterns, "compile_pattern", no_compiling)
    monkeypatch.setattr(drafter.patterns, "pattern_set", no_compiling)
    ctx = Context(doc, fresh, "en")
    structural = [r for r in fresh.checks if r.kind not in ("target_progression", "share_range", "plausible_range",
                                                            "parent_targets")]
    findings = [f.rule for r in structural for f in KINDS[r.kind](r, ctx)]
    assert findings == ["placeholder"]


def test_the_headline_check_follows_the_headline_years_of_indicators(tmp_path, rules):
    from drafter.rules import Rules
    edited_rules(tmp_path, rules, "indicators.yaml", "headline: [2025]", "headline: [2025, 2030]")
    mine = Rules(tmp_path)
    assert mine.phrasing.horizons[2030] == ["energy_intensity_reduction", "non_fossil_share"]  # catalogue order
    path = tmp_path / "d.md"
    path.write_text(BASES["minimal_en"], encoding="utf-8")
    hits = [f.message for f in run_checks(read_document(path, mine), mine, "en") if f.rule == "headline-indicator"]
    assert hits == ["The 2030 targets do not state energy consumption per unit of GDP (a figure, or meeting the "
                    "superior's target)"]
