"""Loading and parsing cost per note, beside baselines measured in the same run. Prints; never passes or fails.

    uv run python benchmarks/bench_load.py [--count 20000] [--corpus ../shared/corpus]

Baselines: reading the raw bytes of the same files, and plain `MarkdownIt("commonmark").parse` of the
same bodies. Every figure is one pass over a warm page cache.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt

from shownotes.core.library import Library, scan
from shownotes.core.notes.markdown import make_parser
from synth import CORPUS, build_library


def timed(function: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def row(name: str, seconds: float, count: int, baseline: float | None = None) -> str:
    per_note = seconds / max(count, 1) * 1e6
    ratio = f"{seconds / baseline:6.2f}x" if baseline else "       "
    return f"  {name:<38} {seconds * 1000:10.1f} ms {per_note:10.1f} µs/note  {ratio}"


def bench(label: str, root: Path) -> None:
    files = [Path(path) for path, _rel in scan(root)[0]]
    for path in files:
        path.read_bytes()  # warm the page cache so every figure below reads from memory
    read_s, sizes = timed(lambda: [len(path.read_bytes()) for path in files])
    size = sum(sizes)
    open_s, library = timed(lambda: Library.open(root))
    notes = library.notes
    bodies = [note.body for note in notes]
    plain = MarkdownIt("commonmark")
    ours = make_parser()
    # Results are dropped as they are made, so no pass pays for the memory of another.
    base_parse_s, _ = timed(lambda: [len(plain.parse(body)) for body in bodies])
    our_tokens_s, _ = timed(lambda: [len(ours.parse(body, {"warnings": []})) for body in bodies])
    parse_s, counts = timed(lambda: [len(note.parse().outline.timestamps) for note in notes])
    stamps = sum(counts)
    print(f"\n{label}: {len(notes)} notes, {size / 1048576:.1f} MB, {stamps} timestamps, "
          f"{len(library.warnings)} warnings")
    print(f"  {'':<38} {'total':>13} {'per note':>17}  vs baseline")
    print(row("baseline: read raw bytes", read_s, len(files)))
    print(row("Library.open (read, decode, frontmatter)", open_s, len(notes), read_s))
    print(row("baseline: MarkdownIt('commonmark')", base_parse_s, len(notes)))
    print(row("shownotes parser (tokens only)", our_tokens_s, len(notes), base_parse_s))
    print(row("Note.parse (tokens + outline)", parse_s, len(notes), base_parse_s))
    channels_s, _ = timed(lambda: library.channels)
    print(row("grouping into channels/episodes", channels_s, len(notes)))
    big = max(notes, key=lambda note: note.size)
    big_base_s, _ = timed(lambda: plain.parse(big.body))
    big_s, _ = timed(big.parse)
    print(f"  largest note {big.rel} ({big.size / 1048576:.2f} MB): Note.parse {big_s * 1000:.1f} ms, "
          f"baseline {big_base_s * 1000:.1f} ms ({big_s / big_base_s:.2f}x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20000, help="notes in the synthetic library")
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    bench(f"corpus {args.corpus}", args.corpus)
    with tempfile.TemporaryDirectory(prefix="shownotes-bench-") as folder:
        build_s, root = timed(lambda: build_library(Path(folder), args.count, corpus=args.corpus))
        print(f"\n(synthetic library of {args.count} notes + 1 big note built in {build_s:.1f} s)")
        bench(f"synthetic {args.count}", root)


if __name__ == "__main__":
    main()
