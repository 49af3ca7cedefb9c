"""Rendering a parsed note for a terminal: blocks, layouts per width, and the styles they use."""

from .layout import Document, Layout, LinkSpan
from .palette import DEFAULT_PALETTE, Palette

__all__ = ["DEFAULT_PALETTE", "Document", "Layout", "LinkSpan", "Palette"]
