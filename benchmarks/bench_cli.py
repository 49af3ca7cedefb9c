"""The command line on a large library, answered from its index beside a full read and parse (the baseline).

    nice uv run python benchmarks/bench_cli.py [--count 20000] [--runs 3] [--library DIR --cache DIR]

Builds a library of --count notes with synth.py in a temporary folder (or takes --library, with its index
in --cache), builds the index once (`shownotes search`, timed: the cold build), then runs each command
through the CLI entry (`python -m shownotes`, a new process each time) answered from the index, and the
same command with `--no-index` (every note read and parsed, as before the index answered) in the same
run, and says whether both printed the same bytes. Then edits a few notes and times `list` again (the
index updated for them first). Prints the index file's size beside the library's, and the WAL's.
Prints; never passes or fails. What it makes goes to a temporary folder it deletes (the notes it edits in
a --library are written back as they were).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import build_library

EDITS = 10


CPU = []  # the CPU seconds (user + system) of each run, beside its wall time: the machine may be shared


def cli(args: list[str], cache: Path) -> tuple[float, bytes, int]:
    env = {**os.environ, "SHOWNOTES_CACHE_DIR": str(cache)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "shownotes", *args], capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed, done.stdout, done.returncode


def mb(size: int) -> str:
    return f"{size / 1048576:8.1f} MB"


def tree_size(root: Path) -> tuple[int, int]:
    files = [path for path in root.rglob("*") if path.is_file()]
    return len(files), sum(path.stat().st_size for path in files)


def index_files(cache: Path) -> list[Path]:
    return sorted((cache / "index").glob("*.sqlite"))


def size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def row(label: str, warm: list[float], warm_cpu: list[float], full: tuple[float, float] | None, same: bool | None) -> None:
    median = statistics.median(warm)
    base = f"{full[0]:7.2f} s ({full[1]:5.2f} cpu)" if full is not None else f"{'-':>20}"
    ratio = f"{full[0] / median:6.1f}x" if full is not None else "      "
    verdict = "" if same is None else ("same output" if same else "OUTPUT DIFFERS")
    print(f"  {label:<30} {median:6.2f} s ({statistics.median(warm_cpu):5.2f} cpu, min {min(warm):5.2f} s)"
          f"  {base}  {ratio}  {verdict}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=3, help="warm runs of each command (the median is shown)")
    parser.add_argument("--library", type=Path, help="an existing library (its index in --cache) instead of a new one")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--no-baseline-json", action="store_true", help="skip the full parse of the --json forms")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shownotes-cli-") as temp:
        if args.library is not None:
            root, cache = args.library, args.cache or Path(temp) / "cache"
        else:
            print(f"writing {args.count} notes with synth.py ...", flush=True)
            root, cache = build_library(Path(temp), args.count), Path(temp) / "cache"
        notes, library_bytes = tree_size(root)
        note = sorted(path.stem for path in (root / "channel_005").glob("*.md"))[0]
        started = time.perf_counter()
        cli(["search", "robotics", str(root)], cache)
        print(f"library: {notes} files, {library_bytes / 1048576:.1f} MB; first `search` (builds or updates the index): "
              f"{time.perf_counter() - started:.1f} s", flush=True)
        print("\n  wall seconds (median of the runs) and CPU seconds of the process; --no-index is the baseline")
        print(f"  {'command':<30} {'from the index':<36}  {'--no-index':<20}  {'ratio':>6}")
        commands = [
            ("list", ["list", str(root)], True),
            ("list --json", ["list", str(root), "--json"], not args.no_baseline_json),
            ("check", ["check", str(root)], True),
            ("check --json", ["check", str(root), "--json"], not args.no_baseline_json),
            ("links NOTE", ["links", note, str(root)], True),
            ("search robotics", ["search", "robotics", str(root)], False),
            ('search "open source" --json', ["search", '"open source"', str(root), "--json"], False),
        ]
        for label, argv, baseline in commands:
            warm = [cli(argv, cache) for _ in range(args.runs)]
            warm_cpu = CPU[-args.runs :]
            full = cli([*argv, "--no-index"], cache) if baseline else None
            same = None if full is None else all(out == full[1] and code == full[2] for _t, out, code in warm)
            row(label, [t for t, _out, _code in warm], warm_cpu, (full[0], CPU[-1]) if full else None, same)
        edited = {path: path.read_bytes() for path in sorted((root / "channel_007").glob("*.md"))[:EDITS]}
        for path, text in edited.items():
            path.write_bytes(text + b"\nAn added line about robotics.\n")
        first = cli(["list", str(root)], cache)
        first_cpu = CPU[-1:]
        again = [cli(["list", str(root)], cache) for _ in range(args.runs)]
        again_cpu = CPU[-args.runs :]
        full = cli(["list", str(root), "--no-index"], cache)
        baseline = (full[0], CPU[-1])
        row(f"list, {EDITS} notes edited", [first[0]], first_cpu, baseline, first[1] == full[1])
        row("list, the next time", [t for t, _o, _c in again], again_cpu, baseline, all(o == full[1] for _t, o, _c in again))
        for path, text in edited.items():  # a library given with --library is left as it was (but for mtimes)
            path.write_bytes(text)
        print()
        for db in index_files(cache):
            wal = db.with_name(db.name + "-wal")
            print(f"index file {mb(size_of(db))}   WAL {mb(size_of(wal))}   library {mb(library_bytes)}   "
                  f"index / library {size_of(db) / library_bytes:.2f}")


if __name__ == "__main__":
    main()
