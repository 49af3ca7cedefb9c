"""Keeping an index up to date: what changed on disk, parsed (maybe in worker processes) and stored,
one transaction per batch, waiting for another process's lock. A part of Index (see __init__)."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass
from pathlib import Path

from ..library.library import scan
from ..workers import DEFAULT_WORKERS
from . import build, schema, store
from .build import UpdateResult

GONE_SHARE = 8  # `search` is rebuilt once old documents exceed 1/8 of the files (and build.BATCH)


@dataclass(frozen=True)
class Progress:
    done: int
    total: int


class Updates:
    """Index's update methods; they use its target, root, fallback, locks and connections."""

    target: Path
    root: Path
    fallback: str
    _memory: str | None
    _write_lock: threading.Lock

    def _new_connection(self, busy_ms: int = 30000) -> sqlite3.Connection:
        raise NotImplementedError

    def _start_over(self, why: str = "") -> None:
        raise NotImplementedError

    def _scan(self) -> tuple[list[tuple[str, str]], list]:
        if self.target.is_file():
            return [(str(self.target), self.target.name)], []
        return scan(self.root)

    def update(
        self,
        library_root: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
        workers: int | None = None,
        should_stop: Callable[[], bool] | threading.Event | None = None,
        waiting: Callable[[], None] = lambda: None,
    ) -> UpdateResult:
        """Index new and changed files, drop deleted ones. Unchanged files are not read at all.
        Another process writing the index is waited for; `waiting()` says so once."""
        if library_root is not None and Path(library_root).expanduser().resolve() not in (self.target, self.root):
            raise ValueError(f"this index belongs to {self.target}, not {library_root}")
        steps = self.updating(build.stopper(should_stop), workers, waiting)
        while True:
            try:
                step = next(steps)
            except StopIteration as finished:
                return finished.value
            if progress is not None:
                progress(step.done, step.total)

    def updating(
        self,
        stop: Callable[[], bool] = lambda: False,
        workers: int | None = None,
        waiting: Callable[[], None] = lambda: None,
    ) -> Generator[Progress, None, UpdateResult]:
        """`update` as steps: a Progress now and then, and the UpdateResult as the generator's value.

        Another process's lock on the file is waited for (`waiting()` says so once) until `stop()`.
        """
        started = time.perf_counter()
        with self._write_lock:
            conn = None
            try:
                if self._memory is None and schema.emptied(self.db_path):
                    self._start_over()
                conn = schema.patiently(lambda: self._new_connection(schema.WRITE_BUSY_MS), stop, waiting)
                begin = lambda: schema.patiently(lambda: conn.execute("BEGIN IMMEDIATE"), stop, waiting)  # noqa: E731
                begin()
                why = store.damage(conn) if store.building(conn) else None  # an update died half way
                conn.execute("ROLLBACK")
                if why is not None:  # a new file: every note is parsed again
                    conn.close()
                    self._start_over(f"the last index update did not finish and left it damaged ({why})")
                    conn = schema.patiently(lambda: self._new_connection(schema.WRITE_BUSY_MS), stop, waiting)
                conn.execute("PRAGMA cache_size = -65536")
                result = yield from self._update(conn, begin, workers, stop)
            except sqlite3.Error as error:
                if conn is not None and conn.in_transaction:
                    conn.execute("ROLLBACK")
                locked = schema.is_locked(error)
                if locked and stop():
                    result = UpdateResult(cancelled=True)
                elif locked:
                    waited = schema.lock_wait_seconds()
                    result = UpdateResult(error=f"another shownotes held the search index locked for {waited:g} s", locked=True)
                else:
                    result = UpdateResult(error=f"search index update failed: {error}")
            finally:
                if conn is not None:
                    conn.close()
        result.seconds = time.perf_counter() - started
        return result

    def _update(
        self, conn: sqlite3.Connection, begin: Callable[[], object], workers: int | None, stop: Callable[[], bool]
    ) -> Generator[Progress, None, UpdateResult]:
        files, _warnings = self._scan()
        begin()  # the lock first: what another process indexed meanwhile is not parsed again
        known = store.known_files(conn)
        store.set_root(conn, os.fsdecode(self.target))  # so `search --all` knows whose index this is
        changes = build.diff(files, known)
        result = UpdateResult(
            added=len(changes.new),
            changed=len(changes.changed),
            deleted=len(changes.deleted),
            unchanged=changes.unchanged,
        )
        for raw in changes.deleted:
            store.delete_file(conn, known[raw].id)
        if store.gone_count(conn) > max(build.BATCH, len(known) // GONE_SHARE):
            store.empty_search(conn)  # old documents outweigh the space they cost: every text stored again
        bare = set(store.unsearchable(conn))
        if changes or bare:
            store.mark_building(conn)
        if changes.new or changes.deleted:
            store.mark_links_dirty(conn)
        conn.execute("COMMIT")
        paths = {raw: path for path, raw in files}
        todo = [(paths[raw], raw, None) for raw in changes.new]
        todo += [(paths[raw], raw, None if raw in bare else known[raw].digest) for raw in changes.changed]
        todo += [(paths[raw], raw, None) for raw in sorted(bare - set(changes.changed)) if raw in paths]
        edited: list[int] = []
        records = build.parse_files(todo, workers or DEFAULT_WORKERS, result, stop)
        step = max(1, len(todo) // 200)
        try:
            begin()
            for done, record in enumerate(records, start=1):
                old = known.get(record.raw)
                if record.unchanged and old is not None:
                    store.touch(conn, old.id, record.size, record.mtime_ns)
                    result.touched += 1
                else:
                    edited.append(store.store(conn, record, old, self.fallback))
                    result.parsed += 1
                    if record.error is not None:
                        result.failed.append((build.public_rel(record.raw), record.error))
                if done % build.BATCH == 0:
                    conn.execute("COMMIT")
                    begin()
                if done % step == 0 or done == len(todo):
                    yield Progress(done, len(todo))
                if stop():
                    result.cancelled = done < len(todo)
                    break
            else:
                result.cancelled = stop() and len(todo) > 0
            conn.execute("COMMIT")
        finally:
            records.close()
        begin()
        if store.take_links_dirty(conn):
            result.relinked = store.relink(conn)
        elif edited:
            result.relinked = store.relink(conn, edited)
        store.clear_building(conn)  # a cancel stored whole transactions: the next update goes on from them
        conn.execute("COMMIT")
        if todo or changes.deleted:
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # readers in the way leave it for the next one
        return result
