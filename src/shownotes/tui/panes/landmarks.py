"""Where things are in a laid-out note (its links once each, the lines sections and timestamps start on),
and what a line of it lights up (links under the cursor, the current timestamp, find matches)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from rich.cells import cell_len
from rich.style import Style

from ...core.find import Found
from ...render.layout import Layout, LinkSpan
from ...render.palette import Palette

Mark = tuple[int, int, Style]  # (first cell, cell after the last, style) on one line


class Landmarks:
    """Built from a Layout (or the part of it laid out so far); answers which section or timestamp a line is in."""

    def __init__(self, layout: Layout | None = None) -> None:
        self.links: list[LinkSpan] = []  # one span per link, document order
        self.section_lines: list[int] = []  # the first line of each section, the note's top first
        self._section_ids: list[int] = []
        self._stamp_lines: list[int] = []
        self._stamp_ids: list[int] = []
        if layout is None:
            return
        seen: set[tuple[str, int | str]] = set()
        for span in layout.spans:
            if (span.kind, span.key) not in seen:
                seen.add((span.kind, span.key))
                self.links.append(span)
        ordered = sorted((y, index) for index, y in layout.sections.items())
        self.section_lines = [0] + [y for y, _ in ordered]
        self._section_ids = [0] + [index for _, index in ordered]
        stamps = sorted((span.y, span.key) for span in self.links if span.kind == "ts")
        self._stamp_lines = [y for y, _ in stamps]
        self._stamp_ids = [int(key) for _, key in stamps]

    def section_at(self, line: int) -> int:
        position = bisect_right(self.section_lines, line) - 1
        return self._section_ids[position] if position >= 0 else 0

    def timestamp_at(self, line: int) -> int | None:
        """The first timestamp at or below `line`, else the last one above it."""
        position = bisect_left(self._stamp_lines, line)
        if position < len(self._stamp_ids):
            return self._stamp_ids[position]
        return self._stamp_ids[-1] if self._stamp_ids else None


def link_marks(spans: list[LinkSpan], cursor: LinkSpan | None, current_timestamp: int | None, palette: Palette) -> list[Mark]:
    """One line's links lit: the h/l cursor's, and the timestamp the player or the panel is at."""
    marks = []
    for span in spans:
        if cursor is not None and (span.kind, span.key) == (cursor.kind, cursor.key):
            marks.append((span.x0, span.x1, palette.cursor))
        elif span.kind == "ts" and span.key == current_timestamp:
            marks.append((span.x0, span.x1, palette.selected))
    return marks


def found_marks(layout: Layout, found: Found | None, current: int | None, line_y: int, palette: Palette) -> list[Mark]:
    """One line's find-bar matches, the current one apart."""
    if found is None:
        return []
    text = layout.text(line_y)
    return [
        (cell_len(text[:start]), cell_len(text[:end]), palette.found_current if index == current else palette.found)
        for index, _y, start, end in found.on_lines(line_y, line_y)
    ]
