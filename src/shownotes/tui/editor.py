"""`e`: the note shown, opened in the user's editor at the line being read, with the reader stepped
aside (Textual's App.suspend); afterwards the note is read again at the same place. Shownotes itself
never writes in the notes folder: the editor does, if the user saves."""

from __future__ import annotations

import os
from collections.abc import Callable

from textual.app import App
from textual.notifications import SeverityLevel

from ..core.editor import NoEditor, editor_argv
from ..render.view import NoteView
from .desk import Desk
from .named import named
from .panes.reader import Reader

EditorRunner = Callable[[App, list[str]], int]  # runs an argument list with the terminal; its exit status

EDITOR_BINDINGS = [named("e", "edit", "Edit note")]


def run_suspended(app: App, argv: list[str]) -> int:
    """Hand the terminal to `argv` until it exits (never through a shell)."""
    import subprocess

    with app.suspend():
        return subprocess.run(argv, check=False).returncode


class Editing:
    """Owns `e`: which line of the note's file is being read, the editor run with the terminal, the note
    read again afterwards (`reread`, as the file watcher would)."""

    def __init__(
        self, app: App, runner: EditorRunner, tell: Callable[[str, SeverityLevel], None], reread: Callable[[set], None]
    ) -> None:
        self.app, self.runner, self.tell, self.reread = app, runner, tell, reread

    def line(self, view: NoteView, reader: Reader) -> int:
        """1-based line of the note's file: where the reader's top line comes from, else its section's heading."""
        layout = reader.text_layout
        body = layout.source_line(reader.top_line) if layout is not None else None
        if body is None:
            section, _offset = reader.position()
            sections = view.outline.sections
            body = sections[section].line if 0 <= section < len(sections) else 0
        return view.note.body_line + body + 1

    def edit(self) -> None:
        from textual.app import SuspendNotSupported

        desk = self.app.query_one(Desk)
        view = desk.view
        if view is None:
            self.tell("No note is shown to edit", "warning")
            return
        note = view.note
        try:
            argv = editor_argv(os.path.abspath(note.file), self.line(view, desk.reader))
        except NoEditor as error:
            self.tell(str(error), "error")
            return
        try:
            status = self.runner(self.app, argv)
        except SuspendNotSupported:
            self.tell(f"{argv[0]} needs the terminal, and this one cannot be handed over", "error")
            return
        except OSError as error:
            self.tell(f"could not start {argv[0]}: {error.strerror or error}", "error")
            return
        if status != 0:
            self.tell(f"{argv[0]} exited with status {status}; the note is read again as it is on disk", "warning")
        self.reread({(0, note.file)})
