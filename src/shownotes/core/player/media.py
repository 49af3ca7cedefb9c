"""Local copies first: a file named by yt-dlp's default template, `%(title)s [%(id)s].%(ext)s`.

Folders are scanned once and the result kept with the mtime of every folder seen: a download anywhere
below changes its folder's mtime, and the next look-up scans that root again. Hidden folders are
skipped, a folder reached twice (a symlink loop) is read once, and a scan stops after `limit` entries.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

MEDIA_EXTENSIONS = (  # in order of preference when one id has several files
    ".mkv", ".mp4", ".webm", ".mov", ".m4v", ".avi",
    ".opus", ".m4a", ".ogg", ".mp3", ".flac", ".aac", ".wav",
)
_RANK = {ext: rank for rank, ext in enumerate(MEDIA_EXTENSIONS)}
_ID_IN_NAME = re.compile(r"\[([A-Za-z0-9_-]{11})\]")
_FORMAT_PART = re.compile(r"\.f\d+$")  # yt-dlp's one-format pieces ("x [id].f137.mp4") before merging
SCAN_LIMIT = 100_000


def video_id_in_name(name: str) -> str | None:
    """The video id of a finished yt-dlp download named `title [ID].ext`, else None."""
    stem, dot, ext = name.rpartition(".")
    if not dot or f".{ext.lower()}" not in _RANK or _FORMAT_PART.search(stem):
        return None
    found = _ID_IN_NAME.findall(stem)
    if not found or not stem.endswith(f"[{found[-1]}]"):
        return None
    return found[-1]


@dataclass
class FolderScan:
    files: dict[str, Path] = field(default_factory=dict)  # video id -> the preferred file
    mtimes: dict[str, int] = field(default_factory=dict)  # every folder read -> its mtime (ns)
    truncated: bool = False


def scan_folder(root: Path, limit: int = SCAN_LIMIT) -> FolderScan:
    result = FolderScan()
    seen: set[tuple[int, int]] = set()
    stack = [root]
    entries = 0
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            continue
        seen.add((info.st_dev, info.st_ino))
        result.mtimes[str(folder)] = info.st_mtime_ns
        try:
            listing = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            continue
        for entry in listing:
            entries += 1
            if entries > limit:
                result.truncated = True
                return result
            if entry.name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()
                is_file = not is_dir and entry.is_file()
            except OSError:
                continue
            if is_dir:
                stack.append(Path(entry.path))
            elif is_file:
                _offer(result.files, entry.name, Path(entry.path))
    return result


def _offer(files: dict[str, Path], name: str, path: Path) -> None:
    video_id = video_id_in_name(name)
    if video_id is None:
        return
    current = files.get(video_id)
    if current is None or _preference(path) < _preference(current):
        files[video_id] = path


def _preference(path: Path) -> tuple[int, str]:
    return _RANK.get(path.suffix.lower(), len(_RANK)), str(path)


def _unchanged(scan: FolderScan) -> bool:
    for folder, mtime in scan.mtimes.items():
        try:
            if os.stat(folder).st_mtime_ns != mtime:
                return False
        except OSError:
            return False
    return True


class MediaFinder:
    """The local file for a video id across the configured folders (first folder first)."""

    def __init__(self, folders: Iterable[str | Path], limit: int = SCAN_LIMIT) -> None:
        self.folders = [Path(folder).expanduser() for folder in folders]
        self._limit = limit
        self._scans: dict[Path, FolderScan] = {}
        self._lock = threading.Lock()

    def find(self, video_id: str | None) -> Path | None:
        if not video_id:
            return None
        for folder in self.folders:
            path = self._scan(folder).files.get(video_id)
            if path is not None and path.is_file():
                return path
            if path is not None:
                self._forget(folder)  # the file went away: read the folder again
                path = self._scan(folder).files.get(video_id)
                if path is not None and path.is_file():
                    return path
        return None

    def refresh(self) -> None:
        with self._lock:
            self._scans.clear()

    def _forget(self, folder: Path) -> None:
        with self._lock:
            self._scans.pop(folder, None)

    def _scan(self, folder: Path) -> FolderScan:
        with self._lock:
            scan = self._scans.get(folder)
            if scan is not None and _unchanged(scan):
                return scan
        scan = scan_folder(folder, self._limit)
        with self._lock:
            self._scans[folder] = scan
        return scan
