"""A second reader that finds the index locked by another process waits for it, then shows the index."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from shownotes.core.catalog import open_for_reader
from tests.conftest import build_app
from tests.processes import BOUND
from tests.waiting import index_ready, wait_for


async def test_a_reader_waits_for_another_process_lock_then_indexes(locked_library, effects, tmp_path: Path) -> None:
    library, holder = locked_library
    app = build_app(open_for_reader(library), effects, background=True)
    async with app.run_test(size=(120, 40)) as pilot:
        label = lambda: str(app.status.query_one(Label).content) if app.query("#index-status") else ""  # noqa: E731
        await wait_for(pilot, lambda: label().startswith("Waiting for another shownotes"), "the wait to be shown")
        holder.communicate(timeout=BOUND)  # the other instance finishes
        await index_ready(pilot, app)
        assert label() == "4 notes indexed"
        assert len(app.catalog.index.search("wombats")) == 4
