"""The reader part of bench_memory.py, run in a fresh child: the app on a folder, headless, as a user opens it.

    python benchmarks/readmem_child.py FOLDER REL BOUND_SECONDS

As `shownotes FOLDER` does (open_for_reader, the saved state, a default config, the index and the
watcher running), under Textual's `run_test`: the app opens the folder's first note on its own; wait
until that note is in the reader, press `G`, wait until the reader shows its last line, quit. Prints one
line of JSON: peak RSS (MB, ru_maxrss of this process) and seconds since start at "shown" and at "end",
or "timeout" naming the step that did not happen within BOUND_SECONDS. The final peak is the parent's
wait4 figure. The environment ($SHOWNOTES_STATE, $SHOWNOTES_CACHE_DIR, $SHOWNOTES_CONFIG) is the parent's.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

STARTED = time.perf_counter()
REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # the one way tests wait: tests/waiting.py

from shownotes.core.catalog import open_for_reader  # noqa: E402
from shownotes.core.config import Config  # noqa: E402
from shownotes.core.state import load_state  # noqa: E402
from shownotes.tui.app import make_app  # noqa: E402
from tests.waiting import wait_for  # noqa: E402

SIZE = (120, 40)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def run(folder: Path, rel: str, bound: float) -> dict[str, object]:
    app = make_app(open_for_reader(folder), state=load_state(), config=Config(), copier=lambda text: None)
    figures: dict[str, object] = {}

    def shown() -> bool:  # the note is in the reader with its first screen laid out
        return app.view is not None and app.view.note.rel == rel and app.reader.text_layout is not None

    def at_end() -> bool:  # laid out to its end, and the reader's last rows are the layout's last lines
        layout = app.reader.text_layout
        bottom = app.reader.top_line + app.reader.scrollable_content_region.height
        return layout is not None and layout.complete and bottom >= layout.height - 1

    async def step(pilot, predicate: Callable[[], bool], what: str) -> bool:
        try:
            await wait_for(pilot, predicate, what, bound=bound - (time.perf_counter() - STARTED))
        except AssertionError:
            figures["timeout"] = what
            return False
        figures[what] = {"peak_mb": peak_mb(), "seconds": time.perf_counter() - STARTED}
        return True

    async with app.run_test(size=SIZE) as pilot:
        if await step(pilot, shown, "shown"):
            await pilot.press("G")
            await step(pilot, at_end, "end")
        figures["lines"] = app.reader.text_layout.height if app.reader.text_layout is not None else 0
    return figures


def main() -> None:
    folder, rel, bound = Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])
    print(json.dumps(asyncio.run(run(folder, rel, bound))), flush=True)


if __name__ == "__main__":
    main()
