"""drafter benchmark: run `python bench/run.py [--json] [--quick]` from the repository root.

Measures, side by side:
- generation of one full plan in-process against its floor (python-docx writing the very same
  paragraphs, runs and formatting, no rules or templates);
- validation of a plan in-process against its floor (python-docx opening the same .docx and
  reading every paragraph);
- growth: validation of a plan and of the same plan repeated 10 times;
- command-line wall time of `drafter --help`, `drafter generate` and `drafter validate`;
- `drafter batch` of 1,000 generated localities with --jobs 1 and --jobs 2: plans per second
  and the peak memory of the whole process tree (parent and workers, sampled from /proc).
Timings are the median of several runs on this machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document as new_docx  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

from drafter.api import generate_document, render  # noqa: E402
from drafter.params import load_params  # noqa: E402
from drafter.rules import load_rules  # noqa: E402
from drafter.validate import validate_file  # noqa: E402

SAMPLE = ROOT / "samples" / "jiangmen.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "004_c0e6d776a2bf4146.txt"


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def docx_floor_writer(template_path: Path):
    """A function that writes, with bare python-docx, the paragraphs, runs and run formatting
    (size, bold, East Asian font) and paragraph formatting of an existing .docx."""
    source = new_docx(str(template_path))
    paragraphs = []
    for p in source.paragraphs:
        runs = []
        for r in p.runs:
            fonts = r._r.rPr.find(qn("w:rFonts")) if r._r.rPr is not None else None
            runs.append((r.text, r.font.size, r.font.bold, fonts.get(qn("w:eastAsia")) if fonts is not None else None))
        pf = p.paragraph_format
        paragraphs.append((runs, p.alignment, pf.first_line_indent, pf.line_spacing))

    def write() -> bytes:
        import io
        doc = new_docx()
        for runs, align, indent, spacing in paragraphs:
            para = doc.add_paragraph()
            para.alignment = align
            para.paragraph_format.first_line_indent = indent
            para.paragraph_format.line_spacing = spacing
            for text, size, bold, east in runs:
                run = para.add_run(text)
                run.font.size, run.font.bold = size, bold
                if east:
                    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), east)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    return write


def cli_time(args: list[str], repeat: int) -> float:
    exe = shutil.which("drafter") or str(Path(sys.executable).parent / "drafter")
    return median_time(lambda: subprocess.run([exe] + args, check=False, capture_output=True), repeat)


def tree_rss_kb(pid: int) -> int:
    """Memory of a process and all its descendants, from /proc (Linux): the proportional set size
    (pages shared by the forked workers counted once), falling back to RSS where PSS is not shown."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            source, field = (f"/proc/{p}/smaps_rollup", "Pss:") if Path(f"/proc/{p}/smaps_rollup").exists() \
                else (f"/proc/{p}/status", "VmRSS:")
            with open(source) as fh:
                for line in fh:
                    if line.startswith(field):
                        total += int(line.split()[1])
                        break
            for task in Path(f"/proc/{p}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def batch_run(rows: int, jobs: int, work: Path) -> dict:
    import csv
    import threading

    localities = work / f"localities-{rows}.csv"
    if not localities.exists():
        with localities.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["name_zh", "name_en", "level", "issue_date", "energy_intensity_reduction@2025",
                             "non_fossil_share@2025", "non_fossil_share@2030", "forest_coverage@2030"])
            for i in range(rows):
                writer.writerow([f"示例{i}县", f"Example {i} County", "county", "2026-03-01", f"{12 + i % 5}",
                                 f"~{25 + i % 7}", f"{33 + i % 7}", f">{50 + i % 20}"])
    out = work / f"batch-{rows}-{jobs}"
    exe = shutil.which("drafter") or str(Path(sys.executable).parent / "drafter")
    start = time.perf_counter()
    proc = subprocess.Popen([exe, "batch", str(localities), "--base", str(ROOT / "samples" / "jiangmen.yaml"),
                             "-o", str(out), "--jobs", str(jobs)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    sampler.join()
    seconds = time.perf_counter() - start
    written = len(list(out.glob("*.docx")))
    shutil.rmtree(out, ignore_errors=True)
    return {"rows": rows, "jobs": jobs, "written": written, "seconds": seconds, "plans_per_second": written / seconds,
            "peak_memory_mb": peak[0] / 1024, "exit_code": proc.returncode, "summary": stdout.decode().strip()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--batch-rows", type=int, default=1000, help="localities in the batch measurement")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    rules = load_rules()
    params = load_params(SAMPLE, rules)
    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    results: dict[str, dict] = {}

    # Generation against python-docx writing the same content.
    def generate():
        return render(generate_document(params, "zh", rules=rules), "docx")
    plan = work / "plan.docx"
    plan.write_bytes(generate())
    floor_write = docx_floor_writer(plan)
    gen, gen_floor = median_time(generate, repeat), median_time(floor_write, repeat)
    results["generation"] = {"seconds": gen, "floor_seconds": gen_floor, "ratio": gen / gen_floor, "target": 1.5}

    # Validation against python-docx reading every paragraph of the same file.
    val = median_time(lambda: validate_file(plan, rules), repeat)
    val_floor = median_time(lambda: [p.text for p in new_docx(str(plan)).paragraphs], repeat)
    results["validation"] = {"seconds": val, "floor_seconds": val_floor, "ratio": val / val_floor, "target": 2.0}

    # Growth: the same plan text repeated 10 times.
    source = SEED if SEED.is_file() else work / "plan.md"
    if not SEED.is_file():
        source.write_bytes(render(generate_document(params, "zh", rules=rules), "md"))
    text = source.read_text(encoding="utf-8")
    once, tenfold = work / "once.txt", work / "tenfold.txt"
    once.write_text(text, encoding="utf-8")
    tenfold.write_text("\n".join([text] * 10), encoding="utf-8")
    t1 = median_time(lambda: validate_file(once, rules), repeat)
    t10 = median_time(lambda: validate_file(tenfold, rules), max(2, repeat // 2))
    results["growth"] = {"file": source.name, "once_seconds": t1, "tenfold_seconds": t10, "ratio": t10 / t1,
                         "target": "about 10"}

    # Command-line wall time, process start included.
    out = work / "cli.docx"
    results["cli"] = {
        "help_seconds": cli_time(["--help"], repeat),
        "generate_seconds": cli_time(["generate", str(SAMPLE), "-o", str(out), "--force"], repeat),
        "validate_seconds": cli_time(["validate", str(source)], repeat),
        "targets": {"help": 0.3, "generate": 1.0, "validate": 1.0},
    }
    results["batch"] = [batch_run(args.batch_rows, jobs, work) for jobs in (1, 2)]
    shutil.rmtree(work, ignore_errors=True)

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    g, v, gr, c = results["generation"], results["validation"], results["growth"], results["cli"]
    rows = [
        ("generation, one plan (in-process)", f"{g['seconds']*1000:.0f} ms", f"floor {g['floor_seconds']*1000:.0f} ms",
         f"{g['ratio']:.2f}x (target <= 1.5x)"),
        ("validation, one plan (in-process)", f"{v['seconds']*1000:.0f} ms", f"floor {v['floor_seconds']*1000:.0f} ms",
         f"{v['ratio']:.2f}x (target <= 2x)"),
        (f"growth, {gr['file']} x1 vs x10", f"{gr['once_seconds']*1000:.0f} ms", f"{gr['tenfold_seconds']*1000:.0f} ms",
         f"{gr['ratio']:.1f}x (target ~10x)"),
        ("drafter --help (wall)", f"{c['help_seconds']*1000:.0f} ms", "", "target < 300 ms"),
        ("drafter generate (wall)", f"{c['generate_seconds']*1000:.0f} ms", "", "target < 1000 ms"),
        ("drafter validate (wall)", f"{c['validate_seconds']*1000:.0f} ms", "", "target < 1000 ms"),
    ]
    for b in results["batch"]:
        rows.append((f"drafter batch, {b['rows']} plans, --jobs {b['jobs']}", f"{b['plans_per_second']:.1f}/s",
                     f"peak {b['peak_memory_mb']:.0f} MB", "target >= 20/s with --jobs 2, < 300 MB"))
    width = max(len(r[0]) for r in rows)
    for row in rows:
        print(f"{row[0]:<{width}}  {row[1]:>9}  {row[2]:>16}  {row[3]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
