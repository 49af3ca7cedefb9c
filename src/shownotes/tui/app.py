"""The shownotes app: composes the desk, routes messages to whoever owns them, holds the bindings."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import App, ComposeResult
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widgets import Footer, Header

from ..core.catalog import Catalog, FileChange, read_changes
from ..core.config import Config, load_config
from ..core.library import Library
from ..core.opener import Opener, open_url
from ..core.places import AtMoment, InSection, OpenRequest, Place, Top, section_place
from ..core.player.command import is_live
from ..core.resources import styles_path
from ..core.session import Session
from ..core.state import Position, State
from . import messages as msg
from .bindings import APP_BINDINGS
from .clipboard import Copier, system_copy
from .commands import BookmarkCommands, EpisodeCommands, NoteCommands, SectionCommands, TimestampCommands
from .desk import Desk
from .editor import Editing, EditorRunner, run_suspended
from .keymap import apply_keys
from .layout import Layouts
from .moments import Moments
from .panes.findbar import ReadingPane
from .panes.reader import Reader
from .panes.sidebar import Sidebar
from .panes.status import IndexStatus
from .panes.timestamps import TimestampPanel
from .places import Places
from .searching import Searches
from .signals import end_with_terminal
from .sync import LibrarySync
from .terminal import sturdy_driver

if TYPE_CHECKING:
    from ..core.index import Index  # SQLite and the index stack load with the first index, not at startup
    from ..render.view import NoteView
    from .watching import WatchAlong


class ShownotesApp(App[None]):
    CSS_PATH = str(styles_path() / "shownotes.tcss")
    TITLE = "shownotes"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    COMMANDS = App.COMMANDS | {NoteCommands, SectionCommands, TimestampCommands, BookmarkCommands, EpisodeCommands}
    BINDINGS = APP_BINDINGS

    def __init__(
        self,
        catalog: Catalog,
        *,
        state_file: Path | None = None,
        state: State | None = None,
        config: Config | None = None,
        copier: Copier = system_copy,
        opener: Opener = open_url,
        editor: EditorRunner = run_suspended,
        watch_files: bool = True,
        background: bool = True,
    ) -> None:
        super().__init__()
        self.catalog = catalog
        self.session = Session(catalog.key(), state, state_file)
        self.config = config if config is not None else load_config()
        self.moments = Moments(self, copier, opener, lambda: self.config.player)
        self.searches = Searches(self, self.catalog)
        self.layouts = Layouts(self, self.session, self.save, lambda: self.config.max_width)
        self.editing = Editing(self, editor, self.notify_text, self.files_changed)
        self.places = Places(self, self.session, lambda: self.desk, self.save, self.remember_position)
        config = self.config
        self.watching: WatchAlong | None = None
        if is_live(config.player):
            from .watching import live_player  # mpv's client loads only when mpv is the player

            self.watching = live_player(config)
        self.sync = LibrarySync(self, catalog, watch=watch_files)
        self.background = background  # False: no index and no watcher (tests of the reader alone)
        self._background_started = False

    def compose(self) -> ComposeResult:
        yield Header(icon="▶")
        yield Desk(self.catalog, self.session, watching=self.watching, id="main")

    # -- what the app shows, for the panes' owners and the tests --------------------------

    @property
    def desk(self) -> Desk:
        return self.query_one(Desk)

    @property
    def library(self) -> Library:
        """The library as the panes show it (the catalog may hold a newer one whose message is on its way)."""
        desks = self.query(Desk) if self.is_mounted else ()
        return desks.first().library if desks else self.catalog.library

    @property
    def index(self) -> Index | None:
        return self.catalog.index

    @property
    def index_ready(self) -> bool:
        return self.catalog.indexed

    @property
    def view(self) -> NoteView | None:
        return self.desk.view

    @property
    def current_timestamp(self) -> int | None:
        return self.desk.current_timestamp

    @current_timestamp.setter
    def current_timestamp(self, index: int | None) -> None:
        self.desk.current_timestamp = index

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

    def notify_text(
        self, text: str, severity: SeverityLevel = "warning", *, title: str = "", timeout: float | None = None
    ) -> None:
        self.notify(text, title=title, severity=severity, timeout=timeout, markup=False)

    # -- starting ----------------------------------------------------------------------

    def get_driver_class(self):
        return sturdy_driver(super().get_driver_class())

    def on_mount(self) -> None:
        end_with_terminal(self, lambda: self.call_later(self.action_quit))
        self.layouts.apply()
        theme = self.config.theme or self.session.state.theme  # a theme set in the config file is the user's word
        if theme and theme in self.available_themes:
            self.theme = theme
        elif theme:
            self.notify_text(f"unknown theme {theme!r}; using {self.theme}")
        keymap = apply_keys(self, self.config.keys)  # [keys]: the footer and help show the user's keys
        for message in [self.session.state.warning, *self.config.warnings, *keymap.warnings]:
            if message:
                self.notify_text(message, timeout=10)
        last = self.session.last or (Position(self.catalog.start) if self.catalog.start else None)
        if last is not None:
            self.catalog.resume(last.rel)
        desk = self.desk
        desk.relist(self.catalog.library)
        desk.sidebar.border_title = Content(self.library.name)  # Content: a name is text, never markup
        self._report_library_warnings()
        first = self.library.first_note()
        if last is not None and self.library.note(last.rel) is not None:
            self.open_note(last.rel, InSection(last.section, last.offset))
        elif first is not None:
            self.open_note(first.rel)
        else:
            desk.show_message("Reading the library…" if self.catalog.pending else "This library has no notes.")
        self.reader.focus()
        if desk.view is not None or desk.opening is None:
            self.call_after_refresh(self._start_background)

    async def _start_background(self) -> None:
        """Once the first note is on screen (a heavy one is parsed off the UI thread, and work beside
        it only slows it down): the footer and index status, then the index and the watcher."""
        if self._background_started:
            return
        self._background_started = True
        await self.mount(Footer())
        await self.query_one("#side").mount(IndexStatus(id="index-status"))
        if self.background:
            self.sync.start()

    def _report_library_warnings(self) -> None:
        warnings = self.library.warnings
        if warnings:
            more = f" (and {len(warnings) - 1} more; `shownotes check` lists them)" if len(warnings) > 1 else ""
            self.notify_text(str(warnings[0]) + more, title="Library warnings", timeout=8)

    def open_note(self, rel: str, place: Place = Top(), record: bool = True) -> None:
        self.desk.open(OpenRequest(rel, place, record))

    @on(msg.NoteShown)
    def _note_shown(self) -> None:
        self.call_after_refresh(self.save)  # after the note is on screen: saving waits on the disk
        self.call_after_refresh(self._start_background)

    # -- messages for the app as a whole -------------------------------------------------

    @on(msg.OpenNote)
    def _open_requested(self, message: msg.OpenNote) -> None:
        self.desk.request(message.request)  # from the palette, which is not inside the desk

    @on(msg.Notice)
    def _notice(self, message: msg.Notice) -> None:
        self.notify_text(message.text, message.severity)

    @on(msg.Copy)
    def _copy(self, message: msg.Copy) -> None:
        self.moments.copy(message.text)

    @on(msg.WebLinkFollowed)
    def _web_link(self, message: msg.WebLinkFollowed) -> None:
        self.moments.open_web(message.url)

    @on(msg.CopyTimestamp)
    def _copy_timestamp(self, message: msg.CopyTimestamp) -> None:
        self.desk.choose_timestamp(message.index)
        self.moments.copy_link(self.view, message.index, message.markdown)

    @on(msg.PlayTimestamp)
    def _play_timestamp(self, message: msg.PlayTimestamp) -> None:
        self.desk.choose_timestamp(message.index)
        self.action_open_link()

    @on(msg.OpenHit)
    def _open_hit(self, message: msg.OpenHit) -> None:
        hit = message.hit
        self.open_note(hit.rel, AtMoment(hit.seconds, hit.section) if hit.seconds is not None else section_place(hit.section))
        words = next((text.strip() for text, match in hit.snippet if match and text.strip()), "")
        for pane in self.screen_stack[0].query(ReadingPane) if words else ():
            pane.highlight(words.lower())  # the words the index matched, lit in the note (ctrl+f has them)

    @on(msg.CopyHit)
    def _copy_hit(self, message: msg.CopyHit) -> None:
        self.moments.copy_hit(message.hit)

    @on(msg.PlayHit)
    def _play_hit(self, message: msg.PlayHit) -> None:
        hit = message.hit
        if not self.desk.play(hit.video_id, hit.seconds or 0, hit.title):
            self.moments.play_hit(hit)

    @on(msg.ShowTimeline)
    def _show_timeline(self) -> None:
        view = self.view
        episode = self.library.episode_of(view.note) if view is not None else None
        if view is not None and episode is not None:
            from .screens.timeline import TimelineScreen  # loads when first asked for

            self.push_screen(TimelineScreen(episode, view.note.rel, self.current_timestamp))

    @on(msg.OpenBookmark)
    def _open_bookmark(self, message: msg.OpenBookmark) -> None:
        self.places.open_bookmark(message.bookmark)

    @on(msg.RemoveBookmark)
    def _remove_bookmark(self, message: msg.RemoveBookmark) -> None:
        self.places.remove(message.bookmark)

    @on(msg.UndoRemoveBookmark)
    def _undo_remove_bookmark(self) -> None:
        self.places.undo_remove()

    # -- the library changing behind the reader ------------------------------------------

    @property
    def closing(self) -> bool:
        """The panes are gone (or going): what the background still reports is dropped."""
        return not self.query(IndexStatus)

    @on(msg.LibraryChanged)
    def _library_changed(self, message: msg.LibraryChanged) -> None:
        if not self.closing:
            self.desk.relist(self.catalog.library)
            if message.loaded:
                self._report_library_warnings()
                self.desk.folder_loaded()

    @on(msg.IndexProgress)
    def _index_progress(self, message: msg.IndexProgress) -> None:
        if not self.closing:
            self.status.progress(message.label, message.done, message.total)

    @on(msg.IndexReady)
    def _index_ready(self, message: msg.IndexReady) -> None:
        if message.result.error:
            self.notify_text(message.result.error, "error")
        if not self.closing:
            counted = f"{message.count:,} note{'s' if message.count != 1 else ''}"
            self.status.done(f"index incomplete ({counted})" if message.result.error else f"{counted} indexed")
            self.desk.indexed(self.catalog.library, message.changed)
            self.searches.index_ready()

    @on(msg.IndexFailed)
    def _index_failed(self, message: msg.IndexFailed) -> None:
        self.notify_text(message.reason, "error")
        if not self.closing:
            self.status.done("index unavailable")

    @on(msg.FilesChanged)
    def _files_changed(self, message: msg.FilesChanged) -> None:
        if not self.closing:
            self.apply_changes(message.changes)

    def files_changed(self, changes: set[tuple[int, str]]) -> None:
        """Changes as the watcher reports them, read here (tests drive live reload through this)."""
        self.apply_changes(read_changes(self.library.root, [path for _change, path in changes]))

    def apply_changes(self, changes: list[FileChange]) -> None:
        """Notes edited, added or deleted on disk: the library, sidebar, open note and index follow."""
        self.desk.files_changed(changes)
        if self.background and self._background_started:
            self.sync.refresh()

    # -- actions -----------------------------------------------------------------------

    def action_copy_link(self, markdown: bool = False) -> None:
        self.moments.copy_link(self.view, self.current_timestamp, markdown)

    def action_open_link(self) -> None:
        if not self.desk.play_timestamp(self.current_timestamp):
            self.moments.play(self.view, self.current_timestamp)

    def action_bookmark(self) -> None:
        self.places.add_here()

    def action_search(self) -> None:
        self.searches.open()

    def action_search_hit(self, step: int) -> None:
        self.searches.step(step)

    def action_toggle_pane(self, pane: str) -> None:
        self.layouts.toggle(pane)

    def action_zen(self) -> None:
        self.layouts.zen()

    def action_sidebar_width(self, step: int) -> None:
        self.layouts.widen(step)

    def action_edit(self) -> None:
        self.editing.edit()

    def action_find(self) -> None:
        for pane in self.screen.query(ReadingPane):  # none on a dialog: the main screen only
            pane.open_find()

    def action_find_step(self, direction: int) -> None:
        for pane in self.screen.query(ReadingPane):
            pane.step_find(direction)

    def action_focus_timestamps(self) -> None:
        # Focus at once (Widget.focus waits a turn), so keys typed right after `t` reach the panel.
        self.layouts.show("timestamps")
        self.screen.set_focus(self.panel)

    def action_next_note(self, step: int) -> None:
        current = self.desk.current_note  # while a heavy note loads there is no view yet: step from it
        if current is None:
            return
        target = self.library.neighbour(current, step)
        if target is not None:
            self.open_note(target.rel)
        else:
            self.notify("No more notes that way", severity="information")

    def action_back(self) -> None:
        self.places.travel(-1)

    def action_forward(self) -> None:
        self.places.travel(1)

    def action_help(self) -> None:
        from .screens.help import help_here

        self.push_screen(help_here(self))

    # -- persistence -------------------------------------------------------------------

    def remember_position(self) -> None:
        if self.query(Desk):  # none: the app is closing
            position = self.desk.position()
            if position is not None:
                self.session.left(position)

    def watch_theme(self, theme: str) -> None:
        if self.is_mounted and self.query(Desk):
            self.desk.restyle()
        self.session.set_theme(theme)
        self.save()

    def save(self) -> None:
        self.remember_position()
        problem = self.session.save()
        if problem:
            self.notify_text(problem)

    async def action_quit(self) -> None:
        self.save()
        self.exit()


def make_app(library: Catalog | Library | None = None, **options) -> ShownotesApp:
    """The one factory: the CLI, the tests and the snapshot app all build the app here."""
    catalog = library if isinstance(library, Catalog) else Catalog(library if library is not None else Library.open())
    catalog.prepare_workers()
    return ShownotesApp(catalog, **options)
