"""Blocks laid out at a width: a list of lines of segments, plus where sections and links landed.

The reader paints only the visible lines of a layout; a layout is computed once per width.
"""

from __future__ import annotations

import io
import time
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown_it.token import Token
from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .build import Block, build_blocks, related_blocks
from .palette import DEFAULT_PALETTE, Palette
from .wrap import wrap

MIN_TEXT_WIDTH = 12
LINK_KINDS = ("ts", "wiki", "url", "note")


@dataclass(frozen=True)
class LinkSpan:
    kind: str  # ts | wiki | url | note
    key: int | str
    y: int
    x0: int
    x1: int


@dataclass
class Layout:
    width: int
    lines: list[list[Segment]] = field(default_factory=list)
    sections: dict[int, int] = field(default_factory=dict)  # section index -> first line
    spans: list[LinkSpan] = field(default_factory=list)  # document order
    by_line: dict[int, list[LinkSpan]] = field(default_factory=dict)
    first: dict[tuple[str, int | str], LinkSpan] = field(default_factory=dict)
    sources: list[tuple[int, int]] = field(default_factory=list)  # (first line, source line of the body), by line
    complete: bool = True
    _layouter: _Layouter | None = field(default=None, repr=False)

    @property
    def height(self) -> int:
        return len(self.lines)

    def extend(self, lines: int | None = None, seconds: float | None = None) -> bool:
        """Lay out more blocks: until `lines` exist, `seconds` pass, or the end. True when complete."""
        if not self.complete and self._layouter is not None:
            self._layouter.run(lines, seconds)
        return self.complete

    def source_line(self, y: int) -> int | None:
        """The body's source line (0-based) of the block drawn at line `y`, when known."""
        position = bisect_right(self.sources, (y, float("inf"))) - 1
        return self.sources[position][1] if position >= 0 else None

    def text(self, y: int) -> str:
        return "".join(segment.text for segment in self.lines[y])

    def plain(self) -> str:
        return "\n".join(self.text(y).rstrip() for y in range(self.height))

    def text_range(self, start: tuple[int, int] | None, end: tuple[int, int] | None) -> str:
        """The text from `start` to `end`, each (line, character) with `end` exclusive; None: the start or
        the end of what is laid out. Lines lose their trailing blanks, as in `plain`."""
        if not self.height:
            return ""
        y0, x0 = start if start is not None else (0, 0)
        y1, x1 = end if end is not None else (self.height - 1, None)
        if y1 >= self.height:
            y1, x1 = self.height - 1, None
        y0 = max(0, y0)
        if y0 > y1:
            return ""
        lines = [self.text(y) for y in range(y0, y1 + 1)]
        lines[-1] = lines[-1][: x1] if x1 is not None else lines[-1]
        lines[0] = lines[0][max(0, x0) :]
        return "\n".join(line.rstrip() for line in lines)


def make_console(width: int) -> Console:
    return Console(
        width=max(width, 1),
        file=io.StringIO(),
        color_system="truecolor",
        force_terminal=True,
        legacy_windows=False,
        emoji=False,
        markup=False,
        highlight=False,
    )


def text_segments(text: Text, console: Console) -> list[Segment]:
    """Segments of one line of Text with its base style applied (Text.render leaves it out)."""
    segments = text.render(console)
    if not text.style:
        return list(segments)
    base = text.style if isinstance(text.style, Style) else console.get_style(text.style)
    return list(Segment.apply_style(segments, style=base))


class Document:
    """A parsed note ready to paint; layouts are cached by width."""

    def __init__(
        self,
        tokens: list[Token],
        palette: Palette = DEFAULT_PALETTE,
        resolved: Callable[[int], bool] = lambda index: True,
        related: list[tuple[str, list[tuple[str, str]], int]] = (),
        titles: Callable[[int], str | None] = lambda index: None,
    ) -> None:
        self.palette = palette
        self.blocks = build_blocks(tokens, palette, resolved, titles) + related_blocks(related, palette)
        self._layouts: dict[int, Layout] = {}

    def layout(self, width: int, lines: int | None = None) -> Layout:
        """The layout at `width`: complete, or (with `lines`) at least that many lines so far."""
        width = max(width, MIN_TEXT_WIDTH)
        cached = self._layouts.get(width)
        if cached is None:
            cached = self._layouts[width] = _Layouter(self.palette, width, self.blocks).out
            if len(self._layouts) > 4:
                self._layouts.pop(next(iter(self._layouts)))
        cached.extend(lines)
        return cached


def lay_out(blocks: list[Block], palette: Palette, width: int) -> Layout:
    """The blocks laid out at `width`, complete (as `Document.layout` would lay them)."""
    layouter = _Layouter(palette, max(width, MIN_TEXT_WIDTH), blocks)
    layouter.run()
    return layouter.out


class _Layouter:
    def __init__(self, palette: Palette, width: int, blocks: list[Block]) -> None:
        self.palette = palette
        self.width = width
        self.blocks = blocks
        self.next_block = 0
        self.console = make_console(width)
        self.out = Layout(width, complete=not blocks, _layouter=self)

    def run(self, lines: int | None = None, seconds: float | None = None) -> None:
        deadline = time.perf_counter() + seconds if seconds is not None else None
        blocks, out = self.blocks, self.out
        while self.next_block < len(blocks):
            if lines is not None and len(out.lines) >= lines:
                return
            if deadline is not None and time.perf_counter() > deadline:
                return
            self._block(blocks[self.next_block])
            self.next_block += 1
        out.complete = True
        out._layouter = None

    def _block(self, block: Block) -> None:
        for _ in range(block.gap):
            self._emit(block.prefix_rest.copy().rstrip() if block.prefix_rest else Text(), [])
        if block.line is not None:
            self.out.sources.append((len(self.out.lines), block.line))
        first, rest = self._fit(block)
        available = self.width - max(first.cell_len, rest.cell_len)
        if block.kind == "heading" and block.section is not None:
            self.out.sections[block.section] = len(self.out.lines)
        body = self._render(block, available)
        for number, line in enumerate(body):
            self._emit(first if number == 0 else rest, line)

    def _fit(self, block: Block) -> tuple[Text, Text]:
        first, rest = block.prefix_first, block.prefix_rest
        if self.width - max(first.cell_len, rest.cell_len) < MIN_TEXT_WIDTH:
            marker = Text("» ", style=self.palette.quote_bar)
            return marker, marker
        return first, rest

    def _render(self, block: Block, width: int) -> list[list[Segment]]:
        console, palette = self.console, self.palette
        if block.kind in ("text", "heading"):
            assert block.text is not None
            lines = [text_segments(line, console) for line in wrap(block.text, width)]
            if block.kind == "heading" and block.level <= 2:
                rule = "━" if block.level == 1 else "─"
                lines.append([Segment(rule * min(width, max(block.text.cell_len, 1)), palette.rule)])
            return lines
        if block.kind == "rule":
            return [[Segment("─" * width, palette.rule)]]
        options = console.options.update(width=width)
        if block.kind == "code":
            from rich.syntax import Syntax  # pygments loads only for notes with code

            syntax = Syntax(
                block.code,
                block.language or "text",
                theme=palette.code_theme,
                word_wrap=True,
                padding=(0, 1),
                tab_size=4,
            )
            return console.render_lines(syntax, options, pad=False)
        if block.kind == "table":
            return console.render_lines(self._table(block), options, pad=False)
        return []

    def _table(self, block: Block) -> Table:
        table = Table(box=box.ROUNDED, border_style=self.palette.table_border, show_header=True, expand=False)
        header, *rows = block.rows or [[]]
        for column, cell in enumerate(header):
            align = block.aligns[column] if column < len(block.aligns) else "left"
            table.add_column(cell, justify=align if align in ("left", "center", "right") else "left")
        width = len(header)
        for row in rows:
            table.add_row(*(row + [Text()] * (width - len(row)))[:width] if width else row)
        return table

    def _emit(self, prefix: Text, body: list[Segment]) -> None:
        y = len(self.out.lines)
        segments = text_segments(prefix, self.console) + body if prefix else list(body)
        x = 0
        for segment in segments:
            length = cell_len(segment.text)
            style = segment.style
            meta = style.meta if style is not None else None
            if meta:
                for kind in LINK_KINDS:
                    if kind in meta:
                        self._span(kind, meta[kind], y, x, x + length)
                        break
            x += length
        self.out.lines.append(segments)

    def _span(self, kind: str, key: int | str, y: int, x0: int, x1: int) -> None:
        spans = self.out.by_line.setdefault(y, [])
        if spans and spans[-1].kind == kind and spans[-1].key == key and spans[-1].x1 == x0:
            previous = spans[-1]
            merged = LinkSpan(kind, key, y, previous.x0, x1)
            spans[-1] = self.out.spans[-1] = merged
            if self.out.first[(kind, key)] is previous:
                self.out.first[(kind, key)] = merged
            return
        span = LinkSpan(kind, key, y, x0, x1)
        spans.append(span)
        self.out.spans.append(span)
        self.out.first.setdefault((kind, key), span)
