"""The index under faults, across real processes and real SQLite files: a parent killed with -9, heavy
notes while quitting, a truncated or locked index file, a full disk."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
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


def many_notes(root: Path, count: int) -> Path:
    body = "".join(f"- item {n} about wombats and {n * 7} other things\n" for n in range(100))
    return write_files(root, {f"c{n % 5}/n{n:04d}.md": f"# Note {n}\n\n{body}" for n in range(count)})


def search_json(library: Path, home: Path, file_limit: int | None = None) -> subprocess.CompletedProcess:
    def limit_files() -> None:  # `ulimit -f`: writes past the limit fail as on a full disk (EFBIG)
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))

    return subprocess.run(
        [sys.executable, "-m", "shownotes", "search", "wombats", str(library), "--json", "--limit", "5000"],
        env=environment(home),
        capture_output=True,
        text=True,
        timeout=BOUND * 5,
        preexec_fn=limit_files if file_limit is not None else None,
    )


def test_a_build_that_runs_out_of_space_gives_no_answer_and_the_next_finishes(tmp_path: Path) -> None:
    library = many_notes(tmp_path / "lib", 1500)
    cut = search_json(library, tmp_path, file_limit=3_000_000)  # room for part of the index only
    assert cut.returncode == 2 and cut.stdout == ""  # not a partial answer with status 0
    assert "incomplete" in cut.stderr and cut.stderr.count("\n") == 1
    whole = search_json(library, tmp_path)
    assert whole.returncode == 0, whole.stderr
    assert len(json.loads(whole.stdout)) == 1500


def test_an_update_that_died_and_left_the_full_text_damaged_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from shownotes.core.index import Index, store

    monkeypatch.setenv("SHOWNOTES_CACHE_DIR", str(tmp_path / "cache"))
    library = many_notes(tmp_path / "lib", 40)
    with Index.open(library) as index:
        assert index.update().parsed == 40 and not index.incomplete
        conn = sqlite3.connect(index.db_path, isolation_level=None)
        # What a write cut short can leave: the notes stored, their full-text segments not, the mark set.
        conn.execute("DELETE FROM search_data WHERE id > 10")
        store.mark_building(conn)
        conn.close()
        assert index.incomplete
        again = index.update()
        assert again.error is None and again.parsed == 40 and not index.incomplete
        assert len(index.search("wombats", limit=100)) == 40
        assert any("damaged" in notice for notice in index.notices)


def test_an_update_cut_short_by_a_full_disk_marks_the_index_incomplete(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from shownotes.core.index import Index, store

    monkeypatch.setenv("SHOWNOTES_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("shownotes.core.index.build.BATCH", 10)
    library = many_notes(tmp_path / "lib", 40)
    real_store, stored = store.store, []

    def fills_the_disk(conn, record, old, fallback):  # the fake: SQLite's error when a write finds no space
        if len(stored) == 25:
            raise sqlite3.OperationalError("database or disk is full")
        stored.append(record.raw)
        return real_store(conn, record, old, fallback)

    with Index.open(library) as index:
        monkeypatch.setattr(store, "store", fills_the_disk)
        cut = index.update()
        assert cut.error is not None and "full" in cut.error
        assert index.incomplete and len(index.search("wombats", limit=100)) == 20
        monkeypatch.setattr(store, "store", real_store)  # space freed
        again = index.update()
        assert again.error is None and again.parsed == 20 and not index.incomplete
        assert len(index.search("wombats", limit=100)) == 40


@needs_proc
def test_without_the_parent_death_signal_a_worker_still_ends_with_its_parent(tmp_path: Path) -> None:
    repo = Path(__file__).resolve().parents[2]
    harness = subprocess.Popen(
        [sys.executable, "-m", "tests.worker_harness"], cwd=repo, env=environment(tmp_path), stdout=subprocess.PIPE, text=True
    )
    assert harness.stdout is not None
    worker = int(harness.stdout.readline())
    try:
        assert alive(worker)
        harness.send_signal(signal.SIGKILL)
        harness.wait(timeout=BOUND)
        wait_until(lambda: not alive(worker), "the worker to see it was reparented")
    finally:
        if harness.poll() is None:
            harness.kill()
            harness.wait()
        if alive(worker):
            os.kill(worker, signal.SIGKILL)


def test_a_cli_waiting_for_a_lock_held_too_long_gives_up_with_a_clear_error(locked_library, tmp_path: Path) -> None:
    """The wait is bounded ($SHOWNOTES_LOCK_WAIT, 900 s unless set): then no answer and status 2, never an
    in-memory index of the whole library or an answer from the old one."""
    library, holder = locked_library
    result = subprocess.run(
        [sys.executable, "-m", "shownotes", "search", "wombats", str(library), "--json"],
        env={**environment(tmp_path), "SHOWNOTES_LOCK_WAIT": "1"},
        capture_output=True,
        text=True,
        timeout=BOUND,
    )
    assert holder.poll() is None  # the lock was held the whole time
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0] == "shownotes: another shownotes is writing the search index; waiting for it"
    assert lines[-1] == "shownotes: another shownotes held the search index locked for 1 s; no answer (try again once it has finished)"
    assert "Traceback" not in result.stderr and "in memory" not in result.stderr
