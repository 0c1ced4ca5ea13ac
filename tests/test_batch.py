"""drafter batch: good and bad rows, skipping, --force, the summary and the manifest, one file per
row, unusable input, a full disk, interruption."""

import csv
import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from drafter.batch import read_localities, run_batch
from drafter.cli import main

from testkit import SAMPLES, skeleton, write

HEADER = "name_zh,name_en,level,issue_date,energy_intensity_reduction@2025,non_fossil_share@2025,non_fossil_share@2030\n"
GOOD = ["甲县,Jia County,county,2026-03-01,13.5,~30,>=35*", "乙县,Yi County,county,2026-03-02,>14,~31,36"]
BAD = ["丙县,Bing County,village,2026-03-03,12,~29,34", "丁县,Ding County,county,2026-03-04,abc,~29,34"]


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


@pytest.fixture
def localities(tmp_path):
    return write(tmp_path, "localities.csv", HEADER + "\n".join(GOOD + BAD) + "\n")


@pytest.mark.parametrize("jobs", [1, 2])
def test_good_and_bad_rows(tmp_path, localities, jobs):
    out = tmp_path / "out"
    code, output = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--jobs", jobs)
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["Jia-County-zh.docx", "Yi-County-zh.docx", "manifest-zh-docx.csv"]
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
    run("batch", localities, "--base", skeleton(tmp_path, "jiangmen"), "-o", out, "--format", "md")
    broken = write(out, "notes.md", "# 随便写写\n\n没有任何章节。\n")
    code, output = run("validate", out)
    assert code == 1
    lines = output.splitlines()
    assert lines[0].split() == ["file", "language", "status", "errors", "warnings", "info", "missing", "weaker"]
    row = next(line for line in lines if line.startswith(str(broken)))
    assert "errors" in row and "preamble main_objectives key_tasks policy_guarantees" in row
    assert lines[-1] == "3 files: 2 without errors, 1 with errors, 0 unreadable"
    code, output = run("validate", out, "--format", "csv")
    rows = list(csv.reader(output.splitlines()))
    assert rows[0] == ["file", "language", "status", "errors", "warnings", "info", "missing", "weaker"] and len(rows) == 4
    code, output = run("validate", out, "--format", "json")
    data = json.loads(output)
    assert [r["status"] for r in data["summary"]] == ["ok", "ok", "errors"] and len(data["reports"]) == 3


def test_validate_summary_counts_unreadable_files(tmp_path, generated):
    fake = write(tmp_path, "fake.docx", "not a zip")
    code, output = run("validate", generated[("jiangmen", "zh")][1], fake)
    assert code == 2
    assert "unreadable" in output and output.strip().endswith("2 files: 1 without errors, 0 with errors, 1 unreadable")


def test_interrupted_batch_leaves_no_partial_file(tmp_path):
    """Ctrl-C reaches the whole process group: the workers ignore it, the parent stops them."""
    proc, stderr, out, workers = _run_until_drafts(tmp_path, 400, lambda p: os.killpg(p.pid, signal.SIGINT))
    assert proc.returncode != 0
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr, stderr  # workers are quiet
    assert not [w for w in workers if Path(f"/proc/{w}").exists()]
    written = list(out.glob("*.docx"))
    assert 5 <= len(written) < 400
    assert list(out.glob(".*.part")) == []
    for path in written:
        Document(str(path))  # every file left behind is a complete Word document


def _manifest(out, name="manifest-zh-md.csv"):
    with (out / name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_rows_with_one_name_get_distinct_files_and_the_manifest_says_which(tmp_path):
    """'Beta', 'Beta-3', 'Beta': the third row's added number must not take the second row's file."""
    localities = write(tmp_path, "l.csv", "name_zh,name_en,level\n贝塔县,Beta,county\n贝塔三县,Beta-3,county\n"
                       "又一贝塔县,Beta,county\n")
    out = tmp_path / "out"
    code, output = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md")
    assert code == 0 and "written 3" in output and f"each row's file: {out / 'manifest-zh-md.csv'}" in output
    rows = _manifest(out)
    assert [(r["row"], r["line"], r["status"], r["file"]) for r in rows] == [
        ("1", "2", "written", "Beta-zh.md"), ("2", "3", "written", "Beta-3-zh.md"),
        ("3", "4", "written", "Beta-3-2-zh.md")]
    for row, zh in zip(rows, ["贝塔县", "贝塔三县", "又一贝塔县"]):
        assert f"{zh}碳达峰实施方案" in (out / row["file"]).read_text(encoding="utf-8")  # each file is its row's


def test_a_row_with_only_a_chinese_name_keeps_the_city_draft_and_no_english_name(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    city = out / "Jiangmen-en.md"
    city.write_text("the city's own draft\n", encoding="utf-8")
    localities = write(tmp_path, "l.csv", "name_zh,level\n台山市,county\n")
    code, output = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md",
                       "--lang", "en", "--force")
    assert code == 0
    assert city.read_text(encoding="utf-8") == "the city's own draft\n"
    text = (out / "台山市-en.md").read_text(encoding="utf-8")
    assert "[TO BE COMPLETED: English name of 台山市]" in text and "Jiangmen City" not in text.split("\n")[0]


def test_the_manifest_lists_skipped_and_failed_rows_too(tmp_path, localities):
    out = tmp_path / "out"
    run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md")
    code, _ = run("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md")
    assert code == 1
    rows = _manifest(out)
    assert [(r["row"], r["status"], r["file"]) for r in rows] == [
        ("1", "skipped", "Jia-County-zh.md"), ("2", "skipped", "Yi-County-zh.md"), ("3", "failed", ""),
        ("4", "failed", "")]
    assert "locality.level" in rows[2]["message"] and "'abc' is not a figure" in rows[3]["message"]


def test_failures_come_in_row_order_whatever_the_messages_say(tmp_path):
    """Sorted on the row number itself: a list whose name reads like another row does not reorder them."""
    rows = [f"县{i},County {i},{'village' if i % 2 else 'county'}" for i in range(1, 41)]
    localities = write(tmp_path, "row 99.csv", "name_zh,name_en,level\n" + "\n".join(rows) + "\n")
    result = run_batch(localities, tmp_path / "o", base=SAMPLES / "jiangmen.yaml", jobs=2, fmt="md")
    numbers = [o.number for o in result.outcomes]
    assert numbers == list(range(1, 41))
    assert [m.split(":")[1] for m in result.failed] == [f"row {i} (line {i + 1})" for i in range(1, 41, 2)]
    assert len(result.written) == 20


def _drafter(*args, **kwargs):
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH" or os.environ.get("DRAFTER_TEST_SOURCE")}
    return subprocess.Popen([sys.executable, "-m", "drafter", *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **kwargs)


def test_a_full_disk_fails_each_row_on_one_line_and_the_batch_goes_on(tmp_path):
    """RLIMIT_FSIZE makes every draft's write fail with EFBIG, as a full disk fails with ENOSPC;
    the small manifest still fits and records every row."""
    localities = write(tmp_path, "l.csv", HEADER + "\n".join(GOOD) + "\n")
    out = tmp_path / "out"

    def small_files():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = _drafter("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--format", "md",
                    "--jobs", 2, cwd=tmp_path, preexec_fn=small_files)
    stdout, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr
    lines = stderr.strip().splitlines()
    assert lines == [f"drafter: error: {localities}:row {n} (line {n + 1}): {out / name}: file too large for the "
                     "disk (File too large) (free some space or write elsewhere)"
                     for n, name in [(1, "Jia-County-zh.md"), (2, "Yi-County-zh.md")]]
    assert [p.name for p in out.iterdir()] == ["manifest-zh-md.csv"]
    assert [r["status"] for r in _manifest(out)] == ["failed", "failed"]


def _run_until_drafts(tmp_path, rows, sig):
    lines = [f"示例{i}县,Example {i} County,county,2026-03-01,13,~30,35" for i in range(rows)]
    localities = write(tmp_path, "many.csv", HEADER + "\n".join(lines) + "\n")
    out = tmp_path / "out"
    proc = _drafter("batch", localities, "--base", SAMPLES / "jiangmen.yaml", "-o", out, "--jobs", "2",
                    cwd=tmp_path, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.glob("*.docx"))) < 5:
        time.sleep(0.05)
    workers = [int(c) for t in Path(f"/proc/{proc.pid}/task").iterdir() for c in (t / "children").read_text().split()]
    sig(proc)
    _, stderr = proc.communicate(timeout=60)
    return proc, stderr, out, workers


def test_sigterm_stops_the_batch_like_ctrl_c(tmp_path):
    """`kill PID` (the parent only): the workers stop, no partial file and no traceback is left."""
    proc, stderr, out, workers = _run_until_drafts(tmp_path, 400, lambda p: p.send_signal(signal.SIGTERM))
    assert proc.returncode == 128 + signal.SIGTERM
    assert "Traceback" not in stderr and "Error" not in stderr, stderr
    assert len(workers) == 2 and not [w for w in workers if Path(f"/proc/{w}").exists()]
    written = list(out.glob("*.docx"))
    assert 5 <= len(written) < 400
    assert list(out.glob(".*.part")) == []
    for path in written:
        Document(str(path))  # every file left behind is a complete Word document
