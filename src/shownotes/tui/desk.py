"""The reading desk: the sidebar, the reader and the Timestamps pane, kept in step on one note.

It owns what is shown (the note's view, the note asked for, the current timestamp) and routes its
panes' messages among them; what concerns the whole app goes up as messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.reactive import reactive

from ..core.catalog import Catalog, FileChange
from ..core.library import Library
from ..core.library.bookmarks import bookmark, moment_bookmark
from ..core.notes.note import Note, slow_to_parse, too_big_to_parse_here
from ..core.places import AtMoment, AtTimestamp, InSection, OpenRequest, Place, moment_place
from ..core.session import Session
from ..core.state import Bookmark, Position
from ..render.view import NoteView, Related, build_view
from . import messages as msg
from .loading import NoteLoader
from .named import named
from .palette import palette_for
from .panes.findbar import ReadingPane
from .panes.player import PlayerPane
from .panes.reader import Reader
from .panes.sidebar import Sidebar
from .panes.timestamps import TimestampPanel

if TYPE_CHECKING:
    from .watching import WatchAlong

BACKGROUND_BYTES = 256 * 1024  # notes larger than this are parsed off the UI thread
BACKGROUND_BRACKETS = 2_000  # and notes with more `[` than this (the Markdown parser's slow case)


class Desk(Horizontal):
    # The player's keys work from every pane of the desk (space is the reader's).
    BINDINGS = [
        named("ctrl+space,ctrl+@,P", "toggle_play", "Play / pause"),
        named("less_than_sign", "skip(-10)", "Back 10 s", show=False),
        named("greater_than_sign", "skip(10)", "Forward 10 s", show=False),
        named("f", "toggle_follow", "Follow the player"),
        named("O", "open_playing", "Open the note playing", show=False),
        named("B", "browser", "Open in the browser", show=False),
    ]
    PLAYER_ACTIONS = frozenset({"toggle_play", "skip", "toggle_follow", "open_playing"})
    PANE_NAME = "Player"
    current_timestamp: reactive[int | None] = reactive(None, init=False)

    def __init__(
        self, catalog: Catalog, session: Session, *, watching: WatchAlong | None = None, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._watching = watching  # the live player, when one is configured (its pane holds it)
        self._follow_top: int | None = None  # the reader's top line as following left it
        self.catalog = catalog
        self.library: Library = catalog.library  # the snapshot on screen; the app moves it on as messages arrive
        self.session = session
        self.loader = NoteLoader(self.post_message)
        self.view: NoteView | None = None
        self.opening: OpenRequest | None = None  # the note asked for last (it may still be loading)
        self._pinned: int | None = None  # a timestamp chosen explicitly stays current while visible
        self._kept: tuple[str, int] | None = None  # (rel, timestamp) a reload of that note keeps current

    def compose(self) -> ComposeResult:
        with Vertical(id="side"):
            yield Sidebar(id="sidebar")
            yield PlayerPane(self._watching, id="player-status")
        with Horizontal(id="content"):
            yield ReadingPane(id="reading")  # the reader and its find bar
            yield TimestampPanel(id="timestamps")

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
    def current_note(self) -> Note | None:
        """The note shown, else the one being loaded."""
        if self.view is not None:
            return self.view.note
        return self.library.note(self.opening.rel) if self.opening is not None else None

    def _tell(self, text: str, severity: SeverityLevel = "warning") -> None:
        self.post_message(msg.Notice(text, severity))

    # -- opening notes -----------------------------------------------------------------

    def open(self, request: OpenRequest) -> None:
        note = self.library.note(request.rel)
        if note is None:
            self._tell(f"{request.rel} is not in this library", "error")
            return
        if request.record:
            position = self.position()
            if position is not None:
                self.session.left(position)
            self.session.visit(request.rel)
        self.opening = request  # the last note asked for wins over a big one still loading
        if self._kept is not None and self._kept[0] != request.rel:
            self._kept = None
        palette = palette_for(self.app.current_theme)
        if not too_big_to_parse_here(note, BACKGROUND_BYTES):
            note = note.loaded()
            if not slow_to_parse(note, BACKGROUND_BYTES, BACKGROUND_BRACKETS):
                self.loader.supersede()
                self.show(build_view(note, self.library, palette, self.related(note)), request.place)
                return
        self.view = None
        self._caption(note)
        self.reader.show(None, message=f"Loading {note.title}…")
        self.panel.set_timestamps([], {})
        width = self.reader.text_width
        self.loader.load(note, request, self.library, palette, self.related(note), width)

    def related(self, note: Note) -> Related:
        index = self.catalog.index if self.catalog.indexed else None
        return Related.of(self.library, note, index.backlinks(note.rel) if index else [], self.catalog.indexed)

    @on(msg.NoteLoaded)
    def _loaded(self, message: msg.NoteLoaded) -> None:
        message.stop()
        if not self.loader.is_latest(message.serial):
            return
        if message.view is not None:
            self.show(message.view, message.request.place)
        else:
            self.reader.show(None, message=message.error or "")
            self._tell(message.error or "", "error")
            self.post_message(msg.NoteShown(None))

    def show(self, view: NoteView, place: Place) -> None:
        self.view, note = view, view.note
        place = moment_place(place, view.outline.timestamps)
        self._caption(note)
        self.reader.show(view, place, message=note.error or "")
        self.reader.border_subtitle = Content(view.related.summary)
        self.panel.set_timestamps(view.outline.timestamps, {s.index: s.title for s in view.outline.sections})
        self.sidebar.reveal(note, view.outline.sections)
        timestamp = place.index if isinstance(place, AtTimestamp) else None
        kept, self._kept = self._kept, None
        if timestamp is None and kept is not None and kept[0] == note.rel and kept[1] < len(view.outline.timestamps):
            timestamp = kept[1]  # reloaded after an edit: the timestamp chosen stays current
        self._pinned = timestamp
        self.set_reactive(Desk.current_timestamp, None)
        if timestamp is not None:
            self.current_timestamp = timestamp
            self.panel.show_timestamp(timestamp)
        for warning in note.warnings[:3]:
            self._tell(f"{note.rel}: {warning}")
        self.player.note_shown(view, self.library)
        self.post_message(msg.NoteShown(view))

    def _caption(self, note: Note) -> None:
        """The header and the reader's border name the note (also while it is still loading)."""
        episode = self.library.episode_of(note)
        self.app.title = note.title
        self.app.sub_title = f"{self.library.channel_of(note)} · {episode.title if episode else 'no episode'} · {note.video_id or 'no video'}"
        self.reader.border_title = Content(note.title)
        self.reader.border_subtitle = Content("")  # the related notes' summary comes with the view

    def show_message(self, text: str) -> None:
        self.reader.show(None, message=text)

    def position(self) -> Position | None:
        """Where the reader is in the note shown (None while nothing is)."""
        if self.view is None or self.reader.text_layout is None:
            return None
        section, offset = self.reader.position()
        return Position(self.view.note.rel, section, offset)

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

    def restyle(self) -> None:
        if self.view is not None:
            self.view = self.view.restyled(palette_for(self.app.current_theme))
            self.reader.restyle(self.view)

    # -- the panes' messages -----------------------------------------------------------

    @on(msg.OpenNote)
    def _open_requested(self, message: msg.OpenNote) -> None:
        message.stop()
        self.request(message.request)
        if message.read:
            self.reader.focus()

    def request(self, request: OpenRequest) -> None:
        """Open a note, or, when it is the one shown, go to the section asked for."""
        if self.view is not None and request.rel == self.view.note.rel and not isinstance(request.place, AtTimestamp):
            if isinstance(request.place, InSection):
                self.go_to_section(request.place.section)
                self.reader.focus()
            return
        self.open(request)

    @on(msg.TimestampChosen)
    def _timestamp_chosen(self, message: msg.TimestampChosen) -> None:
        message.stop()
        self._moved_by_hand()
        self.choose_timestamp(message.index)

    @on(msg.ReaderMoved)
    def _reader_moved(self, message: msg.ReaderMoved) -> None:
        message.stop()
        if self.view is None or not self.is_attached:
            return
        if self._follow_top is not None and self.reader.top_line != self._follow_top:
            self._moved_by_hand()
        self.sidebar.mark_section(self.view.note.rel, message.section)
        if self._pinned is not None and self.reader.is_visible(self.reader.line_of_timestamp(self._pinned)):
            return
        self._pinned = None
        if message.timestamp is not None:
            self.current_timestamp = message.timestamp
            self.panel.show_timestamp(message.timestamp)

    @on(msg.WikiLinkFollowed)
    def _wiki_link(self, message: msg.WikiLinkFollowed) -> None:
        message.stop()
        view = self.view
        if view is None:
            return
        link, target = view.outline.links[message.index], view.targets[message.index]
        if target is None:
            self._tell(f"[[{link.target}]] is not in this library")
            return
        if target.rel != view.note.rel:
            self.open(OpenRequest(target.rel))
        heading, shown = (link.heading or "").lower(), self.view
        if heading and shown is not None:
            section = next((s.index for s in shown.outline.sections if s.title.lower() == heading), None)
            if section is not None:
                self.go_to_section(section)

    # -- the library changing behind the reader ----------------------------------------

    def relist(self, library: Library) -> None:
        """Show another snapshot of the library (the note shown stays)."""
        self.library = library
        self.sidebar.set_library(library)
        if self.view is not None and self.library.note(self.view.note.rel) is not None:
            self.sidebar.reveal(self.view.note, self.view.outline.sections)

    def indexed(self, library: Library, changed: bool) -> None:
        """The index is up to date: titles found by parsing (when any changed), and backlinks."""
        if changed:
            self.relist(library)
        else:
            self.library = library  # the same notes, titles and warnings
        self.refresh_related()

    def files_changed(self, changes: list[FileChange]) -> None:
        """Notes edited, added or deleted on disk: the library, the sidebar and the open note follow."""
        note = self.current_note
        outcome = self.catalog.apply(changes, note.rel if note is not None else None)
        for notice in outcome.notices:
            self._tell(notice)
        self.relist(outcome.library)
        if outcome.reopen or outcome.reshow:
            self.reopen(note.rel if note is not None else None, keep_timestamp=outcome.reshow)

    def folder_loaded(self) -> None:
        """The pending folder is scanned: what was shown against a one-note library resolves now."""
        view = self.view
        if view is not None:
            section, offset = self.reader.position()
            self.show(view.relinked(self.library, self.related(view.note)), InSection(section, offset))
        elif not self.reload_requested():  # one still parsing against the one-note library starts over
            first = self.library.first_note()
            if first is not None:
                self.open(OpenRequest(first.rel))
            else:
                self.show_message("This library has no notes.")

    def refresh_related(self) -> None:
        """The index is ready: show the note's backlinks (without parsing the note again)."""
        view = self.view
        if view is None:
            return
        related = self.related(view.note)
        self.reader.border_subtitle = Content(related.summary)
        if (related.backlinks, related.episode) != (view.related.backlinks, view.related.episode):
            self.view = view.with_related(related)
            self.reader.restyle(self.view)

    def reopen(self, rel: str | None, keep_timestamp: bool) -> None:
        """The note at `rel` changed on disk: show it again where the reader is now (a note still
        loading starts over); the current timestamp stays when asked and it still exists."""
        current = self.current_timestamp
        if self.view is None or rel is None:
            self.reload_requested()
            return
        section, offset = self.reader.position()
        self._kept = (rel, current) if keep_timestamp and current is not None else None
        self.open(OpenRequest(rel, InSection(section, offset), record=False))

    def reload_requested(self) -> bool:
        """Start the note being loaded over; False when there is none to load."""
        if self.opening is None or self.library.note(self.opening.rel) is None:
            return False
        self.open(OpenRequest(self.opening.rel, self.opening.place, record=False))
        return True

    def bookmark_here(self) -> Bookmark | None:
        """The player's moment while it plays this video; else the current timestamp when it is in view;
        else the reading position."""
        view, index = self.view, self.current_timestamp
        if view is None:
            return None
        playing = self.player.moment()
        if playing is not None:
            return moment_bookmark(view.note, view.outline, playing)
        visible = index is not None and self.reader.is_visible(self.reader.line_of_timestamp(index))
        return bookmark(view.note, view.outline, index if visible else None, self.reader.position()[0])

    # -- the live player (its pane does the work; its keys work from every pane here) --------

    @property
    def player(self) -> PlayerPane:
        return self.query_one(PlayerPane)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self._watching is not None or action not in self.PLAYER_ACTIONS  # no live player: no player keys

    def play(self, video_id: str | None, seconds: int, title: str) -> bool:
        """Play a moment in the live player; False when there is none (the opener does it then)."""
        return self.player.play(video_id, seconds, title)

    def play_timestamp(self, index: int | None) -> bool:
        view = self.view
        if view is None or index is None:
            return self.player.watching is not None
        episode = self.library.episode_of(view.note)
        return self.play(view.note.video_id, view.outline.timestamps[index].seconds, episode.title if episode else view.note.title)

    @on(msg.FollowTo)
    def _follow_to(self, message: msg.FollowTo) -> None:
        message.stop()
        if self.view is not None and self.view.note.rel == message.rel:
            self.choose_timestamp(message.index)
            self._follow_top = self.reader.top_line

    def _moved_by_hand(self) -> None:
        self._follow_top = None
        self.player.moved_by_hand()

    def action_toggle_play(self) -> None:
        self.player.toggle_play()

    def action_skip(self, seconds: int) -> None:
        self.player.skip(seconds)

    def action_toggle_follow(self) -> None:
        self.player.toggle_follow()

    def action_open_playing(self) -> None:
        found = self.player.playing_note()
        if found is not None:
            self.open(OpenRequest(found[0], AtMoment(found[1])))

    def action_browser(self) -> None:
        view, index = self.view, self.current_timestamp
        url = view.url(index) if view is not None and index is not None else None
        if url is None:
            self._tell("No timestamp with a deep link selected")
        else:
            self.post_message(msg.WebLinkFollowed(url))
