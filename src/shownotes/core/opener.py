"""Opening a deep link: the browser (`webbrowser`, which honours $BROWSER) or a player command.

Only http(s) URLs are ever opened. A player command is split once into arguments and each
argument is formatted on its own, so `{url}` can never become two arguments; no shell runs.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from .player.command import draws_in_terminal
from .timecode import is_web_url

_PLACEHOLDER = re.compile(r"\{(url|seconds)\}")
Opener = Callable[[str, int, "str | None"], "OpenResult"]  # url, seconds, player command


@dataclass(frozen=True)
class OpenResult:
    ok: bool
    message: str
    foreground: tuple[str, ...] = ()  # a console program to run in the terminal (the app steps aside for it)


YOUTUBE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be"})


def real_host(url: str) -> str | None:
    """The host a URL really goes to, as a person reads it: look-alike punycode decoded beside its
    ASCII form, and a name written before `@` (which is not the host) said so. None for YouTube.

    Read as a browser reads it: a backslash in an http(s) URL is a slash (`https://evil.example\\@www.youtube.com/`
    goes to evil.example), and a host in other letters than ASCII goes to its punycode form."""
    parts = urlsplit(url.replace("\\", "/"))
    host = (parts.hostname or "").rstrip(".")
    if host in YOUTUBE_HOSTS:
        return None
    shown = host
    if not host.isascii():
        try:
            shown = f"{host} ({host.encode('idna').decode('ascii')})"
        except UnicodeError:
            shown = f"{host} (not a valid host name)"
    elif any(label.startswith("xn--") for label in host.split(".")):
        try:
            shown = f"{host.encode('ascii').decode('idna')} ({host})"
        except UnicodeError:
            shown = host
    if "@" in parts.netloc:
        before = parts.netloc.rsplit("@", 1)[0]
        shown += f", not {before[:60]} (written before the @)"
    return shown


def console_browser(url: str) -> tuple[str, ...] | None:
    """The command line of the browser `webbrowser` would run, when it is a console program (w3m,
    lynx, a $BROWSER of its own): webbrowser runs those in the foreground and waits for them."""
    import webbrowser

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    if type(browser) is not webbrowser.GenericBrowser:  # BackgroundBrowser and the named GUI browsers detach
        return None
    args = [arg.replace("%s", url) for arg in browser.args]
    return (browser.name, *(args if "%s" in browser.args else [*args, url]))


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
        if draws_in_terminal(argv):  # a player drawing in this terminal runs in the foreground, the app aside
            return OpenResult(True, f"played in {argv[0]}: {url}", tuple(argv))
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

    console = console_browser(url)
    if console is not None:
        return OpenResult(True, f"opened in {console[0]}: {url}", console)
    try:
        opened = webbrowser.open(url, new=2)
    except webbrowser.Error as error:
        return OpenResult(False, f"no browser: {error}")
    if not opened:
        return OpenResult(False, f"no browser could open {url} (set $BROWSER)")
    return OpenResult(True, f"opened in browser: {url}")
