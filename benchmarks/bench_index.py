"""Search index figures on the real corpus and a synthetic 20,000-note library, each beside a baseline.

    uv run python benchmarks/bench_index.py [--count 20000] [--corpus PATH] [--skip-one-worker]

Prints; never passes or fails. Everything it writes goes to a temporary folder it deletes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from shownotes.core.index import Index
from shownotes.core.index.build import extract
from shownotes.core.library import scan
from synth import build_library

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "redpointai"


def rss_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def raw_read(root: Path) -> tuple[float, int]:
    started = time.perf_counter()
    files, _warnings = scan(root)
    total = sum(len(Path(path).read_bytes()) for path, _rel in files)
    return time.perf_counter() - started, total


def cold(root: Path, cache: Path, workers: int) -> tuple[float, Index]:
    index = Index.open(root, cache_dir=cache)
    started = time.perf_counter()
    result = index.update(workers=workers)
    elapsed = time.perf_counter() - started
    print(
        f"    workers={workers}: {elapsed:7.2f} s  ({result.parsed} parsed, {len(result.failed)} failed, {result.relinked} links resolved)"
    )
    return elapsed, index


def query_words(root: Path, count: int, seed: int = 7) -> tuple[list[str], list[str]]:
    """Two sets of real words from the notes: drawn from the vocabulary, and drawn from running text."""
    words: Counter[str] = Counter()
    for path in sorted(root.glob("*.md")):
        words.update(
            w.lower() for w in re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8").split("---", 2)[-1])
        )
    rng = random.Random(seed)
    vocab = sorted(w for w in words if words[w] >= 2)
    by_text = rng.choices(list(words), weights=list(words.values()), k=count)
    return rng.sample(vocab, count), by_text


def latencies(index: Index, queries: list[str]) -> list[float]:
    out = []
    for query in queries:
        started = time.perf_counter()
        index.search(query)
        out.append((time.perf_counter() - started) * 1000)
    return out


def like_scan(db: Path, queries: list[str]) -> list[float]:
    conn = sqlite3.connect(db)
    out = []
    for query in queries:
        started = time.perf_counter()
        conn.execute("SELECT id FROM search_content WHERE c2 LIKE ? LIMIT 50", (f"%{query}%",)).fetchall()
        out.append((time.perf_counter() - started) * 1000)
    conn.close()
    return out


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1] if len(values) > 1 else values[0]


def show_latency(label: str, values: list[float]) -> None:
    print(f"  {label:<44} p50 {pct(values, 50):8.2f} ms   p95 {pct(values, 95):8.2f} ms   max {max(values):8.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--skip-one-worker", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        sys.exit(f"no corpus at {args.corpus}")
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cpus")
    with tempfile.TemporaryDirectory(prefix="shownotes-bench-") as temp:
        temp_path = Path(temp)
        print(f"\ncorpus: {args.corpus} ({len(scan(args.corpus)[0])} notes)")
        seconds, size = raw_read(args.corpus)
        print(f"  baseline: scan + read every file          {seconds:7.2f} s  ({size / 1e6:.1f} MB)")
        for workers in (1, 2):
            _elapsed, index = cold(args.corpus, temp_path / f"corpus-{workers}", workers)
            if workers == 1:
                index.close()
        started = time.perf_counter()
        linked = sum(1 for note in index.notes() if index.backlinks(note.rel))
        took = (time.perf_counter() - started) * 1000
        print(f"  backlinks() of every note                 {took:7.1f} ms  ({linked} notes have some)")
        index.close()

        started = time.perf_counter()
        library = build_library(temp_path, count=args.count, folders=80, big_note_bytes=1_000_000)
        built = time.perf_counter() - started
        files = scan(library)[0]
        biggest = max((Path(path) for path, _rel in files), key=lambda path: path.stat().st_size)
        started = time.perf_counter()
        extract(biggest, biggest.name)
        big_parse = time.perf_counter() - started
        print(f"\nsynthetic library (benchmarks/synth.py): {len(files)} notes, built in {built:.1f} s")
        seconds, size = raw_read(library)
        print(f"  baseline: scan + read every file          {seconds:7.2f} s  ({size / 1e6:.1f} MB)")
        print(f"  biggest note ({biggest.stat().st_size / 1e6:.1f} MB) read + parse   {big_parse:7.2f} s")
        print("  cold index:")
        runs = [1, 2] if not args.skip_one_worker else [2]
        indexes = {}
        for workers in runs:
            _elapsed, indexes[workers] = cold(library, temp_path / f"lib-{workers}", workers)
        index = indexes[runs[-1]]
        for other in runs[:-1]:
            indexes[other].close()

        started = time.perf_counter()
        scan(library)
        for path, _rel in files:
            path.stat()
        baseline = time.perf_counter() - started
        started = time.perf_counter()
        result = index.update()
        print(
            f"  warm update (nothing changed)             {time.perf_counter() - started:7.3f} s   baseline scan + stat {baseline:.3f} s  ({result.parsed} parsed)"
        )
        for path, _rel in files[:100]:
            os.utime(path)
        for path, _rel in files[100:110]:
            path.write_text(
                path.read_text(encoding="utf-8") + "\n## Added later\n\nA new paragraph.\n", encoding="utf-8"
            )
        started = time.perf_counter()
        result = index.update()
        print(
            f"  update after 100 touched + 10 edited      {time.perf_counter() - started:7.3f} s   ({result.parsed} parsed, {result.touched} touched, {result.relinked} relinked)"
        )
        files[200][0].unlink()
        started = time.perf_counter()
        result = index.update()
        print(
            f"  update after 1 deleted (relinks all)      {time.perf_counter() - started:7.3f} s   ({result.deleted} deleted, {result.relinked} relinked)"
        )
        started = time.perf_counter()
        notes = index.notes()
        print(
            f"  notes() metadata for the sidebar          {(time.perf_counter() - started) * 1000:7.1f} ms  ({len(notes)} notes)"
        )
        started = time.perf_counter()
        for note in notes[:100]:
            index.backlinks(note.rel)
        print(f"  backlinks(), mean of 100                  {(time.perf_counter() - started) * 10:7.2f} ms")

        vocab, running = query_words(args.corpus, 100)
        print("\n  search, 100 queries each (limit 50):")
        show_latency("words drawn from the vocabulary", latencies(index, vocab))
        show_latency("words drawn from running text (common)", latencies(index, running))
        pairs = [f"{a} {b}" for a, b in zip(vocab, reversed(running))]
        show_latency("two words (vocabulary + running text)", latencies(index, pairs))
        show_latency("prefix: first 3 letters + *", latencies(index, [w[:3] + "*" for w in vocab]))
        show_latency(
            "channel:NAME + a vocabulary word",
            latencies(index, [f"channel:channel_{n % 80:03d} {w}" for n, w in enumerate(vocab)]),
        )
        show_latency("baseline: LIKE '%word%' LIMIT 50, first 20", like_scan(index.db_path, vocab[:20]))

        db_bytes = sum(
            p.stat().st_size for p in index.db_path.parent.iterdir() if p.name.startswith(index.db_path.name)
        )
        print(f"\n  index DB size                             {db_bytes / 1e6:7.1f} MB   library {size / 1e6:.1f} MB")
        index.close()
    own, children = rss_mb()
    print(
        f"  peak RSS                                  {own:7.1f} MB (this process), {children:.1f} MB (largest worker)"
    )


if __name__ == "__main__":
    main()
