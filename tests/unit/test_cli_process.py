"""The command line across a real process boundary: closed pipes, no terminal, strict encodings,
special files named by the environment, and shell completion run by the shells themselves."""

from __future__ import annotations

import json
import os
import pty
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HANG_GUARD = 120  # seconds; a command that hangs fails instead of blocking the suite (not a speed check)
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SEED_STEM = "000_02ee466525ab61b6"
CLOSED_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader went away
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not beside the checkout")


def shownotes(*argv: str | bytes) -> list[str | bytes]:
    return [sys.executable, "-m", "shownotes", *argv]


def environment(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONIOENCODING", "PYTHONUTF8")}
    return {**env, **extra}


# (id, argv): `shownotes ... | head -1`. head may take a few hundred KB in one read before it exits, so the
# writer may finish first (status 0); when it does not, it must stop at once, quietly, with 141.
INTO_HEAD = [
    ("search", ["search", "the", str(CORPUS), "--limit", "5000"], b""),
    ("search --json", ["search", "the", str(CORPUS), "--limit", "5000", "--json"], b"[\n"),
    ("list", ["list", str(CORPUS / "redpointai")], b"redpointai  (52 episodes, 497 notes)\n"),
    ("list --json", ["list", str(CORPUS), "--json"], b"{\n"),
]


@needs_corpus
@pytest.mark.parametrize(("argv", "first"), [c[1:] for c in INTO_HEAD], ids=[c[0] for c in INTO_HEAD])
def test_head_minus_one_ends_the_command_quietly(argv: list[str], first: bytes) -> None:
    writer = subprocess.Popen(shownotes(*argv), stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=environment())
    head = subprocess.Popen(["head", "-1"], stdin=writer.stdout, stdout=subprocess.PIPE)
    writer.stdout.close()  # only head reads the pipe, so its exit closes it
    line, _ = head.communicate(timeout=HANG_GUARD)
    _, err = writer.communicate(timeout=HANG_GUARD)
    assert line.startswith(first) and line.count(b"\n") == 1
    assert writer.returncode in (0, CLOSED_PIPE)
    assert err == b""  # no traceback, no "Exception ignored ... BrokenPipeError" at shutdown


# (id, argv): every command, its reader gone before it writes a byte
EVERY_COMMAND = [
    ("list", ["list"]),
    ("list --json", ["list", "--json"]),
    ("links", ["links", SEED_STEM]),
    ("show", ["show", SEED_STEM]),
    ("check", ["check"]),
    ("check --json", ["check", "--json"]),
    ("search", ["search", "models"]),
    ("bookmarks --json", ["bookmarks", "--json"]),
    ("completion", ["completion", "bash"]),
    ("--help", ["--help"]),
]


@pytest.mark.parametrize("argv", [c[1] for c in EVERY_COMMAND], ids=[c[0] for c in EVERY_COMMAND])
def test_a_pipe_closed_before_the_first_byte(argv: list[str]) -> None:
    read, write = os.pipe()
    os.close(read)
    writer = subprocess.Popen(shownotes(*argv), stdout=write, stderr=subprocess.PIPE, env=environment())
    os.close(write)
    _, err = writer.communicate(timeout=HANG_GUARD)
    assert writer.returncode == (0 if argv == ["--help"] else CLOSED_PIPE), err  # argparse swallows its own error
    assert b"Traceback" not in err and b"Exception ignored" not in err and b"BrokenPipe" not in err


# (id, stdin, stdout) for the reader: anything but a terminal on either side refuses to start
NO_TERMINAL = [
    ("stdin from /dev/null", "null", "pipe", "standard input"),
    ("stdout into a pipe", "tty", "pipe", "standard output"),
    ("stdin a pipe, stdout a terminal", "pipe", "tty", "standard input"),
]


@pytest.mark.parametrize(("stdin", "stdout", "which"), [c[1:] for c in NO_TERMINAL], ids=[c[0] for c in NO_TERMINAL])
@pytest.mark.parametrize("argv", [[], ["read"], [str(Path(__file__).resolve().parents[2] / "seeds")]],
                         ids=["shownotes", "read", "a path"])
def test_the_reader_without_a_terminal_exits_at_once(argv, stdin: str, stdout: str, which: str) -> None:
    master, slave = pty.openpty()
    ends = {"null": subprocess.DEVNULL, "pipe": subprocess.PIPE, "tty": slave}
    try:
        process = subprocess.Popen(
            shownotes(*argv), stdin=ends[stdin], stdout=ends[stdout], stderr=subprocess.PIPE, env=environment()
        )
        _, err = process.communicate(input=b"" if stdin == "pipe" else None, timeout=HANG_GUARD)
    finally:
        os.close(slave)
        os.close(master)
    assert process.returncode == 2
    lines = err.decode().splitlines()
    assert len(lines) == 1 and which in lines[0]
    assert "`shownotes show NOTE`" in lines[0] and "`shownotes list`" in lines[0]


STRICT = {"default": {}, "ascii strict": {"PYTHONIOENCODING": "ascii:strict"},
          "utf-8 strict": {"PYTHONIOENCODING": "utf-8:strict"}, "C locale": {"LC_ALL": "C", "LANG": "C"}}


@pytest.fixture
def undecodable_library(tmp_path: Path) -> bytes:
    root = os.fsencode(tmp_path) + b"/caf\xe9"
    os.mkdir(root)
    with open(root + b"/n\xe9.md", "wb") as note:
        note.write("---\ntitle: Caf\u00e9 \u2014 notes\n---\nSee [[nowhere]].\n".encode())
    return root


@pytest.mark.parametrize("encoding", STRICT.values(), ids=STRICT.keys())
@pytest.mark.parametrize("command", ["list", "check", "search"])
def test_json_is_utf8_for_a_library_path_that_is_not(undecodable_library: bytes, tmp_path, command, encoding) -> None:
    argv = ["search", "notes"] if command == "search" else [command]
    done = subprocess.run(
        shownotes(*argv, undecodable_library, "--json"), capture_output=True, timeout=HANG_GUARD, check=False,
        env=environment(**encoding, SHOWNOTES_CACHE_DIR=str(tmp_path / "cache")),
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    data = json.loads(done.stdout.decode("utf-8"))  # strict: raises on any byte that is not UTF-8
    if command == "search":
        assert [hit["title"] for hit in data] == ["Caf\u00e9 \u2014 notes"]
    else:
        assert os.fsencode(data["library"]) == undecodable_library  # escaped, not lost: the bytes come back


def special(tmp_path: Path, kind: str) -> str:
    if kind == "fifo":
        os.mkfifo(tmp_path / "fifo")
        return str(tmp_path / "fifo")
    return "/dev/zero"


SPECIAL = [
    ("config a FIFO", "SHOWNOTES_CONFIG", "fifo", ["list"]),
    ("config /dev/zero", "SHOWNOTES_CONFIG", "/dev/zero", ["list"]),
    ("state a FIFO", "SHOWNOTES_STATE", "fifo", ["bookmarks"]),
    ("state /dev/zero", "SHOWNOTES_STATE", "/dev/zero", ["bookmarks"]),
]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize(("variable", "kind", "argv"), [c[1:] for c in SPECIAL], ids=[c[0] for c in SPECIAL])
def test_special_files_in_the_environment_are_refused_at_once(tmp_path: Path, variable, kind, argv) -> None:
    done = subprocess.run(shownotes(*argv), capture_output=True, text=True, timeout=HANG_GUARD, check=False,
                          env=environment(**{variable: special(tmp_path, kind)}))
    assert done.returncode == 0, done.stderr
    assert "not a regular file" in done.stderr.splitlines()[0]


def complete_in(shell: str, script: Path, line: str) -> list[str]:
    if shell == "bash":
        words = [shlex.quote(word) for word in line.split(" ")]
        program = (f"source {script}; COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}; "
                   f"_shtab_shownotes shownotes {words[-1]} {words[-2]}; printf '%s\\n' \"${{COMPREPLY[@]}}\"")
        argv = ["bash", "-c", program]
    else:
        argv = ["fish", "-c", f"source {script}; complete -C '{line}'"]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=HANG_GUARD, check=True).stdout
    return sorted(row.split("\t")[0] for row in out.splitlines())


COMPLETIONS = [
    ("shownotes l", ["links", "list"]),
    ("shownotes s", ["search", "serve", "show"]),
    ("shownotes check --kind un", ["unreadable", "unresolved-link"]),
    ("shownotes completion ", ["bash", "fish", "zsh"]),
]


@pytest.mark.parametrize("shell", ["bash", "fish"])
@pytest.mark.parametrize(("line", "expected"), COMPLETIONS)
def test_completion_as_the_shell_runs_it(tmp_path: Path, shell: str, line: str, expected: list[str]) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    script = tmp_path / f"shownotes.{shell}"
    script.write_text(subprocess.run(shownotes("completion", shell), capture_output=True, text=True, check=True,
                                     timeout=HANG_GUARD).stdout, encoding="utf-8")
    assert complete_in(shell, script, line) == expected


def test_zsh_completion_is_a_zsh_script(tmp_path: Path) -> None:
    done = subprocess.run(shownotes("completion", "zsh"), capture_output=True, text=True, timeout=HANG_GUARD, check=False)
    assert done.returncode == 0 and done.stdout.startswith("#compdef shownotes")
    assert "list:'channels, episodes and notes with counts'" in done.stdout
    if shutil.which("zsh"):
        script = tmp_path / "_shownotes"
        script.write_text(done.stdout, encoding="utf-8")
        subprocess.run(["zsh", "-n", str(script)], check=True, timeout=HANG_GUARD)
