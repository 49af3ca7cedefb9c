"""The few hits a search shows, made from the note files: the index holds no copy of the text, so each
hit's note is read again (the same extraction the index stored) and FTS5 marks the snippet in a table
of the reading connection's own, so the snippet, section and timestamp are those a stored copy gave.

A note changed on disk since it was indexed gets its snippet from the text it has now when that still
matches, else a line saying so, never words from the wrong place.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

from ..textsafe import safe_line
from . import store
from .build import FileRecord, extract
from .search import ELLIPSIS, MATCH_END, MATCH_START, SNIPPET_TOKENS, Hit, Place, place

KEPT = 256  # notes' texts kept between searches (typing a query searches the same notes again and again)
MARKS = (MATCH_START, MATCH_END, ELLIPSIS, SNIPPET_TOKENS)
CHANGED = "(this note changed since it was indexed; the index catches up on its next update)"
UNREADABLE = "(this note cannot be read now: {why})"


class Texts:
    """Notes' extracted texts by file, each kept while the file's size and mtime stay the same."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._kept: OrderedDict[str, tuple[tuple[int, int], FileRecord]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, raw: str) -> FileRecord:
        """The file's record as extraction gives it now; a bad or vanished file comes back with `error`."""
        path = self.root / raw
        try:
            stat = os.stat(path)
        except OSError as error:
            return FileRecord(raw, 0, 0, b"", error=f"cannot read: {error.strerror or error}")
        key = (stat.st_size, stat.st_mtime_ns)
        with self._lock:
            kept = self._kept.get(raw)
            if kept is not None and kept[0] == key:
                self._kept.move_to_end(raw)
                return kept[1]
        record = extract(str(path), raw)
        if record.error is None:
            with self._lock:
                self._kept[raw] = ((record.size, record.mtime_ns), record)
                while len(self._kept) > KEPT:
                    self._kept.popitem(last=False)
        return record


def make_hits(
    conn: sqlite3.Connection, texts: Texts, match: str, ranked: list[tuple[int, float]], root: Path
) -> list[Hit]:
    """A Hit for each ranked (file id, bm25 score), in that order."""
    rows = {row[0]: row[1:] for row in store.hit_rows(conn, tuple(file_id for file_id, _score in ranked))}
    records = {file_id: texts.get(os.fsdecode(bytes(row[1]))) for file_id, row in rows.items()}
    shown = [
        (file_id, rows[file_id][2], store.heading_text(record.headings), record.body)
        for file_id, record in records.items()
        if record.error is None
    ]
    marked = {file_id: (body, heads) for file_id, body, heads in store.snippet_rows(conn, match, shown, MARKS)}
    hits = []
    for file_id, score in ranked:
        if file_id not in rows:
            continue
        rel, raw, title, channel, video_id, digest = rows[file_id]
        record = records[file_id]
        spot = _spot(record, bytes(digest), marked.get(file_id))
        hits.append(
            Hit(
                rel=rel,
                path=root / os.fsdecode(bytes(raw)),
                title=title,
                channel=channel,
                section=spot.section,
                section_title=safe_line(spot.section_title),
                snippet=spot.snippet,
                seconds=spot.seconds,
                video_id=video_id,
                score=-score,
            )
        )
    return hits


def _spot(record: FileRecord, digest: bytes, marked: tuple[str, str] | None) -> Place:
    if record.error is not None:
        return Place(0, "", None, ((safe_line(UNREADABLE.format(why=record.error)), False),))
    if marked is None:  # changed since indexing (`digest`): the text it has now no longer matches
        return Place(0, "", None, ((CHANGED, False),))
    body, heads = marked
    return place(record.body, body, heads, list(record.headings), list(record.starts), list(record.stamps))
