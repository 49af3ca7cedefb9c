"""Find on a ~1 MB note: keystroke to highlights, beside the plain reader's key latency in the same run.

    uv run python benchmarks/bench_find.py [--keys N] [--query WORD]

Needs tmux. Prints figures; never passes or fails. One app in tmux (150x45) on a ~1 MB note, laid out
to its end first (G, then g). Then:
1. `j` keys in the reader, each timed from send-keys to the screen changing (the baseline);
2. ctrl+f, then the query typed a letter at a time, each letter timed to the bar showing that prefix's
   count (the count and the highlights are set in one step); the counts are worked out beforehand,
   headless at the same size, and a letter whose count is the previous one's is left out (not timeable);
3. Enter (next match) and shift+F3 (previous), each timed to the count changing;
4. `j` keys again once the bar is closed.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # the one tmux driver, tests/e2e/tmuxterm.py
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_follow import key_times, summary  # noqa: E402
from bench_reader import big_note  # noqa: E402
from shownotes.core.config import Config  # noqa: E402
from shownotes.core.find import Haystack  # noqa: E402
from shownotes.core.library import Library  # noqa: E402
from shownotes.tui.app import make_app  # noqa: E402
from tests.e2e.tmuxterm import Tmux  # noqa: E402

SIZE = (150, 45)
LABEL = re.compile(r" Find .*? (\d+/\d+\+?|no match(?: yet)?) ")


def bar_label(screen: str) -> str | None:
    for line in screen.splitlines():
        found = LABEL.search(line)
        if found:
            return found.group(1)
    return None


async def expected_counts(folder: Path, query: str, home: Path) -> list[int]:
    """How many matches each prefix of the query has in the note laid out as the terminal will show it."""
    app = make_app(Library.open(folder), config=Config(), background=False, state_file=home / "probe-state.json")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        layout = app.reader.text_layout
        layout.extend()
        haystack = Haystack.of([layout.text(y) for y in range(layout.height)])
        return [len(haystack.find(query[:n])) for n in range(1, len(query) + 1)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=40)
    parser.add_argument("--query", default="infrastructure")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-find-"))
    folder = work / "n1mb"
    folder.mkdir()
    path = big_note(folder, 1_000_000, "n1mb.md")
    counts = asyncio.run(expected_counts(folder, args.query, work))
    stamps = len(Library.open(folder).notes[0].parse().outline.timestamps)
    env = {"SHOWNOTES_STATE": f"{work}/state.json", "SHOWNOTES_CACHE_DIR": f"{work}/cache", "SHOWNOTES_CONFIG": f"{work}/config.toml"}
    term = Tmux(work, *SIZE)
    try:
        term.start([sys.executable, "-m", "shownotes", str(folder)], env)
        term.timed(lambda screen: f"Timestamps ({stamps})" in screen, 60, time.perf_counter())
        before = term.screen()
        term.keys("G")  # the whole note laid out, so every count below is the final one
        term.timed(lambda screen: screen != before, 30, time.perf_counter())
        before = term.screen()
        term.keys("g")
        term.timed(lambda screen: screen != before, 30, time.perf_counter())
        baseline = key_times(term, args.keys)
        term.keys("g", "C-f")
        term.timed(lambda screen: " Find " in screen, 10, time.perf_counter())
        typed, skipped, previous = [], [], None
        for n, count in enumerate(counts, start=1):
            letter = args.query[n - 1]
            want = "no match" if count == 0 else f"/{count}"
            sent = time.perf_counter()
            term.keys(letter, literal=True)
            if count == previous:
                skipped.append(args.query[:n])
                term.timed(lambda screen, q=args.query[:n]: f"Find {q} " in screen, 10, sent)
            else:
                took = term.timed(lambda screen, want=want: (bar_label(screen) or "").endswith(want), 30, sent)
                typed.append(took * 1000)
            previous = count
        steps = []
        for key in ["Enter", "S-F3"] * (args.keys // 4) if counts[-1] > 1 else []:
            label = bar_label(term.screen())
            sent = time.perf_counter()
            term.keys(key)
            steps.append(term.timed(lambda screen, label=label: bar_label(screen) != label, 10, sent) * 1000)
        term.keys("Escape")
        term.timed(lambda screen: bar_label(screen) is None, 10, time.perf_counter())
        after = key_times(term, args.keys)
        size = path.stat().st_size
        print(f"Find in a {size / 1e6:.2f} MB note ({stamps} timestamps), one app in tmux {SIZE[0]}x{SIZE[1]}, laid out to its end")
        print(summary("reader `j`, bar never opened", baseline))
        print(f"   typing {args.query!r}: counts {counts}")
        print(summary(f"keystroke to highlights ({len(typed)} letters)", typed))
        if skipped:
            print(f"   (not timed, same count as the letter before: {', '.join(map(repr, skipped))})")
        if steps:
            print(summary("Enter / shift+F3 to the next count", steps))
        print(summary("reader `j`, after Esc", after))
        print(f"   keystroke to highlights / reader key: {statistics.median(typed) / statistics.median(baseline):.2f}x (median)")
    finally:
        term.keys("q")
        term.close()


if __name__ == "__main__":
    main()
