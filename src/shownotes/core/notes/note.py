"""Reading one note file: bytes to a safe, repaired body with its frontmatter, never raising."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import BinaryIO

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it.token import Token

from . import markdown
from .outline import Outline, build_outline
from ..textsafe import clean, clean_line
from ..timecode import valid_video_id

NOTE_SUFFIXES = (".md", ".markdown", ".txt")
LARGE_NOTE_BYTES = 1024 * 1024
MAX_NOTE_BYTES = 32 * 1024 * 1024
MAX_FRONTMATTER_CHARS = 64 * 1024

_FROM_LINE = re.compile(r"^\s*From:\s*\[\[([^\]\|#\n]{1,200})", re.MULTILINE)
_RAW_FIELD = re.compile(r"""^(title|videoId)\s*:\s*["']?(.*?)["']?\s*$""", re.MULTILINE)
_YAML = YAMLHandler()
_UNCLOSED = "frontmatter is not closed with '---'; read as text"
_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,:-])\*[^\s,\[\]{}]")  # the fast C loader reads the rest
_TEXT_BYTES = bytes([9, 10, 11, 12, 13, *range(32, 256)])


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without aliases: notes never need them, and they are how "billion laughs" bombs grow."""

    def compose_node(self, parent, index):  # type: ignore[no-untyped-def]
        if self.check_event(yaml.AliasEvent):
            raise yaml.YAMLError("uses YAML aliases, which are not read")
        return super().compose_node(parent, index)


class NoteError(Exception):
    """A file that cannot be a note (unreadable, binary, too large); the message says why."""


@dataclass
class Parsed:
    tokens: list[Token]
    outline: Outline
    warnings: list[str]


@dataclass(eq=False)
class Note:
    """One note. Metadata is always present; the body is read on first use (and can be dropped).

    `file` may be a plain string: 20,000 notes listed from the index would spend most of their
    start-up making Path objects; `path` makes one when it is first needed.
    """

    file: Path | str
    rel: str
    title: str
    video_id: str | None = None
    channel_hint: str | None = None
    size: int = 0
    mtime: float = 0.0
    has_title: bool = False
    warnings: list[str] = field(default_factory=list)
    body_line: int = 0
    error: str | None = None  # why the body could not be read when it was last asked for
    known: bool = True  # False for a stub named after its file, before its frontmatter is read
    _body: str | None = field(default=None, repr=False)

    @property
    def path(self) -> Path:
        if not isinstance(self.file, Path):
            self.file = Path(self.file)
        return self.file

    @property
    def stem(self) -> str:
        return file_stem(self.file)

    @property
    def name(self) -> str:
        return clean_line(self.path.name)

    @property
    def loaded(self) -> bool:
        return self._body is not None

    @property
    def body(self) -> str:
        if self._body is None:
            self.reload()
        return self._body or ""

    def reload(self) -> bool:
        """Read the file again; on failure the body is empty and `error` says why. Never raises."""
        try:
            fresh = read_note(self.path, self.rel)
        except NoteError as error:
            return self.take(None, str(error))
        return self.take(fresh)

    def take(self, fresh: Note | None, error: str | None = None) -> bool:
        """Become the note as just read, keeping this object (views hold it); None: it could not be."""
        if fresh is None:
            self.error, self._body = error, ""
            return False
        self.__dict__.update({key: value for key, value in fresh.__dict__.items() if key != "rel"})
        return True

    def unload(self) -> None:
        self._body = None

    def parse(self) -> Parsed:
        """Parse the body with the shared parser; the first H1 names a note without a title."""
        tokens, warnings = markdown.parse(self.body)
        outline = build_outline(tokens)
        if not self.has_title:
            first = next((s for s in outline.sections if s.level == 1 and s.title), None)
            if first is not None:
                self.title, self.has_title = first.title, True
        return Parsed(tokens, outline, warnings)


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
    if not text.startswith("---") or not _YAML.detect(text):
        return {}, text, 0, []
    try:
        raw, body = _YAML.split(text)
    except ValueError:
        return {}, text, 0, [_UNCLOSED]
    body_line = text.count("\n", 0, len(text) - len(body)) if body else text.count("\n") + 1
    if len(raw) > MAX_FRONTMATTER_CHARS:
        return _raw_fields(raw), body, body_line, [f"frontmatter is {len(raw) // 1024} KB; only title and videoId read"]
    try:
        data = _YAML.load(raw, Loader=_NoAliasLoader) if _MAYBE_ALIAS.search(raw) else _YAML.load(raw)
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
        file=path,
        rel=rel,
        title=clean_line(title) if title else clean_line(file_stem(path)),
        video_id=video_id,
        channel_hint=clean_line(hint.group(1).strip()) if hint else None,
        size=stat.st_size,
        mtime=stat.st_mtime,
        has_title=title is not None,
        warnings=warnings,
        body_line=body_line,
        _body=body,
    )


def read_head(path: Path | str, rel: str) -> Note:
    """Metadata from the first 64 KB only (title, videoId, channel hint): the cheap first pass.

    Never raises; an unreadable file comes back with `error` set.
    """
    note = Note(file=path, rel=rel, title=clean_line(file_stem(path)))
    try:
        with open_regular(path) as (handle, stat):
            head = handle.read(MAX_FRONTMATTER_CHARS)
    except NoteError as error:
        note.error = str(error)
        return note
    except OSError as error:
        note.error = f"cannot read: {error.strerror or error}"
        return note
    note.size, note.mtime = stat.st_size, stat.st_mtime
    if looks_binary(head):
        note.error = "binary file; not a note"
        return note
    text, _decode_warnings = decode(head)
    meta, body, _line, warnings = split_frontmatter(text)
    if len(head) == MAX_FRONTMATTER_CHARS and _UNCLOSED in warnings:
        meta = _raw_fields(text)  # frontmatter longer than the head: read_note reads these two fields too
    title = _scalar(meta, "title", [])
    video = _scalar(meta, "videoId", [])
    if title:
        note.title, note.has_title = clean_line(title), True
    note.video_id = video if video is not None and valid_video_id(video) else None
    hint = _FROM_LINE.search(body, 0, 2000)
    note.channel_hint = clean_line(hint.group(1).strip()) if hint else None
    return note


def stub(path: Path | str, rel: str) -> Note:
    """A note known only by its file name; `known` is False until its frontmatter is read."""
    return Note(file=path, rel=rel, title=clean_line(file_stem(path)), known=False)


def file_stem(path: Path | str) -> str:
    """The file name without its suffix, from a Path or a plain string (20,000 Paths cost real time)."""
    return os.path.splitext(os.path.basename(path))[0]


def is_note_file(name: str) -> bool:
    return name.lower().endswith(NOTE_SUFFIXES) and not name.startswith(".")


def slow_to_parse(note: Note, max_bytes: int, max_brackets: int) -> bool:
    """Whether parsing the note could stall a screen: a big file (its size as known, else from the
    disk; one that cannot be stat'ed counts as big), or a body thick with `[` (markdown-it spends about
    20 µs on each one left unclosed). A note's body stays loaded, its parse does not: ask every time."""
    if note.known or note.loaded:
        size = note.size
    else:
        try:
            size = os.stat(note.path).st_size
        except OSError:
            return True
    if size > max_bytes:
        return True
    body = note.body  # read now if it was not: the size the file has today counts
    return note.size > max_bytes or body.count("[") > max_brackets
