"""Reading one note file: bytes to a safe, repaired body with its frontmatter, never raising."""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, BinaryIO

from ..textsafe import clean, clean_line
from ..timecode import valid_video_id

if TYPE_CHECKING:  # the parser loads on the first parse: a listing from the index needs none
    from markdown_it.token import Token

    from .outline import Outline

NOTE_SUFFIXES = (".md", ".markdown", ".txt")
LARGE_NOTE_BYTES = 1024 * 1024
MAX_NOTE_BYTES = 32 * 1024 * 1024
MAX_FRONTMATTER_CHARS = 64 * 1024

_FROM_LINE = re.compile(r"^\s*From:\s*\[\[([^\]\|#\n]{1,200})", re.MULTILINE)
_RAW_FIELD = re.compile(r"""^(title|videoId)\s*:\s*["']?(.*?)["']?\s*$""", re.MULTILINE)
_UNCLOSED = "frontmatter is not closed with '---'; read as text"
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]")  # the fast C loader reads the rest
_TEXT_BYTES = bytes([9, 10, 11, 12, 13, *range(32, 256)])


@functools.cache
def _yaml():  # type: ignore[no-untyped-def]
    """(the yaml module, the frontmatter handler, a safe loader without aliases), loaded on first use:
    a listing from the index reads no frontmatter."""
    import yaml
    from frontmatter.default_handlers import YAMLHandler

    class NoAliasLoader(yaml.SafeLoader):
        """Safe YAML without aliases: notes never need them, and they are how "billion laughs" bombs grow."""

        def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
            if self.check_event(yaml.AliasEvent):
                raise yaml.YAMLError("uses YAML aliases, which are not read")
            return super().compose_node(parent, index)

    return yaml, YAMLHandler(), NoAliasLoader


class NoteError(Exception):
    """A file that cannot be a note (unreadable, binary, too large); the message says why."""


@dataclass(frozen=True)
class Parsed:
    tokens: list[Token]
    outline: Outline
    warnings: list[str]
    heading: str | None = None  # the first H1's text: the title of a note whose frontmatter has none


@dataclass(frozen=True)
class Note:
    """One note, never changed once made: a newer reading of the file is a new Note.

    Metadata is always present; `body` is None until the file is read (`loaded()`). `file` is a plain
    string: 20,000 notes listed from the index would spend most of their start-up making Path objects.
    """

    file: str
    rel: str
    title: str
    video_id: str | None = None
    channel_hint: str | None = None
    size: int = 0
    mtime: float = 0.0
    has_title: bool = False
    warnings: tuple[str, ...] = ()
    body_line: int = 0
    error: str | None = None  # why the file could not be read when it last was
    known: bool = True  # False for a stub named after its file, before its frontmatter is read
    body: str | None = field(default=None, repr=False, compare=False)

    @property
    def path(self) -> Path:
        return Path(self.file)

    @property
    def stem(self) -> str:
        return file_stem(self.file)

    @property
    def name(self) -> str:
        return clean_line(os.path.basename(self.file))

    @property
    def text(self) -> str:
        """The body as read, or "" when it has not been read."""
        return self.body or ""

    def loaded(self) -> Note:
        """This note with its body: itself when read already, else the file read now (fresh metadata,
        same rel). Never raises: a file that cannot be read gives this note with `error` and no text."""
        if self.body is not None:
            return self
        return self.reread()

    def reread(self) -> Note:
        """The file read again (never raises, as `loaded`)."""
        try:
            return read_note(self.file, self.rel)
        except NoteError as error:
            return replace(self, body="", error=str(error))

    def with_(self, **changes: object) -> Note:
        return replace(self, **changes)

    def parse(self) -> Parsed:
        """Parse the body (read first if it was not) with the shared parser. Pure: the note is unchanged;
        `Parsed.heading` is what `titled` names a note without a title by."""
        from . import markdown
        from .outline import build_outline

        tokens, warnings = markdown.parse(self.loaded().text)
        outline = build_outline(tokens)
        return Parsed(tokens, outline, warnings, outline.first_heading())

    def titled(self, parsed: Parsed) -> Note:
        """The note named by its first H1 when its frontmatter gives no title."""
        if self.has_title or parsed.heading is None:
            return self
        return replace(self, title=parsed.heading, has_title=True)


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (BOM dropped); lines that are not UTF-8 are read as Windows-1252, with a warning."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    lines, bad = [], []
    for number, raw in enumerate(data.split(b"\n"), start=1):
        try:
            lines.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(raw.decode("cp1252", errors="replace"))
            bad.append(number)
    shown = ", ".join(map(str, bad[:5])) + (" ..." if len(bad) > 5 else "")
    return "\n".join(lines), [f"not UTF-8 on {len(bad)} line(s) ({shown}); read as Windows-1252"]


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = len(head.translate(None, _TEXT_BYTES))
    return bool(head) and controls / len(head) > 0.1


def split_frontmatter(text: str) -> tuple[dict, str, int, list[str]]:
    """(metadata, body, body's first line, warnings); a broken block still yields the body."""
    if not text.startswith("---"):
        return {}, text, 0, []
    yaml, handler, no_alias_loader = _yaml()
    if not handler.detect(text):
        return {}, text, 0, []
    try:
        raw, body = handler.split(text)
    except ValueError:
        return {}, text, 0, [_UNCLOSED]
    body_line = text.count("\n", 0, len(text) - len(body)) if body else text.count("\n") + 1
    if len(raw) > MAX_FRONTMATTER_CHARS:
        return _raw_fields(raw), body, body_line, [f"frontmatter is {len(raw) // 1024} KB; only title and videoId read"]
    try:
        data = handler.load(raw, Loader=no_alias_loader) if _MAYBE_ALIAS.search(raw) else handler.load(raw)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return _raw_fields(raw), body, body_line, [f"frontmatter is not valid YAML ({first[:120]})"]
    if data is None:
        return {}, body, body_line, []
    if not isinstance(data, dict):
        return {}, text, 0, [f"frontmatter is a {type(data).__name__}, not a mapping; shown as text"]
    return data, body, body_line, []


def _raw_fields(raw: str) -> dict:
    return {key: value for key, value in _RAW_FIELD.findall(raw[:MAX_FRONTMATTER_CHARS])}


def _scalar(meta: dict, key: str, warnings: list[str]) -> str | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        warnings.append(f"frontmatter {key} is a {type(value).__name__}, not text; ignored")
        return None
    return str(value).strip() or None


@contextmanager
def open_regular(path: Path | str) -> Iterator[tuple[BinaryIO, os.stat_result]]:
    """A regular file opened for reading, with its stat; a pipe or device is refused, never waited on.

    Raises NoteError, or OSError while reading.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise NoteError(f"cannot read: {error.strerror or error}") from error
    with open(fd, "rb") as handle:
        stat = os.fstat(fd)
        if not S_ISREG(stat.st_mode):
            raise NoteError("not a regular file (a pipe, device or folder); not read")
        yield handle, stat


def read_note(path: Path | str, rel: str) -> Note:
    """Load one note. Raises NoteError only for files that cannot be notes at all."""
    try:
        with open_regular(path) as (handle, stat):
            if stat.st_size > MAX_NOTE_BYTES:
                raise NoteError(f"{stat.st_size / 1048576:.1f} MB is over the {MAX_NOTE_BYTES // 1048576} MB limit; not loaded")
            data = handle.read(MAX_NOTE_BYTES + 1)
    except OSError as error:
        raise NoteError(f"cannot read: {error.strerror or error}") from error
    if looks_binary(data):
        raise NoteError("binary file; not a note")
    text, warnings = decode(data)
    meta, body, body_line, fm_warnings = split_frontmatter(text)
    warnings += fm_warnings
    if len(data) >= LARGE_NOTE_BYTES:
        warnings.append(f"large note ({len(data) / 1048576:.1f} MB)")
    if not text.strip():
        warnings.append("empty note")
    title = _scalar(meta, "title", warnings)
    video = _scalar(meta, "videoId", warnings)
    video_id = None
    if video is not None:
        if valid_video_id(video):
            video_id = video
        else:
            warnings.append(f"videoId {clean_line(video)[:40]!r} is not a YouTube id; no deep links")
    body = clean(body)
    hint = _FROM_LINE.search(body, 0, 2000)
    return Note(
        file=os.fspath(path),
        rel=rel,
        title=clean_line(title) if title else clean_line(file_stem(path)),
        video_id=video_id,
        channel_hint=clean_line(hint.group(1).strip()) if hint else None,
        size=stat.st_size,
        mtime=stat.st_mtime,
        has_title=title is not None,
        warnings=tuple(warnings),
        body_line=body_line,
        body=body,
    )


def read_head(path: Path | str, rel: str) -> Note:
    """Metadata from the first 64 KB only (title, videoId, channel hint): the cheap first pass.

    Never raises; an unreadable file comes back with `error` set.
    """
    file = os.fspath(path)
    named = clean_line(file_stem(file))
    try:
        with open_regular(file) as (handle, stat):
            head = handle.read(MAX_FRONTMATTER_CHARS)
    except NoteError as error:
        return Note(file, rel, named, error=str(error))
    except OSError as error:
        return Note(file, rel, named, error=f"cannot read: {error.strerror or error}")
    if looks_binary(head):
        return Note(file, rel, named, size=stat.st_size, mtime=stat.st_mtime, error="binary file; not a note")
    text, _decode_warnings = decode(head)
    meta, body, _line, warnings = split_frontmatter(text)
    if len(head) == MAX_FRONTMATTER_CHARS and _UNCLOSED in warnings:
        meta = _raw_fields(text)  # frontmatter longer than the head: read_note reads these two fields too
    title = _scalar(meta, "title", [])
    video = _scalar(meta, "videoId", [])
    hint = _FROM_LINE.search(body, 0, 2000)
    return Note(
        file,
        rel,
        clean_line(title) if title else named,
        video_id=video if video is not None and valid_video_id(video) else None,
        channel_hint=clean_line(hint.group(1).strip()) if hint else None,
        size=stat.st_size,
        mtime=stat.st_mtime,
        has_title=bool(title),
    )


def stub(path: Path | str, rel: str) -> Note:
    """A note known only by its file name; `known` is False until its frontmatter is read."""
    return Note(file=os.fspath(path), rel=rel, title=clean_line(file_stem(path)), known=False)


def file_stem(path: Path | str) -> str:
    """The file name without its suffix, from a Path or a plain string (20,000 Paths cost real time)."""
    return os.path.splitext(os.path.basename(path))[0]


def is_note_file(name: str) -> bool:
    return name.lower().endswith(NOTE_SUFFIXES) and not name.startswith(".")


def too_big_to_parse_here(note: Note, max_bytes: int) -> bool:
    """A file big enough that reading and parsing it could stall a screen: its size as known, else
    from the disk (one that cannot be stat'ed counts as big)."""
    if note.known or note.body is not None:
        size = note.size
    else:
        try:
            size = os.stat(note.file).st_size
        except OSError:
            return True
    return size > max_bytes


def slow_to_parse(note: Note, max_bytes: int, max_brackets: int) -> bool:
    """For a note whose body is read: a big body, or one thick with `[` (markdown-it spends about
    20 µs on each one left unclosed)."""
    return note.size > max_bytes or note.text.count("[") > max_brackets
