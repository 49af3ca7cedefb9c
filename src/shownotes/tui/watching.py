"""Watch along: the one live player (mpv over its JSON IPC), driven from the notes and followed back.

Owns the player and its background work: calls that wait on mpv run on worker threads, and what mpv
reports arrives on its reader thread; both become messages for the app, never direct calls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.player.events import DurationChanged, FileLoaded, LoadFailed, PauseChanged, PlayerEvent, PlayerGone, TimeChanged
from ..core.player.ipc import Reply
from ..core.player.media import MediaFinder
from ..core.player.mpv import Player
from ..core.player.timeline import Moment, covering, current_moment
from ..core.timecode import deep_link, format_time, video_link
from .messages import PlayerReport, PlayerResult

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..core.config import Config
    from ..core.notes.outline import Timestamp
    from ..render.view import NoteView

FOLLOW_PAUSE_SECONDS = 5.0  # after a move by hand, following waits this long before it takes the reader again


@dataclass(frozen=True)
class Reaction:
    follow_to: int | None = None  # the timestamp to show as playing
    offer: str | None = None  # a sibling note that covers the playing time
    notice: str | None = None


@dataclass
class Playing:
    """What the linked player is doing, as far as its reports tell."""

    linked: bool = False
    seconds: float | None = None
    duration: float | None = None
    paused: bool = False
    video_id: str | None = None
    title: str = ""

    def status(self) -> str:
        if not self.linked:
            return ""
        mark = "⏸" if self.paused else "▶"
        at = format_time(int(self.seconds)) if self.seconds is not None else "--:--:--"
        total = f" / {format_time(int(self.duration))}" if self.duration else ""
        return f"{mark} {at}{total}"


class Follow:
    """Which timestamp of the shown note the playing time is at, told only when it changes; paused for a
    while after the reader is moved by hand."""

    def __init__(self) -> None:
        self.enabled = True
        self._seconds: list[int] = []
        self._indexes: list[int] = []
        self._current: int | None = None
        self._paused_until = 0.0

    def note_shown(self, stamps: Sequence[Timestamp]) -> None:
        ordered = sorted(stamps, key=lambda stamp: (stamp.seconds, stamp.index))
        self._seconds = [stamp.seconds for stamp in ordered]
        self._indexes = [stamp.index for stamp in ordered]
        self._current = None

    def moved_by_hand(self, now: float | None = None) -> None:
        self._paused_until = (now if now is not None else time.monotonic()) + FOLLOW_PAUSE_SECONDS

    def paused(self, now: float | None = None) -> bool:
        return (now if now is not None else time.monotonic()) < self._paused_until

    def resume(self) -> None:
        self._paused_until = 0.0

    def last_seconds(self) -> int | None:
        return self._seconds[-1] if self._seconds else None

    def at(self, playing: float | None, now: float | None = None) -> int | None:
        """The timestamp (index in the note) to follow to, when it differs from the last one; else None."""
        if not self.enabled or self.paused(now):
            return None
        position = current_moment(self._seconds, playing)
        index = self._indexes[position] if position is not None else None
        if index is None or index == self._current:
            return None
        self._current = index
        return index

    def forget(self) -> None:
        """The next report follows again even to the same timestamp (the note was shown anew)."""
        self._current = None


class WatchAlong:
    def __init__(
        self, command: str | None, media: Sequence[str], quit_on_exit: bool = False, runtime_dir: Path | None = None
    ) -> None:
        self._quit_on_exit = quit_on_exit
        self._node: DOMNode | None = None  # what reports go to, and what runs the workers
        self.player = Player(command, on_event=self._report, runtime_dir=runtime_dir)
        self.finder = MediaFinder(list(media))
        self.playing = Playing()
        self.follow = Follow()
        self.timeline: tuple[Moment, ...] = ()  # the episode of the note shown, every moment of its notes
        self.offered: str | None = None  # the sibling note offered last

    def bind(self, node: DOMNode) -> None:
        self._node = node

    def _report(self, event: PlayerEvent) -> None:
        """On mpv's reader thread: what it said, for the app (post_message is thread-safe)."""
        if self._node is None:
            return
        try:
            self._node.post_message(PlayerReport(event))
        except RuntimeError:  # the app's loop has closed
            pass

    def status(self) -> str:
        """The status line: `▶ 00:12:45 / 01:32:10`, whether following is off or paused, the title."""
        if not self.playing.linked:
            return ""
        follow = "follow off" if not self.follow.enabled else "follow paused" if self.follow.paused() else ""
        return f"{self.playing.status()}  {follow}".rstrip() + f"\n{self.playing.title}"

    def react(self, event: PlayerEvent, view: NoteView | None) -> Reaction:
        """On the UI thread: what a report means for the note shown."""
        self.take(event)
        match event:
            case TimeChanged(seconds=seconds) if view is not None and view.note.video_id == self.playing.video_id:
                return Reaction(follow_to=self.follow.at(seconds), offer=self._offer(view, seconds))
            case LoadFailed(message=message, media=media):
                shown = media or "the video"
                return Reaction(notice=f"the player could not play {shown}: {message}; B opens it in the browser")
            case PlayerGone(reason=reason, message=message):
                closed = "the player has closed" if reason == "quit" else f"the player went away ({message or reason})"
                return Reaction(notice=f"{closed}; o starts a new one")
        return Reaction()

    def _offer(self, view: NoteView, seconds: float | None) -> str | None:
        """Past this note's last moment: the sibling note that covers the playing time, once."""
        last = self.follow.last_seconds()
        if seconds is None or last is None or seconds <= last or not self.timeline:
            return None
        rel = covering(self.timeline, seconds, view.note.rel)
        if rel is None or rel == view.note.rel or rel == self.offered:
            return None
        self.offered = rel
        return rel

    def take(self, event: PlayerEvent) -> bool:
        """What a report changes of `playing`; whether the status line changes."""
        before = self.playing.status()
        match event:
            case TimeChanged(seconds=seconds):
                self.playing.seconds = seconds
            case PauseChanged(paused=paused):
                self.playing.paused = paused
            case DurationChanged(seconds=seconds):
                self.playing.duration = seconds
            case FileLoaded():
                self.playing.linked = True
            case PlayerGone() | LoadFailed():
                self.playing.linked = isinstance(event, LoadFailed) and self.player.running()
        return self.playing.status() != before

    def media_for(self, video_id: str) -> str | None:
        """A local file named with the video's id, else its YouTube URL (bare: `&t=` would override the start)."""
        local = self.finder.find(video_id)
        return str(local) if local is not None else video_link(video_id)

    def play(self, video_id: str, seconds: int, title: str) -> None:
        """Play the video at `seconds` in the one player (started, sought or loaded as needed)."""
        media = self.media_for(video_id)
        if media is None:
            return
        self.playing.video_id, self.playing.title = video_id, title
        self.follow.resume()
        fallback = deep_link(video_id, seconds)

        def play() -> PlayerResult:
            result = self.player.play(media, seconds, video_id)
            return PlayerResult(result.ok, result.message, None if result.ok else fallback, seconds)

        self._run(play)

    def toggle_pause(self) -> None:
        self._run(lambda: _said(self.player.toggle_pause()))

    def skip(self, seconds: float) -> None:
        self._run(lambda: _said(self.player.seek_relative(seconds)))

    def _run(self, call: Callable[[], PlayerResult]) -> None:
        """Calls that wait on mpv run on a worker thread; their result comes back as a message."""
        node = self._node
        if node is not None:
            node.run_worker(lambda: node.post_message(call()), name="player", group="player", thread=True, exit_on_error=False)

    def close(self) -> None:
        self.player.close(kill=self._quit_on_exit)


def live_player(config: Config) -> WatchAlong:
    return WatchAlong(config.player, config.media, config.quit_player_on_exit)


def _said(reply: Reply) -> PlayerResult:
    return PlayerResult(reply.ok, "" if reply.ok else f"the player said: {reply.error}")
