"""The live mpv link: one mpv per app, started on the first play and reused for every other one.

mpv runs in a session of its own with no terminal: stdin is /dev/null, its output goes to a pipe we
read (mpv's error lines become LoadFailed messages), and since mpv opens /dev/tty by itself even with
its stdio redirected, the new session (no controlling terminal) is what keeps it off our screen.
Quitting the app leaves it playing unless asked otherwise.

Calls block for at most a few seconds (starting mpv, waiting on a reply): run them off the UI thread.
Events arrive on the player's reader thread, through on_event or the `events` queue.
"""

from __future__ import annotations

import collections
import os
import queue
import select
import subprocess
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from ..textsafe import safe_line
from ..timecode import is_web_url, video_id_from_url, video_link
from . import runtime
from .command import mpv_argv, player_command, terminal_video
from .events import PlaybackState, PlayerEvent, PlayerGone, PlayResult
from .ipc import CLOSED, Reply
from .session import MpvSession

TAIL_LINES = 40


class OutputTail:
    """The last lines a process wrote to a pipe, read on a thread of its own."""

    def __init__(self, stream: object) -> None:
        self._fd = stream.fileno()  # type: ignore[attr-defined]
        self._stream = stream
        os.set_blocking(self._fd, False)
        self._lines: collections.deque[str] = collections.deque(maxlen=TAIL_LINES)
        self._partial = b""
        self._lock = threading.Lock()
        self._eof = False
        self._thread = threading.Thread(target=self._drain, name="mpv-output", daemon=True)
        self._thread.start()

    def lines(self) -> list[str]:
        """Everything written so far, including what is still in the pipe right now."""
        self._read_available()
        with self._lock:
            return list(self._lines)

    def last(self) -> str:
        written = [line for line in self.lines() if line]
        return written[-1] if written else ""

    def explain(self, reason: str) -> str:
        """mpv's most telling line about the current file's failure, else reason."""
        lines = self.lines()
        starts = [i for i, line in enumerate(lines) if line.startswith("Playing: ")]
        current = [line for line in lines[starts[-1] + 1 if starts else 0 :] if line]
        errors = [line for line in current if "ERROR" in line]
        if errors:
            return errors[-1]  # yt-dlp's own verdict, past the plain "failed to open" before it
        failures = [line for line in current if "fail" in line.lower() or "error" in line.lower()]
        return failures[0] if failures else reason

    def _drain(self) -> None:
        while not self._eof:
            try:
                select.select([self._fd], [], [])
            except (OSError, ValueError):
                break
            self._read_available()

    def _read_available(self) -> None:
        with self._lock:
            while not self._eof:
                try:
                    chunk = os.read(self._fd, 65536)
                except BlockingIOError:
                    return
                except OSError:
                    chunk = b""
                if not chunk:
                    self._eof = True
                    self._add(self._partial)
                    return
                *complete, self._partial = (self._partial + chunk).replace(b"\r", b"\n").split(b"\n")
                for line in complete:
                    self._add(line)
                if len(self._partial) > 4096:
                    self._add(self._partial)
                    self._partial = b""

    def _add(self, raw: bytes) -> None:
        self._lines.append(safe_line(raw.decode("utf-8", errors="replace")).strip())


def media_argument(media: str | Path) -> str | None:
    """What may be sent to mpv: an http(s) URL (a YouTube link made bare, so its &t= cannot override
    our start) or an existing local file as an absolute path. None for anything else."""
    if isinstance(media, str) and is_web_url(media):
        video_id = video_id_from_url(media)
        return (video_link(video_id) or media) if video_id else media
    if isinstance(media, str) and "://" in media:
        return None
    path = Path(media)
    try:
        if not path.is_file():
            return None
        return str(path.resolve(strict=True))
    except (OSError, RuntimeError):
        return None


class Player:
    def __init__(
        self,
        command: str | Sequence[str] | None = None,
        *,
        on_event: Callable[[PlayerEvent], None] | None = None,
        runtime_dir: Path | None = None,
        connect_timeout: float = 10.0,
        timeout: float = 5.0,
    ) -> None:
        self._configured = command
        self.events: queue.Queue[PlayerEvent] = queue.Queue()
        self._emit = on_event or self.events.put
        self._runtime_dir = runtime_dir
        self._connect_timeout = connect_timeout
        self._timeout = timeout
        self._lock = threading.RLock()
        self._folder: Path | None = None
        self._temporary = False
        self._socket: Path | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._output: OutputTail | None = None
        self._session: MpvSession | None = None

    @property
    def process(self) -> subprocess.Popen[bytes] | None:
        return self._process

    @property
    def socket_path(self) -> Path | None:
        return self._socket

    @property
    def folder(self) -> Path | None:
        return self._folder

    def running(self) -> bool:
        session, process = self._session, self._process
        return session is not None and session.is_open and process is not None and process.poll() is None

    def state(self) -> PlaybackState:
        session = self._session
        if session is None or not self.running():
            return PlaybackState(False)
        return session.state()

    def play(self, media: str | Path, seconds: float, video_id: str | None = None, resume: bool = True) -> PlayResult:
        """Start mpv at seconds, or seek the running one (same media), or load the media and then seek."""
        target = media_argument(media)
        if target is None:
            shown = safe_line(str(media))[:80]
            return PlayResult(False, "refused", f"refused to play {shown!r}: only http(s) links and existing files")
        seconds = max(0.0, float(seconds))
        shown = safe_line(target)
        with self._lock:
            session = self._session
            if session is None or not self.running():
                return self._start(target, seconds, video_id)
            if session.same_media(target, video_id):
                if session.seek_when_loaded(seconds):
                    return self._resumed(session, resume, PlayResult(True, "loading", f"seeking once loaded: {shown}"))
                reply = session.seek(seconds)
                if reply.ok:
                    return self._resumed(session, resume, PlayResult(True, "seeked", f"seeked to {seconds:g} s"))
                if reply.error == CLOSED:
                    return self._start(target, seconds, video_id)
            reply = session.load(target, video_id, seconds)
            if reply.error == CLOSED:
                return self._start(target, seconds, video_id)
            if not reply.ok:
                return PlayResult(False, "failed", f"mpv would not load {shown}: {reply.error}")
            return self._resumed(session, resume, PlayResult(True, "loading", f"loading {shown}"))

    def seek(self, seconds: float) -> Reply:
        return self._call(lambda session: session.seek(seconds))

    def seek_relative(self, delta: float) -> Reply:
        return self._call(lambda session: session.command("seek", float(delta), "relative"))

    def toggle_pause(self) -> Reply:
        return self._call(lambda session: session.command("cycle", "pause"))

    def set_pause(self, paused: bool) -> Reply:
        return self._call(lambda session: session.command("set_property", "pause", bool(paused)))

    def get(self, name: str) -> Reply:
        return self._call(lambda session: session.get(name))

    def close(self, kill: bool = False) -> None:
        """Let go of mpv: it goes on playing (its socket gone) unless kill, then it is quit."""
        with self._lock:
            session, process = self._session, self._process
            self._session = None
            if kill and process is not None and process.poll() is None:
                asked = False
                if session is not None and session.is_open:
                    session.quit()
                    asked = True
                _reap(process, self._timeout, asked=asked)
            if session is not None:
                session.close()
            self._process = self._output = None
            self._forget_socket()
            if self._temporary and self._folder is not None:
                try:
                    self._folder.rmdir()
                except OSError:
                    pass  # something else was put there; a temporary folder is left rather than emptied
                self._folder, self._temporary = None, False

    def _call(self, action: Callable[[MpvSession], Reply]) -> Reply:
        session = self._session
        if session is None or not self.running():
            return Reply(False, error="no player is running")
        return action(session)

    def _resumed(self, session: MpvSession, resume: bool, result: PlayResult) -> PlayResult:
        if resume:
            session.connection.send(["set_property", "pause", False])
        return result

    def _start(self, media: str, seconds: float, video_id: str | None) -> PlayResult:
        self._stop_stray()
        try:
            command = player_command(self._configured)
        except ValueError as error:
            return PlayResult(False, "failed", f"player command is not valid ({error})")
        if terminal_video(command):
            why = "the player draws its video in the terminal; the live link needs a window"
            return PlayResult(False, "refused", why)
        try:
            if self._folder is None:
                self._folder, self._temporary = runtime.private_folder(self._runtime_dir)
            runtime.sweep_stale(self._folder)
            self._socket = runtime.free_socket_path(self._folder)
        except OSError as error:
            return PlayResult(False, "failed", f"no private folder for the player socket: {error}")
        argv = mpv_argv(command, self._socket, seconds, media)
        try:
            process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                close_fds=True,
            )
        except OSError as error:
            return PlayResult(False, "failed", f"could not start {argv[0]}: {error.strerror or error}")
        output = OutputTail(process.stdout)
        self._process, self._output = process, output
        session = MpvSession.connect(
            self._socket, self._emit, explain=output.explain, timeout=self._timeout, wait=self._connect_timeout,
            alive=lambda: process.poll() is None, gone=lambda shutdown: _gone(process, output, shutdown),
            started=(media, video_id),
        )
        if session is None:
            return self._failed_start(Path(argv[0]).name, process, output)
        self._session = session
        return PlayResult(True, "started", f"playing in {Path(argv[0]).name}: {safe_line(media)}")

    def _failed_start(self, name: str, process: subprocess.Popen[bytes], output: OutputTail) -> PlayResult:
        status = process.poll()
        if status is None:
            _reap(process, self._timeout, asked=False)
            message = f"{name} opened no control socket within {self._connect_timeout:g} s"
        else:
            process.wait()
            why = output.explain("") or output.last()
            message = f"{name} exited with status {status}" + (f": {why}" if why else "")
        self._process = self._output = None
        self._forget_socket()
        return PlayResult(False, "failed", message)

    def _stop_stray(self) -> None:
        """Before starting anew: one mpv at a time, so one we lost contact with is stopped."""
        session, process = self._session, self._process
        self._session = None
        if session is not None:
            session.close()
        if process is not None and process.poll() is None:
            _reap(process, self._timeout, asked=False)
        self._process = self._output = None
        self._forget_socket()

    def _forget_socket(self) -> None:
        if self._socket is not None:
            self._socket.unlink(missing_ok=True)
            self._socket = None


def _gone(process: subprocess.Popen[bytes], output: OutputTail, shutdown: bool) -> PlayerGone:
    """Why mpv's socket closed: it quit (status 0: its window closed, `q` pressed) or it died."""
    try:
        status = process.wait(timeout=5)  # mpv closes its IPC clients just before it exits
    except subprocess.TimeoutExpired:
        return PlayerGone("quit" if shutdown else "disconnected", output.last())
    if status == 0 or shutdown:
        return PlayerGone("quit", output.last())
    how = f"killed by signal {-status}" if status < 0 else f"exited with status {status}"
    last = output.last()
    return PlayerGone("disconnected", f"mpv {how}" + (f": {last}" if last else ""))


def _reap(process: subprocess.Popen[bytes], timeout: float, asked: bool) -> None:
    """End a process: wait for it if it was asked to quit, else (or if it will not) terminate, then kill it."""
    steps = [None, process.terminate, process.kill] if asked else [process.terminate, process.kill]
    for stop in steps:
        if stop is not None:
            stop()
        try:
            process.wait(timeout=timeout if stop is None else 2)
            return
        except subprocess.TimeoutExpired:
            continue
