"""Where a library's search index lives, its schema, and what happens to a file that is not one."""

from __future__ import annotations

import hashlib
import math
import os
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import platformdirs

SCHEMA_VERSION = 5  # 2: the `From:` line is no longer searchable text; 3: rel names one real path (path_key); 4: what reading the file gave apart, index pages' episodes; 5: contentless full-text index (snippets from the note file)
CACHE_ENV = "SHOWNOTES_CACHE_DIR"
SQLITE_HEADER = b"SQLite format 3\x00"
WRITE_BUSY_MS = 250  # one wait for another connection's lock; longer waits are retried, so a stop is seen
LOCK_WAIT_SECONDS = 900.0  # how long an update waits for another process's build before it gives up
LOCK_WAIT_ENV = "SHOWNOTES_LOCK_WAIT"  # another bound, in seconds
T = TypeVar("T")
TOKENIZE = "porter unicode61 remove_diacritics 2"

# `search` holds no copy of the text (content = ''): a hit's snippet is made from the note file. Its rows
# are documents (files.doc); a contentless row cannot be deleted without its old text, so a changed or
# deleted file's old document stays in `gone`, unseen (queries join files.doc), until update rebuilds
# `search` from the files. No `prefix` index: it tripled the table (see benchmarks/bench_size.py).
SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    rel TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    digest BLOB NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    has_title INTEGER NOT NULL DEFAULT 0,
    channel TEXT NOT NULL DEFAULT '',
    channel_hint TEXT,
    video_id TEXT,
    warnings TEXT NOT NULL DEFAULT '[]',
    file_title TEXT,
    file_warnings INTEGER NOT NULL DEFAULT 0,
    listed TEXT,
    headings TEXT NOT NULL DEFAULT '[]',
    timestamps INTEGER NOT NULL DEFAULT 0,
    sections INTEGER NOT NULL DEFAULT 0,
    doc INTEGER,
    shown BLOB,
    error TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS files_doc ON files (doc) WHERE doc IS NOT NULL;
CREATE TABLE IF NOT EXISTS gone (doc INTEGER PRIMARY KEY);
CREATE INDEX IF NOT EXISTS files_rel ON files (rel);
CREATE INDEX IF NOT EXISTS files_video ON files (video_id) WHERE video_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS files_channel ON files (channel COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS links (
    source INTEGER NOT NULL,
    target_text TEXT NOT NULL,
    target INTEGER,
    PRIMARY KEY (source, target_text)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS links_target ON links (target) WHERE target IS NOT NULL;
CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5 (title, headings, body, content = '', tokenize = '{TOKENIZE}');
PRAGMA user_version = {SCHEMA_VERSION};
"""
TABLES = {"meta", "files", "links", "gone", "search"}


def cache_base(cache_dir: Path | None = None) -> Path:
    """The shownotes cache folder: the argument, else $SHOWNOTES_CACHE_DIR, else the platform's."""
    if cache_dir is not None:
        return Path(cache_dir)
    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_cache_path("shownotes")


def db_path(root: Path, cache_dir: Path | None = None) -> Path:
    key = hashlib.sha256(os.fsencode(str(Path(root).resolve()))).hexdigest()
    return cache_base(cache_dir) / "index" / f"{key}.sqlite"


def connect(target: str, uri: bool = False, busy_ms: int = 30000) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), usable from one thread at a time."""
    conn = sqlite3.connect(target, timeout=busy_ms / 1000, isolation_level=None, check_same_thread=False, uri=uri)
    try:
        conn.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")
        if not uri:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA journal_size_limit = 67108864")  # a big first build leaves no huge -wal behind
    except sqlite3.Error:
        conn.close()
        raise
    return conn


START_KEY = "start_note"  # the note a fresh start of the library opens (sidebar order's first)
ROOT_KEY = "library"  # the folder (or single note) the index is of: its file name is only a hash of it


@dataclass(frozen=True)
class Hint:
    """What a start needs before scanning: how many notes the index holds, and which one opens first."""

    notes: int
    start: str | None


def read_hint(root: Path, cache_dir: Path | None = None) -> Hint | None:
    """The library's start hint, as its last index update left it; None when there is no index."""
    path = db_path(root, cache_dir)
    if not path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        count, start = conn.execute(
            "SELECT (SELECT count(*) FROM files WHERE error IS NULL), (SELECT value FROM meta WHERE key = ?)",
            (START_KEY,),
        ).fetchone()
    except sqlite3.Error:
        return None
    finally:
        conn.close()
    return Hint(int(count), start if isinstance(start, str) and start else None)


LISTING_WAIT_SECONDS = 0.25  # a file another process holds locked is passed over, not waited for (sqlite's default: 5 s)


def indexed_libraries(cache_dir: Path | None = None) -> list[tuple[Path, Path]]:
    """(library, index file) of every index in the cache folder that names its library, by library."""
    found = []
    for path in sorted((cache_base(cache_dir) / "index").glob("*.sqlite")):
        if problem(path) is not None:
            continue
        try:
            conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=LISTING_WAIT_SECONDS)
        except sqlite3.Error:
            continue
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = ?", (ROOT_KEY,)).fetchone()
        except sqlite3.Error:
            row = None
        finally:
            conn.close()
        if row and isinstance(row[0], bytes):
            library = Path(os.fsdecode(row[0]))
            if db_path(library, cache_dir) == path:  # not a file copied from another library's index
                found.append((library, path))
    return sorted(found)


def problem(path: Path) -> str | None:
    """Why an existing index file cannot be used as it is, or None when it can (or does not exist)."""
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"cannot be read ({error.strerror or error})"
    if not header:
        return None
    if header != SQLITE_HEADER:
        return "is not an SQLite file"
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        return f"cannot be opened ({error})"
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")}
        if version != SCHEMA_VERSION:
            return f"has schema version {version}, not {SCHEMA_VERSION}" if names else None
        if not TABLES <= names:
            return "lacks tables " + ", ".join(sorted(TABLES - names))
        conn.execute("SELECT count(*) FROM files").fetchone()
        conn.execute("SELECT count(*) FROM links").fetchone()
        conn.execute("SELECT rowid FROM search ORDER BY rowid DESC LIMIT 1").fetchone()
    except sqlite3.Error as error:
        return f"is damaged ({error})"
    finally:
        conn.close()
    return None


def discard(path: Path) -> None:
    """Delete an index file and its WAL companions; a file that will not go is left for SQLite to fail on."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        try:
            candidate.unlink()
        except OSError:
            continue


def create_schema(conn: sqlite3.Connection) -> None:
    if not schema_current(conn):
        conn.executescript(SCHEMA)


def is_locked(error: BaseException) -> bool:
    """SQLite's "database is locked" / "busy": another connection holds what this one needs."""
    return isinstance(error, sqlite3.OperationalError) and any(
        word in str(error).lower() for word in ("locked", "busy")
    )


def lock_wait_seconds() -> float:
    """How long to wait for another process's lock: $SHOWNOTES_LOCK_WAIT seconds, else LOCK_WAIT_SECONDS."""
    try:
        seconds = float(os.environ.get(LOCK_WAIT_ENV) or LOCK_WAIT_SECONDS)
    except ValueError:
        return LOCK_WAIT_SECONDS
    return max(seconds, 0.0) if math.isfinite(seconds) else LOCK_WAIT_SECONDS


def patiently(
    action: Callable[[], T],
    stop: Callable[[], bool] = lambda: False,
    waiting: Callable[[], None] = lambda: None,
    bound: float | None = None,
) -> T:
    """`action()`, tried again while another connection holds the lock it needs (each try waits
    WRITE_BUSY_MS inside SQLite), until it succeeds, `stop()`, or `bound` seconds; `waiting()` is
    called once, when the first try finds the lock taken."""
    deadline = time.monotonic() + (lock_wait_seconds() if bound is None else bound)
    told = False
    while True:
        try:
            return action()
        except sqlite3.OperationalError as error:
            if not is_locked(error) or stop() or time.monotonic() > deadline:
                raise
            if not told:
                told = True
                waiting()


def emptied(path: Path) -> bool:
    """An index file this process made that is now gone or 0 bytes (a WAL database always has its
    header page): whatever its -wal and -shm say, it has to be rebuilt."""
    try:
        return path.stat().st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def schema_current(conn: sqlite3.Connection) -> bool:
    """The schema is there as this version makes it: creating it again would only take a write lock."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return version == SCHEMA_VERSION and TABLES <= names
