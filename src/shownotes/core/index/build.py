"""Bringing an index up to date: which files changed, parsing them (maybe in worker processes), storing rows."""

from __future__ import annotations

import json
import contextlib
import multiprocessing
import os
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..library.grouping import channel_for
from .extract import FileRecord, extract, public_rel
from ..library.library import Library
from ..notes.note import Note

# Measured on 2 cores, 20,000 notes: 1 worker 64 s, 2 workers 38 s (benchmarks/bench_index.py). The
# parent stores rows while workers parse, so past a few workers it becomes the bottleneck.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
WORKER_NICENESS = 10
POOL_MIN_FILES = 200  # below this, starting worker processes costs more than it saves
BATCH = 256  # files per transaction: readers see progress, a cancel keeps what is done


@dataclass(frozen=True)
class Changes:
    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    unchanged: int = 0

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.deleted)


@dataclass
class UpdateResult:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    parsed: int = 0  # files read through the markdown parser
    touched: int = 0  # newer mtime, same bytes: not parsed again
    failed: list[tuple[str, str]] = field(default_factory=list)  # (rel, why) of files that are not notes
    relinked: int = 0  # wiki links whose resolved target changed
    workers: int = 1  # processes that parsed
    cancelled: bool = False
    error: str | None = None
    seconds: float = 0.0


@dataclass(frozen=True)
class Known:
    id: int
    size: int
    mtime_ns: int
    digest: bytes


def known_files(conn: sqlite3.Connection) -> dict[str, Known]:
    rows = conn.execute("SELECT path, id, size, mtime_ns, digest FROM files")
    return {os.fsdecode(bytes(raw)): Known(id_, size, mtime, bytes(digest)) for raw, id_, size, mtime, digest in rows}


def diff(files: list[tuple[Path | str, str]], known: dict[str, Known]) -> Changes:
    """Compare (rel, size, mtime_ns) on disk with the index; a file that cannot be stat'ed is gone."""
    new, changed = [], []
    unchanged = 0
    present: set[str] = set()
    for path, raw in files:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        present.add(raw)
        old = known.get(raw)
        if old is None:
            new.append(raw)
        elif (old.size, old.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            changed.append(raw)
        else:
            unchanged += 1
    deleted = sorted(raw for raw in known if raw not in present)
    return Changes(tuple(new), tuple(changed), tuple(deleted), unchanged)


def prepare_workers() -> None:
    """Start multiprocessing's resource tracker while `sys.stderr` is still a real file.

    Full-screen apps replace stderr with an object that has no usable file descriptor, and the
    tracker (started on first use by the worker pool) hands stderr's descriptor to its process.
    """
    from multiprocessing import resource_tracker

    resource_tracker.ensure_running()


def _yield_cpu() -> None:
    """Workers run at a lower priority: with both cores busy, the reader's keystrokes come first."""
    with contextlib.suppress(OSError, AttributeError):  # AttributeError: no os.nice on this platform
        os.nice(WORKER_NICENESS)


def parse_files(
    items: list[tuple[Path | str, str, bytes | None]], workers: int, result: UpdateResult | None = None
) -> Iterator[FileRecord]:
    """FileRecords in the order given; closing the iterator early cancels the work not yet started.

    `result.workers` says how many processes parsed (1: this one).
    """
    if workers <= 1 or len(items) < POOL_MIN_FILES:
        for path, raw, digest in items:
            yield extract(path, raw, digest)
        return
    done = 0
    try:
        # spawn, not fork: update() runs beside the UI thread, and forking a threaded process can deadlock
        pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=_yield_cpu)
    except (OSError, ValueError):  # ValueError: no usable stderr for the resource tracker
        pool = None
    if pool is not None:
        try:
            paths, raws, digests = zip(*items)
            for record in pool.map(extract, paths, raws, digests, chunksize=16):
                if result is not None:
                    result.workers = workers
                yield record
                done += 1
        except (BrokenProcessPool, OSError, ValueError):
            if result is not None:  # a worker died (killed, out of memory, no `__main__` guard): parse the rest here
                result.workers = 1
        finally:
            pool.shutdown(wait=True, cancel_futures=True)
    for path, raw, digest in items[done:]:
        yield extract(path, raw, digest)


def delete_file(conn: sqlite3.Connection, file_id: int) -> None:
    conn.execute("DELETE FROM search WHERE rowid = ?", (file_id,))
    conn.execute("DELETE FROM links WHERE source = ?", (file_id,))
    conn.execute("DELETE FROM files WHERE id = ?", (file_id,))


def store(conn: sqlite3.Connection, record: FileRecord, old: Known | None, fallback: str) -> int:
    """Replace one file's rows; returns its id (kept across edits, so links to it stay valid)."""
    rel = public_rel(record.raw)
    values = (
        rel,
        record.size,
        record.mtime_ns,
        record.digest,
        record.title or rel.rsplit("/", 1)[-1],
        int(record.has_title),
        channel_for(rel, record.channel_hint, fallback),
        record.channel_hint,
        record.video_id,
        json.dumps(list(record.warnings), ensure_ascii=False),
        json.dumps(record.headings, ensure_ascii=False),
        record.timestamps,
        len(record.headings),
        json.dumps({"starts": record.starts, "stamps": record.stamps}),
        record.error,
    )
    columns = (
        "rel, size, mtime_ns, digest, title, has_title, channel, channel_hint, video_id, warnings, headings,"
        " timestamps, sections, layout, error"
    )
    if old is None:  # another process may have added it since this update looked
        found = conn.execute(
            "SELECT id, size, mtime_ns, digest FROM files WHERE path = ?", (os.fsencode(record.raw),)
        ).fetchone()
        old = Known(*found) if found else None
    if old is not None:
        file_id = old.id
        conn.execute("DELETE FROM search WHERE rowid = ?", (file_id,))
        conn.execute("DELETE FROM links WHERE source = ?", (file_id,))
        assignments = ", ".join(f"{name.strip()} = ?" for name in columns.split(","))
        conn.execute(f"UPDATE files SET {assignments} WHERE id = ?", (*values, file_id))
    else:
        cursor = conn.execute(
            f"INSERT INTO files (path, {columns}) VALUES (?{', ?' * len(values)})", (os.fsencode(record.raw), *values)
        )
        file_id = int(cursor.lastrowid or 0)
    if record.error is None:
        conn.execute(
            "INSERT INTO search (rowid, title, headings, body) VALUES (?, ?, ?, ?)",
            (
                file_id,
                values[4],
                "\n".join(" ".join(title.split()) for _level, title, _index in record.headings),
                record.body,
            ),
        )
    conn.executemany("INSERT INTO links (source, target_text) VALUES (?, ?)", [(file_id, t) for t in record.links])
    return file_id


def relink(conn: sqlite3.Connection, base: Path, sources: list[int] | None = None) -> int:
    """Resolve wiki link targets with Library.resolve over the indexed notes; how many changed.

    Resolution depends only on the set of paths, so only an added or deleted file makes every
    link worth resolving again; an edited file needs only its own links resolved.
    """
    notes: dict[int, Note] = {}
    for file_id, raw, rel in conn.execute("SELECT id, path, rel FROM files WHERE error IS NULL"):
        notes[file_id] = Note(file=base / os.fsdecode(bytes(raw)), rel=rel, title="")
    library = Library(root=base, notes=list(notes.values()))
    id_of = {id(note): file_id for file_id, note in notes.items()}
    if sources is None:
        rows = conn.execute("SELECT source, target_text, target FROM links").fetchall()
    else:
        rows = []
        for file_id in sources:
            rows += conn.execute(
                "SELECT source, target_text, target FROM links WHERE source = ?", (file_id,)
            ).fetchall()
    cache: dict[tuple[str, str], int | None] = {}
    updates = []
    for source, text, old in rows:
        note = notes.get(source)
        if note is None:
            continue
        key = (note.rel.rsplit("/", 1)[0] if "/" in note.rel else "", text)
        if key not in cache and text.strip():
            found = library.resolve(text, note)
            cache[key] = id_of.get(id(found)) if found is not None else None
        target = cache[key] if text.strip() else source  # `[[#Heading]]` points into the note itself
        if target != old:
            updates.append((target, source, text))
    conn.executemany("UPDATE links SET target = ? WHERE source = ? AND target_text = ?", updates)
    return len(updates)


def stopper(should_stop: Callable[[], bool] | object | None) -> Callable[[], bool]:
    """A threading.Event or a callable; None never stops."""
    if should_stop is None:
        return lambda: False
    is_set = getattr(should_stop, "is_set", None)
    if callable(is_set):
        return is_set
    if callable(should_stop):
        return should_stop
    raise TypeError("should_stop must be a threading.Event or a callable")
