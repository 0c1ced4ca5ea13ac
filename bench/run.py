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
`--only review` runs the last two alone; `--only generation` the generation rows alone.
Generation is also compared with docxtpl (`pip install .[bench]`) rendering a template that holds
the generated plan's paragraphs, runs and formatting, each run's text a placeholder.
The command line is this checkout's (`python -m drafter`), not whatever `drafter` is installed.
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
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from drafter.api import generate_document, render  # noqa: E402
from drafter.generate.params import load_params  # noqa: E402
from drafter.patterns import pattern_set  # noqa: E402
from drafter.read import read_document  # noqa: E402
from drafter.read.normalize import key  # noqa: E402
from drafter.rules import load_rules  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
import serve_load  # noqa: E402
from processes import CLI_ENV, DRAFTER, tree_rss_kb  # noqa: E402
from drafter.check.validate import validate_file  # noqa: E402

SAMPLE = ROOT / "samples" / "jiangmen.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "004_c0e6d776a2bf4146.txt"
PDFS = ROOT.parent / "shared" / "corpus" / "pdf"


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


def docxtpl_writer(plan: Path, work: Path):
    """A function that renders with docxtpl (the `bench` extra) the paragraphs, runs and formatting
    of `plan` and saves them, or None without docxtpl. The template is what a docxtpl user would
    write, and the fastest form of it: one paragraph per kind of paragraph (the same paragraph and
    run properties), its runs' text placeholders, inside a loop over the plan's paragraphs."""
    try:
        from docxtpl import DocxTemplate
    except ImportError:
        return None
    import copy
    import io

    source = new_docx(str(plan))
    body = source.element.body
    kinds: dict[bytes, int] = {}
    shapes, paras = [], []
    for p in [child for child in body if child.tag == qn("w:p")]:
        shape = copy.deepcopy(p)
        texts = []
        for t in shape.iter(qn("w:t")):
            texts.append(t.text or "")
            t.text = "{{ p.r[%d] }}" % (len(texts) - 1)
        key = shape.xml.encode()
        if key not in kinds:
            kinds[key] = len(kinds)
            shapes.append(shape)
        paras.append({"k": kinds[key], "r": texts})
        body.remove(p)

    def control(text: str):
        return parse_xml(f'<w:p {nsdecls("w")}><w:r><w:t>{text}</w:t></w:r></w:p>')

    end = body.sectPr
    template_paragraphs = [control("{%p for p in paras %}")]
    for k, shape in enumerate(shapes):
        template_paragraphs += [control(f"{{%p {'if' if k == 0 else 'elif'} p.k == {k} %}}"), shape]
    template_paragraphs += [control("{%p endif %}"), control("{%p endfor %}")]
    for p in template_paragraphs:
        end.addprevious(p)
    template = work / "template.docx"
    source.save(str(template))

    def write() -> bytes:
        document = DocxTemplate(str(template))
        document.render({"paras": paras}, autoescape=True)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    return write


def cli_time(args: list[str], repeat: int) -> float:
    return median_time(lambda: subprocess.run(DRAFTER + args, check=False, capture_output=True, env=CLI_ENV), repeat)


def peak_tree_memory(args: list[str]) -> tuple[subprocess.Popen, bytes, float, int]:
    """Run a drafter command; its stdout, wall seconds and the peak memory (KB) of its process tree."""
    import threading

    start = time.perf_counter()
    proc = subprocess.Popen(DRAFTER + args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=CLI_ENV)
    peak = [0]

    def sample():
        while proc.poll() is None:
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = proc.communicate()
    sampler.join()
    return proc, stdout, time.perf_counter() - start, peak[0]


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


def flawed_draft(plan: Path, work: Path) -> Path:
    """The plan with every 2025 figure of the main objectives a placeholder and its transport
    action taken out: a draft with errors and warnings to comment on."""
    document = new_docx(str(plan))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.endswith("交通运输绿色低碳行动"))
    end = next(i for i, p in enumerate(paragraphs) if i > start and p._p.pPr is not None
               and p._p.pPr.find(qn("w:outlineLvl")) is not None)
    for p in paragraphs[start:end]:
        p._p.getparent().remove(p._p)
    for p in document.paragraphs:
        for run in p.runs:
            if "2025年" in p.text and "%" in run.text:
                run.text = run.text.replace("%", "%【待补充：核实】", 1)
    out = work / "flawed.docx"
    document.save(str(out))
    return out


def review_runs(plan: Path, work: Path, repeat: int, folder_size: int) -> dict:
    import io

    from drafter.api import Settings, review_document, validate

    settings = Settings(lang="zh")
    draft = flawed_draft(plan, work)
    val, rev, floor = taking_turns([lambda: validate(draft, settings), lambda: review_document(draft, settings),
                                    lambda: new_docx(str(draft)).save(io.BytesIO())], 3 * repeat)
    out = work / "reviewed.docx"
    cli_val = cli_time(["validate", str(draft)], repeat)
    cli_rev = cli_time(["review", str(draft), "-o", str(out), "--force"], repeat)
    comments = len(new_docx(str(out)).comments)
    folder = work / "drafts"
    folder.mkdir(exist_ok=True)
    for i in range(folder_size):
        shutil.copyfile(draft, folder / f"draft-{i:03d}.docx")
    folders = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        subprocess.run(DRAFTER + ["review", str(folder), "-o", str(work / f"out-{jobs}"), "--jobs", str(jobs)],
                       capture_output=True, check=False, env=CLI_ENV)
        folders[jobs] = time.perf_counter() - start
    return {"validate_seconds": val, "review_seconds": rev, "ratio": rev / val, "open_save_seconds": floor,
            "cli_validate_seconds": cli_val, "cli_review_seconds": cli_rev, "cli_ratio": cli_rev / cli_val,
            "comments": comments, "folder_drafts": folder_size, "folder_jobs1_seconds": folders[1],
            "folder_jobs2_seconds": folders[2], "folder_speedup": folders[1] / folders[2],
            "targets": {"ratio": 1.3, "folder_speedup": 1.7}}


def generation_runs(generate, plan: Path, work: Path, repeat: int) -> dict:
    """Generation against python-docx writing the same content, and against docxtpl rendering it."""
    floor_write, docxtpl_write = docx_floor_writer(plan), docxtpl_writer(plan, work)
    if docxtpl_write is not None and ([p.text for p in new_docx(io_bytes(docxtpl_write())).paragraphs]
                                      != [p.text for p in new_docx(str(plan)).paragraphs]):
        raise SystemExit("docxtpl's rendering has not the plan's paragraphs")
    gen, floor, *peer = taking_turns([generate, floor_write] + ([docxtpl_write] if docxtpl_write else []),
                                     3 * repeat)  # short runs: more of them
    out = {"seconds": gen, "floor_seconds": floor, "ratio": gen / floor, "target": 1.5}
    if peer:
        out.update(docxtpl_seconds=peer[0], docxtpl_ratio=gen / peer[0], docxtpl_target=0.75)
    return out


def taking_turns(fns: list, repeat: int) -> list[float]:
    """The median time of each function, run in turn `repeat` times: on a shared machine a change
    of load then falls on all of them alike, not on whichever ran during it."""
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, runs in zip(fns, times):
            runs.append(median_time(fn, 1))
    return [statistics.median(runs) for runs in times]


def io_bytes(data: bytes):
    import io

    return io.BytesIO(data)


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


def review_table(r: dict) -> list[tuple[str, str, str, str]]:
    return [
        (f"review vs validate, one draft ({r['comments']} comments, in-process)", f"{r['review_seconds']*1000:.0f} ms",
         f"validate {r['validate_seconds']*1000:.0f} ms", f"{r['ratio']:.2f}x (target <= 1.3x); "
         f"python-docx open+save alone {r['open_save_seconds']*1000:.0f} ms"),
        ("drafter review vs drafter validate (wall)", f"{r['cli_review_seconds']*1000:.0f} ms",
         f"validate {r['cli_validate_seconds']*1000:.0f} ms", f"{r['cli_ratio']:.2f}x (target <= 1.3x)"),
        (f"drafter review FOLDER, {r['folder_drafts']} drafts, --jobs 2 vs 1", f"{r['folder_jobs2_seconds']:.1f} s",
         f"--jobs 1 {r['folder_jobs1_seconds']:.1f} s", f"{r['folder_speedup']:.2f}x (target >= 1.7x)"),
    ]


def generation_table(g: dict) -> list[tuple[str, str, str, str]]:
    rows = [("generation, one plan (in-process)", f"{g['seconds']*1000:.0f} ms",
             f"floor {g['floor_seconds']*1000:.0f} ms", f"{g['ratio']:.2f}x (target <= 1.5x)")]
    if "docxtpl_seconds" in g:
        rows.append(("generation vs docxtpl, same content", f"{g['seconds']*1000:.0f} ms",
                     f"docxtpl {g['docxtpl_seconds']*1000:.0f} ms", f"{g['docxtpl_ratio']:.2f}x (target <= 0.75x)"))
    return rows


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
