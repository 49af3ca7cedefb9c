"""Searching every library whose index is in the cache folder (`search --all`, the app's toggle): the
hits of each, merged best first, each naming its library."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .index import Index, schema
from .index.search import Hit
from .textsafe import clean_line


def merge(per_library: Iterable[tuple[Path | None, list[Hit]]], limit: int) -> list[tuple[Path | None, Hit]]:
    """Best first; equal scores keep the libraries' order, then each library's own."""
    found = [(root, hit) for root, hits in per_library for hit in hits]
    found.sort(key=lambda pair: -pair[1].score)
    return found[: max(0, limit)]


def library_name(root: Path) -> str:
    return clean_line(root.name or str(root))


def unshared(db: Path) -> str | None:
    """Why another library's index cannot be searched at once as it stands, or None: it is read, never
    waited for, created or rebuilt (only the app showing that library does that)."""
    try:
        conn = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error as error:
        return f"cannot be opened ({clean_line(str(error))})"
    try:
        mode, version = conn.execute("PRAGMA journal_mode").fetchone()[0], conn.execute("PRAGMA user_version").fetchone()[0]
        if mode != "wal":  # opening it would switch it to WAL: a write, waiting for any other writer
            conn.close()
            conn = sqlite3.connect(db, timeout=0, isolation_level=None)
            conn.execute("PRAGMA journal_mode = WAL")
    except sqlite3.Error as error:
        return "is locked by another process" if schema.is_locked(error) else f"cannot be read ({clean_line(str(error))})"
    finally:
        conn.close()
    if version != schema.SCHEMA_VERSION:
        return "was indexed by another version of shownotes: open it to index it again"
    return None


class Shelf:
    """The indexes of the other libraries in the cache, opened on first use and searched as they are:
    only the library the app shows is kept up to date, the others answer as they were last indexed.
    Used from one thread at a time."""

    def __init__(self, current: Path | None, cache_dir: Path | None = None) -> None:
        self.current = schema.db_path(current, cache_dir) if current is not None else None  # the app's own
        self.cache_dir = cache_dir
        self.problems: list[str] = []  # libraries left out, and why
        self._open: dict[Path, Index] | None = None

    def indexes(self) -> dict[Path, Index]:
        if self._open is None:
            self._open, self.problems = {}, []
            for root, db in schema.indexed_libraries(self.cache_dir):
                if db == self.current:
                    continue
                if not root.exists():
                    self.problems.append(f"{library_name(root)} is gone")
                    continue
                why = unshared(db)
                if why is None:
                    why, index = self._opened(root)
                    if index is not None:
                        self._open[root] = index
                if why is not None:
                    self.problems.append(f"{library_name(root)} {why}")
        return self._open

    def _opened(self, root: Path) -> tuple[str | None, Index | None]:
        """Its index as it is, or why not: with nothing to wait for (a lock is given up on at once)."""
        try:
            index = Index.open(root, cache_dir=self.cache_dir, stop=lambda: True)
        except (OSError, sqlite3.Error) as error:
            return f"cannot be searched ({clean_line(str(error))})", None
        if index.notices or index.in_memory:
            index.close()
            return f"cannot be searched ({'; '.join(index.notices)})", None
        return None, index

    @property
    def opened(self) -> int:
        return len(self._open or {})

    def search(self, query: str, limit: int, skip: Path | None = None) -> list[tuple[Path, list[Hit]]]:
        """Each other library's hits; `skip`: an index file to leave out (the app's own, once open)."""
        return [(root, index.search(query, limit=limit)) for root, index in self.indexes().items() if index.db_path != skip]

    def close(self) -> None:
        for index in (self._open or {}).values():
            index.close()
        self._open = None
