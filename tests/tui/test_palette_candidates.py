"""Which titles the go-to-note palette scores: one table, each case a line."""

from __future__ import annotations

import pytest

from shownotes.tui.commands import MAX_HITS, title_candidates

TITLES = [
    "a l p h a, spread out",  # 0: the letters of "alpha" in order, not together
    "alpha beta",  # 1
    "zeta",  # 2
    "c++ [draft] (1)",  # 3: characters a regex would read as syntax
    "naïve café",  # 4
    "beta alpha",  # 5
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("alpha", [1, 5, 0]),  # as written first, then letters in order
        ("ALPHA", [1, 5, 0]),  # case does not matter
        ("abt", [1]),  # letters in order only
        ("zeta", [2]),
        ("c++ [", [3]),
        ("(1)", [3]),
        ("]", [3]),
        ("^", []),
        ("-", []),
        ("café", [4]),
        ("nvc", [4]),
        ("qqq", []),
        ("   ", []),
    ],
)
def test_title_candidates(query: str, expected: list[int]) -> None:
    assert title_candidates(TITLES, query) == expected


def test_title_candidates_stop_at_the_limit_with_the_closest_first() -> None:
    titles = [f"x{n} s p r e a d" for n in range(500)] + [f"spread {n}" for n in range(MAX_HITS)]
    found = title_candidates(titles, "spread", limit=100)
    assert found == list(range(500, 500 + MAX_HITS))  # enough written-as-is matches: nothing else scored
    fewer = title_candidates(titles[: 500 + 3], "spread", limit=100)
    assert fewer[:3] == [500, 501, 502] and len(fewer) == 100 and fewer[3:] == list(range(97))


WORDS = ["Wordle strategies and optimal openers", "optimal wordle", "Optimal Foraging", "wordless"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("optimal wordle", [1, 0]),  # as written first, then its words in any order
        ("wordle optimal", [0, 1]),
        ("openers wordle", [0]),
        ("optimal", [0, 1, 2]),
        ("optimal zebra", []),  # every word must be there
    ],
)
def test_title_candidates_take_words_in_any_order(query: str, expected: list[int]) -> None:
    assert title_candidates([title.lower() for title in WORDS], query) == expected


@pytest.mark.parametrize(
    ("query", "title", "matches"),
    [
        ("optimal wordle", "Wordle strategies and optimal openers", True),
        ("wordle optimal", "Wordle strategies and optimal openers", True),
        ("optimal zebra", "Wordle strategies and optimal openers", False),
        ("alcohol does", "What Alcohol Does to Your Body", True),
    ],
)
def test_word_score_needs_every_word_in_any_order(query: str, title: str, matches: bool) -> None:
    from textual.fuzzy import Matcher

    from shownotes.tui.commands import word_score

    assert (word_score([Matcher(word) for word in query.split()], title) > 0) is matches
