"""The search box language, turned into an FTS5 query that cannot be a syntax error.

Words (all must match), `"a phrase"`, `prefix*` (two characters at least) and `channel:NAME`
(or `channel:"Two words"`). Everything else is plain words: operators, parentheses, column
filters and stray quotes are never passed to FTS5, because every term is sent as a quoted
string holding only the letters and digits FTS5's unicode61 tokenizer would keep anyway.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
