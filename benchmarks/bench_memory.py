"""Peak memory of `shownotes show` on huge notes, beside the bound and the seed note's as a baseline;
then the index's `extract` of two of them, by slice beside today's whole parse as its baseline;
then the reader itself (the Textual app, headless) on each, beside the app on the seed note.

    uv run python benchmarks/bench_memory.py [--only NAME ...] [--part show index reader] [--limit-mb 6000] [--timeout 300]

Each note is shown in a fresh process (`python -m shownotes show NOTE`, output to /dev/null, so the
plain pipe rendering); its peak RSS is the child's ru_maxrss from wait4. The bound the faults issue
sets: the peak at most 25 times the note's size plus the app's base (the seed note's peak), which is
at most 400 MB for a 20 MB note. A child is capped at --limit-mb of address space so a runaway note
ends in a MemoryError here instead of taking a shared machine down. The index rows run `extract` alone in a fresh
process, with $SHOWNOTES_INDEX_PARSE=whole for the baseline. The reader rows run benchmarks/readmem_child.py
in a fresh process under the same cap: the app (as `shownotes FOLDER` makes it, index and watcher on) on a
temporary folder holding only that note, with its state, config and cache in the temporary folder; it
opens the note, waits until the reader shows it (peak and seconds then, from the child's own ru_maxrss),
presses G, waits until the reader shows the note's end, quits; the final peak is wait4's. A child that
passes --timeout seconds is killed and its row marked. Prints; never passes or fails.
Everything it writes goes to a temporary folder it deletes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
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


CHILD = Path(__file__).resolve().parent / "readmem_child.py"


def peak_of_reader(note: Path, home: Path, limit_mb: int, timeout: float) -> tuple[float, dict, int, str]:
    """(final peak RSS in MB, the child's figures, exit status, last line of stderr) of the app on a
    folder `home`/lib holding only `note` (moved there), state, config and cache under `home`."""
    library = home / "lib"
    library.mkdir(parents=True)
    shutil.move(note, library / note.name)
    env = {**os.environ, "SHOWNOTES_STATE": str(home / "state.json"), "SHOWNOTES_CONFIG": str(home / "config.toml"),
           "SHOWNOTES_CACHE_DIR": str(home / "cache"), "BROWSER": "false"}
    env.pop("SHOWNOTES_LIBRARY", None)
    command = [sys.executable, str(CHILD), str(library), note.name, str(timeout)]
    peak, _seconds, code, out, last = peak_of_bounded(command, limit_mb, env, timeout + 30)
    try:
        figures = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    except ValueError:
        figures = {}
    if code == -9 and "timeout" not in figures:
        figures["timeout"] = "the child (killed)"
    return peak, figures, code, last


def peak_of_bounded(command: list[str], limit_mb: int, env: dict[str, str], bound: float) -> tuple[float, float, int, str, str]:
    """As peak_of, with stdout kept, and the child killed after `bound` seconds (exit -9)."""

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_mb * MB, limit_mb * MB))

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err, preexec_fn=cap, env=env)
        while True:  # a bounded poll of the child's exit, not a synchronisation
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - started > bound:
                child.kill()
                _pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.05)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    last = errors.strip().splitlines()[-1:] or [""]
    return usage.ru_maxrss / 1024, seconds, child.returncode, text, last[0][:100]


def reader_rows(args: argparse.Namespace, folder: Path) -> None:
    """The app on the seed note (the baseline), then on each note: peaks at shown and after G, seconds."""
    seed_home = Path(folder) / "seed"
    seed_home.mkdir()
    seed_copy = seed_home / SEED.name
    shutil.copyfile(SEED, seed_copy)
    base, figures, code, last = peak_of_reader(seed_copy, seed_home, args.limit_mb, args.timeout)
    print("\nthe reader (the app, headless 120x40, index and watcher on), one note in a fresh process")
    print(f"baseline: the app on the seed note ({SEED.stat().st_size / 1024:.0f} KB): "
          f"{reader_figures(figures)}, final peak {base:.0f} MB, exit {code}" + (f"  ({last})" if code else ""))
    print(f"bound: peak <= {FACTOR} x note size + {base:.0f} MB\n")
    print(f"{'note':24} {'size MB':>8} {'shown MB':>9} {'s':>6} {'after G MB':>11} {'s':>6} {'bound MB':>9} "
          f"{'(peak-base)/size':>17}  within  exit")
    for number, (name, make) in enumerate(NOTES.items()):
        if args.only and not any(part in name for part in args.only):
            continue
        home = Path(folder) / f"reader-{number}"
        home.mkdir()
        note = home / "note.md"
        note.write_text(make(), encoding="utf-8")
        size = note.stat().st_size / MB
        peak, figures, code, last = peak_of_reader(note, home, args.limit_mb, args.timeout)
        shown, end = figures.get("shown", {}), figures.get("end", {})
        bound = FACTOR * size + base
        within = "yes" if peak <= bound and code == 0 and end else "NO"
        timed_out = f"  (timed out: {figures['timeout']})" if "timeout" in figures else ""
        print(f"{name:24} {size:8.1f} {cell(shown, 'peak_mb', 9, 0)} {cell(shown, 'seconds', 6, 1)} "
              f"{peak:11.0f} {cell(end, 'seconds', 6, 1)} {bound:9.0f} {(peak - base) / size:17.1f}  {within:6}  {code}"
              + timed_out + (f"  ({last})" if code and not timed_out else ""), flush=True)
        shutil.rmtree(home)


def cell(figures: dict, key: str, width: int, places: int) -> str:
    return f"{figures[key]:{width}.{places}f}" if key in figures else f"{'-':>{width}}"


def reader_figures(figures: dict) -> str:
    shown, end = figures.get("shown", {}), figures.get("end", {})
    if not shown:
        return f"not shown ({figures.get('timeout', 'no figures')})"
    tail = f", end at {end['seconds']:.1f} s ({end['peak_mb']:.0f} MB)" if end else ", end timed out"
    return f"shown at {shown['seconds']:.1f} s ({shown['peak_mb']:.0f} MB){tail}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", nargs="*", help="names (or parts of names) of the notes to run")
    parser.add_argument("--limit-mb", type=int, default=6000, help="address space a child may take")
    parser.add_argument("--part", nargs="*", choices=PARTS, default=list(PARTS), help="which tables to print")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds a reader child may take")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shownotes-mem-") as folder:
        if "show" in args.part or "index" in args.part:
            show_and_index_rows(args, Path(folder))
        if "reader" in args.part:
            reader_rows(args, Path(folder))


PARTS = ("show", "index", "reader")


def show_and_index_rows(args: argparse.Namespace, folder: Path) -> None:
    base, base_seconds, code, _ = peak_of_show(SEED, args.limit_mb)
    print(f"baseline: show of the seed note ({SEED.stat().st_size / 1024:.0f} KB): peak {base:.0f} MB, {base_seconds:.1f} s, exit {code}")
    print(f"bound: peak <= {FACTOR} x note size + {base:.0f} MB\n")
    if "show" in args.part:
        show_rows(args, folder, base)
    if "index" in args.part:
        index_rows(args, folder, base)


def show_rows(args: argparse.Namespace, folder: Path, base: float) -> None:
    print(f"{'note':24} {'size MB':>8} {'peak MB':>8} {'bound MB':>9} {'(peak-base)/size':>17} {'s':>6}  within  exit")
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


def index_rows(args: argparse.Namespace, folder: Path, base: float) -> None:
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
