"""A parent of one worker whose parse never ends, watched only by the portable fallback (no parent-death
signal): `python -m tests.worker_harness`; the worker prints its pid once it is in its "parse"."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time

from shownotes.core.workers import watch


class NeverStop:
    def is_set(self) -> bool:
        return False

    def wait(self, timeout: float | None = None) -> bool:
        time.sleep(timeout or 0)
        return False


def endless_parse(parent: int) -> None:
    threading.Thread(target=watch, args=(parent, NeverStop()), daemon=True).start()
    print(os.getpid(), flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    multiprocessing.get_context("spawn").Process(target=endless_parse, args=(os.getpid(),)).start()
    threading.Event().wait()
