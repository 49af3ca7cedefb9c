"""The real terminal: text dragged over with the mouse in the reader is copied by ctrl+c (OSC 52 to
tmux's buffer), and a `[keys]` config moves the copy key."""

from __future__ import annotations

from pathlib import Path

import pytest

from .tmuxterm import Tmux, app_command, app_env, cells

pytestmark = pytest.mark.e2e
FIRST_LINK = "https://www.youtube.com/watch?v=P6y0gr-W2-k&t=0s"
PHRASE = "From: redpointai"


def find_cell(screen: str, text: str) -> tuple[int, int]:
    """(column, row), 1-based as the terminal's mouse reports count, of the first cell of `text` on screen."""
    for row, line in enumerate(screen.splitlines()):
        if text in line:
            by_column = cells(line)
            start = line.index(text)
            column = next(col for col, ch in sorted(by_column.items()) if sum(1 for c in by_column if c < col) >= start)
            return column + 1, row + 1
    raise AssertionError(f"{text!r} is not on screen:\n{screen}")


def mouse(tmux: Tmux, code: int, column: int, row: int, release: bool = False) -> None:
    """An SGR mouse report (what xterm sends with mode 1006 on) typed into the pane."""
    tmux.keys(f"\x1b[<{code};{column};{row}{'m' if release else 'M'}", literal=True)


def test_dragging_over_reader_text_and_ctrl_c_copies_it(tmux: Tmux, tmp_path: Path) -> None:
    tmux.start(app_command(), app_env(tmp_path))
    tmux.wait_for_text("Timestamps (75)")
    screen = tmux.wait_for_text("1 note indexed")  # the index adds related notes: the note is laid out again
    column, row = find_cell(screen, PHRASE)
    mouse(tmux, 0, column, row)  # button 1 down on the F
    for step in range(1, len(PHRASE)):
        mouse(tmux, 32, column + step, row)  # moving with the button held
    mouse(tmux, 0, column + len(PHRASE) - 1, row, release=True)
    tmux.keys("C-c")
    tmux.wait_for(lambda: tmux.buffer() == PHRASE, f"tmux buffer == {PHRASE!r}, not {tmux.buffer()!r}")


def test_a_keys_table_moves_the_copy_key(tmux: Tmux, tmp_path: Path) -> None:
    env = app_env(tmp_path)
    Path(env["SHOWNOTES_CONFIG"]).write_text('[keys]\ncopy_link = "y"\ncopy_lnk = "x"\n', encoding="utf-8")
    tmux.start(app_command(), env)
    tmux.wait_for_text("Timestamps (75)")
    tmux.wait_for_text("unknown action 'copy_lnk'")
    assert "c Copy link" not in tmux.screen()  # the footer lists it under its new key, past the 140th column here
    tmux.keys("y")
    tmux.wait_for(lambda: tmux.buffer() == FIRST_LINK, f"tmux buffer == {FIRST_LINK}")
