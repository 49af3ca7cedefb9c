"""Text safety: repair mojibake and make untrusted text harmless to show in a terminal.

Everything a note carries (body, frontmatter values, file and folder names) passes through
here before it is parsed, indexed or displayed, so no control byte or bidi override from a
note can reach the terminal raw, and no character whose width rich and the terminal disagree on
(tag characters, unassigned code points) can shift a line.
"""

from __future__ import annotations

import re
import unicodedata

# A UTF-8 lead byte read as cp1252/latin-1 followed by a continuation byte read the same way:
# the fingerprint of mojibake such as "â€”". Only lines that carry it are handed to ftfy.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030"
    "\u0160\u2039\u0152\u017d\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161"
    "\u203a\u0153\u017e\u0178]"
)

_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides: shown
_BIDI_SILENT = "\u2066\u2067\u2068\u2069\u200e\u200f\u061c"  # isolates and marks: dropped
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u180e\u3164\uffa0"  # + Hangul fillers: zero width to rich, not to terminals


def _build_table(keep_newlines: bool) -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    for code in range(0x20):
        table[code] = chr(0x2400 + code)  # control pictures: ␀ ... ␛ ... ␟
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = f"\\x{code:02x}"
    for ch in _BIDI_CONTROLS:
        table[ord(ch)] = f"<U+{ord(ch):04X}>"
    for ch in _BIDI_SILENT + _ZERO_WIDTH:
        table[ord(ch)] = None
    for code in range(0xD800, 0xE000):  # lone surrogates: a file name's undecodable bytes, shown
        table[code] = f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code < 0xDD00 else "\ufffd"
    table[ord("\u2028")] = "\n" if keep_newlines else " "
    table[ord("\u2029")] = "\n" if keep_newlines else " "
    if keep_newlines:
        del table[ord("\n")]
        del table[ord("\t")]  # the markdown parser needs tabs; the renderer expands them
    else:
        table[ord("\n")] = " "
        table[ord("\t")] = " "
    return table


_TEXT_TABLE = _build_table(keep_newlines=True)
_LINE_TABLE = _build_table(keep_newlines=False)
_UNSAFE_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f" + _BIDI_CONTROLS + _BIDI_SILENT + _ZERO_WIDTH + "\u2028\u2029\ud800-\udfff]"
)
_UNSAFE_LINE = re.compile(
    "[\x00-\x1f\x7f-\x9f" + _BIDI_CONTROLS + _BIDI_SILENT + _ZERO_WIDTH + "\u2028\u2029\ud800-\udfff]"
)


# Everything but blocks assigned in full since Unicode 8 (Latin, punctuation, currency, letterlike, arrows,
# technical): what prose is made of never needs a lookup.
_MAYBE_DISPUTED = re.compile("[^\x00-\u0377\u2010-\u205e\u20a0-\u20bf\u2100-\u218b\u2190-\u2426]")
_TAGS = range(0xE0000, 0xE0080)  # invisible; rich counts 0 cells, some terminals 1


def _width_fixes(text: str) -> dict[int, str | None]:
    """Tag characters (dropped) and unassigned code points (rich counts 1 or 2 cells, tmux 0: shown as
    U+FFFD, one cell to both) in `text`. Each distinct character is looked up once."""
    if text.isascii():
        return {}
    fixes: dict[int, str | None] = {}
    for ch in set(_MAYBE_DISPUTED.findall(text)):
        code = ord(ch)
        if code in _TAGS:
            fixes[code] = None
        elif unicodedata.category(ch) == "Cn":
            fixes[code] = "\ufffd"
    return fixes


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def safe_text(text: str) -> str:
    """Multi-line text made safe for a terminal: newlines kept, tabs kept, controls shown."""
    text = normalize_newlines(text)
    if _UNSAFE_TEXT.search(text) is not None:
        text = text.translate(_TEXT_TABLE)
    fixes = _width_fixes(text)
    return text.translate(fixes) if fixes else text


def safe_line(text: str) -> str:
    """A single-line value (title, name, path) made safe: newlines and tabs become spaces."""
    if _UNSAFE_LINE.search(text) is not None:
        text = normalize_newlines(text).translate(_LINE_TABLE)
    fixes = _width_fixes(text)
    return text.translate(fixes) if fixes else text


def is_safe(text: str) -> bool:
    """True when the text holds no control byte, bidi control, zero-width character, or character of
    disputed width."""
    return _UNSAFE_TEXT.search(text) is None and not _width_fixes(text)


def repair(text: str) -> str:
    """Repair mojibake line by line; a clean text comes back as the same object."""
    if text.isascii() or _MOJIBAKE.search(text) is None:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if _MOJIBAKE.search(line):
            lines[number] = _round_trip(line) or _ftfy_fix(line)
    return "\n".join(lines)


def _round_trip(line: str) -> str | None:
    """The common case, UTF-8 read as Windows-1252, undone exactly; None when it is not that case.

    Strict in both directions: a line that also holds real non-ASCII text, or bytes cp1252 does not
    define, fails here and goes to ftfy, which weighs mixed cases. Saves importing ftfy at startup.
    """
    try:
        fixed = line.encode("cp1252").decode("utf-8")
    except UnicodeError:
        return None
    return fixed if _MOJIBAKE.search(fixed) is None else None


def _ftfy_fix(line: str) -> str:
    import ftfy

    return ftfy.fix_encoding(line)


def clean(text: str) -> str:
    """The one entry for note text: newlines normalised, mojibake repaired, controls made visible."""
    return safe_text(repair(normalize_newlines(text)))


def clean_line(text: str) -> str:
    """The one entry for single-line values from a note or the file system."""
    return safe_line(repair(text))


_KEY_TOKEN = re.compile("<U\\+([0-9A-F]{4,6})>")


def path_key(raw: str) -> str:
    """A file's relative path as shownotes names it (`rel`): the path itself when it is safe to show,
    else every character the display would drop or change spelled `<U+XXXX>` (an undecodable byte is
    `<U+DCxx>`), so two real paths never become one name, and the name is valid UTF-8 to store."""
    if _UNSAFE_LINE.search(raw) is None and "<U+" not in raw and not _width_fixes(raw):
        return raw
    out = []
    for at, ch in enumerate(raw):
        if ch == "<" and raw.startswith("U+", at + 1):  # a literal token in a name is spelled too
            out.append("<U+003C>")
        elif safe_line(ch) != ch:
            out.append(f"<U+{ord(ch):04X}>")
        else:
            out.append(ch)
    return "".join(out)


def path_of_key(rel: str) -> str:
    """The real relative path a `path_key` names (surrogates for undecodable bytes, as os.fsdecode gives)."""
    return _KEY_TOKEN.sub(lambda match: chr(int(match.group(1), 16)), rel) if "<U+" in rel else rel


def shown_key(rel: str) -> str:
    """How a `path_key` reads to a person: the real name, sanitised for display only."""
    return clean_line(path_of_key(rel))
