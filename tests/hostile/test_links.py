"""Links: only http(s) is opened, everything else is refused with a message; players run as argument
lists, never through a shell, and `{url}` is always exactly one argument."""

from __future__ import annotations

import json
import subprocess
import sys
import webbrowser
from pathlib import Path

import pytest

from shownotes.core import opener
from shownotes.core.opener import open_url, player_argv

from .checks import forbidden

REFUSED = [
    ("javascript", "javascript:alert(1)"),
    ("javascript upper case", "JavaScript:alert(1)"),
    ("file", "file:///etc/passwd"),
    ("data", "data:text/html;base64,PHNjcmlwdD4="),
    ("vbscript", "vbscript:msgbox(1)"),
    ("ftp", "ftp://example.com/f"),
    ("mailto", "mailto:a@example.com"),
    ("scheme-relative", "//example.com/x"),
    ("relative", "notes/other.md"),
    ("no host", "https:///path"),
    ("empty", ""),
    ("space", "https://example.com/a b"),
    ("newline", "https://example.com/a\nb"),
    ("ESC", "https://example.com/\x1b]2;PWNED\x07"),
    ("C1", "https://example.com/\x9b2J"),
    ("DEL", "https://example.com/\x7f"),
    ("bidi override", "https://example.com/\u202egnp.exe"),
    ("zero width", "https://exa\u200bmple.com/"),
    ("surrogate", "https://example.com/\udc9b"),
    ("too long", "https://example.com/" + "a" * 5000),
]
ACCEPTED = [
    ("https", "https://www.youtube.com/watch?v=AAAAAAAAAAA&t=5s"),
    ("http", "http://example.com/"),
    ("upper case scheme", "HTTPS://EXAMPLE.COM/x"),
    ("shell metacharacters stay data", "https://example.com/?q=$(touch%20x);`id`&a=1|b>c"),
    ("non-ASCII path", "https://example.com/café"),
]


class Recorder:
    def __init__(self) -> None:
        self.browser: list[str] = []
        self.spawned: list[tuple[list[str], dict]] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.browser.append(url)
        return True

    def popen(self, argv, **kwargs):
        self.spawned.append((argv, kwargs))
        return None


@pytest.fixture
def recorder(monkeypatch: pytest.MonkeyPatch) -> Recorder:
    recorder = Recorder()
    monkeypatch.setattr(webbrowser, "open", recorder.open)
    monkeypatch.setattr(subprocess, "Popen", recorder.popen)
    monkeypatch.setattr(opener, "console_browser", lambda url: None)  # a GUI browser (console ones: test_console_browsers)
    return recorder


@pytest.mark.parametrize("player", [None, "mpv {url}"], ids=["browser", "player"])
@pytest.mark.parametrize("url", [c[1] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_everything_but_http_is_refused_with_a_message(recorder: Recorder, url: str, player: str | None) -> None:
    result = open_url(url, 5, player)
    assert not result.ok
    assert "refused" in result.message and "http" in result.message
    assert forbidden(result.message) == []
    assert recorder.browser == [] and recorder.spawned == []


@pytest.mark.parametrize("url", [c[1] for c in ACCEPTED], ids=[c[0] for c in ACCEPTED])
def test_http_is_opened_in_the_browser_as_given(recorder: Recorder, url: str) -> None:
    result = open_url(url, 5)
    assert result.ok, result.message
    assert recorder.browser == [url]


TEMPLATES = [
    ("plain", "mpv {url}", ["mpv", "URL"]),
    ("with seconds", "mpv --start={seconds} {url}", ["mpv", "--start=75", "URL"]),
    ("quoted with spaces", 'vlc "--meta-title=clip {url} at {seconds}"', ["vlc", "--meta-title=clip URL at 75"]),
    ("placeholder twice in one word", "p {url}#{url}", ["p", "URL#URL"]),
    ("shell syntax is not interpreted", "mpv {url} ; rm -rf ~ && echo $HOME", ["mpv", "URL", ";", "rm", "-rf", "~", "&&", "echo", "$HOME"]),
    ("other braces are kept", "p {other} {{url}}", ["p", "{other}", "{URL}"]),
]
URLS = [
    "https://www.youtube.com/watch?v=AAAAAAAAAAA&t=75s",
    "https://example.com/?q=$(touch%20PWNED);`id`&x='a'\"b\"|c>d",
    "https://example.com/{url}{seconds}",
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize(("template", "expected"), [c[1:] for c in TEMPLATES], ids=[c[0] for c in TEMPLATES])
def test_player_placeholders_never_split_or_run_a_shell(recorder: Recorder, template: str, expected: list[str], url: str) -> None:
    argv = [part.replace("URL", url) for part in expected]
    assert player_argv(template, url, 75) == argv
    result = open_url(url, 75, template)
    assert result.ok, result.message
    ((spawned, kwargs),) = recorder.spawned
    assert spawned == argv
    assert kwargs.get("shell", False) is False


def test_a_real_player_gets_the_url_as_one_argument(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through a real process: the argument list arrives intact and no shell ran the URL's metacharacters."""
    out = tmp_path / "argv.json"
    script = tmp_path / "player.py"
    script.write_text(f"import json, sys\njson.dump(sys.argv[1:], open({str(out)!r}, 'w'))\n", encoding="utf-8")
    url = "https://example.com/?q=$(touch%20PWNED);`touch%20PWNED2`&x=1"
    started: list[subprocess.Popen] = []
    real_popen = subprocess.Popen

    def popen(argv, **kwargs):
        started.append(real_popen(argv, **kwargs))
        return started[-1]

    monkeypatch.setattr(subprocess, "Popen", popen)
    monkeypatch.chdir(tmp_path)
    result = opener.open_url(url, 9, f"{sys.executable} {script} --start={{seconds}} {{url}}")
    assert result.ok, result.message
    assert started[0].wait(timeout=60) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == ["--start=9", url]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["argv.json", "player.py"]


@pytest.mark.parametrize(("template", "message"), [("   ", "empty"), ('mpv "{url}', "not valid")])
def test_a_broken_player_command_is_reported(recorder: Recorder, template: str, message: str) -> None:
    result = open_url("https://example.com/", 0, template)
    assert not result.ok and message in result.message
    assert recorder.spawned == []


def test_a_timestamp_goes_to_its_video_on_youtube_whatever_its_anchor_says(tmp_path: Path, capsys) -> None:
    from shownotes.cli import main

    note = tmp_path / "n.md"
    note.write_text(
        "---\ntitle: N\nvideoId: AAAAAAAAAAA\n---\n"
        '<a class="yt-timestamp" data-t="00:01:05" href="https://evil.example/">[00:01:05]</a> and '
        "[00:02:00](https://www.youtube.com@evil.example/watch?v=BBBBBBBBBBB&t=120s) and [00:03:00].\n",
        encoding="utf-8",
    )
    assert main(["links", str(note), "--json"]) == 0
    links = [row["url"] for row in json.loads(capsys.readouterr().out)["timestamps"]]
    assert len(links) == 3 and all(link.startswith("https://www.youtube.com/watch?v=AAAAAAAAAAA&t=") for link in links)
