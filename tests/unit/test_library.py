"""Scanning a folder: which files are notes, hidden folders, symlink loops, and bad files as warnings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shownotes.core.library import Library
from shownotes.core.notes.note import LARGE_NOTE_BYTES

GOOD = "---\ntitle: Good\n---\n# Good\n"
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

SCAN_CASES = [
    ("md", "a.md", True),
    ("markdown", "b.markdown", True),
    ("txt", "c.txt", True),
    ("upper-case suffix", "D.MD", True),
    ("nested folder", "chan/sub/e.md", True),
    ("other suffix", "f.rst", False),
    ("no suffix", "README", False),
    ("hidden file", ".hidden.md", False),
    ("git folder", ".git/g.md", False),
    ("obsidian folder", ".obsidian/h.md", False),
    ("hidden folder below", "chan/.trash/i.md", False),
]


@pytest.mark.parametrize(("rel", "listed"), [c[1:] for c in SCAN_CASES], ids=[c[0] for c in SCAN_CASES])
def test_which_files_are_notes(rel: str, listed: bool, write_tree) -> None:
    root = write_tree({"good.md": GOOD, rel: "# Note\n"})
    library = Library.open(root)
    assert sorted(note.rel for note in library.notes) == sorted(["good.md", *([rel] if listed else [])])
    assert library.warnings == ()


def _unreadable(path: Path) -> None:
    path.write_text("# Secret\n", encoding="utf-8")
    path.chmod(0)


BAD_CASES = [
    pytest.param(
        "unreadable.md", _unreadable, "cannot read", True, False,
        marks=pytest.mark.skipif(
            RUNNING_AS_ROOT, reason="running as root: root reads a chmod 000 file, so it cannot be made unreadable"
        ),
        id="unreadable",
    ),
    pytest.param("binary.md", lambda p: p.write_bytes(b"\x00\x01\x02\x03PK" * 400), "binary", True, False, id="binary"),
    pytest.param("latin.md", lambda p: p.write_bytes("# Caf\xe9\n".encode("cp1252")), "not UTF-8", False, True,
                 id="non-UTF-8"),
    pytest.param("empty.md", lambda p: p.write_bytes(b""), "empty note", False, True, id="empty"),
    pytest.param("big.md", lambda p: p.write_text("# Big\n\n" + "Words and more words. [00:00:01]\n\n" * 40_000,
                                                   encoding="utf-8"),
                 "large note", False, True, id="1 MB note"),
]


@pytest.mark.parametrize(("name", "make", "message", "fatal", "loaded"), BAD_CASES)
def test_bad_files_become_warnings(name: str, make, message: str, fatal: bool, loaded: bool, write_tree) -> None:
    root = write_tree({"good.md": GOOD, "chan/other.md": GOOD})
    bad = root / "chan" / name
    make(bad)
    try:
        library = Library.open(root)
    finally:
        bad.chmod(0o644)
    rel = f"chan/{name}"
    assert [(w.rel, w.fatal) for w in library.warnings] == [(rel, fatal)]
    assert message in library.warnings[0].message
    expected = ["chan/other.md", "good.md", *([rel] if loaded else [])]
    assert sorted(note.rel for note in library.notes) == sorted(expected)


def test_big_note_loads_whole(write_tree) -> None:
    body = "# Big\n\n" + "Words and more words. [00:00:01]\n\n" * 40_000
    root = write_tree({"big.md": body})
    (note,) = Library.open(root).notes
    assert note.size >= LARGE_NOTE_BYTES
    assert len(note.parse().outline.timestamps) == 40_000


def test_symlink_loop_is_scanned_once(write_tree) -> None:
    root = write_tree({"chan/a.md": GOOD, "chan/sub/b.md": GOOD})
    (root / "chan" / "sub" / "loop").symlink_to(root / "chan", target_is_directory=True)
    (root / "chan" / "self").symlink_to(root, target_is_directory=True)
    library = Library.open(root)
    assert [note.rel for note in library.notes] == ["chan/a.md", "chan/sub/b.md"]
    assert {w.rel for w in library.warnings} == {"chan/sub/loop", "chan/self"}
    assert all("symlink loop" in w.message and not w.fatal for w in library.warnings)


def test_single_file_library(seed_path: Path) -> None:
    library = Library.open(seed_path)
    assert library.single_file
    assert [note.rel for note in library.notes] == [seed_path.name]


def test_missing_path_raises_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such file or folder"):
        Library.open(tmp_path / "absent")


def test_seeds_are_the_default() -> None:
    library = Library.open()
    assert [note.title for note in library.notes] == ["AI infrastructure and tooling"]
