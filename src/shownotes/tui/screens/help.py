"""The help screen: built from the bindings active where help was asked for, never a fixed table."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


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


def binding_rows(app, bindings) -> list[tuple[str, str, str]]:
    """(pane, key, description) for every described binding, the focused pane's first."""
    rows: list[tuple[str, str, str]] = []
    seen: set[tuple[str, str]] = set()
    for active in bindings.values():
        binding: Binding = active.binding
        if not binding.description:
            continue
        node = active.node
        where = "Everywhere" if node is app or node is app.screen else getattr(node, "PANE_NAME", type(node).__name__)
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


def key_table_markdown() -> str:
    """The README's key table, made from the panes' BINDINGS (a test keeps the README in step)."""
    from ..app import ShownotesApp
    from ..panes.reader import Reader
    from .search import HitList, SearchScreen
    from ..panes.sidebar import Sidebar
    from ..panes.timestamps import TimestampPanel

    from textual.screen import Screen

    panes = [
        ("Everywhere", ShownotesApp),
        ("Everywhere", Screen),
        ("Reader", Reader),
        ("Timestamps", TimestampPanel),
        ("Library (sidebar)", Sidebar),
        ("Search", SearchScreen),
        ("Search results", HitList),
    ]
    lines = ["| Where | Keys | Action |", "| --- | --- | --- |"]
    palette = ShownotesApp.COMMAND_PALETTE_BINDING
    lines.append(f"| Everywhere | `{palette}` | Command palette: go to a note, a section, a bookmark; copy a timestamp; themes |")
    from textual.containers import ScrollableContainer
    from textual.scroll_view import ScrollView
    from textual.widget import Widget

    generic = {ScrollableContainer, ScrollView, Widget}  # plain scrolling keys, listed once for the reader
    for where, pane in panes:
        seen: set[str] = set()
        for cls in pane.__mro__:  # the pane's own bindings first, then what Textual gives it
            if cls in generic or (cls is Screen and pane is not Screen):
                continue
            for binding in getattr(cls, "BINDINGS", []):
                if isinstance(binding, tuple) or not binding.description or binding.key in seen:
                    continue
                seen.add(binding.key)
                keys = " / ".join(f"`{_key_name(key)}`" for key in binding.key.split(","))
                lines.append(f"| {where} | {keys} | {binding.description} |")
    return "\n".join(lines)


def _key_name(key: str) -> str:
    names = {"question_mark": "?", "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]"}
    return names.get(key.strip(), key.strip())
