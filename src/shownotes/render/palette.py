"""The styles a rendered note uses; the app derives them from its theme, the CLI uses the default."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style

CALLOUT_ICONS = {
    "note": "✎",
    "info": "ℹ",
    "tip": "✦",
    "hint": "✦",
    "important": "❢",
    "warning": "⚠",
    "caution": "⚠",
    "attention": "⚠",
    "danger": "⚡",
    "error": "⚡",
    "bug": "✗",
    "example": "❖",
    "quote": "❝",
    "cite": "❝",
    "question": "?",
    "faq": "?",
    "help": "?",
    "success": "✓",
    "check": "✓",
    "done": "✓",
    "failure": "✗",
    "fail": "✗",
    "missing": "✗",
    "abstract": "≡",
    "summary": "≡",
    "tldr": "≡",
    "todo": "☐",
}


@dataclass(frozen=True)
class Palette:
    name: str = "default"
    text: Style = field(default_factory=Style)
    h1: Style = Style(bold=True, color="bright_white")
    h2: Style = Style(bold=True, color="bright_cyan")
    h3: Style = Style(bold=True, color="cyan")
    h4: Style = Style(bold=True, italic=True)
    rule: Style = Style(color="grey50")
    strong: Style = Style(bold=True)
    em: Style = Style(italic=True)
    strike: Style = Style(strike=True)
    underline: Style = Style(underline=True)
    mark: Style = Style(reverse=True)
    kbd: Style = Style(bold=True, reverse=True)
    math: Style = Style(italic=True)
    code: Style = Style(color="bright_magenta", bgcolor="grey15")
    code_theme: str = "monokai"
    link: Style = Style(color="bright_blue", underline=True)
    link_unsafe: Style = Style(color="grey50", strike=True)
    wiki: Style = Style(color="bright_green", underline=True)
    wiki_missing: Style = Style(color="red", italic=True, underline=False, dim=True)
    timestamp: Style = Style(color="bright_yellow", bold=True)
    selected: Style = Style(reverse=True, bold=True)
    cursor: Style = Style(underline=True, bold=True, reverse=True)
    found: Style = Style(color="black", bgcolor="yellow")
    found_current: Style = Style(color="black", bgcolor="bright_magenta", bold=True, underline=True)
    quote: Style = Style(color="grey70", italic=True)
    quote_bar: Style = Style(color="grey50")
    bullet: Style = Style(color="cyan", bold=True)
    table_border: Style = Style(color="grey50")
    table_header: Style = Style(bold=True)
    callout: dict[str, Style] = field(
        default_factory=lambda: {
            "default": Style(color="bright_blue", bold=True),
            "warning": Style(color="yellow", bold=True),
            "danger": Style(color="red", bold=True),
            "success": Style(color="green", bold=True),
            "question": Style(color="magenta", bold=True),
            "quote": Style(color="grey70", bold=True),
        }
    )

    def heading(self, level: int) -> Style:
        return (self.h1, self.h2, self.h3)[level - 1] if level <= 3 else self.h4

    def callout_style(self, kind: str) -> Style:
        family = {
            "warning": "warning",
            "caution": "warning",
            "attention": "warning",
            "danger": "danger",
            "error": "danger",
            "bug": "danger",
            "failure": "danger",
            "fail": "danger",
            "missing": "danger",
            "success": "success",
            "check": "success",
            "done": "success",
            "question": "question",
            "faq": "question",
            "help": "question",
            "quote": "quote",
            "cite": "quote",
        }.get(kind, "default")
        return self.callout[family]


DEFAULT_PALETTE = Palette()
