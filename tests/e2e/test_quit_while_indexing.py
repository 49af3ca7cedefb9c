"""`q` while the index parses a heavy note: the process ends without waiting for that parse (which
markdown-it cannot interrupt), and no worker process outlives it."""

from __future__ import annotations

import shlex
import sqlite3
import sys
from pathlib import Path

import pytest

from shownotes.core.index.schema import db_path
from tests.disk import write_files
from tests.processes import alive, processes_in

from .tmuxterm import Tmux, app_env

pytestmark = pytest.mark.e2e
LIGHT = {f"a{n}.md": f"# Light {n}\n\nA few words about wombats.\n" for n in range(2)}
HEAVY_ITEMS = 400_000  # a parse of several seconds, the first time and every time


def indexed_rels(db: Path) -> set[str]:
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT rel FROM files")}


def test_q_while_a_heavy_note_is_indexed_ends_the_process_without_its_parse(tmux: Tmux, tmp_path: Path) -> None:
    library = write_files(tmp_path / "lib", {**LIGHT, "z_heavy.md": "# Heavy\n\n" + "- a\n" * HEAVY_ITEMS})
    pid_file = tmp_path / "app.pid"
    run = f"echo $$ > {shlex.quote(str(pid_file))}; exec {shlex.quote(sys.executable)} -m shownotes {shlex.quote(str(library))}"
    tmux.start(["sh", "-c", run], app_env(tmp_path))
    tmux.wait_for(lambda: pid_file.exists() and pid_file.read_text().strip().isdigit(), "the app's pid")
    pid = int(pid_file.read_text())
    tmux.wait_for_text("Light 0")
    # The light notes are stored, so the heavy one is being parsed (it is the last to go).
    tmux.wait_for(lambda: "2/3" in tmux.screen(), "the light notes indexed")
    tmux.keys("q")
    tmux.wait_for(lambda: not alive(pid), "the app's process to end", timeout=60)
    tmux.wait_for(lambda: not processes_in(tmp_path / "cache"), "no worker left behind", timeout=60)
    db = db_path(library.resolve(), tmp_path / "cache")
    # Had quitting waited for the parse, the heavy note would have been stored on the way out.
    assert indexed_rels(db) == set(LIGHT)


def test_an_index_file_emptied_under_the_app_is_rebuilt_and_q_still_ends_it(tmux: Tmux, tmp_path: Path) -> None:
    library = write_files(tmp_path / "lib", {f"n{n}.md": f"# Note {n}\n\nwombats {n}\n" for n in range(5)})
    pid_file = tmp_path / "app.pid"
    run = f"echo $$ > {shlex.quote(str(pid_file))}; exec {shlex.quote(sys.executable)} -m shownotes {shlex.quote(str(library))}"
    tmux.start(["sh", "-c", run], app_env(tmp_path))
    tmux.wait_for_text("5 notes indexed")
    pid = int(pid_file.read_text())
    db = db_path(library.resolve(), tmp_path / "cache")
    db.write_bytes(b"")  # a sync tool or a user empties it; its -wal and -shm stay
    write_files(library, {"n5.md": "# Note 5\n\nwombats 5\n"})  # the watcher starts an index update
    tmux.wait_for_text("6 notes indexed", timeout=60)
    assert indexed_rels(db) == {f"n{n}.md" for n in range(6)}
    tmux.keys("q")
    tmux.wait_for(lambda: not alive(pid), "the app's process to end", timeout=60)
    tmux.wait_for(lambda: not processes_in(tmp_path / "cache"), "no worker left behind", timeout=60)
