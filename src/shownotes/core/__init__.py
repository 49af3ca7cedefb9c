"""The pure core of shownotes: notes, parsing, the library, the index and state. Never imports textual."""

from .library.library import Library, LibraryWarning
from .notes.note import Note, NoteError
from .notes.outline import Outline, Section, Timestamp, WikiLink
from .timecode import deep_link, format_time, parse_time

__all__ = [
    "Library",
    "LibraryWarning",
    "Note",
    "NoteError",
    "Outline",
    "Section",
    "Timestamp",
    "WikiLink",
    "deep_link",
    "format_time",
    "parse_time",
]
