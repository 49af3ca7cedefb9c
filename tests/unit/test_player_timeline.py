"""An episode's combined timeline, the moment at a playing time, and the note that covers it."""

from __future__ import annotations

import pytest

from shownotes.core import Library
from shownotes.core.player.timeline import (
    Moment,
    covering,
    current_moment,
    episode_timeline,
    moments_of,
)


def moment(note: str, seconds: int, index: int = 0) -> Moment:
    return Moment(seconds, note, note.upper(), f"section of {note}", f"said at {seconds}", index)


CURRENT_CASES = [
    ([], 10, None),
    ([10, 20, 30], None, None),
    ([10, 20, 30], 5, None),
    ([10, 20, 30], 10, 0),
    ([10, 20, 30], 19.99, 0),
    ([10, 20, 30], 20, 1),
    ([10, 20, 30], 31, 2),
    ([10, 20, 30], 10_000, 2),
    ([10, 10, 20], 10, 1),
    ([0], 0.0, 0),
]


@pytest.mark.parametrize(("seconds", "playing", "index"), CURRENT_CASES)
def test_current_moment(seconds: list[float], playing: float | None, index: int | None) -> None:
    assert current_moment(seconds, playing) == index


def test_the_timeline_is_in_time_order_across_notes() -> None:
    a = [moment("a", 30, 0), moment("a", 10, 1), moment("a", 50, 2)]
    b = [moment("b", 20, 0), moment("b", 50, 1)]
    timeline = episode_timeline([*a, *b])
    assert [(m.note, m.seconds) for m in timeline] == [("a", 10), ("b", 20), ("a", 30), ("a", 50), ("b", 50)]


# Notes a: 100..300, b: 250..600, c: 800..900 (a gap from 600 to 800).
EPISODE = episode_timeline(
    [moment("a", 100), moment("a", 200, 1), moment("a", 300, 2), moment("b", 250), moment("b", 600, 1),
     moment("c", 800), moment("c", 900, 1)]
)
COVER_CASES = [
    ("current stays while its moments bracket", 150, "a", "a"),
    ("overlap: the current one stays", 280, "a", "a"),
    ("overlap: the current one stays (other side)", 280, "b", "b"),
    ("past the current's last moment: the sibling", 350, "a", "b"),
    ("no current: the one bracketing", 150, None, "a"),
    ("no current, overlap: latest moment before wins", 280, None, "b"),
    ("in a gap: the note of the last moment before", 700, "a", "b"),
    ("past everything: the last note", 5000, "a", "c"),
    ("before every moment: the current", 10, "b", "b"),
    ("before every moment, no current", 10, None, None),
    ("no time: the current", None, "c", "c"),
    ("an unknown current is not kept", 850, "zzz", "c"),
    ("exactly on a boundary", 800, "b", "c"),
]


@pytest.mark.parametrize(
    ("playing", "current", "expected"), [c[1:] for c in COVER_CASES], ids=[c[0] for c in COVER_CASES]
)
def test_covering(playing: float | None, current: str | None, expected: str | None) -> None:
    assert covering(EPISODE, playing, current) == expected


def test_covering_an_empty_timeline_keeps_the_current() -> None:
    assert covering((), 10, "a") == "a"


def test_moments_of_a_parsed_note() -> None:
    note = Library.open().notes[0]
    outline = note.parse().outline
    moments = moments_of(note.rel, note.title, outline)
    assert len(moments) == len(outline.timestamps) == 75
    titles = {section.title for section in outline.sections}
    assert all(m.note == note.rel and m.title == note.title and m.section in titles for m in moments)
    assert [m.index for m in moments] == [t.index for t in outline.timestamps]
