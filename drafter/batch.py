"""Draft a plan for every locality of a list (CSV or YAML), in parallel, skipping none for a bad row.

Every row gets its own file, decided before anything is written, and a manifest in the output
folder says which row got which file. Rows are read and sent to the workers one at a time, so
memory does not grow with the length of the list; only the file names are held for all rows.
The reading of the list, the merging over the base and the naming are in localities.py.
"""

from __future__ import annotations

import csv
import gc
import io
import os
import signal
import sys
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DrafterError
from .loader import load_file
from .generate.localities import Names, Row, iter_localities, merge, parse_figure, read_localities, row_params
from .output import OutputExists, check_output, write_atomic
from .settings import Settings

__all__ = ["BatchResult", "Outcome", "run_batch", "manifest_name", "map_files",
           "iter_localities", "merge", "parse_figure", "read_localities", "row_params"]  # the batch API, in one place


@dataclass(slots=True)
class Outcome:
    number: int  # the row
    line: int | None
    status: str  # written, skipped (the draft exists and no --force) or failed
    file: str  # the row's draft, '' when it has none
    message: str = ""  # why it failed, one line


@dataclass
class BatchResult:
    outcomes: list[Outcome] = field(default_factory=list)  # in row order
    problems: list[str] = field(default_factory=list)  # failures that belong to no row
    manifest: Path | None = None
    seconds: float = 0.0

    @property
    def written(self) -> list[str]:
        return [o.file for o in self.outcomes if o.status == "written"]

    @property
    def skipped(self) -> list[str]:
        return [o.file for o in self.outcomes if o.status == "skipped"]

    @property
    def failed(self) -> list[str]:
        return [o.message for o in self.outcomes if o.status == "failed"] + self.problems


# -- the work of one row, in a worker process (or in this one with --jobs 1) ---------------------
@dataclass(frozen=True)
class Job:
    """What every row shares: sent to each worker once, when it starts."""

    settings: Settings
    source: str  # the list of localities, as named in messages
    out: Path
    base: dict
    fmt: str
    force: bool
    tag: str  # marks this run's writes in progress


@dataclass(frozen=True, slots=True)
class RowTask:
    """What one row sends to a worker: its place in the list and its data, or why it has none."""

    number: int
    line: int | None
    data: dict | None
    error: str | None
    stem: str | None


_STATE: dict = {}  # the job and its rules, loaded once per process


def _prepare(job: Job) -> None:
    """Load rules, compile templates and import the writers once, before any worker is forked,
    so that every worker shares them."""
    from . import api  # noqa: F401
    from .writers import docx_writer, md_writer  # noqa: F401

    _ = job.settings.rules, job.settings.templates()  # loaded here, shared by the forked workers
    _STATE["job"] = job


def _worker_start(job: Job) -> None:
    # Ctrl-C reaches the whole process group: the parent alone handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if not _STATE:  # started afresh (spawn), not forked with everything loaded
        _prepare(job)


def _draft(task: RowTask) -> Outcome:
    job: Job = _STATE["job"]
    where = Row(task.number, task.line).where
    if task.error:
        return Outcome(task.number, task.line, "failed", "", f"{job.source}:{where}: {task.error}")
    target = job.out / f"{task.stem}-{job.settings.lang}.{job.fmt}"
    from .api import generate, render
    from .generate.params import validate_data

    try:
        check_output(target, job.force)  # before the drafting: skipping is free
        params = validate_data(row_params(job.base, task.data), job.settings.rules, file=job.source, place=where)
        write_atomic(target, render(generate(params, job.settings), job.fmt, job.settings), force=job.force,
                     tag=job.tag)
        return Outcome(task.number, task.line, "written", target.name)
    except OutputExists:
        return Outcome(task.number, task.line, "skipped", target.name)
    except DrafterError as exc:
        text = exc.render() if exc.file == job.source else f"{job.source}:{where}: {exc.render()}"
        return Outcome(task.number, task.line, "failed", "", text)
    except Exception as exc:  # a worker must report, never die, whatever one row holds
        return Outcome(task.number, task.line, "failed", "", f"{job.source}:{where}: {type(exc).__name__}: {exc}")
    finally:
        gc.collect()  # a python-docx tree sits in reference cycles: free it now, not at a full collection


def _tasks(localities, names: Names, words):
    """What each row sends to a worker: small, one at a time."""
    for row in iter_localities(localities, words=words):
        stem = None if row.error else names.stem(row)
        error = row.error or (None if stem else "the row names no locality (fill in name_zh or name_en)")
        yield RowTask(row.number, row.line, None if error else row.data, error, stem)


def run_batch(localities, outdir, settings: Settings | None = None, *, base=None, fmt="docx", jobs=1,
              force=False, progress=None) -> BatchResult:
    """Draft every row of LOCALITIES into OUTDIR in the settings' language. Raises DrafterError when
    the list, the base or the folder cannot be used; a bad row is an Outcome, and the others go on."""
    start = time.perf_counter()
    settings = settings or Settings()
    words = settings.rules.wording.batch  # the signs and words of a row's figures
    names = Names(iter_localities(localities, names_only=True, words=words))  # an unreadable list fails here, early
    job = Job(settings, str(localities), _output_folder(outdir), _base(base), fmt, force, f"b{os.getpid()}-")
    _prepare(job)
    result = BatchResult()

    def record(outcome: Outcome) -> None:
        result.outcomes.append(outcome)
        if progress:
            progress(len(result.outcomes), names.rows)

    gc.freeze()  # what is loaded so far lives as long as the batch: no collection scans it again
    try:
        with _sigterm_as_exit():
            if jobs <= 1 or names.rows <= 1:
                try:
                    for task in _tasks(localities, names, words):
                        record(_draft(task))
                finally:
                    _remove_parts(job.out, job.tag)
            else:
                _run_pool(_tasks(localities, names, words), jobs, names.rows, record, job)
    finally:
        gc.unfreeze()
        _STATE.clear()  # the base and the rules go with the batch
    result.outcomes.sort(key=lambda o: o.number)  # failures, like the rest, in row order
    _write_manifest(result, job.out, job.settings.lang, fmt)
    result.seconds = time.perf_counter() - start
    return result


def _run_pool(tasks, jobs: int, total: int, record, job: Job) -> None:
    try:
        with _forked_pool(jobs, _worker_start, (job,)) as pool:
            # imap pulls the tasks lazily: only a pipe's worth of rows is ever waiting for a worker.
            for outcome in pool.imap_unordered(_draft, tasks, chunksize=max(1, min(16, total // (jobs * 8) or 1))):
                record(outcome)
    finally:
        _remove_parts(job.out, job.tag)


@contextmanager
def _forked_pool(jobs: int, initializer, initargs: tuple):
    """A pool of `jobs` forked workers, closed when the work is done and stopped at once when it
    is interrupted (the workers let a write in progress finish: output.py holds signals)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork") if sys.platform != "win32" else mp.get_context()
    pool = ctx.Pool(processes=jobs, initializer=initializer, initargs=initargs)
    try:
        yield pool
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


def _remove_parts(out: Path, tag: str) -> None:
    # Writes cut short by an interruption; the tag keeps another run's writes in progress safe.
    for leftover in out.glob(f".*.{tag}*.part"):
        leftover.unlink(missing_ok=True)


@contextmanager
def _sigterm_as_exit():
    """SIGTERM, like Ctrl-C, unwinds: the workers are stopped and nothing half-written is left.
    Only where nobody else handles SIGTERM already."""
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _base(base) -> dict:
    if not base:
        return {}
    data = load_file(base).data
    if not isinstance(data, dict):
        raise DrafterError("the base must be a parameters file (a mapping)", file=str(base))
    return data


def _output_folder(outdir) -> Path:
    out = Path(outdir)
    if out.exists() and not out.is_dir():
        raise DrafterError("the output is a file, not a folder", file=str(out), fix="choose a folder for the drafts")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".drafter-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DrafterError(f"output folder cannot be written: {exc.strerror}", file=str(out),
                           fix="choose a folder you can write to") from None
    return out


def manifest_name(lang: str, fmt: str) -> str:
    return f"manifest-{lang}-{fmt}.csv"


def _write_manifest(result: BatchResult, out: Path, lang: str, fmt: str) -> None:
    """One line per row: its row and line in the list, what happened, its file, why it failed.
    Rewritten by every run; the drafts' names end in -<lang>.<format>, so none is ever called this."""
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(["row", "line", "status", "file", "message"])
    for o in result.outcomes:
        writer.writerow([o.number, o.line or "", o.status, o.file, o.message])
    try:
        # utf-8-sig: Excel, where such lists are edited, reads Chinese file names right only with it.
        result.manifest = write_atomic(out / manifest_name(lang, fmt), text.getvalue().encode("utf-8-sig"),
                                       force=True)
    except DrafterError as exc:
        result.problems.append(exc.render())


# -- one job per file, on several processes (validate and review of a folder) --------------------
_FILES: dict = {}  # the work and what every file shares, in each worker


def _files_start(work, shared) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent alone handles Ctrl-C, as in a batch
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _FILES["work"], _FILES["shared"] = work, shared


def _one_file(item):
    try:
        return _FILES["work"](_FILES["shared"], item)
    finally:
        gc.collect()  # a python-docx tree sits in reference cycles: free it now


def map_files(work, items: list, shared, jobs: int = 1, record=None) -> list:
    """work(shared, item) for every item, on `jobs` forked processes (in this one with one job or
    one item); record(done, total) after each. The results come back in the items' order."""
    results: list = [None] * len(items)
    if jobs <= 1 or len(items) <= 1:
        for n, item in enumerate(items):
            results[n] = work(shared, item)
            if record:
                record(n + 1, len(items))
        return results
    gc.freeze()  # what is loaded lives as long as the workers: their collections do not scan it
    try:
        with _forked_pool(jobs, _files_start, (work, shared)) as pool, _sigterm_as_exit():
            # one file at a time: a file takes far longer than sending it, and chunks leave a
            # worker idle at the end while the other finishes its last one
            for done, (n, result) in enumerate(pool.imap_unordered(_numbered, enumerate(items)), 1):
                results[n] = result
                if record:
                    record(done, len(items))
    finally:
        gc.unfreeze()
    return results


def _numbered(pair):
    n, item = pair
    return n, _one_file(item)
