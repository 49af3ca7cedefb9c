"""The terminal goes away under a running reader (a closed window, a killed tmux, a dropped ssh link):
the reader saves its place and ends, in every state, rather than living on invisibly and spinning a core.
Each case kills the whole tmux server under it, as closing a terminal window does."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from shownotes.core.state import load_state

from ..processes import processes_in, wait_until
from .tmuxterm import Tmux, app_env

pytestmark = pytest.mark.e2e

EDITOR = "#!/bin/sh\nprintf 'FAKE-EDITOR\\n'\nread answer\n"  # waits on the terminal, as an editor does

CASES = {
    # how the reader is started; what it is doing when the terminal goes
    "reading": ("exec {app}", None),
    # setsid: not in the terminal's session, so no SIGHUP comes; the dead terminal alone must end it
    "reading, no SIGHUP sent": ("exec setsid {app}", None),
    "with the editor running": ("exec {app}", "e"),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_the_reader_saves_its_place_and_ends_when_its_terminal_goes(tmux: Tmux, tmp_path: Path, case: str) -> None:
    start, key = CASES[case]
    editor = tmp_path / "editor"
    editor.write_text(EDITOR, encoding="utf-8")
    editor.chmod(0o755)
    env = {**app_env(tmp_path), "EDITOR": str(editor), "VISUAL": ""}
    tmux.start(["sh", "-c", start.format(app=shlex.join([sys.executable, "-m", "shownotes"]))], env)
    tmux.wait_for_text("Timestamps (75)")
    tmux.keys("]", "]")
    # The reader shows the section and the sidebar marks it: the app has handled both keys.
    tmux.wait_for(
        lambda: "│ Model Evolution and Open Source" in (screen := tmux.screen()) and "▸ Model Evolution" in screen,
        "the reader two sections down",
    )
    if key:
        tmux.keys(key)
        tmux.wait_for_text("FAKE-EDITOR")
    cache = tmp_path / "cache"
    (reader,) = {pid for pid in processes_in(cache) if is_reader(pid)}
    tmux.run("kill-server", check=False)
    wait_until(lambda: reader not in processes_in(cache), f"the reader ({case}) to end with its terminal", bound=20)
    (place,) = load_state(tmp_path / "state.json").last.values()
    assert place.section == 2  # the place it was left at, saved on the way out


def is_reader(pid: int) -> bool:
    """The app itself, not its index workers (nor the editor, which shares its environment)."""
    try:
        argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    return argv[1:3] == [b"-m", b"shownotes"]
