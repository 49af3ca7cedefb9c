"""kill -9 at any moment of writing the state leaves the old state or the new one, never a broken file.

The writer kills itself with SIGKILL at the k-th line `save_state` executes, for every k: every
step of the write (temp file made, half written, flushed, synced, renamed) is a moment tried.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from shownotes.core.state import load_state

WRITER = r"""
import os, signal, sys
from pathlib import Path
import shownotes.core.state as state_module
from shownotes.core.state import Bookmark, Position, State, save_state

path, kill_at = Path(sys.argv[1]), int(sys.argv[2])

def state(name):
    value = State(theme=name)
    value.last["lib"] = Position(f"{name}.md", 3, 7)
    value.bookmarks = [Bookmark("P6y0gr-W2-k", n, f"{name} {n}", f"{name}.md", "x" * 200) for n in range(400)]
    return value

save_state(state("old"), path)
new = state("new")
lines = 0

def trace(frame, event, arg):
    global lines
    if frame.f_code is state_module.save_state.__code__ and event == "line":
        lines += 1
        if lines == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
    return trace

sys.settrace(trace)
save_state(new, path)
sys.settrace(None)
print(lines)
"""


def run_writer(path: Path, kill_at: int) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", WRITER, str(path), str(kill_at)], capture_output=True, text=True, check=False
    )


def test_kill_9_at_every_line_of_a_save_leaves_a_whole_state(tmp_path: Path) -> None:
    dry = run_writer(tmp_path / "dry" / "state.json", 0)
    assert dry.returncode == 0, dry.stderr
    lines = int(dry.stdout)
    assert lines > 5  # the save was traced line by line
    seen = set()
    for kill_at in range(1, lines + 1):
        path = tmp_path / f"k{kill_at}" / "state.json"
        result = run_writer(path, kill_at)
        assert result.returncode == -signal.SIGKILL, (kill_at, result.stderr)
        state = load_state(path)
        assert state.warning is None, (kill_at, state.warning)
        assert state.theme in ("old", "new"), kill_at
        assert state.last["lib"].rel == f"{state.theme}.md"
        assert len(state.bookmarks) == 400 and all(b.title.startswith(state.theme) for b in state.bookmarks)
        seen.add(state.theme)
    assert seen == {"old", "new"}  # kills landed both before and after the rename
    assert os.environ.get("SHOWNOTES_STATE") != str(path)  # the test never touched the real state
