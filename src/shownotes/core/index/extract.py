"""One note file to plain, picklable index rows: what the parsing workers send back (never tokens)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..notes.note import MAX_NOTE_BYTES, NoteError, open_regular, read_note
from ..notes.outline import Outline
from ..textsafe import clean_line

SECTION_GAP = "\n\n"


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
    headings: tuple[tuple[int, str, int], ...] = ()  # (level, title, section index)
    body: str = ""  # every section's plain text, timestamp labels removed, joined by SECTION_GAP
    starts: tuple[tuple[int, int, int | None], ...] = ()  # (offset in body, section index, section seconds)
    stamps: tuple[tuple[int, int], ...] = ()  # (offset in body, seconds) of every timestamp
    links: tuple[str, ...] = ()
    timestamps: int = 0
    error: str | None = None
    unchanged: bool = False  # touched only: same bytes as the digest the index already holds


def public_rel(raw: str) -> str:
    """The rel a Library shows for a file, made storable (undecodable names lose their odd bytes)."""
    return clean_line(raw).encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def extract(path: Path | str, raw: str, known_digest: bytes | None = None) -> FileRecord:
    """Read and parse one file with the shared parser. Never raises; a bad file comes back with `error`."""
    try:
        with open_regular(path) as (handle, stat):  # stat before reading: an edit during the read shows next time
            hasher = hashlib.blake2b(digest_size=16)
            left = MAX_NOTE_BYTES + 1  # a larger file is refused by read_note; a device never ends
            while left > 0 and (chunk := handle.read(min(left, 1 << 20))):
                hasher.update(chunk)
                left -= len(chunk)
            digest = hasher.digest()
    except NoteError as error:
        return FileRecord(raw, 0, 0, b"", error=str(error))
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
    body, starts, stamps = layout(outline)
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
        headings=tuple((s.level, s.title, s.index) for s in outline.sections if s.level > 0),
        body=body,
        starts=starts,
        stamps=stamps,
        links=tuple(dict.fromkeys(link.target for link in outline.links)),
        timestamps=len(outline.timestamps),
    )


def layout(outline: Outline) -> tuple[str, tuple, tuple]:
    """The searchable text of a note, where each section starts in it, and where each timestamp was.

    A section's seconds are its first timestamp's, else the nearest one before it.
    """
    parts: list[str] = []
    length = 0
    starts: list[tuple[int, int, int | None]] = []
    stamps: list[tuple[int, int]] = []
    last: int | None = None
    for section in outline.sections:
        found = [outline.timestamps[i] for i in section.timestamps]
        text, offsets = strip_labels(section.text, [stamp.label for stamp in found])
        if length and text:
            parts.append(SECTION_GAP)
            length += len(SECTION_GAP)
        starts.append((length, section.index, found[0].seconds if found else last))
        stamps.extend((length + offset, stamp.seconds) for offset, stamp in zip(offsets, found))
        if found:
            last = found[-1].seconds
        parts.append(text)
        length += len(text)
    return "".join(parts), tuple(starts), tuple(stamps)


def strip_labels(text: str, labels: list[str]) -> tuple[str, list[int]]:
    """Drop each `[label]` (in order) from the text, with the space before it; where each one was.

    A label not found in the text (a timestamp in the heading) sits where the search had got to.
    """
    out: list[str] = []
    length = 0
    position = 0
    offsets: list[int] = []
    for label in labels:
        marker = f"[{label}]"
        at = text.find(marker, position)
        if at < 0:
            offsets.append(length)
            continue
        piece = text[position:at].removesuffix(" ")
        out.append(piece)
        length += len(piece)
        offsets.append(length)
        position = at + len(marker)
    out.append(text[position:])
    return "".join(out), offsets
