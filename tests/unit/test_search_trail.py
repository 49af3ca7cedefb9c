"""The last search's trail: which hit `.` and `,` step to."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.index.search import Hit
from shownotes.core.index.trail import Trail


def hits(count: int) -> list[Hit]:
    return [Hit(f"n{i}.md", Path(f"n{i}.md"), f"N{i}", "c", 0, "", [], None, None, 1.0) for i in range(count)]


@pytest.mark.parametrize(
    ("count", "opened", "steps", "expected"),
    [
        (3, 0, [1, 1], [1, 2]),
        (3, 2, [1], [0]),  # past the last: around to the first
        (3, 0, [-1], [2]),
        (1, 0, [1, -1], [0, 0]),
        (3, 5, [1], [0]),  # no valid hit opened: the first one next
        (3, 5, [-1], [2]),  # ... or the last one backwards
    ],
)
def test_step(count: int, opened: int, steps: list[int], expected: list[int]) -> None:
    trail = Trail()
    trail.remember("q", hits(count), opened)
    found = [trail.step(step) for step in steps]
    assert [position for position, _hit in found] == expected
    assert all(hit.rel == f"n{position}.md" for position, hit in found)


def test_no_search_no_step() -> None:
    assert Trail().step(1) is None
    trail = Trail()
    trail.remember("nothing", [], 0)
    assert trail.step(-1) is None and trail.position is None
