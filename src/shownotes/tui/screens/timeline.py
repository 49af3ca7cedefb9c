"""The episode's timeline: every moment of every note about one video, in time order."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.library.grouping import Episode
from ...core.places import AtTimestamp, OpenRequest
from ...core.player.timeline import Moment, of_notes
from ...core.timecode import format_time
from ..messages import OpenNote


@dataclass
class Moments(Message):
    moments: tuple[Moment, ...]


class TimelineList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]
    PANE_NAME = "Timeline"
    HELP = "Every moment of the episode's notes in time order. Enter opens that note at that moment."


class TimelineScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "dismiss", "Close")]
    PANE_NAME = "Timeline"

    def __init__(self, episode: Episode, rel: str, current: int | None = None) -> None:
        super().__init__()
        self.episode, self.rel, self.current = episode, rel, current  # the open note and its current timestamp
        self.moments: list[Moment] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box") as box:
            box.border_title = f"Episode timeline: {self.episode.title}"
            box.border_subtitle = "Reading its notes…"
            yield TimelineList(id="timeline")

    def on_mount(self) -> None:
        self.query_one(TimelineList).focus()
        notes = tuple(self.episode.notes)
        self.run_worker(lambda: self.post_message(Moments(of_notes(notes))), thread=True, exclusive=True)

    @on(Moments)
    def _read(self, message: Moments) -> None:
        self.moments = list(message.moments)
        timeline = self.query_one(TimelineList)
        timeline.add_options([Option(_label(moment), id=str(n)) for n, moment in enumerate(self.moments)])
        notes = len({moment.note for moment in self.moments})
        box = self.query_one("#timeline-box")
        box.border_subtitle = f"{len(self.moments)} moments in {notes} notes · Enter open · Esc close"
        here = next((n for n, m in enumerate(self.moments) if m.note == self.rel and m.index == self.current), 0)
        if self.moments:
            timeline.highlighted = here

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        moment = self.moments[event.option_index]
        self.app.post_message(OpenNote(OpenRequest(moment.note, AtTimestamp(moment.index))))
        self.dismiss()


def _label(moment: Moment) -> Text:
    label = Text(f"▶ {format_time(moment.seconds)}  ", style="bold")
    label.append(moment.title, style="bold")
    if moment.section:
        label.append(f"  › {moment.section}", style="italic")
    label.append(f"\n    {moment.context}", style="dim")
    return label
