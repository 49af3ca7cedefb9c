"""The layout keys in a real terminal: ctrl+b and ctrl+t reach the app, z leaves the reader alone,
and the next run opens with the layout the last one left."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from .tmuxterm import Tmux, app_env

pytestmark = pytest.mark.e2e


def test_layout_keys_and_the_next_run(tmux: Tmux, tmp_path: Path) -> None:
    env = app_env(tmp_path)
    tmux.start([sys.executable, "-m", "shownotes"], env)
    tmux.wait_for_text("Timestamps (75)")
    assert "─ seeds ─" in tmux.screen()
    tmux.keys("C-b")
    tmux.wait_for(lambda: "─ seeds ─" not in tmux.screen(), "the sidebar to go")
    tmux.keys("C-t")
    tmux.wait_for(lambda: "Timestamps (75)" not in tmux.screen(), "the Timestamps pane to go")
    tmux.keys("z")
    tmux.wait_for(lambda: "redpointai · " not in tmux.screen(), "the header to go")
    tmux.keys("z")
    tmux.wait_for_text("redpointai · ")
    tmux.keys("q")
    tmux.wait_for(lambda: "From: redpointai" not in tmux.screen(), "the app to quit")
    tmux.run("kill-server", check=False)
    again = Tmux(tmp_path)
    try:
        again.start([sys.executable, "-m", "shownotes"], env)
        again.wait_for_text("From: redpointai")
        screen = again.screen()
        assert "─ seeds ─" not in screen and "Timestamps (75)" not in screen
    finally:
        again.close()
