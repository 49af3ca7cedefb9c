"""Opening a library for the reader at once: small folders are read, large ones start from the index.

A large folder shows every note by file name (or by the title the index remembers) before any note
file is read; `read_heads` and `apply_summaries` then fill in metadata, off the UI thread where
they read files, on it where they change notes. A large folder opened before is not even scanned
first: the reader shows the note it left off at (or, with no saved place, the note the index remembers
opening first), and the folder is loaded behind it (`pending`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import resources
from .library.library import Library, scan
from .notes.note import Note, NoteError, read_head, read_note, stub
from .state import State
from .textsafe import clean_line

if TYPE_CHECKING:
    from .index import Index, Summary

FULL_READ_LIMIT = 300  # below this many files, reading them all is faster than any cache
LARGE_TOP_ENTRIES = 40


@dataclass
class Catalog:
    library: Library
    index: Index | None = None
    complete: bool = True  # every note's metadata has been read
    pending: bool = False  # the folder has not been scanned yet: `load_folder` will bring it
    start: str | None = None  # pending with no saved place: the note the index says opens first
    cache_dir: Path | None = None
    scanned: bool = True  # False: notes are as the index last saw them until it is updated


def library_key(root: Path, single: str | None = None) -> str:
    """How the state file names a library: its absolute folder (and the note, for a single file)."""
    key = str(root.resolve())
    return f"{key}::{single}" if single else key


def open_for_reader(
    path: str | os.PathLike | None = None, cache_dir: Path | None = None, state: State | None = None
) -> Catalog:
    target = (Path(path).expanduser() if path is not None else resources.seeds_path()).absolute()
    if target.is_file():
        return Catalog(Library.open(target))
    if not target.is_dir():
        raise FileNotFoundError(f"no such file or folder: {clean_line(str(target))}")
    if state is not None and state.sizes.get(library_key(target), 0) > FULL_READ_LIMIT:
        return Catalog(Library(target, []), complete=False, pending=True, cache_dir=cache_dir)
    if _looks_large(target):
        from .index.schema import start_note  # SQLite loads only for large libraries

        start = start_note(target, cache_dir)
        if start is not None:  # opened before: show that note at once, the folder loads behind it
            return Catalog(Library(target, []), complete=False, pending=True, cache_dir=cache_dir, start=start)
        remembered = from_index(target, cache_dir)
        if remembered is not None:
            return remembered
    files, warnings = scan(target)
    if len(files) <= FULL_READ_LIMIT:
        return Catalog(Library.from_files(target, files, warnings))
    return load_folder(target, cache_dir, files, warnings)


def load_folder(
    root: Path,
    cache_dir: Path | None = None,
    files: list[tuple[Path | str, str]] | None = None,
    warnings: list | None = None,
    keep: dict[str, Note] | None = None,
) -> Catalog:
    """A large folder: every note listed, with what the index remembers of it (`keep` wins)."""
    from .index import Index  # SQLite and the index load only for libraries that need them

    if files is None:
        files, warnings = scan(root)
    index = Index.open(root, cache_dir)
    known = {summary.rel: summary for summary in index.summaries()}
    keep = keep or {}
    notes = []
    for path, raw in files:
        rel = clean_line(raw)
        notes.append(keep.get(rel) or from_summary(path, rel, known.get(rel)))
    complete = all(note.known for note in notes)
    return Catalog(Library(root, notes, list(warnings or [])), index=index, complete=complete, cache_dir=cache_dir)


def _looks_large(root: Path) -> bool:
    """Many folders or files at the top: worth asking the index before scanning everything."""
    try:
        with os.scandir(root) as entries:
            return sum(1 for _ in zip(range(LARGE_TOP_ENTRIES), entries)) >= LARGE_TOP_ENTRIES
    except OSError:
        return False


def from_index(root: Path, cache_dir: Path | None = None) -> Catalog | None:
    """Every note as the index last saw it, without scanning the folder (the index update will)."""
    from .index import Index, index_db

    if not index_db.db_path(root.resolve(), cache_dir).exists():
        return None
    index = Index.open(root, cache_dir)
    summaries = index.summaries()
    if len(summaries) <= FULL_READ_LIMIT:
        index.close()
        return None
    base = str(root)
    notes = [from_summary(f"{base}/{summary.raw or summary.rel}", summary.rel, summary) for summary in summaries]
    return Catalog(Library(root, notes, []), index=index, complete=True, cache_dir=cache_dir, scanned=False)


def from_summary(path: Path | str, rel: str, summary: Summary | None) -> Note:
    if summary is None:
        return stub(path, rel)
    note = Note(
        file=path,
        rel=rel,
        title=summary.title,
        video_id=summary.video_id,
        channel_hint=summary.channel_hint,
        size=summary.size,
        mtime=summary.mtime_ns / 1e9,
        has_title=summary.has_title,
        warnings=list(summary.warnings),
    )
    return note


@dataclass
class FileChange:
    """One changed file as read off the UI thread: gone, read afresh, or unreadable (`error`)."""

    rel: str
    note: Note | None = None
    gone: bool = False
    error: str | None = None


def read_changes(root: Path, paths: Iterable[str]) -> list[FileChange]:
    """Read every changed note file under root (the watcher's paths; others are ignored), in order."""
    changes = []
    for raw in sorted(set(paths)):
        relative = os.path.relpath(raw, root)
        if relative.startswith(".."):
            continue
        rel = clean_line(Path(relative).as_posix())
        if not os.path.exists(raw):
            changes.append(FileChange(rel, gone=True))
            continue
        try:
            changes.append(FileChange(rel, note=read_note(raw, rel)))
        except NoteError as error:
            changes.append(FileChange(rel, error=str(error)))
    return changes


def read_heads(notes: list[Note], should_stop: Callable[[], bool] = lambda: False) -> dict[str, Note]:
    """Fresh metadata for the stubs among `notes` (runs off the UI thread; changes nothing)."""
    fresh: dict[str, Note] = {}
    for note in notes:
        if should_stop():
            break
        if not note.known:
            fresh[note.rel] = read_head(note.path, note.rel)
    return fresh


def apply_metadata(library: Library, fresh: dict[str, Note]) -> bool:
    """Copy fresh metadata onto the library's notes (same objects, so open views stay valid)."""
    changed = False
    for rel, new in fresh.items():
        note = library.note(rel)
        if note is None:
            continue
        before = (note.title, note.video_id, note.channel_hint, note.known)
        note.title, note.has_title, note.video_id = new.title, new.has_title, new.video_id
        note.channel_hint, note.size, note.mtime, note.known = new.channel_hint, new.size, new.mtime, True
        if new.error and not note.loaded:
            note.error = new.error
        changed |= before != (note.title, note.video_id, note.channel_hint, True)
    if changed:
        library.replace(library.notes)
    return changed


def reconcile(library: Library, summaries: list[Summary]) -> bool:
    """After an index update of a library shown from the index: add and drop notes as the disk has them."""
    present = {summary.rel: summary for summary in summaries}
    kept = [note for note in library.notes if note.rel in present]
    known = {note.rel for note in kept}
    base = str(library.root)
    added = [from_summary(f"{base}/{s.raw or rel}", rel, s) for rel, s in present.items() if rel not in known]
    if not added and len(kept) == len(library.notes):
        return False
    library.replace(kept + added)
    return True


def apply_summaries(library: Library, summaries: list[Summary]) -> bool:
    """After indexing: titles found by parsing (first H1) and warnings, onto the library's notes."""
    fresh = {}
    for summary in summaries:
        note = library.note(summary.rel)
        if note is None or note.loaded:
            continue
        fresh[summary.rel] = from_summary(note.path, note.rel, summary)
    changed = apply_metadata(library, fresh)
    for rel, new in fresh.items():
        note = library.note(rel)
        if note is not None and note.warnings != new.warnings:
            note.warnings = new.warnings
    return changed
