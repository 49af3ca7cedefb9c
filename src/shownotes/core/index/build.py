"""Bringing an index up to date, without SQL: which files changed, and each file read and parsed
(maybe in worker processes) into plain, picklable rows (never tokens)."""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..library.grouping import index_entries
from ..notes.note import MAX_NOTE_BYTES, NoteError, open_regular, read_note
from ..textsafe import path_key
from ..workers import HEAVY_BYTES, POOL_MIN_FILES, WATCH_SECONDS, start_worker

if TYPE_CHECKING:
    from ..notes.outline import Outline

PARSE_ENV = "SHOWNOTES_INDEX_PARSE"  # "full": every note by the reader's full parse (the quick pass's reference);
# "whole": a huge note parsed whole, not by slice (the slices' reference and the memory benchmark's baseline)
BATCH = 256  # files per transaction: readers see progress, a cancel keeps what is done
CHUNK = 16  # files per task sent to a worker process
AHEAD = 4  # chunks per worker submitted before the first of them is read


@dataclass(frozen=True)
class Changes:
    new: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    deleted: tuple[str, ...] = ()
    unchanged: int = 0

    def __bool__(self) -> bool:
        return bool(self.new or self.changed or self.deleted)


@dataclass
class UpdateResult:
    added: int = 0
    changed: int = 0
    deleted: int = 0
    unchanged: int = 0
    parsed: int = 0  # files read through the markdown parser
    touched: int = 0  # newer mtime, same bytes: not parsed again
    failed: list[tuple[str, str]] = field(default_factory=list)  # (rel, why) of files that are not notes
    relinked: int = 0  # wiki links whose resolved target changed
    workers: int = 1  # processes that parsed
    cancelled: bool = False
    error: str | None = None
    locked: bool = False  # the error is another process's lock, held past the wait's bound
    seconds: float = 0.0


@dataclass(frozen=True)
class Known:
    id: int
    size: int
    mtime_ns: int
    digest: bytes


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
    warnings: tuple[str, ...] = ()  # reading the file's, then parsing it's
    file_title: str | None = None  # the title the file gives (frontmatter), before a first H1 names it
    file_warnings: int = 0  # how many of `warnings` reading the file gave
    listed: tuple[tuple[str, str, tuple[str, ...]], ...] = ()  # a channel index page's (videoId, title, targets)
    headings: tuple[tuple[int, str, int], ...] = ()  # (level, title, section index)
    body: str = ""  # every section's plain text, timestamp labels removed, joined by SECTION_GAP
    starts: tuple[tuple[int, int, int | None], ...] = ()  # (offset in body, section index, section seconds)
    stamps: tuple[tuple[int, int], ...] = ()  # (offset in body, seconds) of every timestamp
    links: tuple[str, ...] = ()
    timestamps: int = 0
    error: str | None = None
    unchanged: bool = False  # touched only: same bytes as the digest the index already holds


def public_rel(raw: str) -> str:
    """The rel a Library names a file by: one rel for one real path, valid UTF-8 to store."""
    return path_key(raw)


def extract(
    path: Path | str, raw: str, known_digest: bytes | None = None, quick: bool | None = None, sliced: bool | None = None
) -> FileRecord:
    """Read and parse one file with the shared parser: its quick inline pass, unless `quick` is False
    (or None and $SHOWNOTES_INDEX_PARSE is "full"); the record is the same. With the quick pass, a body
    longer than SLICED_NOTE_CHARS is parsed slice by slice, never holding its whole token tree, unless
    `sliced` is False (or None and $SHOWNOTES_INDEX_PARSE is "whole"). Never raises; a bad file comes
    back with `error`."""
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
    if quick is None:
        quick = os.environ.get(PARSE_ENV) != "full"
    if sliced is None:
        sliced = os.environ.get(PARSE_ENV) != "whole"
    if quick:
        from ..notes.quick import parse_note, parse_sliced  # the parser loads on the first parse: a listing needs none
        from ..notes.slices import should_slice

        parsed = parse_sliced(note) if sliced and should_slice(note.text) else parse_note(note)
    else:
        parsed = note.parse()
    file_title, file_warnings = (note.title if note.has_title else None), len(note.warnings)
    listed = tuple((entry.video_id, entry.title, tuple(entry.targets)) for entry in index_entries(note))
    note = note.titled(parsed)
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
        warnings=(*note.warnings, *parsed.warnings),
        file_title=file_title,
        file_warnings=file_warnings,
        listed=listed,
        headings=tuple((s.level, s.title, s.index) for s in outline.sections if s.level > 0),
        body=body,
        starts=starts,
        stamps=stamps,
        links=tuple(dict.fromkeys(link.target for link in outline.links)),
        timestamps=len(outline.timestamps),
    )


_WRAPPERS = ("()", "[]")
_FROM_LINE = re.compile(r"\s*From:[^\n]*(\n|$)")


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
        if section.index == 0:  # the `From: channel` line is the note's metadata, not words to find
            cut = _FROM_LINE.match(text)
            if cut and all(offset >= cut.end() for offset in offsets):
                text, offsets = text[cut.end() :], [offset - cut.end() for offset in offsets]
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
    """Drop each `[label]` (in order) from the text, with the space before it and brackets wrapped
    around it alone (`([00:01:02])`, `[[00:01:02]]`); where each one was.

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
        end = at + len(marker)
        if at > position and text[at - 1 : at] + text[end : end + 1] in _WRAPPERS:  # `([00:01:02])`: no `()` left
            at, end = at - 1, end + 1
        piece = text[position:at].removesuffix(" ")
        out.append(piece)
        length += len(piece)
        offsets.append(length)
        position = end
    out.append(text[position:])
    return "".join(out), offsets


def diff(files: list[tuple[Path | str, str]], known: dict[str, Known]) -> Changes:
    """Compare (rel, size, mtime_ns) on disk with the index; a file that cannot be stat'ed is gone."""
    new, changed = [], []
    unchanged = 0
    present: set[str] = set()
    for path, raw in files:
        try:
            stat = os.stat(path)
        except OSError:
            continue
        present.add(raw)
        old = known.get(raw)
        if old is None:
            new.append(raw)
        elif (old.size, old.mtime_ns) != (stat.st_size, stat.st_mtime_ns):
            changed.append(raw)
        else:
            unchanged += 1
    deleted = sorted(raw for raw in known if raw not in present)
    return Changes(tuple(new), tuple(changed), tuple(deleted), unchanged)


def parse_files(
    items: list[tuple[Path | str, str, bytes | None]],
    workers: int,
    result: UpdateResult | None = None,
    stop: Callable[[], bool] = lambda: False,
) -> Iterator[FileRecord]:
    """FileRecords of the items: where no pool pays off, the light notes parsed here first, then the
    heavy ones from worker processes (a parse cannot be interrupted, a process can). Ends early once
    `stop()`, without waiting for a worker; closing the iterator early cancels the work not yet started.

    `result.workers` says how many processes parsed (1: this one).
    """
    if workers > 1 and len(items) >= POOL_MIN_FILES:
        here, away, chunk = [], items, CHUNK
    else:
        here = [item for item in items if not is_heavy(item[0])]
        away, chunk = [item for item in items if is_heavy(item[0])], 1
    for path, raw, digest in here:
        yield extract(path, raw, digest)
    if away:
        yield from in_workers(away, max(1, min(workers, len(away))), chunk, result, stop)


def is_heavy(path: Path | str) -> bool:
    try:
        return os.stat(path).st_size > HEAVY_BYTES
    except OSError:
        return False


def extract_many(items: list[tuple[Path | str, str, bytes | None]]) -> list[FileRecord]:
    return [extract(path, raw, digest) for path, raw, digest in items]


def in_workers(
    items: list[tuple[Path | str, str, bytes | None]],
    workers: int,
    chunk: int,
    result: UpdateResult | None,
    stop: Callable[[], bool],
) -> Iterator[FileRecord]:
    context = multiprocessing.get_context("spawn")  # not fork: update() runs beside the UI thread
    done = 0
    try:
        halt = context.Event()
        pool = ProcessPoolExecutor(
            workers, mp_context=context, initializer=start_worker, initargs=(os.getpid(), halt)
        )
    except (OSError, ValueError):  # ValueError: no usable stderr for the resource tracker
        pool = None
    if pool is not None:
        finished = False
        try:
            parts = (items[at : at + chunk] for at in range(0, len(items), chunk))
            ahead: deque[Future[list[FileRecord]]] = deque()
            while True:  # a few chunks in flight, each let go once read: not the whole library's records at once
                while len(ahead) < workers * AHEAD and (part := next(parts, None)) is not None:
                    ahead.append(pool.submit(extract_many, part))
                if not ahead:
                    break
                records = wait_for(ahead.popleft(), stop)
                if records is None:
                    return
                if result is not None:
                    result.workers = workers
                for record in records:
                    yield record
                    done += 1
            finished = True
        except (BrokenProcessPool, OSError, ValueError):
            if result is not None:  # a worker died (killed, out of memory, no `__main__` guard): parse the rest here
                result.workers = 1
        finally:
            if not finished:
                halt.set()  # each worker's watch thread ends its process, mid-parse or not
            pool.shutdown(wait=finished, cancel_futures=True)
    for path, raw, digest in items[done:]:
        yield extract(path, raw, digest)


def wait_for(future: Future[list[FileRecord]], stop: Callable[[], bool]) -> list[FileRecord] | None:
    """The future's records, or None once `stop()` says to give up on them."""
    while not stop():
        try:
            return future.result(timeout=WATCH_SECONDS)
        except FutureTimeout:
            continue
    return None


def stopper(should_stop: Callable[[], bool] | object | None) -> Callable[[], bool]:
    """A threading.Event or a callable; None never stops."""
    if should_stop is None:
        return lambda: False
    is_set = getattr(should_stop, "is_set", None)
    if callable(is_set):
        return is_set
    if callable(should_stop):
        return should_stop
    raise TypeError("should_stop must be a threading.Event or a callable")
