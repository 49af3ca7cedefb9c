"""What marking the reader's lines for mouse selection costs: a screen of the seed note painted with
the (character, line) offsets Textual's selection reads, beside the same lines painted without them.

    uv run python benchmarks/bench_selection.py [--runs N]

Prints both medians and their ratio, alternating the two in one run; it never passes or fails.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rich.segment import Segment

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def without_offsets(segments: list[Segment], y: int, margin: int) -> tuple[list[Segment], int]:
    """The baseline: the margin and the segments as painted before selection came."""
    return ([Segment(" " * margin)] if margin else []) + list(segments), 0


async def main(runs: int) -> None:
    import shownotes.tui.panes.reader as reader_module
    from shownotes.core.config import Config
    from shownotes.core.state import State
    from shownotes.tui.app import make_app

    marked = reader_module.with_offsets
    with tempfile.TemporaryDirectory() as home:
        app = make_app(None, state=State(), state_file=Path(home) / "state.json", config=Config(), background=False)
        async with app.run_test(size=(140, 45)) as pilot:
            await pilot.pause()
            reader = app.reader
            height = reader.scrollable_content_region.height
            times: dict[str, list[float]] = {"with offsets": [], "without (baseline)": []}
            for _ in range(runs):
                for label, paint in (("with offsets", marked), ("without (baseline)", without_offsets)):
                    reader_module.with_offsets = paint
                    started = time.perf_counter()
                    for y in range(height):
                        reader.render_line(y)
                    times[label].append((time.perf_counter() - started) * 1000)
            reader_module.with_offsets = marked
    medians = {label: statistics.median(values) for label, values in times.items()}
    for label, median in medians.items():
        print(f"{label:>20}: median {median:.2f} ms per screen of {height} lines ({runs} runs)")
    print(f"{'ratio':>20}: {medians['with offsets'] / medians['without (baseline)']:.2f}x")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    asyncio.run(main(parser.parse_args().runs))
