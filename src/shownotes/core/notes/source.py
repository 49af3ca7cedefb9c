"""A note's body made ready for the parser, line for line, so every line number stays true:
the generator's whole-note ```markdown fence, a repeated frontmatter block, a `From:` line over a
`---`, alias pipes inside wiki links in table rows, and `<br>` lines."""

from __future__ import annotations

import re

from .stamps import warn

_OPEN_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})[ \t]*(?:markdown|md)[ \t]*", re.IGNORECASE)
_ANY_FENCE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
_YAML_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)|[ \t]+\S|[ \t]*-[ \t]|[ \t]*$")
_YAML_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*:(?:[ \t]|$)")
_RULE = re.compile(r"[ \t]{0,3}-{3,}[ \t]*")
_FROM = re.compile(r"[ \t]*From:", re.IGNORECASE)
_WIKI = re.compile(r"\[\[[^\[\]\n]*\]\]")
_BARE_PIPE = re.compile(r"(?<!\\)\|")
# A `<br>` alone on a line would open a CommonMark HTML block that swallows the Markdown below it
# (real notes put one before callouts); as a blank line it keeps its meaning and line numbers.
_LONE_BREAK = re.compile(r"^[ \t]{0,3}<br\s*/?>[ \t]*$", re.MULTILINE | re.IGNORECASE)
OPENING_LINES = 40  # metadata is looked for this far into the body
MAX_FRONTMATTER_LINES = 60


def prepare(text: str, env: dict) -> str:
    """The body as the parser should read it (same number of lines); warnings go to `env`."""
    if text.lstrip()[:3] in ("```", "~~~"):
        unwrapped = unwrap_fence(text)
        if unwrapped is not None:
            warn(env, "the whole note is inside a ```markdown fence; its inside is read as the note")
            text = unwrapped
    if "---" in text[:8192]:
        text = _metadata(text, env)
    if "[[" in text and "|" in text:
        text = protect_table_pipes(text)
    if "<br" in text or "<BR" in text:
        text = _LONE_BREAK.sub("", text)
    return text


def unwrap_fence(text: str) -> str | None:
    """The body with its enclosing ```markdown fence lines blanked; None when no such fence encloses it."""
    lines = text.split("\n")
    filled = [number for number, line in enumerate(lines) if line.strip()]
    if len(filled) < 2:
        return None
    first, last = filled[0], filled[-1]
    opening = _OPEN_FENCE.fullmatch(lines[first])
    closing = lines[last].strip()
    if opening is None:
        return None
    fence = opening.group(1)
    if len(closing) < len(fence) or closing != fence[0] * len(closing):
        return None
    lines[first] = lines[last] = ""
    return "\n".join(lines)


def _metadata(text: str, env: dict) -> str:
    """A second frontmatter block at the top, and a `From:` line with `---` under it (a setext heading to
    CommonMark), are metadata: blanked, not sections."""
    lines = text.split("\n", OPENING_LINES + MAX_FRONTMATTER_LINES)
    head = min(len(lines), OPENING_LINES)
    changed = False
    number = 0
    while number < head and not lines[number].strip():
        number += 1
    if number < head and _FROM.match(lines[number]):
        number += 1
        while number < head and not lines[number].strip():
            number += 1
    if number + 1 < len(lines) and _RULE.fullmatch(lines[number]) and _YAML_KEY.match(lines[number + 1]):
        end = number + 1
        while end < min(len(lines), number + MAX_FRONTMATTER_LINES) and not _RULE.fullmatch(lines[end]):
            if not _YAML_LINE.match(lines[end]):
                break
            end += 1
        if end < len(lines) and _RULE.fullmatch(lines[end]):
            lines[number : end + 1] = [""] * (end + 1 - number)
            warn(env, "a second frontmatter block opens the note; read as metadata, not shown")
            changed = True
    for number in range(min(head, len(lines) - 1)):
        if _FROM.match(lines[number]) and _RULE.fullmatch(lines[number + 1]):
            lines[number + 1] = ""
            changed = True
    return "\n".join(lines) if changed else text


def protect_table_pipes(text: str) -> str:
    """In a table row, the pipe of `[[target | alias]]` is not a cell border (Obsidian reads it so):
    it is escaped, which the table rule skips and the wiki-link rule reads as the alias pipe."""
    lines = text.split("\n")
    fence: str | None = None
    changed = False
    for number, line in enumerate(lines):
        opening = _ANY_FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) and not line[opening.end() :].strip():
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        if "[[" not in line or "|" not in _WIKI.sub("", line):
            continue
        protected = _WIKI.sub(lambda m: _BARE_PIPE.sub(r"\\|", m.group(0)), line)
        if protected != line:
            lines[number] = protected
            changed = True
    return "\n".join(lines) if changed else text
