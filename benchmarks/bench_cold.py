"""The index's cold build of a >= 20,000-note library: the full-parse extraction (the baseline, as
before the quick inline pass) beside the quick one, in the same run. Prints; never passes or fails.

    nice uv run python benchmarks/bench_cold.py [--count 20000] [--library PATH] [--workers 2] [--sample 500]

Without --library a synthetic library (benchmarks/synth.py) is built in a temporary folder; a given
library is only read (the indexes go to temporary cache folders).
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from shownotes.core.index import Index
from shownotes.core.index.build import PARSE_ENV, extract
from shownotes.core.library import scan
from synth import build_library


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cold(root: Path, cache: Path, workers: int, parse: str) -> tuple[float, float, float, int]:
    """(wall s, this process's CPU s, workers' CPU s, notes parsed) of one cold build."""
    os.environ[PARSE_ENV] = parse  # spawned workers inherit it
    index = Index.open(root, cache_dir=cache)
    cpu, kids, started = time.process_time(), children_cpu(), time.perf_counter()
    result = index.update(workers=workers)
    wall = time.perf_counter() - started
    index.close()
    return wall, time.process_time() - cpu, children_cpu() - kids, result.parsed


def extraction(files: list[tuple[str, str]], quick: bool) -> float:
    """CPU ms per note of reading and parsing alone, in this process."""
    started = time.process_time()
    for path, raw in files:
        extract(path, raw, quick=quick)
    return (time.process_time() - started) * 1000 / len(files)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--library", type=Path, help="an existing library, read only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=500, help="notes timed for the extraction alone")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cpus, load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="shownotes-cold-") as temp:
        temp_path = Path(temp)
        root = args.library or build_library(temp_path, count=args.count, folders=80)
        files, _warnings = scan(root)
        size = sum(os.stat(path).st_size for path, _raw in files)
        print(f"library {root}: {len(files)} notes, {size / 1e6:.0f} MB")
        sample = files[:: max(1, len(files) // args.sample)][: args.sample]
        full_ms, quick_ms = extraction(sample, False), extraction(sample, True)
        print(f"  read + parse one note (CPU, {len(sample)} notes)   full {full_ms:6.2f} ms   quick {quick_ms:6.2f} ms   ({full_ms / quick_ms:.2f}x)")
        print(f"  cold build, {args.workers} workers:")
        walls = {}
        for parse in ("full", "quick"):
            wall, own, kids, parsed = cold(root, temp_path / f"cache-{parse}", args.workers, parse)
            walls[parse] = wall
            print(
                f"    {parse:<5} {wall:7.1f} s  {wall * 1000 / max(parsed, 1):5.2f} ms/note   ({parsed} parsed; CPU: parent {own:.1f} s, workers {kids:.1f} s)"
            )
        print(f"    quick / full: {walls['quick'] / walls['full']:.2f} of the time, load {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
