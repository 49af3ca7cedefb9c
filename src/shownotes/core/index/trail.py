"""The last library search: its query, its hits and the one opened last, so `/` comes back to them
and the reader can step to the next or previous hit without searching again."""

from __future__ import annotations

from dataclasses import dataclass, field

from .search import Hit


@dataclass
class Trail:
    query: str = ""
    hits: list[Hit] = field(default_factory=list)
    position: int | None = None  # the hit opened last

    def remember(self, query: str, hits: list[Hit], position: int) -> None:
        self.query, self.hits = query, list(hits)
        self.position = position if 0 <= position < len(hits) else None

    def step(self, direction: int) -> tuple[int, Hit] | None:
        """The next (or previous) hit, wrapping around; None when there was no search with hits."""
        if not self.hits:
            return None
        if self.position is None:
            self.position = 0 if direction > 0 else len(self.hits) - 1
        else:
            self.position = (self.position + direction) % len(self.hits)
        return self.position, self.hits[self.position]
