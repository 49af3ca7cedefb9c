"""The app on the hostile library (Pilot): every note opens without an exception and nothing it shows
holds a control character; notes deleted or rewritten while open leave the app running."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets.tree import TreeNode

from shownotes.core.library import Library

from ..waiting import REWRITE_SECONDS, WAIT_SECONDS
from .checks import forbidden
from .corpus import PAYLOAD, write_terminal_set

SIZE = (140, 40)


def tree_labels(node: TreeNode) -> Iterator[str]:
    for child in node.children:
        yield str(child.label.plain if hasattr(child.label, "plain") else child.label)
        yield from tree_labels(child)


def shown(app) -> str:
    layout = app.reader.text_layout
    layout.extend()
    return layout.plain()


async def test_every_hostile_note_opens_and_shows_no_control(hostile_app, effects, hostile_root: Path) -> None:
    library = Library.open(hostile_root)
    app = hostile_app(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert len(library.notes) >= 20
        for note in library.notes:
            app.open_note(note.rel)
            await pilot.pause()
            assert app.view is not None and app.view.note.rel == note.rel
            text = shown(app)
            assert forbidden(text, "\n") == [], (note.rel, forbidden(text, "\n")[:5])
            for place in (app.title, app.sub_title):
                assert forbidden(place) == [], (note.rel, place)
            for stamp in app.panel.stamps:
                assert forbidden(stamp.context) == [] and forbidden(stamp.label) == []
            await pilot.press("t", "j", "c", "o", "tab")  # the panel, a row, copy, open: all on hostile text
            await pilot.pause()
        labels = list(tree_labels(app.sidebar.root))
        assert len(labels) >= 3
        assert all(forbidden(label) == [] for label in labels), [label for label in labels if forbidden(label)]
        assert all(forbidden(message, "\n") == [] for message in app.notices)
        assert effects.opened and all(url.startswith("https://www.youtube.com/") for url, _s, _p in effects.opened)
        assert app.is_running
        note = library.note(next(n.rel for n in library.notes if n.rel.endswith("escaped_title.md")))
        app.open_note(note.rel)
        await pilot.pause()
        assert "␛]2;PWNED-TITLE␇" in shown(app)  # shown, not dropped


MARKUP_TITLES = [
    ("auto close", "[/]"),
    ("unmatched close", "[/bold] x"),
    ("bad link value", "[link=file:///etc/passwd]x[/]"),
    ("file hyperlink", '[link="file:///etc/passwd"]click[/]'),
    ("click action", "[@click=app.quit]click me[/]"),
    ("style", "[reverse blink]loud[/]"),
]


@pytest.mark.parametrize("title", [c[1] for c in MARKUP_TITLES], ids=[c[0] for c in MARKUP_TITLES])
async def test_markup_in_a_title_is_shown_as_text(hostile_app, tmp_path: Path, title: str) -> None:
    root = tmp_path / "markup"
    (root / "chan").mkdir(parents=True)
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    (root / "chan" / "note.md").write_text(f'---\ntitle: "{quoted}"\n---\nbody\n', encoding="utf-8")
    app = hostile_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.view is not None and app.view.note.title == title
        assert Content.from_markup(app.reader.border_title).plain == title
        assert Content.from_markup(app.reader.border_title).spans == []


async def test_open_note_rewritten_deleted_and_replaced_by_a_pipe(hostile_app, tmp_path: Path) -> None:
    """Live reload on hostile changes, driven through files_changed so no watcher timing is involved."""
    root = tmp_path / "live"
    (note_path,) = [p for p in write_terminal_set(root) if p.name == "escaped_title.md"]
    library = Library.open(root)
    rel = next(n.rel for n in library.notes if n.rel.endswith("escaped_title.md"))
    app = hostile_app(library)
    async with app.run_test(size=SIZE) as pilot:
        app.open_note(rel)
        await pilot.pause()
        first = shown(app)
        assert "PWNED" in first

        note_path.write_bytes(b"\x00\x01binary now" * 100)
        app.files_changed({(2, str(note_path))})
        await pilot.pause()
        assert shown(app) == first  # the last version read stays on screen
        assert any("binary" in message for message in app.notices)

        note_path.write_text(f"# Rewritten {PAYLOAD}\n\nnew words [00:00:09]\n", encoding="utf-8")
        app.files_changed({(2, str(note_path))})
        await pilot.pause()
        assert "new words" in shown(app) and forbidden(shown(app), "\n") == []

        note_path.unlink()
        app.files_changed({(3, str(note_path))})
        await pilot.pause()
        assert app.library.note(rel) is None
        assert any("deleted" in message for message in app.notices)
        assert "new words" in shown(app)

        os.mkfifo(note_path)  # a pipe where the note was: reading it must not wait for a writer
        app.files_changed({(1, str(note_path))})
        await pilot.pause()
        assert any("not a regular file" in message for message in app.notices)
        assert app.is_running
        assert all(forbidden(message, "\n") == [] for message in app.notices)



async def test_markup_in_a_title_survives_the_command_palette(hostile_app, tmp_path: Path) -> None:
    root = tmp_path / "palette"
    for folder, name, text in [("aa", "plain.md", "# Plain\n\nbody\n"), ("zz", "odd.md", "---\ntitle: '[/] odd'\n---\nbody\n")]:
        (root / folder).mkdir(parents=True)
        (root / folder / name).write_text(text, encoding="utf-8")
    app = hostile_app(root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.view is not None and app.view.note.title == "Plain"  # the odd note is not open
        await pilot.press("ctrl+p", *"odd")
        await pilot.pause()
        assert app.is_running
        assert app.view.note.title == "Plain"




async def test_live_reload_survives_a_file_name_that_is_not_utf8(hostile_app, tmp_path: Path) -> None:
    root = tmp_path / "names"
    (root / "chan").mkdir(parents=True)
    note = root / "chan" / "note.md"
    note.write_text("# Note\n\nfirst words\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(root / "chan"), b"latin\xe9.md"), "wb") as handle:
        handle.write(b"# Latin\n\nbody\n")
    app = hostile_app(root, watch_files=True, background=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_note("chan/note.md")  # "Latin" sorts first; the edited note must be the one on screen
        await pilot.pause()
        edit = lambda: note.write_text("# Note\n\nkumquat words\n", encoding="utf-8")  # noqa: E731
        edit()
        start = last = time.monotonic()
        while "kumquat" not in shown(app) and not any("not watching" in m for m in app.notices):
            assert time.monotonic() - start < WAIT_SECONDS, "neither the edit nor the watcher's end arrived"
            if time.monotonic() - last > REWRITE_SECONDS:
                edit()
                last = time.monotonic()
            await pilot.pause(0.01)
        assert not any("not watching" in m for m in app.notices), app.notices
        assert "kumquat" in shown(app)
