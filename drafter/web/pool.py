"""A bounded pool of worker processes for the requests' work.

At most `workers` jobs run at once, each in its own process (the two cores of an officer's PC are
both used, and a job that hogs memory dies with its process, not the server); at most `queue` more
wait. A request beyond that is told to come back (503) instead of piling up memory.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from contextlib import contextmanager
from concurrent.futures import ProcessPoolExecutor, TimeoutError as JobTimeout
from concurrent.futures.process import BrokenProcessPool

from ..settings import Settings
from . import jobs


class Busy(Exception):
    """Every worker is busy and the queue is full."""


def _quiet_worker() -> None:
    # Ctrl-C reaches the whole process group: the server stops its workers itself, so a worker
    # ignores it instead of printing a KeyboardInterrupt of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@contextmanager
def _born_deaf_to_ctrl_c():
    """Workers started in here ignore Ctrl-C from their first instruction: an ignored signal stays
    ignored in a new program, while the initializer only runs once a worker has imported what it
    needs, a second in which a Ctrl-C would kill it with a traceback. Signals are set in the main
    thread only (a pool rebuilt in a request thread relies on the initializer)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


def _warm(settings: Settings) -> int:
    _ = settings.rules  # load and compile the rules once per worker, before the first request
    return os.getpid()


class WorkPool:
    def __init__(self, settings: Settings, workers: int | None = None, queue: int | None = None) -> None:
        self.settings = settings
        self.workers = workers or os.cpu_count() or 1
        self.queue = self.workers * 4 if queue is None else queue
        self._lock = threading.Lock()
        self._pending = 0
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        # spawn: the server's threads are never copied into a worker half-way through a request
        executor = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                       initializer=_quiet_worker)
        with _born_deaf_to_ctrl_c():
            for _ in range(self.workers):
                executor.submit(_warm, self.settings)  # starts the workers
        return executor

    @property
    def pending(self) -> int:
        """Jobs running or waiting."""
        return self._pending

    def run(self, job: str, files: list[tuple[str, str]], options: dict, timeout: float = 300):
        """The job's result; Busy when the queue is full; jobs.JobFailed on a user error."""
        with self._lock:
            if self._pending >= self.workers + self.queue:
                raise Busy()
            self._pending += 1
        try:
            future = self._executor.submit(jobs.run, job, self.settings, files, options)
            return future.result(timeout=timeout)
        except JobTimeout:
            raise jobs.JobFailed(f"the work took longer than {timeout:g} s; try a smaller file", 503) from None
        except BrokenProcessPool:
            # A worker died (out of memory, killed): the request fails, the pool is rebuilt.
            with self._lock:
                self._executor = self._start()
            raise jobs.JobFailed("the file could not be processed (the worker stopped); try a smaller file", 400)
        finally:
            with self._lock:
                self._pending -= 1

    def close(self) -> None:
        # Waiting: an executor left to the interpreter's exit can still be writing to a closed pipe.
        self._executor.shutdown(wait=True, cancel_futures=True)
