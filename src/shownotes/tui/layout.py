"""The layout keys: hide or show the sidebar and the Timestamps pane, zen (the reader alone), the
sidebar's width. What they choose is kept in the state file (core.layout) and shown through CSS classes."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App

from ..core.layout import SIDEBAR_STEP, PaneLayout
from ..core.session import Session
from .desk import Desk
from .named import named

LAYOUT_BINDINGS = [
    named("S,ctrl+b", "toggle_pane('sidebar')", "Sidebar"),
    named("T,ctrl+t", "toggle_pane('timestamps')", "Timestamps pane", show=False),
    named("z", "zen", "Zen"),
    named("left_curly_bracket", f"sidebar_width({-SIDEBAR_STEP})", "Narrower sidebar", show=False),
    named("right_curly_bracket", f"sidebar_width({SIDEBAR_STEP})", "Wider sidebar", show=False),
]


class Layouts:
    """Owns the layout the panes are shown in: applies it (CSS classes, the sidebar's width, the
    reader's measure), keeps it in the session, and answers the layout keys."""

    def __init__(self, app: App, session: Session, save: Callable[[], None], max_width: Callable[[], int]) -> None:
        self.app, self.session, self.save, self.max_width = app, session, save, max_width

    def apply(self, layout: PaneLayout | None = None) -> None:
        """Show `layout` (the session's when None), keep it for the next run, and keep the reader's measure."""
        if layout is not None:
            self.session.set_layout(layout)
            self.save()
        layout, app = self.session.layout, self.app
        desk = app.query_one(Desk)
        desk.set_class(not layout.shows_sidebar, "-no-sidebar")
        desk.set_class(not layout.shows_timestamps, "-no-timestamps")
        app.screen_stack[0].set_class(layout.zen, "-zen")
        desk.query_one("#side").styles.width = layout.sidebar_width
        desk.reader.measure = self.max_width()
        focused = app.focused
        if (focused is desk.sidebar and not layout.shows_sidebar) or (focused is desk.panel and not layout.shows_timestamps):
            app.screen.set_focus(desk.reader)

    def toggle(self, pane: str) -> None:
        self.apply(self.session.layout.toggled(pane))

    def show(self, pane: str) -> None:
        """Make sure `pane` is on screen (a key that focuses it brings it back)."""
        layout = self.session.layout
        if layout.showing(pane) != layout:
            self.apply(layout.showing(pane))

    def zen(self) -> None:
        self.apply(self.session.layout.zen_toggled())

    def widen(self, step: int) -> None:
        layout = self.session.layout
        if not layout.shows_sidebar:  # a hidden sidebar comes back as wide as it was first
            self.apply(layout.showing("sidebar"))
            return
        current = layout.sidebar_width or self.app.query_one(Desk).query_one("#side").outer_size.width  # lags a key
        self.apply(layout.widened(step, current, self.app.size.width))
