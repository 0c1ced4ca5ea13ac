"""What the benchmarks share: the drafter command of this checkout and the memory of a process
tree."""

from __future__ import annotations

import os
import sys
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
