"""Printing a rendered note to stdout: styled with OSC 8 links on a terminal, plain text otherwise.

A huge note (core/notes/slices) is printed slice by slice, each dropped once printed."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.segment import Segment, Segments
from rich.style import Style

from ..core.library.library import Library
from ..core.notes.note import Note
from ..core.notes.slices import should_slice
from ..core.timecode import is_web_url
from .layout import Layout
from .stream import SlicedNote
from .view import build_view


def print_note(note: Note, library: Library | None, width: int | None = None, file=None) -> None:
    out = file or sys.stdout
    terminal = out.isatty()
    width = width or (shutil.get_terminal_size((100, 24)).columns if terminal else 100)
    note = note.loaded()
    if should_slice(note.text):
        sliced = SlicedNote(note, library)
        title = sliced.title
        pieces: Iterator[tuple[Layout, Callable[[int], str | None]]] = (
            (piece.layout, piece.url) for piece in sliced.pieces(width)
        )
    else:
        view = build_view(note, library)
        title = view.note.title
        pieces = iter([(view.document.layout(width), view.url)])
    if not terminal:
        out.write(f"{title}\n\n")
        started = False
        for layout, _url in pieces:
            for y in range(layout.height):
                out.write(f"\n{layout.text(y).rstrip()}" if started else layout.text(y).rstrip())
                started = True
        out.write("\n")
        return
    console = Console(file=out, width=width, highlight=False, markup=False, emoji=False)
    header = Style(bold=True)
    console.print(Segments([Segment(title, header), Segment.line()]))  # Segments add no line end
    for layout, url_of in pieces:
        for line in layout.lines:
            segments = []
            for segment in line:
                meta = segment.style.meta if segment.style is not None else None
                url = None
                if meta and "ts" in meta:
                    url = url_of(meta["ts"])
                elif meta and "url" in meta and is_web_url(meta["url"]):
                    url = meta["url"]
                segments.append(Segment(segment.text, (segment.style or Style()) + Style(link=url)) if url else segment)
            console.print(Segments([*segments, Segment.line()]))
