"""The command line, as a user runs it: exit codes, one-line errors, nothing half-written."""

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner
from docx import Document

from drafter import __version__
from drafter.cli import main

from testkit import MINIMAL, SAMPLES, write


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def test_generate_docx_and_markdown(tmp_path):
    out = tmp_path / "j.docx"
    code, text = run("generate", SAMPLES / "jiangmen.yaml", "-o", out)
    assert code == 0 and "wrote" in text
    assert Document(str(out)).paragraphs[0].text.startswith("江门市人民政府关于印发")
    md = tmp_path / "j.md"
    code, _ = run("generate", SAMPLES / "jiangmen.yaml", "-o", md, "--format", "md", "--lang", "en")
    assert code == 0
    assert md.read_text(encoding="utf-8").startswith(
        "# Notice of the People's Government of Jiangmen City on Issuing the Implementation Plan")


def test_default_output_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _ = run("generate", SAMPLES / "deqing.yaml", "--lang", "en", "--format", "md")
    assert code == 0 and (tmp_path / "deqing-en.md").is_file()


def test_the_output_files_suffix_chooses_the_format_unless_format_says_otherwise(tmp_path):
    code, _ = run("generate", SAMPLES / "jiangmen.yaml", "-o", tmp_path / "plan.md")
    assert code == 0 and (tmp_path / "plan.md").read_text(encoding="utf-8").startswith("# 江门市")
    code, _ = run("extract", tmp_path / "plan.md", "-o", tmp_path / "params.json")
    assert code == 0 and json.loads((tmp_path / "params.json").read_text(encoding="utf-8"))["locality"]["name"] == "江门市"
    code, text = run("generate", SAMPLES / "jiangmen.yaml", "-o", tmp_path / "other.md", "--format", "docx")
    assert code == 2 and text.strip().splitlines() == [
        f"drafter: error: {tmp_path / 'other.md'}: --format docx but the output file is named .md "
        "(drop --format, or name the file .docx)"]
    assert not (tmp_path / "other.md").exists()
    code, _ = run("generate", SAMPLES / "jiangmen.yaml", "-o", tmp_path / "plan.out")  # unknown: a Word file
    assert code == 0 and Document(str(tmp_path / "plan.out")).paragraphs[0].text.startswith("江门市")


def test_existing_output_needs_force(tmp_path):
    out = tmp_path / "x.md"
    out.write_text("keep me", encoding="utf-8")
    code, text = run("generate", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md")
    assert code == 2 and "output exists" in text and "--force" in text
    assert out.read_text(encoding="utf-8") == "keep me"
    code, _ = run("generate", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md", "--force")
    assert code == 0 and out.read_text(encoding="utf-8").startswith("# 江门市")


@pytest.mark.parametrize("text,needle", [
    ("locality:\n  name: [unclosed\n", "invalid YAML"),
    (MINIMAL.replace("level: county", "level: village"), "locality.level (line 3)"),
    (MINIMAL.replace("energy_intensity_reduction", "energy_intensity"), "unknown indicator"),
    ("- just\n- a list\n", "must be a mapping"),
])
def test_bad_input_is_one_line_exit_2_and_no_output(tmp_path, text, needle):
    params = write(tmp_path, "p.yaml", text)
    out = tmp_path / "out.docx"
    code, output = run("generate", params, "-o", out)
    assert code == 2
    assert needle in output
    assert output.startswith(f"drafter: error: {params}")
    assert output.count("\n") == 1 and "Traceback" not in output
    assert list(tmp_path.iterdir()) == [params]


def test_missing_params_file(tmp_path):
    code, output = run("generate", tmp_path / "nope.yaml", "-o", tmp_path / "o.docx")
    assert code == 2 and "file not found" in output


@pytest.mark.parametrize("command", [["validate"], ["validate", "--format", "json"], ["review", "-o", "out"]])
def test_a_folder_without_drafts_is_one_line_exit_2_not_a_pass(tmp_path, command):
    """Checking nothing is no pass: an empty folder (or one of pictures) is named, with the types read."""
    (tmp_path / "drafts" / "county").mkdir(parents=True)
    (tmp_path / "drafts" / "map.png").write_bytes(b"x")
    code, output = run(*command[:1], tmp_path / "drafts", *command[1:])
    assert code == 2 and output.startswith(f"drafter: error: {tmp_path / 'drafts'}: no draft here (.docx")
    assert output.count("\n") == 1


def test_template_error_from_the_cli(tmp_path):
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "preamble.j2").write_text("{{ missing }}\n", encoding="utf-8")
    code, output = run("generate", SAMPLES / "jiangmen.yaml", "-o", tmp_path / "o.docx", "--templates", tmp_path / "t")
    assert code == 2 and "preamble.j2:1:" in output and not (tmp_path / "o.docx").exists()


def test_schema_is_json_schema():
    code, output = run("schema")
    schema = json.loads(output)
    assert code == 0 and schema["title"] == "drafter plan parameters"
    assert "targets" in schema["properties"]


def test_rules_lists_sections_actions_and_tasks():
    code, output = run("rules")
    assert code == 0
    assert "action:energy_transition" in output and "required" in output
    assert "coal_control" in output and "blue_carbon" in output and "[coastal]" in output
    assert "energy_intensity_reduction" in output


def test_rules_lists_the_local_features_with_the_places_their_paragraph_goes(rules):
    code, output = run("rules", "--lang", "zh")
    lines = output.split("Local features")[1].split("Indicators:")[0].splitlines()[1:]
    assert [line.split()[0] for line in lines] == list(rules.features)
    nuclear = next(line for line in lines if line.split()[0] == "nuclear")
    assert rules.features["nuclear"].name.zh in nuclear and "power_system" in nuclear


@pytest.mark.parametrize("command", [[], ["generate"], ["schema"], ["rules"], ["validate"], ["outline"], ["extract"],
                                     ["targets"], ["targets", "list"], ["targets", "show"], ["compare"], ["batch"]])
def test_help_on_every_command(command):
    code, output = run(*command, "--help")
    assert code == 0 and "Usage:" in output


def test_version():
    code, output = run("--version")
    assert code == 0 and __version__ in output


def test_module_entry_point_runs():
    proc = subprocess.run([sys.executable, "-m", "drafter", "--version"], capture_output=True, text=True)
    assert proc.returncode == 0 and __version__ in proc.stdout


def test_no_prompts_leaves_the_prompts_for_local_facts_out(tmp_path):
    prompt = "【待补充：本地重点项目、企业、园区和各地的具体举措】"
    with_prompts, without = tmp_path / "a.md", tmp_path / "b.md"
    assert run("generate", SAMPLES / "jiangmen.yaml", "--format", "md", "-o", with_prompts)[0] == 0
    assert run("generate", SAMPLES / "jiangmen.yaml", "--format", "md", "--no-prompts", "-o", without)[0] == 0
    assert with_prompts.read_text(encoding="utf-8").count(prompt) > 10
    assert prompt not in without.read_text(encoding="utf-8")
    code, out = run("validate", without)
    assert code == 0, out
