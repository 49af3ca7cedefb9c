"""A huge note rendered slice by slice (core/notes/slices): each slice is parsed, built into blocks and
laid out, then dropped, so memory holds one slice however long the note is."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..core.library.library import Library
from ..core.notes.note import Note
from ..core.notes.outline import OutlineWalker
from ..core.notes.slices import SLICE_CHARS, SlicedBody, parse_slices, plan
from ..core.timecode import deep_link
from .build import BlockBuilder
from .layout import Layout, lay_out
from .palette import DEFAULT_PALETTE, Palette
from .view import link_callbacks, resolve_links


@dataclass(frozen=True)
class Piece:
    """One slice laid out: its lines (numbered from 0), and where its timestamps link."""

    layout: Layout
    url: Callable[[int], str | None]  # by the timestamp's index in the note


class SlicedNote:
    """A note read by slice: its title known up front, its pieces laid out one at a time."""

    def __init__(self, note: Note, library: Library | None, palette: Palette = DEFAULT_PALETTE, size: int = SLICE_CHARS) -> None:
        self.note = note.loaded()
        self.library = library
        self.palette = palette
        self.body: SlicedBody = plan(self.note.text, size)
        self.title = self.note.title if self.note.has_title else self._heading() or self.note.title
        self.warnings: list[str] = []

    def _heading(self) -> str | None:
        """The first H1's text, from the first slices that may hold one (parsed apart, then dropped)."""
        body = SlicedBody(self.body.text, self.body.slices, {**self.body.env, "warnings": []})
        headed = [number for number, piece in enumerate(body.slices) if piece.headed]
        for _piece, tokens in parse_slices(body, headed):
            walker = OutlineWalker()
            walker.feed(tokens)
            first = walker.outline.first_heading()
            if first is not None:
                return first
        return None

    def pieces(self, width: int) -> Iterator[Piece]:
        walker = OutlineWalker()
        builder = BlockBuilder(self.palette, lambda index: False, lambda index: None)
        for _piece, tokens in parse_slices(self.body):
            first_link, first_stamp = walker.counts[2], walker.counts[1]
            walker.forget()
            walker.feed(tokens)
            outline = walker.outline
            targets = resolve_links(outline.links, self.note, self.library)
            builder.inline.resolved, builder.inline.titles = link_callbacks(outline.links, targets, first_link)
            builder.build(tokens)
            del tokens  # the blocks hold what is drawn: a one-block slice (a 20 MB paragraph) lays out without its tokens
            layout = lay_out(builder.take(), self.palette, width)
            yield Piece(layout, self._urls([s.seconds for s in outline.timestamps], first_stamp))
        self.warnings = self.body.env["warnings"]

    def _urls(self, seconds: list[int], first: int) -> Callable[[int], str | None]:
        video = self.note.video_id

        def url(index: int) -> str | None:
            index -= first
            return deep_link(video, seconds[index]) if 0 <= index < len(seconds) else None

        return url
