"""Real processes saving one state file at the same time: every bookmark and every library's place is kept."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from shownotes.core.state import load_state

SAVES = 120
HANG_GUARD = 120  # seconds; a deadlock fails the test instead of hanging the suite

# Loads once, says it is ready, waits for the go, then bookmarks and saves SAVES times from its old copy;
# every fifth bookmark is taken back again at the next step.
WRITER = r"""
import sys
from pathlib import Path
from shownotes.core.state import Bookmark, Position, load_state, save_state

path, name, saves = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
state = load_state(path)
print("ready", flush=True)
sys.stdin.readline()
for n in range(saves):
    mark = Bookmark(name, n, f"{name} {n}", f"{name}.md")
    state.add_bookmark(mark)
    if n % 5 == 1:
        state.remove_bookmark(Bookmark(name, n - 1, "", ""))
    state.last[f"/{name}"] = Position(f"{name}.md", n)
    state.history.setdefault(f"/{name}", []).append(f"{n}.md")
    save_state(state, path)
print("done", flush=True)
"""


def test_two_processes_hammering_one_state_file_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    writers = {
        name: subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), name, str(SAVES)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("alpha", "bravo")
    }
    try:
        for writer in writers.values():
            assert writer.stdout.readline() == "ready\n"
        for writer in writers.values():  # both start from the same (empty) copy, then race
            writer.stdin.write("go\n")
            writer.stdin.flush()
        for writer in writers.values():
            out, err = writer.communicate(timeout=HANG_GUARD)
            assert (writer.returncode, out) == (0, "done\n"), err
    finally:
        for writer in writers.values():
            if writer.poll() is None:
                writer.kill()
    state = load_state(path)
    assert state.warning is None
    expected = {(name, n) for name in writers for n in range(SAVES) if n % 5 != 0 or n == SAVES - 1}
    assert {(b.video_id, b.seconds) for b in state.bookmarks} == expected
    assert {root: (p.rel, p.section) for root, p in state.last.items()} == {
        f"/{name}": (f"{name}.md", SAVES - 1) for name in writers
    }
    assert {root: len(rels) for root, rels in state.history.items()} == {f"/{name}": SAVES for name in writers}
