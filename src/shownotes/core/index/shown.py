"""The few hits a search shows, made from what the index packed of each note (`files.shown`: its text,
compressed, with where its sections and timestamps start): the full-text table is contentless, so FTS5
marks each hit's snippet in a table of the reading connection's own holding only those texts. The
snippet, section and timestamp are those a stored copy gave, and no note file is read to show a hit.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from ..textsafe import safe_line
from . import store
from .search import ELLIPSIS, MATCH_END, MATCH_START, SNIPPET_TOKENS, Hit, Place, place

MARKS = (MATCH_START, MATCH_END, ELLIPSIS, SNIPPET_TOKENS)


def make_hits(conn: sqlite3.Connection, match: str, ranked: list[tuple[int, float]], root: Path) -> list[Hit]:
    """A Hit for each ranked (file id, bm25 score), in that order."""
    rows = {row[0]: row[1:] for row in store.hit_rows(conn, tuple(file_id for file_id, _score in ranked))}
    texts = {}
    for file_id, (_rel, _raw, _title, _channel, _video, headings, shown) in rows.items():
        if shown is not None:
            heads = [tuple(head) for head in json.loads(headings)]
            texts[file_id] = (heads, *store.unpack_shown(bytes(shown)))
    marked = {
        file_id: (body, heads)
        for file_id, body, heads in store.snippet_rows(
            conn, match, [(i, rows[i][2], store.heading_text(t[0]), t[1]) for i, t in texts.items()], MARKS
        )
    }
    hits = []
    for file_id, score in ranked:
        if file_id not in rows:
            continue
        rel, raw, title, channel, video_id, _headings, _shown = rows[file_id]
        spot = _spot(texts.get(file_id), marked.get(file_id))
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


def _spot(text: tuple[list, str, list, list] | None, marked: tuple[str, str] | None) -> Place:
    if text is None or marked is None:  # not expected: FTS5 matched the packed text when it ranked it
        return Place(0, "", None, ())
    headings, body, starts, stamps = text
    marked_body, marked_heads = marked
    return place(body, marked_body, marked_heads, headings, starts, stamps)
