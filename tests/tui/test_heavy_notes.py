"""Notes whose parsing could stall the screen are parsed off the UI thread, every time they open."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.library import Library
from shownotes.tui.app import BACKGROUND_BRACKETS, BACKGROUND_BYTES

from .test_library_upkeep import SIZE, shown, wait_for, write_files

NOTES = {
    "small.md": "# Small\n\nA short note [00:00:05] with [[big]].\n",
    "brackets.md": "# Brackets\n\n" + "[" * (BACKGROUND_BRACKETS + 1) + "\n\nBracket tail.\n",
    "few_brackets.md": "# Few\n\n" + "[" * (BACKGROUND_BRACKETS - 10) + "\n\nFew tail.\n",
    "big.md": "# Big\n\n" + "Filler words without any brackets at all.\n\n" * (BACKGROUND_BYTES // 40) + "Big tail.\n",
}

# (the notes opened in turn, whether the last one is parsed off the UI thread, text it then shows)
CASES = [
    (["small.md"], False, "A short note"),
    (["few_brackets.md"], False, "Few tail."),
    (["brackets.md"], True, "Bracket tail."),
    (["big.md"], True, "Big tail."),
    (["big.md", "small.md", "big.md"], True, "Big tail."),  # its body is loaded by now; its parse is not kept
    (["brackets.md", "small.md", "brackets.md"], True, "Bracket tail."),
]


@pytest.mark.parametrize(("opened", "off_thread", "text"), CASES, ids=[" > ".join(c[0]) for c in CASES])
async def test_heavy_notes_open_off_the_ui_thread(app_factory, tmp_path: Path, opened, off_thread, text) -> None:
    library = Library.open(write_files(tmp_path / "lib", NOTES))
    app = app_factory(library, watch_files=False)
    async with app.run_test(size=SIZE) as pilot:
        for rel in opened:
            app.open_note(rel)
            busy = app.view is None  # open_note returned: nothing shown yet means the work went to a thread
            if busy:
                assert "Loading" in app.reader.message
            await wait_for(pilot, lambda: app.view is not None and app.view.note.rel == rel, f"{rel} to show")
        assert busy is off_thread
        app.reader.text_layout.extend()
        assert text in shown(app)


async def test_keys_move_on_while_a_heavy_note_loads(app_factory, tmp_path: Path) -> None:
    library = Library.open(write_files(tmp_path / "lib", NOTES))
    app = app_factory(library, watch_files=False)
    order = [note.rel for note in library.channel(library.channel_names()[0]).notes]
    start = order.index("brackets.md")
    async with app.run_test(size=SIZE) as pilot:
        app.open_note("brackets.md")
        named = library.note("brackets.md").title  # its file name until its first heading is parsed
        assert app.view is None and app.title == named and str(app.reader.border_title) == named
        await pilot.press("n")  # from the note being loaded, not from nothing
        await wait_for(pilot, lambda: app.view is not None, "the next note")
        assert app.view.note.rel == order[start + 1]
        assert app.title == app.view.note.title
