"""Places to go back to: bookmarks (`m`, and the palette's commands: made where the reader is, removed
with an undo, each saved at once and told in a notification) and the history (back and forward)."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from ..core.library.bookmarks import describe, find_note
from ..core.places import AtMoment, InSection, OpenRequest, section_place
from ..core.session import Session
from ..core.state import Bookmark, Position
from .desk import Desk


class Places:
    def __init__(
        self, app: App, session: Session, desk: Callable[[], Desk], save: Callable[[], None], remember: Callable[[], None]
    ) -> None:
        self.app, self.session, self.desk, self.save, self.remember = app, session, desk, save, remember

    def add_here(self) -> None:
        made = self.desk().bookmark_here()
        if made is None:
            return
        added = self.session.add_bookmark(made)
        self.save()
        self.app.notify(describe(made), title="Bookmarked" if added else "Already bookmarked", markup=False)

    def remove(self, bookmark: Bookmark) -> None:
        self.session.remove_bookmark(bookmark)
        self.save()
        self.app.notify(f"{describe(bookmark)}\n(palette: Undo remove bookmark)", title="Bookmark removed", markup=False)

    def undo_remove(self) -> None:
        restored = self.session.undo_remove()
        if restored is not None:
            self.save()
            self.app.notify(describe(restored), title="Bookmark restored", markup=False)

    def travel(self, step: int) -> None:
        """Back (-1) or forward (1) in the history, to where that note was left."""
        self.remember()
        history = self.session.history
        entry = history.back() if step < 0 else history.forward()
        if entry is None:
            self.app.notify("No more history that way", severity="information")
        else:
            position = history.position(entry.rel) or Position(entry.rel)
            self.desk().open(OpenRequest(position.rel, InSection(position.section, position.offset), record=False))

    def open_bookmark(self, mark: Bookmark) -> None:
        desk = self.desk()
        note = find_note(desk.library, mark)
        if note is None:
            self.app.notify(f"{describe(mark)}: not in this library", severity="warning", markup=False)
        else:
            place = AtMoment(mark.seconds, mark.section) if mark.seconds is not None else section_place(mark.section)
            desk.open(OpenRequest(note.rel, place))
