"""drafter batch: good and bad rows, skipping, --force, the summary, unusable input."""

import csv
import json

import pytest
from click.testing import CliRunner
from docx import Document

from drafter.batch import merge, parse_figure, read_localities, run_batch
from drafter.cli import main

from testkit import SAMPLES, write

HEADER = "name_zh,name_en,level,issue_date,energy_intensity_reduction@2025,non_fossil_share@2025,non_fossil_share@2030\n"
GOOD = ["甲县,Jia County,county,2026-03-01,13.5,~30,>=35*", "乙县,Yi County,county,2026-03-02,>14,~31,36"]
BAD = ["丙县,Bing County,village,2026-03-03,12,~29,34", "丁县,Ding County,county,2026-03-04,abc,~29,34"]


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture
def localities(tmp_path):
    return write(tmp_path, "localities.csv", HEADER + "\n".join(GOOD + BAD) + "\n")


def test_figures():
    assert parse_figure("~35", "x", 2025) == {"indicator": "x", "year": 2025, "strive": False, "qualifier": "about",
                                             "value": 35.0}
    assert parse_figure(">=70*", "x", 2030)["qualifier"] == "at_least"
    assert parse_figure(">=70*", "x", 2030)["strive"] is True
    assert parse_figure("30-40", "x", 2030)["value_max"] == 40.0
    assert parse_figure("superior", "x", 2025)["superior"] is True
    with pytest.raises(ValueError, match="not a figure"):
        parse_figure("abc", "x", 2025)


def test_a_county_from_its_city_file_takes_the_city_as_superior():
    from drafter.batch import row_params
    city = {"locality": {"name": {"zh": "江门市"}, "level": "city", "province": {"zh": "广东省"}}}
    county = row_params(city, {"locality": {"name": {"zh": "台山市"}, "level": "county"}})
    assert county["locality"]["parent"] == {"zh": "江门市"}
    named = row_params(city, {"locality": {"name": {"zh": "某县"}, "level": "county", "parent": {"zh": "某市"}}})
    assert named["locality"]["parent"] == {"zh": "某市"}
    same = row_params(city, {"locality": {"name": {"zh": "另一市"}, "level": "city"}})
    assert "parent" not in same["locality"]


def test_row_over_base_replaces_targets_of_the_same_indicator_and_year():
    base = {"locality": {"name": {"zh": "市"}, "level": "city"},
            "targets": [{"indicator": "a", "year": 2025, "value": 1}, {"indicator": "b", "year": 2025, "value": 2}]}
    row = {"locality": {"name": {"zh": "县"}, "level": "county"}, "targets": [{"indicator": "a", "year": 2025, "value": 9}]}
    merged = merge(base, row)
    assert merged["locality"] == {"name": {"zh": "县"}, "level": "county"}
    assert merged["targets"] == [{"indicator": "b", "year": 2025, "value": 2}, {"indicator": "a", "year": 2025, "value": 9}]
    assert base["targets"][0]["value"] == 1  # the base is not changed


@pytest.mark.parametrize("jobs", [1, 2])
def test_good_and_bad_rows(tmp_path, localities, jobs):
    out = tmp_path / "out"
    code, output = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--jobs", jobs)
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["Jia-County-zh.docx", "Yi-County-zh.docx"]
    assert "written 2, skipped 0 (exist; --force to redo), failed 2" in output
    assert f"{localities}:row 3 (line 4): 1 invalid field(s): locality.level" in output
    assert f"{localities}:row 4 (line 5): energy_intensity_reduction@2025: 'abc' is not a figure" in output
    text = "\n".join(p.text for p in Document(str(out / "Yi-County-zh.docx")).paragraphs)
    assert "乙县碳达峰实施方案" in text and "比2020年下降14%以上" in text
    assert "单位地区生产总值二氧化碳排放下降率完成江门市下达的目标任务" in text  # the city is the superior


def test_existing_drafts_are_skipped_unless_force(tmp_path):
    localities = write(tmp_path, "l.csv", HEADER + "\n".join(GOOD) + "\n")
    out = tmp_path / "out"
    assert run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out)[0] == 0
    mark = (out / "Jia-County-zh.docx").stat().st_mtime_ns
    code, output = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out)
    assert code == 0 and "written 0, skipped 2" in output
    assert (out / "Jia-County-zh.docx").stat().st_mtime_ns == mark
    code, output = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--force")
    assert code == 0 and "written 2, skipped 0" in output


def test_yaml_list_and_markdown_english(tmp_path):
    localities = write(tmp_path, "l.yaml", """\
- locality: {name: {zh: 甲县, en: Jia County}, level: county}
  targets: [{indicator: energy_intensity_reduction, year: 2025, value: 13}]
- locality: {name: {zh: 乙县, en: Yi County}, level: county}
- just a string
""")
    out = tmp_path / "out"
    code, output = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--lang", "en",
                       "--format", "md")
    assert code == 1 and "written 2" in output and "row 3 (line 4): not a mapping" in output
    assert "By 2025, energy consumption per unit of GDP will be 13% lower than in 2020" in (out / "Jia-County-en.md").read_text()


def test_unusable_inputs_exit_2(tmp_path, localities):
    code, output = run("batch", write(tmp_path, "l.xlsx", "x"), "-o", tmp_path / "o")
    assert code == 2 and "must be a .csv" in output
    code, output = run("batch", write(tmp_path, "bad.csv", "name_zh,colour\n甲,red\n"), "-o", tmp_path / "o")
    assert code == 2 and "unknown column 'colour' (column 2)" in output
    blocker = write(tmp_path, "file-not-folder", "x")
    code, output = run("batch", localities, "-o", blocker / "sub")
    assert code == 2 and "output folder cannot be written" in output


def test_library_api_counts(tmp_path, localities):
    result = run_batch(localities, tmp_path / "o", base=SAMPLES / "jiangmen.yaml", jobs=1, fmt="md")
    assert (len(result.written), len(result.skipped), len(result.failed)) == (2, 0, 2)
    assert len(read_localities(localities)) == 4
    assert not list((tmp_path / "o").glob(".*.part"))


def test_validate_many_files_gives_a_summary_table(tmp_path, localities):
    out = tmp_path / "out"
    run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md")
    broken = write(out, "notes.md", "# 随便写写\n\n没有任何章节。\n")
    code, output = run("validate", out)
    assert code == 1
    lines = output.splitlines()
    assert lines[0].split() == ["file", "language", "status", "errors", "warnings", "info", "missing"]
    row = next(line for line in lines if line.startswith(str(broken)))
    assert "errors" in row and "preamble main_objectives key_tasks policy_guarantees" in row
    assert lines[-1] == "3 files: 2 without errors, 1 with errors, 0 unreadable"
    code, output = run("validate", out, "--format", "csv")
    rows = list(csv.reader(output.splitlines()))
    assert rows[0] == ["file", "language", "status", "errors", "warnings", "info", "missing"] and len(rows) == 4
    code, output = run("validate", out, "--format", "json")
    data = json.loads(output)
    assert [r["status"] for r in data["summary"]] == ["ok", "ok", "errors"] and len(data["reports"]) == 3


def test_validate_summary_counts_unreadable_files(tmp_path, generated):
    fake = write(tmp_path, "fake.docx", "not a zip")
    code, output = run("validate", generated[("jiangmen", "zh")][1], fake)
    assert code == 2
    assert "unreadable" in output and output.strip().endswith("2 files: 1 without errors, 0 with errors, 1 unreadable")


def test_interrupted_batch_leaves_no_partial_file(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    rows = [f"示例{i}县,Example {i} County,county,2026-03-01,13,~30,35" for i in range(400)]
    localities = write(tmp_path, "many.csv", HEADER + "\n".join(rows) + "\n")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "batch", str(localities), "--base",
                             str(SAMPLES / "jiangmen.yaml"), "-o", str(out), "--jobs", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.05)
    import os
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    proc.wait(timeout=60)
    assert proc.returncode != 0
    written = list(out.glob("*.docx"))
    assert 5 <= len(written) < 400
    assert list(out.glob(".*.part")) == []
    for path in written:
        Document(str(path))  # every file left behind is a complete Word document
