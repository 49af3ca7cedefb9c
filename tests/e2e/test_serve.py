"""`shownotes serve`: the reader served to a browser on localhost with textual-serve.

The page is fetched with urllib; then headless Chromium (when installed; .ci/run installs it) loads it,
its terminal connects, the reader starts behind it and draws the note, and a key typed in the page
reaches the app.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from shownotes.cli_serve import reader_command

from .browser import Browser, chromium

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SEED_TITLE = "AI infrastructure and tooling"
WAIT = 60.0  # seconds; the bound on every wait below (not a speed check)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError):
        return None


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """The seeds served on a free port: (base URL, the index page)."""
    port = free_port()
    log = (tmp_path / "serve.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "shownotes", "serve", str(SEEDS), "--port", str(port)],
        stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline, page = time.monotonic() + WAIT, None
        while page is None and server.poll() is None and time.monotonic() < deadline:
            page = fetch(url)
            if page is None:
                time.sleep(0.1)  # a poll for the server to answer, bounded by WAIT
        assert page is not None, (tmp_path / "serve.log").read_text(errors="replace")
        yield url, page
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # the server and the readers it started, nothing else
        try:
            server.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=WAIT)
        log.close()


def test_serve_answers_with_the_terminal_page(served, tmp_path: Path) -> None:
    url, page = served
    assert "<title>shownotes</title>" in page or ">shownotes<" in page
    socket_url = re.search(r'data-session-websocket-url="([^"]+)"', page)
    assert socket_url and socket_url.group(1).startswith(url.replace("http://", "ws://"))
    assert f"Serving '{shlex.join([sys.executable, '-m', 'shownotes', 'read', str(SEEDS)])}' on {url[:-1]}" in " ".join(
        (tmp_path / "serve.log").read_text(errors="replace").split()
    )


def test_the_served_command_is_quoted_argument_by_argument(tmp_path: Path) -> None:
    odd = tmp_path / "it's a \"library\"; rm -rf ~"
    assert shlex.split(reader_command(str(odd))) == [sys.executable, "-m", "shownotes", "read", str(odd)]
    assert shlex.split(reader_command(None)) == [sys.executable, "-m", "shownotes", "read"]


def test_the_reader_in_a_real_browser(served, tmp_path: Path) -> None:
    executable = chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is required for the browser test in CI (.ci/run installs it)")
        pytest.skip("chromium is not installed")
    url, _page = served
    browser = Browser(executable, tmp_path, timeout=WAIT)
    try:
        browser.page("Network.enable")
        browser.page("Page.navigate", url=url)
        browser.wait_for(lambda: "-first-byte" in (browser.evaluate("document.body.className") or ""),
                         "the page's terminal to receive the app")
        browser.wait_for(lambda: SEED_TITLE.encode() in browser.received(), "the note's title on the page")
        browser.screenshot(tmp_path / "reader.png")
        drawn = len(browser.received())
        browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")  # where xterm.js takes keys
        browser.press("?")
        browser.wait_for(lambda: b"Esc to close" in browser.received()[drawn:], "the help the key opens")
        browser.screenshot(tmp_path / "help.png")
    finally:
        browser.close()
