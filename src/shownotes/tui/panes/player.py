"""The player's pane under the sidebar: what the linked player is doing, and what its reports mean
for the note shown (the timestamp playing, a sibling note that covers the time, the player gone)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.widgets import Static

from ...core.library import Library
from ...core.player.timeline import of_notes
from ...render.view import NoteView
from .. import messages as msg

if TYPE_CHECKING:
    from ..watching import WatchAlong


class PlayerPane(Static):
    """`▶ 00:12:45 / 01:32:10` and the video's title while a player is linked; nothing otherwise."""

    def __init__(self, watching: WatchAlong | None, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.watching = watching
        self._view: NoteView | None = None
        self._library: Library | None = None
        self._shown = ""
        self.display = False

    def on_mount(self) -> None:
        if self.watching is not None:
            self.watching.bind(self)

    def on_unmount(self) -> None:
        if self.watching is not None:
            self.watching.close()

    def _tell(self, text: str, severity: SeverityLevel = "warning") -> None:
        self.post_message(msg.Notice(text, severity))

    def _refresh_status(self) -> None:
        """Only when the text changes: the player reports its time several times a second."""
        status = self.watching.status() if self.watching is not None else ""
        if status != self._shown:
            self._shown = status
            self.display = bool(status)
            self.update(Content(status))

    # -- what the desk asks ------------------------------------------------------------

    def play(self, video_id: str | None, seconds: int, title: str) -> bool:
        """Play a moment in the live player; False when there is none (the opener does it then)."""
        if self.watching is None:
            return False
        if video_id is None:
            self._tell(f"{title} has no valid videoId, so nothing to play")
        else:
            self.watching.play(video_id, seconds, title)
            self._refresh_status()
        return True

    def note_shown(self, view: NoteView, library: Library) -> None:
        """A note is on screen: follow its timestamps, and work out its episode's timeline off the UI thread."""
        if self.watching is None:
            return
        self._view, self._library = view, library
        self.watching.follow.note_shown(view.outline.timestamps)
        self.watching.timeline = ()
        episode = library.episode_of(view.note)
        if episode is not None and len(episode.notes) > 1:
            notes, rel = tuple(episode.notes), view.note.rel
            post = self.post_message
            self.run_worker(lambda: post(msg.EpisodeTimeline(rel, of_notes(notes))), thread=True, group="timeline", exclusive=True)

    def moved_by_hand(self) -> None:
        if self.watching is not None and self.watching.playing.linked:
            self.watching.follow.moved_by_hand()
            self._refresh_status()

    def _linked(self) -> WatchAlong | None:
        if self.watching is None:
            self._tell('no live player: set player = "mpv" in the config')
            return None
        if not self.watching.playing.linked:
            self._tell("no player is linked: o on a timestamp starts one")
            return None
        return self.watching

    def toggle_play(self) -> None:
        if (watching := self._linked()) is not None:
            watching.toggle_pause()

    def skip(self, seconds: int) -> None:
        if (watching := self._linked()) is not None:
            watching.skip(seconds)

    def toggle_follow(self) -> None:
        if (watching := self._linked()) is not None:
            watching.follow.enabled = not watching.follow.enabled
            watching.follow.resume()
            watching.follow.forget()
            self._refresh_status()

    def playing_note(self) -> tuple[str, int] | None:
        """The sibling note offered for the playing time, and that second."""
        watching = self._linked()
        if watching is None or watching.offered is None or watching.playing.seconds is None:
            return None
        return watching.offered, int(watching.playing.seconds)

    def moment(self) -> int | None:
        """The second the linked player is at, when it plays the shown note's video."""
        watching, view = self.watching, self._view
        if watching is None or view is None or not watching.playing.linked or watching.playing.seconds is None:
            return None
        return int(watching.playing.seconds) if watching.playing.video_id == view.note.video_id else None

    # -- what the player says ------------------------------------------------------------

    @on(msg.EpisodeTimeline)
    def _timeline(self, message: msg.EpisodeTimeline) -> None:
        message.stop()
        if self.watching is not None and self._view is not None and self._view.note.rel == message.rel:
            self.watching.timeline = message.moments

    @on(msg.PlayerReport)
    def _report(self, message: msg.PlayerReport) -> None:
        message.stop()
        if self.watching is None:
            return
        view = self._view
        reaction = self.watching.react(message.event, view)
        if reaction.follow_to is not None and view is not None:
            self.post_message(msg.FollowTo(view.note.rel, reaction.follow_to))
        if reaction.offer is not None:
            note = self._library.note(reaction.offer) if self._library is not None else None
            title = note.title if note is not None else reaction.offer
            self._tell(f"the video is now at «{title}», another note of this episode: O opens it", "information")
        if reaction.notice is not None:
            self._tell(reaction.notice, "error")
        self._refresh_status()

    @on(msg.PlayerResult)
    def _result(self, message: msg.PlayerResult) -> None:
        message.stop()
        if message.fallback is not None:
            self._tell(f"{message.message}; opening the browser instead", "error")
            self.post_message(msg.WebLinkFollowed(message.fallback))
        elif not message.ok:
            self._tell(message.message, "error")
        self._refresh_status()
