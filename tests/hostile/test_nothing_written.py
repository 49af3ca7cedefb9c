"""Nothing lost: a full session (the app with indexing finished, then every CLI command) never writes to
the notes folder. Every file, link and folder is hashed before and after; nothing changes, nothing is added."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from shownotes.cli import main
from shownotes.core.library import Library

from ..waiting import wait_for
from .corpus import SEARCH_WORD

WAIT_TURNS = 200_000  # event-loop turns to wait for the index; a bound, not a timing assertion


def snapshot(root: Path) -> dict[bytes, tuple]:
    """Every entry under root (not following links): its kind, mode, size, mtime and content or target."""
    entries: dict[bytes, tuple] = {}
    for folder, dirs, files in os.walk(os.fsencode(root)):
        for name in dirs + files:
            path = os.path.join(folder, name)
            info = os.lstat(path)
            if stat.S_ISLNK(info.st_mode):
                detail: object = os.readlink(path)
            elif stat.S_ISREG(info.st_mode) and info.st_mode & 0o444:
                with open(path, "rb") as handle:
                    detail = hashlib.sha256(handle.read()).hexdigest()
            else:
                detail = None
            entries[os.path.relpath(path, os.fsencode(root))] = (stat.S_IFMT(info.st_mode), info.st_mode, info.st_size, info.st_mtime_ns, detail)
    info = os.lstat(root)
    entries[b"."] = (stat.S_IFMT(info.st_mode), info.st_mode, info.st_mtime_ns)
    return entries


async def app_session(app, library: Library) -> None:
    async with app.run_test(size=(140, 40)) as pilot:
        for _turn in range(WAIT_TURNS):
            if app.index_ready:
                break
            await pilot.pause()
        assert app.index_ready, "the index never finished"
        for note in library.notes:
            app.open_note(note.rel)
            # a heavy note loads and lays out off the keys' path: they wait for it (Pilot waits for the process to idle)
            await wait_for(pilot, lambda rel=note.rel: shown(app, rel), f"{note.rel} on screen", bound=HEAVY_BOUND)
            await pilot.press("j", "]", "l", "enter", "t", "j", "c", "C", "o", "s", "tab", "tab")
        await pilot.press("slash", *SEARCH_WORD)
        for _turn in range(50):
            await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        app.save()
        assert app.is_running
        await pilot.press("q")


HEAVY_BOUND = 300.0  # seconds: 100,000 timestamps laid out on a busy 2-core machine; a hang guard, not a speed check


def shown(app, rel: str) -> bool:
    """The note is on screen and laid out whole (a big one is laid out in slices between frames)."""
    layout = app.reader.text_layout
    on_screen = app.view is not None and app.view.note.rel == rel and layout is not None and layout.complete
    return on_screen or "could not be shown" in app.reader.message


def cli(*argv: str) -> int:
    """A command run in-process, as `shownotes` would run it (the process boundary is not the point here)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(list(argv))


def _same_size_edit(root: Path) -> None:
    path = root / "broken" / "bom.md"
    info = path.stat()
    path.write_bytes(path.read_bytes().replace(b"body", b"BODY"))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # even with its mtime put back


WRITES: list[tuple[str, Callable[[Path], None]]] = [
    ("a new file", lambda root: (root / "new.md").write_text("x", encoding="utf-8")),
    ("a new hidden folder", lambda root: (root / ".shownotes").mkdir()),
    ("an edit of the same size", _same_size_edit),
    ("a deletion", lambda root: (root / "broken" / "crlf.md").unlink()),
    ("a mode change", lambda root: (root / "broken" / "crlf.md").chmod(0o600)),
    ("a link retargeted", lambda root: ((root / "broken" / "dangling.md").unlink(), (root / "broken" / "dangling.md").symlink_to("elsewhere"))),
]


@pytest.mark.parametrize("write", [w[1] for w in WRITES], ids=[w[0] for w in WRITES])
def test_the_snapshot_sees_every_kind_of_write(hostile_root: Path, write: Callable[[Path], None]) -> None:
    before = snapshot(hostile_root)
    write(hostile_root)
    assert snapshot(hostile_root) != before


@pytest.mark.slow
def test_a_full_session_in_the_app_writes_nothing_to_the_notes_folder(heavy_root: Path, hostile_app) -> None:
    before = snapshot(heavy_root)
    assert len(before) > 40
    library = Library.open(heavy_root)
    app = hostile_app(library, watch_files=True, background=True)
    asyncio.run(app_session(app, library))
    assert snapshot(heavy_root) == before


@pytest.mark.slow
def test_every_cli_command_writes_nothing_to_the_notes_folder(heavy_root: Path) -> None:
    before = snapshot(heavy_root)
    assert len(before) > 40
    library = Library.open(heavy_root)
    target = next(str(n.path) for n in library.notes if n.rel.endswith("escaped_title.md"))
    runs = [
        cli("list", str(heavy_root)),
        cli("list", str(heavy_root), "--json"),
        cli("check", str(heavy_root)),
        cli("links", target, str(heavy_root)),
        cli("show", target, str(heavy_root)),
        cli("show", str(heavy_root / "heavy" / "stamps.md"), str(heavy_root)),
        cli("search", SEARCH_WORD, str(heavy_root)),
        cli("search", SEARCH_WORD, str(heavy_root), "--json"),
    ]
    assert runs == [0, 0, 1, 0, 0, 0, 0, 0]
    assert snapshot(heavy_root) == before
