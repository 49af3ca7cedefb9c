"""The keys that work from every pane (each pane adds its own); help and the README's key table are
built from these."""

from __future__ import annotations

from .editor import EDITOR_BINDINGS
from .layout import LAYOUT_BINDINGS
from .named import named

APP_BINDINGS = [
    named("q", "quit", "Quit"),
    named("question_mark,f1", "help", "Help"),
    named("slash", "search", "Search"),
    named("full_stop", "search_hit(1)", "Next search hit", show=False),
    named("comma", "search_hit(-1)", "Previous search hit", show=False),
    named("ctrl+f", "find", "Find in the note", show=False),
    named("t", "focus_timestamps", "Timestamps"),
    named("c", "copy_link", "Copy link"),
    named("C", "copy_link(True)", "Copy as Markdown", show=False),
    named("o", "open_link", "Open video"),
    named("m", "bookmark", "Bookmark"),
    named("n", "next_note(1)", "Next note", show=False),
    named("p", "next_note(-1)", "Previous note", show=False),
    named("backspace,alt+left", "back", "Back", show=False),
    named("alt+right", "forward", "Forward", show=False),
    named("f3", "find_step(1)", "Next match", show=False),
    named("shift+f3", "find_step(-1)", "Previous match", show=False),
    *LAYOUT_BINDINGS,
    *EDITOR_BINDINGS,
]
