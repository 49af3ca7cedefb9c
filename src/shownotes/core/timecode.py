"""Time values, YouTube ids and the deep links built from them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# H:MM:SS (hours unbounded, real notes go past 24 h) or M:SS / MM:SS. Real notes also write
# single-digit fields ("5:8:59"); those are unambiguous, so they are accepted.
_TIME = re.compile(r"\s*(\d{1,4}):(\d{1,2})(?::(\d{1,2}))?\s*")
_VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_URL = re.compile(
    r"https?://(?:www\.|m\.)?(?:youtube\.com/watch\?(?:[^\s)]*&)?v=|youtu\.be/)([A-Za-z0-9_-]{11})"
)


def parse_time(value: str) -> int | None:
    """Seconds for a time value, or None when the value is not one."""
    match = _TIME.fullmatch(value)
    if match is None:
        return None
    first, second, third = match.groups()
    if third is None:
        minutes, seconds = int(first), int(second)
        if seconds >= 60:
            return None
        return minutes * 60 + seconds
    hours, minutes, seconds = int(first), int(second), int(third)
    if minutes >= 60 or seconds >= 60:
        return None
    return hours * 3600 + minutes * 60 + seconds


def format_time(seconds: int) -> str:
    """HH:MM:SS, hours growing past two digits when they must."""
    hours, rest = divmod(max(0, int(seconds)), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}"


def valid_video_id(value: object) -> bool:
    return isinstance(value, str) and _VIDEO_ID.fullmatch(value) is not None


def deep_link(video_id: str | None, seconds: int) -> str | None:
    """The YouTube URL that starts the video at `seconds`; None for an unchecked id."""
    if video_id is None or not valid_video_id(video_id):
        return None
    return f"https://www.youtube.com/watch?v={video_id}&t={max(0, int(seconds))}s"


def video_link(video_id: str | None) -> str | None:
    if video_id is None or not valid_video_id(video_id):
        return None
    return f"https://www.youtube.com/watch?v={video_id}"


def video_id_from_url(url: str) -> str | None:
    match = _YOUTUBE_URL.match(url.strip())
    return match.group(1) if match else None


def is_web_url(url: object) -> bool:
    """Only http(s) URLs with a host and no whitespace, control, bidi or zero-width character may be opened."""
    if not isinstance(url, str) or not url or len(url) > 4096:
        return False
    if not url.isprintable() or any(ch.isspace() for ch in url):  # not printable: Cc, Cf (bidi, zero width), Cs
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
