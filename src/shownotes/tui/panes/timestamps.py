"""The timestamp panel: every timestamp of the note, two lines each, painted line by line."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip

from ...core.notes.outline import Timestamp
from ...render.layout import text_segments
from ..messages import CopyTimestamp, PlayTimestamp, TimestampChosen
from ..named import named
from ..strips import PaintOnce, line_strip

ROW_HEIGHT = 2


class TimestampPanel(PaintOnce, can_focus=True):
    """Rows in document order or by time; moving the cursor makes that timestamp current."""

    BINDINGS = [
        Binding("j,down", "move(1)", "Next", show=False),
        Binding("k,up", "move(-1)", "Previous", show=False),
        Binding("g,home", "jump(0)", "First", show=False),
        Binding("G,end", "jump(-1)", "Last", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("enter", "copy(False)", "Copy link", show=False),
        named("c", "copy(False)", "Copy link", show=False),  # [keys] copy_link moves c here too, not Enter
        named("C", "copy(True)", "Copy as Markdown", show=False),
        named("o", "play", "Open video", show=False),
        Binding("s", "toggle_sort", "Sort by time"),
    ]
    PANE_NAME = "Timestamps"
    HELP = "Timestamps of the note. Moving here scrolls the reader; Enter or c copies the deep link."

    cursor: reactive[int | None] = reactive(None, init=False)
    by_time: reactive[bool] = reactive(False, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stamps: list[Timestamp] = []
        self.sections: dict[int, str] = {}
        self.order: list[int] = []  # row -> timestamp index
        self.rows: dict[int, int] = {}  # timestamp index -> row

    def set_timestamps(self, stamps: list[Timestamp], sections: dict[int, str]) -> None:
        self.stamps, self.sections = stamps, sections
        self.set_class(not stamps, "-empty")
        self._reorder()
        self.set_reactive(TimestampPanel.cursor, 0 if stamps else None)
        self.scroll_to(y=0, animate=False, immediate=True)
        self._update_title()
        self.refresh()

    def _reorder(self) -> None:
        indexes = list(range(len(self.stamps)))
        if self.by_time:
            indexes.sort(key=lambda i: (self.stamps[i].seconds, i))
        self.order = indexes
        self.rows = {stamp: row for row, stamp in enumerate(indexes)}
        self.virtual_size = Size(self.scrollable_content_region.width, len(indexes) * ROW_HEIGHT)

    def _update_title(self) -> None:
        order = "by time" if self.by_time else "in note order"
        self.border_title = f"Timestamps ({len(self.stamps)})"
        self.border_subtitle = order if self.stamps else "none in this note"

    @property
    def current(self) -> int | None:
        """The timestamp index under the cursor."""
        if self.cursor is None or not 0 <= self.cursor < len(self.order):
            return None
        return self.order[self.cursor]

    def show_timestamp(self, index: int | None) -> None:
        """Follow the reader: put the cursor on `index` without announcing it."""
        if index is None or index not in self.rows:
            return
        self.set_reactive(TimestampPanel.cursor, self.rows[index])
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        if self.cursor is None:
            return
        top = self.cursor * ROW_HEIGHT
        height = self.scrollable_content_region.height
        # force: a panel that just grew from no rows has no scrollbar yet, and Textual would not scroll it
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif top + ROW_HEIGHT > self.scroll_y + height:
            self.scroll_to(y=top + ROW_HEIGHT - height, animate=False, immediate=True, force=True)

    def _choose(self, row: int) -> None:
        if not self.order:
            return
        row = max(0, min(row, len(self.order) - 1))
        self.cursor = row
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(TimestampChosen(self.order[row], source=self))

    def action_move(self, step: int) -> None:
        self._choose((self.cursor if self.cursor is not None else -1 if step > 0 else 0) + step)

    def action_jump(self, row: int) -> None:
        self._choose(row if row >= 0 else len(self.order) - 1)

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // ROW_HEIGHT)
        self._choose((self.cursor or 0) + direction * rows)

    # The row travels with the request, so a fast "g c" copies the row just chosen.

    def action_copy(self, markdown: bool) -> None:
        if self.current is not None:
            self.post_message(CopyTimestamp(self.current, markdown))

    def action_play(self) -> None:
        if self.current is not None:
            self.post_message(PlayTimestamp(self.current))

    def action_toggle_sort(self) -> None:
        self.by_time = not self.by_time

    def watch_by_time(self) -> None:
        current = self.current
        self._reorder()
        self._update_title()
        if current is not None:
            self.set_reactive(TimestampPanel.cursor, self.rows[current])
            self._scroll_to_cursor()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None:
            self._choose((round(self.scroll_y) + offset.y) // ROW_HEIGHT)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.base_style
        line = round(self.scroll_y) + y
        row, part = divmod(line, ROW_HEIGHT)
        if row >= len(self.order):
            return Strip.blank(width, base)
        stamp = self.stamps[self.order[row]]
        if part == 0:
            text = Text(f"▶ {stamp.shown}", style=self._style("panel-time"))
            if stamp.label_time is not None:  # the note's label says another time than the link seeks
                text.append(f" [label {stamp.label_time}]", style=self._style("panel-muted"))
            section = self.sections.get(stamp.section, "")
            if section:
                text.append(f"  {section}", style=self._style("panel-section"))
        else:
            text = Text("  " + (stamp.context or "—"), style=self._style("panel-muted"))
        text.truncate(width, overflow="ellipsis")
        segments = text_segments(text, self.app.console)
        if row == self.cursor:
            cursor = self._style("panel--cursor" if self.has_focus else "panel--cursor-blurred")
            padded = line_strip(segments, width, base)
            return Strip(list(Segment.apply_style(padded, post_style=cursor)), width)
        return line_strip(segments, width, base)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    COMPONENT_CLASSES = {"panel-time", "panel-muted", "panel-section", "panel--cursor", "panel--cursor-blurred"}

