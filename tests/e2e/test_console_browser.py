"""A console browser (w3m, lynx, a $BROWSER of one's own) gets the terminal while it runs: the reader
steps aside (Textual's App.suspend) and comes back, whole, when the browser ends."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from .tmuxterm import Tmux, app_env

pytestmark = pytest.mark.e2e


def test_a_console_browser_runs_with_the_reader_suspended(tmux: Tmux, tmp_path: Path) -> None:
    browser = tmp_path / "textbrowser"
    browser.write_text('#!/bin/sh\nprintf "TEXT-BROWSER at %s\\npress Enter\\n" "$1"\nread answer\n', encoding="utf-8")
    browser.chmod(0o755)
    env = {**app_env(tmp_path), "BROWSER": str(browser)}
    tmux.start([sys.executable, "-m", "shownotes"], env)
    tmux.wait_for_text("Timestamps (75)")
    tmux.keys("t", "j", "o")  # the second timestamp, opened in the browser (no player is configured)
    screen = tmux.wait_for_text("TEXT-BROWSER at https://www.youtube.com/watch?v=P6y0gr-W2-k&t=6s")
    assert "Timestamps (75)" not in screen  # the reader is out of the way, not drawn over
    tmux.keys("Enter")
    tmux.wait_for_text("Timestamps (75)")
    tmux.keys("q")
    tmux.wait_for(lambda: "Timestamps (75)" not in tmux.screen(), "the app to quit after the browser")
    assert os.path.exists(tmp_path / "state.json")
