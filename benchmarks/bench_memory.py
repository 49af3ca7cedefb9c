"""Peak memory of `shownotes show` on huge notes, beside the bound and the seed note's as a baseline;
then the index's `extract` of two of them, by slice beside today's whole parse as its baseline.

    uv run python benchmarks/bench_memory.py [--only NAME ...] [--limit-mb 6000]

Each note is shown in a fresh process (`python -m shownotes show NOTE`, output to /dev/null, so the
plain pipe rendering); its peak RSS is the child's ru_maxrss from wait4. The bound the faults issue
sets: the peak at most 25 times the note's size plus the app's base (the seed note's peak), which is
at most 400 MB for a 20 MB note. A child is capped at --limit-mb of address space so a runaway note
ends in a MemoryError here instead of taking a shared machine down. The index rows run `extract` alone in a fresh
process, with $SHOWNOTES_INDEX_PARSE=whole for the baseline. Prints; never passes or fails.
Everything it writes goes to a temporary folder it deletes.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_02ee466525ab61b6.txt"
MB = 1024 * 1024
FACTOR = 25  # the bound: peak <= FACTOR * note size + base


def dash_lines(size: int) -> str:
    return "- a\n" * (size // 4)


def headings(count: int) -> str:
    return "".join(f"# Heading {n}\n\n" for n in range(count))


def table(rows: int) -> str:
    head = "| time | topic | note |\n| --- | --- | --- |\n"
    return head + "".join(f"| [00:{n // 60 % 60:02d}:{n % 60:02d}] | topic {n} | a short cell {n} |\n" for n in range(rows))


def plain_text(size: int) -> str:
    line = "Plain prose about nothing in particular, long enough to wrap once or twice in a reader.\n"
    return line * (size // len(line))


NOTES: dict[str, Callable[[], str]] = {
    "2 MB of '- a' lines": lambda: dash_lines(2 * MB),
    "100k headings": lambda: headings(100_000),
    "50k-row table": lambda: table(50_000),
    "20 MB plain text": lambda: plain_text(20 * MB),
}


INDEXED = ("2 MB of '- a' lines", "100k headings")  # the notes the index rows extract
EXTRACT = "import sys; from shownotes.core.index.build import extract; record = extract(sys.argv[1], 'note.md'); sys.exit(record.error)"
PARSE_ENV = "SHOWNOTES_INDEX_PARSE"  # core/index/build.py's: "whole" is the path before slicing


def peak_of_show(note: Path, limit_mb: int) -> tuple[float, float, int, str]:
    """(peak RSS in MB, seconds, exit status, last line of stderr) of `shownotes show note`."""
    return peak_of([sys.executable, "-m", "shownotes", "show", str(note)], limit_mb)


def peak_of_extract(note: Path, limit_mb: int, parse: str | None) -> tuple[float, float, int, str]:
    """The same of the index's `extract(note)` alone, with $SHOWNOTES_INDEX_PARSE set to `parse`."""
    env = {key: value for key, value in os.environ.items() if key != PARSE_ENV}
    if parse is not None:
        env[PARSE_ENV] = parse
    return peak_of([sys.executable, "-c", EXTRACT, str(note)], limit_mb, env)


def peak_of(command: list[str], limit_mb: int, env: dict[str, str] | None = None) -> tuple[float, float, int, str]:
    """(peak RSS in MB, seconds, exit status, last line of stderr) of a child capped at `limit_mb`."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * MB, limit_mb * MB))

    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=cap, env=env)
    assert child.stderr is not None
    err = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    last = err.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    return usage.ru_maxrss / 1024, seconds, child.returncode, last[0][:100]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="names (or parts of names) of the notes to run")
    parser.add_argument("--limit-mb", type=int, default=6000, help="address space a child may take")
    args = parser.parse_args()
    base, base_seconds, code, _ = peak_of_show(SEED, args.limit_mb)
    print(f"baseline: show of the seed note ({SEED.stat().st_size / 1024:.0f} KB): peak {base:.0f} MB, {base_seconds:.1f} s, exit {code}")
    print(f"bound: peak <= {FACTOR} x note size + {base:.0f} MB\n")
    print(f"{'note':24} {'size MB':>8} {'peak MB':>8} {'bound MB':>9} {'(peak-base)/size':>17} {'s':>6}  within  exit")
    with tempfile.TemporaryDirectory(prefix="shownotes-mem-") as folder:
        for name, make in NOTES.items():
            if args.only and not any(part in name for part in args.only):
                continue
            note = Path(folder) / "note.md"
            note.write_text(make(), encoding="utf-8")
            size = note.stat().st_size / MB
            peak, seconds, code, last = peak_of_show(note, args.limit_mb)
            bound = FACTOR * size + base
            ratio = (peak - base) / size
            within = "yes" if peak <= bound and code == 0 else "NO"
            print(f"{name:24} {size:8.1f} {peak:8.0f} {bound:9.0f} {ratio:17.1f} {seconds:6.1f}  {within:6}  {code}"
                  + (f"  ({last})" if code else ""), flush=True)
            note.unlink()
        print(f"\nindex extract, one note in a fresh process: by slice beside the whole parse (${PARSE_ENV}=whole)")
        print(f"{'note':24} {'size MB':>8} {'whole MB':>9} {'s':>6} {'sliced MB':>10} {'s':>6} {'(sliced-base)/size':>19}  exit")
        for name in INDEXED:
            if args.only and not any(part in name for part in args.only):
                continue
            note = Path(folder) / "note.md"
            note.write_text(NOTES[name](), encoding="utf-8")
            size = note.stat().st_size / MB
            whole, whole_seconds, whole_code, _ = peak_of_extract(note, args.limit_mb, "whole")
            sliced, sliced_seconds, sliced_code, last = peak_of_extract(note, args.limit_mb, None)
            print(f"{name:24} {size:8.1f} {whole:9.0f} {whole_seconds:6.1f} {sliced:10.0f} {sliced_seconds:6.1f} "
                  f"{(sliced - base) / size:19.1f}  {whole_code}/{sliced_code}" + (f"  ({last})" if sliced_code else ""), flush=True)
            note.unlink()


if __name__ == "__main__":
    main()
