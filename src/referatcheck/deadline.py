"""A time limit for the lint of one file, so that a rule or plugin that never returns
costs that file only.

Inside the process that lints the file the limit is an interval timer (SIGALRM): when
it runs out, :class:`TimeLimitExceeded` is raised in whatever Python code runs — a loop
in a rule, a regular expression, a sleep, a wait on a socket — and the engine turns it
into an RC010 finding that names the rule or plugin it stopped. It is a BaseException,
so a rule's own ``except Exception`` cannot swallow it. Code stuck in C without ever
returning to Python cannot be interrupted this way; in a run with worker processes the
runner stops and replaces such a worker (see ``referatcheck.runner``).

The timer is only set in the main thread of a POSIX process (signals are delivered
there); elsewhere the limit is not enforced in-process.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

from referatcheck.diagnostic import Message

# Seconds a file may take, per started megabyte: generous for the largest real minutes
# (a 1 MB file takes a few seconds), short enough that a hang ends a CI run in time.
DEFAULT_SECONDS = 60.0
_MEGABYTE = 1_000_000


class TimeLimitExceeded(BaseException):
    """The time limit of the file being linted ran out; ``stage`` says what was running."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"time limit of {seconds:g} s exceeded")
        self.seconds = seconds
        self.stage: Message | None = None

    def at(self, stage: Message) -> "TimeLimitExceeded":
        """Name the stage that was running, unless an inner stage already did."""
        if self.stage is None:
            self.stage = stage
        return self


def limit_for(size: int, seconds: float) -> float:
    """The limit for a file of ``size`` bytes: ``seconds``, and as much per MB above 1 MB
    (0: no limit)."""
    return seconds * max(1.0, size / _MEGABYTE) if seconds > 0 else 0.0


def available() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in this thread after ``seconds`` (0, or no timer: no limit)."""
    if seconds <= 0 or not available():
        yield
        return

    def expired(signum, frame):
        raise TimeLimitExceeded(seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
