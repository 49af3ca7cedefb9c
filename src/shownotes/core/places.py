"""Where in a note the reader is asked to open it: typed places, and the request that carries one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .notes.outline import Timestamp


@dataclass(frozen=True)
class Top:
    """The start of the note."""


@dataclass(frozen=True)
class InSection:
    """`offset` lines below a section's heading (section 0: the opening, before any heading)."""

    section: int
    offset: int = 0


@dataclass(frozen=True)
class AtTimestamp:
    """A timestamp of the note, by its index."""

    index: int


@dataclass(frozen=True)
class AtMoment:
    """A moment of the video (a bookmark, a search hit): the timestamp citing that second (in
    `section` when several do), else the section."""

    seconds: int
    section: int | None = None


@dataclass(frozen=True)
class AtLine:
    """A line of the note as laid out now (a new palette keeps the top line)."""

    line: int


Place = Top | InSection | AtTimestamp | AtMoment | AtLine


@dataclass(frozen=True)
class OpenRequest:
    """Show the note at `rel` at `place`; history records it unless `record` is False."""

    rel: str
    place: Place = Top()
    record: bool = True


def section_place(section: int | None) -> Place:
    return InSection(section) if section else Top()


def moment_place(place: Place, timestamps: Sequence[Timestamp]) -> Place:
    """A moment of the video as a timestamp of the note (in its section when several cite it), else
    its section; any other place as it is."""
    if not isinstance(place, AtMoment):
        return place
    stamps = [s for s in timestamps if s.seconds == place.seconds]
    found = next((s.index for s in stamps if s.section == place.section), stamps[0].index if stamps else None)
    return AtTimestamp(found) if found is not None else section_place(place.section)
