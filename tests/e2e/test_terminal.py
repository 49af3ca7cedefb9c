"""The real terminal: the app in tmux, keys sent, the screen and tmux's clipboard buffer read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from .tmuxterm import Tmux, app_command, app_env

pytestmark = pytest.mark.e2e
FIRST_LINK = "https://www.youtube.com/watch?v=P6y0gr-W2-k&t=0s"


def test_seed_copy_first_timestamp_reaches_tmux_clipboard(tmux: Tmux, tmp_path: Path):
    tmux.start(app_command(), app_env(tmp_path))
    first = tmux.wait_for_text("Timestamps (75)")
    assert "▶ 00:00:00" in first
    tmux.keys("]", "]", "]")  # to "Application Layer Developments", where the seed's mojibake dash is
    below_header = lambda: "\n".join(tmux.screen().splitlines()[1:])  # noqa: E731 - the header has a dash of its own
    tmux.wait_for(lambda: "│ Application Layer Developments" in tmux.screen(), "the section with the repaired dash")
    tmux.wait_for(lambda: '"GPT rappers" —' in below_header(), "the repaired dash on screen")
    body = below_header()
    tmux.keys("t", "g", "c")  # the timestamp panel, its first row, copy
    tmux.wait_for(lambda: tmux.buffer() == FIRST_LINK, f"tmux buffer == {FIRST_LINK}")
    for screen in (first, body, tmux.screen()):
        for forbidden in ("â€”", "[[", "<a class=", "videoId:"):
            assert forbidden not in screen


def test_quit_leaves_the_terminal(tmux: Tmux, tmp_path: Path):
    tmux.start([*app_command()], app_env(tmp_path))
    tmux.wait_for_text("Timestamps (75)")
    tmux.keys("q")
    tmux.wait_for(lambda: "Timestamps (75)" not in tmux.screen(), "the app to exit")
