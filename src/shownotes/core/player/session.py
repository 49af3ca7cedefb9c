"""Talking to one running mpv: its messages turned into events, and the commands the app needs.

Loading another file seeks only once mpv says that very file is loaded: the loadfile reply names the
new playlist entry, `start-file` names the entry being loaded, and the `file-loaded` that follows is
the one to wait for (a `file-loaded` of the file being replaced can still arrive after the reply).
The new file is also asked to start at the time (mpv's `start` option, set just before the loadfile), so
no time of its first frames, 0 or unknown, is ever reported; `start` is an option for every file mpv
loads, not just the first, so it is reset once ours has loaded or failed.

mpv hands out its log lines after its other events, so the error line that explains a failed load can
come just after the `end-file`: LoadFailed waits for it, at most LOG_GRACE seconds.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ..textsafe import safe_line
from ..timecode import video_id_from_url
from .events import (
    DurationChanged,
    FileEnded,
    FileLoaded,
    Idle,
    LoadFailed,
    PauseChanged,
    PlaybackState,
    PlayerEvent,
    PlayerGone,
    TimeChanged,
    number,
)
from .ipc import CLOSED, MpvConnection, Reply, connect_unix
from .media import video_id_in_name

OBSERVED = ("time-pos", "pause", "duration", "path", "idle-active")
QUERYABLE = frozenset({"time-pos", "duration", "pause", "path", "media-title", "idle-active"})
ANY = -1  # the file mpv was started with: whichever entry loads first
NEXT = -2  # loadfile replied without an entry id (older mpv): the next start-file is ours
AWAIT = -3  # loadfile sent, its reply not read yet
LOG_GRACE = 2.0
LOG_LEVELS = ("fatal", "error")

Emit = Callable[[PlayerEvent], None]
Explain = Callable[[str], str]  # mpv's file_error -> the most telling line of mpv's own output
GoneWhy = Callable[[bool], PlayerGone]  # (shutdown seen) -> why the connection ended


class MpvSession:
    def __init__(
        self, conn: MpvConnection, emit: Emit, explain: Explain | None = None, timeout: float = 5.0,
        grace: float = LOG_GRACE, gone: GoneWhy | None = None,
    ) -> None:
        self._conn = conn
        self._grace = grace
        self._gone = gone
        self._emit = emit
        self._explain = explain or (lambda reason: reason)
        self._timeout = timeout
        self._lock = threading.Lock()
        self._media: str | None = None
        self._video_id: str | None = None
        self._entry: int | None = None  # the playlist entry mpv is loading or playing
        self._wanted: int | None = None  # the entry we asked for and wait on, or ANY, NEXT, AWAIT
        self._pending_seek: float | None = None
        self._path: str | None = None
        self._errors: list[str] = []  # mpv's error lines since the current file started
        self._failure: tuple[str, str | None] | None = None  # a failed load waiting for its error line
        self._failure_timer: threading.Timer | None = None
        self._settling: bool | None = None  # after a load, until our seek lands: False sent, True acknowledged
        self._seconds: float | None = None
        self._duration: float | None = None
        self._paused: bool | None = None
        self._shutdown = False
        self._closed_by_us = False

    @classmethod
    def connect(
        cls, path: Path, emit: Emit, *, explain: Explain | None = None, timeout: float = 5.0,
        wait: float | None = None, alive: Callable[[], bool] = lambda: True, grace: float = LOG_GRACE,
        gone: GoneWhy | None = None, started: tuple[str, str | None] | None = None,
    ) -> MpvSession | None:
        """Connect to the socket at path (waiting up to `wait` s for it while alive() holds) and observe
        the properties; `timeout` bounds each reply. `started`: the (media, video id) mpv was started
        with, known before any event arrives (a fast file-loaded comes while the properties are asked)."""
        sock = connect_unix(path, timeout if wait is None else wait, alive)
        if sock is None:
            return None
        holder: list[MpvSession] = []
        conn = MpvConnection(sock, lambda message: holder[0].handle(message), lambda why: holder[0].closed(why))
        session = cls(conn, emit, explain, timeout, grace, gone)
        holder.append(session)
        if started is not None:
            session.started_with(*started)
        conn.start()
        conn.send(["request_log_messages", "error"])
        for number_, name in enumerate(OBSERVED, 1):
            reply = conn.request(["observe_property", number_, name], timeout)
            if not reply.ok and reply.error == CLOSED:
                return None
        return session

    @property
    def is_open(self) -> bool:
        return self._conn.is_open

    @property
    def connection(self) -> MpvConnection:
        return self._conn

    def state(self, running: bool = True) -> PlaybackState:
        with self._lock:
            return PlaybackState(running, self._media, self._video_id, self._seconds, self._duration, self._paused)

    def started_with(self, media: str, video_id: str | None) -> None:
        with self._lock:
            self._media, self._video_id = media, video_id
            self._wanted = ANY if self._seconds is None else None

    def same_media(self, media: str, video_id: str | None) -> bool:
        with self._lock:
            if self._media is None:
                return False
            return self._media == media or (video_id is not None and video_id == self._video_id)

    def seek_when_loaded(self, seconds: float) -> bool:
        """While our file is still loading, remember the time to seek to once it is: True if so."""
        with self._lock:
            if self._wanted is None:
                return False
            self._pending_seek = seconds
            return True

    def load(self, media: str, video_id: str | None, seconds: float) -> Reply:
        self._conn.send(["set_property", "start", f"{max(0.0, float(seconds)):.3f}"])
        with self._lock:
            self._media, self._video_id = media, video_id
            self._wanted, self._pending_seek = AWAIT, seconds
            self._settling = False  # the old file's times, then the new one's before the seek, would make "follow" jump

        def on_reply(reply: Reply) -> None:  # on the reader thread, before the lines after the reply
            entry = reply.data.get("playlist_entry_id") if isinstance(reply.data, dict) else None
            with self._lock:
                if reply.ok:
                    self._wanted = entry if isinstance(entry, int) else NEXT
                else:
                    self._wanted, self._pending_seek, self._settling = None, None, None
            if not reply.ok:
                self._conn.send(["set_property", "start", "none"])

        return self._conn.request(["loadfile", media, "replace"], self._timeout, on_reply)

    def command(self, *args: object) -> Reply:
        return self._conn.request(list(args), self._timeout)

    def seek(self, seconds: float) -> Reply:
        return self.command("seek", max(0.0, float(seconds)), "absolute")

    def get(self, name: str) -> Reply:
        if name not in QUERYABLE:
            return Reply(False, error=f"not a property shownotes reads: {name!r}")
        return self.command("get_property", name)

    def quit(self) -> None:
        """Tell mpv to quit; like close(), the end of the connection is then no event."""
        self._closed_by_us = True
        self._conn.send(["quit"])

    def close(self) -> None:
        self._closed_by_us = True
        with self._lock:
            if self._failure_timer is not None:
                self._failure_timer.cancel()
        self._conn.close()

    def handle(self, message: dict[str, object]) -> None:
        """One event line from mpv (on the reader thread)."""
        event = message.get("event")
        out: list[PlayerEvent] = []
        with self._lock:
            if event == "property-change":
                self._property(message.get("name"), message.get("data"), out)
            elif event == "log-message":
                self._log(message, out)
            elif event == "start-file":
                self._take_failure(out)
                entry = message.get("playlist_entry_id")
                self._entry = entry if isinstance(entry, int) else None
                self._errors = []
                if self._wanted == NEXT:
                    self._wanted = self._entry
            elif event == "file-loaded":
                if self._ours():
                    self._loaded()
                out.append(FileLoaded(self._path or self._media))
            elif event == "end-file":
                self._end_file(message, out)
            elif event == "playback-restart" and self._settling:
                self._settling = None
                out.append(TimeChanged(self._seconds))
            elif event == "shutdown":
                self._shutdown = True
        for item in out:
            self._emit(item)

    def closed(self, why: str) -> None:
        out: list[PlayerEvent] = []
        with self._lock:
            self._take_failure(out)
        for item in out:
            self._emit(item)
        if self._closed_by_us:
            return
        if self._gone is not None:
            self._emit(self._gone(self._shutdown))
        else:
            self._emit(PlayerGone("quit" if self._shutdown else "disconnected", self._explain("")))

    def _log(self, message: dict[str, object], out: list[PlayerEvent]) -> None:
        if message.get("level") not in LOG_LEVELS or not isinstance(message.get("text"), str):
            return
        text = safe_line(str(message["text"])).strip()
        prefix = message.get("prefix")
        line = f"[{prefix}] {text}" if isinstance(prefix, str) and prefix != "cplayer" else text
        self._errors.append(line)
        del self._errors[:-20]
        self._take_failure(out)

    def _take_failure(self, out: list[PlayerEvent]) -> None:
        """The failed load waiting for its explanation, with the best line there is now (lock held)."""
        if self._failure is None:
            return
        (reason, media), self._failure = self._failure, None
        if self._failure_timer is not None:
            self._failure_timer.cancel()
            self._failure_timer = None
        out.append(LoadFailed(reason, self._telling(reason), media))

    def _telling(self, reason: str) -> str:
        verdicts = [line for line in self._errors if "ERROR" in line]
        if verdicts:
            return verdicts[-1]  # yt-dlp's, more telling than the "failed to open" logged before it
        return self._errors[0] if self._errors else self._explain(reason)

    def _grace_over(self) -> None:
        out: list[PlayerEvent] = []
        with self._lock:
            self._take_failure(out)
        for item in out:
            self._emit(item)

    def _ours(self) -> bool:
        return self._wanted == ANY or (self._wanted is not None and self._wanted == self._entry)

    def _loaded(self) -> None:
        self._conn.send(["set_property", "start", "none"])
        seconds, self._pending_seek, self._wanted = self._pending_seek, None, None
        if seconds is not None:
            self._settling = False
            self._conn.send(["seek", seconds, "absolute"], self._seek_sent)

    def _seek_sent(self, reply: Reply) -> None:
        with self._lock:
            if self._settling is None:
                return
            self._settling = True if reply.ok else None
            seconds = self._seconds
        if not reply.ok:
            self._emit(TimeChanged(seconds))

    def _property(self, name: object, data: object, out: list[PlayerEvent]) -> None:
        if name == "time-pos":
            self._seconds = number(data)
            if self._seconds is not None and self._wanted == ANY:
                self._loaded()  # connected after mpv had loaded its first file: no file-loaded to wait for
            if self._settling is None:
                out.append(TimeChanged(self._seconds))
        elif name == "duration":
            self._duration = number(data)
            out.append(DurationChanged(self._duration))
        elif name == "pause" and isinstance(data, bool):
            self._paused = data
            out.append(PauseChanged(data))
        elif name == "path":
            self._path = data if isinstance(data, str) else None
            if self._path is not None and self._wanted is None and self._path != self._media:
                self._media = self._path  # the user opened another file in mpv itself
                self._video_id = video_id_from_url(self._path) or video_id_in_name(Path(self._path).name)
        elif name == "idle-active" and data is True:
            if self._wanted == ANY:
                self._failed("loading failed", out)  # the first file failed before we were connected
            out.append(Idle())

    def _end_file(self, message: dict[str, object], out: list[PlayerEvent]) -> None:
        reason = message.get("reason")
        entry = message.get("playlist_entry_id")
        if reason == "error":
            error = str(message.get("file_error") or message.get("error") or "loading failed")
            self._failed(error, out, ours=self._wanted == ANY or entry == self._entry)
        else:
            out.append(FileEnded(str(reason)))

    def _failed(self, error: str, out: list[PlayerEvent], ours: bool = True) -> None:
        self._take_failure(out)
        self._failure = (error, self._path or self._media)
        if ours:
            self._conn.send(["set_property", "start", "none"])
            self._wanted, self._pending_seek, self._settling = None, None, None
            self._media, self._video_id = None, None
        if self._errors:
            self._take_failure(out)
        else:
            self._failure_timer = threading.Timer(self._grace, self._grace_over)
            self._failure_timer.daemon = True
            self._failure_timer.start()
