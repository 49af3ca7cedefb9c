"""Painting helpers the line-based panes share."""

from __future__ import annotations

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.geometry import Region
from textual.scroll_view import ScrollView
from textual.strip import Strip


class PaintOnce(ScrollView):
    """A line-based pane whose base style is worked out once per paint, not once per line
    (Textual's `rich_style` walks every ancestor's styles each time it is read)."""

    _paint_style: Style | None = None

    def render_lines(self, crop: Region) -> list[Strip]:
        self._paint_style = self.rich_style
        try:
            return super().render_lines(crop)
        finally:
            self._paint_style = None

    @property
    def base_style(self) -> Style:
        return self._paint_style if self._paint_style is not None else self.rich_style


def line_strip(segments: list[Segment], width: int, base: Style) -> Strip:
    """One Strip for a laid-out line, padded to the width (Textual strips are costly to chain)."""
    length = sum(cell_len(segment.text) for segment in segments)
    styled = list(Segment.apply_style(segments, base))
    if length > width:
        return Strip(styled, length).crop(0, width)
    if length < width:
        styled.append(Segment(" " * (width - length), base))
    return Strip(styled, width)


def apply_marks(segments: list[Segment], marks: list[tuple[int, int, Style]]) -> list[Segment]:
    """Segments with cell ranges restyled; where marks overlap, the first one listed wins."""
    if not marks:
        return segments
    length = sum(cell_len(segment.text) for segment in segments)
    cuts = sorted({x for x0, x1, _ in marks for x in (x0, x1) if x < length} | {length})
    out: list[Segment] = []
    start = 0
    for cut, piece in zip(cuts, Segment.divide(segments, cuts)):
        style = next((s for x0, x1, s in marks if x0 <= start < x1), None)
        out.extend(piece if style is None else Segment.apply_style(piece, post_style=style))
        start = cut
    return out
