"""The search screen: results as you type, from the library's index; a quote in, a moment link out."""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static

from ...core.everywhere import Shelf, library_name, merge
from ...core.index import Index
from ...core.index.search import Hit, parse_query, scope_line
from ...core.index.trail import Trail
from ...core.timecode import format_time
from ..messages import CopyHit, OpenHit, PlayHit
from ..named import named

DEBOUNCE_SECONDS = 0.01  # a paste or a burst of keys is one search; a pause between keys is not waited out
LIMIT = 100
FIRST = 12  # hits searched and drawn first (a screenful); the rest come in a second pass


class SearchThread(Executor):
    """One daemon thread, so each index keeps one connection (and its page cache) for every search,
    and a search still running at quit never keeps the process alive (a ThreadPoolExecutor's would)."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue = queue.SimpleQueue()
        self._lock = threading.Lock()
        self.thread: threading.Thread | None = None

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future: Future = Future()
        with self._lock:
            if self.thread is None:
                self.thread = threading.Thread(target=self._run, name="shownotes-search", daemon=True)
                self.thread.start()
        self._jobs.put((future, fn, args, kwargs))
        return future

    def _run(self) -> None:
        while True:
            future, fn, args, kwargs = self._jobs.get()
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as error:  # noqa: BLE001 - not swallowed: raised again where the future is awaited
                future.set_exception(error)


SEARCHER = SearchThread()


@dataclass(frozen=True)
class Found:
    """One pass of a search: the hits, each with its library (None: the app's own)."""

    hits: list[tuple[Path | None, Hit]]
    scope: str = ""
    complete: bool = True  # False: the first pass, with more to come
    labels: tuple[Content, ...] = ()  # the hits' options, built on the search thread too
    libraries: int = 0  # searched: 0 for this library alone, else how many (this one included)
    left_out: tuple[str, ...] = ()  # other libraries not searched, and why
    problem: str = ""  # why reading this library's index failed

HINTS = [  # (action, what the subtitle says it does)
    ("submit", "open"),
    ("screen.focus_results", "to the results, to copy or play a hit"),
    ("all_libraries", "all libraries"),
    ("dismiss", "close"),
]


class HitList(OptionList):
    BINDINGS = [
        named("c", "copy", "Copy link"),
        named("o", "play", "Open video"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    HELP = "Search results. Enter opens the note at the hit; the keys below copy the moment's deep link or play it."
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

    def show(self, labels: list[Content], keep: int) -> None:
        """The options, in one batch; the first `keep` already drawn are left as they are."""
        if keep and keep == self.option_count:
            self.add_options(labels[keep:])
            return
        self.clear_options()
        self.add_options(labels)


class SearchInput(Input):
    """The query box; ↓ leaves it for the results (an Input would scroll itself, which it cannot)."""

    BINDINGS = [Binding("down", "screen.focus_results", "Results", show=False)]
    PANE_NAME = "Search"


class SearchScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        named("ctrl+l", "all_libraries", "All libraries"),
    ]
    HELP = (
        "Type words, \"a phrase\", pre* for prefixes, channel:NAME to keep one channel. All libraries searches "
        "every library indexed here too; a hit from another library is copied or played, not opened."
    )
    PANE_NAME = "Search"

    def __init__(
        self,
        index: Callable[[], Index | None],
        status: Callable[[], str] = str,
        trail: Trail | None = None,
        library: Path | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self._index = index  # asked each time: the index may only come into being after this screen opened
        self.status = status  # asked each time too: indexing may end while the screen is open
        self.trail = trail if trail is not None else Trail()
        self.initial = self.trail.query  # the last search comes back, at the hit opened last
        self.hits: list[Hit] = []
        self.libraries: list[Path | None] = []  # beside each hit: None for this library's
        self.everywhere = False
        self.debounce = DEBOUNCE_SECONDS
        self.shelf = Shelf(library, cache_dir)  # the other libraries, opened on the first search of them
        self._timer: Timer | None = None
        self._asked = 0  # one more each time the query changes: a search of an older one is never drawn
        self.searched = ""  # the query the shown hits answer
        self.complete = True  # False while only the first pass of the shown hits is in

    def compose(self) -> ComposeResult:
        with Vertical(id="search-box") as box:
            box.border_title = "Search the library"
            yield SearchInput(value=self.initial, placeholder='words, "a phrase", pre*, channel:name', id="search-input")
            yield Static(self.status(), id="search-status")
            yield HitList(id="search-hits")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))  # at once: its keys are in the bindings the subtitle is made of
        self.query_one("#search-box").border_subtitle = self.key_hints()
        if self.initial:
            self._ask(self.initial)

    def key_hints(self) -> str:
        """The box's subtitle, from the bindings in force (the user's [keys] included), never typed out."""
        keys: dict[str, str] = {}
        for active in self.active_bindings.values():
            keys.setdefault(active.binding.action, self.app.get_key_display(active.binding))
        hints = [(key, label) for action, label in HINTS if (key := keys.get(action))]
        return " · ".join(f"{key} {label}" for key, label in hints)

    def on_unmount(self) -> None:
        self._asked += 1  # a search still waiting its turn is not made
        SEARCHER.submit(self.shelf.close)  # after any search still running on it

    def search_again(self) -> None:
        """The index changed (indexing ended): the query typed so far, answered again."""
        self._ask(self.query_one(Input).value)

    def action_all_libraries(self) -> None:
        self.everywhere = not self.everywhere
        box = self.query_one("#search-box")
        box.border_title = "Search every library" if self.everywhere else "Search the library"
        self.search_again()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        self._ask(event.value, wait=True)

    def _ask(self, query: str, wait: bool = False, then_open: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._asked += 1
        asked = self._asked
        if wait:
            self._timer = self.set_timer(self.debounce, lambda: self._search(query, asked))
        else:
            self._search(query, asked, then_open)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        if event.value != self.searched:
            self._ask(event.value, then_open=True)
        elif self.hits:
            if self._timer is not None:
                self._timer.stop()
            self.open_hit(self.query_one(HitList).highlighted or 0)

    def action_focus_results(self) -> None:
        results = self.query_one(HitList)
        if results.option_count:
            self.set_focus(results)  # at once (Widget.focus waits a turn): keys typed right after ↓ reach the list
            if results.highlighted is None:
                results.highlighted = 0

    @property
    def index(self) -> Index | None:
        return self._index()

    @work(exclusive=True, group="search")
    async def _search(self, query: str, asked: int, then_open: bool = False) -> None:
        loop = asyncio.get_running_loop()
        limit = LIMIT if then_open else FIRST  # a hit opened at once takes its full list into the trail
        first = await loop.run_in_executor(SEARCHER, self._find, query, limit, self.everywhere, asked)
        if asked == self._asked and self.is_attached:
            self._show(query, first, then_open)
        if first.complete or then_open or asked != self._asked:
            return
        full = await loop.run_in_executor(SEARCHER, self._find, query, LIMIT, self.everywhere, asked)
        if asked == self._asked and self.is_attached:
            self._show(query, full)

    def _find(self, query: str, limit: int, everywhere: bool, asked: int) -> Found:
        """On the search thread; a query typed over while it waited its turn is not searched."""
        index = self.index
        if not query.strip() or asked != self._asked:
            return Found([])
        own: list[tuple[Path | None, list[Hit]]] = [(None, index.search(query, limit=limit))] if index is not None else []
        others = self.shelf.search(query, limit, index.db_path if index is not None else None) if everywhere else []
        hits = merge([*own, *others], limit)
        channel = parse_query(query).channel if index is not None else None
        scope = scope_line(channel, index.channels_matching(channel)) if index is not None and channel else ""
        complete = limit >= LIMIT or sum(len(found) < limit for _root, found in [*own, *others]) == len(own) + len(others)
        labels = tuple(hit_label(hit, root) for root, hit in hits)
        libraries, left_out = (1 + self.shelf.opened, tuple(self.shelf.problems)) if everywhere else (0, ())
        problem = (index.problem or "") if index is not None else ""
        return Found(hits, scope, complete, labels, libraries, left_out, problem)

    def _show(self, query: str, found: Found, then_open: bool = False) -> None:
        keep = len(self.hits) if query == self.searched and [h for _r, h in found.hits[: len(self.hits)]] == self.hits else 0
        self.hits, self.searched = [hit for _root, hit in found.hits], query
        self.libraries = [root for root, _hit in found.hits]
        self.complete = found.complete
        results = self.query_one(HitList)
        results.show(list(found.labels), keep)
        last = self.trail.position if query == self.trail.query and self.trail.position is not None else 0
        if self.hits and (not keep or last >= keep):
            results.highlighted = min(last, len(self.hits) - 1)
        self.query_one("#search-status", Static).update(Content(status_line(self.status(), query, found)))
        if then_open and self.hits:
            self.open_hit(0)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.open_hit(event.option_index)

    def hit(self, number: int) -> Hit | None:
        return self.hits[number] if 0 <= number < len(self.hits) else None

    def open_hit(self, number: int) -> None:
        hit = self.hit(number)
        if hit is None:
            return
        if self.libraries[number] is not None:  # another library's note: the app reads only its own
            self.post_message(CopyHit(hit))
            return
        own = [shown for shown, root in zip(self.hits, self.libraries) if root is None]
        self.trail.remember(self.searched, own, own.index(hit))
        if not self.complete:  # the first pass alone: the trail gets the full list when it is searched
            self.app.run_worker(self._full_trail(self.searched, list(self.trail.hits)), group="trail")
        self.post_message(OpenHit(hit))
        self.dismiss()

    async def _full_trail(self, query: str, first: list[Hit]) -> None:
        index = self.index
        if index is None:
            return
        hits = await asyncio.get_running_loop().run_in_executor(SEARCHER, index.search, query, LIMIT)
        if self.trail.query == query and self.trail.hits == first and hits[: len(first)] == first:
            self.trail.remember(query, hits, self.trail.position if self.trail.position is not None else 0)


def status_line(status: str, query: str, found: Found) -> str:
    """From what the search thread found alone: nothing here is read from the shelf or the index."""
    if not query.strip():
        return status
    status = status + "  " if status else ""
    count = count_text(len(found.hits)) if found.complete else f"{count_text(len(found.hits))}…"
    count = f"{count} {found.scope}" if found.scope else count
    if found.libraries:
        count = f"{count} in {found.libraries} librar{'y' if found.libraries == 1 else 'ies'}"
        count += f" (left out: {'; '.join(found.left_out)})" if found.left_out else ""
    return f"{status}{count}  {found.problem}".rstrip()


def count_text(found: int) -> str:
    return f"{found}{'+' if found >= LIMIT else ''} note{'s' if found != 1 else ''}"


def hit_label(hit: Hit, library: Path | None = None) -> Content:
    """Textual's own Content, which the list draws without converting it, as it would a rich Text."""
    parts: list[tuple[str, str] | str] = [(f"[{library_name(library)}] ", "bold $accent")] if library is not None else []
    parts.append((hit.title, "bold"))
    if hit.section_title:
        parts.append((f"  › {hit.section_title}", "italic"))
    if hit.seconds is not None:
        parts.append((f"  ▶ {format_time(hit.seconds)}", "bold ansi_yellow"))
    parts += [(f"  {hit.channel}", "dim"), "\n  "]
    parts += [(text, "reverse bold") if match else text for text, match in hit.snippet]
    return Content.assemble(*parts)
