"""Parsed tokens to a flat list of blocks, each with the prefixes its containers (lists, quotes) draw."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token
from rich.control import strip_control_codes
from rich.style import Style
from rich.text import Span, Text

from ..core.timecode import format_time, is_web_url
from .palette import CALLOUT_ICONS, Palette

BULLETS = ("•", "◦", "▪", "‣")
MAX_INDENT_LEVELS = 12


@dataclass
class Block:
    kind: str  # text | heading | rule | code | table | blank
    text: Text | None = None
    prefix_first: Text = field(default_factory=Text)
    prefix_rest: Text = field(default_factory=Text)
    gap: int = 1  # blank lines before the block
    section: int | None = None  # heading blocks: the section they open
    level: int = 0
    code: str = ""
    language: str = ""
    rows: list[list[Text]] = field(default_factory=list)
    aligns: list[str] = field(default_factory=list)
    line: int | None = None  # 0-based line of the note's body where the block's source starts


@dataclass
class _Container:
    kind: str  # quote | bullet | ordered | item
    first: Text
    rest: Text
    tight: bool = False
    counter: int = 1
    depth: int = 0
    used: bool = False  # the item marker has been drawn


class InlineBuilder:
    """Inline tokens to rich Text; links carry `meta` so the reader can find and activate them."""

    def __init__(self, palette: Palette, resolved: Callable[[int], bool], titles: Callable[[int], str | None]) -> None:
        self.palette = palette
        self.resolved = resolved
        self.titles = titles  # the text a link without an alias shows (its note's title), None: as written

    def build(self, children: list[Token] | None, base: Style | None = None) -> Text:
        palette = self.palette
        parts: list[str] = []
        spans: list[Span] = []
        position = 0
        stack: list[Style] = []
        current: Style | None = None
        retitled = False  # inside a link shown by its note's title: its own text is skipped

        def add(content: str, style: Style | None) -> None:
            nonlocal position
            content = strip_control_codes(content)  # as rich's Text will, so the spans stay aligned
            if not content:
                return
            parts.append(content)
            end = position + len(content)
            if style is not None:
                spans.append(Span(position, end, style))
            position = end

        def push(style: Style) -> None:
            nonlocal current
            stack.append(style)
            current = Style.chain(*stack)

        def pop() -> None:
            nonlocal current
            if stack:
                stack.pop()
            current = Style.chain(*stack) if stack else None

        for child in children or ():
            kind = child.type
            if retitled and kind != "wikilink_close":
                continue
            if kind == "text":
                add(child.content, current)
            elif kind == "softbreak":
                add(" ", current)
            elif kind == "hardbreak":
                add("\n", None)
            elif kind == "code_inline":
                add(child.content, current + palette.code if current else palette.code)
            elif kind == "math":
                add(child.content, current + palette.math if current else palette.math)
            elif kind == "style_open":
                push(getattr(palette, child.meta["style"]))
            elif kind == "style_close":
                pop()
            elif kind in _EMPHASIS:
                push(getattr(palette, _EMPHASIS[kind]))
            elif kind in _CLOSERS:
                pop()
            elif kind == "link_open":
                href = str(child.attrs.get("href", ""))
                push((palette.link if is_web_url(href) else palette.link_unsafe) + Style(meta={"url": href}))
            elif kind == "wikilink_open":
                index = child.meta.get("index", -1)
                push((palette.wiki if self.resolved(index) else palette.wiki_missing) + Style(meta={"wiki": index}))
                if child.meta.get("embed"):
                    add("⧉ ", current)
                title = self.titles(index) if child.meta.get("alias") is None else None
                if title:
                    heading = child.meta.get("heading")
                    add(f"{title} > {heading}" if heading else title, current)
                    retitled = True
            elif kind == "wikilink_close":
                retitled = False
                pop()
            elif kind == "timestamp":
                style = (current + palette.timestamp if current else palette.timestamp) + Style(
                    meta={"ts": child.meta.get("index", -1)}
                )
                add(f"▶\u00a0{format_time(child.meta['seconds'])}", style)
            elif kind == "image":
                alt = self.build(child.children).plain or str(child.attrs.get("src", ""))
                add(f"[image: {alt}]", current + palette.em if current else palette.em)
        text = Text("".join(parts), style=base or "", spans=spans)
        if "\t" in text.plain:
            text.expand_tabs(4)
        text.rstrip()
        return text


_EMPHASIS = {"strong_open": "strong", "em_open": "em", "s_open": "strike"}
_CLOSERS = frozenset({"strong_close", "em_close", "s_close", "link_close"})


class BlockBuilder:
    def __init__(self, palette: Palette, resolved: Callable[[int], bool], titles: Callable[[int], str | None]) -> None:
        self.palette = palette
        self.inline = InlineBuilder(palette, resolved, titles)
        self.blocks: list[Block] = []
        self.stack: list[_Container] = []
        self._tight_next = False
        self._loose_next = False  # a list starts: set it apart from what came before
        self._line: int | None = None  # the source line of the token being built
        self.taken = 0  # blocks handed out by `take`: a note built slice by slice keeps only its last

    def take(self) -> list[Block]:
        blocks, self.blocks = self.blocks, []
        self.taken += len(blocks)
        return blocks

    def _prefixes(self) -> tuple[Text, Text]:
        first, rest = Text(), Text()
        shown = self.stack[-MAX_INDENT_LEVELS:]
        if len(self.stack) > MAX_INDENT_LEVELS:
            marker = Text(f"{len(self.stack) - MAX_INDENT_LEVELS}» ", style=self.palette.quote_bar)
            first.append_text(marker)
            rest.append_text(marker)
        for container in shown:
            if container.kind == "item" and not container.used:
                first.append_text(container.first)
                container.used = True
            else:
                first.append_text(container.rest)
            rest.append_text(container.rest)
        return first, rest

    def _gap(self) -> int:
        if not self.blocks and not self.taken:
            return 0
        items = [c for c in self.stack if c.kind in ("bullet", "ordered")]
        if items and items[-1].tight:
            return 0
        return 1

    def add(self, block: Block) -> None:
        block.gap = 0 if self._tight_next else 1 if self._loose_next and (self.blocks or self.taken) else self._gap()
        self._tight_next = self._loose_next = False
        block.prefix_first, block.prefix_rest = self._prefixes()
        block.line = self._line
        self.blocks.append(block)

    def build(self, tokens: list[Token]) -> list[Block]:
        palette = self.palette
        index = 0
        count = len(tokens)
        while index < count:
            token = tokens[index]
            kind = token.type
            if token.map is not None:
                self._line = token.map[0]
            if kind == "heading_open":
                level = int(token.tag[1:])
                text = self.inline.build(tokens[index + 1].children, palette.heading(level))
                section = (token.meta or {}).get("index")
                self.add(Block("heading", text=text, section=section, level=level))
                index += 3
                continue
            if kind == "paragraph_open":
                inline = tokens[index + 1]
                if not token.hidden or inline.children or inline.content:
                    quote = any(c.kind == "quote" for c in self.stack)
                    text = self.inline.build(inline.children, palette.quote if quote else None)
                    if text.plain.strip():
                        self.add(Block("text", text=text))
                index += 3
                continue
            if kind in ("bullet_list_open", "ordered_list_open"):
                ordered = kind == "ordered_list_open"
                depth = sum(1 for c in self.stack if c.kind in ("bullet", "ordered"))
                self._loose_next = depth == 0
                tight = index + 2 < count and tokens[index + 2].type == "paragraph_open" and tokens[index + 2].hidden
                tight = tight and not (token.meta or {}).get("loose")  # a list cut across slices (core/notes/slices)
                start = int(token.attrs.get("start", 1) or 1) if ordered else 1
                self.stack.append(
                    _Container("ordered" if ordered else "bullet", Text(), Text(), tight, start, depth)
                )
            elif kind == "list_item_open":
                parent = self.stack[-1] if self.stack else _Container("bullet", Text(), Text())
                if parent.kind == "ordered":
                    marker = f"{parent.counter}. "
                    parent.counter += 1
                else:
                    marker = f"{BULLETS[parent.depth % len(BULLETS)]} "
                self.stack.append(
                    _Container("item", Text(marker, style=palette.bullet), Text(" " * len(marker)))
                )
            elif kind in ("list_item_close", "bullet_list_close", "ordered_list_close", "blockquote_close"):
                if self.stack:
                    self.stack.pop()
            elif kind == "callout_title_open":
                kind_name = token.meta["callout"]
                style = palette.callout_style(kind_name)
                title = Text(f"{CALLOUT_ICONS.get(kind_name, '✎')} ", style=style)
                title.append_text(self.inline.build(tokens[index + 1].children, style))
                self.add(Block("text", text=title))
                self._tight_next = True
                index += 3
                continue
            elif kind == "blockquote_open":
                meta = token.meta or {}
                if "callout" in meta:
                    bar = Text("▌ ", style=palette.callout_style(meta["callout"]))
                    self.stack.append(_Container("quote", bar, bar))
                else:
                    bar = Text("▌ ", style=palette.quote_bar)
                    self.stack.append(_Container("quote", bar, bar))
            elif kind in ("fence", "code_block"):
                info = (token.info or "").strip().split()
                self.add(Block("code", code=token.content.rstrip("\n"), language=info[0] if info else ""))
            elif kind == "hr":
                self.add(Block("rule"))
            elif kind == "table_open":
                index = self._table(tokens, index)
                continue
            index += 1
        return self.blocks

    def _table(self, tokens: list[Token], index: int) -> int:
        rows: list[list[Text]] = []
        aligns: list[str] = []
        row: list[Text] = []
        while index < len(tokens):
            token = tokens[index]
            if token.type == "tr_open":
                row = []
            elif token.type == "tr_close":
                rows.append(row)
            elif token.type in ("th_open", "td_open"):
                style = str(token.attrs.get("style", ""))
                if token.type == "th_open":
                    aligns.append(style.replace("text-align:", "") or "left")
                header = self.palette.table_header if token.type == "th_open" else None
                row.append(self.inline.build(tokens[index + 1].children, header))
            elif token.type == "table_close":
                break
            index += 1
        self.add(Block("table", rows=rows, aligns=aligns))
        return index + 1


def build_blocks(
    tokens: list[Token], palette: Palette, resolved: Callable[[int], bool], titles: Callable[[int], str | None] = lambda i: None
) -> list[Block]:
    return BlockBuilder(palette, resolved, titles).build(tokens)


def related_blocks(groups: list[tuple[str, list[tuple[str, str]], int]], palette: Palette) -> list[Block]:
    """After the note: notes linking to it and the rest of its episode, as links to open them."""
    if not groups:
        return []
    blocks = [Block("rule")]
    for title, notes, more in groups:
        blocks.append(Block("text", text=Text(f"{title} ({len(notes) + more})", style=palette.h3)))
        for name, rel in notes:
            line = Text(name, style=palette.wiki + Style(meta={"note": rel}))
            blocks.append(Block("text", text=line, gap=0, prefix_first=Text("• ", style=palette.bullet), prefix_rest=Text("  ")))
        if more:
            blocks.append(Block("text", text=Text(f"… and {more} more", style=palette.quote), gap=0, prefix_first=Text("  "), prefix_rest=Text("  ")))
    return blocks
