"""A search hit: which section of a note matched, the timestamp that cites it, and a safe snippet."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from ..textsafe import safe_line
from ..timecode import deep_link

MATCH_START = "\x02"  # only in FTS5 output; a Hit's snippet never carries them
MATCH_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 16
_MARKERS = re.compile(f"([{MATCH_START}{MATCH_END}])")
_SPACES = re.compile(r"\s+")

Pieces = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Hit:
    rel: str
    path: Path
    title: str
    channel: str
    section: int  # Section.index in the note's outline (0: before the first heading)
    section_title: str
    snippet: Pieces  # (text, is_match) pieces on one line, free of control characters
    seconds: int | None  # the timestamp that cites the match, else the section's, else None
    video_id: str | None
    score: float  # higher is better

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _match in self.snippet)

    def marked(self, start: str = "**", end: str = "**") -> str:
        return "".join(f"{start}{text}{end}" if match else text for text, match in self.snippet)

    @property
    def link(self) -> str | None:
        return deep_link(self.video_id, self.seconds) if self.seconds is not None else None


@dataclass(frozen=True)
class Place:
    section: int
    section_title: str
    seconds: int | None
    snippet: Pieces


def snippet_pieces(marked: str) -> Pieces:
    """FTS5 snippet output as (text, is_match) pieces on one line, with no control character left."""
    pieces: list[tuple[str, bool]] = []
    inside = False
    for part in _MARKERS.split(marked):
        if part == MATCH_START:
            inside = True
        elif part == MATCH_END:
            inside = False
        elif part:
            text = safe_line(_SPACES.sub(" ", part))
            if pieces and pieces[-1][1] == inside:
                pieces[-1] = (pieces[-1][0] + text, inside)
            else:
                pieces.append((text, inside))
    return tuple(pieces)


def lead_pieces(text: str) -> Pieces:
    """The opening words of a text, for a hit whose match is in a title or heading only."""
    words = text[: SNIPPET_TOKENS * 40].split()
    shown = " ".join(words[:SNIPPET_TOKENS])
    if not shown:
        return ()
    return ((safe_line(shown) + (ELLIPSIS if len(words) > SNIPPET_TOKENS else ""), False),)


def match_offset(body: str, marked: str) -> int | None:
    """Where in the body the snippet's first match starts; None when the snippet holds no match."""
    first = marked.find(MATCH_START)
    if first < 0:
        return None
    plain = marked.replace(MATCH_START, "").replace(MATCH_END, "")
    lead = 1 if plain.startswith(ELLIPSIS) and not body.startswith(ELLIPSIS) else 0
    trail = 1 if plain.endswith(ELLIPSIS) and len(plain) > lead else 0
    start = body.find(plain[lead : len(plain) - trail])
    if start < 0:
        return None
    return start + len(marked[:first].replace(MATCH_END, "")) - lead


def place(
    body: str,
    marked_body: str,
    marked_headings: str,
    headings: list[tuple[int, str, int]],
    starts: list[tuple[int, int, int | None]],
    stamps: list[tuple[int, int]],
) -> Place:
    """The section a hit belongs to and its timestamp: where the body snippet matched, else the
    first heading that matched, else the first section with text."""
    titles = {index: title for _level, title, index in headings}
    if not starts:
        return Place(0, "", None, snippet_pieces(marked_body))
    offsets = [offset for offset, _index, _seconds in starts]
    offset = match_offset(body, marked_body)
    if offset is not None:
        at = max(0, bisect.bisect_right(offsets, offset) - 1)
        _start, index, seconds = starts[at]
        end = next((o for o in offsets[at + 1 :] if o > offset), len(body))
        return Place(index, titles.get(index, ""), cited(stamps, offset, end, seconds), snippet_pieces(marked_body))
    lines = marked_headings.split("\n") if marked_headings else []
    line = next((n for n, text in enumerate(lines) if MATCH_START in text), None)
    if line is not None and line < len(headings):
        at = next((n for n, entry in enumerate(starts) if entry[1] == headings[line][2]), 0)
    else:
        at = next((n for n, entry in enumerate(starts) if entry[0] < len(body) and _has_text(body, starts, n)), 0)
    start, index, seconds = starts[at]
    end = starts[at + 1][0] if at + 1 < len(starts) else len(body)
    return Place(index, titles.get(index, ""), seconds, lead_pieces(body[start:end]) or lead_pieces(body[start:]))


def _has_text(body: str, starts: list[tuple[int, int, int | None]], n: int) -> bool:
    end = starts[n + 1][0] if n + 1 < len(starts) else len(body)
    return bool(body[starts[n][0] : end].strip())


def cited(stamps: list[tuple[int, int]], offset: int, end: int, fallback: int | None) -> int | None:
    """Timestamps follow the sentence they cite: the first one after the match (in its section),
    else the last one before it, else the section's own."""
    keys = [at for at, _seconds in stamps]
    after = bisect.bisect_left(keys, offset)
    if after < len(stamps) and stamps[after][0] < end:
        return stamps[after][1]
    if after > 0:
        return stamps[after - 1][1]
    return fallback
