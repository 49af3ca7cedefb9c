"""The index under faults, across real processes and real SQLite files: a parent killed with -9, heavy
notes while quitting, a truncated or locked index file, a full disk."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.disk import write_files
from tests.processes import BOUND, alive, wait_until, workers_of


def busy_library(root: Path, notes: int = 3000) -> Path:
    """Enough notes, each a few KB of list items, to keep two workers parsing for a while."""
    body = "".join(f"- item {n} about wombats [00:{n % 60:02d}:00]\n" for n in range(150))
    return write_files(root, {f"c{n % 20}/note{n:05d}.md": f"# Note {n}\n\n{body}" for n in range(notes)})


def environment(home: Path) -> dict[str, str]:
    return {**os.environ, "SHOWNOTES_CACHE_DIR": str(home / "cache"), "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}


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


def test_a_second_cli_waits_for_the_index_lock_and_then_answers(locked_library, tmp_path: Path) -> None:
    library, holder = locked_library
    cli = subprocess.Popen(
        [sys.executable, "-m", "shownotes", "search", "wombats", str(library), "--json"],
        env=environment(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert cli.stderr is not None
        first = cli.stderr.readline()
        assert "waiting" in first, first  # not "database is locked" and a wrong answer
        holder.communicate(timeout=BOUND)  # the first instance finishes
        out, err = cli.communicate(timeout=BOUND)
    finally:
        if cli.poll() is None:
            cli.kill()
            cli.wait()
    assert cli.returncode == 0, err
    assert "locked" not in err
    assert len(json.loads(out)) == 4


def test_an_update_waiting_for_the_lock_ends_when_stopped(locked_library) -> None:
    from shownotes.core.index import Index

    library, _holder = locked_library
    stop = threading.Event()
    with Index.open(library) as index:
        result = index.update(should_stop=stop, waiting=stop.set)  # quitting while it waits
    assert result.cancelled and result.error is None
