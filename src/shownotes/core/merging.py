"""A library made anew from what was read since: notes' metadata from their files' heads, and what the
index's update found (titles from a first H1, warnings, notes added and dropped). Pure: each function
returns a new Library and whether what the sidebar shows changed."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from .library.library import Library
from .notes.note import Note, read_head, stub

if TYPE_CHECKING:
    from .index import Summary


def from_summary(path: Path | str, rel: str, summary: Summary | None) -> Note:
    if summary is None:
        return stub(path, rel)
    return Note(
        file=os.fspath(path),
        rel=rel,
        title=summary.title,
        video_id=summary.video_id,
        channel_hint=summary.channel_hint,
        size=summary.size,
        mtime=summary.mtime_ns / 1e9,
        has_title=summary.has_title,
        warnings=tuple(summary.warnings),
    )


def read_heads(notes: Iterable[Note], should_stop: Callable[[], bool] = lambda: False) -> dict[str, Note]:
    """Fresh metadata for the stubs among `notes` (reads files; changes nothing)."""
    fresh: dict[str, Note] = {}
    for note in notes:
        if should_stop():
            break
        if not note.known:
            fresh[note.rel] = read_head(note.file, note.rel)
    return fresh


def _shown(note: Note) -> tuple:
    return (note.title, note.video_id, note.channel_hint, note.known, bool(note.warnings or note.error))


def apply_metadata(library: Library, fresh: dict[str, Note]) -> tuple[Library, bool]:
    """The library with fresh metadata on its notes (bodies already read are kept); whether any of
    what the sidebar shows changed."""
    if not fresh:
        return library, False
    notes, changed, same = [], False, True
    for note in library.notes:
        new = fresh.get(note.rel)
        if new is not None:
            updated = note.with_(
                title=new.title,
                has_title=new.has_title,
                video_id=new.video_id,
                channel_hint=new.channel_hint,
                size=new.size,
                mtime=new.mtime,
                known=True,
                warnings=new.warnings or note.warnings,
                error=new.error if new.error and note.body is None else note.error,
            )
            changed |= _shown(updated) != _shown(note)
            same = same and updated == note
            note = updated
        notes.append(note)
    return (library, False) if same else (library.with_notes(notes), changed)


def reconcile(library: Library, summaries: list[Summary]) -> tuple[Library, bool]:
    """After an index update of a library shown from the index: notes added and dropped as on disk."""
    present = {summary.rel: summary for summary in summaries}
    kept = [note for note in library.notes if note.rel in present]
    known = {note.rel for note in kept}
    base = str(library.root)
    added = [from_summary(f"{base}/{s.raw or rel}", rel, s) for rel, s in present.items() if rel not in known]
    if not added and len(kept) == len(library.notes):
        return library, False
    return library.with_notes(kept + added), True


def apply_summaries(library: Library, summaries: list[Summary]) -> tuple[Library, bool]:
    """After indexing: titles found by parsing (first H1) and warnings, onto the notes the index read
    as they are now (a note read since it was indexed keeps what it has)."""
    fresh = {}
    for summary in summaries:
        note = library.note(summary.rel)
        if note is None or (note.body is not None and (note.size, round(note.mtime * 1e9)) != (summary.size, summary.mtime_ns)):
            continue
        fresh[summary.rel] = from_summary(note.file, note.rel, summary)
    return apply_metadata(library, fresh)
