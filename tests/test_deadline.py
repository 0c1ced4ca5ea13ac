"""The watchdog stops work that runs past its deadline, in whatever thread it runs, and leaves
nothing behind once the work is over."""

from __future__ import annotations

import threading
import time

import pytest

from drafter.generate.deadline import DeadlineExceeded, run_within


def spin(seconds: float) -> str:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass
    return "done"


def test_work_within_the_deadline_returns_its_result():
    assert run_within(2, spin, 0.05) == "done"


def test_a_loop_past_the_deadline_is_interrupted():
    start = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        run_within(0.2, spin, 30)
    assert time.monotonic() - start < 10  # the spin would last 30 s


def test_catching_exception_does_not_swallow_it():
    def stubborn():
        end = time.monotonic() + 30
        while time.monotonic() < end:
            try:
                spin(0.01)
            except Exception:  # library code often does this; the deadline must get through
                pass
    with pytest.raises(DeadlineExceeded):
        run_within(0.2, stubborn)


def test_a_deadline_swallowed_once_is_raised_again():
    """As when it lands in a garbage-collector callback, which prints "Exception ignored" and goes on."""
    def swallows_the_first():
        try:
            spin(30)
        except DeadlineExceeded:
            pass
        return spin(30)
    start = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        run_within(0.2, swallows_the_first)
    assert time.monotonic() - start < 10


def test_it_works_in_a_worker_thread():
    outcome = []

    def work():
        try:
            run_within(0.2, spin, 30)
        except DeadlineExceeded:
            outcome.append("stopped")
    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    assert outcome == ["stopped"]


def test_nothing_is_pending_once_the_work_is_over():
    for _ in range(2000):  # many short pieces of work, each disarming its deadline
        run_within(0.05, sum, range(100))
    spin(0.3)  # past every deadline armed above: no stray DeadlineExceeded arrives


def test_a_nested_call_runs_under_the_outer_deadline():
    with pytest.raises(DeadlineExceeded):
        run_within(0.2, run_within, 60, spin, 30)
    spin(0.3)
