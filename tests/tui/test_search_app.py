"""Pilot tests of the `/` search screen: results as you type, Enter to the moment, c/o on a hit."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from shownotes.core.catalog import open_for_reader
from shownotes.core.index import Index
from shownotes.tui.app import ShownotesApp
from shownotes.tui.screens.search import HitList, SearchScreen

from ..conftest import build_app
from ..disk import write_files
from ..waiting import WAIT_SECONDS, index_ready, wait_for

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "redpointai"

SIZE = (140, 40)
RUST = "RustMemory1"
GIL = "PythonGil01"
BREAD = "Sourdough01"
FILLER = "Filler sentence about nothing in particular that wraps across the reader's width. " * 6

@pytest.fixture
def app_factory(effects):
    """These tests are about the background work: the index and the watcher run."""
    return lambda library=None, **options: build_app(library, effects, **{"background": True, **options})



def paragraphs(count: int) -> str:
    return "\n\n".join(f"{FILLER}({n})" for n in range(count))


LIBRARY = {
    "talks/rust_memory.md": f"""---
title: Rust memory
videoId: {RUST}
---
# Rust memory

Intro [00:00:05].

## Ownership

{paragraphs(6)}

Every value has exactly one owner [00:01:10].

## Borrowing

{paragraphs(6)}

The borrow checker enforces aliasing rules on references [00:12:34]. More after it [00:13:00].

## Lifetimes

{paragraphs(6)}

Lifetimes name regions [00:20:00].
""",
    "talks/python_gil.md": f"""---
title: Python GIL
videoId: {GIL}
---
## Free threading

{paragraphs(2)}

A zebracorn appears in the interpreter [00:03:03].
""",
    "cooking/bread.md": f"""---
title: Bread
videoId: {BREAD}
---
## Starter

{paragraphs(2)}

Feed the zebracorn starter daily [00:05:00].
""",
}


def write_library(root: Path, files: dict[str, str] = LIBRARY) -> Path:
    return write_files(root, files)


@pytest.fixture
def search_library(tmp_path: Path) -> Path:
    return write_library(tmp_path / "library")



def search_screen(app: ShownotesApp) -> SearchScreen:
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    return screen


async def search(pilot: Pilot, app: ShownotesApp, query: str, *, typed: bool = False) -> SearchScreen:
    """Open `/` (if needed), enter the query (key by key, or at once) and wait until the results answer it."""
    if not isinstance(app.screen, SearchScreen):
        await pilot.press("slash")
    screen = search_screen(app)
    if typed:
        await pilot.press(*query)
    else:
        screen.query_one(Input).value = query
    await wait_for(pilot, lambda: screen.searched == query, f"results for {query!r}")
    return screen


def status_text(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-status", Static).content)


async def test_slash_opens_search_with_the_input_focused(app_factory, search_library):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        await pilot.press("slash")
        screen = search_screen(app)
        assert isinstance(app.focused, Input)
        assert screen.hits == []
        await pilot.press("escape")
        assert not isinstance(app.screen, SearchScreen)


async def test_typing_shows_hits_with_section_and_moment(app_factory, search_library):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, "aliasing", typed=True)
        assert [(h.rel, h.section_title, h.seconds) for h in screen.hits] == [
            ("talks/rust_memory.md", "Borrowing", 754)
        ]
        assert screen.query_one(HitList).option_count == 1
        assert "1 note" in status_text(screen)


async def test_enter_opens_the_note_at_the_hits_section_and_timestamp(app_factory, search_library):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        app.open_note("talks/python_gil.md")
        await pilot.pause()
        await search(pilot, app, "aliasing", typed=True)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen), "the search screen to close")
        await pilot.pause()
        assert app.view.note.rel == "talks/rust_memory.md"
        borrowing = next(s.index for s in app.view.outline.sections if s.title == "Borrowing")
        assert app.reader.section_at(app.reader.top_line) == borrowing
        stamp = app.view.outline.timestamps[app.current_timestamp]
        assert (stamp.seconds, stamp.section) == (754, borrowing)
        assert app.reader.is_visible(app.reader.line_of_timestamp(app.current_timestamp))


async def test_enter_on_a_result_opens_that_hit(app_factory, search_library):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, "zebracorn")
        assert len(screen.hits) == 2
        second = screen.hits[1]
        await pilot.press("down", "j", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen), "the search screen to close")
        await pilot.pause()
        assert app.view.note.rel == second.rel
        assert app.view.outline.timestamps[app.current_timestamp].seconds == second.seconds


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("c", "clipboard"),
        ("o", "opener"),
    ],
)
async def test_copy_or_play_the_hits_moment_from_the_results(app_factory, effects, search_library, key, expected):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "aliasing")
        await pilot.press("down")  # from the input to the results
        assert isinstance(app.focused, HitList)
        await pilot.press(key)
        await pilot.pause()
        link = f"https://www.youtube.com/watch?v={RUST}&t=754s"
        if expected == "clipboard":
            assert app.clipboard == link
            assert effects.opened == []
        else:
            assert effects.opened == [(link, 754, None)]
            assert app.clipboard == ""
        assert isinstance(app.screen, SearchScreen)  # c and o keep the results open


HOSTILE = ['"unbalanced quote', "AND", "*", "OR OR", "NEAR(a b", "title:zebracorn", "(", '"', "^zebra", "-", "\\", "a*"]


async def test_hostile_queries_show_no_error(app_factory, search_library):
    # One app for the whole table: each query is answered in milliseconds, an app start is not.
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        for query in HOSTILE:
            screen = await search(pilot, app, query)
            assert app.index.problem is None, query
            assert "failed" not in status_text(screen), query
        screen = await search(pilot, app, "zebracorn")  # and the box still works after them
        assert len(screen.hits) == 2
    assert not [n for n in app.notices if "fail" in n.lower() or "error" in n.lower()]


@pytest.mark.parametrize(
    ("query", "rels"),
    [
        ("zebracorn", ["cooking/bread.md", "talks/python_gil.md"]),
        ("channel:cooking zebracorn", ["cooking/bread.md"]),
        ("zebracorn channel:talks", ["talks/python_gil.md"]),
        ("channel:TALKS zebracorn", ["talks/python_gil.md"]),
        ("channel:nowhere zebracorn", []),
    ],
)
async def test_channel_filter(app_factory, search_library, query, rels):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, query)
        assert sorted(hit.rel for hit in screen.hits) == rels


@pytest.fixture
def gated_update(monkeypatch: pytest.MonkeyPatch):
    """Index.update waits until the test opens the gate: 'before the index is ready' without a race."""
    gate = threading.Event()
    updating = Index.updating

    def waiting(self: Index, *args, **kwargs):
        gate.wait(WAIT_SECONDS)
        return (yield from updating(self, *args, **kwargs))

    monkeypatch.setattr(Index, "updating", waiting)
    yield gate
    gate.set()


async def test_search_before_the_index_is_ready_says_so_then_finds(app_factory, search_library, gated_update):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.index is not None, "the index to be opened")
        assert not app.index_ready
        screen = await search(pilot, app, "aliasing")
        assert "Indexing" in status_text(screen)
        assert screen.hits == []
        gated_update.set()
        await index_ready(pilot, app)
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.searched == "aliasin", "results after indexing")
        await pilot.press("g")
        await wait_for(pilot, lambda: screen.searched == "aliasing", "results after indexing")
        assert [hit.rel for hit in screen.hits] == ["talks/rust_memory.md"]


@pytest.fixture
def gated_open(monkeypatch: pytest.MonkeyPatch):
    """Index.open waits for the gate: the search screen opens while the app has no index at all."""
    gate = threading.Event()
    original = Index.open.__func__

    def waiting(cls, *args, **kwargs):
        gate.wait(WAIT_SECONDS)
        return original(cls, *args, **kwargs)

    monkeypatch.setattr(Index, "open", classmethod(waiting))
    yield gate
    gate.set()


async def test_search_opened_before_the_index_exists_finds_once_it_does(app_factory, search_library, gated_open):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.index is None
        screen = await search(pilot, app, "aliasing")
        assert "being prepared" in status_text(screen)
        gated_open.set()
        await index_ready(pilot, app)
        await pilot.press("backspace")
        await wait_for(pilot, lambda: screen.searched == "aliasin", "results after indexing")
        await pilot.press("g")
        await wait_for(pilot, lambda: screen.searched == "aliasing", "results after indexing")
        assert [hit.rel for hit in screen.hits] == ["talks/rust_memory.md"]




async def test_corpus_phrase_opens_the_real_note_at_its_moment(effects):
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not here")
    app = build_app(open_for_reader(CORPUS), effects, background=True)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app, bound=4 * WAIT_SECONDS)  # 497 real notes: a loaded machine takes its time
        screen = await search(pilot, app, '"GPT rappers"')
        assert [hit.rel for hit in screen.hits] == ["ai_infrastructure_and_tooling.md"]
        assert (screen.hits[0].section_title, screen.hits[0].seconds) == ("Application Layer Developments", 423)
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen), "the search screen to close")
        await pilot.pause()
        assert app.view.note.rel == "ai_infrastructure_and_tooling.md"
        section = next(s.index for s in app.view.outline.sections if s.title == "Application Layer Developments")
        assert app.reader.section_at(app.reader.top_line) == section
        assert app.view.outline.timestamps[app.current_timestamp].seconds == 423
        assert app.reader.is_visible(app.reader.line_of_timestamp(app.current_timestamp))


async def test_slash_comes_back_to_the_last_search_and_dot_and_comma_step_its_hits(app_factory, search_library):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, "zebracorn")
        first, second = screen.hits
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen), "the search screen to close")
        await wait_for(pilot, lambda: app.view is not None and app.view.note.rel == first.rel, "the first hit")
        await pilot.press("full_stop")  # `.`: the next hit, without the search screen
        await wait_for(pilot, lambda: app.view.note.rel == second.rel, "the second hit")
        assert app.view.outline.timestamps[app.current_timestamp].seconds == second.seconds
        await pilot.press("full_stop")  # past the last: around to the first
        await wait_for(pilot, lambda: app.view.note.rel == first.rel, "the first hit again")
        await pilot.press("comma")
        await wait_for(pilot, lambda: app.view.note.rel == second.rel, "back to the second hit")
        await pilot.press("slash")
        again = search_screen(app)
        assert again.query_one(Input).value == "zebracorn"  # the last query, searched again
        await wait_for(pilot, lambda: again.searched == "zebracorn", "the last query's results")
        assert again.query_one(HitList).highlighted == 1  # at the hit opened last


async def test_stepping_hits_without_a_search_says_so(app_factory, search_library):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        shown = app.view.note.rel
        await pilot.press("full_stop")
        await pilot.pause()
        assert app.view.note.rel == shown
        assert any("No search results to step through" in notice for notice in app.notices)


async def test_results_shown_while_indexing_are_refreshed_when_it_ends(app_factory, search_library, gated_update):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.index is not None, "the index to be opened")
        screen = await search(pilot, app, "aliasing")
        assert "Indexing" in status_text(screen) and screen.hits == []
        gated_update.set()
        await index_ready(pilot, app)  # nothing typed since: the screen searches again by itself
        await wait_for(pilot, lambda: [hit.rel for hit in screen.hits] == ["talks/rust_memory.md"], "the refreshed hits")
        await wait_for(pilot, lambda: "Indexing" not in status_text(screen), "the status without 'Indexing'")
        assert "1 note" in status_text(screen)


@pytest.mark.parametrize(
    ("query", "rels", "said"),
    [
        ("channel:tal zebracorn", ["talks/python_gil.md"], "in talks"),
        ("channel:ook zebracorn", ["cooking/bread.md"], "in cooking"),
        ("channel:nowhere zebracorn", [], "no channel matches 'nowhere'"),
    ],
)
async def test_channel_by_part_of_its_name_says_which(app_factory, search_library, query, rels, said):
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, query)
        assert [hit.rel for hit in screen.hits] == rels
        assert said in status_text(screen)


async def test_an_opened_hit_has_its_words_lit_in_the_note(app_factory, search_library):
    from shownotes.tui.panes.findbar import ReadingPane
    from shownotes.tui.panes.reader import Reader

    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        await search(pilot, app, "ALIASING")
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen), "the search screen to close")
        pane = app.query_one(ReadingPane)
        await wait_for(pilot, lambda: pane.found is not None and pane.current is not None, "the hit's words lit")
        assert pane.is_open and pane.input.value == "aliasing"
        assert isinstance(app.focused, Reader)  # reading keys still read
        assert app.reader.is_visible(pane.found.line_of(pane.current))
        assert pane.count_text == "1/1"


async def test_down_moves_focus_to_the_results_at_once(app_factory, search_library):
    """Keys sent in one burst after ↓ (`send-keys Down j Enter`) must reach the list, not the query box."""
    app = app_factory(search_library)
    async with app.run_test(size=SIZE) as pilot:
        await index_ready(pilot, app)
        screen = await search(pilot, app, "zebracorn")
        screen.action_focus_results()
        assert isinstance(app.focused, HitList)  # no turn of the event loop in between
