"""`e` in a real terminal: the editor gets the terminal (the reader suspended, not drawn over), and
when it exits the reader comes back whole with the note as the editor left it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from shownotes.core.resources import seeds_path

from .tmuxterm import Tmux, app_env

pytestmark = pytest.mark.e2e


def test_the_editor_runs_with_the_reader_suspended_and_the_note_is_read_again(tmux: Tmux, tmp_path: Path) -> None:
    library = tmp_path / "library"
    shutil.copytree(seeds_path(), library)
    editor = tmp_path / "bin" / "vi"
    editor.parent.mkdir()
    editor.write_text(
        '#!/bin/sh\nprintf "FAKE-EDITOR %s %s\\npress Enter\\n" "$1" "$2"\nread answer\n'
        'printf "\\n## Edited in the terminal\\n\\nNew words.\\n" >> "$2"\n',
        encoding="utf-8",
    )
    editor.chmod(0o755)
    env = {**app_env(tmp_path), "EDITOR": str(editor), "VISUAL": ""}
    tmux.start([sys.executable, "-m", "shownotes", str(library)], env)
    tmux.wait_for_text("Timestamps (75)")
    tmux.keys("e")
    screen = tmux.wait_for_text("FAKE-EDITOR +")
    assert "Timestamps (75)" not in screen  # the reader is out of the way, not drawn over
    note = next(library.rglob("*.txt"))
    first_text = next(n for n, line in enumerate(note.read_text(encoding="utf-8").splitlines(), 1) if line.startswith("From:"))
    assert f"FAKE-EDITOR +{first_text} {note}" in screen.replace("\n", "")
    tmux.keys("Enter")
    tmux.wait_for_text("Timestamps (75)")
    tmux.keys("G")
    tmux.wait_for_text("Edited in the terminal")
    tmux.keys("q")
    tmux.wait_for(lambda: "Timestamps (75)" not in tmux.screen(), "the app to quit after the editor")
