"""The one way tests wait for the app: poll its state between turns of the event loop, bounded."""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.app import App
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


async def index_ready(pilot: Pilot, app: App[object], bound: float = WAIT_SECONDS) -> None:
    """Until the app has taken the finished index in. The catalog says it is ready on its worker thread;
    with the background running, the app has taken it in once it has handled that worker's IndexReady,
    which the status line shows (whatever screen is on top). Without it, nothing is on its way."""
    from textual.widgets import Label

    from shownotes.tui.panes.status import IndexStatus

    def taken() -> bool:
        if not app.index_ready:  # type: ignore[attr-defined]
            return False
        if not app.background:  # type: ignore[attr-defined]
            return True
        statuses = app.screen_stack[0].query(IndexStatus)
        label = str(statuses.first().query_one(Label).content) if statuses else ""
        return label.endswith(("indexed", "index unavailable")) or label.startswith("index incomplete")

    await wait_for(pilot, taken, "the index to be ready", bound=bound)
