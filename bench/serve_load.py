"""Load on the web page's server: `drafter serve` (waitress) started on 127.0.0.1, then N
validations of one plan sent over HTTP, C at a time; every answer must be a 200 with a report.

Reports the latencies (median, p95), the server's peak memory (its process tree, workers
included) and, side by side, one validation of the same file in-process (the floor: what a
request costs without the server). Run alone: `python bench/serve_load.py`, or from run.py with
`--only serve`.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from processes import CLI_ENV, DRAFTER, ROOT, tree_rss_kb  # noqa: E402

SEED = ROOT.parent / "shared" / "seeds" / "004_c0e6d776a2bf4146.txt"


def multipart(path: Path) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{path.name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + path.read_bytes() + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def start_server(workers: int) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(DRAFTER + ["serve", "--port", "0", "--workers", str(workers)], env=CLI_ENV,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    match = re.search(r"(http://127\.0\.0\.1:\d+/)", proc.stderr.readline())
    if not match:
        proc.kill()
        raise SystemExit("drafter serve printed no address")
    return proc, match.group(1)


def post(url: str, body: bytes, kind: str) -> tuple[int, float]:
    start = time.perf_counter()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": kind}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            ok = response.status == 200 and "sections" in json.loads(response.read())
            return (200 if ok else 0), time.perf_counter() - start
    except urllib.error.HTTPError as exc:
        return exc.code, time.perf_counter() - start


def floor_ms(plan: Path) -> float:
    """One in-process validation of the same file (after a first, warming one)."""
    code = ("import time, sys; from drafter import api; s = api.Settings(); api.validate(sys.argv[1], s); "
            "t = time.perf_counter(); api.validate(sys.argv[1], s); print((time.perf_counter() - t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code, str(plan)], env=CLI_ENV, capture_output=True, text=True)
    return float(out.stdout.strip() or "nan")


def load(plan: Path, requests: int = 40, concurrency: int = 8, workers: int = 2) -> dict:
    proc, address = start_server(workers)
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    body, kind = multipart(plan)
    try:
        time.sleep(1.0)  # the workers load the rules once before the first request
        start = time.perf_counter()
        with ThreadPoolExecutor(concurrency) as pool:
            answers = list(pool.map(lambda _: post(address + "api/validate", body, kind), range(requests)))
        wall = time.perf_counter() - start
    finally:
        done.set()
        proc.send_signal(2)
        proc.wait(30)
    latencies = sorted(t for _, t in answers)
    return {"requests": requests, "concurrency": concurrency, "workers": workers,
            "ok": sum(1 for code, _ in answers if code == 200), "wall_s": wall,
            "p50_s": statistics.median(latencies), "p95_s": latencies[max(0, int(0.95 * len(latencies)) - 1)],
            "peak_mb": peak[0] / 1024, "floor_ms": floor_ms(plan), "file": plan.name}


def rows(r: dict) -> list[tuple[str, str, str, str]]:
    return [(f"`drafter serve`: {r['requests']} validations of {r['file']}, {r['concurrency']} at a time, "
             f"{r['workers']} workers", f"{r['ok']}/{r['requests']} ok",
             f"p50 {r['p50_s']:.2f} s, p95 {r['p95_s']:.2f} s; in-process {r['floor_ms']:.0f} ms",
             "all ok, p95 < 3 s"),
            ("`drafter serve` peak memory (server and workers)", f"{r['peak_mb']:.0f} MB", "", "< 400 MB")]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--plan", type=Path, default=SEED if SEED.exists() else ROOT / "samples" / "jiangmen.yaml")
    args = parser.parse_args()
    result = load(args.plan, args.requests, args.concurrency, args.workers)
    for row in rows(result):
        print("  ".join(row))
    return 0 if result["ok"] == result["requests"] else 1


if __name__ == "__main__":
    sys.exit(main())
