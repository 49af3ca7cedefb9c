"""What the keys do with moments and links: copy, open, follow, search hits, history, help."""

from __future__ import annotations

from typing import TYPE_CHECKING

import time

from ..core.library.bookmarks import describe, find_note
from ..core.opener import OpenResult, refusal
from ..core.state import Bookmark
from ..core.timecode import deep_link, format_time
from .messages import HitAction, LinkActivated, TimestampAction

if TYPE_CHECKING:
    from ..core.index.hits import Hit
    from .app import ShownotesApp


class MomentActions:
    """Mixed into the app: every action reads the app's state and reports with a toast.

    Handlers here use `on_<message>` names: `@on` only registers methods of Textual classes.
    """

    # -- the current timestamp ----------------------------------------------------------

    def _current_link(self: ShownotesApp) -> tuple[str, str] | None:
        view, index = self.view, self.current_timestamp
        if view is None or index is None:
            self.notify("No timestamp selected", severity="warning")
            return None
        url = view.url(index)
        if url is None:
            self.notify(f"{view.note.title} has no valid videoId, so no deep link", severity="warning", markup=False)
            return None
        return url, format_time(view.outline.timestamps[index].seconds)

    def copy_text(self: ShownotesApp, text: str) -> None:
        how = self.copier(text)
        if how is None:
            self.copy_to_clipboard(text)
            how = "terminal clipboard (OSC 52)"
        self.notify(f"{text}\ncopied to the {how}", title="Copied", markup=False)

    def action_copy_link(self: ShownotesApp) -> None:
        found = self._current_link()
        if found:
            self.copy_text(found[0])

    def action_copy_markdown(self: ShownotesApp) -> None:
        found = self._current_link()
        if found:
            url, time = found
            self.copy_text(f"[{time}]({url})")

    def action_open_link(self: ShownotesApp) -> None:
        found = self._current_link()
        if found and self.view is not None and self.current_timestamp is not None:
            seconds = self.view.outline.timestamps[self.current_timestamp].seconds
            self.report(self.opener(found[0], seconds, self.config.player))

    def report(self: ShownotesApp, result: OpenResult) -> None:
        self.notify(result.message, severity="information" if result.ok else "error", markup=False)

    def on_timestamp_action(self: ShownotesApp, message: TimestampAction) -> None:
        self.choose_timestamp(message.index)
        {"copy": self.action_copy_link, "markdown": self.action_copy_markdown, "open": self.action_open_link}[
            message.action
        ]()

    # -- bookmarks ----------------------------------------------------------------------

    def action_bookmark(self: ShownotesApp) -> None:
        view = self.view
        if view is None:
            return
        note, index = view.note, self.current_timestamp
        if index is not None and self.reader.is_visible(self.reader.line_of_timestamp(index)):
            stamp = view.outline.timestamps[index]
            bookmark = Bookmark(
                note.video_id, stamp.seconds, note.title, note.rel, stamp.context[:160], time.time(), stamp.section
            )
        else:
            section, _offset = self.reader.position()
            title = next((s.title for s in view.outline.sections if s.index == section), "")
            bookmark = Bookmark(note.video_id, None, note.title, note.rel, title, time.time(), section)
        added = self.state.add_bookmark(bookmark)
        self.save()
        self.notify(describe(bookmark), title="Bookmarked" if added else "Already bookmarked", markup=False)

    def open_bookmark(self: ShownotesApp, bookmark: Bookmark) -> None:
        note = find_note(self.library, bookmark)
        if note is None:
            self.notify(f"{describe(bookmark)}: not in this library", severity="warning", markup=False)
            return
        if bookmark.seconds is not None:
            self.open_note(note.rel, section=bookmark.section, seconds=bookmark.seconds)
        else:
            self.open_note(note.rel, section=bookmark.section)

    def remove_bookmark(self: ShownotesApp, bookmark: Bookmark) -> None:
        self.state.remove_bookmark(bookmark)
        self.save()
        self.notify(describe(bookmark), title="Bookmark removed", markup=False)

    # -- links in the reader ------------------------------------------------------------

    def on_link_activated(self: ShownotesApp, message: LinkActivated) -> None:
        view = self.view
        if view is None:
            return
        if message.kind == "ts":
            self.choose_timestamp(int(message.key))
        elif message.kind == "note":
            self.open_note(str(message.key))
        elif message.kind == "wiki":
            index = int(message.key)
            link, target = view.outline.links[index], view.targets[index]
            if target is None:
                self.notify(f"[[{link.target}]] is not in this library", severity="warning", markup=False)
                return
            if target is not view.note:
                self.open_note(target.rel)
            self._follow_heading(link.heading)
        elif message.kind == "url":
            url = str(message.key)
            self.report(refusal(url) or self.opener(url, 0, None))  # refused before any opener sees it

    def _follow_heading(self: ShownotesApp, heading: str | None) -> None:
        if heading and self.view is not None:
            for section in self.view.outline.sections:
                if section.title.lower() == heading.lower():
                    self.go_to_section(section.index)
                    return

    # -- search -------------------------------------------------------------------------

    def action_search(self: ShownotesApp) -> None:
        if self.index is None:
            status = "The index is being prepared; results will appear as it fills."
        elif not self.index_ready:
            status = "Indexing…: results so far."
        else:
            status = ""
        from .screens.search import SearchScreen  # its widgets load on first use, not at startup

        self.push_screen(SearchScreen(self.index, status))

    def on_hit_action(self: ShownotesApp, message: HitAction) -> None:
        hit: Hit = message.hit  # type: ignore[assignment]
        if message.action == "open_note":
            self.open_note(hit.rel, section=hit.section, seconds=hit.seconds)
            return
        url = hit.link or deep_link(hit.video_id, 0)
        if url is None:
            self.notify(f"{hit.title} has no valid videoId, so no deep link", severity="warning", markup=False)
        elif message.action == "copy":
            self.copy_text(url)
        else:
            self.report(self.opener(url, hit.seconds or 0, self.config.player))

    # -- moving around ------------------------------------------------------------------

    def action_focus_timestamps(self: ShownotesApp) -> None:
        # Focus at once (Widget.focus waits a turn), so keys typed right after `t` reach the panel.
        self.screen.set_focus(self.panel)

    def action_next_note(self: ShownotesApp, step: int) -> None:
        # While a heavy note loads there is no view yet: step from the note asked for.
        current = self.view.note if self.view is not None else self.library.note(self._requested or "")
        if current is None:
            return
        target = self.library.neighbour(current, step)
        if target is not None:
            self.open_note(target.rel)
        else:
            self.notify("No more notes that way", severity="information")

    def action_back(self: ShownotesApp) -> None:
        self._travel(self.history.back)

    def action_forward(self: ShownotesApp) -> None:
        self._travel(self.history.forward)

    def _travel(self: ShownotesApp, move) -> None:  # noqa: ANN001 - History.back or History.forward
        self.remember_position()
        entry = move()
        if entry is None:
            self.notify("No more history that way", severity="information")
            return
        self.open_note(entry.rel, position=self.history.position(entry.rel), record=False)

    def action_help(self: ShownotesApp) -> None:
        focused = self.focused
        name = getattr(focused, "PANE_NAME", type(focused).__name__) if focused else "shownotes"
        intro = getattr(focused, "HELP", "") or "Keys that work here and everywhere."
        from .screens.help import HelpScreen, binding_rows

        self.push_screen(HelpScreen(f"Help — {name}", intro, binding_rows(self, self.screen.active_bindings)))
