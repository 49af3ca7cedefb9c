"""Does following a playing mpv slow the keys down? Key latency in the reader, in one run of the app in
tmux: before any player is linked (the baseline), while mpv plays and reports its time with follow on,
and with follow off.

    uv run python benchmarks/bench_follow.py [--keys N]

Needs tmux, mpv and ffmpeg. Prints figures; never passes or fails. Each key is `j` in the reader, timed
from send-keys to the screen changing. mpv plays two hours of silence made by ffmpeg (`--ao=null`).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO))  # the one tmux driver, tests/e2e/tmuxterm.py

from tests.e2e.tmuxterm import Tmux  # noqa: E402
from tests.playerkit import silence  # noqa: E402

VIDEO = "AAAAAAAAAAA"


def library(root: Path, stamps: int = 300) -> Path:
    lines = [f"---\ntitle: Long talk\nvideoId: {VIDEO}\n---\n"]
    for n in range(stamps):
        if n % 10 == 0:
            lines.append(f"## Part {n // 10}\n")
        seconds = n * 20
        lines.append(f"Point {n} is made here and argued at some length [{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}].\n")
    (root / "pod").mkdir(parents=True)
    (root / "pod" / "long.md").write_text("\n".join(lines), encoding="utf-8")
    return root


def key_times(term: Tmux, count: int) -> list[float]:
    times = []
    for _ in range(count):
        before = term.screen()
        sent = time.perf_counter()
        term.keys("j")
        times.append(term.timed(lambda screen, before=before: screen != before, 10, sent) * 1000)
    return times


def summary(label: str, times: list[float]) -> str:
    ordered = sorted(t for t in times if t == t)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)] if ordered else float("nan")
    return f"   {label:<34} median {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   worst {ordered[-1]:6.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=60)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-follow-"))
    videos = work / "videos"
    videos.mkdir()
    silence(videos / f"Long talk [{VIDEO}].flac")
    root = library(work / "lib")
    (work / "config.toml").write_text(f'player = "mpv --no-config --ao=null --vo=null"\nmedia = ["{videos}"]\nquit_player_on_exit = true\n', encoding="utf-8")
    env = {"SHOWNOTES_STATE": f"{work}/state.json", "SHOWNOTES_CACHE_DIR": f"{work}/cache", "SHOWNOTES_CONFIG": f"{work}/config.toml"}
    term = Tmux(work, 150, 45)
    try:
        term.start([sys.executable, "-m", "shownotes", str(root)], env)
        term.timed(lambda screen: "Timestamps (300)" in screen, 60, time.perf_counter())
        term.keys("g")
        baseline = key_times(term, args.keys)
        term.keys("g", "o")  # play the moment at the top of the reader
        term.timed(lambda screen: re.search(r"▶ 00:00:\d\d / 02:00:00", screen) is not None, 30, time.perf_counter())
        term.keys("g")
        following = key_times(term, args.keys)
        term.keys("f")
        term.timed(lambda screen: "follow off" in screen, 10, time.perf_counter())
        not_following = key_times(term, args.keys)
        print(f"Key latency in the reader, {args.keys} `j` keys each, one app in tmux (150x45), a 300-timestamp note")
        print(summary("no player linked (baseline)", baseline))
        print(summary("mpv playing, follow on", following))
        print(summary("mpv playing, follow off", not_following))
        follow_median = statistics.median(following)
        print(f"   follow on / baseline: {follow_median / statistics.median(baseline):.2f}x (median)")
    finally:
        term.keys("q")
        time.sleep(1)  # let the app quit its mpv (quit_player_on_exit) before the server goes
        term.close()


if __name__ == "__main__":
    main()
