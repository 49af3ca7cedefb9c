"""The library's search index: one SQLite (FTS5) file per library, in the cache folder, never in the notes.

The facade over schema (where the file lives, what it holds), store (every SQL statement), build
(what changed, and parsing it) and search (queries and hits). Reads may run on any thread (each
thread gets its own connection); an update may run on a background thread at the same time (its
own connection, WAL mode). Nothing here raises on a bad query or a damaged index: a damaged file
is deleted and rebuilt, a failed read returns nothing and leaves the reason in `problem`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..textsafe import clean_line
from . import schema, store
from .build import Changes, UpdateResult
from .search import Hit, match_channels, parse_query
from .shown import make_hits
from .update import Progress, Updates

MAX_LIMIT = 10_000
WEIGHTS = (8.0, 4.0, 1.0)  # bm25 weights of note title, section headings, section text
T = TypeVar("T")

__all__ = ["Changes", "Hit", "Index", "NoteRecord", "Progress", "Summary", "UpdateResult"]


@dataclass(frozen=True)
class NoteRecord:
    """What the index knows about one note, without reading the file."""

    rel: str
    path: Path
    title: str
    has_title: bool
    video_id: str | None
    channel: str
    channel_hint: str | None
    headings: tuple[tuple[int, str, int], ...]  # (level, title, section index)
    timestamps: int
    sections: int
    warnings: tuple[str, ...]
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Summary:
    rel: str
    title: str
    has_title: bool
    video_id: str | None
    channel_hint: str | None
    warnings: tuple[str, ...]
    size: int
    mtime_ns: int
    raw: str | None = None  # the file's own relative path, when sanitising its name changed `rel`


class Index(Updates):
    def __init__(self, target: Path, db: Path) -> None:
        self.target = target  # the folder or single file that was opened
        self.root = target.parent if target.is_file() else target
        self.db_path = db
        self.notices: list[str] = []  # what happened to the index file, for the user
        self.problem: str | None = None  # why the last read failed (None once one succeeds)
        self.fallback = clean_line(self.root.name or str(self.root))
        self._memory: str | None = None
        self._local = threading.local()
        self._conns: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._closed = False

    @classmethod
    def open(cls, root: Path, cache_dir: Path | None = None, stop: Callable[[], bool] = lambda: False) -> Index:
        """The index of a folder (or single note file); an unusable index file is replaced, never fatal.

        A new file another process is still creating is waited for (until `stop()`), not replaced.
        """
        target = Path(root).expanduser().resolve()
        if not target.exists():
            raise FileNotFoundError(f"no such file or folder: {clean_line(str(target))}")
        index = cls(target, schema.db_path(target, cache_dir))
        index._prepare(stop)
        return index

    def _prepare(self, stop: Callable[[], bool] = lambda: False) -> None:
        path = self.db_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            why = schema.problem(path)
            if why is not None:
                schema.discard(path)
                self.notices.append(f"the search index {why}; rebuilding it")
            schema.patiently(lambda: schema.create_schema(self._conn()), stop)
        except sqlite3.OperationalError as error:
            if not schema.is_locked(error):
                raise
            self._forget_connections()
            self.notices.append("the search index is locked by another process; searching may wait for it")
        except (OSError, sqlite3.Error) as error:
            self._forget_connections()
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.notices.append(
                f"cannot keep a search index in {clean_line(str(path.parent))} ({reason}); kept in memory"
            )
            self._memory = f"file:shownotes-index-{id(self)}?mode=memory&cache=shared"
            schema.create_schema(self._conn())

    def _new_connection(self, busy_ms: int = 30000) -> sqlite3.Connection:
        if self._memory is not None:
            return schema.connect(self._memory, uri=True, busy_ms=busy_ms)
        return schema.connect(str(self.db_path), busy_ms=busy_ms)

    def _start_over(self, why: str = "the search index file was emptied or removed") -> None:
        """The file is unusable (emptied or deleted under us, or damaged by an update that died): every
        connection to it is dropped and a new file made, which the update under way fills."""
        self._forget_connections()
        schema.discard(self.db_path)
        self.notices.append(f"{why}; rebuilding it")
        self._prepare()

    @property
    def incomplete(self) -> bool:
        """An update is storing notes or died half way: the index holds only part of the library."""
        return bool(self._read(lambda conn: [1] if store.building(conn) else []))

    @property
    def in_memory(self) -> bool:
        """The cache folder could not hold the file: this index lives (empty at first) in memory."""
        return self._memory is not None

    def fetch(self, query: Callable[[sqlite3.Connection], list[T]]) -> list[T]:
        """Rows of one of store's reading functions; [] (and `problem` set) when the read fails."""
        return self._read(query)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._new_connection()
            self._local.conn = conn
            with self._lock:
                self._conns.append(conn)
        return conn

    def _forget_connections(self) -> None:
        with self._lock:
            conns, self._conns = self._conns, []
        for conn in conns:
            conn.close()
        self._local = threading.local()

    def close(self) -> None:
        self._closed = True
        self._forget_connections()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, query: Callable[[sqlite3.Connection], list[T]]) -> list[T]:
        if self._closed:
            self.problem = "the index is closed"
            return []
        if self._memory is None and schema.emptied(self.db_path):
            self.problem = "the search index file was emptied or removed; the next update rebuilds it"
            return []
        try:
            rows = query(self._conn())
            self.problem = None
            return rows
        except (sqlite3.Error, UnicodeError) as error:  # UnicodeError: a lone surrogate in an argument
            self.problem = f"search index read failed: {error}"
            return []

    def remember_start(self, rel: str | None) -> None:
        """Which note a later start with no saved place opens first (read back by `schema.read_hint`);
        None forgets it."""
        if self._closed:
            return
        try:
            with self._write_lock:
                conn = self._new_connection(schema.WRITE_BUSY_MS)  # only a hint: not worth waiting for a lock
                try:
                    store.set_start(conn, rel)
                finally:
                    conn.close()
        except sqlite3.Error as error:
            self.problem = f"search index write failed: {error}"

    # --- reading -----------------------------------------------------------------------------

    def notes(self) -> list[NoteRecord]:
        """Every indexed note (files that are not notes are left out), by rel."""
        return [self._record(row) for row in self._read(store.record_rows)]

    def summaries(self) -> list[Summary]:
        """The cheap part of `notes()` (no headings): what a sidebar needs at startup, by rel."""
        return [
            Summary(
                rel, title, bool(has_title), video_id, hint, tuple(json.loads(warnings)) if warnings != "[]" else (),
                size, mtime, None if raw is None else os.fsdecode(bytes(raw)),
            )
            for rel, title, has_title, video_id, hint, warnings, size, mtime, raw in self._read(store.summary_rows)
        ]

    def _record(self, row: tuple) -> NoteRecord:
        rel, raw, title, has_title, video_id, channel, hint, headings, stamps, sections, warnings, size, mtime = row
        return NoteRecord(
            rel=rel,
            path=self.root / os.fsdecode(bytes(raw)),
            title=title,
            has_title=bool(has_title),
            video_id=video_id,
            channel=channel,
            channel_hint=hint,
            headings=tuple(map(tuple, json.loads(headings))),
            timestamps=stamps,
            sections=sections,
            warnings=tuple(json.loads(warnings)),
            size=size,
            mtime_ns=mtime,
        )

    def failures(self) -> list[tuple[str, str]]:
        """(rel, why) of the files the index found but could not read as notes."""
        return [(rel, error) for rel, error in self._read(store.failure_rows)]

    def backlinks(self, rel: str) -> list[str]:
        """Rels of the notes whose wiki links resolve to this note (itself left out)."""
        return self._read(lambda conn: store.backlink_rows(conn, rel))

    def episode(self, video_id: str) -> list[str]:
        """Rels of the notes about this video."""
        return self._read(lambda conn: store.episode_rows(conn, video_id))

    def channels_matching(self, name: str) -> list[str]:
        """The channels `channel:NAME` keeps (see search.match_channels)."""
        return match_channels(name, self._read(store.channel_names))

    def search(self, query: str, limit: int = 50, channel: str | None = None) -> list[Hit]:
        """Notes matching the query, best first (bm25), each with the section and moment that matched.

        `channel` (or `channel:NAME` in the query) keeps one channel. Never raises.
        """
        parsed = parse_query(query if isinstance(query, str) else "")
        match = parsed.fts()
        channel = (channel or parsed.channel or "").encode("utf-8", "replace").decode("utf-8")
        if match is None or not isinstance(limit, int) or limit <= 0:
            return []
        channels = tuple(self.channels_matching(channel)) if channel else None
        if channels == ():
            return []
        ranked = self._read(lambda conn: store.ranked(conn, match, channels, min(limit, MAX_LIMIT), WEIGHTS))
        if not ranked:
            return []
        return self._read(lambda conn: make_hits(conn, match, ranked, self.root))
