"""Asking once before a link leaves for a host that is not YouTube: the real host, shown plainly."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmLink(ModalScreen[bool]):
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Open it"),
        Binding("n,escape", "answer(False)", "Do not open"),
    ]
    PANE_NAME = "Open a link"

    def __init__(self, host: str, url: str) -> None:
        super().__init__()
        self.host, self.url = host, url

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box") as box:
            box.border_title = "Open a link?"
            box.border_subtitle = "y open · n do not"
            yield Static(Content("This link goes to ").append(Content.styled(self.host, "bold")), id="confirm-host")
            yield Static(Content(self.url[:300]), id="confirm-url")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
