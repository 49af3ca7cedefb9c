"""Raw HTML in notes: inline tags get their styles (`<sup>`, `<b>`, `<kbd>`…) or go, keeping their text;
HTML blocks become text, and `<div class="callout">` blocks become callouts whose inside is Markdown."""

from __future__ import annotations

import html
import re
import textwrap
from typing import TYPE_CHECKING

from markdown_it.token import Token

from .scripts import scripted

if TYPE_CHECKING:
    from markdown_it.rules_core import StateCore

# Inline tags and the style the renderer gives them (palette attribute names).
STYLES = {
    "b": "strong", "strong": "strong", "i": "em", "em": "em", "cite": "em", "u": "underline", "ins": "underline",
    "mark": "mark", "kbd": "kbd", "code": "kbd", "samp": "kbd", "s": "strike", "del": "strike", "strike": "strike",
}  # fmt: skip
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^>]*>", re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)


def inline_html(state: StateCore) -> None:
    """`html_inline` tokens become style tokens, superscripts, line breaks, or nothing: never shown raw."""
    for token in state.tokens:
        if token.type == "inline" and token.children and any(c.type == "html_inline" for c in token.children):
            token.children = _restyle(token.children)


def _restyle(children: list[Token]) -> list[Token]:
    out: list[Token] = []
    open_styles: list[str] = []  # tag names, innermost last
    script: tuple[str, int] | None = None  # ("sup" | "sub", where in `out` it started)
    for child in children:
        if child.type != "html_inline":
            out.append(child)
            continue
        if _BREAK.fullmatch(child.content.strip()):
            out.append(Token("hardbreak", "br", 0))
            continue
        match = _TAG.fullmatch(child.content.strip())
        if match is None:
            continue  # a comment or a declaration
        closing, name = match.group(1) == "/", match.group(2).lower()
        if name in ("sup", "sub"):
            if not closing and script is None:
                script = (name, len(out))
            elif closing and script is not None and script[0] == name:
                _raise(out, *script)
                script = None
        elif name in STYLES:
            if not closing:
                open_styles.append(name)
                out.append(_style_token("style_open", STYLES[name], 1))
            elif name in open_styles:
                while open_styles:  # close what was opened inside it, as browsers do
                    inner = open_styles.pop()
                    out.append(_style_token("style_close", STYLES[inner], -1))
                    if inner == name:
                        break
    if script is not None:
        _raise(out, *script)
    for name in reversed(open_styles):
        out.append(_style_token("style_close", STYLES[name], -1))
    return out


def _style_token(kind: str, style: str, nesting: int) -> Token:
    token = Token(kind, "", nesting)
    token.meta = {"style": style}
    return token


def _raise(out: list[Token], kind: str, start: int) -> None:
    """The text tokens from `start` on as superscript or subscript; all together when there is only text."""
    pieces = out[start:]
    if pieces and all(t.type == "text" for t in pieces):
        merged = Token("text", "", 0, content=scripted("".join(t.content for t in pieces), kind))
        out[start:] = [merged]
        return
    for token in pieces:
        if token.type == "text" and token.content.strip():
            token.content = scripted(token.content, kind)


# -- HTML blocks ---------------------------------------------------------------------------------

_DROP = re.compile(r"<(svg|style|script)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|tr|table|thead|tbody|tfoot|blockquote|ul|ol|section|article|aside|header|footer|center|details"
    r"|summary|figure|figcaption|dl|dt|dd|main|nav)\b[^>]*>",
    re.IGNORECASE,
)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
_ITEM = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_ITEM_END = re.compile(r"</li\s*>", re.IGNORECASE)
_CELL = re.compile(r"</?t[dh]\b[^>]*>", re.IGNORECASE)
_RULE = re.compile(r"<hr\b[^>]*>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"</?(?!a\b)([A-Za-z][A-Za-z0-9]*)\b[^<>]{0,1000}>")
_CALLOUT = re.compile(r"""<div\b[^>]*\bclass\s*=\s*["'](?:[^"']*\s)?callout(?:\s[^"']*)?["'][^>]*>""", re.IGNORECASE)
_KIND = re.compile(r"""data-callout\s*=\s*["']([\w-]{1,30})["']""", re.IGNORECASE)
_TITLE = re.compile(
    r"<div[^>]*class=[\"'][^\"']*callout-title(?:-inner)?[^\"']*[\"'][^>]*>\s*(?:<div[^>]*>\s*</div>\s*)*([^<\s][^<]*)",
    re.IGNORECASE,
)
_DIV_OPEN = re.compile(r"<div\b", re.IGNORECASE)
_DIV_CLOSE = re.compile(r"</div\s*>", re.IGNORECASE)
_LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d{1,9}[.)])(?:\s|$)")
MAX_DEPTH = 4


def to_markdown(fragment: str) -> str:
    """An HTML fragment as Markdown text: block tags become paragraph breaks, `<li>` items, `<hN>`
    headings; inline tags stay for the inline rules; indentation from the HTML is not code."""
    fragment = _DROP.sub("", fragment)
    fragment = _HEADING.sub(lambda m: f"\n\n{'#' * int(m.group(1))} {' '.join(m.group(2).split())}\n\n", fragment)
    fragment = _RULE.sub("\n\n***\n\n", fragment)
    fragment = _ITEM.sub("\n- ", _ITEM_END.sub("\n", fragment))
    fragment = _CELL.sub(" ", _BLOCK_TAG.sub("\n\n", fragment))
    fragment = _OTHER_TAG.sub(lambda m: m.group(0) if m.group(1).lower() in _INLINE_KEPT else "", fragment)
    lines = []
    for line in textwrap.dedent(fragment).split("\n"):
        lines.append(line.rstrip() if _LIST_ITEM.match(line) else line.strip())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


_INLINE_KEPT = frozenset({*STYLES, "sup", "sub", "br"})


def html_blocks(state: StateCore) -> None:
    """Raw HTML blocks never show as tags. A callout div (its `</div>` perhaps blocks later, after blank
    lines) wraps what follows it until its divs close."""
    state.tokens = _convert(state, state.tokens, 0)


def _convert(state: StateCore, tokens: list[Token], depth: int) -> list[Token]:
    out: list[Token] = []
    open_divs = 0  # > 0 while a callout is open: its divs not closed yet
    open_level = 0
    for token in tokens:
        if open_divs and token.level < open_level:  # its container ended first
            out.append(Token("blockquote_close", "blockquote", -1, level=open_level))
            open_divs = 0
        if token.type != "html_block" or depth >= MAX_DEPTH:
            out.append(token)
            continue
        source = token.content
        balance = len(_DIV_OPEN.findall(source)) - len(_DIV_CLOSE.findall(source))
        callout = _CALLOUT.search(source) if not open_divs else None
        if callout is not None:
            source = _open_callout(out, source, callout, token)
            open_level = token.level
        out.extend(_parsed(state, to_markdown(source), token, depth))
        if callout is not None or open_divs:
            open_divs = open_divs + balance if open_divs else balance
            if open_divs <= 0:
                out.append(Token("blockquote_close", "blockquote", -1, level=open_level))
                open_divs = 0
    if open_divs:
        out.append(Token("blockquote_close", "blockquote", -1, level=open_level))
    return out


def callout_divs(source: str, divs: int) -> int:
    """How many `<div>`s of a callout stay open after a top-level HTML block, `divs` before it (as
    `_convert` counts them)."""
    balance = len(_DIV_OPEN.findall(source)) - len(_DIV_CLOSE.findall(source))
    if divs:
        return max(divs + balance, 0)
    return max(balance, 0) if _CALLOUT.search(source) else 0


def callout_title(kind: str, title: str, map_: list[int] | None, level: int) -> list[Token]:
    """The title line of a callout, as its own inline token so timestamps in it are found."""
    opener = Token("callout_title_open", "", 1, map=map_, level=level)
    opener.meta = {"callout": kind}
    inline = Token("inline", "", 0, map=map_, level=level + 1, content=title or kind.capitalize())
    inline.children = []
    return [opener, inline, Token("callout_title_close", "", -1, level=level)]


def _open_callout(out: list[Token], source: str, callout: re.Match[str], token: Token) -> str:
    """Push the callout's opening tokens; the source without the div and its title."""
    kind_match = _KIND.search(callout.group(0))
    kind = kind_match.group(1).lower() if kind_match else "note"
    rest = _DROP.sub("", source[callout.end() :])
    title_match = _TITLE.search(rest)
    title = ""
    if title_match:
        title = html.unescape(title_match.group(1)).strip()
        rest = rest[: title_match.start()] + rest[title_match.end() :]
    opener = Token("blockquote_open", "blockquote", 1, map=token.map, level=token.level)
    opener.meta = {"callout": kind, "fold": ""}
    out.append(opener)
    out.extend(callout_title(kind, title, token.map, token.level + 1))
    return rest


def _parsed(state: StateCore, text: str, token: Token, depth: int) -> list[Token]:
    """`text` parsed as Markdown blocks, placed on the HTML block's lines."""
    if not text.strip():
        return []
    tokens: list[Token] = []
    state.md.block.parse(text, state.md, state.env, tokens)
    first, last = (token.map or [0, 1])[0], max((token.map or [0, 1])[1] - 1, 0)
    for inner in tokens:
        inner.level += token.level
        if inner.map is not None:
            inner.map = [min(first + inner.map[0], last), min(first + inner.map[1], last + 1)]
    return _convert(state, tokens, depth + 1)
