"""Validation end to end: real plans, mutated copies, our own drafts, and the command line."""

import csv
import io
import json
import re
from collections import Counter

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.api import generate_document, render
from drafter.cli import main
from drafter.read import read_document
from drafter.check.validate import validate_file

from testkit import SAMPLE_NAMES, SHARED, edited_rules, needs_shared, plan_params

SEEDS = SHARED / "seeds"
JIANGMEN, GUANGAN, DEQING = "004_c0e6d776a2bf4146.txt", "002_2b0d579e27bccf4e.txt", "001_7cdb06c9488e7cca.txt"


def findings(report):
    return Counter((f["rule"], f["severity"], f["section"]) for f in report["findings"])


@needs_shared
@pytest.mark.parametrize("name", sorted(p.name for p in SEEDS.glob("0*.txt")) if SEEDS.is_dir() else [])
def test_seed_plans_have_no_errors(rules, name):
    report = validate_file(SEEDS / name, rules)
    assert report["ok"], report["findings"]
    assert not [f for f in report["findings"] if f["rule"] == "required-section"]


class Mutant:
    """A copy of a seed with whole sections cut, moved or edited, located by the recovered outline."""

    def __init__(self, rules, name, tmp_path):
        self.rules, self.tmp_path, self.name = rules, tmp_path, name
        self.lines = (SEEDS / name).read_text(encoding="utf-8").splitlines()
        self.doc = read_document(SEEDS / name, rules)

    def span(self, sid):
        """Lines [start, end) of a section: up to the next heading at its level or above."""
        flat = list(self.doc.walk())
        section = self.doc.find(sid)
        later = [s.line for s in flat if s.line > section.line and s.level <= section.level]
        end = min(later) - 1 if later else self._plan_end()
        return section.line - 1, end

    def _plan_end(self):
        for i, line in enumerate(self.lines):
            if i > self.doc.sections[-1].line and re.match(r"^(評論|Tel\.?|For queries)", line.strip()):
                return i
        return len(self.lines)

    def cut(self, sid):
        a, b = self.span(sid)
        del self.lines[a:b]
        return self

    def swap(self, first, second):
        (a, b), (c, d) = self.span(first), self.span(second)
        assert b == c, "swap adjacent sections"
        self.lines[a:d] = self.lines[c:d] + self.lines[a:b]
        return self

    def edit(self, pattern, replacement, within=None):
        a, b = self.span(within) if within else (0, len(self.lines))
        text = "\n".join(self.lines[a:b])
        new, count = re.subn(pattern, replacement, text, count=1)
        assert count == 1, pattern
        self.lines[a:b] = new.splitlines()
        return self

    def report(self):
        path = self.tmp_path / self.name
        path.write_text("\n".join(self.lines), encoding="utf-8")
        return validate_file(path, self.rules)


MUTATIONS = [
    (JIANGMEN, lambda m: m.cut("main_objectives"), ("required-section", "error", "main_objectives")),
    (GUANGAN, lambda m: m.cut("main_objectives"), ("required-section", "error", "main_objectives")),
    (JIANGMEN, lambda m: m.cut("action:transport"), ("required-action", "error", "action:transport")),
    (DEQING, lambda m: m.cut("action:transport"), ("required-action", "error", "action:transport")),
    (JIANGMEN, lambda m: m.swap("key_tasks", "policy_guarantees"), ("section-order", "error", "key_tasks")),
    (GUANGAN, lambda m: m.swap("cooperation", "policy_guarantees"), ("section-order", "error", "cooperation")),
    (JIANGMEN, lambda m: m.edit(r"到2025年[^。]*。", "", within="main_objectives"),
     ("objectives-horizon", "error", "main_objectives")),
    (GUANGAN, lambda m: m.edit(r"By 2025,.*?carbon peaking\.", ""), ("objectives-horizon", "error", "main_objectives")),
    (JIANGMEN, lambda m: m.edit(r"(加快完善江門)", r"【待补充：交通规划名称】\1"), ("placeholder", "error", "task")),
    (GUANGAN, lambda m: m.edit(r"(Build a green and efficient transport system\.)", r"\1 [TO BE COMPLETED: figure]"),
     ("placeholder", "error", "task:transport_system")),
]


@needs_shared
@pytest.mark.parametrize("name,mutate,expected", MUTATIONS,
                         ids=[f"{n[:3]}-{e[0]}" for n, _, e in MUTATIONS])
def test_mutation_gives_exactly_the_expected_finding(rules, tmp_path, name, mutate, expected):
    original = validate_file(SEEDS / name, rules)
    mutated = mutate(Mutant(rules, name, tmp_path)).report()
    assert findings(mutated) - findings(original) == Counter([expected])
    assert not mutated["ok"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_generated_drafts_validate_with_zero_errors(generated, rules, tmp_path, name, lang):
    _, docx_path, md = generated[(name, lang)]
    md_path = tmp_path / f"{name}.md"
    md_path.write_text(md, encoding="utf-8")
    for path in (docx_path, md_path):
        report = validate_file(path, rules)
        assert report["summary"]["errors"] == 0, report["findings"]




@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(params=plan_params(), lang=st.sampled_from(["zh", "en"]), fmt=st.sampled_from(["md", "docx"]))
def test_any_complete_parameters_give_a_draft_without_errors(rules, tmp_path, params, lang, fmt):
    # Without the prompts for local facts, which are placeholders on purpose (test_compose).
    doc = generate_document(params.model_copy(update={"prompts": False}), lang, rules=rules)
    path = tmp_path / f"draft.{fmt}"
    path.write_bytes(render(doc, fmt))
    report = validate_file(path, rules)
    assert report["summary"]["errors"] == 0, report["findings"]
    read = read_document(path, rules)
    assert [s.id for s in read.walk()] == [s.id for s in doc.walk()]  # tasks too: task:<id>


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_cli_validate_exit_codes_and_json(generated, tmp_path):
    good = generated[("jiangmen", "zh")][1]
    code, out = run("validate", good, "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["ok"] is True
    assert set(report) >= {"file", "language", "ok", "sections", "findings", "summary"}
    assert set(report["sections"][0]) == {"id", "level", "number", "title", "line", "children"}
    assert report["summary"] == {"errors": 0, "warnings": 0, "info": 0}
    bad = tmp_path / "bad.md"
    bad.write_text(generated[("jiangmen", "zh")][2].replace("确保2030年前实现碳达峰", "【待补充：达峰年份】"),
                   encoding="utf-8")
    code, out = run("validate", bad, "--format", "json")
    report = json.loads(out)
    assert code == 1 and not report["ok"]
    assert {f["rule"] for f in report["findings"]} == {"placeholder"}  # the ideology still states the year
    finding = next(f for f in report["findings"] if f["rule"] == "placeholder")
    assert set(finding) == {"rule", "severity", "section", "line", "message"}


def test_cli_validate_text_is_grouped_by_section(generated, tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(generated[("guangan", "zh")][2].replace("十四五", "十二五", 1).replace("到2025年", "到2024年", 1),
                   encoding="utf-8")
    code, out = run("validate", bad, "--lang", "zh")
    assert code == 1
    assert "错误1项" in out
    assert "  （三）主要目标（第33行）\n    错误       objectives-horizon   主要目标未提出2025年目标" in out


def test_cli_unreadable_file_exits_2_and_others_are_still_checked(generated, tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_text("not a zip", encoding="utf-8")
    good = generated[("deqing", "en")][1]
    result = CliRunner().invoke(main, ["validate", str(broken), str(good)])
    assert result.exit_code == 2
    assert f"drafter: error: {broken}: not a valid .docx" in result.output
    good_row = next(line for line in result.output.splitlines() if line.startswith(str(good)))
    assert good_row.split()[1:6] == ["en", "ok", "0", "0", "1"]
    assert result.output.strip().endswith("2 files: 1 without errors, 0 with errors, 1 unreadable")


def test_cli_outline_json(generated):
    code, out = run("outline", generated[("dezhou", "en")][1], "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["language"] == "en"
    assert [s["id"] for s in data["sections"]] == ["general_requirements", "key_tasks", "policy_guarantees",
                                                   "organization_implementation"]
    code, out = run("outline", generated[("dezhou", "en")][1])
    assert "action:transport" in out and "(5) Green and Low-Carbon Transport" in out


def test_cli_max_size(tmp_path, generated):
    code, out = run("validate", generated[("jiangmen", "zh")][1], "--max-size", "0.001")
    assert code == 2 and "limit" in out


# -- the corpus: real PDFs as published, sector and adjacent plans among them -----------------------
def _corpus_pdfs():
    from testkit import SHARED
    folder = SHARED / "corpus" / "pdf"
    return sorted(folder.glob("*.pdf")) if folder.is_dir() else []


@pytest.mark.parametrize("path", _corpus_pdfs() or [None], ids=lambda p: p.name.split("、")[0] if p else "absent")
def test_corpus_pdfs_have_every_required_section_and_no_unplaced_action(rules, path):
    """Whatever their wording (组织保障, 主要措施, 目标要求, thematic chapters), the published plans
    have their required sections; an action outside the catalogue is an other: action."""
    if path is None:
        pytest.skip("no corpus PDFs beside the checkout")
    from drafter.check.validate import check_document
    from drafter.read import read_document
    report = check_document(read_document(path, rules), rules)
    assert [f.message for f in report.findings if f.rule == "required-section"] == []
    actions = [a for s in report.document.sections if s.id == "key_tasks" for a in s.children]
    assert actions and all(a.id != "unrecognized" for a in actions)


def test_cli_validate_a_folder_on_two_processes_as_a_markdown_table(generated, tmp_path):
    """One row per draft: errors, warnings, the missing sections and the targets weaker than the
    parent's; the same rows with --jobs 2 as with --jobs 1."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    text = generated[("jiangmen", "zh")][2]
    (folder / "a-clean.md").write_text(text, encoding="utf-8")
    (folder / "b-weak.md").write_text(text.replace("下降14%", "下降12%", 1), encoding="utf-8")
    (folder / "c-broken.docx").write_text("not a zip", encoding="utf-8")
    parent = tmp_path / "city.md"
    parent.write_text(text, encoding="utf-8")
    code, table = run("validate", folder, "--format", "md", "--jobs", "2", "--parent", parent)
    assert code == 2
    lines = table.splitlines()
    assert lines[0] == "| file | language | status | errors | warnings | info | missing | weaker |"
    rows = {line.split(" | ")[0].lstrip("| "): line.split(" | ") for line in lines[2:]}
    assert rows[str(folder / "a-clean.md")][2:4] == ["ok", "0"] and rows[str(folder / "a-clean.md")][-1] == "0 |"
    assert rows[str(folder / "b-weak.md")][2] == "errors" and rows[str(folder / "b-weak.md")][-1] == "1 |"
    assert rows[str(folder / "c-broken.docx")][2] == "unreadable"
    assert run("validate", folder, "--format", "md", "--jobs", "1", "--parent", parent) == (code, table)


def test_the_summary_rows_find_missing_sections_and_weaker_targets_by_the_kind_of_check(generated, tmp_path, rules):
    """A rules folder that renames its checks still fills the missing and weaker columns."""
    renamed = edited_rules(tmp_path / "rules", rules, "checks.yaml", "id: parent-target", "id: our-parent-rule")
    text = (renamed / "checks.yaml").read_text(encoding="utf-8").replace("id: required-section", "id: our-section-rule")
    (renamed / "checks.yaml").write_text(text, encoding="utf-8")
    draft, parent = tmp_path / "draft.md", tmp_path / "city.md"
    plan = generated[("jiangmen", "zh")][2]
    parent.write_text(plan, encoding="utf-8")
    draft.write_text(plan.replace("下降14%", "下降12%", 1).replace("## 一、总体要求", "## 一、总体安排", 1), encoding="utf-8")
    rows = [list(csv.DictReader(io.StringIO(run("validate", draft, "--format", "csv", "--parent", parent, *more)[1])))
            for more in ([], ["--rules", renamed])]
    assert [(r["missing"], r["weaker"]) for [r] in rows] == [("main_objectives", "1")] * 2
