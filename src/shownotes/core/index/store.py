"""Every SQL statement of the index: rows in and out of one SQLite connection, nothing else."""

from __future__ import annotations

import json
import os
import sqlite3
import zlib

from ..library.grouping import channel_for
from ..library.links import Resolver
from .build import FileRecord, Known, public_rel
from .schema import ROOT_KEY, START_KEY, TOKENIZE

LINKS_DIRTY = "links_dirty"
BUILDING = "building"
RECORD_COLUMNS = (
    "rel, path, title, has_title, video_id, channel, channel_hint, headings, timestamps, sections,"
    " warnings, size, mtime_ns"
)


# -- writing ---------------------------------------------------------------------------------


def known_files(conn: sqlite3.Connection) -> dict[str, Known]:
    rows = conn.execute("SELECT path, id, size, mtime_ns, digest FROM files")
    return {os.fsdecode(bytes(raw)): Known(id_, size, mtime, bytes(digest)) for raw, id_, size, mtime, digest in rows}


def delete_file(conn: sqlite3.Connection, file_id: int) -> None:
    retire(conn, file_id)
    conn.execute("DELETE FROM links WHERE source = ?", (file_id,))
    conn.execute("DELETE FROM files WHERE id = ?", (file_id,))


def retire(conn: sqlite3.Connection, file_id: int) -> None:
    """The file's document in `search` is no longer its text: into `gone` (a contentless row cannot be deleted)."""
    conn.execute("INSERT OR IGNORE INTO gone SELECT doc FROM files WHERE id = ? AND doc IS NOT NULL", (file_id,))
    conn.execute("UPDATE files SET doc = NULL WHERE id = ?", (file_id,))


# `doc IS NOT NULL` lets SQLite read the maximum off the partial index files_doc: without it every note
# stored scanned the whole table (29 ms a note at 20,000 notes, most of a cold build)
NEXT_DOC = (
    "SELECT max(coalesce((SELECT max(doc) FROM files WHERE doc IS NOT NULL), 0), coalesce((SELECT max(doc) FROM gone), 0))"
)


def next_doc(conn: sqlite3.Connection) -> int:
    return int(conn.execute(NEXT_DOC).fetchone()[0]) + 1


def gone_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM gone").fetchone()[0])


def empty_search(conn: sqlite3.Connection) -> None:
    """Drop every document, the gone ones with the rest: each note's text is then stored again."""
    conn.execute("INSERT INTO search (search) VALUES ('delete-all')")
    conn.execute("DELETE FROM gone")
    conn.execute("UPDATE files SET doc = NULL WHERE doc IS NOT NULL")


def unsearchable(conn: sqlite3.Connection) -> list[str]:
    """Files read as notes whose text `search` does not hold (emptied, or an update stopped midway)."""
    rows = conn.execute("SELECT path FROM files WHERE error IS NULL AND doc IS NULL")
    return [os.fsdecode(bytes(raw)) for (raw,) in rows]


def heading_text(headings: tuple[tuple[int, str, int], ...] | list) -> str:
    """The `headings` column of `search`: one line per heading, its spaces made single."""
    return "\n".join(" ".join(title.split()) for _level, title, _index in headings)


def touch(conn: sqlite3.Connection, file_id: int, size: int, mtime_ns: int) -> None:
    """A newer mtime on the same bytes: remembered, so the file is not read again."""
    conn.execute("UPDATE files SET size = ?, mtime_ns = ? WHERE id = ?", (size, mtime_ns, file_id))


def mark_building(conn: sqlite3.Connection) -> None:
    """Set in an update's first transaction, cleared in its last: still set, the update died half way
    (killed, disk full, I/O error) or is still running, and the index holds only part of the library."""
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (BUILDING,))


def clear_building(conn: sqlite3.Connection) -> None:
    conn.execute("DELETE FROM meta WHERE key = ?", (BUILDING,))


def building(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM meta WHERE key = ?", (BUILDING,)).fetchone() is not None


def damage(conn: sqlite3.Connection) -> str | None:
    """What is wrong with the file and its full-text index, or None (reads all of both: only after an
    update died)."""
    try:
        conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    except sqlite3.DatabaseError as error:
        return str(error)
    return None if verdict == "ok" else str(verdict)


def mark_links_dirty(conn: sqlite3.Connection) -> None:
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (LINKS_DIRTY,))


def take_links_dirty(conn: sqlite3.Connection) -> bool:
    dirty = conn.execute("SELECT value FROM meta WHERE key = ?", (LINKS_DIRTY,)).fetchone() is not None
    conn.execute("DELETE FROM meta WHERE key = ?", (LINKS_DIRTY,))
    return dirty


def set_root(conn: sqlite3.Connection, target: str) -> None:
    """Kept as the file system's bytes: a folder's name need not be UTF-8."""
    conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (ROOT_KEY, os.fsencode(target)))


def set_start(conn: sqlite3.Connection, rel: str | None) -> None:
    if rel is None:
        conn.execute("DELETE FROM meta WHERE key = ?", (START_KEY,))
    else:
        conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (START_KEY, rel))


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
        record.file_title,
        record.file_warnings,
        json.dumps(record.listed, ensure_ascii=False) if record.listed else None,
        json.dumps(record.headings, ensure_ascii=False),
        record.timestamps,
        len(record.headings),
        None if record.error is not None else next_doc(conn),
        None if record.error is not None else pack_shown(record),
        record.error,
    )
    columns = (
        "rel, size, mtime_ns, digest, title, has_title, channel, channel_hint, video_id, warnings, file_title,"
        " file_warnings, listed, headings,"
        " timestamps, sections, doc, shown, error"
    )
    if old is None:  # another process may have added it since this update looked
        found = conn.execute(
            "SELECT id, size, mtime_ns, digest FROM files WHERE path = ?", (os.fsencode(record.raw),)
        ).fetchone()
        old = Known(*found) if found else None
    if old is not None:
        file_id = old.id
        retire(conn, file_id)
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
            (values[16], values[4], heading_text(record.headings), record.body),
        )
    conn.executemany("INSERT INTO links (source, target_text) VALUES (?, ?)", [(file_id, t) for t in record.links])
    return file_id


def relink(conn: sqlite3.Connection, sources: list[int] | None = None) -> int:
    """Resolve wiki link targets over the indexed notes (the library's own Resolver); how many changed.

    Resolution depends only on the set of paths, so only an added or deleted file makes every
    link worth resolving again; an edited file needs only its own links resolved.
    """
    rels = {file_id: rel for file_id, rel in conn.execute("SELECT id, rel FROM files WHERE error IS NULL")}
    ids = {rel: file_id for file_id, rel in rels.items()}
    resolver = Resolver(ids)
    if sources is None:
        rows = conn.execute("SELECT source, target_text, target FROM links").fetchall()
    else:
        rows = []
        for file_id in sources:
            rows += conn.execute("SELECT source, target_text, target FROM links WHERE source = ?", (file_id,)).fetchall()
    cache: dict[tuple[str, str], int | None] = {}
    updates = []
    for source, text, old in rows:
        rel = rels.get(source)
        if rel is None:
            continue
        if not text.strip():
            target = source  # `[[#Heading]]` points into the note itself
        else:
            key = (rel.rsplit("/", 1)[0] if "/" in rel else "", text)
            if key not in cache:
                found = resolver.resolve(text, rel)
                cache[key] = ids.get(found) if found is not None else None
            target = cache[key]
        if target != old:
            updates.append((target, source, text))
    conn.executemany("UPDATE links SET target = ? WHERE source = ? AND target_text = ?", updates)
    return len(updates)


# -- reading ---------------------------------------------------------------------------------


def summary_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(
        "SELECT rel, title, has_title, video_id, channel_hint, warnings, size, mtime_ns,"
        " CASE WHEN CAST(path AS TEXT) = rel THEN NULL ELSE path END FROM files WHERE error IS NULL ORDER BY rel"
    ).fetchall()


def record_rows(conn: sqlite3.Connection) -> list[tuple]:
    return conn.execute(f"SELECT {RECORD_COLUMNS} FROM files WHERE error IS NULL ORDER BY rel").fetchall()


def failure_rows(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return conn.execute("SELECT rel, error FROM files WHERE error IS NOT NULL ORDER BY rel").fetchall()


def backlink_rows(conn: sqlite3.Connection, rel: str) -> list[str]:
    rows = conn.execute(
        "SELECT DISTINCT s.rel FROM files t JOIN links l ON l.target = t.id JOIN files s ON s.id = l.source"
        " WHERE t.rel = ? AND s.id != t.id ORDER BY s.rel",
        (rel,),
    )
    return [row[0] for row in rows]


def episode_rows(conn: sqlite3.Connection, video_id: str) -> list[str]:
    rows = conn.execute("SELECT rel FROM files WHERE video_id = ? AND error IS NULL ORDER BY rel", (video_id,))
    return [row[0] for row in rows]


def channel_names(conn: sqlite3.Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT DISTINCT channel FROM files WHERE channel IS NOT NULL")]


def ranked(conn: sqlite3.Connection, match: str, channels: tuple[str, ...] | None, limit: int, weights: tuple[float, ...]) -> list[tuple]:
    """(file id, bm25 score) of the best matches, best first; only in `channels` when it is given."""
    where = "search MATCH ?"
    if channels is not None:
        where += f" AND files.channel IN ({', '.join('?' * len(channels))})"
    scores = ", ".join(map(str, weights))
    return conn.execute(
        f"SELECT files.id, bm25(search, {scores}) AS score FROM search JOIN files ON files.doc = search.rowid"
        f" WHERE {where} ORDER BY score LIMIT ?",
        (match, *(channels or ()), limit),
    ).fetchall()


def pack_shown(record: FileRecord) -> bytes:
    """What a hit shows of the note (its text, where sections and timestamps start in it), compressed:
    the full-text index keeps no copy of its own (contentless), and notes' text packs to about a third."""
    return zlib.compress(json.dumps([record.body, record.starts, record.stamps], ensure_ascii=False).encode(), 6)


def unpack_shown(blob: bytes) -> tuple[str, list, list]:
    body, starts, stamps = json.loads(zlib.decompress(blob))
    return body, [tuple(start) for start in starts], [tuple(stamp) for stamp in stamps]


def hit_rows(conn: sqlite3.Connection, ids: tuple[int, ...]) -> list[tuple]:
    """For the ranked files: (id, rel, path, title, channel, video_id, headings, shown)."""
    places = ", ".join("?" * len(ids))
    return conn.execute(
        f"SELECT id, rel, path, title, channel, video_id, headings, shown FROM files WHERE id IN ({places})", ids
    ).fetchall()


def snippet_rows(
    conn: sqlite3.Connection, match: str, texts: list[tuple[int, str, str, str]], marks: tuple[str, str, str, int]
) -> list[tuple[int, str, str]]:
    """(id, marked body snippet, marked headings) of each (id, title, headings, body) the query matches,
    made by FTS5 itself in a table of this connection's own (temp) database holding only these texts."""
    start, end, ellipsis, tokens = marks
    conn.execute("PRAGMA temp_store = MEMORY")  # the hits' texts never reach a temporary file
    conn.execute("DROP TABLE IF EXISTS temp.shown")
    conn.execute(f"CREATE VIRTUAL TABLE temp.shown USING fts5 (title, headings, body, tokenize = '{TOKENIZE}')")
    try:
        conn.executemany("INSERT INTO temp.shown (rowid, title, headings, body) VALUES (?, ?, ?, ?)", texts)
        return conn.execute(
            f"SELECT rowid, snippet(shown, 2, '{start}', '{end}', '{ellipsis}', {tokens}),"
            f" highlight(shown, 1, '{start}', '{end}') FROM temp.shown WHERE shown MATCH ?",
            (match,),
        ).fetchall()
    finally:
        conn.execute("DROP TABLE temp.shown")  # a DELETE would tokenize every text again to unindex it


def memory_rows(conn: sqlite3.Connection) -> list[tuple]:
    """Every file as the index last read it, for answering without reading it: (path, size, mtime_ns,
    error, file_title, video_id, channel_hint, warnings, file_warnings, title, sections, timestamps, id, rel,
    listed)."""
    return conn.execute(
        "SELECT path, size, mtime_ns, error, file_title, video_id, channel_hint, warnings, file_warnings, title,"
        " sections, timestamps, id, rel, listed FROM files"
    ).fetchall()


def link_targets(conn: sqlite3.Connection) -> list[tuple[int, str, int]]:
    """(file id, wiki link target as written, 1 when it resolves to no note) of every link, by file."""
    return conn.execute("SELECT source, target_text, target IS NULL FROM links ORDER BY source").fetchall()


def links_settled(conn: sqlite3.Connection) -> list[bool]:
    """[True] when every link is resolved over the files as they are (no update died or is under way)."""
    flags = conn.execute("SELECT count(*) FROM meta WHERE key IN (?, ?)", (LINKS_DIRTY, BUILDING)).fetchone()[0]
    return [not flags]
