"""An edit of the open note on disk keeps the timestamp chosen as the current one, not only the scroll."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.tui.desk import BACKGROUND_BRACKETS

from ..disk import write_files
from ..waiting import index_ready, wait_for
from .test_library_upkeep import shown

NOTE = "---\ntitle: A\nvideoId: AAAAAAAAAAA\n---\n## One\n\nFirst [00:00:10]. Second [00:00:20]. Third {word} [00:00:30].\n\n## Two\n\nFourth [00:00:40].\n{tail}"

# (id, what follows the note's text: nothing, or enough `[` that it is parsed off the UI thread)
CASES = [("parsed at once", ""), ("parsed in the background", "\n" + "[" * (BACKGROUND_BRACKETS + 1) + "\n")]


@pytest.mark.parametrize("tail", [c[1] for c in CASES], ids=[c[0] for c in CASES])
async def test_an_edit_keeps_the_current_timestamp(app_factory, tmp_path: Path, tail: str) -> None:
    root = write_files(tmp_path / "library", {"pod/a.md": NOTE.format(word="orchard", tail=tail)})
    app = app_factory(root, background=True)
    async with app.run_test(size=(140, 40)) as pilot:
        await index_ready(pilot, app)
        await wait_for(pilot, lambda: app.view is not None and app.view.note.rel == "pod/a.md", "the note shown")
        app.reader.focus()
        await pilot.press("l", "l", "l", "enter")  # the third timestamp, on the reader's first screen
        await wait_for(pilot, lambda: app.panel.current == 2, "the third timestamp current")
        position = app.reader.position()
        path = root / "pod/a.md"
        edit = lambda: path.write_text(NOTE.format(word="kumquat", tail=tail), encoding="utf-8")  # noqa: E731
        edit()
        await wait_for(pilot, lambda: app.view is not None and "kumquat" in shown(app), "the edit shown", rewrite=edit)
        await pilot.pause()
        assert app.reader.position() == position
        assert app.panel.current == 2
        assert app.reader.current_timestamp == 2
