"""The reader pane: a line-API scroll view over a laid-out note; it paints only visible lines."""

from __future__ import annotations

import time

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.selection import Selection
from textual.strip import Strip

from ...core.find import Found
from ...core.layout import centred_margin
from ...core.places import AtLine, AtTimestamp, InSection, OpenRequest, Place, Top
from ...render.layout import Layout, LinkSpan
from ...render.view import NoteView
from ..messages import OpenNote, ReaderLaidOut, ReaderMoved, TimestampChosen, WebLinkFollowed, WikiLinkFollowed
from ..strips import PaintOnce, apply_marks, line_strip, offset_style, selection_marks, with_offsets
from .landmarks import Landmarks, found_marks, link_marks

LAYOUT_SLICE_SECONDS = 0.02
LAYOUT_PAUSE_SECONDS = 0.01  # between slices: room for keys and frames
REINDEX_SECONDS = 0.5
TIMESTAMP_MARGIN = 2  # lines of context kept above a timestamp the reader jumps to


class Reader(PaintOnce, can_focus=True):
    """Shows one NoteView. State comes down (view, current timestamp); events go up as messages."""

    BINDINGS = [
        Binding("j,down", "scroll_down", "Down", show=False),
        Binding("k,up", "scroll_up", "Up", show=False),
        Binding("g,home", "scroll_home", "Top", show=False),
        Binding("G,end", "scroll_end", "Bottom", show=False),
        Binding("pagedown,space", "page_down", "Page down", show=False),
        Binding("pageup,b", "page_up", "Page up", show=False),
        Binding("left_square_bracket", "section(-1)", "Prev section"),
        Binding("right_square_bracket", "section(1)", "Next section"),
        Binding("l", "link(1)", "Next link"),
        Binding("h", "link(-1)", "Prev link", show=False),
        Binding("enter", "follow", "Follow link"),
    ]
    PANE_NAME = "Reader"
    HELP = "The note. Links and ▶ timestamps can be followed with h/l then Enter, or clicked."

    current_timestamp: reactive[int | None] = reactive(None, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: NoteView | None = None
        self._layout: Layout | None = None
        self._marks = Landmarks()
        self._cursor: int | None = None  # index into the links
        self._last_moved: tuple[int, int | None] | None = None
        self._target: Place | None = None  # where to go once laid out
        self._reindexed = 0.0
        self._measure = 0  # the widest the text is laid out (0: the reader's width); centred when narrower
        self.message = ""
        self._found: tuple[Layout | None, Found | None, int | None] | None = None  # the find bar's matches

    # -- state coming down -------------------------------------------------------------

    def show(self, view: NoteView | None, place: Place = Top(), message: str = "") -> None:
        """Show a note at a place: the top, lines into a section, a timestamp, a line."""
        self.view, self.message = view, message
        self._layout, self._cursor, self._last_moved = None, None, None
        self._forget_selection()
        self._target = place
        self._relayout()

    def restyle(self, view: NoteView) -> None:
        """Same note, new palette (theme change): keep the reading position."""
        top = self.top_line
        self.view = view
        self._layout = None
        self._target = AtLine(top)
        self._relayout()

    @property
    def text_layout(self) -> Layout | None:
        """The note laid out at the reader's width (not Textual's `layout`, which arranges children)."""
        return self._layout

    @property
    def links(self) -> list[LinkSpan]:
        """Every link of the note once, in document order (the h/l cursor moves over these)."""
        return self._marks.links

    def select_link(self, index: int) -> None:
        self._cursor = index if 0 <= index < len(self._marks.links) else None
        self.refresh()

    @property
    def top_line(self) -> int:
        return round(self.scroll_y)

    @property
    def measure(self) -> int:
        return self._measure

    @measure.setter
    def measure(self, columns: int) -> None:
        if columns != self._measure:
            self._measure = columns
            if self._layout is not None:
                self._relayout()

    def _margin(self) -> tuple[int, int]:
        """(text width, blank columns left of it): the text centred when the reader is wider than the measure."""
        return centred_margin(max(self.scrollable_content_region.width, 1), self._measure)

    @property
    def text_width(self) -> int:
        return self._margin()[0]

    def _relayout(self) -> None:
        if not self.size.width:
            return
        target = self._target or InSection(*self._anchor())
        self._target = None
        self._forget_selection()  # its offsets are lines and characters of the layout being replaced
        width = self.text_width
        if self.view is None:
            self._layout = Layout(width)
        else:
            self._layout = self.view.document.layout(width, lines=2 * self.size.height + 50)
        self._reindex()
        line = self._line_of(target)
        if line + self.size.height > self._layout.height and not self._layout.complete:
            self._layout.extend(lines=line + 2 * self.size.height)
            self._reindex()
        self.scroll_to(y=line, animate=False, immediate=True, force=True)
        self.refresh()
        self._report_position()
        self.call_later(self._announce_layout)
        if not self._layout.complete:
            self.call_after_refresh(self._continue_layout, self._layout)

    def _forget_selection(self) -> None:
        if self.is_mounted and self.text_selection is not None:
            self.screen.clear_selection()

    def _continue_layout(self, layout: Layout) -> None:
        """Big notes: lay out the rest in slices between frames so the first screen comes at once."""
        if layout is not self._layout:
            return
        layout.extend(seconds=LAYOUT_SLICE_SECONDS)
        # Re-measuring makes Textual lay out the screen again: do it when the reader nears the end of
        # what is laid out, now and then for the scrollbar, and at the end, not after every slice.
        near_end = self.top_line + 3 * self.size.height > layout.height
        now = time.monotonic()
        if layout.complete or near_end or now - self._reindexed > REINDEX_SECONDS:
            self._reindexed = now
            self._reindex()
        if layout.complete:
            self._report_position()
            self._announce_layout()
        else:
            self.set_timer(LAYOUT_PAUSE_SECONDS, lambda: self._continue_layout(layout))

    def _complete(self) -> None:
        if self._layout is not None and not self._layout.complete:
            self._layout.extend()
            self._reindex()

    def _reindex(self) -> None:
        layout = self._layout
        assert layout is not None
        self._marks = Landmarks(layout)
        self.virtual_size = Size(layout.width, layout.height)

    def _line_of(self, place: Place) -> int:
        match place:
            case AtLine(line):
                return line
            case AtTimestamp(index):
                found = self.line_of_timestamp(index)
                return max(0, found - TIMESTAMP_MARGIN) if found is not None else 0
            case InSection(section, offset):
                return (self.line_of_section(section) or 0) + offset
        return 0

    def _anchor(self) -> tuple[int, int]:
        section = self.section_at(self.top_line)
        start = self._layout.sections.get(section, 0) if self._layout else 0
        return section, self.top_line - start

    def on_resize(self, event: events.Resize) -> None:
        if self._layout is None or self._layout.width != self.text_width:
            self._relayout()

    # -- where things are --------------------------------------------------------------

    def section_at(self, line: int) -> int:
        return self._marks.section_at(line)

    def timestamp_at(self, line: int) -> int | None:
        """The first timestamp at or below `line`, else the last one above it."""
        return self._marks.timestamp_at(line)

    def line_of_section(self, section: int) -> int | None:
        if self._layout is None:
            return None
        if section == 0:
            return 0
        if section not in self._layout.sections:
            self._complete()
        return 0 if section == 0 else self._layout.sections.get(section)

    def line_of_timestamp(self, index: int) -> int | None:
        if self._layout is not None and ("ts", index) not in self._layout.first:
            self._complete()
        span = self._layout.first.get(("ts", index)) if self._layout else None
        return span.y if span else None

    def position(self) -> tuple[int, int]:
        """(section, lines below its heading): a reading position that survives a width change."""
        return self._anchor()


    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._report_position()

    def _report_position(self) -> None:
        if self._layout is None:
            return
        top = self.top_line
        moved = (self.section_at(top), self.timestamp_at(top))
        if moved != self._last_moved:
            self._last_moved = moved
            # Created on the reader's own turn: a message made while the screen paints would name the
            # screen as its sender and stop bubbling before it reaches the app.
            self.call_later(self._announce, moved)

    def _announce_layout(self) -> None:
        self.post_message(ReaderLaidOut())

    def _announce(self, moved: tuple[int, int | None]) -> None:
        self.post_message(ReaderMoved(*moved))

    def go_to_line(self, line: int, *, top_margin: int = 0) -> None:
        self.scroll_to(y=max(0, line - top_margin), animate=False, immediate=True, force=True)

    def go_to_timestamp(self, index: int) -> None:
        line = self.line_of_timestamp(index)
        if line is not None:
            self.go_to_line(line, top_margin=TIMESTAMP_MARGIN)

    def is_visible(self, line: int | None) -> bool:
        return line is not None and self.top_line <= line < self.top_line + self.scrollable_content_region.height

    # -- painting ----------------------------------------------------------------------

    def watch_current_timestamp(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        text_width, margin = self._margin()
        if (self._layout is None or self._layout.width != text_width) and self.view is not None and width:
            self._relayout()  # first paint, or a resize not yet seen: lay out now rather than a frame later
        layout = self._layout
        line_y = self.top_line + y
        if layout is None or line_y >= layout.height:
            if layout is not None and line_y == 0 and self.message:
                return Strip([Segment(self.message, base + Style(italic=True))]).crop_extend(0, width, base)
            return Strip.blank(width, base)
        segments = layout.lines[line_y]
        spans = layout.by_line.get(line_y)
        selection = self.text_selection
        if spans or self._found is not None or selection is not None:
            segments = self._highlight(segments, spans or [], line_y, selection)
        segments, length = with_offsets(segments, line_y, margin)  # what a mouse selection reads
        return line_strip(segments, width, base, offset_style(length, line_y))

    def _highlight(self, segments: list[Segment], spans: list[LinkSpan], line_y: int, selection: Selection | None) -> list[Segment]:
        view = self.view
        if view is None:
            return segments
        palette = view.document.palette
        links = self._marks.links
        cursor = links[self._cursor] if self._cursor is not None and self._cursor < len(links) else None
        marks = []
        if selection is not None and self._layout is not None:
            marks = selection_marks(self._layout.text(line_y), selection.get_span(line_y), self.screen.get_component_rich_style("screen--selection"))
        if self._found is not None and self._found[0] is self._layout:
            marks += found_marks(self._layout, self._found[1], self._found[2], line_y, palette)
        marks += link_marks(spans, cursor, self.current_timestamp, palette)
        return apply_marks(segments, marks)

    # -- mouse selection: Textual's, over the laid-out lines (offsets are (character, line) of the layout)

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        layout = self._layout
        if layout is None:
            return None
        start = (selection.start.y, selection.start.x) if selection.start is not None else None
        end = (selection.end.y, selection.end.x) if selection.end is not None else None
        return layout.text_range(start, end), "\n"

    def selection_updated(self, selection: Selection | None) -> None:
        self.refresh()

    def show_found(self, layout: Layout | None, found: Found | None, current: int | None) -> None:
        """Matches of the find bar to light up, as found in `layout` (painted only while it is shown)."""
        self._found = (layout, found, current) if found else None
        self.refresh()

    # -- actions -----------------------------------------------------------------------

    def action_section(self, direction: int) -> None:
        if self._layout is None:
            return
        top = self.top_line
        if direction > 0:
            following = [y for y in self._marks.section_lines if y > top]
            if not following and not self._layout.complete:
                self._complete()
                following = [y for y in self._marks.section_lines if y > top]
            target = following[0] if following else None
        else:
            preceding = [y for y in self._marks.section_lines if y < top]
            target = preceding[-1] if preceding else 0
        if target is not None:
            self.go_to_line(target)

    # Keys scroll at once: Textual's default smooth scrolling repaints for half a second per key,
    # which on a long note is a stall between keypresses rather than an effect.

    def action_scroll_down(self) -> None:
        self.go_to_line(self.top_line + 1)

    def action_scroll_up(self) -> None:
        self.go_to_line(self.top_line - 1)

    def action_page_down(self) -> None:
        self.go_to_line(self.top_line + max(1, self.scrollable_content_region.height))

    def action_page_up(self) -> None:
        self.go_to_line(self.top_line - max(1, self.scrollable_content_region.height))

    def action_scroll_home(self) -> None:
        self.go_to_line(0)

    def action_scroll_end(self) -> None:
        self._complete()
        self.go_to_line(max(0, self.virtual_size.height - self.scrollable_content_region.height))

    def action_link(self, direction: int) -> None:
        if not self._marks.links:
            self.notify("No links in this note", severity="warning")
            return
        top, bottom = self.top_line, self.top_line + self.scrollable_content_region.height
        if self._cursor is None or not top <= self._marks.links[self._cursor].y < bottom:
            visible = [i for i, span in enumerate(self._marks.links) if top <= span.y < bottom]
            if visible:
                self._cursor = visible[0] if direction > 0 else visible[-1]
            else:
                after = [i for i, span in enumerate(self._marks.links) if span.y >= top]
                self._cursor = after[0] if after and direction > 0 else (len(self._marks.links) - 1 if direction < 0 else 0)
        else:
            self._cursor = (self._cursor + direction) % len(self._marks.links)
        span = self._marks.links[self._cursor]
        if not top <= span.y < bottom:
            self.go_to_line(span.y, top_margin=self.scrollable_content_region.height // 3)
        self.refresh()

    def action_follow(self) -> None:
        if self._cursor is None or self._cursor >= len(self._marks.links):
            self.action_link(1)
            return
        self._activate(self._marks.links[self._cursor])

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self._layout is None or self.text_selection is not None:
            return  # a drag that selected text is not a click on the link it ends on
        line_y, x = self.top_line + offset.y, offset.x - self._margin()[1]
        for span in self._layout.by_line.get(line_y, ()):
            if span.x0 <= x < span.x1:
                self._cursor = next(
                    (i for i, link in enumerate(self._marks.links) if (link.kind, link.key) == (span.kind, span.key)), None
                )
                self.refresh()
                self._activate(span)
                return

    def _activate(self, span: LinkSpan) -> None:
        key = span.key
        match span.kind:
            case "ts":
                self.post_message(TimestampChosen(int(key), source=self))
            case "wiki":
                self.post_message(WikiLinkFollowed(int(key)))
            case "url":
                self.post_message(WebLinkFollowed(str(key)))
            case "note":
                self.post_message(OpenNote(OpenRequest(str(key))))
