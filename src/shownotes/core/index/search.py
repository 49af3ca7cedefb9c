"""Searching the index: the search-box language turned into an FTS5 query that cannot be a syntax
error, and each hit placed: which section of a note matched, the timestamp that cites it, a snippet.

Words (all must match), `"a phrase"`, `prefix*` (two characters at least) and `channel:NAME`
(or `channel:"Two words"`). Everything else is plain words: operators, parentheses, column
filters and stray quotes are never passed to FTS5, because every term is sent as a quoted
string holding only the letters and digits FTS5's unicode61 tokenizer would keep anyway.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path

from ..textsafe import safe_line
from ..timecode import deep_link

MAX_QUERY_CHARS = 1000
MAX_TERMS = 32
MIN_PREFIX = 2

_TOKEN = re.compile(r"[^\W_]+")
_CHANNEL = re.compile(r"channel:", re.IGNORECASE)


@dataclass(frozen=True)
class Term:
    tokens: tuple[str, ...]
    prefix: bool = False

    def fts(self) -> str:
        # tokens hold only letters and digits, so no quote can need escaping
        return '"' + " ".join(self.tokens) + '"' + ("*" if self.prefix else "")


@dataclass(frozen=True)
class Query:
    terms: tuple[Term, ...]
    channel: str | None = None

    def fts(self) -> str | None:
        """The FTS5 MATCH expression, or None when nothing is left to search for."""
        if not self.terms:
            return None
        return " ".join(term.fts() for term in self.terms)

    @property
    def words(self) -> list[str]:
        return [token for term in self.terms for token in term.tokens]


def tokens(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text))


def _term(text: str, prefix: bool) -> Term | None:
    found = tokens(text)
    if not found:
        return None
    prefix = prefix and len(found[-1]) >= MIN_PREFIX
    return Term(found, prefix)


def _word_end(text: str, start: int) -> int:
    end = start
    while end < len(text) and not text[end].isspace() and text[end] != '"':
        end += 1
    return end


def parse_query(text: str) -> Query:
    """Never raises; an empty or meaningless query has no terms."""
    text = text[:MAX_QUERY_CHARS] if isinstance(text, str) else ""
    terms: list[Term] = []
    channel: str | None = None
    position = 0
    while position < len(text) and len(terms) < MAX_TERMS:
        char = text[position]
        if char.isspace():
            position += 1
            continue
        if _CHANNEL.match(text, position):
            value, end = _channel_value(text, position + len("channel:"))
            if value:
                channel, position = value, end
                continue
        if char == '"':
            close = text.find('"', position + 1)
            if close < 0:  # an unbalanced quote is only a separator
                position += 1
                continue
            star = close + 1 < len(text) and text[close + 1] == "*"
            term = _term(text[position + 1 : close], star)
            position = close + (2 if star else 1)
        else:
            end = _word_end(text, position)
            word = text[position:end]
            term = _term(word, word.endswith("*"))
            position = end
        if term is not None:
            terms.append(term)
    return Query(tuple(terms), channel)


def _channel_value(text: str, start: int) -> tuple[str, int]:
    if start < len(text) and text[start] == '"':
        close = text.find('"', start + 1)
        if close > start + 1:
            return " ".join(text[start + 1 : close].split()), close + 1
        return "", start
    end = start
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip('"'), end


MATCH_START = "\x02"  # only in FTS5 output; a Hit's snippet never carries them
MATCH_END = "\x03"
ELLIPSIS = "…"
SNIPPET_TOKENS = 16
_MARKERS = re.compile(f"([{MATCH_START}{MATCH_END}])")
_SPACES = re.compile(r"\s+")

Pieces = tuple[tuple[str, bool], ...]


@dataclass(frozen=True)
class Hit:
    rel: str
    path: Path
    title: str
    channel: str
    section: int  # Section.index in the note's outline (0: before the first heading)
    section_title: str
    snippet: Pieces  # (text, is_match) pieces on one line, free of control characters
    seconds: int | None  # the timestamp that cites the match, else the section's, else None
    video_id: str | None
    score: float  # higher is better

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _match in self.snippet)

    def marked(self, start: str = "**", end: str = "**") -> str:
        return "".join(f"{start}{text}{end}" if match else text for text, match in self.snippet)

    @property
    def link(self) -> str | None:
        return deep_link(self.video_id, self.seconds) if self.seconds is not None else None


@dataclass(frozen=True)
class Place:
    section: int
    section_title: str
    seconds: int | None
    snippet: Pieces


def match_channels(name: str, channels: list[str]) -> list[str]:
    """The channels `channel:NAME` means, ignoring case: the one so named, else those it begins, else
    those holding it (`huberman` finds `hubermanlab`, `fridman` finds `lexfridman`)."""
    wanted = name.casefold().strip()
    if not wanted:
        return []
    folded = sorted((channel.casefold(), channel) for channel in channels)
    for test in (str.__eq__, str.startswith, str.__contains__):
        found = [channel for key, channel in folded if test(key, wanted)]
        if found:
            return found
    return []


def scope_line(name: str, channels: list[str]) -> str:
    """What `channel:NAME` kept, in words: the channels it matched, or that none did."""
    if not channels:
        return f"no channel matches {safe_line(name)!r}"
    shown = ", ".join(safe_line(channel) for channel in channels[:3])
    more = f" and {len(channels) - 3} more" if len(channels) > 3 else ""
    return f"in {shown}{more}"


def snippet_pieces(marked: str) -> Pieces:
    """FTS5 snippet output as (text, is_match) pieces on one line, with no control character left."""
    pieces: list[tuple[str, bool]] = []
    inside = False
    for part in _MARKERS.split(marked):
        if part == MATCH_START:
            inside = True
        elif part == MATCH_END:
            inside = False
        elif part:
            text = safe_line(_SPACES.sub(" ", part))
            if pieces and pieces[-1][1] == inside:
                pieces[-1] = (pieces[-1][0] + text, inside)
            else:
                pieces.append((text, inside))
    return tuple(pieces)


def lead_pieces(text: str) -> Pieces:
    """The opening words of a text, for a hit whose match is in a title or heading only."""
    words = text[: SNIPPET_TOKENS * 40].split()
    shown = " ".join(words[:SNIPPET_TOKENS])
    if not shown:
        return ()
    return ((safe_line(shown) + (ELLIPSIS if len(words) > SNIPPET_TOKENS else ""), False),)


def match_offset(body: str, marked: str) -> int | None:
    """Where in the body the snippet's first match starts; None when the snippet holds no match."""
    first = marked.find(MATCH_START)
    if first < 0:
        return None
    plain = marked.replace(MATCH_START, "").replace(MATCH_END, "")
    lead = 1 if plain.startswith(ELLIPSIS) and not body.startswith(ELLIPSIS) else 0
    trail = 1 if plain.endswith(ELLIPSIS) and len(plain) > lead else 0
    start = body.find(plain[lead : len(plain) - trail])
    if start < 0:
        return None
    return start + len(marked[:first].replace(MATCH_END, "")) - lead


def place(
    body: str,
    marked_body: str,
    marked_headings: str,
    headings: list[tuple[int, str, int]],
    starts: list[tuple[int, int, int | None]],
    stamps: list[tuple[int, int]],
) -> Place:
    """The section a hit belongs to and its timestamp: where the body snippet matched, else the
    first heading that matched, else the first section with text."""
    titles = {index: title for _level, title, index in headings}
    if not starts:
        return Place(0, "", None, snippet_pieces(marked_body))
    offsets = [offset for offset, _index, _seconds in starts]
    offset = match_offset(body, marked_body)
    if offset is not None:
        at = max(0, bisect.bisect_right(offsets, offset) - 1)
        _start, index, seconds = starts[at]
        end = next((o for o in offsets[at + 1 :] if o > offset), len(body))
        return Place(index, titles.get(index, ""), cited(stamps, offset, end, seconds), snippet_pieces(marked_body))
    lines = marked_headings.split("\n") if marked_headings else []
    line = next((n for n, text in enumerate(lines) if MATCH_START in text), None)
    if line is not None and line < len(headings):
        at = next((n for n, entry in enumerate(starts) if entry[1] == headings[line][2]), 0)
    else:
        at = next((n for n, entry in enumerate(starts) if entry[0] < len(body) and _has_text(body, starts, n)), 0)
    start, index, seconds = starts[at]
    end = starts[at + 1][0] if at + 1 < len(starts) else len(body)
    return Place(index, titles.get(index, ""), seconds, lead_pieces(body[start:end]) or lead_pieces(body[start:]))


def _has_text(body: str, starts: list[tuple[int, int, int | None]], n: int) -> bool:
    end = starts[n + 1][0] if n + 1 < len(starts) else len(body)
    return bool(body[starts[n][0] : end].strip())


def cited(stamps: list[tuple[int, int]], offset: int, end: int, fallback: int | None) -> int | None:
    """Timestamps follow the sentence they cite: the first one after the match (in its section),
    else the last one before it, else the section's own."""
    keys = [at for at, _seconds in stamps]
    after = bisect.bisect_left(keys, offset)
    if after < len(stamps) and stamps[after][0] < end:
        return stamps[after][1]
    if after > 0:
        return stamps[after - 1][1]
    return fallback
