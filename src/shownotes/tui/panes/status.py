"""A one-line status under the sidebar: indexing progress, then what the index holds."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class IndexStatus(Horizontal):
    def compose(self) -> ComposeResult:
        yield Label("", id="index-label")
        yield ProgressBar(total=None, show_eta=False, show_percentage=False, id="index-bar")

    def progress(self, label: str, done: int | None = None, total: int | None = None) -> None:
        self.display = True
        self.query_one(Label).update(label)
        bar = self.query_one(ProgressBar)
        bar.display = total is not None
        if total is not None:
            bar.update(total=max(total, 1), progress=done or 0)

    def done(self, label: str) -> None:
        self.query_one(Label).update(label)
        self.query_one(ProgressBar).display = False
