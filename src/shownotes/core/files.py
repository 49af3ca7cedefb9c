"""Small files the user names (config, state): read only when regular and small, locked while rewritten.

A FIFO, a device (`/dev/zero`) or a folder is refused at once instead of blocking or filling memory.
"""

from __future__ import annotations

import contextlib
import errno
import os
import time
from collections.abc import Iterator
from pathlib import Path
from stat import S_ISREG

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: saves are still atomic, only not serialised
    fcntl = None

LOCK_WAIT = 10.0  # seconds; a save that cannot get the lock in this long fails instead of hanging


class NotRegular(OSError):
    """The path exists but is not a regular file, or is larger than the cap; its message says which."""


def read_regular(path: Path, limit: int) -> bytes:
    """The file's bytes. Raises FileNotFoundError, NotRegular, or another OSError."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with open(fd, "rb") as handle:
        if not S_ISREG(os.fstat(fd).st_mode):
            raise NotRegular(errno.EINVAL, "not a regular file (a pipe, device or folder); not read")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise NotRegular(errno.EFBIG, f"larger than {limit // 1048576} MB; not read")
    return data


def final_target(path: Path) -> Path:
    """Where writing `path` should land: through every symlink, so a linked file stays linked."""
    return Path(os.path.realpath(path))


def refuse_non_regular(path: Path) -> None:
    """Raise NotRegular when `path` exists and is not a regular file (replacing it would destroy it)."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not S_ISREG(mode):
        raise NotRegular(errno.EINVAL, f"{path} is not a regular file; not written")


@contextlib.contextmanager
def exclusive_lock(path: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold an flock on the file `path` (created if missing); released on exit or if the process dies."""
    if fcntl is None:  # pragma: no cover - no flock on this platform
        yield
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise OSError(errno.EWOULDBLOCK, f"{path} is held by another process") from None
                time.sleep(0.005)
        yield
    finally:
        os.close(fd)
