"""A note made ready to show: parsed once, links resolved, laid out on demand."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.library import Library
from ..core.note import Note, Parsed
from ..core.outline import Outline
from ..core.timecode import deep_link
from .layout import Document
from .palette import DEFAULT_PALETTE, Palette


@dataclass
class NoteView:
    note: Note
    parsed: Parsed
    document: Document
    targets: list[Note | None]  # the note each wiki link resolves to, by link index

    @property
    def outline(self) -> Outline:
        return self.parsed.outline

    def url(self, timestamp: int) -> str | None:
        stamps = self.parsed.outline.timestamps
        if not 0 <= timestamp < len(stamps):
            return None
        return deep_link(self.note.video_id, stamps[timestamp].seconds)

    def restyled(self, palette: Palette) -> NoteView:
        targets = self.targets
        document = Document(self.parsed.tokens, palette, lambda index: _resolved(targets, index))
        return NoteView(self.note, self.parsed, document, targets)


def _resolved(targets: list[Note | None], index: int) -> bool:
    return 0 <= index < len(targets) and targets[index] is not None


def build_view(note: Note, library: Library | None, palette: Palette = DEFAULT_PALETTE) -> NoteView:
    parsed = note.parse()
    targets = [library.resolve(link.target, note) if library else None for link in parsed.outline.links]
    document = Document(parsed.tokens, palette, lambda index: _resolved(targets, index))
    return NoteView(note, parsed, document, targets)
