"""The command line names every file by its real path: names that differ only by what the display
hides stay apart, and a name that is not UTF-8 comes out of `--json` escaped, under any stdout encoding."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HANG_GUARD = 300  # seconds; a hung command fails instead of blocking the suite (not a speed check)
NAMES = {
    "a.md": "Plain a",
    "a\u200b.md": "Zero-width a",
    "\u2068a\u2069.md": "Isolated a",
    "a\n.md": "Newline a",
    os.fsdecode(b"bad\xff.md"): "Bad bytes",
    "chan/n.md": "In chan",
    "chan\u200b/n.md": "In chan with zero width",
    "caf\u00e9.md": "Caf\u00e9 \u2014 t\u00eate",  # a title an ASCII stdout cannot hold
}
ENCODINGS = ["ascii:strict", "utf-8:strict"]


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = tmp_path / "library"
    for name, title in NAMES.items():
        path = os.path.join(os.fsencode(root), os.fsencode(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as file:  # a title that is itself odd, and a link that resolves nowhere
            file.write(f"---\ntitle: {title}\n---\nThe body of {title}. [[nowhere]]\n".encode())
    return root


def cli(encoding: str, *argv: str) -> subprocess.CompletedProcess[bytes]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONUTF8", "LC_ALL")}
    env["PYTHONIOENCODING"] = encoding
    return subprocess.run([sys.executable, "-m", "shownotes", *argv], capture_output=True, env=env, timeout=HANG_GUARD)


def listed(data: dict) -> list[dict]:
    return [note for channel in data["channels"] for episode in channel["episodes"] for note in episode["notes"]]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_list_json_gives_every_real_path_and_show_opens_each(library: Path, encoding: str) -> None:
    result = cli(encoding, "list", str(library), "--json")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in result.stderr
    notes = listed(json.loads(result.stdout.decode("utf-8")))
    assert sorted(note["title"] for note in notes) == sorted(NAMES.values())
    assert len({note["path"] for note in notes}) == len(NAMES)
    assert sorted(os.path.relpath(note["file"], library) for note in notes) == sorted(NAMES)
    for note in notes:
        assert os.path.exists(note["file"])
        for named in (note["file"], note["path"]):
            shown = cli(encoding, "show", named, str(library))
            assert shown.returncode == 0, shown.stderr.decode("utf-8", "replace")
            assert f"The body of {note['title']}.".encode(encoding.split(":")[0], "backslashreplace") in shown.stdout


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_check_json_names_each_file_by_its_real_path(library: Path, encoding: str) -> None:
    result = cli(encoding, "check", str(library), "--json")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    rows = json.loads(result.stdout.decode("utf-8"))["warnings"]
    unresolved = [row for row in rows if row["kind"] == "unresolved-link"]
    assert sorted(os.path.relpath(row["file"], library) for row in unresolved) == sorted(NAMES)
    assert all(os.path.exists(row["file"]) for row in unresolved)


@pytest.mark.parametrize("command", [["list"], ["check"], ["show", "caf\u00e9.md"]], ids=["list", "check", "show"])
def test_text_output_to_an_ascii_stdout_escapes_what_it_cannot_hold(library: Path, command: list[str]) -> None:
    result = cli("ascii:strict", *command, str(library))
    assert result.returncode == 0 and b"Traceback" not in result.stderr, result.stderr.decode("utf-8", "replace")
    result.stdout.decode("ascii")
    shown = b"caf\\xe9.md: unresolved link" if command[0] == "check" else b"Caf\\xe9 \\u2014 t\\xeate"
    assert shown in result.stdout
