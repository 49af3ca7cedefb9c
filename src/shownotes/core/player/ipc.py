"""One connection to mpv's JSON IPC socket: newline-framed JSON, replies matched to request ids.

A reader thread turns each line into a dict and hands events to a callback; nothing it reads can
raise out of it. A line that is not a JSON object is counted and dropped.
"""

from __future__ import annotations

import errno
import itertools
import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

MAX_LINE = 1 << 20  # mpv's longest real lines (playlists, metadata) are far below this
POLL = 0.01
SEND_TIMEOUT = 5.0
CLOSED = "player connection closed"


@dataclass(frozen=True)
class Reply:
    ok: bool
    data: object = None
    error: str = ""  # mpv's own error string ("property unavailable"), or why no reply came


ReplyHook = Callable[[Reply], None]


def connect_unix(path: Path, timeout: float, alive: Callable[[], bool] = lambda: True) -> socket.socket | None:
    """Connect to the socket at path once it exists, polling while alive() holds, for at most timeout s."""
    deadline = time.monotonic() + timeout
    while True:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError):
            sock.close()
        except OSError as error:
            sock.close()
            if error.errno not in (errno.ENOENT, errno.ECONNREFUSED, errno.EAGAIN):
                raise
        else:
            return sock
        if time.monotonic() >= deadline or not alive():
            return None
        time.sleep(POLL)


class _Pending:
    __slots__ = ("done", "hook", "reply")

    def __init__(self, hook: ReplyHook | None) -> None:
        self.done = threading.Event()
        self.hook = hook
        self.reply = Reply(False, error=CLOSED)


class MpvConnection:
    """A connected IPC socket. Call start() once; on_message gets every event dict on the reader thread,
    on_close gets "closed" (we closed it) or "disconnected" (the other side went away), once."""

    def __init__(
        self,
        sock: socket.socket,
        on_message: Callable[[dict[str, object]], None],
        on_close: Callable[[str], None],
    ) -> None:
        self._sock = sock
        self._sock.settimeout(SEND_TIMEOUT)
        self._on_message = on_message
        self._on_close = on_close
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._lock = threading.Lock()
        self._send_lock = threading.Lock()
        self._open = True
        self._closing = False
        self.garbage = 0  # lines that were not JSON objects, for diagnostics and tests
        self._thread = threading.Thread(target=self._read, name="mpv-ipc-reader", daemon=True)

    def start(self) -> None:
        self._thread.start()

    @property
    def is_open(self) -> bool:
        return self._open

    def send(self, command: Sequence[object], on_reply: ReplyHook | None = None) -> _Pending:
        """Send a command without waiting; on_reply runs on the reader thread before later lines are read."""
        pending = _Pending(on_reply)
        with self._lock:
            if not self._open:
                pending.done.set()
                return pending
            request_id = next(self._ids)
            self._pending[request_id] = pending
        line = json.dumps({"command": list(command), "request_id": request_id}, ensure_ascii=False)
        try:
            with self._send_lock:
                self._sock.sendall(line.encode("utf-8") + b"\n")
        except OSError as error:
            self._resolve(request_id, Reply(False, error=f"could not send to the player: {error}"))
        return pending

    def request(self, command: Sequence[object], timeout: float = 5.0, on_reply: ReplyHook | None = None) -> Reply:
        """Send a command and wait for its reply. Never call this on the reader thread (from on_message)."""
        if threading.current_thread() is self._thread:
            raise RuntimeError("request() would wait on its own reader thread; use send()")
        pending = self.send(command, on_reply)
        if not pending.done.wait(timeout):
            return Reply(False, error=f"no reply from the player within {timeout:g} s")
        return pending.reply

    def close(self) -> None:
        with self._lock:
            if self._closing:
                return
            self._closing = True
        try:
            self._sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # already disconnected: the reader has seen it or is about to
        self._sock.close()
        if self._thread.is_alive() and threading.current_thread() is not self._thread:
            self._thread.join(timeout=5)
        if not self._thread.is_alive():
            self._finish("closed")

    def _read(self) -> None:
        buffer = b""
        skipping = False
        while True:
            try:
                chunk = self._sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            if not chunk:
                break
            buffer += chunk
            *lines, buffer = buffer.split(b"\n")
            for line in lines:
                if skipping:
                    skipping = False
                    continue
                self._line(line)
            if len(buffer) > MAX_LINE:
                buffer, skipping = b"", True
                self.garbage += 1
        self._finish("closed" if self._closing else "disconnected")

    def _line(self, raw: bytes) -> None:
        text = raw.decode("utf-8", errors="replace").strip()
        if not text:
            return
        try:
            message = json.loads(text)
        except ValueError:
            self.garbage += 1
            return
        if not isinstance(message, dict):
            self.garbage += 1
            return
        if "event" in message:
            self._deliver(message)
            return
        request_id = message.get("request_id")
        if isinstance(request_id, int) and "error" in message:
            error = message.get("error")
            ok = error == "success"
            self._resolve(request_id, Reply(ok, message.get("data"), "" if ok else str(error)))

    def _deliver(self, message: dict[str, object]) -> None:
        try:
            self._on_message(message)
        except Exception:  # a bug in a handler must not stop the events that follow
            log.exception("player event handler failed on %r", message)

    def _resolve(self, request_id: int, reply: Reply) -> None:
        with self._lock:
            pending = self._pending.pop(request_id, None)
        if pending is None:
            return
        pending.reply = reply
        if pending.hook is not None:
            try:
                pending.hook(reply)
            except Exception:  # same as _deliver: the reader goes on
                log.exception("player reply handler failed on %r", reply)
        pending.done.set()

    def _finish(self, reason: str) -> None:
        with self._lock:
            if not self._open:
                return
            self._open = False
            pending = list(self._pending)
        for request_id in pending:
            self._resolve(request_id, Reply(False, error=CLOSED))
        self._sock.close()
        try:
            self._on_close(reason)
        except Exception:  # same as _deliver
            log.exception("player close handler failed")
