"""Printing a rendered note to stdout: styled with OSC 8 links on a terminal, plain text otherwise."""

from __future__ import annotations

import shutil
import sys

from rich.console import Console
from rich.segment import Segment, Segments
from rich.style import Style

from ..core.library.library import Library
from ..core.notes.note import Note
from ..core.timecode import is_web_url
from .layout import Layout
from .view import build_view


def print_note(note: Note, library: Library | None, width: int | None = None, file=None) -> None:
    out = file or sys.stdout
    terminal = out.isatty()
    width = width or (shutil.get_terminal_size((100, 24)).columns if terminal else 100)
    view = build_view(note, library)
    layout: Layout = view.document.layout(width)
    if not terminal:
        out.write(f"{note.title}\n\n{layout.plain()}\n")
        return
    console = Console(file=out, width=width, highlight=False, markup=False, emoji=False)
    header = Style(bold=True)
    console.print(Segments([Segment(view.note.title, header), Segment.line()]))  # Segments add no line end
    for line in layout.lines:
        segments = []
        for segment in line:
            meta = segment.style.meta if segment.style is not None else None
            url = None
            if meta and "ts" in meta:
                url = view.url(meta["ts"])
            elif meta and "url" in meta and is_web_url(meta["url"]):
                url = meta["url"]
            segments.append(Segment(segment.text, (segment.style or Style()) + Style(link=url)) if url else segment)
        console.print(Segments([*segments, Segment.line()]))
