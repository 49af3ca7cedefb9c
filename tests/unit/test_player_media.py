"""Local media: yt-dlp's `title [ID].ext` names, found across folders, scanned once and kept."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shownotes.core.player.media import MediaFinder, scan_folder, video_id_in_name

NAME_CASES = [
    ("Talk [dQw4w9WgXcQ].mp4", "dQw4w9WgXcQ"),
    ("Talk [dQw4w9WgXcQ].WEBM", "dQw4w9WgXcQ"),
    ("A [live] talk [dQw4w9WgXcQ].opus", "dQw4w9WgXcQ"),
    ("[aaaaaaaaaaa] re-upload [dQw4w9WgXcQ].mkv", "dQw4w9WgXcQ"),
    ("Talk [dQw4w9WgXcQ].f137.mp4", None),  # one format of an unfinished download
    ("Talk [dQw4w9WgXcQ].mp4.part", None),
    ("Talk [dQw4w9WgXcQ].temp.mp4", None),
    ("Talk [dQw4w9WgXcQ].en.vtt", None),
    ("Talk [dQw4w9WgXcQ].jpg", None),
    ("Talk [dQw4w9WgXc].mp4", None),  # ten characters
    ("Talk [dQw4w9WgXcQQ].mp4", None),  # twelve
    ("Talk dQw4w9WgXcQ.mp4", None),
    ("Talk [dQw4w9WgXcQ] extra.mp4", None),
    ("[dQw4w9WgXcQ]", None),
    ("", None),
]


@pytest.mark.parametrize(("name", "video_id"), NAME_CASES, ids=[repr(c[0]) for c in NAME_CASES])
def test_video_id_in_name(name: str, video_id: str | None) -> None:
    assert video_id_in_name(name) == video_id


def touch(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"")
    return path


def bump_mtime(folder: Path) -> None:
    """A distinct mtime, since a file made within one clock tick of the scan may leave it unchanged."""
    mtime = folder.stat().st_mtime_ns + 2_000_000_000
    os.utime(folder, ns=(mtime, mtime))


def test_found_in_nested_folders_first_folder_first(tmp_path: Path) -> None:
    one = touch(tmp_path / "one" / "deep" / "er" / "Talk [AAAAAAAAAAA].mkv")
    touch(tmp_path / "two" / "Talk [AAAAAAAAAAA].mkv")
    two = touch(tmp_path / "two" / "Other [BBBBBBBBBBB].mp4")
    finder = MediaFinder([tmp_path / "one", tmp_path / "two"])
    assert finder.find("AAAAAAAAAAA") == one
    assert finder.find("BBBBBBBBBBB") == two
    assert finder.find("CCCCCCCCCCC") is None
    assert finder.find(None) is None


def test_video_preferred_to_audio_and_hidden_folders_skipped(tmp_path: Path) -> None:
    touch(tmp_path / "a" / "Talk [AAAAAAAAAAA].opus")
    video = touch(tmp_path / "b" / "Talk [AAAAAAAAAAA].mp4")
    touch(tmp_path / ".hidden" / "Secret [BBBBBBBBBBB].mp4")
    scan = scan_folder(tmp_path)
    assert scan.files == {"AAAAAAAAAAA": video}


def test_a_new_download_below_is_found_once_its_folder_changed(tmp_path: Path) -> None:
    touch(tmp_path / "sub" / "First [AAAAAAAAAAA].mp4")
    finder = MediaFinder([tmp_path])
    assert finder.find("BBBBBBBBBBB") is None
    new = touch(tmp_path / "sub" / "Second [BBBBBBBBBBB].webm")
    bump_mtime(tmp_path / "sub")
    assert finder.find("BBBBBBBBBBB") == new


def test_refresh_rescans_and_a_removed_file_is_not_returned(tmp_path: Path) -> None:
    first = touch(tmp_path / "First [AAAAAAAAAAA].mp4")
    finder = MediaFinder([str(tmp_path)])
    assert finder.find("AAAAAAAAAAA") == first
    first.unlink()
    assert finder.find("AAAAAAAAAAA") is None
    again = touch(tmp_path / "deep" / "First again [AAAAAAAAAAA].mkv")
    finder.refresh()
    assert finder.find("AAAAAAAAAAA") == again


def test_symlink_loops_are_read_once(tmp_path: Path) -> None:
    video = touch(tmp_path / "a" / "Talk [AAAAAAAAAAA].mp4")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    scan = scan_folder(tmp_path)
    assert scan.files == {"AAAAAAAAAAA": video}
    assert len(scan.mtimes) == 2


def test_a_scan_stops_at_its_limit(tmp_path: Path) -> None:
    for n in range(30):
        touch(tmp_path / f"{n:02d} [AAAAAAAAA{n:02d}].mp4")
    scan = scan_folder(tmp_path, limit=10)
    assert scan.truncated and len(scan.files) == 10


def test_missing_folders_find_nothing(tmp_path: Path) -> None:
    assert MediaFinder([tmp_path / "nope", "~/surely-not-a-folder-of-videos"]).find("AAAAAAAAAAA") is None
