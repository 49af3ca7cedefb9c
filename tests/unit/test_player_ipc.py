"""The IPC client against a fake mpv: lines become events, error replies come back as replies, and
nothing it reads (garbage, a hang-up, a failing handler) escapes its reader thread."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from shownotes.core.player.events import (
    DurationChanged,
    FileEnded,
    FileLoaded,
    Idle,
    LoadFailed,
    PauseChanged,
    PlayerEvent,
    PlayerGone,
    TimeChanged,
)
from shownotes.core.player.ipc import CLOSED, MAX_LINE, Reply
from shownotes.core.player.session import MpvSession
from tests.playerkit import EventLog, FakeMpv, wait_for

END = PauseChanged(True)  # pushed last, so a test knows every line before it was read
END_LINE = b'{"event":"property-change","id":2,"name":"pause","data":true}'


def answer(message: dict[str, object]) -> dict[str, object] | None:
    command = message["command"]
    assert isinstance(command, list)
    if command[0] == "get_property" and command[1] == "time-pos":
        return {"error": "property unavailable"}
    if command[0] == "get_property" and command[1] == "duration":
        return {"error": "success", "data": 7200.0}
    if command[0] == "get_property" and command[1] == "media-title":
        return None  # never answered
    if command[0] == "loadfile":
        return {"error": "success", "data": {"playlist_entry_id": 2}}
    return {"error": "success"}


class Rig:
    def __init__(self, folder: Path) -> None:
        self.fake = FakeMpv(folder / "fake.sock", answer)
        self.log = EventLog()
        session = MpvSession.connect(self.fake.path, self.log, timeout=10, grace=0.05)
        assert session is not None
        self.session = session

    def push(self, *lines: bytes) -> list[PlayerEvent]:
        """Push lines and the end marker; the events they gave, before the marker."""
        mark = self.log.mark()
        for line in (*lines, END_LINE):
            self.fake.push(line)
        self.log.wait(PauseChanged, "the end marker", lambda e: e == END, since=mark)
        events = self.log.since(mark)
        return events[: events.index(END)]

    def sent(self, name: str) -> list[list[object]]:
        return [m["command"] for m in list(self.fake.received) if m["command"][0] == name]  # type: ignore[index,misc]


@pytest.fixture
def rig(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rig]:
    rig = Rig(tmp_path_factory.mktemp("ipc"))
    yield rig
    rig.session.close()
    rig.fake.close()


def line(message: dict[str, object]) -> bytes:
    return json.dumps(message).encode()


def failed_file(entry: int, error: str) -> bytes:
    return line({"event": "end-file", "reason": "error", "playlist_entry_id": entry, "file_error": error})


def change(name: str, **data: object) -> bytes:
    return line({"event": "property-change", "id": 1, "name": name, **data})


LINE_CASES = [
    ("time", [change("time-pos", data=12.5)], [TimeChanged(12.5)]),
    ("time unavailable", [change("time-pos")], [TimeChanged(None)]),
    ("time not a number", [change("time-pos", data="soon")], [TimeChanged(None)]),
    ("time a bool", [change("time-pos", data=True)], [TimeChanged(None)]),
    ("duration", [change("duration", data=7200)], [DurationChanged(7200.0)]),
    ("pause", [change("pause", data=False)], [PauseChanged(False)]),
    ("pause not a bool", [change("pause", data="yes")], []),
    ("idle", [change("idle-active", data=True)], [Idle()]),
    ("not idle", [change("idle-active", data=False)], []),
    ("path then loaded", [change("path", data="/v/a.mkv"), line({"event": "file-loaded"})], [FileLoaded("/v/a.mkv")]),
    ("ended", [line({"event": "end-file", "reason": "eof", "playlist_entry_id": 1})], [FileEnded("eof")]),
    ("unknown event", [line({"event": "audio-reconfig"}), line({"event": "from-the-future", "x": [1]})], []),
    ("unknown property", [change("volume", data=50)], []),
    ("garbage", [b"not json", b"[1, 2]", b"\xff\xfe\x00", b"", b"   ", b'{"half": ', b"42"], []),
    ("a reply nobody waits for", [line({"request_id": 999, "error": "success"})], []),
    ("control characters in a log line",
     [line({"event": "log-message", "level": "error", "prefix": "x", "text": "bad\x1b[2J\n"}),
      line({"event": "end-file", "reason": "error", "playlist_entry_id": 1, "file_error": "loading failed"})],
     [LoadFailed("loading failed", "[x] bad\u241b[2J", None)]),
]


@pytest.mark.parametrize(("lines", "events"), [c[1:] for c in LINE_CASES], ids=[c[0] for c in LINE_CASES])
def test_lines_become_events(rig: Rig, lines: list[bytes], events: list[PlayerEvent]) -> None:
    assert rig.push(*lines) == events


def test_garbage_is_counted_and_reading_goes_on(rig: Rig) -> None:
    assert rig.push(b"not json", b"[]", change("time-pos", data=1.0)) == [TimeChanged(1.0)]
    assert rig.session.connection.garbage == 2


def test_an_overlong_line_is_dropped_whole(rig: Rig) -> None:
    huge = b'{"event":"property-change","name":"time-pos","data":' + b"1" * (MAX_LINE + 10) + b"}"
    assert rig.push(huge, change("time-pos", data=2.0)) == [TimeChanged(2.0)]
    assert rig.session.connection.garbage == 1


REPLY_CASES = [
    ("time-pos", Reply(False, None, "property unavailable")),
    ("duration", Reply(True, 7200.0, "")),
    ("volume", Reply(False, None, "not a property shownotes reads: 'volume'")),
]


@pytest.mark.parametrize(("name", "reply"), REPLY_CASES, ids=[c[0] for c in REPLY_CASES])
def test_replies(rig: Rig, name: str, reply: Reply) -> None:
    assert rig.session.get(name) == reply


def test_observes_what_follow_needs(rig: Rig) -> None:
    observed = {command[2] for command in rig.sent("observe_property")}
    assert {"time-pos", "pause", "duration", "path"} <= observed


def test_a_hang_up_is_player_gone_and_fails_the_waiting_request(rig: Rig) -> None:
    replies: list[Reply] = []
    waiting = threading.Thread(target=lambda: replies.append(rig.session.get("media-title")))
    waiting.start()
    wait_for(lambda: rig.sent("get_property"), "the request to reach the fake mpv")
    rig.fake.hang_up()
    waiting.join(10)
    assert replies == [Reply(False, None, CLOSED)]
    assert rig.log.wait(PlayerGone, "the hang-up") == PlayerGone("disconnected", "")
    assert not rig.session.is_open
    assert rig.session.seek(10) == Reply(False, None, CLOSED)


def test_shutdown_then_hang_up_is_a_quit(rig: Rig) -> None:
    rig.fake.push(line({"event": "shutdown"}))
    rig.fake.hang_up()
    assert rig.log.wait(PlayerGone, "the quit").reason == "quit"


def test_closing_it_ourselves_is_no_event(rig: Rig) -> None:
    rig.session.close()
    assert not rig.session.is_open
    assert [e for e in rig.log.events if isinstance(e, PlayerGone)] == []


def test_a_failing_handler_does_not_stop_the_reader(
    tmp_path_factory: pytest.TempPathFactory, caplog: pytest.LogCaptureFixture
) -> None:
    fake = FakeMpv(tmp_path_factory.mktemp("ipc") / "fake.sock", answer)
    log = EventLog()

    def emit(event: PlayerEvent) -> None:
        if event == TimeChanged(1.0):
            raise RuntimeError("a bug in the app")
        log(event)

    session = MpvSession.connect(fake.path, emit, timeout=10)
    assert session is not None
    with caplog.at_level(logging.ERROR):
        fake.push(change("time-pos", data=1.0))
        fake.push(change("time-pos", data=2.0))
        log.wait(TimeChanged, "the event after the failing one", lambda e: e.seconds == 2.0)
    assert "a bug in the app" in caplog.text
    session.close()
    fake.close()


def test_a_load_seeks_only_once_its_own_file_is_loaded(rig: Rig) -> None:
    rig.push(line({"event": "start-file", "playlist_entry_id": 1}), change("time-pos", data=5.0))
    rig.session.started_with("/v/a.mkv", "AAAAAAAAAAA")
    assert rig.session.load("/v/b.mkv", "BBBBBBBBBBB", 1234.0).ok
    events = rig.push(
        line({"event": "file-loaded"}),  # the replaced file's, read after the loadfile reply
        change("time-pos", data=6.0),
        line({"event": "end-file", "reason": "stop", "playlist_entry_id": 1}),
        line({"event": "start-file", "playlist_entry_id": 2}),
        change("path", data="/v/b.mkv"),
        line({"event": "file-loaded"}),
        change("time-pos", data=0.0),  # played before the seek lands: not shown
    )
    assert rig.sent("seek") == [["seek", 1234.0, "absolute"]]
    assert [e for e in events if isinstance(e, TimeChanged)] == []
    assert rig.push(change("time-pos", data=1234.0), line({"event": "playback-restart"})) == [TimeChanged(1234.0)]
    assert rig.session.state().media == "/v/b.mkv" and rig.session.state().video_id == "BBBBBBBBBBB"
    assert FileEnded("stop") in events


def test_a_failed_load_waits_for_the_error_line_logged_after_it(rig: Rig) -> None:
    events = rig.push(
        line({"event": "start-file", "playlist_entry_id": 3}),
        failed_file(3, "unrecognized file format"),
        line({"event": "log-message", "level": "error", "prefix": "cplayer", "text": "Failed to recognize file format.\n"}),
    )
    assert events == [LoadFailed("unrecognized file format", "Failed to recognize file format.", None)]


def test_yt_dlp_s_verdict_is_the_message(rig: Rig) -> None:
    def log(prefix: str, text: str) -> bytes:
        return line({"event": "log-message", "level": "error", "prefix": prefix, "text": text})

    events = rig.push(
        line({"event": "start-file", "playlist_entry_id": 3}),
        log("ffmpeg", "tcp: Connection to tcp://127.0.0.1:9 failed: Connection refused\n"),
        log("ytdl_hook", "ERROR: [generic] Unable to download webpage: Connection refused\n"),
        log("ytdl_hook", "youtube-dl failed: unexpected error occurred\n"),
        line({"event": "log-message", "level": "info", "prefix": "cplayer", "text": "not an error\n"}),
        line({"event": "end-file", "reason": "error", "playlist_entry_id": 3, "file_error": "loading failed"}),
    )
    verdict = "[ytdl_hook] ERROR: [generic] Unable to download webpage: Connection refused"
    assert events == [LoadFailed("loading failed", verdict, None)]


def test_a_failed_load_with_no_error_line_says_mpv_s_reason(rig: Rig) -> None:
    mark = rig.log.mark()
    rig.fake.push(failed_file(4, "no audio or video data played"))
    failed = rig.log.wait(LoadFailed, "the failure, once the grace for its log line is over", since=mark)
    assert failed.message == "no audio or video data played"


def test_waiting_for_what_never_comes_fails_saying_what() -> None:
    with pytest.raises(AssertionError, match="waited 0.05 s for the impossible; it never came"):
        wait_for(lambda: False, "the impossible", timeout=0.05)
