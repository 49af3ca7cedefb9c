"""The index under faults, across real processes and real SQLite files: a parent killed with -9, heavy
notes while quitting, a truncated or locked index file, a full disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.disk import write_files

BOUND = 60.0  # seconds: a bound on waiting for a condition, never a figure a test measures
REPO = Path(__file__).resolve().parents[2]


def wait_until(predicate: Callable[[], object], what: str, bound: float = BOUND) -> object:
    start = time.monotonic()
    while not (value := predicate()):
        if time.monotonic() - start > bound:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return value


def busy_library(root: Path, notes: int = 3000) -> Path:
    """Enough notes, each a few KB of list items, to keep two workers parsing for a while."""
    body = "".join(f"- item {n} about wombats [00:{n % 60:02d}:00]\n" for n in range(150))
    return write_files(root, {f"c{n % 20}/note{n:05d}.md": f"# Note {n}\n\n{body}" for n in range(notes)})


def workers_of(parent: int) -> set[int]:
    """Pids of the multiprocessing workers (spawned) whose parent is `parent`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        if ppid == parent and b"spawn_main" in cmdline:
            found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def processes_in(cache: Path) -> set[int]:
    """Pids of the live processes started with this cache folder (the app and its workers)."""
    wanted = f"SHOWNOTES_CACHE_DIR={cache}".encode()
    found = set()
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and wanted in (entry / "environ").read_bytes().split(b"\0") and alive(int(entry.name)):
                found.add(int(entry.name))
        except OSError:
            continue
    return found


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "SHOWNOTES_CACHE_DIR": str(home / "cache"), "PYTHONPATH": str(REPO / "src")}


needs_proc = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="finds worker pids in /proc")


@needs_proc
def test_workers_exit_when_the_cli_building_the_index_is_killed(tmp_path: Path) -> None:
    library = busy_library(tmp_path / "lib")
    cli = subprocess.Popen(
        [sys.executable, "-m", "shownotes", "search", "wombats", str(library)],
        env=environment(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the workers are not in the test's process group either way
    )
    workers: set[int] = set()
    try:
        workers = wait_until(lambda: workers_of(cli.pid), "the index worker processes to start")
        cli.send_signal(signal.SIGKILL)
        cli.wait(timeout=BOUND)
        wait_until(lambda: not any(alive(pid) for pid in workers), "the workers to notice their parent died")
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()
        for pid in filter(alive, workers):  # orphans of a failed run must not outlive the test
            os.kill(pid, signal.SIGKILL)
