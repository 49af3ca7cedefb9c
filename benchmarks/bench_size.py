"""The index file's size beside the library's and beside the schema-4 index's (the code of --baseline-ref,
built in the same run), with cold build time and search latency (p50/p95) of each.

    uv run python benchmarks/bench_size.py [--library PATH | --count 20000] [--baseline-ref REF] [--queries 300]

The baseline is the tree of --baseline-ref (default: the last commit with schema 4) taken out with
`git archive` into a temporary folder and run in a subprocess; so is the current code. Both build their
index into their own temporary cache. Prints; never passes or fails.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import build_library

REPO = Path(__file__).resolve().parents[1]
BASELINE_REF = "cfbf80d"  # schema 4: FTS5 with its own copy of the text, prefix = '2 3', layout JSON in files

WORKER = r"""
import json, os, sqlite3, statistics, sys, time
from pathlib import Path
from shownotes.core.index import Index, schema

def main():
    root, cache, queries = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text())
    started = time.perf_counter()
    with Index.open(root, cache_dir=cache) as index:
        result = index.update()
        build = time.perf_counter() - started
        db = index.db_path
        wal = db.with_name(db.name + "-wal")
        size, wal_size = db.stat().st_size, (wal.stat().st_size if wal.exists() else 0)
        tables = {}
        try:
            conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True)
            tables = dict(conn.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC LIMIT 6"))
            conn.close()
        except sqlite3.Error:
            pass
        times = {}
        for limit in (20, 100):
            index.search(queries[0], limit=limit)
            out = []
            for query in queries:
                t = time.perf_counter()
                index.search(query, limit=limit)
                out.append((time.perf_counter() - t) * 1000)
            times[limit] = out
    print(json.dumps({"schema": schema.SCHEMA_VERSION, "build": build, "parsed": result.parsed, "size": size,
                      "wal": wal_size, "tables": tables, "times": times}))

if __name__ == "__main__":
    main()
"""


def library_bytes(root: Path) -> int:
    return sum(path.stat().st_size for path in root.rglob("*.md") if path.is_file())


def sample_queries(root: Path, count: int, seed: int = 13) -> list[str]:
    """Words, two-word phrases and prefixes drawn from the library's running text, the same every run."""
    rng = random.Random(seed)
    paths = sorted(root.rglob("*.md"))
    words: list[str] = []
    for path in rng.sample(paths, min(400, len(paths))):
        words += re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8", errors="replace").split("---", 2)[-1])
    queries = []
    for n in range(count):
        at = rng.randrange(len(words) - 1)
        kind = n % 5
        if kind == 3:
            queries.append(f'"{words[at]} {words[at + 1]}"')
        elif kind == 4:
            queries.append(words[at][:3].lower() + "*")
        else:
            queries.append(words[at].lower())
    return queries


def run(code: Path, root: Path, cache: Path, queries: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(code))
    env.pop("SHOWNOTES_CACHE_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", WORKER, str(root), str(cache), str(queries)],
        env=env, capture_output=True, text=True, check=False,
    )
    if out.returncode != 0:
        sys.exit(f"the run of {code} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def pct(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=100)[p - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", type=Path, help="an existing library (read only) instead of a synthetic one")
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, sqlite {sqlite3.sqlite_version}, {os.cpu_count()} cpus")
    with tempfile.TemporaryDirectory(prefix="shownotes-bench-size-") as temp:
        temp_path = Path(temp)
        root = args.library.resolve() if args.library else build_library(temp_path, count=args.count)
        old = temp_path / "baseline"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.baseline_ref, "src"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        queries = temp_path / "queries.json"
        queries.write_text(json.dumps(sample_queries(root, args.queries)))
        size = library_bytes(root)
        print(f"library {root}: {size / 1e6:.1f} MB of notes; {args.queries} queries (words, phrases, prefixes)\n")
        runs = {}
        for name, code in (("baseline " + args.baseline_ref, old / "src"), ("current", REPO / "src")):
            started = time.perf_counter()
            runs[name] = run(code, root, temp_path / f"cache-{len(runs)}", queries)
            print(f"  ({name}: done in {time.perf_counter() - started:.0f} s)", flush=True)
        print(f"\n{'':24}{'schema':>7}{'index MB':>10}{'x library':>10}{'WAL MB':>8}{'build s':>9}"
              f"{'p50/p95 ms @20':>16}{'p50/p95 ms @100':>17}")
        for name, found in runs.items():
            t20, t100 = found["times"]["20"], found["times"]["100"]
            print(f"{name:24}{found['schema']:>7}{found['size'] / 1e6:>10.1f}{found['size'] / size:>10.2f}"
                  f"{found['wal'] / 1e6:>8.1f}{found['build']:>9.1f}"
                  f"{pct(t20, 50):>8.1f}/{pct(t20, 95):<7.1f}{pct(t100, 50):>8.1f}/{pct(t100, 95):<7.1f}")
        for name, found in runs.items():
            shown = ", ".join(f"{table} {pages / 1e6:.1f}" for table, pages in found["tables"].items())
            print(f"  {name} largest tables (MB): {shown}")


if __name__ == "__main__":
    main()
