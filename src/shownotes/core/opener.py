"""Opening a deep link: the browser (`webbrowser`, which honours $BROWSER) or a player command.

Only http(s) URLs are ever opened. A player command is split once into arguments and each
argument is formatted on its own, so `{url}` can never become two arguments; no shell runs.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from .timecode import is_web_url

_PLACEHOLDER = re.compile(r"\{(url|seconds)\}")
Opener = Callable[[str, int, "str | None"], "OpenResult"]  # url, seconds, player command


@dataclass(frozen=True)
class OpenResult:
    ok: bool
    message: str


def player_argv(template: str, url: str, seconds: int) -> list[str]:
    """The argument list for a player template such as `mpv --start={seconds} {url}`."""
    values = {"url": url, "seconds": str(int(seconds))}
    return [_PLACEHOLDER.sub(lambda m: values[m.group(1)], part) for part in shlex.split(template)]


def refusal(url: str) -> OpenResult | None:
    """Why a URL will not be opened, or None for an http(s) URL that may be."""
    if is_web_url(url):
        return None
    return OpenResult(False, f"refused to open {url[:80]!r}: only http(s) links are opened")


def open_url(url: str, seconds: int = 0, player: str | None = None) -> OpenResult:
    refused = refusal(url)
    if refused is not None:
        return refused
    if player:
        try:
            argv = player_argv(player, url, seconds)
        except ValueError as error:
            return OpenResult(False, f"player command is not valid ({error})")
        if not argv:
            return OpenResult(False, "player command is empty")
        import subprocess  # the opener's modules load when a link is first opened, not at startup

        try:
            subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as error:
            return OpenResult(False, f"could not start {argv[0]}: {error.strerror or error}")
        return OpenResult(True, f"playing in {argv[0]}: {url}")
    import webbrowser

    try:
        opened = webbrowser.open(url, new=2)
    except webbrowser.Error as error:
        return OpenResult(False, f"no browser: {error}")
    if not opened:
        return OpenResult(False, f"no browser could open {url} (set $BROWSER)")
    return OpenResult(True, f"opened in browser: {url}")
