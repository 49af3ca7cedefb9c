"""Two readers open on one state file: neither drops what the other saved (bookmarks, places, history)."""

from __future__ import annotations

from pathlib import Path

from shownotes.core.state import load_state

from .conftest import note_text

SIZE = (120, 36)


async def test_two_apps_at_once_keep_each_others_bookmarks_and_places(app_factory, small_library: Path, tmp_path: Path) -> None:
    state_file = tmp_path / "shared-state.json"
    other = tmp_path / "other"
    (other / "show").mkdir(parents=True)
    (other / "show" / "talk.md").write_text(note_text("Talk", "CCCCCCCCCCC", "## Part\n\nA line [00:00:10].\n"), encoding="utf-8")
    first = app_factory(small_library, state_file=state_file)
    second = app_factory(other, state_file=state_file)  # started before the first one saves anything
    async with first.run_test(size=SIZE) as one, second.run_test(size=SIZE) as two:
        await one.pause()
        await two.pause()
        first.open_note("pod/alpha.md")
        await one.pause()
        await one.press("t", "j", "m")  # a bookmark in the first reader
        await one.pause()
        assert len(load_state(state_file).bookmarks) == 1
        second.open_note("show/talk.md")  # the second one saves its place: it must keep the bookmark
        await two.pause()
        await two.press("j", "m")
        await two.pause()
        await one.press("q")
        await two.press("q")
    state = load_state(state_file)
    assert sorted(b.title for b in state.bookmarks) == ["Alpha", "Talk"]
    assert {position.rel for position in state.last.values()} == {"pod/alpha.md", "show/talk.md"}
    assert len(state.history) == 2
