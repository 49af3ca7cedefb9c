"""Watch along: the one live player (mpv over its JSON IPC), driven from the notes and followed back.

Owns the player and its background work: calls that wait on mpv run on worker threads, and what mpv
reports arrives on its reader thread; both become messages for the app, never direct calls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..core.player import (
    DurationChanged,
    FileLoaded,
    LoadFailed,
    MediaFinder,
    PauseChanged,
    Player,
    PlayerEvent,
    PlayerGone,
    Reply,
    TimeChanged,
    current_moment,
)
from ..core.timecode import deep_link, format_time, video_link
from .messages import PlayerReport, PlayerResult

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from ..core.notes.outline import Timestamp

FOLLOW_PAUSE_SECONDS = 5.0  # after a move by hand, following waits this long before it takes the reader again


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
    def __init__(self, command: str | None, media: Sequence[str], quit_on_exit: bool = False) -> None:
        self._quit_on_exit = quit_on_exit
        self._node: DOMNode | None = None  # what reports go to, and what runs the workers
        self.player = Player(command, on_event=self._report)
        self.finder = MediaFinder(list(media))
        self.playing = Playing()
        self.follow = Follow()

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

    def take(self, event: PlayerEvent) -> bool:
        """On the UI thread: what a report changes of `playing`; whether the status line changes."""
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


def _said(reply: Reply) -> PlayerResult:
    return PlayerResult(reply.ok, "" if reply.ok else f"the player said: {reply.error}")
