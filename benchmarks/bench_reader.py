"""How fast the reader shows a note, beside Textual's stock Markdown widget in the same run.

    uv run python benchmarks/bench_reader.py [--skip-stock-1mb] [--launch-only] [--launches N]

Prints figures and ratios; it never passes or fails. Three parts:
1. open a note (seed, ~140 KB, ~1 MB): stock `Markdown.update` + settle vs our reader, headless;
2. the ~1 MB note in our app: first screen, then page-down steps (worst and p95 step);
3. launch to the seed's text on a real terminal (tmux): a one-`Static` Textual app vs `shownotes`,
   alternating, after one warm-up launch, with PYTHONDONTWRITEBYTECODE unset (as in a normal install).
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Markdown

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "000_02ee466525ab61b6.txt"
CORPUS = REPO.parent / "shared" / "corpus" / "redpointai"
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # the one tmux driver, tests/e2e/tmuxterm.py

from shownotes.core.library import Library  # noqa: E402
from shownotes.render.view import build_view  # noqa: E402
from shownotes.tui.app import make_app  # noqa: E402
from tests.e2e.tmuxterm import Tmux  # noqa: E402


def big_note(folder: Path, size: int, name: str) -> Path:
    """A note of about `size` bytes made of corpus note bodies (the seed alone when no corpus)."""
    sources = sorted(CORPUS.glob("*.md")) or [SEED]
    parts, total, index = [], 0, 0
    while total < size:
        text = sources[index % len(sources)].read_text(encoding="utf-8")
        body = text.split("---", 2)[2] if text.startswith("---") else text
        parts.append(body)
        total += len(body.encode())
        index += 1
    path = folder / name
    path.write_text(f"---\ntitle: {name}\nvideoId: P6y0gr-W2-k\n---\n" + "\n\n".join(parts), encoding="utf-8")
    return path


class StockApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Markdown()


async def painted(app: App) -> None:
    """Wait until the screen has been refreshed with everything queued so far."""
    done = asyncio.Event()
    app.call_after_refresh(done.set)
    await done.wait()


async def time_stock(text: str) -> float:
    app = StockApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        await app.query_one(Markdown).update(text)
        await painted(app)
        return time.perf_counter() - start


async def time_ours(path: Path) -> float:
    app = make_app(Library.open(path.parent), copier=lambda text: None)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        note = next(n for n in app.library.notes if n.path == path).with_(body=None)  # read afresh, as a first opening
        start = time.perf_counter()
        view = build_view(note, app.library)
        app.reader.show(view)
        await painted(app)
        return time.perf_counter() - start


def big_note_in_terminal(path: Path, home: Path, steps: int = 40) -> tuple[float, list[float]]:
    """In tmux: launch on the 1 MB note's folder, time its first screen, then each page-down key to
    the screen changing, sent as soon as the first screen is up (while the rest is still laid out)."""
    stamps = len(Library.open(path).notes[0].parse().outline.timestamps)
    marker = f"Timestamps ({stamps})"  # the panel says (0) while the note loads
    term = Tmux(home, 150, 45)
    env = {"SHOWNOTES_STATE": f"{home}/big-state.json", "SHOWNOTES_CACHE_DIR": f"{home}/big-cache"}
    try:
        first = term.timed(lambda screen: marker in screen, 60, term.start([sys.executable, "-m", "shownotes", str(path.parent)], env))
        steps_taken = []
        for _ in range(steps):
            before = term.screen()
            sent = time.perf_counter()
            term.keys("PageDown")
            steps_taken.append(term.timed(lambda screen, before=before: screen != before, 10, sent))
        return first, steps_taken
    finally:
        term.close()


BASELINE_APP = '''
import sys
from pathlib import Path
from textual.app import App
from textual.widgets import Static
text = Path(sys.argv[1]).read_text(encoding="utf-8")
class One(App):
    def compose(self):
        yield Static(text)
One().run()
'''


def launch_time(argv: list[str], marker: str, home: Path) -> float:
    term = Tmux(home, 150, 45)
    env = {"SHOWNOTES_STATE": f"{home}/state.json", "SHOWNOTES_CACHE_DIR": f"{home}/cache"}
    try:
        return term.timed(lambda screen: marker in screen, 30, term.start(argv, env))
    finally:
        term.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-stock-1mb", action="store_true", help="the stock widget needs tens of seconds there")
    parser.add_argument("--launches", type=int, default=7)
    parser.add_argument("--launch-only", action="store_true", help="part 3 only")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-reader-"))
    notes = {"seed (13.8 KB)": SEED}
    for label, size, name in (("~140 KB", 140_000, "n140k.md"), ("~1 MB", 1_000_000, "n1mb.md")):
        folder = work / name.removesuffix(".md")
        folder.mkdir()
        notes[label] = big_note(folder, size, name)

    if args.launch_only:
        notes = {}
    else:
        print("1. Opening a note: parse and render until the screen has been refreshed, headless 120x40")
        print(f"   {'note':<16}{'stock Markdown':>16}{'shownotes':>12}{'speed-up':>10}")
    for label, path in notes.items():
        text = path.read_text(encoding="utf-8")
        ours = min(asyncio.run(time_ours(path)) for _ in range(3))
        if label == "~1 MB" and args.skip_stock_1mb:
            print(f"   {label:<16}{'(skipped)':>16}{ours * 1000:>10.1f}ms")
            continue
        stock = asyncio.run(time_stock(text))
        print(f"   {label:<16}{stock * 1000:>14.0f}ms{ours * 1000:>10.1f}ms{stock / ours:>9.0f}x")

    if shutil.which("tmux") is not None and not args.launch_only:
        first, steps = big_note_in_terminal(notes["~1 MB"], work)
        steps.sort()
        print("\n2. The ~1 MB note in a real terminal (tmux): launch to its first screen, then PageDown keys")
        print("   sent at once (while the rest of the note is still being laid out), each timed to the screen changing")
        print(f"   first screen {first * 1000:.0f} ms (launch included); {len(steps)} page-downs: "
              f"median {statistics.median(steps) * 1000:.0f} ms, p95 {steps[int(len(steps) * 0.95) - 1] * 1000:.0f} ms, "
              f"worst {steps[-1] * 1000:.0f} ms")

    if shutil.which("tmux") is None:
        print("\n3. (tmux missing: launch time not measured)")
        return
    script = work / "one_static.py"
    script.write_text(BASELINE_APP, encoding="utf-8")
    marker = "Unsupervised Learning"
    base, ours = [], []
    launch_time([sys.executable, "-m", "shownotes"], marker, work)  # warm-up: writes the bytecode caches
    for _ in range(args.launches):
        base.append(launch_time([sys.executable, str(script), str(SEED)], marker, work))
        ours.append(launch_time([sys.executable, "-m", "shownotes"], marker, work))
    b, o = statistics.median(base), statistics.median(ours)
    print(f"\n3. Launch to the seed's text on screen in tmux (median of {args.launches})")
    print(f"   one-Static Textual app {b * 1000:.0f} ms; shownotes {o * 1000:.0f} ms; ratio {o / b:.2f}x")


if __name__ == "__main__":
    main()
