"""Real processes in tests: waiting for a condition (bounded), finding a process's workers and
what outlives it in /proc, and another process holding an SQLite file's write lock."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

BOUND = 60.0  # seconds: a bound on waiting for a condition, never a figure a test measures


def wait_until(predicate: Callable[[], object], what: str, bound: float = BOUND) -> object:
    start = time.monotonic()
    while not (value := predicate()):
        if time.monotonic() - start > bound:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)
    return value


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


HOLD = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("held", flush=True)
sys.stdin.read()
conn.execute("COMMIT")
"""


def hold_lock(db: Path) -> subprocess.Popen:
    """Another process in the middle of writing the index: it holds the write lock until its stdin closes."""
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder
