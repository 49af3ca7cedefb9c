"""Back/forward history and the reading order of notes (as the sidebar lists them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.state import Position


@dataclass
class History:
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
