"""The shownotes app: composes the panes and routes their messages; the work happens elsewhere."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Footer, Header

from ..core.config import Config, load_config
from ..core.library import Library
from ..core.note import Note
from ..core.opener import OpenResult, open_url
from ..core.resources import styles_path
from ..core.state import Position, State, load_state, save_state
from ..core.timecode import format_time, is_web_url
from ..render.view import NoteView, build_view
from .clipboard import Copier, system_copy
from .commands import NoteCommands, SectionCommands, TimestampCommands
from .help import HelpScreen, binding_rows
from .messages import LinkActivated, OpenNote, ReaderMoved, TimestampAction, TimestampChosen
from .navigation import History, note_order
from .palette import palette_for
from .reader import Reader
from .sidebar import Sidebar
from .timestamps import TimestampPanel

BACKGROUND_BYTES = 256 * 1024  # notes larger than this are laid out off the UI thread


class ShownotesApp(App[None]):
    CSS_PATH = str(styles_path() / "shownotes.tcss")
    TITLE = "shownotes"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (140, "-wide")]
    COMMANDS = App.COMMANDS | {NoteCommands, SectionCommands, TimestampCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help"),
        Binding("t", "focus_timestamps", "Timestamps"),
        Binding("c", "copy_link", "Copy link"),
        Binding("C", "copy_markdown", "Copy as Markdown", show=False),
        Binding("o", "open_link", "Open video"),
        Binding("n", "next_note(1)", "Next note", show=False),
        Binding("p", "next_note(-1)", "Previous note", show=False),
        Binding("backspace,alt+left", "back", "Back", show=False),
        Binding("alt+right", "forward", "Forward", show=False),
    ]

    current_timestamp: reactive[int | None] = reactive(None, init=False)

    def __init__(
        self,
        library: Library,
        *,
        state_file: Path | None = None,
        config: Config | None = None,
        copier: Copier = system_copy,
        opener=open_url,
    ) -> None:
        super().__init__()
        self.library = library
        self.state_file = state_file
        self.state: State = load_state(state_file)
        self.config = config if config is not None else load_config()
        self.copier = copier
        self.opener = opener
        self.view: NoteView | None = None
        self.history = History()
        self._pinned: int | None = None  # a timestamp chosen explicitly stays current while visible
        self._root_key = str(library.root.resolve()) + ("" if not library.single_file else f"::{library.notes[0].rel if library.notes else ''}")

    # -- composition -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="▶")
        with Horizontal(id="main"):
            yield Sidebar(id="sidebar")
            with Horizontal(id="content"):
                yield Reader(id="reader")
                yield TimestampPanel(id="timestamps")
        yield Footer()

    @property
    def reader(self) -> Reader:
        return self.query_one(Reader)

    @property
    def panel(self) -> TimestampPanel:
        return self.query_one(TimestampPanel)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    def on_mount(self) -> None:
        theme = self.state.theme or self.config.theme
        if theme and theme in self.available_themes:
            self.theme = theme
        for message in [self.state.warning, *self.config.warnings]:
            if message:
                self.notify(message, severity="warning", timeout=10, markup=False)
        self.sidebar.set_channels(self.library.channels)
        self.sidebar.border_title = self.library.name
        self._report_library_warnings()
        last = self.state.last.get(self._root_key)
        order = note_order(self.library)
        if last is not None and self.library.note(last.rel) is not None:
            self.open_note(last.rel, position=last, record=True)
        elif order:
            self.open_note(order[0].rel)
        else:
            self.reader.show(None, message="This library has no notes.")
        self.reader.focus()

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
        position: Position | None = None,
        record: bool = True,
    ) -> None:
        note = self.library.note(rel)
        if note is None:
            self.notify(f"{rel} is not in this library", severity="error", markup=False)
            return
        if record:
            self._remember_position()
            self.history.visit(rel)
        if note.size > BACKGROUND_BYTES and not note.loaded:
            self.reader.show(None, message=f"Loading {note.title} ({note.size // 1024} KB)…")
            self._build_in_background(note, section, timestamp, position)
            return
        self._show(build_view(note, self.library, palette_for(self.current_theme)), section, timestamp, position)

    @work(thread=True, exclusive=True, group="open-note")
    def _build_in_background(self, note: Note, section, timestamp, position) -> None:
        view = build_view(note, self.library, palette_for(self.current_theme))
        view.document.layout(max(self.reader.scrollable_content_region.width, 1), lines=200)
        self.call_from_thread(self._show, view, section, timestamp, position)

    def _show(self, view: NoteView, section: int | None, timestamp: int | None, position: Position | None) -> None:
        self.view = view
        note = view.note
        channel, episode = self._place(note)
        self.title = note.title
        self.sub_title = f"{channel} · {episode} · {note.video_id or 'no video'}"
        message = note.error or ""
        anchor = (position.section, position.offset) if position is not None else (section or 0, 0) if section else None
        self.reader.show(view, anchor=anchor, timestamp=timestamp, message=message)
        self.reader.border_title = note.title
        titles = {s.index: s.title for s in view.outline.sections}
        self.panel.set_timestamps(view.outline.timestamps, titles)
        self.sidebar.reveal(note.rel, view.outline.sections)
        self._pinned = timestamp
        self.set_reactive(ShownotesApp.current_timestamp, None)
        if timestamp is not None:
            self.current_timestamp = timestamp
            self.panel.show_timestamp(timestamp)
        for warning in note.warnings[:3]:
            self.notify(f"{note.rel}: {warning}", severity="warning", markup=False)
        self._save_state()

    def _place(self, note: Note) -> tuple[str, str]:
        for channel in self.library.channels:
            for episode in channel.episodes:
                if note in episode.notes:
                    return channel.name, episode.title
            if note in channel.pages:
                return channel.name, "no episode"
        return self.library.name, "no episode"

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
        if self.view is None:
            return
        self.sidebar.mark_section(self.view.note.rel, message.section)
        if self._pinned is not None and self.reader.is_visible(self.reader.line_of_timestamp(self._pinned)):
            return
        self._pinned = None
        if message.timestamp is not None:
            self.current_timestamp = message.timestamp
            self.panel.show_timestamp(message.timestamp)

    @on(LinkActivated)
    def _link_activated(self, message: LinkActivated) -> None:
        view = self.view
        if view is None:
            return
        if message.kind == "ts":
            self.choose_timestamp(int(message.key))
        elif message.kind == "wiki":
            index = int(message.key)
            link = view.outline.links[index]
            target = view.targets[index]
            if target is None:
                self.notify(f"[[{link.target}]] is not in this library", severity="warning", markup=False)
            elif target is view.note:
                self._follow_heading(link.heading)
            else:
                self.open_note(target.rel)
                self._follow_heading(link.heading)
        elif message.kind == "url":
            self._report(self.opener(str(message.key), 0) if is_web_url(message.key) else OpenResult(False, f"refused to open {str(message.key)[:80]!r}: only http(s) links are opened"))

    def _follow_heading(self, heading: str | None) -> None:
        if heading and self.view is not None:
            for section in self.view.outline.sections:
                if section.title.lower() == heading.lower():
                    self.go_to_section(section.index)
                    return

    # -- actions -----------------------------------------------------------------------

    @on(TimestampAction)
    def _timestamp_action(self, message: TimestampAction) -> None:
        self.choose_timestamp(message.index)
        {"copy": self.action_copy_link, "markdown": self.action_copy_markdown, "open": self.action_open_link}[
            message.action
        ]()

    def _current_link(self) -> tuple[str, str] | None:
        view, index = self.view, self.current_timestamp
        if view is None or index is None:
            self.notify("No timestamp selected", severity="warning")
            return None
        url = view.url(index)
        if url is None:
            self.notify(f"{view.note.title} has no valid videoId, so no deep link", severity="warning", markup=False)
            return None
        return url, format_time(view.outline.timestamps[index].seconds)

    def copy_text(self, text: str) -> None:
        how = self.copier(text)
        if how is None:
            self.copy_to_clipboard(text)
            how = "terminal clipboard (OSC 52)"
        self.notify(f"{text}\ncopied to the {how}", title="Copied", markup=False)

    def action_copy_link(self) -> None:
        found = self._current_link()
        if found:
            self.copy_text(found[0])

    def action_copy_markdown(self) -> None:
        found = self._current_link()
        if found:
            url, time = found
            self.copy_text(f"[{time}]({url})")

    def action_open_link(self) -> None:
        found = self._current_link()
        if found and self.view is not None and self.current_timestamp is not None:
            seconds = self.view.outline.timestamps[self.current_timestamp].seconds
            self._report(self.opener(found[0], seconds, self.config.player))

    def _report(self, result: OpenResult) -> None:
        self.notify(result.message, severity="information" if result.ok else "error", markup=False)

    def action_focus_timestamps(self) -> None:
        # Focus at once (Widget.focus waits a turn), so keys typed right after `t` reach the panel.
        self.screen.set_focus(self.panel)

    def action_next_note(self, step: int) -> None:
        order = note_order(self.library)
        if not order or self.view is None:
            return
        position = next((i for i, note in enumerate(order) if note is self.view.note), -1)
        target = position + step
        if 0 <= target < len(order):
            self.open_note(order[target].rel)
        else:
            self.notify("No more notes that way", severity="information")

    def action_back(self) -> None:
        self._travel(self.history.back)

    def action_forward(self) -> None:
        self._travel(self.history.forward)

    def _travel(self, move) -> None:
        self._remember_position()
        entry = move()
        if entry is None:
            self.notify("No more history that way", severity="information")
            return
        self.open_note(entry.rel, position=self.history.position(entry.rel), record=False)

    def action_help(self) -> None:
        focused = self.focused
        title = f"Help — {type(focused).__name__ if focused else 'shownotes'}"
        intro = getattr(focused, "HELP", "") or "Keys that work here and everywhere."
        self.push_screen(HelpScreen(title, intro, binding_rows(self, self.screen.active_bindings)))

    # -- persistence -------------------------------------------------------------------

    def _remember_position(self) -> None:
        if self.view is None or self.reader.layout is None:
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
        self._save_state()

    def _save_state(self) -> None:
        self._remember_position()
        try:
            save_state(self.state, self.state_file)
        except OSError as error:
            self.notify(f"could not save state: {error.strerror or error}", severity="warning", markup=False)

    async def action_quit(self) -> None:
        self._save_state()
        self.exit()


def make_app(library: Library | None = None, **options) -> ShownotesApp:
    """The one factory: the CLI, the tests and the snapshot app all build the app here."""
    return ShownotesApp(library if library is not None else Library.open(), **options)
