"""The layout keys: hide or show the sidebar and the Timestamps pane, zen (the reader alone), the
sidebar's width. What they choose is kept in the state file (core.layout) and shown through CSS classes."""

from __future__ import annotations

from textual.binding import Binding

from ..core.layout import SIDEBAR_STEP, PaneLayout

LAYOUT_BINDINGS = [
    Binding("S,ctrl+b", "toggle_pane('sidebar')", "Sidebar"),
    Binding("T,ctrl+t", "toggle_pane('timestamps')", "Timestamps pane", show=False),
    Binding("z", "zen", "Zen"),
    Binding("left_curly_bracket", f"sidebar_width({-SIDEBAR_STEP})", "Narrower sidebar", show=False),
    Binding("right_curly_bracket", f"sidebar_width({SIDEBAR_STEP})", "Wider sidebar", show=False),
]


class LayoutActions:
    """The app's layout actions (mixed into ShownotesApp, whose BINDINGS list LAYOUT_BINDINGS; it provides
    session, config, save and the panes)."""

    def apply_layout(self, layout: PaneLayout | None = None) -> None:
        """Show `layout` (the session's when None), keep it for the next run, and keep the reader's measure."""
        if layout is not None:
            self.session.set_layout(layout)
            self.save()
        layout = self.session.layout
        desk = self.desk
        desk.set_class(not layout.shows_sidebar, "-no-sidebar")
        desk.set_class(not layout.shows_timestamps, "-no-timestamps")
        self.screen_stack[0].set_class(layout.zen, "-zen")
        desk.query_one("#side").styles.width = layout.sidebar_width
        self.reader.measure = self.config.max_width
        focused = self.focused
        if (focused is self.sidebar and not layout.shows_sidebar) or (focused is self.panel and not layout.shows_timestamps):
            self.screen.set_focus(self.reader)

    def action_toggle_pane(self, pane: str) -> None:
        self.apply_layout(self.session.layout.toggled(pane))

    def show_pane(self, pane: str) -> None:
        """Make sure `pane` is on screen (a key that focuses it brings it back)."""
        layout = self.session.layout
        if layout.showing(pane) != layout:
            self.apply_layout(layout.showing(pane))

    def action_zen(self) -> None:
        self.apply_layout(self.session.layout.zen_toggled())

    def action_sidebar_width(self, step: int) -> None:
        layout = self.session.layout
        if not layout.shows_sidebar:  # a hidden sidebar comes back as wide as it was first
            self.apply_layout(layout.showing("sidebar"))
            return
        current = layout.sidebar_width or self.desk.query_one("#side").outer_size.width  # the size lags a key
        self.apply_layout(layout.widened(step, current, self.size.width))
