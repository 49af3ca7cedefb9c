"""Painting helpers the line-based panes share."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip


def line_strip(segments: list[Segment], width: int, base: Style) -> Strip:
    """One Strip for a laid-out line, padded to the width (Textual strips are costly to chain)."""
    length = sum(cell_len(segment.text) for segment in segments)
    styled = list(Segment.apply_style(segments, base))
    if length > width:
        return Strip(styled, length).crop(0, width)
    if length < width:
        styled.append(Segment(" " * (width - length), base))
    return Strip(styled, width)
