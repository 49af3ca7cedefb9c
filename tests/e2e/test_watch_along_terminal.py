"""Watch along in a real terminal: `o` starts mpv (a process of its own that never draws here), the
status line follows its time, an outside seek moves the notes, and quitting leaves mpv playing."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.playerkit import send, silence

from .tmuxterm import Tmux, app_env

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(os.environ.get("SHOWNOTES_NO_MPV") == "1", reason="SHOWNOTES_NO_MPV=1"),
]
VIDEO = "AAAAAAAAAAA"
NOTES = {
    "pod/alpha.md": f"---\ntitle: Alpha talk\nvideoId: {VIDEO}\n---\n## Opening\n\nIt starts [00:00:05]. More [00:01:00].\n\n"
    "## Middle\n\nA middle point [00:20:00]. And another [00:40:00].\n",
    "pod/beta.md": f"---\ntitle: Beta talk\nvideoId: {VIDEO}\n---\n## Later\n\nLater part [01:10:00]. Last [01:30:00].\n",
}


def test_o_plays_in_one_mpv_the_notes_follow_and_q_leaves_it_playing(tmux: Tmux, tmp_path: Path) -> None:
    if shutil.which("mpv") is None or shutil.which("ffmpeg") is None:
        pytest.fail("mpv and ffmpeg are needed (apt-get install mpv ffmpeg, as .ci/run does)")
    videos = tmp_path / "videos"
    videos.mkdir()
    silence(videos / f"Alpha talk [{VIDEO}].flac")
    library = tmp_path / "lib"
    for rel, text in NOTES.items():
        (library / rel).parent.mkdir(parents=True, exist_ok=True)
        (library / rel).write_text(text, encoding="utf-8")
    (tmp_path / "config.toml").write_text(f'player = "mpv --no-config --ao=null --vo=null"\nmedia = ["{videos}"]\n', encoding="utf-8")
    run = tmp_path / "run"
    run.mkdir(mode=0o700)
    env = {**app_env(tmp_path), "XDG_RUNTIME_DIR": str(run)}
    tmux.start([sys.executable, "-m", "shownotes", str(library)], env)
    tmux.wait_for_text("Timestamps (4)")
    tmux.keys("t", "j", "o")
    tmux.wait_for(lambda: re.search(r"▶ 00:01:\d\d / 02:00:00", tmux.screen()), "the status line: mpv playing at 00:01:00")
    listed = subprocess.run(["pgrep", "-af", str(videos)], capture_output=True, text=True).stdout.splitlines()
    mpv = [line.split()[0] for line in listed if "--input-ipc-server=" in line]
    assert len(mpv) == 1, listed  # one mpv, playing our file
    socket = Path(next(arg for arg in listed[0].split() if arg.startswith("--input-ipc-server=")).split("=", 1)[1])
    try:
        screen = tmux.screen()
        assert "Playing:" not in screen and "AO:" not in screen  # mpv's own output never reaches our screen
        send(socket, "seek", 4500, "absolute")  # past Alpha's last moment, as a click in mpv's window would
        tmux.wait_for(lambda: re.search(r"▶ 01:1[5-9]:\d\d / 02:00:00", tmux.screen()), "the status line to follow the outside seek")
        tmux.wait_for(lambda: "O opens it" in tmux.screen(), "the offer of the note that covers the time")
        tmux.keys("O")
        tmux.wait_for_text("Timestamps (2)")  # Beta talk, opened from the offer
        tmux.keys("q")
        tmux.wait_for(lambda: "Timestamps (2)" not in tmux.screen(), "the reader to quit")
        assert subprocess.run(["kill", "-0", mpv[0]]).returncode == 0  # quitting leaves the player playing
        assert not socket.exists()  # its control socket is gone with us
    finally:
        for pid in mpv:
            try:
                os.kill(int(pid), signal.SIGKILL)
            except ProcessLookupError:
                pass
