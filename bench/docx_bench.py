"""The .docx measurements: generation against its floor (python-docx writing the same paragraphs)
and its peer (docxtpl rendering a template of them), and review against validation of the same
draft, in-process, on the command line and on a folder."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from docx import Document as new_docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from processes import CLI_ENV, DRAFTER, cli_time, io_bytes, taking_turns

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


def review_table(r: dict) -> list[tuple[str, str, str, str]]:
    return [
        (f"review vs validate, one draft ({r['comments']} comments, in-process)", f"{r['review_seconds']*1000:.0f} ms",
         f"validate {r['validate_seconds']*1000:.0f} ms", f"{r['ratio']:.2f}x (target <= 1.3x); "
         f"python-docx open+save alone {r['open_save_seconds']*1000:.0f} ms, so no review can be under "
         f"{1 + r['open_save_seconds'] / r['validate_seconds']:.2f}x"),
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
