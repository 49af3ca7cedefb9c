"""Status lines under the sidebar: the index (progress, then what it holds) and the linked player."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static


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


class PlayerStatus(Static):
    """`▶ 00:12:45 / 01:32:10` and the video's title while a player is linked; nothing otherwise."""

    def show(self, status: str, title: str, follow: str) -> None:
        self.display = bool(status)
        if status:
            self.update(Content(f"{status}  {follow}".rstrip() + f"\n{title}"))
