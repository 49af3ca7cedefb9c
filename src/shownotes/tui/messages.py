"""Messages the panes post upward; the app routes them. Each is a small dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message
from textual.widget import Widget


@dataclass
class OpenNote(Message):
    """Show a note, optionally at a section or timestamp; history records it unless told not to."""

    rel: str
    section: int | None = None
    timestamp: int | None = None
    record: bool = True


@dataclass
class TimestampChosen(Message):
    """A timestamp became the current one (panel cursor, reader link, palette)."""

    index: int
    source: Widget | None = field(default=None, repr=False)

    @property
    def control(self) -> Widget | None:
        return self.source


@dataclass
class ReaderMoved(Message):
    """The reader's top line moved into another section or past another timestamp."""

    section: int
    timestamp: int | None


@dataclass
class LinkActivated(Message):
    kind: str  # ts | wiki | url
    key: int | str


@dataclass
class TimestampAction(Message):
    """Copy, copy as Markdown, or open one timestamp's deep link (the panel names the row itself)."""

    action: str  # copy | markdown | open
    index: int


@dataclass
class HitAction(Message):
    """A search hit to open (at its section and moment), copy, or play."""

    action: str  # open_note | copy | open
    hit: object  # core.hits.Hit; typed loosely so this module stays free of core imports
