"""The app's search screen on a big library, in a real terminal: from the last keystroke of a query to
its results on screen, beside a plain key's echo in the same run; and the app's memory beside the seed's.

    SHOWNOTES_CACHE_DIR=/tmp/me/cache uv run shownotes search x /tmp/warm-lib/synth   # the index, once
    nice uv run python benchmarks/bench_app_search.py /tmp/warm-lib/synth --cache /tmp/me/cache

The library's index must be in that cache already (the app would otherwise spend minutes building it);
the library is only read. Each query is pasted into an empty search box (one `send-keys -l`), timed
until the screen shows its first hit's title and its count, then the box is emptied (ctrl+u) and its
results gone before the next. Memory is the app's python process (/proc/PID/status) once the library
is open and indexed, and again after the queries. Prints figures; never passes or fails.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench_index import pct, query_words  # noqa: E402
from bench_scale import INDEXED, SEED_MARKER, Terminal, descendants, plain, row, sidebar_latencies, status_mb  # noqa: E402
from shownotes.core.index import Index, schema  # noqa: E402
from shownotes.tui.screens.search import LIMIT, count_text  # noqa: E402
from synth import CORPUS  # noqa: E402

SEARCH_OPEN = "Search the library"
SEARCH_ALL = "Search every library"
BORDERS = "│╭╮╰╯─"


def box_text(screen: str) -> str:
    """The search box's words in reading order, joined by single spaces (a wrapped line reads as one);
    what the reader shows around the box is left out."""
    lines = plain(screen).splitlines()
    top = next((n for n, line in enumerate(lines) if SEARCH_OPEN in line or SEARCH_ALL in line), None)
    if top is None:
        return " "
    left = lines[top].rfind("╭", 0, lines[top].find("Search "))
    right = lines[top].find("╮", left)
    inside = []
    for line in lines[top + 1 :]:
        if line[left : left + 1] == "╰":
            break
        inside.append(line[left + 1 : right])
    return " " + " ".join(" ".join(inside).translate({ord(c): " " for c in BORDERS}).split()) + " "


def flat(text: str) -> str:
    return " ".join(text.split())


def figures(values: list[float]) -> str:
    good = [v for v in values if v == v]  # NaN: timed out
    text = f"p50 {pct(good, 50):7.1f} ms  p95 {pct(good, 95):7.1f} ms  max {max(good):7.1f} ms" if good else "no sample"
    return text + (f", {len(values) - len(good)} timed out" if len(good) < len(values) else "")


def expected_marks(index: Index, queries: list[str]) -> tuple[list[tuple[str, str]], list[float]]:
    """Per query, what its results show (first title, count) as the in-process search finds them; and
    how long each such search takes here (the floor under the screen's figure)."""
    marks, took = [], []
    for query in queries:
        started = time.perf_counter()
        hits = index.search(query, limit=LIMIT)
        took.append((time.perf_counter() - started) * 1000)
        marks.append((flat(hits[0].title) if hits else count_text(0), count_text(len(hits))))
    return marks, took


def since(started: float, waited: float) -> float:
    """ms from `started` to now, or NaN when the wait timed out (`waited` NaN)."""
    return (time.perf_counter() - started) * 1000 if waited == waited else float("nan")


def search_latencies(term: Terminal, queries: list[str], marks: list[tuple[str, str]]) -> dict[str, list[float]]:
    """Paste each query into the empty box: time to its first hit's title, and to its count (all its
    results); then ctrl+u, timed to the box's empty list."""
    times: dict[str, list[float]] = {"first": [], "all": [], "cleared": []}
    for query, (title, count) in zip(queries, marks):
        started = time.perf_counter()
        term.keys(query, literal=True)
        first = term.wait(lambda s, t=title: t in box_text(s), 10, interval=0.001)
        times["first"].append(since(started, first))
        every = term.wait(lambda s, t=title, c=count: t in box_text(s) and f" {c} " in box_text(s), 10, interval=0.001)
        times["all"].append(since(started, every))
        started = time.perf_counter()
        term.keys("C-u")
        gone = term.wait(lambda s, t=title: t not in box_text(s), 10, interval=0.001)
        times["cleared"].append(since(started, gone))
        if gone != gone or every != every:
            print(f"  ... timed out on {query!r}; the box showed: {box_text(term.screen())[:300]}", file=sys.stderr)
    return times


def app_memory(term: Terminal) -> tuple[float, float]:
    """VmRSS and VmHWM (MB) of the app's python process, not of the shell around it."""
    pane = term.term.pane_pid()
    family = descendants(pane) if pane is not None else {}
    apps = [pid for pid, cmdline in family.items() if " -m shownotes" in cmdline and "sleep" not in cmdline]
    return status_mb(apps[0]) if apps else (float("nan"), float("nan"))


def seed_memory(work: Path) -> tuple[float, float]:
    term = Terminal([sys.executable, "-m", "shownotes"], work / "seed-cache", work / "seed-state")
    term.start()
    try:
        term.wait(lambda s: SEED_MARKER in s, 60)
        term.idle(2)
        return app_memory(term)
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path, help="a library whose index is in --cache")
    parser.add_argument("--cache", type=Path, required=True, help="the cache folder holding its index")
    parser.add_argument("--queries", type=int, default=40, help="half rare words, half common ones")
    parser.add_argument("--tries", type=int, default=20, help="plain keys for the baseline")
    args = parser.parse_args()
    root = args.library.resolve()
    cache = args.cache.resolve()
    if os.environ.get(schema.CACHE_ENV):  # the driver ends every process started with the app's cache: this one too
        sys.exit(f"run it without {schema.CACHE_ENV}; --cache names the folder")
    if not schema.db_path(root, cache).exists():
        sys.exit(f"no index of {root} in {cache}; build it first: {schema.CACHE_ENV}={cache} shownotes search x {root}")
    vocab, running = query_words(CORPUS / "redpointai", args.queries)
    queries = vocab[: args.queries // 2] + running[: args.queries - args.queries // 2]
    with Index.open(root, cache_dir=cache) as index:
        expected_marks(index, queries[:5])  # warm the page cache, as the app's first search does
        marks, in_process = expected_marks(index, queries)
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="shownotes-appsearch-") as temp:
        work = Path(temp)
        seed = seed_memory(work)
        term = Terminal([python, "-m", "shownotes", str(root)], cache, work / "state")
        term.start()
        try:
            indexed = term.wait(lambda s: INDEXED in s, 300, interval=0.05)
            term.idle(2)
            open_memory = app_memory(term)
            keys, _ = sidebar_latencies(term, args.tries)
            term.keys("/")
            opened = term.wait(lambda s: SEARCH_OPEN in s, 10)
            if opened != opened:  # NaN: typing on would type into the reader
                sys.exit(f"the search screen did not open; the screen was:\n{plain(term.screen())}")
            times = search_latencies(term, queries, marks)
            term.idle(1)
            after_memory = app_memory(term)
        finally:
            term.close()
    notes = sum(1 for _ in root.rglob("*.md"))
    print(f"library {root} ({notes:,} notes); app warm, launch to {INDEXED!r} in {indexed:.1f} s")
    print(f"\n1. Keystroke to screen ({len(queries)} queries: {len(vocab[: args.queries // 2])} rare words, the rest common)")
    row(f"baseline: sidebar `j` to its cells changing ({len(keys)})", figures(keys))
    row("query pasted to its first hit on screen", figures(times["first"]), "(target p95 <= 100 ms)")
    row("query pasted to all its results and count", figures(times["all"]))
    row("ctrl+u to the results gone", figures(times["cleared"]))
    row("  in-process Index.search, same queries", figures(in_process), "(diagnostic)")
    print("\n2. Memory of the app's python process (/proc/PID/status VmRSS, VmHWM)")
    row("seed library (`python -m shownotes`)", f"{seed[0]:7.1f} MB  peak {seed[1]:7.1f} MB", "baseline")
    row("library open and indexed", f"{open_memory[0]:7.1f} MB  peak {open_memory[1]:7.1f} MB", "(target <= 200 MB)")
    row("after the queries", f"{after_memory[0]:7.1f} MB  peak {after_memory[1]:7.1f} MB")


if __name__ == "__main__":
    main()
