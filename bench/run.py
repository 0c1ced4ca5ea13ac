"""drafter benchmark: run `python bench/run.py [--json] [--quick]` from the repository root.

Measures, side by side:
- generation of one full plan in-process against its floor (python-docx writing the very same
  paragraphs, runs and formatting, no rules or templates);
- validation of a plan in-process against its floor (python-docx opening the same .docx and
  reading every paragraph);
- growth: validation of a seed plan whose body (not the page furniture around it) is repeated
  1, 10 and 100 times, with the sections read at each size (they must grow 10 and 100 times) and
  the time ratios (they must stay close to 10 and 100);
- a 6 MB .docx (a generated plan's body repeated) validated on the command line: wall time and
  peak memory;
- command-line wall time of `drafter --help`, `drafter generate` and `drafter validate`;
- PDF reading: the lines of each published PDF in ../shared/corpus/pdf (page furniture removed)
  against pypdfium2's own text extraction of the same file, per page;
- `drafter batch` of 1,000 generated localities with --jobs 1 and --jobs 2: plans per second
  and the peak memory of the whole process tree (parent and workers, sampled from /proc);
- batch memory at 1,000 and 10,000 rows (--jobs 2, Markdown to keep the run short): the peak
  must not grow with the number of rows;
- review against validation of the same draft (a generated plan with placeholders and an action
  taken out), in-process and on the command line, and python-docx opening and saving that draft
  (what a review adds at least);
- `drafter review FOLDER` of that draft's copies with --jobs 2 against --jobs 1.
`--only review` runs the last two alone; `--only generation` the generation rows alone; `--only serve`
the load test of the web page (bench/serve_load.py). The .docx measurements live in docx_bench.py,
timing and process helpers in processes.py.
Generation is also compared with docxtpl (`pip install .[bench]`) rendering a template that holds
the generated plan's paragraphs, runs and formatting, each run's text a placeholder.
The command line is this checkout's (`python -m drafter`), not whatever `drafter` is installed.
Timings are the median of several runs on this machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from docx import Document as new_docx  # noqa: E402

from drafter.api import generate_document, render  # noqa: E402
from drafter.generate.params import load_params  # noqa: E402
from drafter.patterns import pattern_set  # noqa: E402
from drafter.read import read_document  # noqa: E402
from drafter.read.normalize import key  # noqa: E402
from drafter.rules import load_rules  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve_load  # noqa: E402
from docx_bench import generation_runs, generation_table, review_runs, review_table  # noqa: E402
from processes import cli_time, median_time, peak_tree_memory  # noqa: E402
from drafter.check.validate import validate_file  # noqa: E402

SAMPLE = ROOT / "samples" / "jiangmen.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "004_c0e6d776a2bf4146.txt"
PDFS = ROOT.parent / "shared" / "corpus" / "pdf"


def batch_run(rows: int, jobs: int, work: Path, fmt: str = "docx") -> dict:
    import csv

    localities = work / f"localities-{rows}.csv"
    if not localities.exists():
        with localities.open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh)
            writer.writerow(["name_zh", "name_en", "level", "issue_date", "energy_intensity_reduction@2025",
                             "non_fossil_share@2025", "non_fossil_share@2030", "forest_coverage@2030"])
            for i in range(rows):
                writer.writerow([f"示例{i}县", f"Example {i} County", "county", "2026-03-01", f"{12 + i % 5}",
                                 f"~{25 + i % 7}", f"{33 + i % 7}", f">{50 + i % 20}"])
    out = work / f"batch-{rows}-{jobs}-{fmt}"
    proc, stdout, seconds, peak = peak_tree_memory(
        ["batch", str(localities), "--base", str(ROOT / "samples" / "jiangmen.yaml"), "-o", str(out),
         "--jobs", str(jobs), "--format", fmt])
    written = len(list(out.glob(f"*.{fmt}")))
    shutil.rmtree(out, ignore_errors=True)
    return {"rows": rows, "jobs": jobs, "format": fmt, "written": written, "seconds": seconds,
            "plans_per_second": written / seconds, "peak_memory_mb": peak / 1024, "exit_code": proc.returncode,
            "summary": stdout.decode().strip().splitlines()[0] if stdout.strip() else ""}


def plan_parts(path: Path, rules) -> tuple[list[str], list[str], list[str]]:
    """A seed's lines before its first section (news lead, notice), the plan body, and the page
    furniture after the plan (comment widgets, contact lines), as the reader finds them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = read_document(path, rules).sections[0].line - 1
    ends = pattern_set(tuple(rules.reading.end_markers))
    end = next((i for i in range(start + 1, len(lines))
                if len(key(lines[i])) <= 60 and ends.search(key(lines[i]))), len(lines))
    return lines[:start], lines[start:end], lines[end:]


def growth(source: Path, rules, work: Path, repeat: int) -> dict:
    """Validation time of the plan with its body 1, 10 and 100 times, furniture kept once."""
    head, body, tail = plan_parts(source, rules)
    sizes = {}
    for times in (1, 10, 100):
        path = work / f"body-x{times}.txt"
        path.write_text("\n".join(head + body * times + tail), encoding="utf-8")
        runs = repeat if times == 1 else max(1, repeat // (3 if times == 10 else 7))
        seconds = median_time(lambda: validate_file(path, rules, max_bytes=200 * 1024 * 1024), runs)
        sections = len(read_document(path, rules, 200 * 1024 * 1024).sections)
        sizes[times] = {"bytes": path.stat().st_size, "seconds": seconds, "sections": sections}
    return {"file": source.name, "sizes": sizes, "ratio_10x": sizes[10]["seconds"] / sizes[1]["seconds"],
            "ratio_100x": sizes[100]["seconds"] / sizes[1]["seconds"],
            "sections_10x": sizes[10]["sections"] / sizes[1]["sections"],
            "sections_100x": sizes[100]["sections"] / sizes[1]["sections"], "target": "about 10 and 100"}


def big_docx(plan: Path, work: Path, megabytes: float = 6.0) -> dict:
    """`drafter validate` of a .docx of about 6 MB: a generated plan's body repeated, honest zip."""
    import zipfile

    with zipfile.ZipFile(plan) as z:
        members = {info.filename: z.read(info) for info in z.infolist()}
    head, rest = members["word/document.xml"].split(b"<w:body>", 1)
    body, tail = rest.rsplit(b"<w:sectPr", 1)
    path = work / "big.docx"

    def write(copies: int) -> int:
        members["word/document.xml"] = head + b"<w:body>" + body * copies + b"<w:sectPr" + tail
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in members.items():
                z.writestr(name, data)
        return path.stat().st_size

    trial = write(50)  # what one more copy adds once compressed, then the count for the size asked
    copies = max(1, round(50 + (megabytes * 1024 * 1024 - trial) / ((trial - write(10)) / 40)))
    write(copies)
    proc, _, seconds, peak = peak_tree_memory(["validate", str(path), "--format", "json"])
    return {"copies": copies, "bytes": path.stat().st_size, "xml_bytes": len(members["word/document.xml"]),
            "seconds": seconds, "peak_memory_mb": peak / 1024, "exit_code": proc.returncode,
            "target": "seconds, not minutes"}


def pdf_floor(path: Path) -> list[str]:
    """pypdfium2's own text extraction: every page's text, nothing else."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(path.read_bytes())
    try:
        return [doc[i].get_textpage().get_text_range() for i in range(len(doc))]
    finally:
        doc.close()


def pdf_reading(repeat: int) -> dict | None:
    """Reading the published PDFs into lines against pypdfium2's text extraction, per page."""
    from drafter.read.source import read_lines

    files = sorted(PDFS.glob("*.pdf")) if PDFS.is_dir() else []
    if not files:
        return None
    pages = sum(len(pdf_floor(f)) for f in files)
    ours = median_time(lambda: [read_lines(f) for f in files], repeat)
    floor = median_time(lambda: [pdf_floor(f) for f in files], repeat)
    return {"files": len(files), "pages": pages, "ms_per_page": ours * 1000 / pages,
            "floor_ms_per_page": floor * 1000 / pages, "ratio": ours / floor, "target": 1.5}


def measure(args, work: Path) -> dict:
    repeat = 3 if args.quick else 7
    rules = load_rules()
    params = load_params(SAMPLE, rules)
    results: dict = {}

    # Generation against python-docx writing the same content.
    def generate():
        return render(generate_document(params, "zh", rules=rules), "docx")
    plan = work / "plan.docx"
    plan.write_bytes(generate())
    if args.only == "serve":
        return {"serve": serve_load.load(SEED if SEED.is_file() else plan)}
    if args.only != "generation":
        results["review"] = review_runs(plan, work, repeat, args.review_folder)
    if args.only == "review":
        return results
    results["generation"] = generation_runs(generate, plan, work, repeat)
    if args.only == "generation":
        return results

    # Validation against python-docx reading every paragraph of the same file.
    val = median_time(lambda: validate_file(plan, rules), repeat)
    val_floor = median_time(lambda: [p.text for p in new_docx(str(plan)).paragraphs], repeat)
    results["validation"] = {"seconds": val, "floor_seconds": val_floor, "ratio": val / val_floor, "target": 2.0}

    source = SEED if SEED.is_file() else work / "plan.md"
    if not SEED.is_file():
        source.write_bytes(render(generate_document(params, "zh", rules=rules), "md"))
    results["growth"] = growth(source, rules, work, repeat)
    results["big_docx"] = big_docx(plan, work)
    results["pdf"] = pdf_reading(repeat)

    # Command-line wall time, process start included.
    out = work / "cli.docx"
    results["cli"] = {
        "help_seconds": cli_time(["--help"], repeat),
        "generate_seconds": cli_time(["generate", str(SAMPLE), "-o", str(out), "--force"], repeat),
        "validate_seconds": cli_time(["validate", str(source)], repeat),
        "targets": {"help": 0.3, "generate": 1.0, "validate": 1.0},
    }
    results["batch"] = [batch_run(args.batch_rows, jobs, work) for jobs in (1, 2)]
    results["batch_memory"] = [batch_run(rows, 2, work, "md") for rows in args.memory_rows]
    results["serve"] = serve_load.load(SEED if SEED.is_file() else plan)
    return results


def table(results: dict) -> list[tuple[str, str, str, str]]:
    if "serve" in results and "review" not in results:
        return serve_load.rows(results["serve"])
    if "generation" not in results:
        return review_table(results["review"])
    if "validation" not in results:
        return generation_table(results["generation"])
    v, gr, c, big = (results[k] for k in ("validation", "growth", "cli", "big_docx"))
    sizes = gr["sizes"]
    rows = generation_table(results["generation"]) + [
        ("validation, one plan (in-process)", f"{v['seconds']*1000:.0f} ms", f"floor {v['floor_seconds']*1000:.0f} ms",
         f"{v['ratio']:.2f}x (target <= 2x)"),
    ]
    for times in (1, 10, 100):
        size = sizes[times]
        rows.append((f"growth, {gr['file']} body x{times}", f"{size['seconds']*1000:.0f} ms",
                     f"{size['bytes'] / 1e6:.1f} MB, {size['sections']} sections", ""))
    rows += [
        ("growth ratios, x10/x1 and x100/x1", f"{gr['ratio_10x']:.1f}x", f"{gr['ratio_100x']:.0f}x",
         f"sections x{gr['sections_10x']:.0f}, x{gr['sections_100x']:.0f} (target ~10x and ~100x)"),
        (f"drafter validate, {big['bytes'] / 1e6:.1f} MB .docx (wall)", f"{big['seconds']:.1f} s",
         f"peak {big['peak_memory_mb']:.0f} MB", f"{big['xml_bytes'] / 1e6:.0f} MB of XML (target: seconds)"),
        ("drafter --help (wall)", f"{c['help_seconds']*1000:.0f} ms", "", "target < 300 ms"),
        ("drafter generate (wall)", f"{c['generate_seconds']*1000:.0f} ms", "", "target < 1000 ms"),
        ("drafter validate (wall)", f"{c['validate_seconds']*1000:.0f} ms", "", "target < 1000 ms"),
    ]
    if results.get("pdf"):
        p = results["pdf"]
        rows.append((f"PDF reading, {p['files']} files, {p['pages']} pages", f"{p['ms_per_page']:.2f} ms/page",
                     f"floor {p['floor_ms_per_page']:.2f} ms/page", f"{p['ratio']:.2f}x (target <= 1.5x)"))
    for b in results["batch"]:
        rows.append((f"drafter batch, {b['rows']} plans, --jobs {b['jobs']}", f"{b['plans_per_second']:.1f}/s",
                     f"peak {b['peak_memory_mb']:.0f} MB", "target >= 20/s with --jobs 2, < 300 MB"))
    for b in results["batch_memory"]:
        rows.append((f"drafter batch, {b['rows']:,} rows, --jobs 2, md", f"{b['plans_per_second']:.1f}/s",
                     f"peak {b['peak_memory_mb']:.0f} MB", "target: the same peak at any number of rows"))
    return rows + review_table(results["review"]) + serve_load.rows(results["serve"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--batch-rows", type=int, default=1000, help="localities in the batch throughput runs")
    parser.add_argument("--memory-rows", type=lambda t: [int(n) for n in t.split(",")], default=[1000, 10000],
                        help="row counts of the batch memory runs (default 1000,10000)")
    parser.add_argument("--review-folder", type=int, default=200, help="drafts in the folder review runs")
    parser.add_argument("--only", choices=["review", "serve", "generation"], help="run only these measurements")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="drafter-bench-"))
    try:
        results = measure(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rows = table(results)
    width = max(len(r[0]) for r in rows)
    for row in rows:
        print(f"{row[0]:<{width}}  {row[1]:>9}  {row[2]:>22}  {row[3]}".rstrip())
    return 0


if __name__ == "__main__":
    sys.exit(main())
