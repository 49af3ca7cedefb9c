"""Find in a note: a literal, smart-case search over the plain text of laid-out lines.

Matches never span lines. Offsets are characters into one line; the painter turns them into cells.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field

CHUNK = 64 * 1024  # characters scanned at a time
NO_BREAK_SPACE = "\u00a0"  # the renderer glues `▶ 00:12:45` with it; a typed space should match it


def case_sensitive(query: str) -> bool:
    """Smart case: a query with a capital letter matches case; an all-lowercase one ignores it."""
    return any(ch.isupper() for ch in query)


def pattern(query: str) -> re.Pattern[str] | None:
    """The query as a literal pattern (regex metacharacters are plain text); None for an empty one."""
    if not query:
        return None
    flags = 0 if case_sensitive(query) else re.IGNORECASE
    return re.compile(re.escape(query.replace(NO_BREAK_SPACE, " ")), flags)


@dataclass(frozen=True)
class Haystack:
    """Lines joined once so each query is one regex scan, with where each line starts."""

    text: str
    starts: list[int]  # offset of each line in text

    @classmethod
    def of(cls, lines: Sequence[str]) -> Haystack:
        starts, offset = [], 0
        for line in lines:
            starts.append(offset)
            offset += len(line) + 1
        return cls("\n".join(lines).replace(NO_BREAK_SPACE, " "), starts)

    @property
    def height(self) -> int:
        return len(self.starts)

    def find(self, query: str, complete: bool = True, chunk: int = CHUNK) -> Found:
        compiled = pattern(query)
        if compiled is None or "\n" in query:
            return Found(query, self, [], len(query), complete)
        # In slices: the regex engine keeps the GIL for a whole scan, and the UI thread needs it between keys.
        offsets: list[int] = []
        text, length = self.text, len(query)
        for start in range(0, len(text), chunk):
            resume = max(start, offsets[-1] + length) if offsets else start  # matches do not overlap
            offsets += [m.start() for m in compiled.finditer(text, resume, start + chunk + length - 1) if m.start() < start + chunk]
        return Found(query, self, offsets, len(query), complete)


@dataclass(frozen=True)
class Found:
    """The matches of one query, in document order, as offsets into the haystack's text."""

    query: str
    haystack: Haystack = field(repr=False)
    offsets: list[int]
    length: int  # a literal match under simple case folding is as long as the query
    complete: bool = True  # False: the note was not all laid out yet, more may follow

    def __len__(self) -> int:
        return len(self.offsets)

    def line_of(self, index: int) -> int:
        return bisect_right(self.haystack.starts, self.offsets[index]) - 1

    def on_lines(self, first: int, last: int) -> list[tuple[int, int, int, int]]:
        """(match index, line, start, end) of the matches on lines first..last (inclusive)."""
        starts = self.haystack.starts
        if not self.offsets or first >= len(starts) or last < first:
            return []
        low = starts[max(first, 0)]
        high = starts[last + 1] if last + 1 < len(starts) else len(self.haystack.text) + 1
        out = []
        for index in range(bisect_left(self.offsets, low), bisect_left(self.offsets, high)):
            offset = self.offsets[index]
            line = bisect_right(starts, offset) - 1
            out.append((index, line, offset - starts[line], offset - starts[line] + self.length))
        return out

    def first_from(self, line: int) -> int | None:
        """The first match on or below `line`, else the first of the note (wrapping); None if none."""
        if not self.offsets:
            return None
        starts = self.haystack.starts
        low = starts[line] if 0 <= line < len(starts) else (0 if line < 0 else len(self.haystack.text) + 1)
        index = bisect_left(self.offsets, low)
        return index if index < len(self.offsets) else 0


def step(current: int | None, count: int, direction: int) -> int | None:
    """The match after (direction 1) or before (-1) the current one, wrapping around the note."""
    if count == 0:
        return None
    if current is None:
        return 0 if direction > 0 else count - 1
    return (current + direction) % count


def label(current: int | None, found: Found | None) -> str:
    """What the find bar shows: `3/12`, `no match`, or nothing for an empty query."""
    if found is None or not found.query:
        return ""
    more = "" if found.complete else "+"
    if not found.offsets:
        return "no match" + (" yet" if more else "")
    return f"{(current or 0) + 1}/{len(found)}{more}"
