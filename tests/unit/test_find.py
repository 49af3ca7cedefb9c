"""Find in a note: literal, smart-case matches over laid-out lines, stepping and the bar's label."""

from __future__ import annotations

import pytest

from shownotes.core.find import Haystack, case_sensitive, label, step

LINES = [
    "Intro ▶\u00a000:00:05 and the Model",
    "",
    "a model, a MODEL, models",
    "price: $5.00 (approx.) [x]",
    "日本語 model",
    "aaaaa",
]

# (query, expected (line, start, end) matches)
MATCH_CASES = [
    ("model", [(0, 25, 30), (2, 2, 7), (2, 11, 16), (2, 18, 23), (4, 4, 9)]),
    ("Model", [(0, 25, 30)]),
    ("MODEL", [(2, 11, 16)]),
    ("", []),
    ("absent", []),
    ("$5.00", [(3, 7, 12)]),
    (".", [(3, 9, 10), (3, 20, 21)]),
    ("(approx.)", [(3, 13, 22)]),
    ("[x]", [(3, 23, 26)]),
    ("a.", []),
    ("00:00:05", [(0, 8, 16)]),
    ("▶ 00", [(0, 6, 10)]),  # a typed space matches the renderer's no-break space
    ("日本", [(4, 0, 2)]),
    ("l\nm", []),
    ("s", [(2, 23, 24)]),
    ("THE", []),
    ("the", [(0, 21, 24)]),
    ("aa", [(5, 0, 2), (5, 2, 4)]),
]


@pytest.mark.parametrize(("query", "expected"), MATCH_CASES, ids=[repr(c[0]) for c in MATCH_CASES])
def test_matches(query: str, expected: list[tuple[int, int, int]]) -> None:
    found = Haystack.of(LINES).find(query)
    got = [(line, start, end) for _i, line, start, end in found.on_lines(0, len(LINES) - 1)]
    assert got == expected
    assert len(found) == len(expected)
    assert [found.line_of(i) for i in range(len(found))] == [line for line, _s, _e in expected]
    for line, start, end in got:
        assert LINES[line][start:end].replace("\u00a0", " ").lower() == query.lower()


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 7, 64])
@pytest.mark.parametrize(("query", "expected"), MATCH_CASES, ids=[repr(c[0]) for c in MATCH_CASES])
def test_matches_do_not_depend_on_the_slices_scanned(query: str, expected: list[tuple[int, int, int]], chunk: int) -> None:
    found = Haystack.of(LINES).find(query, chunk=chunk)
    assert [(line, start, end) for _i, line, start, end in found.on_lines(0, len(LINES) - 1)] == expected


# (first line, last line, expected match indexes) for "model"
WINDOW_CASES = [
    (0, 0, [0]),
    (1, 1, []),
    (1, 2, [1, 2, 3]),
    (2, 4, [1, 2, 3, 4]),
    (4, 10, [4]),
    (5, 9, []),
    (3, 2, []),
]


@pytest.mark.parametrize(("first", "last", "expected"), WINDOW_CASES)
def test_matches_on_visible_lines(first: int, last: int, expected: list[int]) -> None:
    found = Haystack.of(LINES).find("model")
    assert [index for index, *_ in found.on_lines(first, last)] == expected


# (query, line, expected first match at or below the line, wrapping to the top)
FROM_CASES = [
    ("model", 0, 0),
    ("model", 1, 1),
    ("model", 3, 4),
    ("Model", 1, 0),
    ("model", 99, 0),
    ("absent", 0, None),
]


@pytest.mark.parametrize(("query", "line", "expected"), FROM_CASES)
def test_first_match_from_a_line(query: str, line: int, expected: int | None) -> None:
    assert Haystack.of(LINES).find(query).first_from(line) == expected


# (current, count, direction, expected)
STEP_CASES = [
    (0, 3, 1, 1),
    (2, 3, 1, 0),
    (0, 3, -1, 2),
    (1, 3, -1, 0),
    (None, 3, 1, 0),
    (None, 3, -1, 2),
    (0, 1, 1, 0),
    (None, 0, 1, None),
    (0, 0, -1, None),
]


@pytest.mark.parametrize(("current", "count", "direction", "expected"), STEP_CASES)
def test_step_wraps_around(current: int | None, count: int, direction: int, expected: int | None) -> None:
    assert step(current, count, direction) == expected


# (query, complete, current, expected label)
LABEL_CASES = [
    ("model", True, 0, "1/5"),
    ("model", True, 4, "5/5"),
    ("model", False, 2, "3/5+"),
    ("absent", True, None, "no match"),
    ("absent", False, None, "no match yet"),
    ("", True, None, ""),
]


@pytest.mark.parametrize(("query", "complete", "current", "expected"), LABEL_CASES)
def test_label(query: str, complete: bool, current: int | None, expected: str) -> None:
    assert label(current, Haystack.of(LINES).find(query, complete)) == expected


@pytest.mark.parametrize(("query", "expected"), [("model", False), ("Model", True), ("1:00", False), ("ÉTÉ", True), ("été", False)])
def test_smart_case(query: str, expected: bool) -> None:
    assert case_sensitive(query) is expected


def test_no_found_has_no_label() -> None:
    assert label(None, None) == ""
