"""The state and config files as found on disk: partly wrong, symlinked, a pipe, a device, too big."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import shownotes.core.state as state_module
from shownotes.core.config import load_config
from shownotes.core.state import Bookmark, Position, State, load_state, save_state

HANG_GUARD = 60  # seconds; a read that blocks fails the test instead of hanging the suite

GOOD_MARK = {"video_id": "P6y0gr-W2-k", "seconds": 6, "title": "t", "rel": "a.md"}
GOOD = {
    "theme": "nord",
    "last": {"/one": {"rel": "a.md", "section": 2}, "/two": {"rel": "b.md"}},
    "bookmarks": [GOOD_MARK, {**GOOD_MARK, "seconds": 7}],
    "history": {"/one": ["a.md", "b.md"]},
}
# (id, the file's JSON, what is kept: (theme, libraries with a position, bookmark seconds, history roots), warning)
PARTLY_BAD = [
    ("all good", GOOD, ("nord", ["/one", "/two"], [6, 7], ["/one"]), None),
    ("one bad bookmark", {**GOOD, "bookmarks": [GOOD_MARK, {"title": 5}, {**GOOD_MARK, "seconds": 7}]},
     ("nord", ["/one", "/two"], [6, 7], ["/one"]), "state: dropped 1 bad bookmark"),
    ("one bad position", {**GOOD, "last": {"/one": {"rel": 3}, "/two": {"rel": "b.md"}}},
     ("nord", ["/two"], [6, 7], ["/one"]), "state: dropped 1 bad position"),
    ("a theme that is not text", {**GOOD, "theme": ["nord"]},
     (None, ["/one", "/two"], [6, 7], ["/one"]), "state: dropped 1 bad theme"),
    ("bookmarks not a list", {**GOOD, "bookmarks": {"a": GOOD_MARK}},
     ("nord", ["/one", "/two"], [], ["/one"]), "state: dropped 1 bad bookmark"),
    ("a history that is not a list of names", {**GOOD, "history": {"/one": "a.md", "/two": ["c.md"]}},
     ("nord", ["/one", "/two"], [6, 7], ["/two"]), "state: dropped 1 bad history entry"),
    ("several kinds at once", {**GOOD, "theme": 1, "bookmarks": [1, 2, GOOD_MARK], "last": []},
     (None, [], [6], ["/one"]), "state: dropped 1 bad theme, 1 bad position, 2 bad bookmarks"),
]


@pytest.mark.parametrize(("data", "kept", "warning"), [c[1:] for c in PARTLY_BAD], ids=[c[0] for c in PARTLY_BAD])
def test_a_wrong_entry_drops_only_itself(tmp_path: Path, data: dict, kept: tuple, warning: str | None) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    state = load_state(path)
    assert (state.theme, sorted(state.last), [b.seconds for b in state.bookmarks], sorted(state.history)) == kept
    assert state.warning == warning
    assert path.exists() and list(tmp_path.iterdir()) == [path]  # nothing set aside
    save_state(state, path)
    assert load_state(path).warning is None  # the next save writes only the good entries


NOT_A_STATE = [("not JSON", b"{nope"), ("not UTF-8", b'{"theme": "\xff"}'), ("a JSON list", b"[1, 2]")]


@pytest.mark.parametrize("content", [c[1] for c in NOT_A_STATE], ids=[c[0] for c in NOT_A_STATE])
def test_a_file_that_is_no_state_at_all_is_set_aside(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    state = load_state(path)
    assert state.to_json() == State().to_json() and "moved to" in state.warning
    (aside,) = tmp_path.glob("state.json.corrupt-*")
    assert aside.read_bytes() == content and not path.exists()


def test_a_symlinked_state_stays_a_symlink(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "state.json"
    real.parent.mkdir()
    save_state(State(theme="nord"), real)
    link = tmp_path / "state" / "state.json"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "dotfiles" / "state.json")
    state = load_state(link)
    assert state.theme == "nord"
    state.add_bookmark(Bookmark("P6y0gr-W2-k", 6, "t", "a.md"))
    save_state(state, link)
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "dotfiles" / "state.json")
    assert [b.seconds for b in load_state(real).bookmarks] == [6]
    assert sorted(p.name for p in link.parent.iterdir()) == ["state.json"]  # no temp or lock beside the link


def test_a_dangling_symlink_is_written_through(tmp_path: Path) -> None:
    link = tmp_path / "state.json"
    link.symlink_to(tmp_path / "elsewhere.json")
    save_state(State(theme="nord"), link)
    assert link.is_symlink() and load_state(tmp_path / "elsewhere.json").theme == "nord"


def test_a_library_path_that_is_not_utf8_round_trips(tmp_path: Path) -> None:
    root = os.fsdecode(b"/notes/caf\xe9")  # how Python names a folder whose bytes are not UTF-8
    save_state(State(last={root: Position("a.md")}, history={root: ["a.md"]}), tmp_path / "state.json")
    state = load_state(tmp_path / "state.json")
    assert (state.warning, list(state.last), list(state.history)) == (None, [root], [root])


def test_a_state_that_cannot_be_read_is_never_written_over(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "state.json"
    save_state(State(theme="nord"), path)

    def unreadable(file: Path, limit: int) -> bytes:  # as a chmod 000 file is to anyone but root
        raise PermissionError(13, "Permission denied")

    with monkeypatch.context() as patch:
        patch.setattr(state_module, "read_regular", unreadable)
        assert load_state(path).warning == f"could not read {path}: Permission denied; starting clean"
        with pytest.raises(PermissionError):
            save_state(State(theme="dracula"), path)
    assert load_state(path).theme == "nord"


def test_a_state_over_the_cap_is_set_aside_unread(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    with path.open("wb") as handle:
        handle.truncate(16 * 1024 * 1024 + 1)  # sparse: no 16 MB actually written
    state = load_state(path)
    assert state.to_json() == State().to_json() and "larger than 16 MB" in state.warning and "moved to" in state.warning


READER = r"""
import sys
from pathlib import Path
import shownotes.core.state as state_module
from shownotes.core.config import load_config
from shownotes.core.state import State, load_state, save_state
kind, path = sys.argv[1], Path(sys.argv[2])
if kind == "state":
    print(load_state(path).warning)
elif kind == "config":
    print(*load_config(path).warnings)
else:
    try:
        save_state(State(theme="nord"), path)
    except OSError as error:
        print(error)
"""


def special_file(tmp_path: Path, kind: str) -> Path:
    if kind == "/dev/zero":
        return Path("/dev/zero")
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    return fifo


# (id, what reads it, the file, what the warning says); saving to /dev/zero is never tried (root could replace it)
SPECIAL = [
    ("state from a FIFO", "state", "fifo", "not a regular file"),
    ("state from /dev/zero", "state", "/dev/zero", "not a regular file"),
    ("config from a FIFO", "config", "fifo", "not a regular file"),
    ("config from /dev/zero", "config", "/dev/zero", "not a regular file"),
    ("state saved to a FIFO", "save", "fifo", "is not a regular file; not written"),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize(("reader", "kind", "message"), [c[1:] for c in SPECIAL], ids=[c[0] for c in SPECIAL])
def test_a_pipe_or_device_is_refused_at_once(tmp_path: Path, reader: str, kind: str, message: str) -> None:
    path = special_file(tmp_path, kind)
    done = subprocess.run(
        [sys.executable, "-c", READER, reader, str(path)], capture_output=True, text=True, timeout=HANG_GUARD, check=False
    )
    assert done.returncode == 0, done.stderr
    assert message in done.stdout
    if kind == "fifo":
        assert path.is_fifo() and list(tmp_path.iterdir()) == [path]  # left as it was, nothing beside it


def test_config_reads_the_library_setting(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('library = "~/notes"\nplayer = 3\n', encoding="utf-8")
    config = load_config(path)
    assert (config.library, config.path) == ("~/notes", path)
    assert config.warnings == ["config player must be a non-empty string; ignored"]
