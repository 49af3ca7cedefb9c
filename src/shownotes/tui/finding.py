"""Find off the UI thread: one daemon thread that searches for the latest request only.

A request superseded while the thread is busy is never run; a result that arrives after a newer
request was made is dropped by its serial on the UI side. The plain text of a layout is joined once
and kept for the next keystroke.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..core.find import Found, Haystack
from ..render.layout import Layout


@dataclass(frozen=True)
class Request:
    serial: int
    layout: Layout
    height: int  # lines laid out when asked: the UI thread may be adding more meanwhile
    complete: bool
    query: str
    fresh: bool  # the query changed (else the layout did)


class Searcher:
    def __init__(self, done: Callable[[Request, Found], object]) -> None:
        self._done = done  # called on the searcher's thread: it must be thread-safe (post_message)
        self._wake = threading.Condition()
        self._pending: Request | None = None
        self._thread: threading.Thread | None = None
        self._stopped = False
        self._haystack: tuple[Layout, int, Haystack] | None = None

    def search(self, request: Request) -> None:
        with self._wake:
            self._pending = request
            self._wake.notify()
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(target=self._run, name="shownotes-find", daemon=True)
                self._thread.start()

    def stop(self) -> None:
        with self._wake:
            self._stopped = True
            self._pending = None
            self._wake.notify()

    def haystack(self, layout: Layout, height: int) -> Haystack:
        cached = self._haystack
        if cached is not None and cached[0] is layout and cached[1] == height:
            return cached[2]
        haystack = Haystack.of([layout.text(y) for y in range(height)])  # lines below height are whole
        self._haystack = (layout, height, haystack)
        return haystack

    def _run(self) -> None:
        while True:
            with self._wake:
                while self._pending is None and not self._stopped:
                    self._wake.wait()
                if self._stopped:
                    return
                request, self._pending = self._pending, None
            found = self.haystack(request.layout, request.height).find(request.query, request.complete)
            try:
                self._done(request, found)
            except RuntimeError:  # the app's event loop closed just now
                return
