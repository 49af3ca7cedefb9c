"""What the player tests share: waiting on a condition, recording events, a fake mpv IPC server."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from shownotes.core.player.events import PlayerEvent

T = TypeVar("T")
WAIT = 20.0  # generous: the tests wait on conditions, never on the clock


def wait_for(condition: Callable[[], T], what: str, timeout: float = WAIT) -> T:
    """Poll condition until it returns something truthy; fail the test naming what never came."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout:g} s for {what}; it never came")
        time.sleep(0.01)


class EventLog:
    """The on_event callback of a Player: every event, in order, and waiting for one that matches."""

    def __init__(self) -> None:
        self.events: list[PlayerEvent] = []
        self._lock = threading.Lock()

    def __call__(self, event: PlayerEvent) -> None:
        with self._lock:
            self.events.append(event)

    def mark(self) -> int:
        with self._lock:
            return len(self.events)

    def since(self, mark: int) -> list[PlayerEvent]:
        with self._lock:
            return self.events[mark:]

    def wait(self, kind: type[T], what: str, where: Callable[[T], bool] = lambda _e: True, since: int = 0) -> T:
        def found() -> T | None:
            for event in self.since(since):
                if isinstance(event, kind) and where(event):
                    return event
            return None

        event = wait_for(found, f"{kind.__name__} ({what}); got {self.since(since)[-8:]}")
        assert event is not None
        return event


class FakeMpv:
    """A unix-socket server speaking just enough of mpv's IPC: it answers each command with `reply`
    and lets a test push any raw line, or hang up."""

    def __init__(self, path: Path, reply: Callable[[dict[str, object]], dict[str, object] | None]) -> None:
        self.path = path
        self.reply = reply
        self.received: list[dict[str, object]] = []
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(str(path))
        self._server.listen(1)
        self._client: socket.socket | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        client, _ = self._server.accept()
        self._client = client
        self._ready.set()
        buffer = b""
        while True:
            try:
                chunk = client.recv(65536)
            except OSError:
                return
            if not chunk:
                return
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                message = json.loads(line)
                self.received.append(message)
                answer = self.reply(message)
                if answer is not None:
                    self.push(json.dumps({**answer, "request_id": message["request_id"]}).encode())

    def push(self, raw: bytes) -> None:
        self._ready.wait(WAIT)
        assert self._client is not None
        self._client.sendall(raw + b"\n")

    def hang_up(self) -> None:
        self._ready.wait(WAIT)
        assert self._client is not None
        self._client.shutdown(socket.SHUT_RDWR)
        self._client.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
        self._server.close()
        self.path.unlink(missing_ok=True)



def silence(path: Path, seconds: int = 7200) -> Path:
    """A file of silence made by ffmpeg: small, and mpv plays it with no sound card (`--ao=null`)."""
    import subprocess

    subprocess.run(
        ["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
         "-i", "anullsrc=r=8000:cl=mono", "-t", str(seconds), "-c:a", "flac", str(path)],
        check=True, timeout=120,
    )
    return path


def send(socket_path: Path, *command: object) -> dict:
    """A command on a connection of its own, as mpv's own window or another client would send it."""
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as client:
        client.connect(str(socket_path))
        client.settimeout(10)
        client.sendall(json.dumps({"command": list(command), "request_id": 1}).encode() + b"\n")
        buffer = b""
        while b'"request_id":1' not in buffer:
            chunk = client.recv(65536)
            if not chunk:
                break
            buffer += chunk
    line = next(part for part in buffer.split(b"\n") if b'"request_id":1' in part)
    return json.loads(line)
