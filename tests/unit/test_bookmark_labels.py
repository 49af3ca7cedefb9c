"""Bookmark labels end at a word with `…`; a library's bookmarks are those whose note it holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.library import Library
from shownotes.core.library.bookmarks import clip, in_library
from shownotes.core.state import Bookmark


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("short enough", 160, "short enough"),
        ("exactly ten", 11, "exactly ten"),
        ("one two three four five", 12, "one two…"),  # cut before the word it would split
        ("one two three, four", 15, "one two three…"),  # no comma left before the ellipsis
        ("averyveryverylongwordwithoutspaces", 10, "averyvery…"),  # one word: cut inside it
        ("  spaced \n  out   text  ", 160, "spaced out text"),
    ],
)
def test_clip(text: str, limit: int, expected: str) -> None:
    assert clip(text, limit) == expected
    assert len(clip(text, limit)) <= limit


def test_in_library_by_video_or_path(tmp_path: Path) -> None:
    (tmp_path / "pod").mkdir()
    (tmp_path / "pod" / "a.md").write_text("---\ntitle: A\nvideoId: AAAAAAAAAAA\n---\nFrom: [[pod]] <br/>\n", encoding="utf-8")
    (tmp_path / "pod" / "page.md").write_text("---\ntitle: Page\n---\nno video\n", encoding="utf-8")
    library = Library.open(tmp_path)
    moved = Bookmark("AAAAAAAAAAA", 5, "A", "old/place.md", "")  # found by its video
    page = Bookmark(None, None, "Page", "pod/page.md", "")  # found by its path
    elsewhere = Bookmark("ZZZZZZZZZZZ", 5, "Z", "pod/z.md", "")
    assert in_library(library, [moved, page, elsewhere]) == [moved, page]
