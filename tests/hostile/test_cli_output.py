"""The command line on the hostile library: every byte it writes is UTF-8 without a control character,
and `show` on a terminal writes OSC 8 hyperlinks for http(s) targets only."""

from __future__ import annotations

import io
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shownotes.core.library import Library
from shownotes.render.terminal import print_note

from .checks import forbidden, forbidden_in_output, strip_own_escapes
from .corpus import ESC, OSC_TITLE, SEARCH_WORD, TITLE_MARK

HANG_GUARD = 300  # seconds; a hung command fails instead of blocking the suite (not a speed check)
# A strict UTF-8 stdout fails on an undecodable file name; a surrogateescape one writes its raw bytes.
STDOUTS = {"strict": {"PYTHONIOENCODING": "utf-8:strict"}, "surrogateescape": {"LC_ALL": "C", "LANG": "C"}}


def note_path(root: Path, fragment: str) -> str:
    """The path of the one hostile note whose file name holds `fragment`."""
    (found,) = [path for path in _files(root) if fragment in os.fsdecode(os.path.basename(path))]
    return os.fsdecode(found)


def _files(root: Path) -> list[bytes]:
    out = []
    for folder, _dirs, names in os.walk(os.fsencode(root)):
        out.extend(os.path.join(folder, name) for name in names)
    return out


def cli(*argv: str, stdout: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    env.update(stdout if stdout is not None else STDOUTS["strict"])
    return subprocess.run(
        [sys.executable, "-m", "shownotes", *argv], capture_output=True, env=env, timeout=HANG_GUARD, check=False
    )


# (id, argv given the library root, exit codes accepted, a visible sign of the payload expected in stdout)
COMMANDS = [
    pytest.param(lambda r: ["list", str(r)], {0}, "␛]2;PWNED-TITLE␇", id="list"),
    pytest.param(lambda r: ["list", str(r), "--json"], {0}, "␛]2;PWNED-TITLE␇", id="list --json"),
    pytest.param(lambda r: ["check", str(r)], {1}, "␛]2;PWNED-TITLE␇", id="check"),
    pytest.param(lambda r: ["check", str(r), "--json"], {1}, "␛]2;PWNED-TITLE␇", id="check --json"),
    pytest.param(lambda r: ["links", note_path(r, "escaped_title"), str(r)], {0}, "␛", id="links"),
    pytest.param(lambda r: ["links", note_path(r, "escaped_title"), str(r), "--json"], {0}, "␛", id="links --json"),
    pytest.param(lambda r: ["links", note_path(r, "name" + ESC), str(r)], {0}, "", id="links of a hostile name"),
    pytest.param(lambda r: ["show", note_path(r, "escaped_title"), str(r)], {0}, "␛]52;c;", id="show"),
    pytest.param(lambda r: ["show", "Bad id", str(r)], {0}, "␛]52;c;", id="show by title"),
    pytest.param(lambda r: ["show", note_path(r, "latin"), str(r)], {0}, SEARCH_WORD, id="show a non-UTF-8 name"),
    pytest.param(lambda r: ["search", SEARCH_WORD, str(r)], {0}, "\\x9b", id="search"),
    pytest.param(
        lambda r: ["search", SEARCH_WORD, str(r), "--json"], {0}, "␛",
        id="search --json",
    ),
    pytest.param(lambda r: ["show", f"{OSC_TITLE}nothing", str(r)], {2}, "", id="a hostile query echoed back"),
]


@pytest.mark.parametrize("stdout", STDOUTS.values(), ids=STDOUTS.keys())
@pytest.mark.parametrize(("argv", "codes", "visible"), COMMANDS)
def test_cli_writes_no_control_bytes(hostile_root: Path, argv, codes: set[int], visible: str, stdout) -> None:
    result = cli(*argv(hostile_root), stdout=stdout)
    assert result.returncode in codes, result.stderr.decode("utf-8", "replace")[-2000:]
    assert b"Traceback" not in result.stderr
    assert forbidden_in_output(result.stdout) == []
    assert forbidden_in_output(result.stderr) == []
    if visible:
        assert visible in result.stdout.decode()


JSON_COMMANDS = [
    pytest.param(["list"], id="list"),
    pytest.param(["check"], id="check"),
    pytest.param(["search", SEARCH_WORD], id="search"),
]


@pytest.mark.parametrize("command", JSON_COMMANDS)
def test_json_values_hold_no_control_characters(hostile_root: Path, command: list[str]) -> None:
    """JSON escapes C0 controls, but a script printing a value would still send them: values are safe too."""
    result = cli(*command, str(hostile_root), "--json", stdout=STDOUTS["surrogateescape"])
    data = json.loads(result.stdout.decode("utf-8", "surrogateescape"))
    strings = [text for text in _strings(data) if text != str(hostile_root)]  # the folder the user named
    assert len(strings) > 20
    assert [text for text in strings if forbidden(text)] == []
    files = list(_strings(data, "file"))  # the real paths, for scripts to open: exact, not for printing
    assert files and [file for file in files if not os.path.lexists(file)] == []


def _strings(data, only: str | None = None, key: str | None = None):
    """The string values of `data` (but `file`, the real paths), or those under the key `only`."""
    if isinstance(data, str):
        if (key == only) if only is not None else key != "file":
            yield data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from _strings(value, only, name)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value, only, key)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_show_on_a_terminal_links_http_only_and_escapes_nothing_else(hostile_root: Path) -> None:
    library = Library.open(hostile_root)
    note = next(n for n in library.notes if n.rel.endswith("escaped_title.md"))
    out = Terminal()
    print_note(note, library, width=100, file=out)
    text, targets = strip_own_escapes(out.getvalue())
    assert targets, "deep links and the http link should be printed as OSC 8 hyperlinks"
    closers = [t for t in targets if t == ""]
    opened = [t for t in targets if t]
    assert len(closers) == len(opened)
    assert all(t.startswith(("https://", "http://")) for t in opened), opened
    assert "https://example.com/ok" in opened
    assert "https://www.youtube.com/watch?v=AAAAAAAAAAA&t=2s" in opened
    assert forbidden(text, "\n") == []
    for source in ("[js](javascript:alert(1))", "[file](file:///etc/passwd)", "[data](data:text/html;", "<file:///etc/passwd>"):
        assert source in text  # not a link at all (markdown-it refuses these schemes): shown as written
    for word in ("web", "ftp", "rel", "mail"):  # links; only `web` (https) has an OSC 8 target
        assert re.search(rf"\b{word}\b", text)
    assert f"␛]2;{TITLE_MARK}␇" in text
    assert text.count("\n") >= 20  # one line per line of the layout


def test_show_in_a_real_pty(hostile_root: Path) -> None:
    """The CLI on a pseudo-terminal takes the styled path; only rich's own SGR and OSC 8 escapes appear."""
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "40", "LC_ALL": "C.UTF-8"}
    process = subprocess.Popen(
        [sys.executable, "-m", "shownotes", "show", note_path(hostile_root, "raw_title"), str(hostile_root)],
        stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True,
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert process.wait(timeout=HANG_GUARD) == 0
    text, targets = strip_own_escapes(b"".join(chunks).decode("utf-8"))
    assert any(t.startswith("https://www.youtube.com/watch?v=") for t in targets)
    assert all(t == "" or t.startswith(("https://", "http://")) for t in targets), targets
    assert forbidden(text, "\n\r") == []  # the pty turns each newline into CR LF
    assert "␛]52;c;" in text
