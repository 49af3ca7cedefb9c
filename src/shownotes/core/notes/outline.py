"""What a parsed note contains: sections, timestamps with their context, wiki links, plain text.

The walk also stamps each heading, timestamp and wiki link token with its ordinal
(`token.meta["index"]`) so the renderer and the outline agree on numbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it.token import Token

from ..timecode import format_time

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" ([,.;:!?)])")
CONTEXT_SCAN = 2000


@dataclass(frozen=True)
class Timestamp:
    index: int
    seconds: int
    label: str
    section: int
    context: str
    line: int  # 0-based line of the body where its block starts
    label_seconds: int | None = None  # the label's own time when it differs from where the link seeks

    @property
    def shown(self) -> str:
        """The time as every view shows it: where the link seeks."""
        return format_time(self.seconds)

    @property
    def label_time(self) -> str | None:
        """The time the note's label says, shown beside `shown` when the two disagree."""
        return format_time(self.label_seconds) if self.label_seconds is not None else None


@dataclass(frozen=True)
class WikiLink:
    index: int
    target: str
    heading: str | None
    alias: str | None
    embed: bool
    section: int
    line: int

    @property
    def text(self) -> str:
        if self.alias:
            return self.alias
        if not self.heading:
            return self.target
        return f"{self.target} > {self.heading}" if self.target else self.heading


@dataclass
class Section:
    index: int
    level: int  # 0 for the opening section before the first heading
    title: str
    line: int
    text_parts: list[str] = field(default_factory=list)
    timestamps: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(part for part in self.text_parts if part)


@dataclass
class Outline:
    sections: list[Section]
    timestamps: list[Timestamp]
    links: list[WikiLink]

    def first_heading(self) -> str | None:
        """The first H1's text: what names a note without a title."""
        return next((s.title for s in self.sections if s.level == 1 and s.title), None)


def inline_text(children: list[Token] | None) -> str:
    """Plain text of inline tokens as a reader sees it (timestamps as their labels); a tab is a space,
    as titles and snippets are drawn on one line where rich counts a tab as no cell."""
    out: list[str] = []
    for child in children or ():
        kind = child.type
        if kind in ("text", "code_inline", "math"):
            out.append(child.content.replace("\t", " ") if "\t" in child.content else child.content)
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "timestamp":
            out.append(f"[{child.meta['label']}]")
        elif kind == "image":
            out.append(inline_text(child.children))
    return "".join(out)


def _tidy(text: str) -> str:
    """Runs of spaces and the space a removed timestamp leaves before punctuation are dropped."""
    return _SPACE_BEFORE_PUNCT.sub(r"\1", " ".join(text.split()))


def _context(text: str, at: int) -> str:
    """The sentence a timestamp cites: the one just before it, or after it if none precedes.

    Only CONTEXT_SCAN characters either side are read, so a paragraph of 100,000 timestamps stays linear.
    """
    before = _tidy(text[max(0, at - CONTEXT_SCAN) : at])
    if before:
        sentences = [s for s in _SENTENCE_END.split(before) if s.strip()]
        if sentences:
            return sentences[-1].strip().rstrip(" -–—,;:").strip()
    after = _tidy(text[at : at + CONTEXT_SCAN])
    if after:
        return _SENTENCE_END.split(after, 1)[0].strip()
    return ""


def build_outline(tokens: list[Token], contexts: bool = True) -> Outline:
    """Without `contexts` every timestamp's context is "" (the index keeps none), which is quicker."""
    walker = OutlineWalker(contexts)
    walker.feed(tokens)
    return walker.outline


class OutlineWalker:
    """The outline of tokens fed slice after slice: numbering and the current section carry on, and
    `forget` drops what was gathered so far (a note shown by slice keeps none of it)."""

    def __init__(self, contexts: bool = True) -> None:
        self.contexts = contexts
        self.current = Section(index=0, level=0, title="", line=0)
        self.outline = Outline(sections=[self.current], timestamps=[], links=[])
        self.counts = [1, 0, 0]  # sections, timestamps, links so far

    def forget(self) -> None:
        self.outline = Outline(sections=[], timestamps=[], links=[])

    def feed(self, tokens: list[Token]) -> None:
        sections, timestamps, links = self.outline.sections, self.outline.timestamps, self.outline.links
        counts = self.counts
        heading: Token | None = None
        block_line = 0
        for token in tokens:
            if token.map is not None:
                block_line = token.map[0]
            if token.type == "heading_open":
                heading = token
                continue
            if token.type != "inline":
                continue
            children = token.children or []
            if heading is not None:
                section = Section(
                    index=counts[0], level=int(heading.tag[1:]), title=inline_text(children).strip(), line=block_line
                )
                heading.meta = {**(heading.meta or {}), "index": section.index}
                sections.append(section)
                counts[0] += 1
                self.current = section
                heading = None
            else:
                self.current.text_parts.append(inline_text(children))
            current = self.current.index
            pieces: list[str] = []
            length = 0
            stamps: list[tuple[int, Token]] = []
            for child in children:
                if child.type == "timestamp":
                    stamps.append((length, child))
                elif child.type == "wikilink_open":
                    meta = child.meta
                    child.meta = {**meta, "index": counts[2]}
                    links.append(
                        WikiLink(counts[2], meta["target"], meta["heading"], meta["alias"], meta["embed"], current, block_line)
                    )
                    counts[2] += 1
                elif self.contexts:
                    pieces.append(inline_text([child]))
                    length += len(pieces[-1])
            text = "".join(pieces)
            for at, child in stamps:
                stamp = Timestamp(
                    index=counts[1],
                    seconds=child.meta["seconds"],
                    label=child.meta["label"],
                    section=current,
                    context=_context(text, at) if self.contexts else "",
                    line=block_line,
                    label_seconds=child.meta.get("label_seconds"),
                )
                child.meta = {**child.meta, "index": stamp.index}
                timestamps.append(stamp)
                counts[1] += 1
                self.current.timestamps.append(stamp.index)
