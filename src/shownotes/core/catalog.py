"""Loading a library for the reader, as a state machine the catalog owns.

A small folder is read whole at once. A large one is listed first (every note by its file name or
as the index remembers it) and filled in behind; a large one opened before is not even scanned
first: the reader shows one note and the folder loads behind it. The stages, in order:

    PENDING    the folder is not scanned; only the note the reader opens first may be known
    LISTED     every note listed; some are known only by file name (their metadata is read next)
    UNSCANNED  every note as the index last saw it; the folder is compared by the index update
    READ       every note's metadata read from its file
    INDEXED    the index is up to date with the folder, and what parsing found is on the notes

`refresh(stop)` walks from the current stage to INDEXED, yielding an event at each step; `apply`
merges files changed on disk. Both replace `library` whole, under one lock, from any thread.
"""

from __future__ import annotations

import enum
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import resources
from .library.library import Library, LibraryWarning, scan
from .merging import apply_metadata, apply_summaries, from_summary, read_heads, reconcile
from .notes.note import Note, NoteError, is_note_file, read_note
from .textsafe import clean_line, path_key
from .workers import HEAVY_BYTES, POOL_MIN_FILES, prepare_workers

if TYPE_CHECKING:
    from .index import Index, UpdateResult
    from .index.schema import Hint

FULL_READ_LIMIT = 300  # below this many files, reading them all is faster than any cache


class Stage(enum.Enum):
    PENDING = "pending"
    LISTED = "listed"
    UNSCANNED = "unscanned"
    READ = "read"
    INDEXED = "indexed"


@dataclass(frozen=True)
class FolderLoaded:
    """The pending folder is scanned: every note is listed."""

    library: Library


@dataclass(frozen=True)
class ReadingMetadata:
    """Titles and videoIds of the notes known only by file name are being read."""


@dataclass(frozen=True)
class MetadataRead:
    """The notes known only by file name now have their titles and videoIds."""

    library: Library
    changed: bool


@dataclass(frozen=True)
class IndexOpened:
    notices: tuple[str, ...]  # what happened to the index file (rebuilt, kept in memory), for the user


@dataclass(frozen=True)
class Indexing:
    done: int
    total: int


@dataclass(frozen=True)
class Indexed:
    library: Library
    result: UpdateResult
    count: int  # notes in the index
    changed: bool  # the notes' titles or the set of notes changed


Event = FolderLoaded | ReadingMetadata | MetadataRead | IndexOpened | Indexing | Indexed


@dataclass(frozen=True)
class FileChange:
    """One changed file as read off the UI thread: gone, read afresh, or unreadable (`error`)."""

    rel: str
    note: Note | None = None
    gone: bool = False
    error: str | None = None


@dataclass(frozen=True)
class Outcome:
    """What merging changed files did, for the reader showing `open_rel`."""

    library: Library
    reshow: bool  # the open note changed: show it again where the reader is
    reopen: bool  # the open note was deleted and written again
    notices: tuple[str, ...]


class Catalog:
    """The library as the reader knows it now, and how far loading it has come."""

    def __init__(
        self,
        library: Library,
        *,
        stage: Stage = Stage.READ,
        index: Index | None = None,
        start: str | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self._library = library
        self.stage = stage
        self.index = index
        self.start = start  # pending with no saved place: the note the index says opens first
        self.cache_dir = cache_dir
        self._lock = threading.Lock()

    @property
    def library(self) -> Library:
        return self._library

    @property
    def pending(self) -> bool:
        return self.stage is Stage.PENDING

    @property
    def indexed(self) -> bool:
        return self.stage is Stage.INDEXED

    def key(self) -> str:
        library = self._library
        return library_key(library.root, library.notes[0].rel if library.single_file and library.notes else None)

    def prepare_workers(self) -> None:
        """Start what the index's worker processes need while stderr is still a real file (before a
        full-screen app takes it); only for libraries large enough to use them, or with heavy notes."""
        notes = self._library.notes
        if self.stage is Stage.PENDING or len(notes) >= POOL_MIN_FILES or any(note.size > HEAVY_BYTES for note in notes):
            prepare_workers()

    def resume(self, rel: str) -> bool:
        """Pending: read only the note the reader opens first; the rest loads behind it."""
        if self.stage is not Stage.PENDING:
            return False
        try:
            note = read_note(self._library.root / rel, rel)
        except NoteError:
            return False
        with self._lock:
            self._library = self._library.with_notes([note])
        return True

    def refresh(self, stop: Callable[[], bool] = lambda: False, waiting: Callable[[], None] = lambda: None) -> Iterator[Event]:
        """Bring the library and its index up to date, one event a step; stops early when `stop()`.
        `waiting()`: another process holds the index's lock, and the update waits for it."""
        if self.stage is Stage.PENDING:
            keep = {note.rel: note for note in self._library.notes}
            full = load_folder(self._library.root, self.cache_dir, keep=keep)
            if stop():
                return
            with self._lock:
                self._library, self.index, self.stage = full.library, full.index, full.stage
            yield FolderLoaded(full.library)
        if self.stage is Stage.LISTED:
            yield ReadingMetadata()
            fresh = read_heads(self._library.notes, stop)
            if stop():
                return
            with self._lock:
                self._library, changed = apply_metadata(self._library, fresh)
                self.stage = Stage.READ
            yield MetadataRead(self._library, changed)
        if self.index is None:
            from .index import Index

            library = self._library
            target = library.notes[0].path if library.single_file and library.notes else library.root
            self.index = Index.open(target, self.cache_dir, stop=stop)
            yield IndexOpened(tuple(self.index.notices))
        index = self.index
        steps = index.updating(stop, waiting=waiting)
        while True:
            try:
                step = next(steps)
            except StopIteration as finished:
                result = finished.value
                break
            yield Indexing(step.done, step.total)
        if stop():
            return
        summaries = index.summaries()
        with self._lock:
            library, changed = self._library, False
            if self.stage is Stage.UNSCANNED:  # shown from the index: now the update has scanned the folder
                library, changed = reconcile(library, summaries)
            library, retitled = apply_summaries(library, summaries)
            self._library, self.stage = library, Stage.INDEXED
        yield Indexed(library, result, len(summaries), changed or retitled)
        if not stop():  # a later start with no saved place opens it before any scan (large libraries only)
            first = library.first_note()
            index.remember_start(first.rel if first is not None and len(library.notes) > FULL_READ_LIMIT else None)

    def apply(self, changes: Iterable[FileChange], open_rel: str | None) -> Outcome:
        """Notes edited, added or deleted on disk, merged into the library."""
        notices: list[str] = []
        reshow = reopen = False
        with self._lock:
            library = self._library
            changed: dict[str, Note | None] = {}
            for change in changes:
                rel = change.rel
                note = changed[rel] if rel in changed else library.note(rel)
                if change.gone:
                    # a folder gone (moved out, renamed) takes the notes under it
                    under = [rel] if note is not None else [other.rel for other in library.notes if other.rel.startswith(f"{rel}/")]
                    for gone in under:
                        changed[gone] = None
                        if gone == open_rel:
                            notices.append(f"{gone} was deleted or moved; what you see is the last version read")
                elif note is None and change.note is not None:
                    changed[rel] = change.note
                    reopen |= rel == open_rel  # deleted and written again (sync tools, git checkout)
                elif note is None:
                    notices.append(f"{rel}: {change.error}")
                elif change.note is not None:
                    changed[rel] = change.note
                    reshow |= rel == open_rel
                else:
                    changed[rel] = note.with_(error=change.error, body="")
                    if rel == open_rel:
                        notices.append(f"{rel}: {change.error}; showing the last version read")
            self._library = library.with_changes(changed) if changed else library
            return Outcome(self._library, reshow, reopen, tuple(notices))


def library_key(root: Path, single: str | None = None) -> str:
    """How the state file names a library: its absolute folder (and the note, for a single file)."""
    key = str(root.resolve())
    return f"{key}::{single}" if single else key


def open_for_reader(path: str | os.PathLike | None = None, cache_dir: Path | None = None) -> Catalog:
    """The catalog a reader starts from: a small folder read, a large one listed or pending."""
    target = (Path(path).expanduser() if path is not None else resources.seeds_path()).absolute()
    if target.is_file():
        return Catalog(Library.open(target))
    if not target.is_dir():
        raise FileNotFoundError(f"no such file or folder: {clean_line(str(target))}")
    hint = _hint(target, cache_dir)
    if hint is not None and hint.notes > FULL_READ_LIMIT:
        if hint.start is not None:  # opened before: show that note at once, the folder loads behind it
            return Catalog(Library(target, ()), stage=Stage.PENDING, start=hint.start, cache_dir=cache_dir)
        remembered = from_index(target, cache_dir)
        if remembered is not None:
            return remembered
    files, warnings = scan(target)
    if len(files) <= FULL_READ_LIMIT:
        return Catalog(Library.from_files(target, files, warnings))
    return load_folder(target, cache_dir, files, warnings)


def _hint(root: Path, cache_dir: Path | None) -> Hint | None:
    from .index import schema  # SQLite loads only for libraries that have an index

    return schema.read_hint(root, cache_dir)


def load_folder(
    root: Path,
    cache_dir: Path | None = None,
    files: list[tuple[str, str]] | None = None,
    warnings: list[LibraryWarning] | None = None,
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
        rel = path_key(raw)
        notes.append(keep.get(rel) or from_summary(path, rel, known.get(rel)))
    stage = Stage.READ if all(note.known for note in notes) else Stage.LISTED
    return Catalog(Library(root, tuple(notes), tuple(warnings or ())), stage=stage, index=index, cache_dir=cache_dir)


def from_index(root: Path, cache_dir: Path | None = None) -> Catalog | None:
    """Every note as the index last saw it, without scanning the folder (the index update will)."""
    from .index import Index, schema

    if not schema.db_path(root.resolve(), cache_dir).exists():
        return None
    index = Index.open(root, cache_dir)
    summaries = index.summaries()
    if len(summaries) <= FULL_READ_LIMIT:
        index.close()
        return None
    base = str(root)
    notes = tuple(from_summary(f"{base}/{summary.raw or summary.rel}", summary.rel, summary) for summary in summaries)
    return Catalog(Library(root, notes), stage=Stage.UNSCANNED, index=index, cache_dir=cache_dir)


def read_changes(root: Path, paths: Iterable[str]) -> list[FileChange]:
    """Read every changed note file under root (the watcher's paths; others are ignored), in order.

    A folder that appeared (moved or renamed into the library) is read whole; a path gone may have been
    a folder, and `Catalog.apply` drops the notes that were under it."""
    changes = []
    for raw in sorted(set(paths)):
        relative = Path(os.path.relpath(raw, root)).as_posix()
        if relative == "." or relative.startswith("../") or relative == "..":
            continue
        rel = path_key(relative)
        if not os.path.exists(raw):
            changes.append(FileChange(rel, gone=True))
        elif os.path.isdir(raw):
            files, _warnings = scan(Path(raw))
            changes.extend(_read_change(path, path_key(f"{relative}/{inner}")) for path, inner in files)
        elif is_note_file(os.path.basename(raw)):
            changes.append(_read_change(raw, rel))
    return changes


def _read_change(path: str, rel: str) -> FileChange:
    try:
        return FileChange(rel, note=read_note(path, rel))
    except NoteError as error:
        return FileChange(rel, error=str(error))
