"""The shared parser with a quicker inline pass, for the indexer: the same configuration, block rules,
core rules and plugin rules, but an inline token holding only text, line breaks, `<br>`, timestamps,
wiki links, math, emphasis and entities is read by a small loop that calls the plugins' own rules and
markdown-it's newline, emphasis and entity rules on a light state (no StateInline, no Token). Anything
else in the token (links, images, code, escapes, strikethrough, other HTML) and it is handed to
markdown-it's own inline parser, as the reader's parse does.

tests/unit/test_quick.py holds the index built this way to the reader's full parse, note for note.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from markdown_it.rules_inline import StateInline, emphasis, entity, link_pairs, newline

from . import math, stamps
from .markdown import configured
from .note import LARGE_NOTE_BYTES, Note, Parsed
from .outline import OutlineWalker, build_outline
from .plugins import wikilink
from .source import prepare

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token

# The shared parser's inline rules the loop below was written for: another rule (a plugin added later)
# could take characters the loop reads as text, so with any other chain the parser is left as it is.
KNOWN_RULES = (
    "text", "newline", "math", "escape", "backticks", "strikethrough", "emphasis", "wikilink",
    "timestamp_bracket", "link", "image", "timestamp_anchor", "autolink", "html_inline", "entity",
)  # fmt: skip
# Every character a rule of the shared parser can start at: the text between them is plain text.
_STOP = re.compile(r"[\n\\`~*_\[\]!<&$]")
_BREAK = re.compile(r"<br ?/?>", re.IGNORECASE)  # an html_inline that inline_html makes a hard break


class Unsupported(Exception):
    """A construct the quick loop leaves to markdown-it's inline parser."""


class Child:
    """The part of markdown_it's Token the outline, text_join and safe_tokens read."""

    __slots__ = ("children", "content", "info", "markup", "meta", "nesting", "tag", "type")

    def __init__(self, kind: str) -> None:
        self.type = kind
        self.tag = self.markup = self.info = self.content = ""
        self.nesting = 0
        self.meta: dict = {}
        self.children = None


class _NestedInline:
    """`md.inline` as the plugin rules see it: their nested tokenize is the quick loop."""

    tokenize = staticmethod(lambda state: state.run())


class InlineHost:
    inline = _NestedInline()

    def __init__(self, options: dict) -> None:
        self.options = options


class QuickState:
    """The part of StateInline the newline, emphasis, wiki-link, timestamp and math rules use."""

    scanDelims = StateInline.scanDelims
    tokens_meta = ()  # no token here opens a level that keeps delimiters of its own

    def __init__(self, src: str, md: InlineHost, env: dict) -> None:
        self.src, self.md, self.env = src, md, env
        self.pos, self.posMax = 0, len(src)
        self._pending, self._more = "", []  # text not yet a token: appended to a list, so a long run stays linear
        self.tokens: list[Child] = []
        self.delimiters: list = []
        self.depth = 0  # 1 in the token's own text, 2 in a wiki link's alias or an anchor's label

    @property
    def pending(self) -> str:
        if self._more:
            text, self._pending = self._pending, ""  # one reference left: CPython grows the string in place
            text += "".join(self._more)
            self._more.clear()
            self._pending = text
        return self._pending

    @pending.setter
    def pending(self, value: str) -> None:
        self._pending, self._more = value, []

    def push(self, kind: str, _tag: str, _nesting: int) -> Child:
        if self.pending:
            self._flush()
        token = Child(kind)
        self.tokens.append(token)
        return token

    def _flush(self) -> None:
        text = Child("text")
        text.content = self.pending
        self.tokens.append(text)
        self.pending = ""

    def run(self) -> None:
        """Tokenize src[pos:posMax] as ParserInline.tokenize would, or raise Unsupported."""
        self.depth += 1
        src, end = self.src, self.posMax
        while self.pos < end:
            at = self.pos
            stop = _STOP.search(src, at, end)
            if stop is None:
                self._more.append(src[at:end])
                self.pos = end
                break
            if stop.start() > at:
                self._more.append(src[at : stop.start()])
                self.pos = at = stop.start()
            char = src[at]
            if char == "]":  # no rule starts at `]`
                self._more.append(char)
                self.pos += 1
            elif not self._rule(char, at):
                raise Unsupported(char)
        if self.pending:
            self._flush()
        self.depth -= 1

    def _rule(self, char: str, at: int) -> bool:
        """The shared parser's rules for this character, in its order; False where another rule of
        markdown-it's (link, image, code, escape, strikethrough, autolink, HTML) could take it."""
        if char == "\n":
            return newline(self, False)
        if char in "*_":  # in an alias, markdown-it would pair its delimiters apart from the rest
            return self.depth == 1 and emphasis.tokenize(self, False)
        if char == "[":
            return wikilink(self, False) or stamps.timestamp_bracket(self, False)
        if char == "<":
            if stamps.timestamp_anchor(self, False):
                return True
            brk = _BREAK.match(self.src, at, self.posMax)
            if brk is not None:
                self.push("hardbreak", "br", 0)
                self.pos = brk.end()
                return True
            return self._literal(at, at + 1 >= self.posMax or self.src[at + 1] in " \t\n")
        if char == "&":  # an entity becomes text_special, which text_join and safe_tokens read as markdown-it's
            return entity(self, False) or self._literal(at, True)
        if char == "$":
            return math.math_inline(self, False) or self._literal(at, True)
        if char == "!":  # image and embed rules need `![`
            return wikilink(self, False) or self._literal(at, not self.src.startswith("![", at))
        return False

    def _literal(self, at: int, plain: bool) -> bool:
        """A character no rule takes: text, as ParserInline's fallback makes it."""
        if plain:
            self._more.append(self.src[at])
            self.pos = at + 1
        return plain


def quick_children(content: str, md: InlineHost, env: dict) -> list[Child] | None:
    """An inline token's children by the quick loop; None (and env as it was) when it cannot."""
    warnings = env.setdefault("warnings", [])
    kept = len(warnings), dict(env["warning_counts"]) if "warning_counts" in env else None
    state = QuickState(content, md, env)
    try:
        state.run()
    except Unsupported:
        del warnings[kept[0] :]
        if kept[1] is None:
            env.pop("warning_counts", None)
        else:
            env["warning_counts"] = kept[1]
        return None
    if state.delimiters:  # ParserInline.parse's second ruler: pairs, then emphasis
        link_pairs(state)
        emphasis.postProcess(state)
    return state.tokens  # type: ignore[return-value]


def quick_inline(state: StateCore) -> None:
    """The core `inline` rule: the quick loop first, markdown-it's inline parser where it stops."""
    md, env = state.md, state.env
    quick = InlineHost(md.options) if md.options["maxNesting"] > 2 else None  # its wiki links nest one level
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        children = quick_children(token.content, quick, env) if quick and not token.children else None
        if children is not None:
            token.children = children  # type: ignore[assignment]
        else:
            md.inline.parse(token.content, md, env, token.children)


@functools.lru_cache(maxsize=1)
def make_quick_parser() -> MarkdownIt:
    """The shared parser with the quick loop as its core `inline` rule; the shared parser itself when its
    inline rules are not the chain the loop was written for (checked once, here)."""
    md = configured()
    if tuple(md.inline.ruler.get_active_rules()) == KNOWN_RULES:
        md.core.ruler.at("inline", quick_inline)
    return md


def quick_parse(text: str) -> tuple[list[Token], list[str]]:
    """`markdown.parse` by the quick parser: the same tokens for every use the outline makes of them."""
    env: dict = {"warnings": []}
    tokens = make_quick_parser().parse(prepare(text, env), env)
    stamps.summarise(env)
    return tokens, env["warnings"]


def parse_note(note: Note) -> Parsed:
    """`Note.parse` by the quick parser, without timestamp contexts (the index keeps none); a large note
    is parsed by `Note.parse` itself, which bounds what a huge one costs."""
    if note.size >= LARGE_NOTE_BYTES:
        return note.parse()
    tokens, warnings = quick_parse(note.loaded().text)
    outline = build_outline(tokens, contexts=False)
    return Parsed(tokens, outline, warnings, outline.first_heading())


def parse_sliced(note: Note) -> Parsed:
    """`parse_note` of a huge body read by slice (core/notes/slices) with the quick parser: each slice's
    tokens are fed to one outline walker and dropped before the next is parsed, so memory holds one
    slice's tokens and the outline (plain text, no tokens). The tokens it returns are none."""
    from . import slices  # read at call time: tests force the slice size

    body = slices.plan(note.loaded().text, slices.SLICE_CHARS)
    walker = OutlineWalker(contexts=False)
    for _piece, tokens in slices.parse_slices(body, md=make_quick_parser()):
        walker.feed(tokens)
        del tokens  # before the next slice is parsed
    outline = walker.outline
    return Parsed([], outline, body.env["warnings"], outline.first_heading())
