"""The app on a synthetic 20,000-note library, in a real terminal: each figure beside a baseline from this run.

    uv run python benchmarks/bench_scale.py [--count 20000] [--launches 5] [--tries 20]

Prints figures, ratios and the issue's targets; never passes or fails. Launches run in a private tmux
server (time from `new-session` to a marker on screen), with PYTHONDONTWRITEBYTECODE unset as in a
normal install, after one warm-up launch that writes the bytecode caches. Everything it writes goes to
a temporary folder it deletes.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import textual

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the one tmux driver, tests/e2e/tmuxterm.py

from bench_index import like_scan, pct, query_words  # noqa: E402
from shownotes.core.catalog import open_for_reader  # noqa: E402
from shownotes.core.index import Index  # noqa: E402
from shownotes.core.notes.note import Note, read_note  # noqa: E402
from synth import CORPUS, build_library  # noqa: E402
from tests.e2e.tmuxterm import Tmux  # noqa: E402

SEED_MARKER = "Unsupervised Learning"  # in the seed note's first screen
INDEXED = "notes indexed"  # the status line once the index is complete (its end is cut at 34 columns)
INDEXING = "Indexing "
STATUS_WORDS = (INDEXING, INDEXED, "Reading titles")
PALETTE_OPEN = "Search for commands"
ANSI = re.compile(r"\x1b\[[0-9;:?]*[ -/]*[@-~]")
WIDTH, HEIGHT = 150, 45


def plain(line: str) -> str:
    return ANSI.sub("", line)


class Terminal:
    """One run of the app in its own tmux server (the one driver, tests/e2e/tmuxterm.py); every wait
    polls the screen and samples memory."""

    def __init__(self, argv: list[str], cache: Path, state: Path) -> None:
        self.term = Tmux(state.parent, WIDTH, HEIGHT)  # its conf beside the state, in the run's temporary folder
        self.argv = argv
        self.env = {"TERM": "xterm-256color", "SHOWNOTES_CACHE_DIR": str(cache), "SHOWNOTES_STATE": str(state),
                    "SHOWNOTES_CONFIG": f"{state}.toml"}
        self.started = 0.0
        self.memory = Memory()
        self._pane: str | None = None
        self._sampled = 0.0

    def start(self) -> None:
        self.started = self.term.start(self.argv, self.env)

    def screen(self, styled: bool = False) -> str:
        return self.term.screen(styled)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.term.keys(*keys, literal=literal)

    def sample(self, force: bool = False) -> None:
        """Memory of the app's processes, at most ten times a second (a sample reads all of /proc)."""
        now = time.perf_counter()
        if not force and now - self._sampled < 0.1:
            return
        self._sampled = now
        if self._pane is None:
            pid = self.term.pane_pid()
            self._pane = str(pid) if pid is not None else None
        if self._pane is not None:
            self.memory.sample(self._pane)

    def wait(self, ready: Callable[[str], bool], timeout: float, interval: float = 0.005, styled: bool = False) -> float:
        """Seconds from `start` until `ready(screen)`; NaN if it never is within `timeout` of now."""
        deadline = time.perf_counter() + timeout
        while True:
            screen = self.screen(styled)
            if ready(screen):
                return time.perf_counter() - self.started
            self.sample()
            if time.perf_counter() > deadline:
                return float("nan")
            time.sleep(interval)

    def idle(self, seconds: float) -> None:
        """Let the app be for a while, still sampling its memory."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self.sample()
            time.sleep(0.1)
        self.sample(force=True)

    def close(self) -> None:
        self.sample(force=True)
        self.term.close()
        for pid, cmdline in self.memory.pids.items():  # processes this run started, should any outlive tmux
            if cmdline_of(pid) == cmdline:
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    continue


class Memory:
    """VmRSS/VmHWM of the app's python process and of its worker processes, from /proc."""

    def __init__(self) -> None:
        self.app: int | None = None
        self.pids: dict[int, str] = {}
        self.app_rss = self.app_hwm = 0.0
        self.worker_hwm = 0.0  # the largest single worker
        self.total_rss = 0.0  # app + workers at one sample, the largest seen

    def sample(self, pane_pid: str) -> None:
        if not pane_pid.isdigit():
            return
        family = descendants(int(pane_pid))
        self.pids.update(family)
        total = 0.0
        for pid, cmdline in family.items():
            rss, hwm = status_mb(pid)
            total += rss
            if "spawn_main" in cmdline:
                self.worker_hwm = max(self.worker_hwm, hwm)
            elif "shownotes" in cmdline:
                self.app, self.app_rss, self.app_hwm = pid, rss, max(self.app_hwm, hwm)
        self.total_rss = max(self.total_rss, total)


def descendants(root: int) -> dict[int, str]:
    """pid -> command line of root and every process below it."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in found:
                found.add(pid)
                frontier.append(pid)
    return {pid: cmdline for pid in found if (cmdline := cmdline_of(pid)) is not None}


def cmdline_of(pid: int) -> str | None:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return None


def status_mb(pid: int) -> tuple[float, float]:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0, 0.0
    values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", text, re.MULTILINE))
    return int(values.get("VmRSS", 0)) / 1024, int(values.get("VmHWM", 0)) / 1024


def row(label: str, value: str, note: str = "") -> None:
    print(f"   {label:<52}{value}  {note}".rstrip())


def first_screen_marker(root: Path, cache: Path) -> tuple[str, float]:
    """Text of the note the app opens first (its first heading), as that cache lets it see the library,
    and how long the app's own way of finding it takes in this process."""
    started = time.perf_counter()
    catalog = open_for_reader(root, cache_dir=cache)
    if catalog.start is not None:  # the index remembers the note a start opens: only it is read
        note: Note | None = read_note(root / catalog.start, catalog.start)
    else:
        note = catalog.library.first_note()
    took = time.perf_counter() - started
    if catalog.index is not None:
        catalog.index.close()
    if note is None:
        raise SystemExit("the synthetic library has no notes")
    outline = note.parse().outline
    heading = next((s.title for s in outline.sections if s.level > 0 and s.title.isprintable()), None)
    return (heading or note.body.strip().splitlines()[0])[:24], took


def sidebar_rows(styled: str, width: int) -> list[str]:
    """The sidebar's cells (characters with their styles), row by row, without the index status row."""
    rows = []
    for line in styled.splitlines()[1:]:
        if any(word in plain(line) for word in STATUS_WORDS):
            continue
        cells, out, position = 0, [], 0
        while position < len(line) and cells < width:
            match = ANSI.match(line, position)
            if match:
                out.append(match.group())
                position = match.end()
            else:
                out.append(line[position])
                cells += 1
                position += 1
        rows.append("".join(out))
    return rows


def sidebar_width(screen: str) -> int:
    top = screen.splitlines()[1]
    return top.index("╮") + 1 if "╮" in top else 34


def sidebar_latencies(term: Terminal, tries: int) -> tuple[list[float], int]:
    """`j` in the sidebar until its cells change; also how many tries began while the status said Indexing."""
    width = sidebar_width(term.screen())
    term.keys("BTab")  # shift+tab: reader -> sidebar
    times, during = [], 0
    for _ in range(tries):
        before_screen = term.screen(styled=True)
        during += INDEXING in plain(before_screen)
        before = sidebar_rows(before_screen, width)
        started = time.perf_counter()
        term.keys("j")
        term.wait(lambda s, before=before: sidebar_rows(s, width) != before, 5, interval=0.001, styled=True)
        times.append((time.perf_counter() - started) * 1000)
    return times, during


def palette_latencies(term: Terminal, tries: int, numbers: list[int]) -> tuple[list[float], int]:
    """ctrl+p, type `copy N`, until the `Go to note` hit for note N shows; Escape; again."""
    times, during = [], 0
    for number in numbers[:tries]:
        term.keys("C-p")
        term.wait(lambda s: PALETTE_OPEN in s, 10)
        during += INDEXING in term.screen()
        marker = f"(copy {number})"
        started = time.perf_counter()
        term.keys(f"copy {number}", literal=True)
        term.wait(lambda s, marker=marker: marker in s and "Go to note" in s, 10, interval=0.001)
        times.append((time.perf_counter() - started) * 1000)
        term.keys("Escape")
        term.wait(lambda s, marker=marker: marker not in s and PALETTE_OPEN not in s, 10)
    return times, during


def figures(values: list[float]) -> str:
    good = [v for v in values if v == v]
    if not good:
        return "no sample"
    lost = f", {len(values) - len(good)} timed out" if len(good) < len(values) else ""
    return f"median {statistics.median(good):7.1f} ms  worst {max(good):7.1f} ms{lost}"


def launch(argv: list[str], marker: str, cache: Path, state: Path, timeout: float = 120) -> tuple[float, Memory]:
    term = Terminal(argv, cache, state)
    term.start()
    try:
        seconds = term.wait(lambda s: marker in s, timeout)
        term.idle(0.5)
        return seconds, term.memory
    finally:
        term.close()


def step(text: str) -> None:
    print(f"  ... {text}", file=sys.stderr, flush=True)


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # so every tmux server started is closed
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20000)
    parser.add_argument("--folders", type=int, default=80)
    parser.add_argument("--launches", type=int, default=5, help="seed-only and warm launches (medians)")
    parser.add_argument("--cold-launches", type=int, default=3, help="cold first-screen launches, each with a new cache")
    parser.add_argument("--tries", type=int, default=20, help="keystrokes per responsiveness figure")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        sys.exit(f"no corpus at {CORPUS}")
    python = sys.executable
    seed_argv = [python, "-m", "shownotes"]
    print(
        f"python {platform.python_version()}, textual {textual.__version__}, sqlite {sqlite3.sqlite_version}, "
        f"{os.cpu_count()} cpus; terminal {WIDTH}x{HEIGHT} in tmux"
    )
    print("PYTHONDONTWRITEBYTECODE unset for every launch (bytecode caches written, as by a normal install)")
    with tempfile.TemporaryDirectory(prefix="shownotes-scale-") as temp:
        work = Path(temp)
        started = time.perf_counter()
        root = build_library(work, count=args.count, folders=args.folders, big_note_bytes=1_000_000)
        files = sum(1 for _ in root.rglob("*.md"))
        big = (root / "channel_000" / "synthetic_big_note.md").stat().st_size
        print(
            f"library: {files:,} notes in {args.folders} folders (one of {big / 1e6:.1f} MB), "
            f"built in {time.perf_counter() - started:.1f} s\n"
        )
        home = iter(range(1_000_000))
        fresh = lambda name: work / f"{name}-{next(home)}"  # noqa: E731 - a new state file or cache per launch

        warm_up, _ = launch(seed_argv, SEED_MARKER, fresh("cache"), fresh("state"))
        print(f"warm-up launch (seed only, writes bytecode caches): {warm_up * 1000:.0f} ms")

        step("seed-only launches")
        seed, seed_memory = [], None
        for _ in range(args.launches):
            seconds, seed_memory = launch(seed_argv, SEED_MARKER, fresh("cache"), fresh("state"))
            seed.append(seconds)
        seed_time = statistics.median(seed)

        step("cold launches")
        cold_marker, cold_open = first_screen_marker(root, fresh("probe-cache"))
        extra_cold = [
            launch([python, "-m", "shownotes", str(root)], cold_marker, fresh("cache"), fresh("state"))[0]
            for _ in range(max(0, args.cold_launches - 1))
        ]

        # The full cold run: first screen, responsiveness while indexing, index time, memory.
        cache = work / "cache-main"
        term = Terminal([python, "-m", "shownotes", str(root)], cache, fresh("state"))
        term.start()
        try:
            cold_first = term.wait(lambda s: cold_marker in s, 120)
            term.wait(lambda s: INDEXING in s or INDEXED in s, 120)
            step("responsiveness while indexing")
            side_busy, side_during = sidebar_latencies(term, args.tries)
            numbers = [(args.count // 3 + 457 * n) % args.count for n in range(args.tries)]
            palette_busy, palette_during = palette_latencies(term, args.tries, numbers)
            step("waiting for the cold index")
            cold_index = term.wait(lambda s: INDEXED in s, 600, interval=0.05)
            busy_memory = (term.memory.app_hwm, term.memory.app_rss, term.memory.worker_hwm, term.memory.total_rss)
            term.idle(3)
            after_memory = (term.memory.app_hwm, term.memory.app_rss)
        finally:
            term.close()

        # Warm: the index is there; a fresh state file each time, so the same first note opens.
        step("warm launches")
        warm_marker, warm_open = first_screen_marker(root, cache)
        warm = [
            launch([python, "-m", "shownotes", str(root)], warm_marker, cache, fresh("state"))[0]
            for _ in range(args.launches)
        ]
        # Resuming: the state file is kept between launches, as for a user; the app reopens its note first.
        kept = fresh("state")
        launch([python, "-m", "shownotes", str(root)], warm_marker, cache, kept)
        resumed = [
            launch([python, "-m", "shownotes", str(root)], warm_marker, cache, kept)[0] for _ in range(args.launches)
        ]
        term = Terminal([python, "-m", "shownotes", str(root)], cache, fresh("state"))
        term.start()
        try:
            term.wait(lambda s: warm_marker in s, 120)
            warm_indexed = term.wait(lambda s: INDEXED in s, 300, interval=0.02)
            side_idle, _ = sidebar_latencies(term, args.tries)
            palette_idle, _ = palette_latencies(term, args.tries, numbers)
            term.idle(1)
            idle_memory = (term.memory.app_hwm, term.memory.app_rss)
        finally:
            term.close()

        cold = [cold_first, *extra_cold]
        cold_time, warm_time = statistics.median(cold), statistics.median(warm)
        resumed_time = statistics.median(resumed)
        print(f"\n1. Launch to first content on screen (medians of {len(seed)} seed-only, {len(cold)} cold, {len(warm)} warm)")
        row("seed only (`python -m shownotes`, no path)", f"{seed_time * 1000:7.0f} ms", "baseline")
        row("library, cold (empty cache)", f"{cold_time * 1000:7.0f} ms", f"{cold_time / seed_time:5.2f}x seed (target <= 2x)")
        row("library, warm (index present)", f"{warm_time * 1000:7.0f} ms", f"{warm_time / seed_time:5.2f}x seed (target <= 1.3x)")
        row("library, warm, state kept (resumes its note)", f"{resumed_time * 1000:7.0f} ms", f"{resumed_time / seed_time:5.2f}x seed")
        row("  in-process open_for_reader + first_note, cold", f"{cold_open * 1000:7.0f} ms", "(diagnostic)")
        row("  in-process open_for_reader + its first note, warm", f"{warm_open * 1000:7.0f} ms", "(diagnostic)")
        print(f"   markers: seed {SEED_MARKER!r}; cold {cold_marker!r}; warm {warm_marker!r}")
        print("\n2. Index")
        row(f'cold: launch to "{INDEXED}"', f"{cold_index:7.1f} s ", "(target <= 60 s)")
        row(f'warm: launch to "{INDEXED}" (nothing changed)', f"{warm_indexed:7.1f} s ")

        app_hwm, app_rss, worker_hwm, total_rss = busy_memory
        seed_hwm = seed_memory.app_hwm if seed_memory else float("nan")
        print("\n3. Memory of the app's python process (/proc/<pid>/status)")
        row("seed only, peak (VmHWM)", f"{seed_hwm:7.1f} MB", "baseline")
        row("cold, peak through indexing (VmHWM)", f"{app_hwm:7.1f} MB", "(target <= 300 MB)")
        row("cold, resident when indexed (VmRSS)", f"{app_rss:7.1f} MB")
        row("cold, 3 s after indexing: VmRSS (VmHWM)", f"{after_memory[1]:7.1f} MB", f"({after_memory[0]:.1f} MB)")
        row("warm, idle after the key tests: VmRSS (VmHWM)", f"{idle_memory[1]:7.1f} MB", f"({idle_memory[0]:.1f} MB)")
        row("index worker process, largest peak", f"{worker_hwm:7.1f} MB")
        row("app + workers at one moment, largest", f"{total_rss:7.1f} MB")

        print(f"\n4. Keystroke to screen, {args.tries} tries each: cold run while indexing, beside the warm idle app")
        row(f"sidebar `j`, while indexing ({side_during}/{len(side_busy)} began so)", figures(side_busy))
        row("sidebar `j`, warm and idle", figures(side_idle))
        row(f"palette `Go to note` hit, while indexing ({palette_during}/{len(palette_busy)})", figures(palette_busy))
        row("palette `Go to note` hit, warm and idle", figures(palette_idle))

        step("search latency")
        index = Index.open(root, cache_dir=cache)
        vocab, _running = query_words(CORPUS / "redpointai", 100)
        times = []
        for word in vocab:
            begun = time.perf_counter()
            index.search(word)
            times.append((time.perf_counter() - begun) * 1000)
        like = like_scan(index.db_path, vocab[:20])
        index.close()
        print(f"\n5. Search over the app's index of {files:,} notes: 100 real corpus words (limit 50)")
        row("Index.search", f"p50 {pct(times, 50):6.2f} ms  p95 {pct(times, 95):6.2f} ms", "(target p95 <= 50 ms)")
        row("baseline: LIKE '%word%' LIMIT 50, first 20", f"p50 {pct(like, 50):6.2f} ms  p95 {pct(like, 95):6.2f} ms")


if __name__ == "__main__":
    main()
