"""Which browsers and players run in our terminal (the app steps aside for them) and which in the
background; and the real host of a link that is not YouTube, shown before it is opened."""

from __future__ import annotations

import webbrowser

import pytest

from shownotes.core import opener

BROWSER_CASES = [
    # ($BROWSER, runs in the terminal, the command line for https://e.x/)
    ("w3m", True, ("w3m", "https://e.x/")),
    ("lynx -dump %s", True, ("lynx", "-dump", "https://e.x/")),
    ("/opt/my-console-browser", True, ("/opt/my-console-browser", "https://e.x/")),
]


@pytest.mark.parametrize(("browser", "console", "argv"), BROWSER_CASES, ids=[c[0] for c in BROWSER_CASES])
def test_console_browsers_are_told_apart(monkeypatch: pytest.MonkeyPatch, browser: str, console: bool, argv) -> None:
    monkeypatch.setenv("BROWSER", browser)
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # webbrowser reads $BROWSER again
    monkeypatch.setattr(webbrowser, "_browsers", {})
    assert opener.console_browser("https://e.x/") == argv
    result = opener.open_url("https://e.x/") if console else None
    if console:
        assert result.ok and result.foreground == argv  # handed back to run in the foreground, not run here


def test_a_browser_webbrowser_runs_in_the_background_is_not_a_console_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER", raising=False)
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    webbrowser.register("gui", None, webbrowser.BackgroundBrowser("gui-browser"), preferred=True)
    assert opener.console_browser("https://e.x/") is None


def test_a_player_that_draws_in_the_terminal_runs_in_the_foreground() -> None:
    result = opener.open_url("https://www.youtube.com/watch?v=AAAAAAAAAAA&t=5s", 5, "mpv --vo=tct {url}")
    assert result.ok and result.foreground == ("mpv", "--vo=tct", "https://www.youtube.com/watch?v=AAAAAAAAAAA&t=5s")


HOST_CASES = [
    ("https://www.youtube.com/watch?v=AAAAAAAAAAA", None),
    ("https://youtu.be/AAAAAAAAAAA", None),
    ("https://example.com/x", "example.com"),
    ("https://www.youtube.com@evil.example/watch", "evil.example, not www.youtube.com (written before the @)"),
    ("https://xn--yutube-wqf.com/watch", "yоutube.com (xn--yutube-wqf.com)"),
    ("https://WWW.YOUTUBE.COM./watch?v=x", None),
    ("https://evil.example\\@www.youtube.com/watch", "evil.example"),  # a browser reads \\ as /: not YouTube
    ("https://www.y\u043eutube.com/watch", "www.y\u043eutube.com (www.xn--yutube-wqf.com)"),  # Cyrillic о, not punycoded
    ("https://www.youtube.com/watch?v=x\\y", None),
]


@pytest.mark.parametrize(("url", "shown"), HOST_CASES, ids=[c[0] for c in HOST_CASES])
def test_the_real_host_of_a_link(url: str, shown: str | None) -> None:
    assert opener.real_host(url) == shown
