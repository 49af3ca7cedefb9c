"""Which panes the reader shows and how wide the sidebar is: the choice the layout keys make.

Kept in the state file as a small table of names to values (merged key by key with other readers);
a value of the wrong type, or a name this version does not know, is ignored, never an error.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

SIDEBAR_MIN = 16
SIDEBAR_MAX = 80
SIDEBAR_STEP = 4
READER_MIN = 30  # columns the reader keeps beside a widened sidebar


@dataclass(frozen=True)
class PaneLayout:
    sidebar: bool = True
    timestamps: bool = True
    zen: bool = False  # the reader alone: no sidebar, no Timestamps pane, no header or footer
    sidebar_width: int | None = None  # None: the stylesheet's width for the terminal's size

    @classmethod
    def from_table(cls, table: dict[str, object]) -> PaneLayout:
        values: dict[str, object] = {}
        for name in ("sidebar", "timestamps", "zen"):
            if isinstance(table.get(name), bool):
                values[name] = table[name]
        width = table.get("sidebar_width")
        if isinstance(width, int) and not isinstance(width, bool) and SIDEBAR_MIN <= width <= SIDEBAR_MAX:
            values["sidebar_width"] = width
        return cls(**values)

    def to_table(self) -> dict[str, bool | int]:
        """Only what differs from the default: another reader's change to a setting this one left alone
        survives the merge."""
        default = PaneLayout()
        names = ("sidebar", "timestamps", "zen", "sidebar_width")
        return {name: getattr(self, name) for name in names if getattr(self, name) != getattr(default, name)}

    @property
    def shows_sidebar(self) -> bool:
        return self.sidebar and not self.zen

    @property
    def shows_timestamps(self) -> bool:
        return self.timestamps and not self.zen

    def toggled(self, pane: str) -> PaneLayout:
        """Show or hide one pane; from zen, the pane asked for comes back with the others as they were."""
        if self.zen:
            return replace(self, zen=False, **{pane: True})
        return replace(self, **{pane: not getattr(self, pane)})

    def showing(self, pane: str) -> PaneLayout:
        return self if getattr(self, pane) and not self.zen else replace(self, zen=False, **{pane: True})

    def zen_toggled(self) -> PaneLayout:
        return replace(self, zen=not self.zen)

    def widened(self, step: int, current: int, screen_width: int) -> PaneLayout:
        """The sidebar `step` columns wider (narrower when negative) than `current`, within bounds:
        at least SIDEBAR_MIN, at most SIDEBAR_MAX and never leaving the reader under READER_MIN."""
        widest = max(SIDEBAR_MIN, min(SIDEBAR_MAX, screen_width - READER_MIN))
        width = max(SIDEBAR_MIN, min(widest, current + step))
        return replace(self, sidebar=True, zen=False, sidebar_width=width)


def centred_margin(available: int, max_width: int) -> tuple[int, int]:
    """(text width, left margin) for text at most `max_width` wide centred in `available` columns
    (a max_width of 0 is no limit)."""
    if max_width <= 0 or available <= max_width:
        return available, 0
    return max_width, (available - max_width) // 2
