"""Hostile notes in a real terminal: the pane title, tmux's clipboard buffer and the screen stay ours.

tmux here honours OSC 2 titles and OSC 52 clipboard writes (see tmuxterm's conf), so a leaked escape
would change them; the first test proves that by printing the raw payload itself.
"""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from shownotes.core.library import Library
from shownotes.core.state import load_state

from ..hostile.corpus import (
    CLIP_MARK,
    OSC_CLIPBOARD,
    OSC_TITLE,
    TITLE_MARK,
    write_library,
)
from .tmuxterm import Tmux, app_command, app_env, frame_is_whole, sidebar_order

pytestmark = pytest.mark.e2e


def leaked(tmux: Tmux) -> list[str]:
    signs = []
    if TITLE_MARK in tmux.title():
        signs.append(f"pane title: {tmux.title()!r}")
    if CLIP_MARK in tmux.buffer():
        signs.append(f"tmux buffer: {tmux.buffer()!r}")
    return signs


def test_control_raw_escapes_do_change_title_and_buffer(tmux: Tmux) -> None:
    """Without this, an unchanged title and buffer would prove nothing."""
    raw = (OSC_TITLE + OSC_CLIPBOARD).replace("\x1b", "\\033").replace("\x07", "\\007")
    tmux.start(["printf", raw], {})
    tmux.wait_for(lambda: TITLE_MARK in tmux.title(), "the raw OSC 2 to set the pane title")
    tmux.wait_for(lambda: CLIP_MARK in tmux.buffer(), "the raw OSC 52 to set tmux's buffer")
    assert len(leaked(tmux)) == 2


def _screen(middle: list[str]) -> str:
    top = "╭─ a ─╮╭─ b ────╮╭─ c ─╮"
    return "\n".join(["header", top, *middle, *["│     ││        ││     │"] * 30, "╰─────╯", "status", "╰──╯", "foot", "er"])


FRAMES = [
    ("whole", ["│ x   ││ text   ││ y   │"], True),
    ("wide characters counted as two cells", ["│ x   ││ 日本語 ││ y   │"], True),
    ("a row pushed right", ["│ x   ││ text    ││ y   │"], False),
    ("a row pulled left", ["│ x   ││ text  ││ y   │"], False),
    ("a row cleared", [""], False),
]


@pytest.mark.parametrize(("middle", "whole"), [f[1:] for f in FRAMES], ids=[f[0] for f in FRAMES])
def test_frame_check_sees_a_moved_border(middle: list[str], whole: bool) -> None:
    assert frame_is_whole(_screen(middle)) is whole


def test_hostile_library_in_the_app_leaves_title_buffer_and_screen_alone(tmux: Tmux, tmp_path: Path) -> None:
    root = write_library(tmp_path / "hostile")
    order = sidebar_order(root)
    assert len(order) >= 20
    env = app_env(tmp_path / "home")
    state_file = Path(env["SHOWNOTES_STATE"])
    tmux.start([*app_command(), str(root)], env)
    tmux.wait_for_text("Timestamps (")
    title_before = tmux.title()
    root_key = str(root.resolve())

    def showing(rel: str) -> bool:
        last = load_state(state_file).last.get(root_key)
        return last is not None and last.rel == rel

    tmux.wait_for(lambda: showing(order[0]), f"the first note {order[0]!r}")
    for rel in order[1:]:
        tmux.keys("n")
        tmux.wait_for(lambda rel=rel: showing(rel), f"the note {rel!r}")
        assert leaked(tmux) == [], rel
    hostile = next(rel for rel in order if rel.endswith("escaped_title.md"))
    for rel in reversed(order[order.index(hostile) : -1]):
        tmux.keys("p")
        tmux.wait_for(lambda rel=rel: showing(rel), f"the note {rel!r}")
    tmux.keys("t", "j", "j", "tab", "tab", "tab")
    tmux.wait_for(lambda: frame_is_whole(tmux.screen()), "every row's pane borders in place (toasts gone)", 60)
    screen = tmux.screen()
    assert "␛]2;PWNED-TITLE␇" in screen  # the hostile note is on screen, its escapes as visible characters
    assert leaked(tmux) == []
    assert tmux.title() == title_before
    tmux.keys("q")
    tmux.wait_for(lambda: "Timestamps (" not in tmux.screen(), "the app to exit")
    assert leaked(tmux) == []
    assert TITLE_MARK not in tmux.screen() and "␛" not in tmux.screen()


def test_cli_in_a_real_terminal_leaves_title_and_buffer_alone(tmux: Tmux, tmp_path: Path) -> None:
    root = write_library(tmp_path / "hostile")
    note = next(str(n.path) for n in Library.open(root).notes if n.rel.endswith("escaped_title.md"))
    commands = [
        [*app_command(), "list", str(root)],
        [*app_command(), "show", note, str(root)],
        [*app_command(), "links", note, str(root)],
        [*app_command(), "check", str(root)],
        [*app_command(), "search", "wombat", str(root)],
    ]
    env = app_env(tmp_path / "home")
    script = "; ".join(shlex.join(command) for command in commands) + "; echo ALL-DONE"
    tmux.start(["sh", "-c", script], env)
    tmux.wait_for(lambda: "ALL-DONE" in tmux.run("capture-pane", "-p", "-S", "-10000"), "the commands to finish", 120)
    history = tmux.run("capture-pane", "-p", "-S", "-10000")
    assert "␛]2;PWNED-TITLE␇" in history  # the payload was printed, visibly
    assert leaked(tmux) == []
