"""One note file to plain, picklable index rows: what the parsing workers send back (never tokens)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .note import NoteError, read_note
from .outline import Outline
from .textsafe import clean_line

MAX_SECTIONS = (1 << 20) - 1  # section index is the low 20 bits of the search row id


@dataclass(frozen=True)
class SectionRow:
    index: int
    level: int
    title: str
    text: str  # plain text with timestamp labels removed
    seconds: int | None  # first timestamp of the section, else the nearest one before it
    stamps: tuple[tuple[int, int], ...]  # (offset in text, seconds) of the section's timestamps


@dataclass(frozen=True)
class FileRecord:
    raw: str  # the path relative to the library root, as the file system spells it
    size: int
    mtime_ns: int
    digest: bytes
    title: str = ""
    has_title: bool = False
    video_id: str | None = None
    channel_hint: str | None = None
    warnings: tuple[str, ...] = ()
    sections: tuple[SectionRow, ...] = ()
    links: tuple[str, ...] = ()
    timestamps: int = 0
    error: str | None = None
    unchanged: bool = False  # touched only: same bytes as the digest the index already holds

    @property
    def headings(self) -> list[tuple[int, str, int]]:
        return [(row.level, row.title, row.index) for row in self.sections if row.level > 0]


def public_rel(raw: str) -> str:
    """The rel a Library shows for a file, made storable (undecodable names lose their odd bytes)."""
    return clean_line(raw).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def extract(path: Path, raw: str, known_digest: bytes | None = None) -> FileRecord:
    """Read and parse one file with the shared parser. Never raises; a bad file comes back with `error`."""
    try:
        stat = os.stat(path)  # before reading, so an edit during the read shows as a change next time
        with open(path, "rb") as handle:
            digest = hashlib.blake2b(handle.read(), digest_size=16).digest()
    except OSError as error:
        return FileRecord(raw, 0, 0, b"", error=f"cannot read: {error.strerror or error}")
    if known_digest is not None and digest == known_digest:
        return FileRecord(raw, stat.st_size, stat.st_mtime_ns, digest, unchanged=True)
    try:
        note = read_note(path, public_rel(raw))
    except NoteError as error:
        return FileRecord(raw, stat.st_size, stat.st_mtime_ns, digest, error=str(error))
    parsed = note.parse()
    outline = parsed.outline
    return FileRecord(
        raw=raw,
        size=stat.st_size,
        mtime_ns=stat.st_mtime_ns,
        digest=digest,
        title=note.title,
        has_title=note.has_title,
        video_id=note.video_id,
        channel_hint=note.channel_hint,
        warnings=tuple(note.warnings + parsed.warnings),
        sections=tuple(section_rows(outline)),
        links=tuple(dict.fromkeys(link.target for link in outline.links)),
        timestamps=len(outline.timestamps),
    )


def section_rows(outline: Outline) -> list[SectionRow]:
    rows: list[SectionRow] = []
    last_seconds: int | None = None
    for section in outline.sections[:MAX_SECTIONS]:
        stamps = [outline.timestamps[i] for i in section.timestamps]
        text, offsets = strip_labels(section.text, [stamp.label for stamp in stamps])
        seconds = stamps[0].seconds if stamps else last_seconds
        if stamps:
            last_seconds = stamps[-1].seconds
        if not text.strip() and not section.title and rows:
            continue
        pairs = tuple((offset, stamp.seconds) for offset, stamp in zip(offsets, stamps))
        rows.append(SectionRow(section.index, section.level, section.title, text, seconds, pairs))
    return rows


def strip_labels(text: str, labels: list[str]) -> tuple[str, list[int]]:
    """Drop each `[label]` (in order) from the text, with the space before it; where each one was.

    A label not found in the text (a timestamp in the heading) sits at offset 0.
    """
    out: list[str] = []
    length = 0
    position = 0
    offsets: list[int] = []
    for label in labels:
        marker = f"[{label}]"
        at = text.find(marker, position)
        if at < 0:
            offsets.append(0)
            continue
        piece = text[position:at]
        if piece.endswith(" "):
            piece = piece[:-1]
        out.append(piece)
        length += len(piece)
        offsets.append(length)
        position = at + len(marker)
    out.append(text[position:])
    return "".join(out), offsets
