"""Copying and opening moments: a timestamp's deep link, a search hit's, a web link; each told in a toast.

The copier and the opener are injected (tests record them); the OSC 52 fallback is the app's.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.notifications import SeverityLevel

from ..core.opener import Opener, OpenResult, real_host, refusal
from ..core.timecode import deep_link, format_time
from .clipboard import Copier

if TYPE_CHECKING:
    from textual.app import App

    from ..core.index.search import Hit
    from ..render.view import NoteView

OSC_52 = "terminal clipboard (OSC 52)"


class Moments:
    def __init__(self, app: App, copier: Copier, opener: Opener, player: Callable[[], str | None]) -> None:
        self._app = app
        self._copier = copier
        self._opener = opener
        self._player = player  # the configured player command, as it is now
        self._trusted: set[str] = set()  # hosts the user said yes to, asked once each

    def _tell(self, message: str, severity: SeverityLevel = "information", title: str = "") -> None:
        self._app.notify(message, title=title, severity=severity, markup=False)

    def report(self, result: OpenResult) -> None:
        if result.foreground:
            self._run_in_terminal(result.foreground)
        self._tell(result.message, "information" if result.ok else "error")

    def _run_in_terminal(self, argv: tuple[str, ...]) -> None:
        """A console browser or player gets the terminal: the app steps aside until it ends."""
        import subprocess

        from textual.app import SuspendNotSupported

        try:
            with self._app.suspend():
                subprocess.run(argv, check=False)
        except SuspendNotSupported:
            self._tell(f"{argv[0]} runs in the terminal, and this one cannot be handed over", "error")
        except OSError as error:
            self._tell(f"could not start {argv[0]}: {error.strerror or error}", "error")

    def copy(self, text: str) -> None:
        how = self._copier(text)
        if how is None:
            self._app.copy_to_clipboard(text)
            how = OSC_52
        self._tell(f"{text}\ncopied to the {how}", title="Copied")

    def link(self, view: NoteView | None, index: int | None) -> tuple[str, int] | None:
        """The deep link and second of a timestamp of the shown note; None (said why) when there is none."""
        if view is None or index is None:
            self._tell("No timestamp selected", "warning")
            return None
        url = view.url(index)
        if url is None:
            self._tell(f"{view.note.title} has no valid videoId, so no deep link", "warning")
            return None
        return url, view.outline.timestamps[index].seconds

    def copy_link(self, view: NoteView | None, index: int | None, markdown: bool = False) -> None:
        found = self.link(view, index)
        if found is not None:
            url, seconds = found
            self.copy(f"[{format_time(seconds)}]({url})" if markdown else url)

    def play(self, view: NoteView | None, index: int | None) -> None:
        found = self.link(view, index)
        if found is not None:
            self.report(self._opener(found[0], found[1], self._player()))

    def open_web(self, url: str) -> None:
        """A link of the note: refused unless http(s); asked about once per host unless it is YouTube."""
        refused = refusal(url)
        if refused is not None:  # before any opener sees it
            self.report(refused)
            return
        host = real_host(url)
        if host is None or host in self._trusted:
            self.report(self._opener(url, 0, None))
            return
        from .screens.confirm import ConfirmLink

        def answered(yes: bool | None) -> None:
            if yes:
                self._trusted.add(host)
                self.report(self._opener(url, 0, None))

        self._app.push_screen(ConfirmLink(host, url), answered)

    def _hit_link(self, hit: Hit) -> str | None:
        url = hit.link or deep_link(hit.video_id, 0)
        if url is None:
            self._tell(f"{hit.title} has no valid videoId, so no deep link", "warning")
        return url

    def copy_hit(self, hit: Hit) -> None:
        url = self._hit_link(hit)
        if url is not None:
            self.copy(url)

    def play_hit(self, hit: Hit) -> None:
        url = self._hit_link(hit)
        if url is not None:
            self.report(self._opener(url, hit.seconds or 0, self._player()))
