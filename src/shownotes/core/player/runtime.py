"""Where the player's control socket lives: a folder only we can enter, never a TCP port.

mpv's IPC runs any command it is sent (even `run`), so the socket must be unreachable by other users:
the folder is ours, mode 0700, and not a symlink. A socket file left by a crash is removed.
"""

from __future__ import annotations

import errno
import os
import socket
import stat
import tempfile
import warnings
from pathlib import Path

import platformdirs

SOCKET_PATH_MAX = 107  # sockaddr_un.sun_path holds 108 bytes with the terminating NUL
SOCKET_GLOB = "mpv-*.sock"


class UnsafeFolder(OSError):
    pass


def runtime_folder() -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # without $XDG_RUNTIME_DIR platformdirs warns, then offers /tmp/runtime-UID
        return platformdirs.user_runtime_path("shownotes", appauthor=False)


def private_folder(preferred: Path | None = None) -> tuple[Path, bool]:
    """(folder, made_temporary): preferred (else the user runtime folder) when it is safe, else a fresh
    mkdtemp folder that the caller removes when done."""
    candidate = preferred if preferred is not None else runtime_folder()
    try:
        ensure_private(candidate)
    except OSError:
        return Path(tempfile.mkdtemp(prefix="shownotes-")), True
    if len(os.fsencode(str(candidate / socket_name(99_999_999, 99)))) > SOCKET_PATH_MAX:
        return Path(tempfile.mkdtemp(prefix="shownotes-")), True
    return candidate, False


def ensure_private(folder: Path) -> None:
    """Create folder with mode 0700, or check an existing one: a real folder, ours, closed to others."""
    if not folder.parent.exists():
        folder.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _check_parent(folder.parent)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        pass  # checked below like a folder we made
    info = folder.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise UnsafeFolder(errno.ENOTDIR, "not a real folder (a symlink or a file)", str(folder))
    if info.st_uid != os.geteuid():
        raise UnsafeFolder(errno.EPERM, "owned by another user", str(folder))
    if stat.S_IMODE(info.st_mode) & 0o077:
        os.chmod(folder, 0o700, follow_symlinks=False)
        if stat.S_IMODE(folder.lstat().st_mode) & 0o077:
            raise UnsafeFolder(errno.EPERM, "cannot be closed to other users", str(folder))


def _check_parent(parent: Path) -> None:
    """Whoever can rename entries in the parent could swap our folder: it must be ours or root's,
    and if others may write there, sticky (like /tmp)."""
    info = parent.stat()
    if info.st_uid not in (0, os.geteuid()):
        raise UnsafeFolder(errno.EPERM, "parent owned by another user", str(parent))
    if stat.S_IMODE(info.st_mode) & 0o022 and not info.st_mode & stat.S_ISVTX:
        raise UnsafeFolder(errno.EPERM, "parent writable by others and not sticky", str(parent))


def socket_name(pid: int, attempt: int = 0) -> str:
    return f"mpv-{pid}.sock" if attempt == 0 else f"mpv-{pid}-{attempt}.sock"


def is_live(path: Path) -> bool:
    """True when a server answers at path; False when nothing does (no file, a stale socket, a plain file)."""
    probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        probe.connect(str(path))
    except OSError:
        return False
    finally:
        probe.close()
    return True


def clear_stale(path: Path) -> bool:
    """Make path free for a new socket: True when it is (a dead socket or stray file removed)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return True
    if stat.S_ISDIR(info.st_mode):
        return False
    if stat.S_ISSOCK(info.st_mode) and is_live(path):
        return False
    path.unlink(missing_ok=True)
    return True


def free_socket_path(folder: Path, pid: int | None = None) -> Path:
    """This instance's socket path (its pid in the name), cleared of anything a crash left there."""
    pid = os.getpid() if pid is None else pid
    for attempt in range(10):
        path = folder / socket_name(pid, attempt)
        if clear_stale(path):
            return path
    raise OSError(errno.EADDRINUSE, "no free player socket name", str(folder))


def sweep_stale(folder: Path) -> list[Path]:
    """Remove the dead sockets other instances left behind when they crashed; live ones stay."""
    removed = []
    for path in folder.glob(SOCKET_GLOB):
        try:
            is_socket = stat.S_ISSOCK(path.lstat().st_mode)
        except FileNotFoundError:
            continue
        if is_socket and not is_live(path):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed
