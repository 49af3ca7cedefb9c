"""markdown-it-py plugins for episode notes: timestamps, wiki links, callouts, raw HTML blocks.

Every rule is tolerant: a malformed construct becomes visible text plus a warning in
`env["warnings"]`, never an exception.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..textsafe import is_safe, safe_text
from ..timecode import parse_time

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore

TIME_VALUE = r"\d{1,4}:\d{1,2}(?::\d{1,2})?"
# Real anchors are sometimes mangled (`<a class class="yt-timestamp"`, `data-timestamp=`), so the
# anchor is recognised by the class word alone and the time attribute by either name.
ANCHOR = re.compile(r"<a\b[^<>]{0,200}?yt-timestamp[^<>]{0,200}>([^<>]{0,60})</a\s*>", re.IGNORECASE)
_DATA_T = re.compile(r"""data-t(?:imestamp)?\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_BRACKET_TIME = re.compile(r"\[(" + TIME_VALUE + r")\](?:\(([^()\s]{0,200})\))?")
_WIKI = re.compile(r"(!?)\[\[([^\[\]\n]{1,500})\]\]")
_CALLOUT = re.compile(r"\[!([A-Za-z][\w-]{0,30})\]([+-]?)[ \t]*([^\n]*)")


def _warn(state: StateInline | StateCore, message: str) -> None:
    state.env.setdefault("warnings", []).append(message)


def _push_timestamp(state: StateInline, seconds: int, label: str, source: str) -> None:
    token = state.push("timestamp", "", 0)
    token.meta = {"seconds": seconds, "label": label, "source": source}


def timestamp_anchor(state: StateInline, silent: bool) -> bool:
    """`<a class="yt-timestamp" data-t="00:12:45">[00:12:45]</a>`: seeks to data-t, else the label."""
    if state.src[state.pos] != "<":
        return False
    match = ANCHOR.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    if not silent:
        label = match.group(1).strip()
        inner = label[1:-1] if label.startswith("[") and label.endswith("]") else label
        inner = inner.lstrip("/").strip()
        attr = _DATA_T.search(match.group(0))
        data_t = attr.group(1) if attr else ""
        seconds = parse_time(data_t)
        if seconds is None:
            seconds = parse_time(inner)
            if seconds is not None:
                _warn(state, f"timestamp data-t={data_t!r} is malformed; seeking to its label [{inner}]")
        if seconds is None:
            shown = label or f"[{data_t}]"
            _warn(state, f"timestamp {shown} has no valid time (data-t={data_t!r}); shown as text")
            state.push("text", "", 0).content = shown
        else:
            _push_timestamp(state, seconds, inner, "anchor")
    state.pos = match.end()
    return True


def timestamp_bracket(state: StateInline, silent: bool) -> bool:
    """`[00:00:06]` in text, and Markdown links whose text is a time: `[01:18:03](01:18:03)`."""
    if state.src[state.pos] != "[":
        return False
    match = _BRACKET_TIME.match(state.src, state.pos, state.posMax)
    if match is None:
        return False
    label, target = match.groups()
    seconds = parse_time(label)
    if seconds is None:
        return False
    if not silent:
        if target is not None:
            from_target = parse_time(target)
            if from_target is not None:
                seconds = from_target
        _push_timestamp(state, seconds, label.strip(), "link" if target is not None else "bracket")
    state.pos = match.end()
    return True


def _split_alias(inner: str) -> tuple[str, str | None]:
    for separator in ("\\|", "|"):
        if separator in inner:
            target, alias = inner.split(separator, 1)
            return target.strip(), alias.strip() or None
    return inner.strip(), None


def wikilink(state: StateInline, silent: bool) -> bool:
    """`[[target]]`, `[[target|alias]]`, `[[target#Heading|alias]]`, `![[embed]]`."""
    start = state.pos
    if state.src.startswith("![[", start):
        pass
    elif not state.src.startswith("[[", start):
        return False
    match = _WIKI.match(state.src, start, state.posMax)
    if match is None:
        return False
    embed, inner = match.group(1) == "!", match.group(2)
    target, alias = _split_alias(inner)
    heading = None
    if "#" in target:
        target, heading = (part.strip() for part in target.split("#", 1))
    if not target and not heading:
        return False
    if silent:
        state.pos = match.end()
        return True
    opener = state.push("wikilink_open", "", 1)
    opener.meta = {"target": target, "heading": heading, "alias": alias, "embed": embed}
    if alias is not None:
        alias_start = match.start(2) + inner.rindex(alias)
        old_max = state.posMax
        state.pos, state.posMax = alias_start, alias_start + len(alias)
        state.md.inline.tokenize(state)
        state.posMax = old_max
    else:
        shown = target if heading is None else (f"{target} > {heading}" if target else heading)
        state.push("text", "", 0).content = shown
    state.push("wikilink_close", "", -1)
    state.pos = match.end()
    return True


def _callout_title(kind: str, title: str, map_: list[int] | None, level: int) -> list[Token]:
    """The title line of a callout, as its own inline token so timestamps in it are found."""
    opener = Token("callout_title_open", "", 1, map=map_, level=level)
    opener.meta = {"callout": kind}
    inline = Token("inline", "", 0, map=map_, level=level + 1, content=title or kind.capitalize())
    inline.children = []
    return [opener, inline, Token("callout_title_close", "", -1, level=level)]


def callouts(state: StateCore) -> None:
    """`> [!info] Title` blockquotes become callouts: the marker line becomes a title token."""
    tokens = state.tokens
    out: list[Token] = []
    for index, token in enumerate(tokens):
        out.append(token)
        if token.type != "blockquote_open" or index + 2 >= len(tokens):
            continue
        para, inline = tokens[index + 1], tokens[index + 2]
        if para.type != "paragraph_open" or inline.type != "inline":
            continue
        match = _CALLOUT.match(inline.content)
        if match is None:
            continue
        kind, fold, title = match.groups()
        token.meta = {"callout": kind.lower(), "fold": fold}
        out.extend(_callout_title(kind.lower(), title.strip(), token.map, token.level + 1))
        inline.content = inline.content[match.end() :].lstrip("\n")
        if not inline.content.strip():
            para.hidden = True
            tokens[index + 3].hidden = True
            inline.content = ""
    state.tokens = out


_HTML_DROP = re.compile(r"<(svg|style|script)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_PARA = re.compile(r"</?(?:p|div|li|tr|h[1-6]|blockquote|ul|ol|table|section)\b[^>]*>", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][^<>]{0,1000}>")
_CALLOUT_TITLE = re.compile(
    r"<div[^>]*class=\"[^\"]*callout-title(?:-inner)?[^\"]*\"[^>]*>\s*(?:<div[^>]*>\s*</div>\s*)*([^<]+)",
    re.IGNORECASE,
)


def html_text(fragment: str) -> list[str]:
    """Paragraphs of text from a raw HTML fragment; yt-timestamp anchors survive for the inline rules."""
    fragment = _HTML_DROP.sub("", fragment)
    anchors: list[str] = []

    def keep(match: re.Match[str]) -> str:
        anchors.append(match.group(0))
        return f"\x00{len(anchors) - 1}\x00"

    fragment = ANCHOR.sub(keep, fragment)
    fragment = _HTML_BREAK.sub("\x01", fragment)
    fragment = _HTML_PARA.sub("\n\n", fragment)
    fragment = html.unescape(_HTML_TAG.sub("", fragment))
    fragment = re.sub(r"\x00(\d+)\x00", lambda m: anchors[int(m.group(1))], fragment)
    paragraphs = []
    for chunk in re.split(r"\n\s*\n", fragment):
        lines = [line.strip() for line in chunk.replace("\x01", "\n").split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return paragraphs


def html_blocks(state: StateCore) -> None:
    """Raw HTML blocks never show as tags: callout divs become callouts, the rest becomes text."""
    out: list[Token] = []
    for token in state.tokens:
        if token.type != "html_block":
            out.append(token)
            continue
        source = token.content
        title_match = _CALLOUT_TITLE.search(source)
        is_callout = 'class="callout' in source.lower()
        if title_match:
            source = source[: title_match.start()] + source[title_match.end() :]
        paragraphs = html_text(source)
        if is_callout:
            opener = Token("blockquote_open", "blockquote", 1, map=token.map, level=token.level)
            opener.meta = {"callout": "note", "fold": ""}
            out.append(opener)
            title = html.unescape(title_match.group(1)).strip() if title_match else "Note"
            out.extend(_callout_title("note", title, token.map, token.level + 1))
        for text in paragraphs:
            out.append(Token("paragraph_open", "p", 1, map=token.map, level=token.level))
            inline = Token("inline", "", 0, map=token.map, level=token.level + 1, content=text)
            inline.children = []
            out.append(inline)
            out.append(Token("paragraph_close", "p", -1, level=token.level))
        if is_callout:
            out.append(Token("blockquote_close", "blockquote", -1, level=token.level))
    state.tokens = out


def too_deep(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """Blocks nested near the parser's limit are kept as plain text: markdown-it would drop them."""
    if silent or state.level < state.md.options["maxNesting"] - 2:
        return False
    line, last = start, start + 1
    while line < end:  # up to the first line the container does not indent, as the block parser stops
        if not state.isEmpty(line):
            if state.sCount[line] < state.blkIndent:
                break
            last = line + 1
        line += 1
    end = last
    opener = state.push("paragraph_open", "p", 1)
    opener.map = [start, end]
    inline = state.push("inline", "", 0)
    inline.content, inline.map, inline.children = state.getLines(start, end, state.blkIndent, False).strip(), [start, end], []
    state.push("paragraph_close", "p", -1)
    state.line = end
    message = "lists or quotes nested too deep; the innermost are shown as plain text"
    if message not in state.env.setdefault("warnings", []):
        _warn(state, message)
    return True


def safe_tokens(state: StateCore) -> None:
    """Entities (`&#x202E;`) and autolinks (`<https://x/%1B[2J>`) decode after the body was made safe,
    so text tokens are made safe again; a decoded line break is not one."""
    pending = [token.children for token in state.tokens if token.children]
    while pending:
        for child in pending.pop():
            if child.type == "text" and (not is_safe(child.content) or "\n" in child.content):
                child.content = safe_text(child.content).replace("\n", " ")
            if child.children:
                pending.append(child.children)


def notes_plugin(md: MarkdownIt) -> None:
    md.block.ruler.before("table", "too_deep", too_deep)
    md.inline.ruler.before("link", "wikilink", wikilink)
    md.inline.ruler.before("link", "timestamp_bracket", timestamp_bracket)
    md.inline.ruler.before("autolink", "timestamp_anchor", timestamp_anchor)
    md.core.ruler.after("block", "html_blocks", html_blocks)
    md.core.ruler.after("html_blocks", "callouts", callouts)
    md.core.ruler.push("safe_tokens", safe_tokens)
