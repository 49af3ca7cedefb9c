"""The one way tests wait for the app: poll its state between turns of the event loop, bounded."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.pilot import Pilot

WAIT_SECONDS = 30.0  # a bound on polling, never a figure a test measures
REWRITE_SECONDS = 5.0  # the watcher may not be listening yet when a test first writes


async def wait_for(
    pilot: Pilot, predicate: Callable[[], bool], what: str, rewrite: Callable[[], None] | None = None, bound: float = WAIT_SECONDS
) -> None:
    """Until `predicate()` holds; fail saying what never happened. `rewrite` repeats a file change now
    and then, for a watcher that may have started after the first one."""
    start = last_write = time.monotonic()
    while not predicate():
        now = time.monotonic()
        if now - start > bound:
            raise AssertionError(f"timed out waiting for {what}")
        if rewrite is not None and now - last_write > REWRITE_SECONDS:
            rewrite()
            last_write = now
        await pilot.pause(0.01)
