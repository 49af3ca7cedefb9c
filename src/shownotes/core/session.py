"""What one run of the reader remembers about a library: back/forward history, where each note was
left, the notes read recently, the theme and bookmarks; kept in the state file between runs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .layout import PaneLayout
from .state import Bookmark, Position, State, load_state, save_state

MAX_RECENT = 50


@dataclass
class History:
    """Back and forward over the notes opened, with the place each was left at."""

    entries: list[str] = field(default_factory=list)
    index: int = -1
    positions: dict[str, Position] = field(default_factory=dict)

    def visit(self, rel: str) -> None:
        if 0 <= self.index < len(self.entries) and self.entries[self.index] == rel:
            return
        del self.entries[self.index + 1 :]
        self.entries.append(rel)
        self.index = len(self.entries) - 1

    def remember(self, position: Position) -> None:
        self.positions[position.rel] = position

    def position(self, rel: str) -> Position | None:
        return self.positions.get(rel)

    def back(self) -> Position | None:
        if self.index <= 0:
            return None
        self.index -= 1
        return self.positions.get(self.entries[self.index], Position(self.entries[self.index]))

    def forward(self) -> Position | None:
        if self.index >= len(self.entries) - 1:
            return None
        self.index += 1
        return self.positions.get(self.entries[self.index], Position(self.entries[self.index]))


class Session:
    def __init__(self, key: str, state: State | None = None, state_file: Path | None = None) -> None:
        self.key = key  # the library, as the state file names it
        self.state_file = state_file
        self.state = state if state is not None else load_state(state_file)
        self.history = History()
        self.removed: list[Bookmark] = []  # removed this run, the latest last: undo brings them back

    @property
    def last(self) -> Position | None:
        """Where this library was left last time."""
        return self.state.last.get(self.key)

    @property
    def recent(self) -> list[str]:
        """Rels of the notes read recently, the latest first."""
        return list(reversed(self.state.history.get(self.key, [])))

    def visit(self, rel: str) -> None:
        self.history.visit(rel)
        recent = self.state.history.setdefault(self.key, [])
        recent[:] = [r for r in recent if r != rel][-(MAX_RECENT - 1) :] + [rel]

    def left(self, position: Position) -> None:
        """The reader is at `position` (it may move on, or stay there until the next run)."""
        self.history.remember(position)
        self.state.last[self.key] = position

    def set_theme(self, theme: str) -> None:
        self.state.theme = theme

    @property
    def layout(self) -> PaneLayout:
        return PaneLayout.from_table(self.state.layout)

    def set_layout(self, layout: PaneLayout) -> None:
        self.state.layout = layout.to_table()

    def add_bookmark(self, bookmark: Bookmark) -> bool:
        return self.state.add_bookmark(bookmark)

    def remove_bookmark(self, bookmark: Bookmark) -> None:
        self.state.remove_bookmark(bookmark)
        self.removed.append(bookmark)

    def undo_remove(self) -> Bookmark | None:
        """Put back the bookmark removed last (None when there is none left to put back)."""
        if not self.removed:
            return None
        bookmark = self.removed.pop()
        self.state.add_bookmark(bookmark)
        return bookmark

    def save(self) -> str | None:
        """Write the state file; why it could not be written, or None."""
        try:
            save_state(self.state, self.state_file)
        except OSError as error:
            return f"could not save state: {error.strerror or error}"
        return None
