"""What the reader remembers between runs: theme, last note and position, history, bookmarks.

One JSON file under the XDG state dir (or `$SHOWNOTES_STATE`), written atomically: a temp file
in the same folder, fsync, then rename. A kill at any moment leaves the old or the new file.
A file that cannot be read is set aside (renamed `*.corrupt-<time>`) and the app starts clean.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

STATE_VERSION = 1
MAX_BOOKMARKS = 5000
MAX_HISTORY = 200


def state_path() -> Path:
    override = os.environ.get("SHOWNOTES_STATE")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_state_path("shownotes", appauthor=False) / "state.json"


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
        return cls(data["rel"], section if isinstance(section, int) else 0, offset if isinstance(offset, int) else 0)


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
        title, rel = data.get("title", ""), data.get("rel", "")
        if not isinstance(title, str) or not isinstance(rel, str):
            return None
        return cls(
            video if isinstance(video, str) else None,
            seconds if isinstance(seconds, int) and not isinstance(seconds, bool) else None,
            title,
            rel,
            str(data.get("label", "")),
            float(data.get("created", 0.0)) if isinstance(data.get("created"), (int, float)) else 0.0,
            data["section"] if isinstance(data.get("section"), int) and not isinstance(data.get("section"), bool) else 0,
        )


@dataclass
class State:
    theme: str | None = None
    last: dict[str, Position] = field(default_factory=dict)  # library root -> position
    bookmarks: list[Bookmark] = field(default_factory=list)
    history: dict[str, list[str]] = field(default_factory=dict)  # library root -> recent rels
    warning: str | None = None  # set when the file on disk could not be read

    def to_json(self) -> dict[str, Any]:
        return {
            "version": STATE_VERSION,
            "theme": self.theme,
            "last": {root: position.to_json() for root, position in self.last.items()},
            "bookmarks": [bookmark.to_json() for bookmark in self.bookmarks[-MAX_BOOKMARKS:]],
            "history": {root: rels[-MAX_HISTORY:] for root, rels in self.history.items()},
        }

    @classmethod
    def from_json(cls, data: object) -> State:
        if not isinstance(data, dict):
            raise ValueError("state is not a JSON object")
        theme = data.get("theme")
        last = {}
        for root, raw in (data.get("last") or {}).items() if isinstance(data.get("last"), dict) else ():
            position = Position.from_json(raw)
            if position is not None:
                last[str(root)] = position
        bookmarks = [b for b in map(Bookmark.from_json, data.get("bookmarks") or []) if b is not None]
        history = {
            str(root): [rel for rel in rels if isinstance(rel, str)]
            for root, rels in (data.get("history") or {}).items()
            if isinstance(rels, list)
        } if isinstance(data.get("history"), dict) else {}
        return cls(theme=theme if isinstance(theme, str) else None, last=last, bookmarks=bookmarks, history=history)

    def add_bookmark(self, bookmark: Bookmark) -> bool:
        """False when an equal bookmark (same video and second) is already there."""
        if any(existing.key == bookmark.key for existing in self.bookmarks):
            return False
        self.bookmarks.append(bookmark)
        return True

    def remove_bookmark(self, bookmark: Bookmark) -> None:
        self.bookmarks = [existing for existing in self.bookmarks if existing.key != bookmark.key]


def load_state(path: Path | None = None) -> State:
    """Read the state; a missing file is a clean start, a broken one is set aside with a warning."""
    path = path or state_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return State()
    except OSError as error:
        state = State()
        state.warning = f"could not read {path}: {error.strerror or error}; starting clean"
        return state
    try:
        return State.from_json(json.loads(raw.decode("utf-8")))
    except (ValueError, UnicodeDecodeError, AttributeError, TypeError) as error:
        aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
        try:
            os.replace(path, aside)
            where = f"moved to {aside}"
        except OSError:
            where = "left in place"
        state = State()
        state.warning = f"state file was unreadable ({type(error).__name__}); {where}; starting clean"
        return state


def save_state(state: State, path: Path | None = None) -> None:
    """Write atomically. Raises OSError when the folder cannot be written (callers report it)."""
    import tempfile

    path = path or state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = json.dumps(state.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
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
