"""What the player tells the app: small frozen dataclasses, delivered on the player's reader thread."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TimeChanged:
    seconds: float | None  # None while nothing is loaded


@dataclass(frozen=True)
class PauseChanged:
    paused: bool


@dataclass(frozen=True)
class DurationChanged:
    seconds: float | None


@dataclass(frozen=True)
class FileLoaded:
    path: str | None  # what mpv was given: the URL or the absolute local path


@dataclass(frozen=True)
class FileEnded:
    reason: str  # mpv's end-file reason: "eof", "stop", "quit", "redirect", ...


@dataclass(frozen=True)
class LoadFailed:
    reason: str  # mpv's file_error, e.g. "loading failed", "unrecognized file format"
    message: str  # mpv's own most telling output line, else the reason
    media: str | None = None


@dataclass(frozen=True)
class Idle:
    """Nothing is loaded (a load failed, or the playlist was stopped); the player waits for the next file."""


@dataclass(frozen=True)
class PlayerGone:
    reason: str  # "quit" (mpv shut down, e.g. its window was closed) or "disconnected" (it died)
    message: str = ""


PlayerEvent = TimeChanged | PauseChanged | DurationChanged | FileLoaded | FileEnded | LoadFailed | Idle | PlayerGone


@dataclass(frozen=True)
class PlayResult:
    ok: bool
    action: str  # "started", "seeked", "loading", "refused", "failed"
    message: str


@dataclass(frozen=True)
class PlaybackState:
    running: bool
    media: str | None = None
    video_id: str | None = None
    seconds: float | None = None
    duration: float | None = None
    paused: bool | None = None


def number(value: object) -> float | None:
    """A JSON number as float; anything else (null, text, a bool) as None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value)
