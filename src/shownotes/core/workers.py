"""Worker processes for parsing many notes: when a pool pays off, what it needs started early, and
how a worker ends with its parent (killed with -9 or not) and when the parent stops waiting for it."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import Protocol

# Measured on 2 cores, 20,000 notes: 1 worker 64 s, 2 workers 38 s (benchmarks/bench_index.py). The
# parent stores rows while workers parse, so past a few workers it becomes the bottleneck.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
WORKER_NICENESS = 10
POOL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves
HEAVY_BYTES = 128 * 1024  # a note larger than this is parsed in a worker process, so quitting never waits on it
WATCH_SECONDS = 0.25  # how often a worker looks for its parent and for the order to stop
PR_SET_PDEATHSIG = 1  # linux/prctl.h


class Flag(Protocol):
    def is_set(self) -> bool: ...
    def wait(self, timeout: float | None = None) -> bool: ...


def prepare_workers() -> None:
    """Start multiprocessing's resource tracker while `sys.stderr` is still a real file.

    Full-screen apps replace stderr with an object that has no usable file descriptor, and the
    tracker (started on first use by the worker pool) hands stderr's descriptor to its process.
    """
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()


def yield_cpu() -> None:
    """Workers run at a lower priority: with both cores busy, the reader's keystrokes come first."""
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice on this platform
        os.nice(WORKER_NICENESS)


def start_worker(parent: int, stop: Flag) -> None:
    """A worker's initializer: a lower priority, and an end when the parent dies or sets `stop`.

    A parse cannot be interrupted from inside, so a thread beside it ends the whole process.
    """
    yield_cpu()
    die_with_parent()
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)
    threading.Thread(target=watch, args=(parent, stop), name="shownotes-worker-watch", daemon=True).start()


def die_with_parent() -> bool:
    """Linux: the kernel kills this process when its parent goes. Whether that was arranged."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def watch(parent: int, stop: Flag) -> None:
    """Portable fallback (and the order to stop): a parent that is gone leaves this process reparented."""
    while not stop.wait(WATCH_SECONDS):
        if os.getppid() != parent:
            os._exit(1)
    os._exit(0)
