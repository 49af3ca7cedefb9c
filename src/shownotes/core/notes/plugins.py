"""markdown-it-py plugins for episode notes: wiki links, callouts, admonitions, and the registration of
the timestamp (stamps.py), HTML (rawhtml.py) and LaTeX (math.py) rules.

Every rule is tolerant: a malformed construct becomes visible text plus a warning in
`env["warnings"]`, never an exception.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from ..textsafe import is_safe, safe_text
from . import math, rawhtml, stamps
from .rawhtml import callout_title

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore

_WIKI = re.compile(r"(!?)\[\[([^\[\]\n]{1,500})\]\]")
_CALLOUT = re.compile(r"\[!([A-Za-z][\w-]{0,30})\]([+-]?)[ \t]*([^\n]*)")
_ADMONITION = re.compile(r"ad-([A-Za-z][\w-]{0,30})")
_ADMONITION_PARAM = re.compile(r"(title|collapse|icon|color)\s*:\s*(.*)")


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
    if not embed and not silent and stamps.wiki_time(state, inner):
        state.pos = match.end()
        return True
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
        alias_end = alias_start + len(alias)
        if state.pos > alias_end:  # markdown-it 4's text rule reads on to the next `]`: the blanks after the alias are not its
            last = state.tokens[-1] if state.tokens else None
            extra = state.src[alias_end : state.pos]
            if last is not None and last.type == "text" and last.content.endswith(extra):
                last.content = last.content[: -len(extra)]
        state.posMax = old_max
    else:
        shown = target if heading is None else (f"{target} > {heading}" if target else heading)
        state.push("text", "", 0).content = shown
    state.push("wikilink_close", "", -1)
    state.pos = match.end()
    return True


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
        out.extend(callout_title(kind.lower(), title.strip(), token.map, token.level + 1))
        inline.content = inline.content[match.end() :].lstrip("\n")
        if not inline.content.strip():
            para.hidden = True
            tokens[index + 3].hidden = True
            inline.content = ""
    state.tokens = out


def admonitions(state: StateCore) -> None:
    """` ```ad-note ` fences (Obsidian's admonition plugin) are callouts; their inside is Markdown."""
    out: list[Token] = []
    for token in state.tokens:
        kind = _ADMONITION.fullmatch((token.info or "").strip()) if token.type == "fence" else None
        if kind is None:
            out.append(token)
            continue
        lines = token.content.split("\n")
        title, skipped = "", 0
        while skipped < len(lines) and (param := _ADMONITION_PARAM.fullmatch(lines[skipped].strip())):
            title = param.group(2).strip() if param.group(1) == "title" else title
            skipped += 1
        name = kind.group(1).lower()
        opener = Token("blockquote_open", "blockquote", 1, map=token.map, level=token.level)
        opener.meta = {"callout": name, "fold": ""}
        out.append(opener)
        out.extend(callout_title(name, title, token.map, token.level + 1))
        inner: list[Token] = []
        state.md.block.parse("\n".join(lines[skipped:]), state.md, state.env, inner)
        first = (token.map or [0, 0])[0] + 1 + skipped
        for child in inner:
            child.level += token.level + 1
            if child.map is not None:
                child.map = [first + child.map[0], first + child.map[1]]
        out.extend(inner)
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
        stamps.warn(state.env, message)
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
    md.block.ruler.before("fence", "math_block", math.math_block)
    md.inline.ruler.before("link", "wikilink", wikilink)
    md.inline.ruler.before("link", "timestamp_bracket", stamps.timestamp_bracket)
    md.inline.ruler.before("autolink", "timestamp_anchor", stamps.timestamp_anchor)
    md.inline.ruler.before("escape", "math", math.math_inline)
    md.core.ruler.after("block", "html_blocks", rawhtml.html_blocks)
    md.core.ruler.after("html_blocks", "admonitions", admonitions)
    md.core.ruler.after("admonitions", "callouts", callouts)
    md.core.ruler.after("inline", "inline_html", rawhtml.inline_html)
    md.core.ruler.push("safe_tokens", safe_tokens)
