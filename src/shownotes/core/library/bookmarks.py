"""Finding a bookmark's note again: by videoId first (the library may have moved), then by path."""

from __future__ import annotations

import time

from ..notes.note import Note
from ..notes.outline import Outline
from ..state import Bookmark
from ..textsafe import clean_line
from ..timecode import deep_link, format_time
from .library import Library


def find_note(library: Library, bookmark: Bookmark) -> Note | None:
    if bookmark.video_id:
        same_video = [note for note in library.notes if note.video_id == bookmark.video_id]
        for match in (
            lambda note: note.rel == bookmark.rel,
            lambda note: note.title == bookmark.title,
            lambda note: note.stem == bookmark.rel.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        ):
            found = next((note for note in same_video if match(note)), None)
            if found is not None:
                return found
        if same_video:
            return same_video[0]
    return library.note(bookmark.rel)


LABEL_CHARS = 160


def clip(text: str, limit: int = LABEL_CHARS) -> str:
    """At most `limit` characters, cut at a word boundary and ended with `…` when anything was cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:  # a long word near the end: cut before it rather than inside it
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + "…"


def in_library(library: Library, bookmarks: list[Bookmark]) -> list[Bookmark]:
    """The bookmarks whose note this library holds (found as find_note finds it: by videoId, else path)."""
    videos = {note.video_id for note in library.notes if note.video_id}
    return [b for b in bookmarks if (b.video_id and b.video_id in videos) or library.note(b.rel) is not None]


def describe(bookmark: Bookmark) -> str:
    """One safe line: time (or section), title, and the sentence or heading it marks."""
    when = format_time(bookmark.seconds) if bookmark.seconds is not None else "position"
    label = f" — {bookmark.label}" if bookmark.label else ""
    return clean_line(f"{when}  {bookmark.title}{label}")


def link(bookmark: Bookmark) -> str | None:
    return deep_link(bookmark.video_id, bookmark.seconds) if bookmark.seconds is not None else None


def bookmark(note: Note, outline: Outline, timestamp: int | None, section: int) -> Bookmark:
    """A moment (a timestamp of the note, labelled with the sentence it cites), else a reading
    position (a section, labelled with its heading)."""
    if timestamp is not None:
        stamp = outline.timestamps[timestamp]
        return Bookmark(note.video_id, stamp.seconds, note.title, note.rel, clip(stamp.context), time.time(), stamp.section)
    title = next((s.title for s in outline.sections if s.index == section), "")
    return Bookmark(note.video_id, None, note.title, note.rel, title, time.time(), section)


def moment_bookmark(note: Note, outline: Outline, seconds: int) -> Bookmark:
    """The player's moment, labelled with the section and sentence of the timestamp at or before it."""
    before = [stamp for stamp in outline.timestamps if stamp.seconds <= seconds]
    stamp = max(before, key=lambda s: (s.seconds, -s.index), default=None)
    if stamp is None:
        return Bookmark(note.video_id, seconds, note.title, note.rel, "", time.time(), 0)
    titles = {section.index: section.title for section in outline.sections}
    heading = titles.get(stamp.section, "")
    label = f"{heading}: {stamp.context}" if heading else stamp.context
    return Bookmark(note.video_id, seconds, note.title, note.rel, clip(label), time.time(), stamp.section)
