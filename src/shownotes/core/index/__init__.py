"""The library's search index: one SQLite (FTS5) file per library, in the cache folder, never in the notes.

Reads may run on any thread (each thread gets its own connection); `update` may run on a
background thread at the same time (its own connection, WAL mode). Nothing here raises on a
bad query or a damaged index: a damaged file is deleted and rebuilt, a failed read returns
nothing and leaves the reason in `problem`.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import build as index_update, schema as index_db
from .extract import public_rel
from .hits import ELLIPSIS, MATCH_END, MATCH_START, SNIPPET_TOKENS, Hit, place
from .build import Changes, UpdateResult
from ..library.library import scan
from .query import parse_query
from ..textsafe import clean_line, safe_line

MAX_LIMIT = 10_000
WEIGHTS = (8.0, 4.0, 1.0)  # bm25 weights of note title, section headings, section text

__all__ = ["Changes", "Hit", "Index", "NoteRecord", "UpdateResult"]


@dataclass(frozen=True)
class NoteRecord:
    """What the sidebar needs about one note, without reading the file."""

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


class Index:
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
    def open(cls, root: Path, cache_dir: Path | None = None) -> Index:
        """The index of a folder (or single note file); an unusable index file is replaced, never fatal."""
        target = Path(root).expanduser().resolve()
        if not target.exists():
            raise FileNotFoundError(f"no such file or folder: {clean_line(str(target))}")
        index = cls(target, index_db.db_path(target, cache_dir))
        index._prepare()
        return index

    def _prepare(self) -> None:
        path = self.db_path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            why = index_db.problem(path)
            if why is not None:
                index_db.discard(path)
                self.notices.append(f"the search index {why}; rebuilding it")
            index_db.create_schema(self._conn())
        except (OSError, sqlite3.Error) as error:
            self._forget_connections()
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.notices.append(
                f"cannot keep a search index in {clean_line(str(path.parent))} ({reason}); kept in memory"
            )
            self._memory = f"file:shownotes-index-{id(self)}?mode=memory&cache=shared"
            index_db.create_schema(self._conn())

    def _new_connection(self) -> sqlite3.Connection:
        if self._memory is not None:
            return index_db.connect(self._memory, uri=True)
        return index_db.connect(str(self.db_path))

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

    def _read(self, sql: str, params: tuple | dict = ()) -> list[tuple]:
        if self._closed:
            self.problem = "the index is closed"
            return []
        try:
            rows = self._conn().execute(sql, params).fetchall()
            self.problem = None
            return rows
        except (sqlite3.Error, UnicodeError) as error:  # UnicodeError: a lone surrogate in an argument
            self.problem = f"search index read failed: {error}"
            return []

    # --- keeping it up to date -------------------------------------------------------------

    def scan(self) -> tuple[list[tuple[Path | str, str]], list]:
        if self.target.is_file():
            return [(self.target, self.target.name)], []
        return scan(self.root)

    def stale(self, files: list[tuple[Path | str, str]]) -> Changes:
        """Which of these (path, rel) files are new or changed, and which indexed ones are gone."""
        try:
            return index_update.diff(files, index_update.known_files(self._conn()))
        except sqlite3.Error as error:
            self.problem = f"search index read failed: {error}"
            return Changes(new=tuple(rel for _path, rel in files))

    def update(
        self,
        library_root: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
        workers: int | None = None,
        should_stop: Callable[[], bool] | threading.Event | None = None,
    ) -> UpdateResult:
        """Index new and changed files, drop deleted ones. Unchanged files are not read at all."""
        if library_root is not None and Path(library_root).expanduser().resolve() not in (self.target, self.root):
            raise ValueError(f"this index belongs to {self.target}, not {library_root}")
        started = time.perf_counter()
        with self._write_lock:
            conn = self._new_connection()
            try:
                conn.execute("PRAGMA cache_size = -65536")
                result = self._update(conn, progress, workers, index_update.stopper(should_stop))
            except sqlite3.Error as error:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                result = UpdateResult(error=f"search index update failed: {error}")
            finally:
                conn.close()
        result.seconds = time.perf_counter() - started
        return result

    def _update(
        self,
        conn: sqlite3.Connection,
        progress: Callable[[int, int], None] | None,
        workers: int | None,
        stop: Callable[[], bool],
    ) -> UpdateResult:
        files, _warnings = self.scan()
        known = index_update.known_files(conn)
        changes = index_update.diff(files, known)
        result = UpdateResult(
            added=len(changes.new),
            changed=len(changes.changed),
            deleted=len(changes.deleted),
            unchanged=changes.unchanged,
        )
        conn.execute("BEGIN IMMEDIATE")
        for raw in changes.deleted:
            index_update.delete_file(conn, known[raw].id)
        if changes.new or changes.deleted:
            conn.execute("INSERT OR REPLACE INTO meta VALUES ('links_dirty', '1')")
        conn.execute("COMMIT")
        paths = {raw: path for path, raw in files}
        todo = [(paths[raw], raw, None) for raw in changes.new]
        todo += [(paths[raw], raw, known[raw].digest) for raw in changes.changed]
        edited: list[int] = []
        records = index_update.parse_files(todo, workers or index_update.DEFAULT_WORKERS, result)
        step = max(1, len(todo) // 200)
        try:
            conn.execute("BEGIN IMMEDIATE")
            for done, record in enumerate(records, start=1):
                old = known.get(record.raw)
                if record.unchanged and old is not None:
                    conn.execute(
                        "UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (record.size, record.mtime_ns, old.id)
                    )
                    result.touched += 1
                else:
                    edited.append(index_update.store(conn, record, old, self.fallback))
                    result.parsed += 1
                    if record.error is not None:
                        result.failed.append((public_rel(record.raw), record.error))
                if done % index_update.BATCH == 0:
                    conn.execute("COMMIT")
                    conn.execute("BEGIN IMMEDIATE")
                if progress is not None and (done % step == 0 or done == len(todo)):
                    progress(done, len(todo))
                if stop():
                    result.cancelled = done < len(todo)
                    break
            conn.execute("COMMIT")
        finally:
            records.close()
        conn.execute("BEGIN IMMEDIATE")
        dirty = conn.execute("SELECT value FROM meta WHERE key = 'links_dirty'").fetchone()
        if dirty:
            result.relinked = index_update.relink(conn, self.root)
            conn.execute("DELETE FROM meta WHERE key = 'links_dirty'")
        elif edited:
            result.relinked = index_update.relink(conn, self.root, edited)
        conn.execute("COMMIT")
        return result

    def remember_start(self, rel: str | None) -> None:
        """Which note a later start with no saved place opens first (read back by `index_db.start_note`);
        None forgets it."""
        if self._closed:
            return
        try:
            with self._write_lock:
                if rel is None:
                    self._conn().execute("DELETE FROM meta WHERE key = ?", (index_db.START_KEY,))
                else:
                    self._conn().execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (index_db.START_KEY, rel))
        except sqlite3.Error as error:
            self.problem = f"search index write failed: {error}"

    # --- reading -----------------------------------------------------------------------------

    def notes(self) -> list[NoteRecord]:
        """Every indexed note (files that are not notes are left out), by rel."""
        rows = self._read(
            "SELECT rel, path, title, has_title, video_id, channel, channel_hint, headings, timestamps, sections,"
            " warnings, size, mtime_ns FROM files WHERE error IS NULL ORDER BY rel"
        )
        return [self._record(row) for row in rows]

    def summaries(self) -> list[Summary]:
        """The cheap part of `notes()` (no headings): what a sidebar needs at startup, by rel."""
        rows = self._read(
            "SELECT rel, title, has_title, video_id, channel_hint, warnings, size, mtime_ns,"
            " CASE WHEN CAST(path AS TEXT) = rel THEN NULL ELSE path END FROM files WHERE error IS NULL ORDER BY rel"
        )
        return [
            Summary(
                rel, title, bool(has_title), video_id, hint, tuple(json.loads(warnings)) if warnings != "[]" else (),
                size, mtime, None if raw is None else os.fsdecode(bytes(raw)),
            )
            for rel, title, has_title, video_id, hint, warnings, size, mtime, raw in rows
        ]

    def note(self, rel: str) -> NoteRecord | None:
        rows = self._read(
            "SELECT rel, path, title, has_title, video_id, channel, channel_hint, headings, timestamps, sections,"
            " warnings, size, mtime_ns FROM files WHERE rel = ? AND error IS NULL",
            (rel,),
        )
        return self._record(rows[0]) if rows else None

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
        return [
            (rel, error)
            for rel, error in self._read("SELECT rel, error FROM files WHERE error IS NOT NULL ORDER BY rel")
        ]

    def channels(self) -> list[str]:
        rows = self._read("SELECT DISTINCT channel FROM files WHERE error IS NULL ORDER BY channel COLLATE NOCASE")
        return [row[0] for row in rows]

    def backlinks(self, rel: str) -> list[str]:
        """Rels of the notes whose wiki links resolve to this note (itself left out)."""
        rows = self._read(
            "SELECT DISTINCT s.rel FROM files t JOIN links l ON l.target = t.id JOIN files s ON s.id = l.source"
            " WHERE t.rel = ? AND s.id != t.id ORDER BY s.rel",
            (rel,),
        )
        return [row[0] for row in rows]

    def episode(self, video_id: str) -> list[str]:
        """Rels of the notes about this video."""
        rows = self._read("SELECT rel FROM files WHERE video_id = ? AND error IS NULL ORDER BY rel", (video_id,))
        return [row[0] for row in rows]

    def search(self, query: str, limit: int = 50, channel: str | None = None) -> list[Hit]:
        """Notes matching the query, best first (bm25), each with the section and moment that matched.

        `channel` (or `channel:NAME` in the query) keeps one channel. Never raises.
        """
        parsed = parse_query(query if isinstance(query, str) else "")
        match = parsed.fts()
        channel = (channel or parsed.channel or "").encode("utf-8", "replace").decode("utf-8")
        if match is None or not isinstance(limit, int) or limit <= 0:
            return []
        where = "search MATCH :match"
        if channel:
            where += " AND rowid IN (SELECT id FROM files WHERE channel = :channel COLLATE NOCASE)"
        weights = ", ".join(map(str, WEIGHTS))
        ranked = self._read(
            f"SELECT rowid, bm25(search, {weights}) AS score FROM search WHERE {where} ORDER BY score LIMIT :limit",
            {"match": match, "channel": channel, "limit": min(limit, MAX_LIMIT)},
        )
        if not ranked:
            return []
        marks = ", ".join("?" * len(ranked))
        ids = tuple(row[0] for row in ranked)
        found = {
            row[0]: row[1:]
            for row in self._read(
                f"SELECT search.rowid, body, snippet(search, 2, '{MATCH_START}', '{MATCH_END}', '{ELLIPSIS}',"
                f" {SNIPPET_TOKENS}), highlight(search, 1, '{MATCH_START}', '{MATCH_END}'), rel, path, files.title,"
                f" channel, video_id, files.headings, layout FROM search JOIN files ON files.id = search.rowid"
                f" WHERE search MATCH ? AND search.rowid IN ({marks})",
                (match, *ids),
            )
        }
        hits = []
        for row_id, score in ranked:
            if row_id not in found:
                continue
            body, marked, marked_headings, rel, raw, title, channel_name, video_id, headings, layout = found[row_id]
            shape = json.loads(layout)
            spot = place(body, marked, marked_headings, json.loads(headings), shape["starts"], shape["stamps"])
            hits.append(
                Hit(
                    rel=rel,
                    path=self.root / os.fsdecode(bytes(raw)),
                    title=title,
                    channel=channel_name,
                    section=spot.section,
                    section_title=safe_line(spot.section_title),
                    snippet=spot.snippet,
                    seconds=spot.seconds,
                    video_id=video_id,
                    score=-score,
                )
            )
        return hits
