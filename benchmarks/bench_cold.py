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
from collections.abc import Callable
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

from shownotes.core.index import Index
from shownotes.core.index.build import PARSE_ENV, extract, layout
from shownotes.core.library import scan
from shownotes.core.notes.markdown import make_parser
from shownotes.core.notes.note import read_note
from shownotes.core.notes.outline import build_outline
from shownotes.core.notes.quick import make_quick_parser
from shownotes.core.notes.source import prepare
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


def stages(files: list[tuple[str, str]]) -> None:
    """CPU ms per note of each step of one note's extraction, full and quick."""
    notes = [read_note(path, raw) for path, raw in files]
    full, quick = make_parser(), make_quick_parser()
    prepared = []
    for note in notes:
        env: dict = {"warnings": []}
        prepared.append((prepare(note.text, env), env))

    def block(md: MarkdownIt, text: str, env: dict) -> list:
        state = StateCore(text, md, dict(env))
        for name, rule in zip(md.core.ruler.get_active_rules(), md.core.ruler.getRules("")):
            if name == "inline":
                break
            rule(state)
        return state.tokens

    steps: list[tuple[str, Callable[[], object]]] = [
        ("read the file, hash it", lambda: [Path(path).read_bytes() for path, _raw in files]),
        ("read_note (decode, frontmatter, clean)", lambda: [read_note(path, raw) for path, raw in files]),
        ("block parse and core rules before inline", lambda: [block(full, text, env) for text, env in prepared]),
        ("markdown-it parse, full", lambda: [full.parse(text, dict(env)) for text, env in prepared]),
        ("markdown-it parse, quick inline pass", lambda: [quick.parse(text, dict(env)) for text, env in prepared]),
    ]
    for label, step in steps:
        started = time.process_time()
        step()
        print(f"    {label:<44} {(time.process_time() - started) * 1000 / len(files):6.2f} ms")
    trees = [quick.parse(text, dict(env)) for text, env in prepared]
    for contexts in (True, False):
        started = time.process_time()
        outlines = [build_outline(tokens, contexts) for tokens in trees]
        print(f"    {'outline, contexts ' + ('kept' if contexts else 'skipped'):<44} {(time.process_time() - started) * 1000 / len(files):6.2f} ms")
    started = time.process_time()
    for outline in outlines:
        layout(outline)
    print(f"    {'layout (body, starts, stamps)':<44} {(time.process_time() - started) * 1000 / len(files):6.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--library", type=Path, help="an existing library, read only")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--sample", type=int, default=500, help="notes timed for the extraction alone")
    parser.add_argument("--no-build", action="store_true", help="the per-note figures only")
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
        print(f"  per note, CPU, {len(sample)} notes:")
        stages(sample)
        print(f"  read + parse one note (CPU, {len(sample)} notes)   full {full_ms:6.2f} ms   quick {quick_ms:6.2f} ms   ({full_ms / quick_ms:.2f}x)")
        if args.no_build:
            return
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
