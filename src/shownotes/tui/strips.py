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


def line_strip(segments: list[Segment], width: int, base: Style, pad: Style | None = None) -> Strip:
    """One Strip for a laid-out line, padded to the width (Textual strips are costly to chain);
    `pad` is added to the padding's style (the offset a mouse selection reads there)."""
    length = sum(cell_len(segment.text) for segment in segments)
    styled = list(Segment.apply_style(segments, base))
    if length > width:
        return Strip(styled, length).crop(0, width)
    if length < width:
        styled.append(Segment(" " * (width - length), base + pad if pad is not None else base))
    return Strip(styled, width)


def offset_style(x: int, y: int) -> Style:
    """The style meta Textual's text selection reads to know which character of the content is under the mouse."""
    return Style.from_meta({"offset": (x, y)})


def with_offsets(segments: list[Segment], y: int, margin: int) -> tuple[list[Segment], int]:
    """A laid-out line's segments marked with their (character, line) offsets for mouse selection,
    after `margin` blank cells that all count as its first character; and the line's length in characters."""
    start = offset_style(0, y)
    out = [Segment(" ", start)] * margin
    x = 0
    for text, style, _control in segments:
        meta = start if x == 0 else offset_style(x, y)
        out.append(Segment(text, style + meta if style is not None else meta))
        x += len(text)
    return out, x


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


def selection_marks(text: str, span: tuple[int, int] | None, style: Style) -> list[tuple[int, int, Style]]:
    """The mark (cells) of a line's selected characters, from Textual's Selection.get_span (-1: to the end)."""
    if span is None:
        return []
    start, end = span[0], len(text) if span[1] == -1 else span[1]
    return [(cell_len(text[:start]), cell_len(text[:end]), style)] if end > start else []
