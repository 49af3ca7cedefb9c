"""What may never reach a terminal from a note, checked independently of the sanitiser under test."""

from __future__ import annotations

import re

C0 = {chr(code) for code in range(0x20)}
C1 = {chr(code) for code in range(0x80, 0xA0)}
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
ZERO_WIDTH = set("\u200b\u200c\u200d\u2060\ufeff\u180e\u3164\uffa0")  # fillers: rich says 0 cells, terminals 1-2
FORBIDDEN = C0 | C1 | BIDI | ZERO_WIDTH | {"\x7f", "\u2028", "\u2029"}

# What rich itself writes to a terminal: colours and styles (SGR) and OSC 8 hyperlinks.
_SGR = re.compile(r"\x1b\[[0-9;]*m")
OSC8 = re.compile(r"\x1b\]8;([^;\x07\x1b]*);([^\x07\x1b]*)\x1b\\")


def forbidden(text: str, allow: str = "") -> list[str]:
    """Characters of `text` that must not reach a terminal (lone surrogates included), in order."""
    return [ch for ch in text if (ch in FORBIDDEN or "\ud800" <= ch <= "\udfff") and ch not in allow]


def forbidden_in_output(data: bytes, allow: str = "\n\t") -> list[str]:
    """Bytes a program wrote: valid UTF-8 (a raw 0x9b is a C1 control to some terminals), nothing forbidden."""
    text = data.decode("utf-8")  # raises on any byte that is not UTF-8
    return forbidden(text, allow)


def strip_own_escapes(text: str) -> tuple[str, list[str]]:
    """A styled terminal print without the escapes rich writes; the OSC 8 link targets it wrote."""
    targets = [match.group(2) for match in OSC8.finditer(text)]
    return _SGR.sub("", OSC8.sub("", text)), targets
