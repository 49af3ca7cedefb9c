"""The shownotes app: composes the panes and routes their messages; the work happens elsewhere."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Header

from ..core.catalog import Catalog, library_key
from ..core.config import Config, load_config
from ..core.library.library import Library
from ..core.notes.note import Note, slow_to_parse
from ..core.opener import open_url
from ..core.resources import styles_path
from ..core.state import Position, State, load_state, save_state
from ..render.view import NoteView, Related, build_view
from .actions import MomentActions
from .clipboard import Copier, system_copy
from .commands import BookmarkCommands, NoteCommands, SectionCommands, TimestampCommands
from .messages import OpenNote, ReaderMoved, TimestampChosen
from .navigation import History
from .palette import palette_for
from .panes.reader import Reader
from .panes.sidebar import Sidebar
from .panes.status import IndexStatus
from .panes.timestamps import TimestampPanel
from .upkeep import LibraryUpkeep

POOL_MIN_FILES = 200  # as core.index_update; not imported, to keep SQLite off the startup path

if TYPE_CHECKING:
    from ..core.index import Index

BACKGROUND_BYTES = 256 * 1024  # notes larger than this are parsed off the UI thread
BACKGROUND_BRACKETS = 2_000  # and notes with more `[` than this (the Markdown parser's slow case)
MAX_RECENT = 50
MAX_RELATED = 50


class ShownotesApp(MomentActions, LibraryUpkeep, App[None]):
    CSS_PATH = str(styles_path() / "shownotes.tcss")
    TITLE = "shownotes"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    COMMANDS = App.COMMANDS | {NoteCommands, SectionCommands, TimestampCommands, BookmarkCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help"),
        Binding("slash", "search", "Search"),
        Binding("t", "focus_timestamps", "Timestamps"),
        Binding("c", "copy_link", "Copy link"),
        Binding("C", "copy_markdown", "Copy as Markdown", show=False),
        Binding("o", "open_link", "Open video"),
        Binding("m", "bookmark", "Bookmark"),
        Binding("n", "next_note(1)", "Next note", show=False),
        Binding("p", "next_note(-1)", "Previous note", show=False),
        Binding("backspace,alt+left", "back", "Back", show=False),
        Binding("alt+right", "forward", "Forward", show=False),
    ]

    current_timestamp: reactive[int | None] = reactive(None, init=False)

    def __init__(
        self,
        catalog: Catalog | Library,
        *,
        state_file: Path | None = None,
        state: State | None = None,
        config: Config | None = None,
        copier: Copier = system_copy,
        opener=open_url,
        watch_files: bool = True,
    ) -> None:
        super().__init__()
        self.catalog = catalog if isinstance(catalog, Catalog) else Catalog(catalog)
        self.library = self.catalog.library
        self.index: Index | None = self.catalog.index
        self.index_ready = False
        if self.catalog.pending or len(self.library.notes) >= POOL_MIN_FILES:  # the index may use workers
            from ..core.index.build import prepare_workers

            prepare_workers()
        self.state_file = state_file
        self.state: State = state if state is not None else load_state(state_file)
        self.config = config if config is not None else load_config()
        self.copier, self.opener, self.watch_files = copier, opener, watch_files
        self.view: NoteView | None = None
        self.history = History()
        self._pinned: int | None = None  # a timestamp chosen explicitly stays current while visible
        self._chrome_ready = self._upkeep_started = self._chrome_waits = False
        self._requested: str | None = None
        self._serial = 0
        self._target: tuple = (None, None, None, None)  # where the note asked for is to open
        library = self.library
        self._root_key = library_key(library.root, library.notes[0].rel if library.single_file and library.notes else None)

    def compose(self) -> ComposeResult:
        yield Header(icon="▶")
        with Horizontal(id="main"):
            with Vertical(id="side"):
                yield Sidebar(id="sidebar")
            with Horizontal(id="content"):
                yield Reader(id="reader")
                yield TimestampPanel(id="timestamps")

    @property
    def root_key(self) -> str:
        return self._root_key

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def panel(self) -> TimestampPanel:
        return self.query_one(TimestampPanel)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def status(self) -> IndexStatus:
        return self.query_one(IndexStatus)

    def on_mount(self) -> None:
        theme = self.config.theme or self.state.theme  # a theme set in the config file is the user's word
        if theme and theme in self.available_themes:
            self.theme = theme
        elif theme:
            self.notify(f"unknown theme {theme!r}; using {self.theme}", severity="warning", markup=False)
        for message in [self.state.warning, *self.config.warnings]:
            if message:
                self.notify(message, severity="warning", timeout=10, markup=False)
        last = self.state.last.get(self._root_key)
        if last is None and self.catalog.start is not None:
            last = Position(self.catalog.start)
        if self.catalog.pending:
            self._resume_before_scan(last)
        self.sidebar.set_library(self.library)
        self.sidebar.border_title = Content(self.library.name)  # Content: a name is text, never markup
        self._report_library_warnings()
        first = self.library.first_note()
        if last is not None and self.library.note(last.rel) is not None:
            self.open_note(last.rel, position=last)
        elif first is not None:
            self.open_note(first.rel)
        elif self.catalog.pending:
            self.reader.show(None, message="Reading the library…")
        else:
            self.reader.show(None, message="This library has no notes.")
        self.reader.focus()
        self.call_after_refresh(self._after_first_screen)

    async def _after_first_screen(self) -> None:
        """The footer and the index status come once the first screen is up (or, when the first note
        is heavy, once it is shown: mounting them meanwhile only slows its parse down)."""
        if self.view is None and self._requested is not None and not self._chrome_waits:
            self._chrome_waits = True
            return
        if self._chrome_ready or self.query(Footer):
            return
        await self.mount(Footer())
        await self.query_one("#side").mount(IndexStatus(id="index-status"))
        self._chrome_ready = True
        self._maybe_start_upkeep()

    def _maybe_start_upkeep(self) -> None:
        # Background work waits for the first note itself (a big one is parsed off the UI thread,
        # and the indexer parsing beside it would only slow it down), or for there being none.
        if self._chrome_ready and not self._upkeep_started and (self.view is not None or not self.library.notes):
            self._upkeep_started = True
            self.start_upkeep()

    def _report_library_warnings(self) -> None:
        count = len(self.library.warnings)
        if count:
            first = str(self.library.warnings[0])
            more = f" (and {count - 1} more; `shownotes check` lists them)" if count > 1 else ""
            self.notify(first + more, title="Library warnings", severity="warning", timeout=8, markup=False)

    # -- opening notes -----------------------------------------------------------------

    def open_note(
        self,
        rel: str,
        *,
        section: int | None = None,
        timestamp: int | None = None,
        seconds: int | None = None,
        position: Position | None = None,
        record: bool = True,
    ) -> None:
        note = self.library.note(rel)
        if note is None:
            self.notify(f"{rel} is not in this library", severity="error", markup=False)
            return
        if record:
            self.remember_position()
            self.history.visit(rel)
            recent = self.state.history.setdefault(self._root_key, [])
            recent[:] = [r for r in recent if r != rel][-(MAX_RECENT - 1) :] + [rel]
        self._requested = rel  # the last note asked for wins over a big one still loading
        self._serial += 1  # and the last request for it: an older parse of the same note is dropped
        target = self._target = (section, timestamp, seconds, position)
        if slow_to_parse(note, BACKGROUND_BYTES, BACKGROUND_BRACKETS):
            self.view = None
            self._title_for(note)
            self.reader.show(None, message=f"Loading {note.title}…")
            self.panel.set_timestamps([], {})
            self._build_in_background(note, target)
            return
        self._show(self._build(note), *target)

    def _build(self, note: Note) -> NoteView:
        return build_view(note, self.library, palette_for(self.current_theme), self._related(note))

    def _related(self, note: Note) -> Related:
        backlinks = self.index.backlinks(note.rel) if self.index is not None and self.index_ready else []
        channel = self.library.channel(self.library.channel_of(note))
        episode = next((e.notes for e in channel.episodes if any(n is note for n in e.notes)), [])
        titles = lambda rels: [(n.title, n.rel) for n in map(self.library.note, rels) if n is not None]  # noqa: E731
        return Related(
            backlinks=titles(backlinks[:MAX_RELATED]),
            episode=[(n.title, n.rel) for n in episode if n is not note][:MAX_RELATED],
            more_backlinks=max(0, len(backlinks) - MAX_RELATED),
            indexed=self.index_ready,
        )

    def _build_in_background(self, note: Note, target: tuple) -> None:
        """Parse on a daemon thread of its own: markdown-it cannot be interrupted, and quitting must not
        wait for it. Everything it needs from the widgets is read here, on the UI thread."""
        serial, library, palette = self._serial, self.library, palette_for(self.current_theme)
        related, width = self._related(note), max(self.reader.scrollable_content_region.width, 1)

        def build() -> None:
            try:
                view = build_view(note, library, palette, related)
                view.document.layout(width, lines=200)
                outcome: NoteView | str = view
            except Exception as error:  # noqa: BLE001 - the parser is built never to raise; if it does, say so
                outcome = f"{note.rel} could not be shown: {error}"
            if not self.is_running:  # the app has closed meanwhile: nobody to show it to
                return
            try:
                self.call_from_thread(self._show_if_still_wanted, outcome, target, serial)
            except RuntimeError:  # it closed just now
                pass

        threading.Thread(target=build, name=f"shownotes-parse-{serial}", daemon=True).start()

    def _show_if_still_wanted(self, outcome: NoteView | str, target: tuple, serial: int) -> None:
        if serial != self._serial or not self.is_running:
            return
        if isinstance(outcome, str):
            self.reader.show(None, message=outcome)
            self.notify(outcome, severity="error", markup=False)
            self._chrome_if_waiting()
            return
        self._show(outcome, *target)

    def _chrome_if_waiting(self) -> None:
        if self._chrome_waits and not self._chrome_ready:
            self.call_after_refresh(self._after_first_screen)

    def _show(self, view: NoteView, section=None, timestamp=None, seconds=None, position=None) -> None:  # noqa: ANN001
        self.view, note = view, view.note
        if seconds is not None and timestamp is None:
            stamps = [s for s in view.outline.timestamps if s.seconds == seconds]
            timestamp = next((s.index for s in stamps if s.section == section), stamps[0].index if stamps else None)
        self._title_for(note)
        anchor = (position.section, position.offset) if position is not None else (section, 0) if section else None
        self.reader.show(view, anchor=anchor, timestamp=timestamp, message=note.error or "")
        self.reader.border_subtitle = Content(view.related.summary)
        self.panel.set_timestamps(view.outline.timestamps, {s.index: s.title for s in view.outline.sections})
        self.sidebar.reveal(note, view.outline.sections)
        self._pinned = timestamp
        self.set_reactive(ShownotesApp.current_timestamp, None)
        if timestamp is not None:
            self.current_timestamp = timestamp
            self.panel.show_timestamp(timestamp)
        for warning in note.warnings[:3]:
            self.notify(f"{note.rel}: {warning}", severity="warning", markup=False)
        self.call_after_refresh(self.save)  # after the note is on screen: saving waits on the disk
        self._chrome_if_waiting()
        self.call_after_refresh(self._maybe_start_upkeep)

    def _title_for(self, note: Note) -> None:
        """The header and the reader's border name the note (also while it is still loading)."""
        channel, episode = self._place(note)
        self.title = note.title
        self.sub_title = f"{channel} · {episode} · {note.video_id or 'no video'}"
        self.reader.border_title = Content(note.title)
        self.reader.border_subtitle = Content("")  # the related notes' summary comes with the view

    def _place(self, note: Note) -> tuple[str, str]:
        channel = self.library.channel(self.library.channel_of(note))
        for episode in channel.episodes:
            if any(other is note for other in episode.notes):
                return channel.name, episode.title
        return channel.name, "no episode"

    def go_to_section(self, section: int) -> None:
        line = self.reader.line_of_section(section)
        if line is not None:
            self.reader.go_to_line(line)

    def choose_timestamp(self, index: int) -> None:
        """Make a timestamp current and bring it into view; it stays current while visible."""
        self._pinned = index
        self.current_timestamp = index
        if not self.reader.is_visible(self.reader.line_of_timestamp(index)):
            self.reader.go_to_timestamp(index)
        self.panel.show_timestamp(index)

    def watch_current_timestamp(self, index: int | None) -> None:
        self.reader.current_timestamp = index

    # -- messages from the panes -------------------------------------------------------

    @on(OpenNote)
    def _open_requested(self, message: OpenNote) -> None:
        if self.view is not None and message.rel == self.view.note.rel and message.timestamp is None:
            if message.section is not None:
                self.go_to_section(message.section)
                self.reader.focus()
            return
        self.open_note(message.rel, section=message.section, timestamp=message.timestamp, record=message.record)

    @on(TimestampChosen)
    def _timestamp_chosen(self, message: TimestampChosen) -> None:
        self.choose_timestamp(message.index)

    @on(ReaderMoved)
    def _reader_moved(self, message: ReaderMoved) -> None:
        if self.view is None or not self.query(Sidebar):  # none: the app is closing
            return
        self.sidebar.mark_section(self.view.note.rel, message.section)
        if self._pinned is not None and self.reader.is_visible(self.reader.line_of_timestamp(self._pinned)):
            return
        self._pinned = None
        if message.timestamp is not None:
            self.current_timestamp = message.timestamp
            self.panel.show_timestamp(message.timestamp)

    # -- persistence -------------------------------------------------------------------

    def remember_position(self) -> None:
        if not self.catalog.pending:
            self.state.sizes[self._root_key] = len(self.library.notes)
        if self.view is None or self.reader.text_layout is None:
            return
        section, offset = self.reader.position()
        position = Position(self.view.note.rel, section, offset)
        self.history.remember(position)
        self.state.last[self._root_key] = position

    def watch_theme(self, theme: str) -> None:
        if self.view is not None and self.is_mounted:
            self.view = self.view.restyled(palette_for(self.current_theme))
            self.reader.restyle(self.view)
        self.state.theme = theme
        self.save()

    def save(self) -> None:
        self.remember_position()
        try:
            save_state(self.state, self.state_file)
        except OSError as error:
            self.notify(f"could not save state: {error.strerror or error}", severity="warning", markup=False)

    async def action_quit(self) -> None:
        self.save()
        self.exit()

    def on_unmount(self) -> None:
        # However the app ends, background threads must stop, or interpreter exit waits on them.
        self.stop_upkeep()


def make_app(library: Catalog | Library | None = None, **options) -> ShownotesApp:
    """The one factory: the CLI, the tests and the snapshot app all build the app here."""
    return ShownotesApp(library if library is not None else Library.open(), **options)
