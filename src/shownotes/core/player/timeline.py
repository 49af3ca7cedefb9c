"""An episode's moments in time order across all its notes, and which note covers a playing time."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..notes.note import Note
from ..notes.outline import Outline


@dataclass(frozen=True)
class Moment:
    seconds: int
    note: str  # the note's rel path: what identifies it in the library
    title: str
    section: str
    context: str
    index: int = 0  # the timestamp's ordinal within its note


def moments_of(note: str, title: str, outline: Outline) -> list[Moment]:
    """A parsed note's timestamps as moments, each with the title of the section it is in."""
    titles = {section.index: section.title for section in outline.sections}
    return [
        Moment(stamp.seconds, note, title, titles.get(stamp.section, ""), stamp.context, stamp.index)
        for stamp in outline.timestamps
    ]


def episode_timeline(moments: Iterable[Moment]) -> tuple[Moment, ...]:
    """All moments in time order; at equal times the notes keep the order given, a note its own order."""
    listed = list(moments)
    order: dict[str, int] = {}
    for moment in listed:
        order.setdefault(moment.note, len(order))
    return tuple(sorted(listed, key=lambda m: (m.seconds, order[m.note], m.index)))


def current_moment(sorted_seconds: Sequence[float], playing: float | None) -> int | None:
    """Index of the last moment at or before the playing time; None before the first or with no time."""
    if playing is None:
        return None
    index = bisect_right(sorted_seconds, playing) - 1
    return index if index >= 0 else None


def note_ranges(timeline: Sequence[Moment]) -> dict[str, tuple[int, int]]:
    """Each note's first and last moment, in the order the notes first appear."""
    ranges: dict[str, tuple[int, int]] = {}
    for moment in timeline:
        first, last = ranges.get(moment.note, (moment.seconds, moment.seconds))
        ranges[moment.note] = (min(first, moment.seconds), max(last, moment.seconds))
    return ranges


def covering(timeline: Sequence[Moment], playing: float | None, current: str | None = None) -> str | None:
    """The note to show while the episode plays at `playing`.

    The current note stays while its own moments bracket the time. Past them, the sibling whose
    moments bracket it (the one with the latest moment before it when several do); in a gap between
    notes or past them all, the note of the last moment before it; before every moment, the current.
    """
    if playing is None or not timeline:
        return current
    ranges = note_ranges(timeline)
    if current in ranges:
        first, last = ranges[current]
        if first <= playing <= last:
            return current
    latest: dict[str, int] = {}
    for moment in timeline:
        if moment.seconds <= playing:
            latest[moment.note] = moment.seconds
    bracketing = [(latest.get(note, -1), -rank, note) for rank, (note, (first, last)) in enumerate(ranges.items())
                  if first <= playing <= last]
    if bracketing:
        return max(bracketing)[2]
    index = current_moment([moment.seconds for moment in timeline], playing)
    if index is None:
        return current
    return timeline[index].note


def of_notes(notes: Iterable[Note]) -> tuple[Moment, ...]:
    """The combined timeline of an episode's notes (each parsed: run it off the UI thread)."""
    moments: list[Moment] = []
    for note in notes:
        parsed = note.parse()
        moments.extend(moments_of(note.rel, note.titled(parsed).title, parsed.outline))
    return episode_timeline(moments)
