"""Loading a library is a state machine the catalog owns: where each kind of start begins, the events
a refresh yields on its way to INDEXED, and how changed files merge into the library."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from shownotes.core import catalog as core
from shownotes.core.catalog import FULL_READ_LIMIT, FileChange, Stage, open_for_reader
from shownotes.core.index import Index
from shownotes.core.notes.note import read_note
from tests.disk import write_files

MANY = FULL_READ_LIMIT + 10


def notes(count: int) -> dict[str, str]:
    return {f"chan_{n % 3}/note_{n:04d}.md": f"---\nvideoId: AAAAAAAAAA{n % 10}\n---\n# Note {n}\n\nWords {n}.\n" for n in range(count)}


def small(root: Path) -> None:
    write_files(root, notes(5))


def large(root: Path) -> None:
    write_files(root, notes(MANY))


def large_indexed(root: Path) -> None:
    """Indexed before (by the CLI, say): the index knows every note, but no start note."""
    large(root)
    with Index.open(root) as index:
        index.update()


def large_opened_before(root: Path) -> None:
    """Indexed by the reader before: the index remembers the note a start opens."""
    large_indexed(root)
    with Index.open(root) as index:
        index.remember_start("chan_0/note_0000.md")


@dataclass(frozen=True)
class Start:
    id: str
    prepare: Callable[[Path], None]
    stage: Stage
    events: tuple[type, ...]  # the kinds of event a refresh yields, progress left out


STARTS = [
    Start("small folder", small, Stage.READ, (core.IndexOpened, core.Indexed)),
    Start("large, first time", large, Stage.LISTED, (core.ReadingMetadata, core.MetadataRead, core.Indexed)),
    Start("large, indexed by the CLI", large_indexed, Stage.UNSCANNED, (core.Indexed,)),
    Start("large, opened before", large_opened_before, Stage.PENDING, (core.FolderLoaded, core.Indexed)),
]


@pytest.mark.parametrize("start", STARTS, ids=[start.id for start in STARTS])
def test_each_start_walks_to_indexed(start: Start, tmp_path: Path) -> None:
    root = tmp_path / "library"
    start.prepare(root)
    catalog = open_for_reader(root)
    assert catalog.stage is start.stage
    if catalog.pending:
        assert catalog.start == "chan_0/note_0000.md" and catalog.resume(catalog.start)
        assert [note.rel for note in catalog.library.notes] == [catalog.start]
    events = list(catalog.refresh())
    assert tuple(type(event) for event in events if not isinstance(event, core.Indexing)) == start.events
    assert catalog.stage is Stage.INDEXED and catalog.indexed
    assert len(catalog.library.notes) == len(list(root.rglob("*.md")))
    assert all(note.known for note in catalog.library.notes)
    final = events[-1]
    assert isinstance(final, core.Indexed) and final.library is catalog.library
    again = [type(event) for event in catalog.refresh()]  # nothing changed: the index is only checked
    assert again == [core.Indexed]


def test_a_stopped_refresh_keeps_its_stage(tmp_path: Path) -> None:
    root = tmp_path / "library"
    large(root)
    catalog = open_for_reader(root)
    assert [type(event) for event in catalog.refresh(stop=lambda: True)] == [core.ReadingMetadata]  # and no further
    assert catalog.stage is Stage.LISTED and catalog.index is not None


def test_a_large_first_start_lists_notes_by_name_then_reads_titles(tmp_path: Path) -> None:
    root = tmp_path / "library"
    large(root)
    catalog = open_for_reader(root)
    assert not any(note.known for note in catalog.library.notes)
    steps = catalog.refresh()
    assert isinstance(next(steps), core.ReadingMetadata)
    read = next(steps)
    assert isinstance(read, core.MetadataRead) and read.changed
    assert {note.video_id for note in read.library.notes} == {f"AAAAAAAAAA{n}" for n in range(10)}
    steps.close()


@dataclass(frozen=True)
class Change:
    id: str
    change: Callable[[Path], FileChange]
    open_rel: str
    reshow: bool
    reopen: bool
    notice: str  # a word of the notice, "" for none
    present: bool  # the note is in the library afterwards


def _edit(root: Path) -> FileChange:
    path = root / "a.md"
    path.write_text("# A\n\nEdited.\n", encoding="utf-8")
    return FileChange("a.md", note=read_note(path, "a.md"))


def _unreadable(root: Path) -> FileChange:
    return FileChange("a.md", error="cannot read: permission denied")


CHANGES = [
    Change("the open note edited", _edit, "a.md", True, False, "", True),
    Change("another note edited", _edit, "b.md", False, False, "", True),
    Change("the open note deleted", lambda root: FileChange("a.md", gone=True), "a.md", False, False, "deleted", False),
    Change("a new note", lambda root: FileChange("new.md", note=read_note(_new(root), "new.md")), "a.md", False, False, "", True),
    Change("written again", lambda root: FileChange("new.md", note=read_note(_new(root), "new.md")), "new.md", False, True, "", True),
    Change("the open note unreadable", _unreadable, "a.md", False, False, "last version", True),
    Change("a new file unreadable", lambda root: FileChange("bad.md", error="binary file"), "a.md", False, False, "binary", False),
]


def _new(root: Path) -> Path:
    path = root / "new.md"
    path.write_text("# New\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("case", CHANGES, ids=[case.id for case in CHANGES])
def test_changed_files_merge_into_a_new_snapshot(case: Change, tmp_path: Path) -> None:
    root = tmp_path / "library"
    write_files(root, {"a.md": "# A\n\nFirst.\n", "b.md": "# B\n"})
    catalog = open_for_reader(root)
    before = catalog.library
    change = case.change(root)
    outcome = catalog.apply([change], case.open_rel)
    assert (outcome.reshow, outcome.reopen) == (case.reshow, case.reopen)
    assert any(case.notice in notice for notice in outcome.notices) if case.notice else outcome.notices == ()
    assert (catalog.library.note(change.rel) is not None) == case.present
    assert outcome.library is catalog.library
    assert before.note("a.md") is not None and before.note("new.md") is None  # the old snapshot is unchanged
