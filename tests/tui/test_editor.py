"""Pilot tests of `e`: the note opened in $VISUAL/$EDITOR at the line being read, read again afterwards
at the same place; a missing, absent or failing editor is a toast. The editor is a script the test writes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ..waiting import wait_for

SIZE = (140, 40)


def fake_editor(folder: Path, name: str = "vi", status: int = 0, append: str = "") -> tuple[Path, Path]:
    """An executable `name` that records its argv, appends `append` to the file it is given, exits `status`."""
    folder.mkdir(parents=True, exist_ok=True)
    record = folder / "argv.json"
    script = folder / name
    script.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"open({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n"
        f"if {append!r}:\n"
        f"    open(sys.argv[-1], 'a').write({append!r})\n"
        f"sys.exit({status})\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script, record


def run_here(app, argv: list[str]) -> int:
    """The runner without the terminal handed over (a headless app has none to hand)."""
    return subprocess.run(argv, check=False).returncode


def file_line(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if line.startswith(text))


def long_note(library: Path) -> Path:
    """A note longer than the screen, so the reader can put any section at its top."""
    words = "Words to read, enough of them to wrap over a line or two of the reader at this width. " * 3
    sections = "".join(f"## Part {n}\n\n" + "".join(f"{words}{n}.{p}\n\n" for p in range(6)) for n in range(1, 6))
    path = library / "pod" / "long.md"
    path.write_text(f"---\ntitle: Long\nvideoId: LLLLLLLLLLL\n---\nFirst words.\n\n{sections}", encoding="utf-8")
    return path


async def test_e_opens_the_heading_being_read_and_reads_the_note_again_there(app_factory, small_library, tmp_path, monkeypatch):
    note = long_note(small_library)
    script, record = fake_editor(tmp_path / "bin", append="\n## Six\n\nAdded by the editor.\n")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(script))
    app = app_factory(small_library, editor=run_here)
    async with app.run_test(size=SIZE) as pilot:
        app.open_note("pod/long.md")
        await wait_for(pilot, lambda: app.view is not None and app.view.note.rel == "pod/long.md", "the long note")
        await pilot.press("right_square_bracket", "right_square_bracket")
        await wait_for(pilot, lambda: app.reader.position() == (2, 0), "the reader at Part 2")
        await pilot.press("e")
        assert json.loads(record.read_text()) == [f"+{file_line(note, '## Part 2')}", os.path.abspath(note)]
        await wait_for(pilot, lambda: "Added by the editor." in app.reader.text_layout.plain(), "the note read again")
        assert app.reader.position() == (2, 0)
        assert app.reader.line_of_section(6) is not None


async def test_e_opens_the_paragraph_at_the_top_of_the_reader(app_factory, small_library, tmp_path, monkeypatch):
    note = long_note(small_library)
    script, record = fake_editor(tmp_path / "bin")
    monkeypatch.setenv("VISUAL", f"{script} -R")
    app = app_factory(small_library, editor=run_here)
    async with app.run_test(size=SIZE) as pilot:
        app.open_note("pod/long.md")
        await wait_for(pilot, lambda: app.view is not None and app.view.note.rel == "pod/long.md", "the long note")
        await pilot.pause()  # laid out at the reader's final width
        reader = app.reader
        line = next(y for y in range(reader.text_layout.height) if reader.text_layout.text(y).rstrip().endswith("1.3"))
        reader.go_to_line(line)
        await pilot.press("e")
        expected = next(n for n, text in enumerate(note.read_text().splitlines(), 1) if text.endswith("1.3"))
        assert reader.top_line == line  # the last line of the paragraph: the editor opens at its first
        assert json.loads(record.read_text()) == ["-R", f"+{expected}", os.path.abspath(note)]


@pytest.mark.parametrize(
    ("environ", "status", "notice"),
    [
        ({}, 0, "no editor: set $VISUAL or $EDITOR"),
        ({"EDITOR": "/nonexistent/editor-of-nothing"}, 0, "could not start /nonexistent/editor-of-nothing: No such file or directory"),
        ({"EDITOR": "SCRIPT"}, 3, "exited with status 3; the note is read again as it is on disk"),
    ],
    ids=["missing", "not found", "failing"],
)
async def test_an_editor_that_cannot_run_is_a_toast(app_factory, small_library, tmp_path, monkeypatch, environ, status, notice):
    script, record = fake_editor(tmp_path / "bin", status=status)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    for name, value in environ.items():
        monkeypatch.setenv(name, str(script) if value == "SCRIPT" else value)
    app = app_factory(small_library, editor=run_here)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_for(pilot, lambda: any(notice in text for text in app.notices), notice)
        assert app.view is not None and app.is_running


async def test_a_terminal_that_cannot_be_handed_over_is_a_toast(app_factory, small_library, tmp_path, monkeypatch):
    script, record = fake_editor(tmp_path / "bin")
    monkeypatch.setenv("EDITOR", str(script))
    app = app_factory(small_library)  # the real runner: a headless app cannot suspend
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await wait_for(pilot, lambda: any("cannot be handed over" in text for text in app.notices), "the toast")
        assert not record.exists()
