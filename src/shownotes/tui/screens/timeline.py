"""The episode's timeline: every moment of every note about one video, in time order."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ...core.places import AtTimestamp, OpenRequest
from ...core.player import Moment
from ...core.timecode import format_time
from ..messages import OpenNote


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

    def __init__(self, title: str, moments: Sequence[Moment], current: int | None = None) -> None:
        super().__init__()
        self.episode, self.moments, self.current = title, list(moments), current

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box") as box:
            notes = len({moment.note for moment in self.moments})
            box.border_title = f"Episode timeline: {self.episode}"
            box.border_subtitle = f"{len(self.moments)} moments in {notes} notes · Enter open · Esc close"
            yield TimelineList(*(Option(_label(moment), id=str(n)) for n, moment in enumerate(self.moments)), id="timeline")

    def on_mount(self) -> None:
        timeline = self.query_one(TimelineList)
        timeline.focus()
        if self.moments:
            timeline.highlighted = self.current if self.current is not None else 0

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
