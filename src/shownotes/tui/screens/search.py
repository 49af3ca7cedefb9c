"""The search screen: results as you type, from the library's index; a quote in, a moment link out."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ...core.index import Index
from ...core.index.search import Hit, parse_query, scope_line
from ...core.index.trail import Trail
from ...core.timecode import format_time
from ..messages import CopyHit, OpenHit, PlayHit
from ..named import named

DEBOUNCE_SECONDS = 0.12
LIMIT = 100


class HitList(OptionList):
    BINDINGS = [
        named("c", "copy", "Copy link"),
        named("o", "play", "Open video"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    HELP = "Search results. Enter opens the note at the hit; c copies the moment's deep link; o plays it."
    PANE_NAME = "Results"

    def action_copy(self) -> None:
        self._act(CopyHit)

    def action_play(self) -> None:
        self._act(PlayHit)

    def _act(self, message: type[CopyHit] | type[PlayHit]) -> None:
        screen = self.screen
        if isinstance(screen, SearchScreen) and self.highlighted is not None:
            hit = screen.hit(self.highlighted)
            if hit is not None:
                self.post_message(message(hit))


class SearchInput(Input):
    """The query box; ↓ leaves it for the results (an Input would scroll itself, which it cannot)."""

    BINDINGS = [Binding("down", "screen.focus_results", "Results", show=False)]
    PANE_NAME = "Search"


class SearchScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]
    HELP = "Type words, \"a phrase\", pre* for prefixes, channel:NAME to keep one channel."
    PANE_NAME = "Search"

    def __init__(self, index: Callable[[], Index | None], status: Callable[[], str] = str, trail: Trail | None = None) -> None:
        super().__init__()
        self._index = index  # asked each time: the index may only come into being after this screen opened
        self.status = status  # asked each time too: indexing may end while the screen is open
        self.trail = trail if trail is not None else Trail()
        self.initial = self.trail.query  # the last search comes back, at the hit opened last
        self.hits: list[Hit] = []
        self._timer: Timer | None = None
        self.searched = ""  # the query the shown hits answer

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Search the library"
            box.border_subtitle = "Enter open · ↓ to the results, then c copy link · o play · Esc close"
            yield SearchInput(value=self.initial, placeholder='words, "a phrase", pre*, channel:name', id="search-input")
            yield Static(self.status(), id="search-status")
            yield HitList(id="search-hits")

    def on_mount(self) -> None:
        self.query_one(Input).focus()
        if self.initial:
            self._search(self.initial)

    def search_again(self) -> None:
        """The index changed (indexing ended): the query typed so far, answered again."""
        if self._timer is not None:
            self._timer.stop()
        self._search(self.query_one(Input).value)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self._search(query))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if self._timer is not None:
            self._timer.stop()
        if event.value != self.searched:
            self._search(event.value, then_open=True)
        elif self.hits:
            self.open_hit(self.query_one(HitList).highlighted or 0)

    def action_focus_results(self) -> None:
        results = self.query_one(HitList)
        if results.option_count:
            results.focus()
            if results.highlighted is None:
                results.highlighted = 0

    @property
    def index(self) -> Index | None:
        return self._index()

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, then_open: bool = False) -> None:
        index = self.index
        hits = index.search(query, limit=LIMIT) if index is not None and query.strip() else []
        channel = parse_query(query).channel if index is not None else None
        scope = scope_line(channel, index.channels_matching(channel)) if index is not None and channel else ""
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits, then_open, scope)

    def _show(self, query: str, hits: list[Hit], then_open: bool = False, scope: str = "") -> None:
        if not self.is_attached:  # closed while the search ran
            return
        self.hits, self.searched = hits, query
        results = self.query_one(HitList)
        results.clear_options()
        results.add_options([Option(hit_label(hit), id=str(number)) for number, hit in enumerate(hits)])
        if hits:
            last = self.trail.position if query == self.trail.query and self.trail.position is not None else 0
            results.highlighted = min(last, len(hits) - 1)
        status = self.status()
        status = status + "  " if status else ""
        if query.strip():
            count = f"{len(hits)}{'+' if len(hits) >= LIMIT else ''} note{'s' if len(hits) != 1 else ''}"
            count = f"{count} {scope}" if scope else count
            problem = self.index.problem if self.index is not None and self.index.problem else ""
            self.query_one("#search-status", Static).update(Text(f"{status}{count}  {problem}".rstrip()))
        else:
            self.query_one("#search-status", Static).update(Text(self.status()))
        if then_open and hits:
            self.open_hit(0)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.open_hit(event.option_index)

    def hit(self, number: int) -> Hit | None:
        return self.hits[number] if 0 <= number < len(self.hits) else None

    def open_hit(self, number: int) -> None:
        hit = self.hit(number)
        if hit is not None:
            self.trail.remember(self.searched, self.hits, number)
            self.post_message(OpenHit(hit))
            self.dismiss()


def hit_label(hit: Hit) -> Text:
    label = Text()
    label.append(hit.title, style="bold")
    if hit.section_title:
        label.append(f"  › {hit.section_title}", style="italic")
    if hit.seconds is not None:
        label.append(f"  ▶ {format_time(hit.seconds)}", style="bold yellow")
    label.append(f"  {hit.channel}", style="dim")
    label.append("\n  ")
    for text, match in hit.snippet:
        label.append(text, style="reverse bold" if match else "")
    return label
