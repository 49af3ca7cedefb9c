"""The one markdown-it-py configuration, shared by the renderer, the indexer and the CLI."""

from __future__ import annotations

import functools

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .plugins import notes_plugin
from .source import prepare
from .stamps import summarise


@functools.lru_cache(maxsize=1)
def make_parser() -> MarkdownIt:
    return configured()


def configured() -> MarkdownIt:
    """A new parser: CommonMark with raw HTML, GFM tables and strikethrough, and the episode-note plugins."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": 40})
    md.enable(["table", "strikethrough"])
    md.use(notes_plugin)
    return md


def parse(text: str) -> tuple[list[Token], list[str]]:
    """Tokens of a note body and the warnings the plugins raised while reading it."""
    env: dict = {"warnings": []}
    tokens = make_parser().parse(prepare(text, env), env)
    summarise(env)
    return tokens, env["warnings"]
