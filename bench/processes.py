"""What the benchmarks share: the drafter command of this checkout, timing (medians, turns taken
with the peer) and the memory of a process tree."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAFTER = [sys.executable, "-m", "drafter"]
CLI_ENV = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}


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


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


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
