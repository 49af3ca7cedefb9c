"""The player's socket folder is ours alone, and a socket a crash left behind is cleared."""

from __future__ import annotations

import os
import socket
import stat
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shownotes.core.player import runtime


@pytest.fixture
def short(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("rt")


@pytest.fixture
def listener() -> Iterator[Callable[[Path], socket.socket]]:
    opened: list[socket.socket] = []

    def listen(path: Path) -> socket.socket:
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(path))
        server.listen(1)
        opened.append(server)
        return server

    yield listen
    for server in opened:
        server.close()


def dead_socket(path: Path) -> Path:
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.close()  # the file stays, nothing listens: what a killed mpv leaves
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_new_folder_is_made_0700(short: Path) -> None:
    folder, temporary = runtime.private_folder(short / "a" / "shownotes")
    assert (folder, temporary) == (short / "a" / "shownotes", False)
    assert mode(folder) == 0o700 and folder.lstat().st_uid == os.geteuid()


def test_an_open_folder_of_ours_is_closed(short: Path) -> None:
    folder = short / "shownotes"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    assert runtime.private_folder(folder) == (folder, False)
    assert mode(folder) == 0o700


def test_a_symlinked_folder_is_not_trusted(short: Path) -> None:
    (short / "elsewhere").mkdir()
    (short / "shownotes").symlink_to(short / "elsewhere", target_is_directory=True)
    folder, temporary = runtime.private_folder(short / "shownotes")
    assert temporary and folder.parent == Path(tempfile.gettempdir()) and mode(folder) == 0o700
    folder.rmdir()


def test_a_path_too_long_for_a_socket_falls_back_to_a_temporary_folder(short: Path) -> None:
    folder, temporary = runtime.private_folder(short / ("x" * 120))
    assert temporary and mode(folder) == 0o700
    folder.rmdir()


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a folder to another user")
def test_a_folder_owned_by_another_user_is_not_used(short: Path) -> None:
    folder = short / "shownotes"
    folder.mkdir(mode=0o700)
    os.chown(folder, 65534, 65534)
    used, temporary = runtime.private_folder(folder)
    assert temporary and used != folder
    used.rmdir()


def test_the_runtime_folder_is_platformdirs_own() -> None:
    assert runtime.runtime_folder().name == "shownotes"


def test_clear_stale(short: Path, listener: Callable[[Path], socket.socket]) -> None:
    assert runtime.clear_stale(short / "none.sock")
    assert runtime.clear_stale(dead_socket(short / "dead.sock")) and not (short / "dead.sock").exists()
    (short / "file.sock").write_text("left by something", encoding="utf-8")
    assert runtime.clear_stale(short / "file.sock") and not (short / "file.sock").exists()
    listener(short / "live.sock")
    assert not runtime.clear_stale(short / "live.sock") and (short / "live.sock").exists()
    (short / "dir.sock").mkdir()
    assert not runtime.clear_stale(short / "dir.sock")


def test_the_socket_name_holds_the_pid_and_steps_aside_for_a_live_one(
    short: Path, listener: Callable[[Path], socket.socket]
) -> None:
    dead_socket(short / "mpv-77.sock")
    assert runtime.free_socket_path(short, pid=77) == short / "mpv-77.sock"
    listener(short / "mpv-77.sock")
    assert runtime.free_socket_path(short, pid=77) == short / "mpv-77-1.sock"
    assert runtime.free_socket_path(short).name == f"mpv-{os.getpid()}.sock"


def test_sweep_removes_only_dead_sockets(short: Path, listener: Callable[[Path], socket.socket]) -> None:
    dead_socket(short / "mpv-1.sock")
    listener(short / "mpv-2.sock")
    (short / "mpv-3.sock").write_text("not a socket", encoding="utf-8")
    assert runtime.sweep_stale(short) == [short / "mpv-1.sock"]
    assert sorted(p.name for p in short.iterdir()) == ["mpv-2.sock", "mpv-3.sock"]
