"""The renderer's palette derived from the current Textual theme."""

from __future__ import annotations

from rich.style import Style
from textual.color import Color, ColorParseError
from textual.theme import Theme

from ..render.palette import Palette

_KEYS = (
    "foreground", "background", "surface", "primary", "accent", "foreground-muted", "text-primary",
    "text-secondary", "text-accent", "text-success", "text-error", "text-warning",
)  # fmt: skip


def _colors(theme: Theme) -> dict[str, str]:
    variables = theme.to_color_system().generate()
    background = Color.parse(variables.get("background", "#000000"))
    out: dict[str, str] = {}
    for key in _KEYS:
        value = variables.get(key, "")
        if not value.startswith(("#", "rgb", "hsl", "ansi")):
            continue  # "auto 87%" and the like are not colours; parsing them would only fail
        try:
            out[key] = (background + Color.parse(value)).hex6
        except ColorParseError:
            continue
    return out


def palette_for(theme: Theme) -> Palette:
    c = _colors(theme)
    fg = c.get("foreground", "#e0e0e0")

    def get(key: str) -> str:
        return c.get(key, fg)

    return Palette(
        name=theme.name,
        h1=Style(bold=True, color=get("text-primary")),
        h2=Style(bold=True, color=get("text-primary")),
        h3=Style(bold=True, color=fg),
        h4=Style(bold=True, italic=True, color=get("foreground-muted")),
        rule=Style(color=get("foreground-muted")),
        code=Style(color=get("text-secondary"), bgcolor=get("surface")),
        code_theme="monokai" if theme.dark else "friendly",
        link=Style(color=get("text-primary"), underline=True),
        link_unsafe=Style(color=get("foreground-muted"), strike=True),
        wiki=Style(color=get("text-success"), underline=True),
        wiki_missing=Style(color=get("text-error"), italic=True),
        timestamp=Style(color=get("text-accent"), bold=True),
        selected=Style(color=get("background"), bgcolor=get("accent"), bold=True),
        cursor=Style(color=get("background"), bgcolor=get("primary"), bold=True, underline=True),
        found=Style(color=get("background"), bgcolor=get("text-warning")),
        found_current=Style(color=get("background"), bgcolor=get("text-error"), bold=True, underline=True),
        quote=Style(color=get("foreground-muted"), italic=True),
        quote_bar=Style(color=get("primary")),
        bullet=Style(color=get("text-primary"), bold=True),
        table_border=Style(color=get("foreground-muted")),
        table_header=Style(bold=True, color=get("text-primary")),
        callout={
            "default": Style(color=get("text-primary"), bold=True),
            "warning": Style(color=get("text-warning"), bold=True),
            "danger": Style(color=get("text-error"), bold=True),
            "success": Style(color=get("text-success"), bold=True),
            "question": Style(color=get("text-secondary"), bold=True),
            "quote": Style(color=get("foreground-muted"), bold=True),
        },
    )
