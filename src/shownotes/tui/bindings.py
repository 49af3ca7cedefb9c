"""The keys that work from every pane (each pane adds its own); help and the README's key table are
built from these."""

from __future__ import annotations

from textual.binding import Binding

from .editor import EDITOR_BINDINGS
from .layout import LAYOUT_BINDINGS

APP_BINDINGS = [
    Binding("q", "quit", "Quit"),
    Binding("question_mark,f1", "help", "Help"),
    Binding("slash", "search", "Search"),
    Binding("full_stop", "search_hit(1)", "Next search hit", show=False),
    Binding("comma", "search_hit(-1)", "Previous search hit", show=False),
    Binding("ctrl+f", "find", "Find in the note", show=False),
    Binding("t", "focus_timestamps", "Timestamps"),
    Binding("c", "copy_link", "Copy link"),
    Binding("C", "copy_link(True)", "Copy as Markdown", show=False),
    Binding("o", "open_link", "Open video"),
    Binding("m", "bookmark", "Bookmark"),
    Binding("n", "next_note(1)", "Next note", show=False),
    Binding("p", "next_note(-1)", "Previous note", show=False),
    Binding("backspace,alt+left", "back", "Back", show=False),
    Binding("alt+right", "forward", "Forward", show=False),
    *LAYOUT_BINDINGS,
    *EDITOR_BINDINGS,
]
