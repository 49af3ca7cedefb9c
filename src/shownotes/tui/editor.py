"""`e`: the note shown, opened in the user's editor at the line being read, with the reader stepped
aside (Textual's App.suspend); afterwards the note is read again at the same place. Shownotes itself
never writes in the notes folder: the editor does, if the user saves."""

from __future__ import annotations

import os
from collections.abc import Callable

from textual.app import App
from textual.binding import Binding

from ..core.editor import NoEditor, editor_argv

EditorRunner = Callable[[App, list[str]], int]  # runs an argument list with the terminal; its exit status

EDITOR_BINDINGS = [Binding("e", "edit", "Edit note")]


def run_suspended(app: App, argv: list[str]) -> int:
    """Hand the terminal to `argv` until it exits (never through a shell)."""
    import subprocess

    with app.suspend():
        return subprocess.run(argv, check=False).returncode


class EditorActions:
    """The app's `e` (mixed into ShownotesApp, which provides view, reader, editor_runner, files_changed)."""

    def editing_line(self) -> int:
        """1-based line of the note's file: where the reader's top line comes from, else its section's heading."""
        view, reader = self.view, self.reader
        layout = reader.text_layout
        body = layout.source_line(reader.top_line) if layout is not None else None
        if body is None:
            section, _offset = reader.position()
            sections = view.outline.sections
            body = sections[section].line if 0 <= section < len(sections) else 0
        return view.note.body_line + body + 1

    def action_edit(self) -> None:
        from textual.app import SuspendNotSupported

        view = self.view
        if view is None:
            self.notify_text("No note is shown to edit")
            return
        note = view.note
        try:
            argv = editor_argv(os.path.abspath(note.file), self.editing_line())
        except NoEditor as error:
            self.notify_text(str(error), "error")
            return
        try:
            status = self.editor_runner(self, argv)
        except SuspendNotSupported:
            self.notify_text(f"{argv[0]} needs the terminal, and this one cannot be handed over", "error")
            return
        except OSError as error:
            self.notify_text(f"could not start {argv[0]}: {error.strerror or error}", "error")
            return
        if status != 0:
            self.notify_text(f"{argv[0]} exited with status {status}; the note is read again as it is on disk")
        self.files_changed({(0, note.file)})
