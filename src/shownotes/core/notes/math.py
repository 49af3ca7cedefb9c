"""LaTeX math (`$…$`, `$$…$$`) as readable Unicode, by pylatexenc's latex2text; the source when that fails.

A `$` opens math only when a non-space follows it, and the next `$` closes it only when a non-space
precedes it and no digit follows (pandoc's rule), so `$5 and $10` stays two prices.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from .scripts import scripted

if TYPE_CHECKING:
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_inline import StateInline

MAX_MATH = 2000  # characters searched for the closing `$`: a page of prices stays linear
MAX_BLOCK_LINES = 60
_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


def math_inline(state: StateInline, silent: bool) -> bool:
    src, pos, end = state.src, state.pos, state.posMax
    if src[pos] != "$":
        return False
    if src.startswith("$$", pos):
        close = src.find("$$", pos + 2, min(end, pos + 2 + MAX_MATH))
        if close < 0 or not src[pos + 2 : close].strip():
            return False
        source, after, display = src[pos + 2 : close], close + 2, True
    else:
        if pos + 1 >= end or src[pos + 1].isspace() or src[pos + 1] == "$" or (pos and src[pos - 1] == "\\"):
            return False
        close = src.find("$", pos + 1, min(end, pos + 1 + MAX_MATH))
        if close < 0 or src[close - 1].isspace() or src[close - 1] == "\\":
            return False
        if close + 1 < end and src[close + 1].isdigit():
            return False
        source, after, display = src[pos + 1 : close], close + 1, False
    if not silent:
        text = to_text(source)
        token = state.push("math", "", 0)
        token.content = text if text is not None else f"${source}$" if not display else f"$${source}$$"
        token.meta = {"source": source, "display": display, "converted": text is not None}
        if text is None:
            state.env.setdefault("warnings", []).append(f"LaTeX {source[:40]!r} could not be converted; shown as source")
    state.pos = after
    return True


def math_block(state: StateBlock, start: int, end: int, silent: bool) -> bool:
    """`$$` opening a line, through the line that ends with `$$`: one paragraph, so no line inside is
    read as a list or a heading."""
    first = state.bMarks[start] + state.tShift[start]
    if state.sCount[start] - state.blkIndent >= 4 or not state.src.startswith("$$", first):
        return False
    line = start
    while line < end and line - start < MAX_BLOCK_LINES:
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
        if text.endswith("$$") and (line > start or len(text) >= 4):
            break
        line += 1
    else:
        return False
    if silent:
        return True
    opener = state.push("paragraph_open", "p", 1)
    opener.map = [start, line + 1]
    inline = state.push("inline", "", 0)
    inline.content = state.getLines(start, line + 1, state.blkIndent, False).strip()
    inline.map, inline.children = [start, line + 1], []
    state.push("paragraph_close", "p", -1)
    state.line = line + 1
    return True


@functools.lru_cache(maxsize=2048)
def to_text(source: str) -> str | None:
    """Readable Unicode for a LaTeX expression; None when it cannot be converted."""
    from pylatexenc.latex2text import LatexNodes2Text  # about 0.1 s to import: only notes with math pay
    from pylatexenc.latexwalker import LatexWalkerError

    converter = _converter(LatexNodes2Text)
    pieces: list[str] = []

    def convert(latex: str) -> str:
        text = converter.latex_to_text(_scripts(latex))
        return _PLACEHOLDER.sub(lambda m: pieces[int(m.group(1))], text)

    def _scripts(latex: str) -> str:
        """Each `^…`/`_…` converted on its own (inside out) and raised or lowered; latex2text drops the braces."""
        out, at = [], 0
        while at < len(latex):
            ch = latex[at]
            if ch in "^_" and (at == 0 or latex[at - 1] != "\\"):
                argument, after = _argument(latex, at + 1)
                if argument is not None:
                    pieces.append(scripted(convert(argument), "sup" if ch == "^" else "sub"))
                    out.append(f"\ue000{len(pieces) - 1}\ue001")
                    at = after
                    continue
            out.append(ch)
            at += 1
        return "".join(out)

    try:
        text = " ".join(convert(source).split())
    except (LatexWalkerError, ValueError, IndexError, KeyError, RecursionError):
        return None
    return text or None


def _argument(latex: str, at: int) -> tuple[str | None, int]:
    """The argument of `^`/`_` at `at`: a `{group}`, a macro (with its group), or one character."""
    while at < len(latex) and latex[at] == " ":
        at += 1
    if at >= len(latex) or latex[at] == "}":
        return None, at
    if latex[at] == "{":
        close = _group_end(latex, at)
        return (latex[at + 1 : close], close + 1) if close > 0 else (None, at)
    if latex[at] == "\\":
        name = re.match(r"\\(?:[A-Za-z]+|.)", latex[at:])
        end = at + (name.end() if name else 1)
        if end < len(latex) and latex[end] == "{" and (close := _group_end(latex, end)) > 0:
            end = close + 1
        return latex[at:end], end
    return latex[at], at + 1


def _group_end(latex: str, at: int) -> int:
    depth = 0
    for index in range(at, len(latex)):
        if latex[index] == "{" and latex[index - 1] != "\\":
            depth += 1
        elif latex[index] == "}" and latex[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index
    return -1


@functools.cache
def _converter(kind: type) -> object:
    return kind(math_mode="text", strict_latex_spaces=False)
