"""The live player against the real mpv (no network, no sound card): two hours of silence made by ffmpeg.

These need mpv and ffmpeg (.ci/run installs them). Missing tools fail the tests, saying so; a developer
without them may set SHOWNOTES_NO_MPV=1 to skip this file.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import stat
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from shownotes.core.player import runtime
from shownotes.core.player.events import FileLoaded, LoadFailed, PlayerGone, PlayResult, TimeChanged
from shownotes.core.player.mpv import Player
from tests.playerkit import EventLog, wait_for

pytestmark = pytest.mark.skipif(
    os.environ.get("SHOWNOTES_NO_MPV") == "1", reason="SHOWNOTES_NO_MPV=1: the real-mpv tests are turned off"
)

MPV = ["mpv", "--no-config", "--ao=null", "--vo=null"]
FIRST_ID, SECOND_ID = "AAAAAAAAAAA", "BBBBBBBBBBB"
PLAYED = 60  # seconds of playback a slow machine may add between a seek and reading the time back


@dataclass(frozen=True)
class Media:
    first: Path
    second: Path
    not_media: Path


@pytest.fixture(scope="session")
def media(tmp_path_factory: pytest.TempPathFactory) -> Media:
    missing = [tool for tool in ("mpv", "ffmpeg") if shutil.which(tool) is None]
    if missing:
        pytest.fail(
            f"{' and '.join(missing)} not installed: the player tests drive the real mpv "
            "(apt-get install mpv ffmpeg, as .ci/run does; SHOWNOTES_NO_MPV=1 skips them)"
        )
    folder = tmp_path_factory.mktemp("media")
    made = []
    for title, video_id in (("First talk", FIRST_ID), ("Second talk", SECOND_ID)):
        path = folder / f"{title} [{video_id}].flac"
        subprocess.run(
            ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi",
             "-i", "anullsrc=r=8000:cl=mono", "-t", "7200", "-c:a", "flac", str(path)],
            check=True, timeout=120,
        )
        made.append(path)
    not_media = folder / "notes [CCCCCCCCCCC].mp4"
    not_media.write_text("this is not a video\n", encoding="utf-8")
    return Media(made[0], made[1], not_media)


@dataclass
class Rig:
    runtime: Path
    log: EventLog = field(default_factory=EventLog)
    players: list[Player] = field(default_factory=list)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def player(self, command: list[str] | None = None) -> Player:
        player = Player(command or MPV, on_event=self.log, runtime_dir=self.runtime)
        self.players.append(player)
        return player

    def play(self, player: Player, media: str | Path, seconds: float, video_id: str | None = None) -> PlayResult:
        result = player.play(media, seconds, video_id)
        if player.process is not None and player.process not in self.processes:
            self.processes.append(player.process)
        return result

    def time_near(self, seconds: float, since: int = 0) -> float:
        def near(event: TimeChanged) -> bool:
            return event.seconds is not None and seconds - 1 <= event.seconds < seconds + PLAYED

        event = self.log.wait(TimeChanged, f"a time near {seconds}", near, since=since)
        assert event.seconds is not None
        return event.seconds


@pytest.fixture
def rig(media: Media, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    rig = Rig(tmp_path_factory.mktemp("run") / "shownotes")
    yield rig
    for player in rig.players:
        player.close(kill=True)
    for process in rig.processes:
        if process.poll() is None:
            process.kill()
        process.wait(10)


def time_pos(player: Player) -> float:
    reply = player.get("time-pos")
    assert reply.ok and isinstance(reply.data, float), reply
    return reply.data


def outside(player: Player, *command: object) -> None:
    """A command sent on a connection of its own, as mpv's own window or another client would."""
    assert player.socket_path is not None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(str(player.socket_path))
        client.sendall(json.dumps({"command": list(command), "request_id": 1}).encode() + b"\n")
        client.settimeout(10)
        reply = client.makefile("rb")  # mpv's events reach every client: read lines until the reply
        for line in reply:
            answer = json.loads(line)
            if answer.get("request_id") == 1:
                assert answer.get("error") == "success", answer
                return
        raise AssertionError("mpv closed the connection without a reply")


def test_play_starts_mpv_at_the_time(rig: Rig, media: Media) -> None:
    player = rig.player()
    result = rig.play(player, media.first, 3600, FIRST_ID)
    assert (result.ok, result.action) == (True, "started"), result.message
    rig.time_near(3600)
    assert 3599 <= time_pos(player) < 3600 + PLAYED
    assert rig.log.wait(FileLoaded, "the first file").path == str(media.first)
    state = player.state()
    assert state.running and state.media == str(media.first) and state.video_id == FIRST_ID
    assert state.duration is not None and 7199 < state.duration < 7201
    assert stat.S_IMODE(rig.runtime.lstat().st_mode) == 0o700
    assert player.socket_path == rig.runtime / f"mpv-{os.getpid()}.sock"
    assert stat.S_ISSOCK(player.socket_path.lstat().st_mode)


def test_the_same_media_is_sought_not_reloaded(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 3600, FIRST_ID)
    rig.time_near(3600)
    assert player.process is not None
    pid = player.process.pid
    mark = rig.log.mark()
    result = rig.play(player, media.first, 100, FIRST_ID)
    assert (result.ok, result.action) == (True, "seeked"), result.message
    rig.time_near(100, since=mark)
    assert 99 <= time_pos(player) < 100 + PLAYED
    mark = rig.log.mark()
    result = rig.play(player, f"https://www.youtube.com/watch?v={FIRST_ID}&t=9s", 2000, FIRST_ID)
    assert result.action == "seeked", "the video's link while its local copy plays is the same media"
    rig.time_near(2000, since=mark)
    assert player.process.pid == pid and not [e for e in rig.log.events if isinstance(e, FileLoaded)][1:]


def test_other_media_is_loaded_then_sought(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 3600, FIRST_ID)
    rig.time_near(3600)
    mark = rig.log.mark()
    result = rig.play(player, media.second, 1234, SECOND_ID)
    assert (result.ok, result.action) == (True, "loading"), result.message
    rig.log.wait(FileLoaded, "the second file", lambda e: e.path == str(media.second), since=mark)
    rig.time_near(1234, since=mark)
    times = [e.seconds for e in rig.log.since(mark) if isinstance(e, TimeChanged)]
    assert all(t is not None and t >= 1233 for t in times), f"follow would have jumped: {times}"
    assert 1233 <= time_pos(player) < 1234 + PLAYED
    assert player.state().media == str(media.second) and player.state().video_id == SECOND_ID


def test_a_seek_made_in_mpv_itself_comes_back_as_time_changes(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 10, FIRST_ID)
    rig.time_near(10)
    mark = rig.log.mark()
    outside(player, "seek", 5000, "absolute")
    rig.time_near(5000, since=mark)


def test_pause_and_relative_seeks(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 500, FIRST_ID)
    rig.time_near(500)
    assert player.set_pause(True).ok
    wait_for(lambda: player.state().paused is True, "the pause to show")
    before = time_pos(player)
    assert player.seek_relative(-10).ok
    wait_for(lambda: abs(time_pos(player) - (before - 10)) < 0.5, "the time 10 s earlier")
    assert player.toggle_pause().ok
    wait_for(lambda: player.state().paused is False, "playing again")
    assert player.get("media-title").ok


def test_a_killed_player_is_started_again(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 10, FIRST_ID)
    rig.time_near(10)
    assert player.process is not None
    old = player.process
    old.kill()
    assert rig.log.wait(PlayerGone, "the kill").reason == "disconnected"
    assert not player.running() and not player.state().running
    mark = rig.log.mark()
    result = rig.play(player, media.first, 42, FIRST_ID)
    assert (result.ok, result.action) == (True, "started"), result.message
    assert player.process is not None and player.process.pid != old.pid
    rig.time_near(42, since=mark)


def test_a_player_quit_by_the_user_is_gone_then_started_again(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 10, FIRST_ID)
    rig.time_near(10)
    assert player.socket_path is not None
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(str(player.socket_path))
        client.sendall(b'{"command": ["quit"]}\n')
        assert rig.log.wait(PlayerGone, "the quit").reason == "quit"
    assert rig.play(player, media.second, 20, SECOND_ID).action == "started"


@pytest.mark.parametrize("kind", ["dead socket", "plain file"])
def test_a_stale_socket_is_replaced(rig: Rig, media: Media, kind: str) -> None:
    runtime.ensure_private(rig.runtime)
    stale = rig.runtime / f"mpv-{os.getpid()}.sock"
    if kind == "dead socket":
        left = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        left.bind(str(stale))
        left.close()
    else:
        stale.write_text("left behind", encoding="utf-8")
    player = rig.player()
    result = rig.play(player, media.first, 10, FIRST_ID)
    assert result.ok, result.message
    assert player.socket_path == stale and stat.S_ISSOCK(stale.lstat().st_mode) and runtime.is_live(stale)


def test_close_leaves_mpv_playing_and_removes_the_socket(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 10, FIRST_ID)
    rig.time_near(10)
    process, path = player.process, player.socket_path
    assert process is not None and path is not None
    player.close()
    assert not path.exists() and process.poll() is None
    assert not player.running() and player.process is None


def test_close_kill_quits_mpv(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 10, FIRST_ID)
    rig.time_near(10)
    process, path = player.process, player.socket_path
    assert process is not None and path is not None
    player.close(kill=True)
    assert process.poll() is not None and not path.exists()
    assert [e for e in rig.log.events if isinstance(e, PlayerGone)] == []


def test_mpv_never_holds_our_terminal(rig: Rig, media: Media) -> None:
    player = rig.player()
    rig.play(player, media.first, 10, FIRST_ID)
    rig.time_near(10)
    assert player.process is not None
    pid = player.process.pid
    assert os.getsid(pid) == pid, "mpv leads a session of its own"
    proc = Path(f"/proc/{pid}")
    if not proc.exists():
        pytest.skip("no /proc to look into")
    tty_nr = int(proc.joinpath("stat").read_text().rsplit(")", 1)[1].split()[4])
    assert tty_nr == 0, "mpv has no controlling terminal, so its own open('/dev/tty') fails"
    targets = [os.readlink(fd) for fd in proc.joinpath("fd").iterdir() if fd.is_symlink()]
    assert not [t for t in targets if t.startswith(("/dev/tty", "/dev/pts", "/dev/console"))], targets
    assert os.readlink(proc / "fd" / "0") == "/dev/null"


def test_a_missing_mpv_is_a_result_not_an_exception(rig: Rig, media: Media) -> None:
    result = rig.play(rig.player(["/nonexistent/mpv"]), media.first, 10, FIRST_ID)
    assert (result.ok, result.action) == (False, "failed")
    assert "could not start /nonexistent/mpv" in result.message and "No such file" in result.message


def test_mpv_that_exits_at_once_says_why(rig: Rig, media: Media) -> None:
    player = rig.player([*MPV, "--no-such-option-at-all"])
    result = rig.play(player, media.first, 10, FIRST_ID)
    assert (result.ok, result.action) == (False, "failed")
    assert "exited with status" in result.message and "no-such-option-at-all" in result.message
    assert player.socket_path is None and not list(rig.runtime.glob("*.sock"))


def closed_port_url() -> str:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/talk.mp4"


FAILURE_CASES = [
    ("closed port", "Connection refused"),
    ("not media", "Failed to recognize file format"),
]


@pytest.mark.parametrize("how", ["as the first file", "into a running player"])
@pytest.mark.parametrize(("kind", "words"), FAILURE_CASES, ids=[c[0] for c in FAILURE_CASES])
def test_a_file_that_fails_to_load_says_what_mpv_said(rig: Rig, media: Media, kind: str, words: str, how: str) -> None:
    target = closed_port_url() if kind == "closed port" else media.not_media
    player = rig.player()
    if how == "into a running player":
        rig.play(player, media.first, 10, FIRST_ID)
        rig.time_near(10)
    mark = rig.log.mark()
    result = rig.play(player, target, 30)
    assert result.ok, result.message
    failed = rig.log.wait(LoadFailed, f"the failure to load {target}", since=mark)
    assert words in failed.message, failed
    assert player.running(), "mpv waits, idle, for the next file"
    mark = rig.log.mark()
    assert rig.play(player, media.second, 77, SECOND_ID).ok
    rig.time_near(77, since=mark)
