"""Notes whose parsing could stall the screen are parsed off the UI thread, every time they open."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.library import Library
from shownotes.core.places import AtTimestamp
from shownotes.tui.desk import BACKGROUND_BRACKETS, BACKGROUND_BYTES
from shownotes.tui.panes.status import IndexStatus

from ..waiting import wait_for
from .test_library_upkeep import SIZE, shown, write_files

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
            await wait_for(pilot, lambda rel=rel: app.view is not None and app.view.note.rel == rel, f"{rel} to show")
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


async def test_a_heavy_note_edited_while_it_loads_shows_the_edit(app_factory, tmp_path: Path) -> None:
    root = write_files(tmp_path / "lib", NOTES)
    library = Library.open(root)
    app = app_factory(library, watch_files=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_note("brackets.md")
        assert app.view is None
        (root / "brackets.md").write_text(NOTES["brackets.md"].replace("Bracket tail.", "Edited tail."), encoding="utf-8")
        app.files_changed({(2, str(root / "brackets.md"))})  # the old parse may finish later: it is dropped
        await wait_for(pilot, lambda: app.view is not None, "the note")
        await pilot.pause()
        app.reader.text_layout.extend()
        assert "Edited tail." in shown(app) and "Bracket tail." not in shown(app)


async def test_heavy_notes_are_never_parsed_on_the_ui_thread(app_factory, tmp_path: Path, monkeypatch) -> None:
    import threading

    from shownotes.core.notes.note import Note

    root = write_files(tmp_path / "lib", NOTES)
    parsed_on: list[str] = []
    parse = Note.parse

    def recording(note: Note):
        if note.rel in ("big.md", "brackets.md"):
            parsed_on.append(threading.current_thread().name)
        return parse(note)

    monkeypatch.setattr(Note, "parse", recording)
    app = app_factory(Library.open(root), watch_files=False)
    async with app.run_test(size=SIZE) as pilot:
        for rel in ("big.md", "small.md", "brackets.md"):
            app.open_note(rel)
            await wait_for(pilot, lambda rel=rel: app.view is not None and app.view.note.rel == rel, rel)
        (root / "brackets.md").write_text(NOTES["brackets.md"] + "\nMore.\n", encoding="utf-8")
        app.files_changed({(2, str(root / "brackets.md"))})  # live reload of the open heavy note
        await wait_for(pilot, lambda: app.view is not None and "More." in app.view.note.text, "reload")
        await wait_for(pilot, lambda: len(parsed_on) >= 3, "the reload's parse")
    assert parsed_on and threading.main_thread().name not in parsed_on


async def test_the_panel_follows_into_a_note_after_one_without_timestamps(app_factory, tmp_path: Path) -> None:
    stamps = "\n\n".join(f"Moment {n} [00:{n // 60:02d}:{n % 60:02d}]." for n in range(80))
    root = write_files(tmp_path / "lib", {"a_none.md": "# None\n\nNo moments here.\n", "b_many.md": f"# Many\n\n{stamps}\n"})
    app = app_factory(Library.open(root), watch_files=False)
    async with app.run_test(size=SIZE) as pilot:
        app.open_note("a_none.md")
        await pilot.pause()
        assert app.panel.stamps == []
        app.open_note("b_many.md", AtTimestamp(70))
        await pilot.pause()
        await pilot.pause()
        panel = app.panel
        row = panel.rows[70] * 2
        assert panel.cursor == panel.rows[70]
        assert panel.scroll_y <= row < panel.scroll_y + panel.scrollable_content_region.height


@pytest.mark.parametrize("move_on", [False, True], ids=["waits-for-it", "moves-on"])
async def test_the_footer_comes_once_a_heavy_first_note_is_shown(app_factory, tmp_path: Path, move_on: bool) -> None:
    from textual.widgets import Footer

    library = Library.open(write_files(tmp_path / "lib", NOTES))
    first = library.first_note()
    assert first is not None and first.rel in ("big.md", "brackets.md")  # the app opens a heavy note first
    app = app_factory(library, watch_files=False)
    async with app.run_test(size=SIZE) as pilot:
        if move_on:
            app.open_note("small.md")  # while the heavy one loads
        await wait_for(pilot, lambda: app.view is not None, "a note")
        await wait_for(pilot, lambda: bool(app.query(Footer)) and bool(app.query(IndexStatus)), "the footer and status")
        assert len(app.query(Footer)) == 1
