"""The search box language: what reaches FTS5, and that nothing a user types can break it."""

from __future__ import annotations

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shownotes.core.index.search import (
    MAX_TERMS,
    Place,
    cited,
    match_channels,
    match_offset,
    parse_query,
    place,
    scope_line,
    snippet_pieces,
)

CASES = [
    # (typed, FTS5 expression, channel filter)
    ("pricing", '"pricing"', None),
    ("open source models", '"open" "source" "models"', None),
    ('"generative fill"', '"generative fill"', None),
    ('"generative fill"*', '"generative fill"*', None),
    ("compan*", '"compan"*', None),
    ("c*", '"c"', None),  # one-letter prefixes are plain words
    ("don't", '"don t"', None),
    ("café", '"café"', None),
    ("AND", '"AND"', None),
    ("a OR b", '"a" "OR" "b"', None),
    ("NOT pricing", '"NOT" "pricing"', None),
    ("NEAR(a b)", '"NEAR a" "b"', None),
    ("title:foo", '"title foo"', None),
    ("-pricing", '"pricing"', None),
    ("(pricing)", '"pricing"', None),
    ('"unbalanced quote', '"unbalanced" "quote"', None),
    ('one "two', '"one" "two"', None),
    ("^start", '"start"', None),
    ("channel:redpointai pricing", '"pricing"', "redpointai"),
    ("pricing CHANNEL:redpointai", '"pricing"', "redpointai"),
    ('channel:"Lex  Fridman" ai', '"ai"', "Lex Fridman"),
    ("channel: ai", '"channel" "ai"', None),
    ("channel:", '"channel"', None),
    ("", None, None),
    ("   ", None, None),
    ('"', None, None),
    ('""', None, None),
    ("*", None, None),
    ("-", None, None),
    (":", None, None),
    ("()", None, None),
    ("!!! ??? ...", None, None),
    ("\x00\x1b[31m", '"31m"', None),
    ("channel:redpointai", None, "redpointai"),
]


@pytest.mark.parametrize(("typed", "expected", "channel"), CASES)
def test_query_language(typed: str, expected: str | None, channel: str | None) -> None:
    query = parse_query(typed)
    assert query.fts() == expected
    assert query.channel == channel


def test_long_queries_are_capped() -> None:
    query = parse_query(" ".join(f"word{n}" for n in range(500)))
    assert len(query.terms) == MAX_TERMS


@given(st.text(max_size=80))
def test_any_text_is_a_valid_fts5_query(text: str) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE t USING fts5(a, tokenize = 'porter unicode61 remove_diacritics 2')")
    conn.execute("INSERT INTO t VALUES ('some text to match against')")
    expression = parse_query(text).fts()
    if expression is not None:
        assert isinstance(conn.execute("SELECT rowid FROM t WHERE t MATCH ?", (expression,)).fetchall(), list)


SNIPPETS = [
    # (FTS5 snippet output, pieces)
    ("plain text", (("plain text", False),)),
    ("a \x02hit\x03 here", (("a ", False), ("hit", True), (" here", False))),
    ("\x02one\x03 \x02two\x03", (("one", True), (" ", False), ("two", True))),
    ("line\nbreak\tand  spaces", (("line break and spaces", False),)),
    ("\x02a\x03\x02b\x03", (("ab", True),)),
    ("", ()),
]


@pytest.mark.parametrize(("marked", "pieces"), SNIPPETS)
def test_snippet_pieces(marked: str, pieces: tuple) -> None:
    assert snippet_pieces(marked) == pieces


OFFSETS = [
    # (body, snippet, offset of the first match)
    ("alpha beta gamma", "alpha \x02beta\x03 gamma", 6),
    ("alpha beta gamma delta", "…\x02beta\x03 gamma…", 6),
    ("x beta beta", "x \x02beta\x03 \x02beta\x03", 2),
    ("alpha beta", "alpha beta", None),  # no match in the snippet
    ("alpha beta", "\x02zzz\x03", None),  # snippet not in the body
]


@pytest.mark.parametrize(("body", "marked", "offset"), OFFSETS)
def test_match_offset(body: str, marked: str, offset: int | None) -> None:
    assert match_offset(body, marked) == offset


STAMPS = [(10, 100), (30, 130), (60, 160)]
CITED = [
    # (match offset, section end, section fallback, seconds)
    (5, 50, None, 100),  # the timestamp after the sentence cites it
    (10, 50, None, 100),
    (15, 50, None, 130),
    (40, 50, 7, 130),  # nothing after it in the section: the one before
    (40, 70, 7, 160),
    (70, 100, 7, 160),
]


@pytest.mark.parametrize(("offset", "end", "fallback", "seconds"), CITED)
def test_cited_timestamp(offset: int, end: int, fallback: int | None, seconds: int) -> None:
    assert cited(STAMPS, offset, end, fallback) == seconds


BODY = "intro words\n\nfirst section text\n\nsecond section text"
STARTS = [(0, 0, None), (13, 1, 5), (33, 2, 9)]
HEADINGS = [(2, "First", 1), (2, "Second", 2)]
PLACES = [
    # (snippet of the body, highlighted headings, section, seconds)
    ("first \x02section\x03 text", "First\nSecond", 1, 5),
    ("second \x02section\x03 text", "First\nSecond", 2, 9),
    ("", "First\n\x02Second\x03", 2, 9),  # matched a heading only
    ("", "First\nSecond", 0, None),  # matched the title only: the first section with text
]


@pytest.mark.parametrize(("marked", "headings", "section", "seconds"), PLACES)
def test_place(marked: str, headings: str, section: int, seconds: int | None) -> None:
    found = place(BODY, marked, headings, HEADINGS, STARTS, [])
    assert isinstance(found, Place)
    assert (found.section, found.seconds) == (section, seconds)
    assert found.snippet


@pytest.mark.parametrize(
    ("name", "channels", "expected"),
    [
        ("hubermanlab", ["hubermanlab", "lexfridman"], ["hubermanlab"]),
        ("huberman", ["hubermanlab", "lexfridman"], ["hubermanlab"]),  # the folder's name begins so
        ("HUBER", ["hubermanlab", "Huberman Clips"], ["Huberman Clips", "hubermanlab"]),
        ("fridman", ["hubermanlab", "lexfridman"], ["lexfridman"]),  # inside the name
        ("lex", ["lex", "lexfridman"], ["lex"]),  # the one so named wins over those it begins
        ("zzz", ["hubermanlab"], []),
        ("  ", ["hubermanlab"], []),
    ],
)
def test_match_channels(name: str, channels: list[str], expected: list[str]) -> None:
    assert match_channels(name, channels) == expected


@pytest.mark.parametrize(
    ("name", "channels", "expected"),
    [
        ("huberman", ["hubermanlab"], "in hubermanlab"),
        ("a", ["a1", "a2", "a3", "a4", "a5"], "in a1, a2, a3 and 2 more"),
        ("zzz", [], "no channel matches 'zzz'"),
        ("\x1b[2J", [], "no channel matches '␛[2J'"),
    ],
)
def test_scope_line(name: str, channels: list[str], expected: str) -> None:
    assert scope_line(name, channels) == expected
