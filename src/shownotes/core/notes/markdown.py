"""The one markdown-it-py configuration, shared by the renderer, the indexer and the CLI."""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .plugins import notes_plugin


@functools.lru_cache(maxsize=1)
def make_parser() -> MarkdownIt:
    """CommonMark with raw HTML, GFM tables and strikethrough, and the episode-note plugins."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 40})
    md.enable(["table", "strikethrough"])
    md.use(notes_plugin)
    return md


# A `<br>` alone on a line would open a CommonMark HTML block that swallows the Markdown below it
# (real notes put one before callouts); as a blank line it keeps its meaning and line numbers.
_LONE_BREAK = re.compile(r"^[ \t]{0,3}<br\s*/?>[ \t]*$", re.MULTILINE | re.IGNORECASE)


def parse(text: str) -> tuple[list[Token], list[str]]:
    """Tokens of a note body and the warnings the plugins raised while reading it."""
    env: dict = {"warnings": []}
    if "<br" in text or "<BR" in text:
        text = _LONE_BREAK.sub("", text)
    tokens = make_parser().parse(text, env)
    return tokens, env["warnings"]
