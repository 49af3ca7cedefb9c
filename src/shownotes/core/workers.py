"""Worker processes for parsing many notes: when a pool pays off, and what it needs started early."""

from __future__ import annotations

import contextlib
import os

# Measured on 2 cores, 20,000 notes: 1 worker 64 s, 2 workers 38 s (benchmarks/bench_index.py). The
# parent stores rows while workers parse, so past a few workers it becomes the bottleneck.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
WORKER_NICENESS = 10
POOL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves


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
