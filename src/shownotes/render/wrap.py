"""Word wrapping that breaks only at plain spaces, so `▶\u00a000:12:45` never splits."""

from __future__ import annotations

import re

from rich.cells import cell_len, chop_cells
from rich.text import Text

_WORD = re.compile(r" *[^ ]+ *")


def _single_width(plain: str) -> bool:
    return plain.isascii() or all(cell_len(ch) == 1 for ch in set(plain))


def break_offsets(plain: str, width: int) -> list[int]:
    """Character offsets where a single line of text must break to fit `width` cells."""
    if _single_width(plain):
        return _break_offsets(plain, width, len)
    return _break_offsets(plain, width, cell_len)


def _break_offsets(plain: str, width: int, cell_len) -> list[int]:
    offsets: list[int] = []
    position = 0
    for match in _WORD.finditer(plain):
        start, word = match.start(), match.group(0)
        length = cell_len(word.rstrip(" "))
        if position + length <= width:
            position += cell_len(word)
            continue
        if length > width:
            pieces = chop_cells(word, width) if cell_len is not len else [word[i : i + width] for i in range(0, len(word), width)]
            for number, piece in enumerate(pieces):
                if start and (number or position):
                    offsets.append(start)
                start += len(piece)
            position = cell_len(pieces[-1]) if pieces else 0
        elif position and start:
            offsets.append(start)
            position = cell_len(word)
        else:
            position += cell_len(word)
    return offsets


def wrap(text: Text, width: int) -> list[Text]:
    """Lines of `text` no wider than `width`; newlines are hard breaks."""
    width = max(width, 1)
    lines: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        plain = line.plain
        if len(plain) <= width and _single_width(plain):
            line.rstrip()
            lines.append(line)
            continue
        for piece in line.divide(break_offsets(plain, width)):
            piece.rstrip()
            lines.append(piece)
    return lines
