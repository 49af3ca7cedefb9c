"""A library answered from its search index: every note the index holds as its file is now (same size
and mtime) comes from the index, with what parsing it found; every other file is read here, exactly
as `Library.open` reads it. So the answer is the one a full read gives, without parsing every note.

The index is brought up to date first when only a few files changed; with many (an index never
finished, or a library that grew a lot) they are read here and the index is left to the reader or
`shownotes search`, so a listing never starts a long build unasked.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..library.grouping import IndexEntry
from ..library.library import Library, LibraryWarning, scan
from ..notes.facts import NoteFacts
from ..notes.note import Note, NoteError, file_stem, read_note
from ..textsafe import clean_line, path_key
from . import Index, schema, store

UPDATE_LIMIT = 2000  # files to parse before an answer: more than this is a build, not an update


@dataclass(frozen=True)
class Remembered:
    library: Library
    facts: dict[str, NoteFacts]  # by rel: the notes the index holds as they are; the rest are to parse
    notices: tuple[str, ...] = ()
    updated: int = 0  # files the index update parsed first
    read_here: list[str] = field(default_factory=list)  # rels of the notes the index did not hold as they are


def remember(
    path: str | os.PathLike | None,
    cache_dir: Path | None = None,
    links: bool = True,
    progress: Callable[[int, int], None] | None = None,
    waiting: Callable[[], None] = lambda: None,
) -> Remembered | None:
    """The library at `path` from its index, or None where there is no usable index (a single file, no
    index file yet, one of another schema version): then a full read is the answer, as before."""
    if path is None:
        return None
    root = Path(path).expanduser().absolute()
    if not root.is_dir():
        return None
    db = schema.db_path(root.resolve(), cache_dir)
    if not db.is_file() or schema.problem(db) is not None:
        return None
    try:
        index = Index.open(root, cache_dir)
    except (OSError, sqlite3.Error):
        return None
    with index:
        if index.in_memory:
            return None
        notices = list(index.notices)
        files, warnings = scan(root)
        rows = _rows(index)
        if index.problem:  # a read failed: the index cannot say which notes it holds
            return None
        stats = {raw: _stat(file) for file, raw in files}
        stale = [raw for _file, raw in files if _stale(rows.get(raw), stats[raw])]
        gone = len(rows.keys() - stats.keys())
        updated = 0
        if (stale or gone) and len(stale) <= UPDATE_LIMIT and not index.incomplete:
            result = index.update(progress=progress, waiting=waiting)
            updated = result.parsed
            if result.error:
                notices.append(result.error)
            rows = _rows(index)
        elif stale and index.incomplete:
            notices.append("another shownotes is updating the search index; reading the notes it has not reached")
        elif len(stale) > UPDATE_LIMIT:
            notices.append(
                f"the search index lacks {len(stale)} notes as they are now; reading them"
                " (the reader or `shownotes search` brings the index up to date)"
            )
        if index.problem:
            return None
        targets = _links(index) if links else {}
        if index.problem:
            return None
        settled = links and index.fetch(store.links_settled) == [True]
    answer = _answer(root, files, warnings, rows, stats, targets, notices, updated)
    indexed = {row[13] for row in rows.values() if row[3] is None}
    if not (settled and indexed == {note.rel for note in answer.library.notes}):
        # the index resolved its links over other notes than these: the library resolves them again
        for rel, known in answer.facts.items():
            answer.facts[rel] = replace(known, unresolved=None)
    return answer


def _answer(root, files, warnings, rows, stats, targets, notices, updated) -> Remembered:
    """The Library `Library.from_files` would make, and the facts of the notes taken from the index."""
    warnings = list(warnings)
    notes, facts, read_here, listed = [], {}, [], {}
    for file, raw in files:
        rel = path_key(raw)
        row = rows.get(raw)
        if row is not None and row[3] is None and _size_mtime(row) == stats[raw]:
            note, known = _note(file, rel, row, *targets.get(row[12], ((), ())))
            facts[rel] = known
            listed[rel] = [IndexEntry(video, title, list(targets)) for video, title, targets in json.loads(row[14])] if row[14] else []
        else:
            try:
                note = read_note(file, rel)
            except NoteError as error:
                warnings.append(LibraryWarning(rel, str(error), True))
                continue
            read_here.append(rel)
        notes.append(note)
        warnings.extend(LibraryWarning(note.rel, message) for message in note.warnings)
    library = Library(root=root, notes=tuple(notes), warnings=tuple(warnings), listed=listed)
    return Remembered(library, facts, tuple(notices), updated, read_here)


def _note(file: str, rel: str, row: tuple, links: tuple[str, ...], unresolved: tuple[str, ...]) -> tuple[Note, NoteFacts]:
    _path, size, mtime_ns, _error, file_title, video_id, hint, warnings, file_warnings, title, sections, stamps = row[:12]
    found = tuple(json.loads(warnings)) if warnings != "[]" else ()
    note = Note(
        file=file,
        rel=rel,
        title=file_title if file_title is not None else clean_line(file_stem(file)),
        video_id=video_id,
        channel_hint=hint,
        size=size,
        mtime=mtime_ns / 1e9,
        has_title=file_title is not None,
        warnings=found[:file_warnings],
    )
    return note, NoteFacts(title, sections, stamps, found[file_warnings:], links, unresolved)


def _rows(index: Index) -> dict[str, tuple]:
    return {os.fsdecode(bytes(row[0])): row for row in index.fetch(store.memory_rows)}


def _links(index: Index) -> dict[int, tuple[tuple[str, ...], tuple[str, ...]]]:
    """By file id: its link targets, and those of them that name no note."""
    by_file: dict[int, tuple[list[str], list[str]]] = {}
    for file_id, target, missing in index.fetch(store.link_targets):
        found = by_file.get(file_id)
        if found is None:
            found = by_file[file_id] = ([], [])
        found[0].append(target)
        if missing:
            found[1].append(target)
    return {file_id: (tuple(every), tuple(missing)) for file_id, (every, missing) in by_file.items()}


def _stat(file: str) -> tuple[int, int] | None:
    try:
        info = os.stat(file)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


def _stale(row: tuple | None, stat: tuple[int, int] | None) -> bool:
    """A file to index: new or changed (a file that cannot be stat'ed, or one the index could not read
    as a note, is read here every time instead, as the update would try it again anyway)."""
    if stat is None:
        return False
    return row is None or (row[3] is None and _size_mtime(row) != stat)


def _size_mtime(row: tuple | None) -> tuple[int, int] | None:
    return None if row is None else (row[1], row[2])
