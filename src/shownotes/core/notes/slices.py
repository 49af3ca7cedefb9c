"""A huge note's body cut into slices at block boundaries the parser itself finds, so the slices parsed
and rendered one after another give what the whole note gives, while memory holds one slice's tokens.

The plan reads the body in windows with the block parser only: in a window, every top-level block but
the last ended before the window did, so the start of the last one is a true boundary (kept a few
dozen lines from the window's end, since the math rule looks that far ahead). A window that is one
top-level list is cut between its items instead: the later slices continue that list (their opening
tokens are spliced away) and the whole list's looseness is carried to its first slice. A callout
`<div>` still open keeps a window whole. Link reference definitions are document-wide: the plan
collects them and every slice parses with all of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .markdown import make_parser
from .math import MAX_BLOCK_LINES
from .rawhtml import callout_divs
from .source import prepare
from .stamps import summarise

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

SLICE_CHARS = 16 * 1024  # about 16 MB of tokens, blocks and lines while a slice is worked on
SLICED_NOTE_CHARS = 512 * 1024  # bodies longer than this are read by slice; shorter ones whole, as ever
MARGIN_LINES = MAX_BLOCK_LINES + 2
_LISTS = ("bullet_list_open", "ordered_list_open")
_BLANK = re.compile(r"^[ \t]*\n", re.MULTILINE)
_CLOSES = ("bullet_list_close", "ordered_list_close")


@dataclass(frozen=True)
class Slice:
    start: int  # character offsets in the prepared body
    end: int
    line: int  # the body line `start` is on
    continues: bool = False  # starts with the next item of the previous slice's last top-level list
    loose: bool = False  # its last top-level list goes on in the next slices and is loose as a whole
    headed: bool = True  # may hold an H1 (what names a note without a title)


@dataclass
class SlicedBody:
    text: str  # the body as the parser reads it
    slices: list[Slice]
    env: dict = field(default_factory=dict)  # prepare's warnings and the note's link references


@dataclass
class _Part:
    """A top-level list cut across slices: where its slices are, and what its windows said of it."""

    first: int  # index of its first slice
    loose: bool = False
    unsure: bool = False  # a window held none of its paragraphs: its looseness is unknown


def should_slice(text: str) -> bool:
    return len(text) > SLICED_NOTE_CHARS


def plan(body: str, size: int = SLICE_CHARS) -> SlicedBody:
    """The body cut into slices of about `size` characters (one slice when it is shorter)."""
    env: dict = {"warnings": []}
    text = prepare(body, env)
    scratch: dict = {"warnings": []}
    md = make_parser()
    slices: list[Slice] = []
    parts: list[_Part] = []
    pos = line = divs = 0
    continuing = False
    while pos < len(text):
        want = size
        while True:
            end = _line_end(text, pos + want)
            tokens: list[Token] = []
            md.block.parse(text[pos:end], md, scratch, tokens)
            cut = None if end >= len(text) else _choose(tokens, divs, _last_cut_line(text[pos:end]))
            if cut is not None or end >= len(text):
                break
            one_paragraph = bool(tokens) and sum(t.level == 0 and t.nesting == 1 for t in tokens) == 1 and tokens[0].type == "paragraph_open"
            want = max(want * 2, _next_blank(text, end) - pos if one_paragraph else 0)  # it ends at a blank line
        kept, cut_line, between_items = (tokens, None, False) if cut is None else cut
        if continuing or between_items:
            if not continuing:
                parts.append(_Part(len(slices)))
            _judge(parts[-1], tokens)
        divs = _divs_after(kept, divs)
        stop = len(text) if cut_line is None else _offset_of_line(text, pos, cut_line)
        slices.append(Slice(pos, stop, line, continuing, headed=_headed(kept)))
        line += cut_line if cut_line is not None else 0
        pos, continuing = stop, between_items
    env["references"] = scratch.get("references", {})
    return SlicedBody(text, _settle(slices, parts), env)


def _line_end(text: str, at: int) -> int:
    if at >= len(text):
        return len(text)
    newline = text.find("\n", at)
    return len(text) if newline < 0 else newline + 1


def _next_blank(text: str, at: int) -> int:
    """The offset just past the first blank line from `at` on (the end when there is none)."""
    match = _BLANK.search(text, at)
    return match.end() if match else len(text)


def _offset_of_line(text: str, pos: int, lines: int) -> int:
    for _ in range(lines):
        pos = text.index("\n", pos) + 1
    return pos


def _last_cut_line(chunk: str) -> int:
    """The last line of a window a cut may fall on. A rule that looks ahead (a paragraph, a setext
    heading, a reference's title) stops at a blank line, so a cut before one is safe, and one
    `MARGIN_LINES` from the end is too; only `$$` looks past a blank line (MAX_BLOCK_LINES)."""
    lines = chunk.split("\n")
    margin = len(lines) - 1 - MARGIN_LINES
    if "$$" in chunk:
        return margin
    blank = next((number for number in range(len(lines) - 2, -1, -1) if not lines[number].strip()), -1)
    return max(margin, blank + 1)


def _choose(tokens: list[Token], divs: int, limit: int) -> tuple[list[Token], int, bool] | None:
    """(the tokens kept, the window line to cut at, whether it falls between a list's items), or None
    when this window holds no safe cut before line `limit`."""
    top = [i for i, t in enumerate(tokens) if t.level == 0 and t.nesting != -1 and t.map is not None]
    for number in range(len(top) - 1, 0, -1):
        start = tokens[top[number]].map[0]  # type: ignore[index]
        if start <= limit and _divs_after(tokens[: top[number]], divs) == 0:
            return tokens[: top[number]], start, False
    if not top or tokens[top[0]].type not in _LISTS or divs:
        return None
    bound = top[1] if len(top) > 1 else len(tokens)
    items = [i for i in range(bound) if tokens[i].type == "list_item_open" and tokens[i].level == 1]
    for index in reversed(items[1:]):
        start = tokens[index].map[0]  # type: ignore[index]
        if start <= limit:
            return tokens[:index], start, True
    return None


def _divs_after(tokens: list[Token], divs: int) -> int:
    """How many `<div>`s of a top-level callout are still open after `tokens` (html_blocks' rule)."""
    for token in tokens:
        if token.type == "html_block" and not token.level:
            divs = callout_divs(token.content, divs)
    return divs


def _judge(part: _Part, tokens: list[Token]) -> None:
    """What this window says of the cut list (the first top-level block of `tokens`): markdown-it marks
    every paragraph of a tight list hidden."""
    depth = 0
    for token in tokens:
        if token.type == "paragraph_open" and token.level == 2:
            part.loose = part.loose or not token.hidden
            return
        depth += token.nesting
        if depth == 0:
            break
    part.unsure = True


def _headed(tokens: list[Token]) -> bool:
    return any(
        (t.type == "heading_open" and t.tag == "h1") or t.type == "html_block" or (t.type == "fence" and "ad-" in t.info)
        for t in tokens
    )


def _settle(slices: list[Slice], parts: list[_Part]) -> list[Slice]:
    """Lists whose looseness no window could tell are not cut after all; loose ones say so."""
    for part in reversed(parts):
        last = part.first + 1
        while last < len(slices) and slices[last].continues:
            last += 1
        head = slices[part.first]
        if part.unsure:
            merged = Slice(head.start, slices[last - 1].end, head.line, head.continues, False, any(s.headed for s in slices[part.first : last]))
            slices[part.first : last] = [merged]
        elif part.loose:
            slices[part.first] = Slice(head.start, head.end, head.line, head.continues, True, head.headed)
    return slices


def parse_slices(
    body: SlicedBody, slices: list[int] | None = None, md: MarkdownIt | None = None
) -> Iterator[tuple[Slice, list[Token]]]:
    """Each slice (or those numbered in `slices`) with its tokens, line numbers those of the body and a
    list cut across slices made one again; the warnings gather in `body.env` (summed up at the end).
    `md` is the shared parser unless given (the indexer's quick one: the same configuration).
    The tokens are the caller's alone: this generator keeps no reference, so they go when dropped."""
    numbers = range(len(body.slices)) if slices is None else slices
    for number in numbers:
        yield body.slices[number], _slice_tokens(body, number, md or make_parser())
    if slices is None:
        summarise(body.env)


def _slice_tokens(body: SlicedBody, number: int, md: MarkdownIt) -> list[Token]:
    piece = body.slices[number]
    tokens = md.parse(body.text[piece.start : piece.end], body.env)
    if piece.line:
        for token in tokens:
            if token.map is not None:
                token.map = [token.map[0] + piece.line, token.map[1] + piece.line]
    if piece.loose:
        opener = next(t for t in reversed(tokens) if t.level == 0 and t.type in _LISTS)
        opener.meta = {**(opener.meta or {}), "loose": True}
    if number + 1 < len(body.slices) and body.slices[number + 1].continues and tokens[-1].type in _CLOSES:
        tokens.pop()  # the list's close: it goes on
    if piece.continues and tokens and tokens[0].type in _LISTS:
        del tokens[0]  # its open: the list is already open
    return tokens
