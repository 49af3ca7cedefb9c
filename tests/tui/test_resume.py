"""A large library opened again starts before its folder is scanned: at the saved place, or at the
note the index remembers opening first when no place was saved."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from shownotes.core import catalog as catalog_module
from shownotes.core.catalog import FULL_READ_LIMIT, open_for_reader
from shownotes.core.index import Index
from shownotes.core.index import schema as index_db
from shownotes.core.state import State, load_state

from ..conftest import build_app
from ..waiting import WAIT_SECONDS, wait_for
from .test_library_upkeep import SIZE, index_ready, many_notes, shown, write_files

COUNT = FULL_READ_LIMIT + 20
LARGE_TOP_ENTRIES = 40  # channel folders: a library that looks large at its top
OTHER = "chan_7/note_0007.md"


@pytest.fixture
def large(tmp_path: Path, isolated_home: Path) -> Path:
    return write_files(tmp_path / "large", many_notes(COUNT, channels=LARGE_TOP_ENTRIES))


@pytest.fixture
def gated_load(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """The folder load behind the first note waits for the test, so what shows before it can be seen."""
    gate = threading.Event()
    load = catalog_module.load_folder

    def load_folder(*args, **kwargs):
        gate.wait(WAIT_SECONDS)
        return load(*args, **kwargs)

    monkeypatch.setattr(catalog_module, "load_folder", load_folder)
    yield gate
    gate.set()


def start_note(root: Path, cache: Path | None = None) -> str | None:
    hint = index_db.read_hint(root, cache)
    return hint.start if hint is not None else None


async def first_run(large: Path, effects, state_file: Path) -> str:
    """Open the library cold, wait for the index, read another note, quit; the first note's rel."""
    app = build_app(open_for_reader(large), effects, state_file=state_file, background=True)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        first = app.library.first_note().rel
        await wait_for(pilot, lambda: start_note(large) == first, "the start note to be remembered")
        app.open_note(OTHER)
        await pilot.pause()
        await pilot.press("q")
    return first


@pytest.mark.parametrize("saved_place", [True, False], ids=["saved-place", "fresh-state"])
async def test_a_large_library_shows_a_note_before_its_folder_is_read(
    large: Path, effects, tmp_path: Path, gated_load: threading.Event, saved_place: bool
) -> None:
    state_file = tmp_path / "state.json"
    gated_load.set()
    first = await first_run(large, effects, state_file)
    assert first != OTHER
    gated_load.clear()
    state = load_state(state_file) if saved_place else State()
    catalog = open_for_reader(large)
    assert catalog.pending and catalog.library.notes == ()
    expected = OTHER if saved_place else first
    app = build_app(catalog, effects, state=state, state_file=tmp_path / "second.json", background=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.view is not None, "the first note")
        assert app.view.note.rel == expected and len(app.library.notes) == 1  # shown before any scan
        assert f"kelp{int(expected[-7:-3])}" in shown(app)
        assert app.view.targets == [None]  # its one link, to the next note, is not known yet
        gated_load.set()
        await wait_for(pilot, lambda: len(app.library.notes) == COUNT, "the folder to load")
        assert app.view.note.rel == expected
        assert len(app.sidebar.root.children) == LARGE_TOP_ENTRIES
        number = int(expected[-7:-3])
        assert [t.rel for t in app.view.targets] == [f"chan_{(number + 1) % LARGE_TOP_ENTRIES}/note_{number + 1:04d}.md"]


async def test_a_remembered_start_note_that_is_gone_leaves_the_first_note_once_loaded(
    large: Path, effects, tmp_path: Path, gated_load: threading.Event
) -> None:
    gated_load.set()
    first = await first_run(large, effects, tmp_path / "state.json")
    (large / first).unlink()
    catalog = open_for_reader(large)
    assert catalog.start == first
    app = build_app(catalog, effects, state=State(), state_file=tmp_path / "second.json", background=True)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.view is not None, "a note once the folder is read")
        assert app.view.note.rel == app.library.first_note().rel != first
        assert len(app.library.notes) == COUNT - 1


@pytest.mark.parametrize(
    ("index_file", "expected"),
    [
        ("none", None),
        ("not sqlite", None),
        ("no start yet", None),
        ("remembered", "chan_1/note_0001.md"),
    ],
)
def test_the_start_note_is_read_without_fail(tmp_path: Path, index_file: str, expected: str | None) -> None:
    root = write_files(tmp_path / "lib", many_notes(3))
    cache = tmp_path / "cache"
    path = index_db.db_path(root, cache)
    if index_file == "not sqlite":
        path.parent.mkdir(parents=True)
        path.write_bytes(b"garbage, not an index")
    elif index_file != "none":
        with Index.open(root, cache) as index:
            if index_file == "remembered":
                index.remember_start("chan_1/note_0001.md")
    assert start_note(root, cache) == expected


async def test_a_small_library_forgets_a_start_note(tmp_path: Path, isolated_home: Path, effects) -> None:
    root = write_files(tmp_path / "small", many_notes(LARGE_TOP_ENTRIES + 5, channels=LARGE_TOP_ENTRIES + 5))
    with Index.open(root) as index:  # remembered when it was large, say
        index.remember_start("chan_1/note_0001.md")
    assert start_note(root) == "chan_1/note_0001.md"
    app = build_app(open_for_reader(root), effects, state=State(), state_file=tmp_path / "s.json", background=True)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        await wait_for(pilot, lambda: start_note(root) is None, "the start note to be forgotten")
    catalog = open_for_reader(root)
    assert not catalog.pending and len(catalog.library.notes) == LARGE_TOP_ENTRIES + 5  # read in full, as small
