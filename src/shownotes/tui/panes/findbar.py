"""The reader with its find bar: ctrl+f opens the bar under the note, matches light up as you type.

The matching is core.find's, run by a Searcher off the UI thread; the reader paints the matches of
the lines it shows. A new layout (another note, a resize, the rest of a big note) is searched again.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Input, Label

from ...core.find import Found, label, step
from ...render.layout import Layout
from ..finding import Request, Searcher
from ..messages import ReaderLaidOut
from ..named import named
from .reader import Reader


@dataclass
class FindStep(Message):
    direction: int


class FindClose(Message):
    pass


@dataclass
class Searched(Message):
    request: Request
    found: Found


class FindInput(Input):
    BINDINGS = [
        Binding("enter", "step(1)", "Next match"),
        named("f3", "step(1)", "Next match"),
        Binding("shift+enter", "step(-1)", "Previous match"),
        named("shift+f3", "step(-1)", "Previous match"),
        Binding("escape", "close", "Close find"),
    ]
    PANE_NAME = "Find"
    HELP = "Find in the note: matches light up as you type. A capital letter in the query makes it match case."

    def action_step(self, direction: int) -> None:
        self.post_message(FindStep(direction))

    def action_close(self) -> None:
        self.post_message(FindClose())


class FindCount(Widget):
    """`3/12`: a fixed-width widget, so a new count repaints it without laying out the screen again."""

    text: reactive[str] = reactive("")

    def render(self) -> str:
        return self.text


class FindBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label("Find", id="find-label")
        yield FindInput(placeholder="in this note", id="find-input")
        yield FindCount(id="find-count")


class ReadingPane(Vertical):
    """The reader and, when open, the find bar below it; it keeps the matches and the current one."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._searcher = Searcher(lambda request, found: self.post_message(Searched(request, found)))
        self._serial = 0
        self._found: Found | None = None
        self._layout: Layout | None = None  # the layout the matches were found in
        self._current: int | None = None

    def compose(self) -> ComposeResult:
        yield Reader(id="reader")
        bar = FindBar(id="find-bar")
        bar.display = False
        yield bar

    def on_unmount(self) -> None:
        self._searcher.stop()

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def input(self) -> FindInput:
        return self.query_one(FindInput)

    @property
    def is_open(self) -> bool:
        return self.query_one(FindBar).display

    @property
    def count_text(self) -> str:
        return self.query_one(FindCount).text

    @property
    def found(self) -> Found | None:
        return self._found

    @property
    def current(self) -> int | None:
        return self._current

    def open_find(self) -> None:
        self.query_one(FindBar).display = True
        self.screen.set_focus(self.input)  # at once: keys typed right after ctrl+f go to the bar
        self.input.select_all()  # open already: what is typed next replaces the query

    def step_find(self, direction: int) -> None:
        """F3 / shift+F3 wherever the focus is: the next or previous match of the bar's query, open or
        not focused; with no query yet, the bar opens for one."""
        if not self.input.value:
            self.open_find()
            return
        self.query_one(FindBar).display = True
        self.post_message(FindStep(direction))

    def highlight(self, query: str) -> None:
        """Light up `query` (a library search hit's words) with the bar open; the reader keeps the focus."""
        self.query_one(FindBar).display = True
        if self.input.value == query:
            self._search(fresh=True)
        else:
            self.input.value = query  # searched as typed text is

    def close_find(self) -> None:
        self.query_one(FindBar).display = False
        self.input.value = ""
        self._serial += 1  # a search still running is dropped when it arrives
        self._show(None, None, None)
        self.screen.set_focus(self.reader)

    # -- searching ---------------------------------------------------------------------

    @on(Input.Changed, "#find-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._search(fresh=True)

    @on(ReaderLaidOut)
    def _laid_out(self, message: ReaderLaidOut) -> None:
        message.stop()
        if self.is_open:
            self._search(fresh=False)

    def _search(self, fresh: bool) -> None:
        self._serial += 1
        query, layout = self.input.value, self.reader.text_layout
        if not query or layout is None:
            self._show(None, None, None)
            return
        self._searcher.search(Request(self._serial, layout, layout.height, layout.complete, query, fresh))

    @on(Searched)
    def _searched(self, message: Searched) -> None:
        message.stop()
        request, found = message.request, message.found
        if request.serial != self._serial or request.layout is not self.reader.text_layout:
            return  # a newer query or layout is on its way
        current, same = self._current, request.layout is self._layout
        reveal = request.fresh or (same and current is None)  # the rest of the note brought the first match
        if request.fresh or not same or current is None or current >= len(found):
            current = found.first_from(self.reader.top_line)
        self._show(request.layout, found, current)
        if reveal:
            self._reveal()

    # -- stepping ----------------------------------------------------------------------

    @on(FindStep)
    def _step(self, message: FindStep) -> None:
        message.stop()
        if self._found is None or not self._found.offsets:
            return
        self._show(self._layout, self._found, step(self._current, len(self._found), message.direction))
        self._reveal()

    @on(FindClose)
    def _close(self, message: FindClose) -> None:
        message.stop()
        self.close_find()

    def _reveal(self) -> None:
        """Scroll the current match into view, a third of the way down when it has to move."""
        if self._found is None or self._current is None:
            return
        reader = self.reader
        line = self._found.line_of(self._current)
        if not reader.is_visible(line):
            reader.go_to_line(line, top_margin=reader.scrollable_content_region.height // 3)

    def _show(self, layout: Layout | None, found: Found | None, current: int | None) -> None:
        self._layout, self._found, self._current = layout, found, current
        self.query_one(FindCount).text = label(current, found)
        self.reader.show_found(layout, found, current)
