"""Pilot tests of the search screen's own workings: a superseded query is never drawn, and ctrl+l
searches every library indexed in the cache too."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest
from textual.widgets import Input

from shownotes.core.catalog import Catalog
from shownotes.core.config import Config
from shownotes.core.index import Index
from shownotes.core.library import Library
from shownotes.tui.screens.search import FIRST, Found, HitList, SearchScreen, status_line

from ..conftest import build_app
from ..disk import write_files
from ..waiting import WAIT_SECONDS, index_ready, wait_for
from .test_search_app import BREAD, GIL, SIZE, search, search_screen, status_text, write_library

COMPOST = "CompostHeap"
OTHER = {
    "garden/compost.md": f"""---
title: Compost
videoId: {COMPOST}
---
## Heap

A zebracorn turns the compost [00:07:07].
""",
}


@pytest.fixture
def app_factory(effects):
    """With the index and the watcher running, as for a user."""
    return lambda library=None, **options: build_app(library, effects, **{"background": True, **options})


@pytest.fixture
def search_library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """Every set of results the list was given, as the options' text."""
    sets: list[list[str]] = []
    add = HitList.add_options

    def recording(self: HitList, options):
        options = list(options)
        sets.append([str(getattr(option, "prompt", option)) for option in options])
        return add(self, options)

    monkeypatch.setattr(HitList, "add_options", recording)
    return sets


@pytest.fixture
def gated_zebracorn(monkeypatch: pytest.MonkeyPatch):
    """A search for `zebracorn` waits for the gate: its results arrive when the test says."""
    entered, gate = threading.Event(), threading.Event()
    searching = Index.search

    def gated(self: Index, query: str, *args, **kwargs):
        if query == "zebracorn":
            entered.set()
            gate.wait(WAIT_SECONDS)
        return searching(self, query, *args, **kwargs)

    monkeypatch.setattr(Index, "search", gated)
    yield entered, gate
    gate.set()


async def test_a_superseded_querys_results_are_never_drawn(app_factory, search_library, gated_zebracorn, drawn):
    entered, gate = gated_zebracorn
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        await pilot.press("slash")
        screen = search_screen(app)
        screen.query_one(Input).value = "zebracorn"
        await wait_for(pilot, entered.is_set, "the first query's search to start")
        screen.debounce = 10 * WAIT_SECONDS  # the next query is searched only when the test asks
        screen.query_one(Input).value = "aliasing"
        await pilot.pause()
        gate.set()  # the first query's results come back after the next keystroke
        searches = [w for w in app.workers if w.node is screen and w.group == "search"]
        await wait_for(pilot, lambda: all(w.is_finished for w in searches), "the first query's search to end")
        screen.search_again()
        await wait_for(pilot, lambda: screen.searched == "aliasing", "the second query's results")
        assert [hit.title for hit in screen.hits] == ["Rust memory"]
        assert drawn and all(option.startswith("Rust memory") for shown in drawn for option in shown)


async def test_ctrl_l_searches_every_indexed_library_and_copies_another_librarys_hit(
    app_factory, search_library, tmp_path: Path
):
    other = write_files(tmp_path / "other", OTHER)
    with Index.open(other) as index:
        assert index.update().parsed == 1
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, "zebracorn")
        assert sorted(hit.video_id for hit in screen.hits) == sorted([BREAD, GIL])
        assert screen.libraries == [None, None]
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: len(screen.hits) == 3, "hits from both libraries")
        assert "in 2 libraries" in status_text(screen)
        foreign = screen.libraries.index(other.resolve())
        assert screen.hits[foreign].title == "Compost"
        results = screen.query_one(HitList)
        assert str(results.get_option_at_index(foreign).prompt).startswith("[other] Compost")  # it names its library
        await pilot.press("down")
        results.highlighted = foreign
        await pilot.press("enter")  # another library's note is not opened: its moment link is copied
        await pilot.pause()
        assert app.clipboard == f"https://www.youtube.com/watch?v={COMPOST}&t=427s"
        assert isinstance(app.screen, SearchScreen)
        await pilot.press("ctrl+l")  # and off again: this library alone
        await wait_for(pilot, lambda: len(screen.hits) == 2, "this library's hits alone")
        assert screen.libraries == [None, None] and "libraries" not in status_text(screen)


MANY = {f"many/note_{n:02}.md": f"---\ntitle: Note {n:02}\n---\n## Part\n\nA quokka crosses [00:0{n % 10}:0{n % 6}].\n" for n in range(20)}


@pytest.fixture
def gated_full_quokka(monkeypatch: pytest.MonkeyPatch):
    """A search for `quokka` waits for the gate, except the first pass (FIRST hits) once the test says so."""
    gate, first_free = threading.Event(), threading.Event()
    searching = Index.search

    def gated(self: Index, query: str, limit: int = 50, *args, **kwargs):
        if query == "quokka" and not (first_free.is_set() and limit == FIRST):
            gate.wait(WAIT_SECONDS)
        return searching(self, query, limit, *args, **kwargs)

    monkeypatch.setattr(Index, "search", gated)
    yield gate, first_free
    gate.set()


@pytest.mark.parametrize("enter", ["before any results", "before the second pass"])
async def test_a_hit_opened_early_keeps_every_hit_in_the_trail(app_factory, tmp_path: Path, gated_full_quokka, enter):
    gate, first_free = gated_full_quokka
    app = app_factory(write_files(tmp_path / "many", MANY))
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        await pilot.press("slash")
        screen = search_screen(app)
        if enter == "before the second pass":
            first_free.set()
            screen.query_one(Input).value = "quokka"
            await wait_for(pilot, lambda: screen.searched == "quokka", "the first pass")
            assert len(screen.hits) == FIRST and not screen.complete
        else:
            screen.debounce = 10 * WAIT_SECONDS  # only Enter searches
            screen.query_one(Input).value = "quokka"
        await pilot.press("enter")
        gate.set()
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen), "the search screen to close")
        await wait_for(pilot, lambda: len(screen.trail.hits) == len(MANY), "every hit in the trail")
        for _ in range(FIRST):
            await pilot.press("full_stop")
        await wait_for(pilot, lambda: app.view.note.rel == screen.trail.hits[FIRST].rel, "the hit past the first pass")


async def test_ctrl_l_leaves_out_a_locked_library_at_once(app_factory, search_library, tmp_path: Path):
    other = write_files(tmp_path / "other", OTHER)
    with Index.open(other) as index:
        assert index.update().parsed == 1
        db = index.db_path
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA journal_mode = DELETE")  # as another tool may leave it: opening it takes a write
    holder.execute("BEGIN IMMEDIATE")  # another process's write, open for as long as this test runs
    try:
        app = app_factory(search_library)
        async with app.run_test(size=SIZE) as pilot:
            await index_ready(pilot, app)
            screen = await search(pilot, app, "zebracorn")
            await pilot.press("ctrl+l")
            await wait_for(pilot, lambda: "librar" in status_text(screen), "the search of every library")
            assert screen.libraries == [None, None]
            assert "in 1 library (left out: other is locked by another process)" in status_text(screen)
            searchers = [thread for thread in threading.enumerate() if thread.name.startswith("shownotes-search")]
            assert searchers and all(thread.daemon for thread in searchers)  # never keeps the process alive
    finally:
        holder.rollback()
        holder.close()


@pytest.mark.parametrize(
    ("status", "found", "line"),
    [
        ("", Found([]), "0 notes"),
        ("Indexing…: results so far.", Found([], complete=False), "Indexing…: results so far.  0 notes…"),
        ("", Found([], libraries=1, left_out=("other is locked by another process",)),
         "0 notes in 1 library (left out: other is locked by another process)"),
        ("", Found([], libraries=3), "0 notes in 3 libraries"),
        ("", Found([], problem="search index read failed: boom"), "0 notes  search index read failed: boom"),
    ],
)
def test_the_status_line_comes_from_what_the_search_thread_found(status, found, line):
    assert status_line(status, "zebracorn", found) == line


async def test_ctrl_l_searches_the_cache_folder_the_catalog_names(app_factory, search_library, tmp_path: Path):
    cache = tmp_path / "elsewhere"  # not $SHOWNOTES_CACHE_DIR
    other = write_files(tmp_path / "other", OTHER)
    for library in (search_library, other):
        with Index.open(library, cache_dir=cache) as index:
            assert index.update().parsed
    app = app_factory(Catalog(Library.open(search_library), cache_dir=cache))
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, "zebracorn")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: len(screen.hits) == 3, "hits from both libraries")
        assert screen.libraries.count(other.resolve()) == 1 and screen.libraries.count(None) == 2
        assert "in 2 libraries" in status_text(screen)


async def test_the_box_names_the_keys_as_bound(app_factory, search_library):
    """Made from the bindings in force: a key the user's [keys] moved is shown where it went, none typed out."""
    app = app_factory(search_library, config=Config(keys={"all_libraries": ["ctrl+y"], "copy_link": ["y"]}))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        subtitle = str(search_screen(app).query_one("#search-box").border_subtitle)
        assert subtitle == "⏎ open · ↓ to the results, to copy or play a hit · ^y all libraries · esc close"
