"""The help screen: built from the bindings active where help was asked for, never a fixed table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import ActiveBinding


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close help")]

    def __init__(self, title: str, intro: str, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.help_title, self.intro, self.rows = title, intro, rows

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2, 0, 0), expand=True)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("action")
        group = None
        for where, key, description in self.rows:
            if where != group:
                group = where
                table.add_row(Text(""), Text(where, style="bold underline"))
            table.add_row(Text(key), Text(description))
        with VerticalScroll(id="help-body") as body:
            body.border_title = self.help_title
            body.border_subtitle = "Esc to close"
            yield Static(Text(self.intro, style="italic"), id="help-intro")
            yield Static(table, id="help-keys")


def help_here(app: App) -> HelpScreen:
    """Help for the focused pane: its keys first, then the ones that work everywhere."""
    focused = app.focused
    name = getattr(focused, "PANE_NAME", type(focused).__name__) if focused else "shownotes"
    intro = getattr(focused, "HELP", "") or "Keys that work here and everywhere."
    return HelpScreen(f"Help — {name}", intro, binding_rows(app, app.screen.active_bindings))


def binding_rows(app: App, bindings: Mapping[str, ActiveBinding]) -> list[tuple[str, str, str]]:
    """(pane, key, description) for every described binding, the focused pane's first."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for active in bindings.values():
        binding: Binding = active.binding
        if not binding.description:
            continue
        node = active.node
        where = "Everywhere" if node is app or node is app.screen_stack[0] else getattr(node, "PANE_NAME", type(node).__name__)
        item = (where, binding.description)
        if item in seen:
            rows = [
                (w, f"{k} / {app.get_key_display(binding)}" if (w, d) == item else k, d) for w, k, d in rows
            ]
            continue
        seen.add(item)
        rows.append((where, app.get_key_display(binding), binding.description))
    rows.sort(key=lambda row: row[0] == "Everywhere")
    return rows
