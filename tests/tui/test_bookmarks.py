"""Bookmarks: `m` keeps a moment, the palette brings it back (even after the library moved), the CLI lists it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from shownotes import cli
from shownotes.core.state import load_state
from shownotes.tui.messages import OpenBookmark

from ..conftest import SEEDS, palette_settled

SIZE = (140, 40)
SIX = "https://www.youtube.com/watch?v=P6y0gr-W2-k&t=6s"


async def test_m_bookmarks_the_current_timestamp_once(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j")
        await pilot.pause()
        await pilot.press("m")
        await pilot.press("m")
        await pilot.pause()
        assert app.notices[-2:] and "Already bookmarked" not in app.notices[-2]
    (bookmark,) = load_state().bookmarks
    assert (bookmark.video_id, bookmark.seconds, bookmark.rel) == ("P6y0gr-W2-k", 6, "000_02ee466525ab61b6.txt")
    assert bookmark.label.startswith("Laten Space had over 2 million downloads")


async def test_bookmark_survives_restart_and_a_moved_library(app_factory, tmp_path: Path):
    first = app_factory()
    async with first.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "m", "q")

    moved = tmp_path / "elsewhere" / "renamed"
    moved.mkdir(parents=True)
    shutil.copy(SEEDS / "000_02ee466525ab61b6.txt", moved / "ai_infrastructure_and_tooling.md")
    second = app_factory(moved.parent)
    async with second.run_test(size=SIZE) as pilot:
        await pilot.pause()
        (bookmark,) = second.session.state.bookmarks
        second.post_message(OpenBookmark(bookmark))
        await pilot.pause()
        await pilot.pause()
        assert second.view.note.rel == "renamed/ai_infrastructure_and_tooling.md"
        assert second.current_timestamp == 1
        await pilot.press("c")
        assert second.clipboard == SIX


async def test_palette_lists_and_opens_bookmarks(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "j", "m")
        await pilot.pause()
        await pilot.press("t", "g")  # move away from the bookmarked moment
        await pilot.pause()
        await pilot.press("ctrl+p", *"bookmark: 00:00:27")
        await palette_settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.current_timestamp == 2


async def test_a_note_without_timestamps_bookmarks_the_position(app_factory, small_library):
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_note("pod/loose.md")
        await pilot.pause()
        app.current_timestamp = None
        await pilot.press("m")
    (bookmark,) = load_state().bookmarks
    assert bookmark.seconds is None and bookmark.rel == "pod/loose.md"


def test_cli_lists_bookmarks_as_json_and_text(app_factory, capsys):
    from shownotes.core.state import Bookmark, State, save_state

    state = State(bookmarks=[Bookmark("P6y0gr-W2-k", 6, "AI infrastructure\x1b[31m and tooling", "a.md", "Laten")])
    save_state(state)
    assert cli.main(["bookmarks", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert row["url"] == SIX and row["time"] == "00:00:06" and "\x1b" not in row["title"]
    assert cli.main(["bookmarks"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(SIX) and "\x1b" not in out


async def test_remove_bookmark_from_the_palette_can_be_undone(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "j", "m")
        await pilot.pause()
        await pilot.press("ctrl+p", *"remove bookmark: 00:00:27")
        await palette_settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert load_state().bookmarks == []  # removed at once, and saved so
        await pilot.press("ctrl+p", *"undo remove")
        await palette_settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        (restored,) = load_state().bookmarks
        assert restored.seconds == 27 and app.session.removed == []
        assert any("Bookmark restored" in notice or "00:00:27" in notice for notice in app.notices)


async def test_the_palette_offers_only_this_librarys_bookmarks(app_factory, small_library):
    from shownotes.core.state import Bookmark, State, save_state

    save_state(
        State(
            bookmarks=[
                Bookmark("P6y0gr-W2-k", 6, "AI infrastructure and tooling", "000_02ee466525ab61b6.txt", "Laten"),
                Bookmark("AAAAAAAAAAA", 60, "Alpha", "pod/alpha.md", "the beta note"),
            ]
        )
    )
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"bookmark")
        await palette_settled(pilot)
        prompts = [str(option.prompt) for option in app.screen.query_one("OptionList").options]
        assert any("Alpha" in prompt for prompt in prompts), prompts
        assert not any("AI infrastructure" in prompt for prompt in prompts), prompts
