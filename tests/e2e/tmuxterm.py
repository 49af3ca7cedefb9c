"""Driving the real app in a real terminal: a private tmux server each time. The one driver: the
e2e tests use it, and so do the benchmarks (which time what it waits for)."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

from rich.cells import cell_len

from shownotes.core.library import Library

from ..processes import processes_in, wait_until


class Tmux:
    def __init__(self, workdir: Path, width: int = 140, height: int = 40) -> None:
        self.socket = f"shownotes-{uuid.uuid4().hex[:8]}"
        self.workdir = workdir
        self.width, self.height = width, height
        self.conf = workdir / "tmux.conf"
        self.conf.write_text("set -g set-clipboard on\nset -g set-titles on\nset -g allow-rename on\n")
        self.caches: set[Path] = set()  # SHOWNOTES_CACHE_DIR of what was started: how its processes are found

    def run(self, *args: str, check: bool = True) -> str:
        result = subprocess.run(
            ["tmux", "-L", self.socket, "-f", str(self.conf), *args],
            capture_output=True,
            text=True,
            check=check,
        )
        return result.stdout

    def start(self, argv: list[str], env: dict[str, str]) -> float:
        """Run argv in a new pane (kept open after it ends); when it was started, on the perf_counter clock."""
        if "SHOWNOTES_CACHE_DIR" in env:
            self.caches.add(Path(env["SHOWNOTES_CACHE_DIR"]))
        exports = " ".join(f"{key}={shlex.quote(value)}" for key, value in env.items())
        command = f"env -u DISPLAY -u WAYLAND_DISPLAY -u COLUMNS -u LINES -u PYTHONDONTWRITEBYTECODE {exports} {shlex.join(argv)}; sleep 600"
        started = time.perf_counter()
        self.run("new-session", "-d", "-x", str(self.width), "-y", str(self.height), command)
        return started

    def keys(self, *keys: str, literal: bool = False) -> None:
        if literal:
            self.run("send-keys", "-l", *keys)
            return
        for key in keys:
            self.run("send-keys", key)

    def screen(self, styled: bool = False) -> str:
        return self.run("capture-pane", "-p", "-J", *(["-e"] if styled else []))

    def pane_pid(self) -> int | None:
        shown = self.run("display-message", "-p", "#{pane_pid}", check=False).strip()
        return int(shown) if shown.isdigit() else None

    def timed(self, ready: Callable[[str], bool], timeout: float, since: float, styled: bool = False) -> float:
        """Seconds from `since` until `ready(screen)`, polling tightly; NaN if never within `timeout` (benchmarks)."""
        deadline = time.perf_counter() + timeout
        while True:
            screen = self.screen(styled)
            if ready(screen):
                return time.perf_counter() - since
            if time.perf_counter() > deadline:
                return float("nan")
            time.sleep(0.002)

    def buffer(self) -> str:
        return self.run("show-buffer", check=False)

    def title(self) -> str:
        return self.run("display-message", "-p", "#{pane_title}").strip()

    def wait_for(self, predicate: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
        """Poll until the terminal shows what we wait for; fail with the screen if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}; screen was:\n{self.screen()}")

    def wait_for_text(self, text: str, timeout: float = 30.0) -> str:
        self.wait_for(lambda: text in self.screen(), repr(text), timeout)
        return self.screen()

    def close(self) -> None:
        """End the terminal, as closing its window does; whatever the test started must end with it (a
        reader living on without a terminal is a bug: it is killed here and reported)."""
        self.run("kill-server", check=False)
        for cache in self.caches:
            try:
                wait_until(lambda cache=cache: not processes_in(cache), "the app to end with its terminal", bound=20)
            except AssertionError:
                left = processes_in(cache)
                for pid in left:
                    os.kill(pid, 9)
                raise AssertionError(f"processes outlived their terminal: {sorted(left)}") from None


def app_command() -> list[str]:
    return [sys.executable, "-m", "shownotes"]


def app_env(home: Path) -> dict[str, str]:
    return {
        "SHOWNOTES_STATE": str(home / "state.json"),
        "SHOWNOTES_CONFIG": str(home / "config.toml"),
        "SHOWNOTES_CACHE_DIR": str(home / "cache"),
        "TERM": "xterm-256color",
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
    }


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def sidebar_order(root: Path) -> list[str]:
    """The notes in the order `n` visits them, from the core's own neighbour walk."""
    library = Library.open(root)
    order, note = [], library.first_note()
    while note is not None:
        order.append(note.rel)
        note = library.neighbour(note, 1)
    return order


def cells(row: str) -> dict[int, str]:
    """A captured row by terminal column (wide characters take two)."""
    out, column = {}, 0
    for ch in row:
        out[column] = ch
        column += cell_len(ch)
    return out


def frame_is_whole(screen: str) -> bool:
    """Every row has the three panes' side borders where their top borders put them.

    A leaked cursor move or clear screen, or a character the terminal draws wider than the app measured,
    moves some row's borders; toasts (notifications) cover them too, so callers wait for those to go.
    """
    rows = [cells(row) for row in screen.splitlines()]
    if len(rows) < 30:
        return False
    edges = [x for x, ch in rows[1].items() if ch in "╭╮"]
    body = rows[2:-5]  # below the top borders, down to where the sidebar ends
    return len(edges) == 6 and all(all(row.get(x) == "│" for x in edges) for row in body)
