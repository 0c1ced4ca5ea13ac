"""A wall-clock limit for work that may loop without end, such as a user template's loops.

One watchdog thread per process raises `DeadlineExceeded` in the thread that overran, with
`PyThreadState_SetAsyncExc`. Unlike an alarm signal this works in any thread (a library caller's
worker thread too) and leaves the process's signal handlers alone; like a signal, it takes effect
between two Python instructions, which is what a runaway template loop executes. Arming and
disarming take a lock and a dictionary update, so thousands of renders cost nothing noticeable.

An exception delivered while the interpreter runs a garbage-collector callback is printed as
"Exception ignored" and lost, and the work goes on; so a deadline fires again, a few times apart,
until the work ends.
"""

from __future__ import annotations

import ctypes
import os
import threading
import time

_IDLE_WAKE = 1.0  # how often the watchdog looks around when nothing is armed
_REFIRE_SECONDS = 0.25  # a fired deadline still armed this long later was swallowed: fire again
_FIRES = 4  # at most this many times


class DeadlineExceeded(BaseException):
    """Raised in a thread that ran past its deadline. A BaseException, so that library code
    catching Exception does not swallow it and keep looping."""


class _State:
    def __init__(self) -> None:
        self.cond = threading.Condition(threading.Lock())
        self.armed: dict[int, tuple[int, float, int]] = {}  # token -> (thread id, deadline, times fired)
        self.wake = 0.0                                 # when the watchdog will look next
        self.thread: threading.Thread | None = None
        self.tokens = 0


_state = _State()
_local = threading.local()


def _reset_after_fork() -> None:
    # A forked child has no watchdog thread and may have inherited a held lock.
    global _state
    _state = _State()
    _local.__dict__.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_reset_after_fork)


def _set_async(thread_id: int, exc) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), exc)


def _watch(state: _State) -> None:
    with state.cond:
        while True:
            now = time.monotonic()
            for token, (thread_id, at, fired) in list(state.armed.items()):
                if at <= now:
                    _set_async(thread_id, ctypes.py_object(DeadlineExceeded))
                    if fired + 1 < _FIRES:
                        state.armed[token] = (thread_id, now + _REFIRE_SECONDS, fired + 1)
                    else:
                        del state.armed[token]
            state.wake = min((at for _, at, _ in state.armed.values()), default=now + _IDLE_WAKE)
            state.cond.wait(max(0.0, state.wake - now))


def _arm(seconds: float) -> int:
    state, at = _state, time.monotonic() + seconds
    with state.cond:
        state.tokens += 1
        token = state.tokens
        state.armed[token] = (threading.get_ident(), at, 0)
        if state.thread is None:  # one per process (a forked child gets a fresh _state)
            state.thread = threading.Thread(target=_watch, args=(state,), name="drafter-deadline",
                                            daemon=True)
            state.thread.start()
        elif at < state.wake:
            state.cond.notify()
    return token


def _disarm(token: int) -> bool:
    """Forget the deadline; False if the watchdog already fired it."""
    with _state.cond:
        entry = _state.armed.pop(token, None)
    return entry is not None and entry[2] == 0


def run_within(seconds: float, function, *args):
    """`function(*args)`, interrupted with DeadlineExceeded after `seconds`. A call nested in
    another in the same thread runs under the outer deadline. Once this returns or raises, no
    DeadlineExceeded is pending for the thread."""
    if getattr(_local, "active", False):
        return function(*args)
    _local.active = True
    token = _arm(seconds)
    try:
        return function(*args)
    finally:
        try:
            if not _disarm(token):
                _set_async(threading.get_ident(), None)  # fired after the work ended: cancel it
        finally:
            _local.active = False
