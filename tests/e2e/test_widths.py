"""Characters whose width tmux and rich disagree on (tag characters, unassigned code points, a TAB in a
table cell or a title) never shift a pane border: each note is shown and every row's borders checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.state import load_state

from ..disk import write_files
from .tmuxterm import Tmux, app_command, app_env, frame_is_whole, sidebar_order

pytestmark = pytest.mark.e2e

FLAG = "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f"  # England: a flag made of tags
TAG = "\U000e0041"
UNASSIGNED = "\u0378\U0003134b\U00050000"  # rich counts 1, 2 and 1 cells; tmux counts none


def note(title: str, video: str, body: str) -> str:
    return f'---\ntitle: "{title}"\nvideoId: {video}\n---\n{body}'


NOTES = {
    "chan/tags.md": note(
        f"Flags {FLAG} and tags{TAG}",
        "AAAAAAAAAAA",
        f"# Tags {TAG}{TAG} here\n\nA flag {FLAG} in text [00:00:01], a lone tag {TAG} too.\n\n"
        f"| a | b |\n|---|---|\n| {TAG}x | y{TAG} |\n",
    ),
    "chan/unassigned.md": note(
        f"Unassigned {UNASSIGNED}",
        "BBBBBBBBBBB",
        f"# Heading {UNASSIGNED}\n\nText with {UNASSIGNED} in it [00:00:02].\n\n"
        f"| a | b |\n|---|---|\n| {UNASSIGNED[0]} | {UNASSIGNED[1:]} |\n",
    ),
    "chan/tabs.md": note(
        "Tabs\\tin\\ttitle",
        "CCCCCCCCCCC",
        "# Heading\twith\ttabs\n\n## Second\ttab [00:00:03]\n\nText\twith tabs.\n\n"
        "| col\tone | col two |\n|---|---|\n| a\tb | c\t\td |\n",
    ),
}


WORDS = {"chan/tags.md": "Flags", "chan/unassigned.md": "Unassigned", "chan/tabs.md": "Tabs"}


def test_disputed_widths_leave_every_border_in_place(tmux: Tmux, tmp_path: Path) -> None:
    root = write_files(tmp_path / "widths", NOTES)
    order = sidebar_order(root)
    assert sorted(order) == sorted(NOTES)
    env = app_env(tmp_path / "home")
    state_file = Path(env["SHOWNOTES_STATE"])
    root_key = str(root.resolve())

    def showing(rel: str) -> bool:
        last = load_state(state_file).last.get(root_key)
        return last is not None and last.rel == rel

    tmux.start([*app_command(), str(root)], env)
    tmux.wait_for_text("Timestamps (")
    for number, rel in enumerate(order):
        if number:
            tmux.keys("n")
        tmux.wait_for(lambda rel=rel: showing(rel), f"the note {rel!r}")
        tmux.wait_for_text(f"─ {WORDS[rel]} ")  # the reader's border title: this note is drawn
        tmux.wait_for(lambda: frame_is_whole(tmux.screen()), f"every row's pane borders in place on {rel}", 20)
    tmux.keys("q")
