"""Heavy notes parsed off the UI thread, the latest request winning: the result comes as NoteLoaded.

markdown-it cannot be interrupted, so each parse runs on a daemon thread of its own (quitting never
waits for one); every request, heavy or not, takes a serial, and only the latest one's result is shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from ..core.library import Library
from ..core.notes.note import Note
from ..core.places import OpenRequest
from ..render.palette import Palette
from ..render.view import Related, build_view
from .messages import NoteLoaded

FIRST_LINES = 200  # laid out in the background too, so the first screen is ready when it arrives


class NoteLoader:
    def __init__(self, post: Callable[[NoteLoaded], object]) -> None:
        self._post = post  # thread-safe: Textual's post_message
        self._serial = 0

    def supersede(self) -> int:
        """A new request is being shown: results of older ones are dropped. Its serial."""
        self._serial += 1
        return self._serial

    def is_latest(self, serial: int) -> bool:
        return serial == self._serial

    def load(self, note: Note, request: OpenRequest, library: Library, palette: Palette, related: Related, width: int) -> None:
        """Parse and lay out on a thread; everything it needs from the widgets was read by the caller."""
        serial = self.supersede()
        post = self._post

        def build() -> None:
            try:
                view = build_view(note, library, palette, related)
                view.document.layout(width, lines=FIRST_LINES)
                message = NoteLoaded(serial, request, view)
            except Exception as error:  # noqa: BLE001 - the parser is built never to raise; if it does, say so
                message = NoteLoaded(serial, request, None, f"{note.rel} could not be shown: {error}")
            try:
                post(message)  # dropped when the app has closed meanwhile
            except RuntimeError:  # its event loop closed just now
                pass

        threading.Thread(target=build, name=f"shownotes-parse-{serial}", daemon=True).start()
