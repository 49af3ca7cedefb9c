"""What the reader remembers between runs: theme, last note and position, history, bookmarks.

One JSON file under the XDG state dir (or `$SHOWNOTES_STATE`), written atomically: a temp file
in the same folder, fsync, then rename. A kill at any moment leaves the old or the new file.

Several readers may share the file. A save takes an exclusive lock beside it, re-reads it and
applies only what this process changed since it last read or wrote the file (a three-way merge
against that snapshot), so a bookmark made in one reader is never lost to another's older copy.
A symlinked file is written through its link. Entries of the wrong type are dropped one by one
with a warning; a file that is not JSON at all is set aside (renamed `*.corrupt-<time>`); a pipe,
a device or a file over 16 MB is never read, and the reader starts clean.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import platformdirs

from .files import NotRegular, exclusive_lock, final_target, read_regular, refuse_non_regular

STATE_VERSION = 1
MAX_BOOKMARKS = 5000
MAX_HISTORY = 200
MAX_STATE_BYTES = 16 * 1024 * 1024

T = TypeVar("T")


def state_path() -> Path:
    override = os.environ.get("SHOWNOTES_STATE")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_state_path("shownotes", appauthor=False) / "state.json"


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True)
class Position:
    rel: str
    section: int = 0
    offset: int = 0  # lines below the section's heading

    def to_json(self) -> dict[str, Any]:
        return {"rel": self.rel, "section": self.section, "offset": self.offset}

    @classmethod
    def from_json(cls, data: object) -> Position | None:
        if not isinstance(data, dict) or not isinstance(data.get("rel"), str):
            return None
        section, offset = data.get("section", 0), data.get("offset", 0)
        return cls(data["rel"], section if _is_int(section) else 0, offset if _is_int(offset) else 0)


@dataclass(frozen=True)
class Bookmark:
    """Keyed by videoId and seconds so it survives moving the library; rel and title help find it."""

    video_id: str | None
    seconds: int | None  # None: a reading position (section) rather than a moment
    title: str
    rel: str
    label: str = ""
    created: float = 0.0
    section: int = 0

    @property
    def key(self) -> tuple[str | None, int | None, str, int]:
        if self.seconds is not None and self.video_id:
            return (self.video_id, self.seconds, "", 0)
        return (self.video_id, self.seconds, self.rel, self.section)

    def to_json(self) -> dict[str, Any]:
        return {
            "video_id": self.video_id,
            "seconds": self.seconds,
            "title": self.title,
            "rel": self.rel,
            "label": self.label,
            "created": self.created,
            "section": self.section,
        }

    @classmethod
    def from_json(cls, data: object) -> Bookmark | None:
        if not isinstance(data, dict):
            return None
        video, seconds = data.get("video_id"), data.get("seconds")
        title, rel, label = data.get("title", ""), data.get("rel", ""), data.get("label", "")
        if not isinstance(title, str) or not isinstance(rel, str):
            return None
        created, section = data.get("created", 0.0), data.get("section", 0)
        return cls(
            video if isinstance(video, str) else None,
            seconds if _is_int(seconds) else None,
            title,
            rel,
            label if isinstance(label, str) else "",
            float(created) if isinstance(created, (int, float)) and not isinstance(created, bool) else 0.0,
            section if _is_int(section) else 0,
        )


def _setting(data: object) -> bool | int | None:
    return data if isinstance(data, (bool, int)) else None


def _history(data: object) -> list[str] | None:
    if not isinstance(data, list) or not all(isinstance(rel, str) for rel in data):
        return None
    return list(data)


@dataclass(frozen=True)
class _Fields:
    """A State's content in the shape the merge works on: bookmarks keyed by Bookmark.key."""

    theme: str | None = None
    last: dict[str, Position] = field(default_factory=dict)
    bookmarks: dict[tuple, Bookmark] = field(default_factory=dict)
    history: dict[str, tuple[str, ...]] = field(default_factory=dict)
    layout: dict[str, bool | int] = field(default_factory=dict)


@dataclass
class State:
    theme: str | None = None
    last: dict[str, Position] = field(default_factory=dict)  # library root -> position
    bookmarks: list[Bookmark] = field(default_factory=list)
    history: dict[str, list[str]] = field(default_factory=dict)  # library root -> recent rels
    layout: dict[str, bool | int] = field(default_factory=dict)  # the panes shown (core.layout.PaneLayout)
    warning: str | None = None  # set when the file on disk could not be read whole
    _base: _Fields = field(default_factory=_Fields, init=False, repr=False, compare=False)  # as last read/written

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "theme": self.theme,
            "last": {root: position.to_json() for root, position in self.last.items()},
            "bookmarks": [bookmark.to_json() for bookmark in self.bookmarks[-MAX_BOOKMARKS:]],
            "history": {root: rels[-MAX_HISTORY:] for root, rels in self.history.items()},
            "layout": dict(self.layout),
        }

    @classmethod
    def from_json(cls, data: object) -> State:
        """Every valid entry is kept; bad ones are dropped and counted in `warning`."""
        if not isinstance(data, dict):
            raise ValueError("state is not a JSON object")
        dropped: Counter[str] = Counter()
        theme = data.get("theme")
        if theme is not None and not isinstance(theme, str):
            dropped["theme"] += 1
            theme = None
        state = cls(
            theme=theme,
            last=_table(data.get("last"), dict, Position.from_json, "position", dropped),
            bookmarks=list(_table(data.get("bookmarks"), list, Bookmark.from_json, "bookmark", dropped).values()),
            history=_table(data.get("history"), dict, _history, "history entry", dropped),
            layout=_table(data.get("layout"), dict, _setting, "layout setting", dropped),
        )
        if dropped:
            counts = ", ".join(f"{n} bad {what}{'' if n == 1 else 's'}" for what, n in dropped.items())
            state.warning = f"state: dropped {counts}"
        return state

    def add_bookmark(self, bookmark: Bookmark) -> bool:
        """False when an equal bookmark (same video and second) is already there."""
        if any(existing.key == bookmark.key for existing in self.bookmarks):
            return False
        self.bookmarks.append(bookmark)
        return True

    def remove_bookmark(self, bookmark: Bookmark) -> None:
        self.bookmarks = [existing for existing in self.bookmarks if existing.key != bookmark.key]

    def _fields(self) -> _Fields:
        return _Fields(
            self.theme,
            dict(self.last),
            {bookmark.key: bookmark for bookmark in self.bookmarks},
            {root: tuple(rels) for root, rels in self.history.items()},
            dict(self.layout),
        )

    def _become(self, fields: _Fields) -> None:
        """Take `fields` as both the content and the snapshot the next save merges against."""
        self.theme, self.last, self.bookmarks = fields.theme, dict(fields.last), list(fields.bookmarks.values())
        self.history = {root: list(rels) for root, rels in fields.history.items()}
        self.layout = dict(fields.layout)
        self._base = fields


def _table(raw: object, shape: type, parse: Callable[[object], T | None], what: str, dropped: Counter[str]) -> dict:
    """The valid entries of one table of the file; a table of the wrong type counts as one bad entry."""
    if raw is None:
        return {}
    if not isinstance(raw, shape):
        dropped[what] += 1
        return {}
    kept = {}
    for key, value in enumerate(raw) if isinstance(raw, list) else raw.items():
        parsed = parse(value)
        if parsed is None:
            dropped[what] += 1
        else:
            kept[str(key)] = parsed
    return kept


_MISSING = object()


def _merge_map(base: dict, ours: dict, theirs: dict) -> dict:
    """Theirs, with what this process added, changed or removed since `base` applied on top."""
    merged = dict(theirs)
    for key, value in ours.items():
        if base.get(key, _MISSING) != value:
            merged[key] = value
    for key in base.keys() - ours.keys():
        merged.pop(key, None)
    return merged


def merge(base: _Fields, ours: _Fields, theirs: _Fields) -> _Fields:
    return _Fields(
        ours.theme if ours.theme != base.theme else theirs.theme,
        _merge_map(base.last, ours.last, theirs.last),
        _merge_map(base.bookmarks, ours.bookmarks, theirs.bookmarks),
        _merge_map(base.history, ours.history, theirs.history),
        _merge_map(base.layout, ours.layout, theirs.layout),
    )


def _clean(warning: str) -> State:
    state = State()
    state.warning = warning
    return state


def _read(path: Path, saving: bool = False) -> State:
    """The state on disk. A file that is not a state at all is set aside; one that cannot be read is
    a warning, or, when `saving`, an OSError: writing over a file not read would lose it."""
    try:
        raw = read_regular(path, MAX_STATE_BYTES)
    except FileNotFoundError:
        return State()
    except NotRegular as error:
        if error.errno == errno.EFBIG:  # a regular file, only too big: kept aside for the user
            return _set_aside(path, f"is {error.strerror}")
        if saving:
            raise
        return _clean(f"state {path} ignored: {error.strerror}; starting clean")
    except OSError as error:
        if saving:
            raise
        return _clean(f"could not read {path}: {error.strerror or error}; starting clean")
    try:
        return State.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        return _set_aside(path, f"is unreadable ({type(error).__name__})")


def _set_aside(path: Path, why: str) -> State:
    aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
    try:
        os.replace(path, aside)
        where = f"moved to {aside}"
    except OSError:
        where = "left in place"
    return _clean(f"state file {why}; {where}; starting clean")


def load_state(path: Path | None = None) -> State:
    """Read the state; a missing file is a clean start, a broken one is set aside with a warning."""
    state = _read(final_target(path or state_path()))
    state._become(state._fields())
    return state


def save_state(state: State, path: Path | None = None) -> None:
    """Merge this process's changes into the file on disk, atomically, under a lock.

    Afterwards `state` holds the merged content. Raises OSError when the file cannot be written
    (callers report it), including when the path is a pipe or device.
    """
    import tempfile

    path = final_target(path or state_path())
    refuse_non_regular(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with exclusive_lock(path.with_name(f"{path.name}.lock")):
        theirs = _read(path, saving=True)
        merged = merge(state._base, state._fields(), theirs._fields())
        content = State()
        content._become(merged)
        # ASCII escapes keep a library path's undecodable bytes (lone surrogates) valid JSON, and exact.
        data = json.dumps(content.to_json(), ensure_ascii=True, indent=1).encode("ascii")
        handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(temp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
        # Make the rename itself durable; some file systems refuse fsync on a folder, which is harmless.
        with contextlib.suppress(OSError):
            folder = os.open(path.parent, os.O_RDONLY)
            try:
                os.fsync(folder)
            finally:
                os.close(folder)
    state._become(merged)
    state.warning = theirs.warning or state.warning
