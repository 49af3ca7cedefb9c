"""What the watcher's thread reads of changed files, before the UI thread applies it: one table."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.catalog import read_changes

FILES = {
    "pod/alpha.md": b"---\ntitle: Alpha\n---\nWords.\n",
    "pod/binary.md": b"\x00\x01\x02 not text" * 10,
    "odd\x1b[2Jname.md": b"# Odd\n",
}


@pytest.fixture
def root(tmp_path: Path) -> Path:
    base = tmp_path / "lib"
    for rel, data in FILES.items():
        (base / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / rel).write_bytes(data)
    return base


# (path under the root as the watcher names it, expected (rel, kind, detail)); None: ignored
CASES = [
    ("pod/alpha.md", ("pod/alpha.md", "read", "Alpha")),
    ("pod/gone.md", ("pod/gone.md", "gone", None)),
    ("pod/binary.md", ("pod/binary.md", "error", "binary")),
    ("odd\x1b[2Jname.md", ("odd<U+001B>[2Jname.md", "read", "Odd")),  # the name spelled safe, one rel per real name
    ("../outside.md", None),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0].encode("unicode_escape").decode() for c in CASES])
def test_read_changes(root: Path, raw: str, expected) -> None:
    changes = read_changes(root, [str(root / raw)])
    if expected is None:
        assert changes == []
        return
    ((change,),) = [changes]
    rel, kind, detail = expected
    assert change.rel == rel
    if kind == "gone":
        assert change.gone and change.note is None and change.error is None
    elif kind == "error":
        assert change.note is None and detail in change.error
    else:
        assert not change.gone and change.error is None
        assert change.note.title == detail or detail in change.note.body


def test_read_changes_reads_each_path_once_in_order(root: Path) -> None:
    paths = [str(root / "pod/binary.md"), str(root / "pod/alpha.md"), str(root / "pod/alpha.md")]
    assert [c.rel for c in read_changes(root, paths)] == ["pod/alpha.md", "pod/binary.md"]


def test_a_folder_that_appears_is_read_whole_and_one_that_goes_takes_its_notes(root: Path) -> None:
    from shownotes.core.catalog import Catalog
    from shownotes.core.library import Library

    catalog = Catalog(Library.open(root))
    (root / "pod").rename(root / "show")
    (root / "show/notes.txt.swp").write_text("an editor's file, not a note", encoding="utf-8")
    changes = read_changes(root, [str(root / "pod"), str(root / "show"), str(root / "show/notes.txt.swp")])
    assert [(c.rel, c.gone) for c in changes] == [("pod", True), ("show/alpha.md", False), ("show/binary.md", False)]
    outcome = catalog.apply(changes, open_rel="pod/alpha.md")
    assert sorted(note.rel for note in outcome.library.notes) == ["odd<U+001B>[2Jname.md", "show/alpha.md"]
    assert outcome.notices[0].startswith("pod/alpha.md was deleted or moved")
