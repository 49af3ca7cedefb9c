"""Files that try to crash, hang or exhaust the reader: each gives a warning, the rest of the library works,
and the worst cases stay under a (generous) memory ceiling, measured in a fresh process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shownotes.core.index import Index
from shownotes.core.index.build import extract
from shownotes.core.library import Library, scan
from shownotes.core.notes.note import read_head

from .corpus import HEAVY_KEPT, broken_files, heavy_files

MEMPROBE = Path(__file__).with_name("memprobe.py")
HANG_GUARD = 600  # seconds: a hang fails the test instead of blocking the suite; not a speed check
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

BROKEN = [(name, expected) for name, _content, expected in broken_files() if expected] + [
    ("fifo.md", "not a regular file"),
    ("device.md", "not a regular file"),
    ("folder.md", None),  # a folder with a note's name is just a folder
    ("dangling.md", "cannot read"),
    ("self.md", "cannot read"),
    ("loop/up", "symlink loop"),
    pytest.param("unreadable.md", "cannot read", marks=pytest.mark.skipif(AS_ROOT, reason="root reads every file")),
]


def warnings_for(library: Library, rel: str) -> list[str]:
    return [w.message for w in library.warnings if w.rel == rel]


@pytest.mark.parametrize(("name", "expected"), BROKEN)
def test_each_broken_file_gives_a_warning(hostile_root: Path, name: str, expected: str | None) -> None:
    library = Library.open(hostile_root)
    found = warnings_for(library, f"broken/{name}")
    if expected is None:
        assert found == [] and library.note(f"broken/{name}") is None
    else:
        assert any(expected in message for message in found), found


# (rel, title, video id, a text the body must hold, a text it must not)
READABLE = [
    ("broken/bom.md", "With BOM", "BBBBBBBBBBB", "body", "\ufeff"),
    ("broken/crlf.md", "CRLF", "CCCCCCCCCCC", "lone\ncr", "\r"),
    ("broken/cp1252.md", "Café naïve", None, "Smart “quotes” — dash", "\ufffd"),
    ("broken/mixed.md", "Mixed", None, "latin-1 line café", "\ufffd"),
    ("broken/bomb.md", "Bomb", None, "bomb body", "lol"),
    ("broken/unclosed.md", "unclosed", None, "title: never closed", "\x00"),
    ("broken/loop/ok.md", "ok", None, "fine", "\x00"),  # titled by its H1 once parsed
]


@pytest.mark.parametrize(("rel", "title", "video", "holds", "lacks"), READABLE, ids=[c[0] for c in READABLE])
def test_the_rest_of_the_library_reads(hostile_root: Path, rel: str, title: str, video, holds: str, lacks: str) -> None:
    library = Library.open(hostile_root)
    note = library.note(rel)
    assert note is not None
    assert (note.title, note.video_id) == (title, video)
    assert holds in note.body and lacks not in note.body
    assert [n.rel for n in library.notes].count("broken/loop/ok.md") == 1


def test_crlf_note_keeps_its_timestamps_and_heading(hostile_root: Path) -> None:
    outline = Library.open(hostile_root).note("broken/crlf.md").parse().outline
    assert [(s.level, s.title) for s in outline.sections[1:]] == [(1, "Head")]
    assert [t.seconds for t in outline.timestamps] == [6]


READERS = [
    ("head (the catalog's first pass)", lambda path, rel: read_head(path, rel).error),
    ("extract (the index worker)", lambda path, rel: extract(path, rel).error),
]


@pytest.mark.parametrize("reader", [r[1] for r in READERS], ids=[r[0] for r in READERS])
def test_every_reader_refuses_pipes_and_devices_without_waiting(hostile_root: Path, reader) -> None:
    files, _warnings = scan(hostile_root)
    errors = {rel: reader(path, rel) for path, rel in files}
    assert "not a regular file" in errors["broken/fifo.md"]
    assert "not a regular file" in errors["broken/device.md"]
    assert "cannot read" in errors["broken/self.md"]
    assert errors["broken/bom.md"] is None


def test_the_index_skips_broken_files_and_still_searches(hostile_root: Path, tmp_path: Path) -> None:
    with Index.open(hostile_root, tmp_path / "cache") as index:
        result = index.update(workers=1)
        failed = dict(result.failed)
        assert "binary" in failed["broken/binary.md"] and "not a regular file" in failed["broken/fifo.md"]
        assert [hit.rel for hit in index.search("bomb")] == ["broken/bomb.md"]


def probe(kind: str, path: Path) -> dict:
    result = subprocess.run(
        [sys.executable, str(MEMPROBE), kind, str(path)], capture_output=True, text=True, timeout=HANG_GUARD, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


# Ceilings are about three times what was measured when they were set: they catch unbounded growth
# (a bomb expanding, a device read to its end, a quadratic copy), not a few percent of drift.
MB = 1024
HEAVY = [
    ("one_line.md", 450 * MB),  # measured ~130 MB: 1 MB on one line, 6,945 timestamps, links and emphasis
    ("stamps.md", 1000 * MB),  # measured ~320 MB: 100,000 timestamps, laid out and indexed
    ("deep_list.md", 100 * MB),
    ("deep_quote.md", 100 * MB),
    ("deep_indent.md", 100 * MB),
    ("huge_frontmatter.md", 100 * MB),
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "ceiling_kb"), HEAVY, ids=[c[0] for c in HEAVY])
def test_heavy_notes_load_completely_within_a_memory_ceiling(tmp_path: Path, name: str, ceiling_kb: int) -> None:
    path = tmp_path / name
    path.write_bytes(heavy_files()[name])
    result = probe("note", path)
    assert result["peak_kb"] < ceiling_kb, result["peak_kb"]
    assert result["index_error"] is None
    if name in HEAVY_KEPT:
        assert result["tail"].endswith(HEAVY_KEPT[name])  # nothing after the deep part is lost
    if name.startswith("deep"):
        assert any("nested too deep" in w for w in result["warnings"])
    if name == "stamps.md":
        assert result["timestamps"] == result["indexed_timestamps"] == 100_000
        assert result["seconds_in_order"]
    if name == "huge_frontmatter.md":
        assert any("only title and videoId read" in w for w in result["warnings"])


@pytest.mark.slow
def test_a_folder_of_twenty_thousand_files(tmp_path: Path) -> None:
    folder = tmp_path / "big" / "channel"
    folder.mkdir(parents=True)
    for number in range(20_000):
        (folder / f"note_{number:05d}.md").write_bytes(
            b"---\ntitle: Note %d\nvideoId: AAAAAAAAAAA\n---\nbody [00:00:%02d]\n" % (number, number % 60)
        )
    (folder / "note_binary.md").write_bytes(bytes(range(256)) * 8)
    result = probe("library", folder.parent)
    assert (result["notes"], result["heads"]) == (20_001, 20_001)
    assert result["errors"] == ["binary file; not a note"]
    assert result["channels"] == ["channel"]
    assert result["peak_kb"] < 300 * MB  # measured ~4 MB over the imports

