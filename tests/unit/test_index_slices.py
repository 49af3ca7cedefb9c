"""The index extracts a huge note slice by slice (notes/quick.parse_sliced) into the very record the
whole note gives: every corpus note, the hostile files and the constructs that cross a cut, with the
threshold at 0 and slices forced tiny so real notes are cut many times."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from shownotes.core.index.build import PARSE_ENV, FileRecord, extract
from shownotes.core.notes import quick
from shownotes.core.notes.slices import plan
from tests.conftest import CORPUS
from tests.hostile.corpus import broken_files, heavy_files, terminal_notes
from tests.unit.test_slices import CONSTRUCTS, TINY, UNCUT


def _cases() -> list:
    cases = [pytest.param("construct", name, text.encode(), id=name) for name, text in CONSTRUCTS]
    cases += [pytest.param("text", str(n), content, id=f"hostile-{n}") for n, (_f, _name, content) in enumerate(terminal_notes())]
    cases += [pytest.param("text", name, content, id=f"broken-{name}") for name, content, _said in broken_files()]
    cases += [pytest.param("text", name, content, id=f"heavy-{name}") for name, content in heavy_files().items()]
    if CORPUS.is_dir():
        cases += [pytest.param("path", str(p), b"", id=f"corpus-{p.relative_to(CORPUS)}") for p in sorted(CORPUS.rglob("*.md"))]
    return cases


def _by_slice(monkeypatch: pytest.MonkeyPatch, size: int = TINY) -> list[int]:
    """Every body over 0 characters is sliced, in slices of `size`; the list counts the sliced parses."""
    monkeypatch.setattr("shownotes.core.notes.slices.SLICED_NOTE_CHARS", 0)
    monkeypatch.setattr("shownotes.core.notes.slices.SLICE_CHARS", size)
    calls: list[int] = []
    real = quick.parse_sliced

    def counted(note):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(note)

    monkeypatch.setattr(quick, "parse_sliced", counted)
    return calls


@pytest.mark.parametrize(("kind", "name", "content"), _cases())
def test_sliced_record_is_the_whole_note_record(kind: str, name: str, content: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path(name) if kind == "path" else tmp_path / "note.md"
    if kind != "path":
        path.write_bytes(content)
    whole = extract(path, "note.md", sliced=False)
    calls = _by_slice(monkeypatch)
    sliced = extract(path, "note.md", sliced=True)
    if kind == "construct":
        assert calls and (len(plan(content.decode(), TINY).slices) > 1) is (name not in UNCUT)
    if whole.error is None and whole.body:
        assert calls  # the sliced path was the one taken
    for field in dataclasses.fields(FileRecord):
        assert getattr(sliced, field.name) == getattr(whole, field.name), field.name
    assert sliced == whole


def test_one_huge_note_by_slice_and_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """All the constructs in one note, with a title from an H1 past the first slices and the slice size kept
    small: many slices, one record."""
    text = "Opening prose [[First]].\n\n" + "".join(text for _name, text in CONSTRUCTS) * 3
    path = tmp_path / "huge.md"
    path.write_text(text, encoding="utf-8")
    whole = extract(path, "huge.md", sliced=False)
    calls = _by_slice(monkeypatch, 4096)
    sliced = extract(path, "huge.md")
    assert calls and len(plan(text, 4096).slices) > 10
    assert sliced == whole
    assert whole.title == "Inside" and whole.timestamps > 1000 and whole.links[0] == "First"


@pytest.mark.parametrize(("env", "argument", "expected"), [
    (None, None, 1), ("whole", None, 0), ("whole", True, 1), (None, False, 0), ("full", None, 0),
])  # fmt: skip
def test_which_notes_are_sliced(env: str | None, argument: bool | None, expected: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Bodies over the threshold, unless $SHOWNOTES_INDEX_PARSE or the argument says whole (or full)."""
    if env is None:
        monkeypatch.delenv(PARSE_ENV, raising=False)
    else:
        monkeypatch.setenv(PARSE_ENV, env)
    calls = _by_slice(monkeypatch)
    monkeypatch.setattr("shownotes.core.notes.slices.SLICED_NOTE_CHARS", 100)
    small, large = tmp_path / "small.md", tmp_path / "large.md"
    small.write_text("# Small\n\n" + "x" * 80 + "\n", encoding="utf-8")
    large.write_text("# Large\n\n" + "- y [00:00:01]\n" * 40, encoding="utf-8")
    assert extract(small, "small.md", sliced=argument).title == "Small"
    assert calls == []
    record = extract(large, "large.md", sliced=argument)
    assert record.title == "Large" and record.timestamps == 40
    assert len(calls) == expected
