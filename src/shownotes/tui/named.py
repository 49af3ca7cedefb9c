"""Bindings the user may give other keys in the config's `[keys]` table (tui.keymap applies them)."""

from __future__ import annotations

from textual.binding import Binding

from ..core.keymap import action_name


def named(keys: str, action: str, description: str, **options) -> Binding:
    """A binding whose id is the name `[keys]` knows it by: its description in snake case."""
    return Binding(keys, action, description, id=action_name(description), **options)
