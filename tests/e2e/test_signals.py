"""SIGTERM and SIGHUP (a `kill`, a closed terminal window, a logout) end the reader as `q` does: the
place is saved and the terminal is given back: no alternate screen, no mouse tracking, the cursor shown."""

from __future__ import annotations

import os
import shlex
import signal
import sys
from pathlib import Path

import pytest

from shownotes.core.state import load_state

from .tmuxterm import Tmux, app_env

pytestmark = pytest.mark.e2e


def pane_flags(tmux: Tmux) -> dict[str, str]:
    names = ("alternate_on", "cursor_flag", "mouse_any_flag", "mouse_button_flag", "mouse_standard_flag", "mouse_all_flag")
    shown = tmux.run("display-message", "-p", " ".join(f"#{{{name}}}" for name in names)).split()
    return dict(zip(names, shown))


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_a_quit_signal_saves_the_place_and_gives_the_terminal_back(tmux: Tmux, tmp_path: Path, number: int) -> None:
    pid_file = tmp_path / "app.pid"
    run = f"echo $$ > {shlex.quote(str(pid_file))}; exec {shlex.quote(sys.executable)} -m shownotes"
    tmux.start(["sh", "-c", run], app_env(tmp_path))
    tmux.wait_for_text("Timestamps (75)")
    assert pane_flags(tmux)["alternate_on"] == "1"  # the app owns the screen: what the signal must undo
    tmux.keys("]", "]", "]")
    # The reader shows the section and the sidebar marks it: the app has handled all three keys.
    tmux.wait_for(
        lambda: "│ Application Layer Developments" in (screen := tmux.screen()) and "▸ Application Layer" in screen,
        "the reader three sections down",
    )
    os.kill(int(pid_file.read_text()), number)
    tmux.wait_for(lambda: "Timestamps (75)" not in tmux.screen(), "the app to end")
    tmux.wait_for(lambda: pane_flags(tmux)["alternate_on"] == "0", "the alternate screen to be left")
    flags = pane_flags(tmux)
    assert flags["cursor_flag"] == "1", flags
    assert all(flags[name] == "0" for name in flags if name.startswith("mouse")), flags
    (place,) = load_state(tmp_path / "state.json").last.values()
    assert place.section == 3  # the place it was left at, saved on the way out
