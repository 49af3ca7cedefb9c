"""The command line as people expect it: --version, a mistyped command, the library a missing PATH means,
and where a note that is not found was looked for."""

from __future__ import annotations

import json
import os
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from tests.unit.clirun import GOOD, SEED_TITLE, assert_one_line_error, run

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_version(capsys) -> None:
    assert run(capsys, "--version") == (0, f"shownotes {version('shownotes')}\n", "")


TYPO_CASES = [("lsit", "list"), ("serch", "search"), ("chek", "check"), ("bookmark", "bookmarks"), ("raed", "read")]


@pytest.mark.parametrize(("typed", "meant"), TYPO_CASES)
def test_a_mistyped_command_is_named(capsys, tmp_path: Path, monkeypatch, typed: str, meant: str) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, typed)
    assert_one_line_error(code, out, err, f"unknown command '{typed}' (did you mean '{meant}'?)")


def test_a_folder_named_like_a_typo_is_a_path(capsys, tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "lsit").mkdir()
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "lsit")  # opens the reader on ./lsit, which needs a terminal
    assert_one_line_error(code, out, err, "needs a terminal")


def setting(where: str, value: str, monkeypatch) -> None:
    if where == "env":
        monkeypatch.setenv("SHOWNOTES_LIBRARY", value)
    else:
        config = Path(os.environ["SHOWNOTES_CONFIG"])
        config.parent.mkdir(parents=True, exist_ok=True)
        config.write_text(f"library = {json.dumps(value)}\n", encoding="utf-8")


# (id, settings, PATH on the command line, the library `list` opens: "seeds", "a", "b", "c" or "home")
CHOICE_CASES = [
    ("nothing set: the seeds", [], None, "seeds"),
    ("config", [("config", "{a}")], None, "a"),
    ("config with ~", [("config", "~/notes")], None, "home"),
    ("env", [("env", "{b}")], None, "b"),
    ("env wins over config", [("config", "{a}"), ("env", "{b}")], None, "b"),
    ("PATH wins over both", [("config", "{a}"), ("env", "{b}")], "{c}", "c"),
]


@pytest.fixture
def libraries(write_tree, isolated_home: Path, monkeypatch) -> dict[str, Path]:
    monkeypatch.setenv("HOME", str(isolated_home))
    found = {name: write_tree({f"{name}/n.md": GOOD}) for name in "abc"}
    found["home"] = write_tree({"n.md": GOOD}).rename(isolated_home / "notes")
    found["seeds"] = SEEDS
    return found


@pytest.mark.parametrize(
    ("settings", "path", "expected"), [c[1:] for c in CHOICE_CASES], ids=[c[0] for c in CHOICE_CASES]
)
def test_the_library_a_missing_path_means(capsys, libraries, monkeypatch, settings, path, expected) -> None:
    fill = {name: str(folder) for name, folder in libraries.items()}
    for where, value in settings:
        setting(where, value.format(**fill), monkeypatch)
    code, out, _err = run(capsys, "list", *([path.format(**fill)] if path else []), "--json")
    assert code == 0
    assert Path(json.loads(out)["library"]).resolve() == libraries[expected].resolve()


# Every command that takes PATH uses the setting: (argv, what its output shows of library "b")
COMMAND_CASES = [
    (["check", "--json"], lambda out: json.loads(out)["notes"] == 1),
    (["links", "Good"], lambda out: out.startswith("00:00:05\thttps://www.youtube.com/watch?v=AAAAAAAAAAA&t=5s")),
    (["show", "Good"], lambda out: out.startswith("Good\n\n")),
    (["search", "text"], lambda out: out.startswith("https://www.youtube.com/watch?v=AAAAAAAAAAA&t=5s\tGood")),
]


@pytest.mark.parametrize(("argv", "check"), COMMAND_CASES, ids=[c[0][0] for c in COMMAND_CASES])
def test_every_command_uses_the_configured_library(capsys, libraries, monkeypatch, argv, check) -> None:
    monkeypatch.setenv("SHOWNOTES_LIBRARY", str(libraries["b"]))
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert check(out), out


MISSING_CASES = [
    ("env", ["list"], "SHOWNOTES_LIBRARY={missing}: no such file or folder"),
    ("config", ["list"], "library = '{missing}' in {config}: no such file or folder"),
    ("env", ["search", "x"], "SHOWNOTES_LIBRARY={missing}: no such file or folder"),
    ("config", ["read"], "library = '{missing}' in {config}: no such file or folder"),
]


@pytest.mark.parametrize(("where", "argv", "message"), MISSING_CASES, ids=[f"{c[0]} {c[1][0]}" for c in MISSING_CASES])
def test_a_configured_library_that_does_not_exist(capsys, tmp_path, monkeypatch, where, argv, message) -> None:
    missing = str(tmp_path / "gone")
    setting(where, missing, monkeypatch)
    code, out, err = run(capsys, *argv)
    assert_one_line_error(code, out, err, message.format(missing=missing, config=os.environ["SHOWNOTES_CONFIG"]))


NOT_FOUND_CASES = [
    ("the seeds", None, f"no note matches 'absent' in {SEEDS} (the bundled seeds)"),
    ("env", "env", "no note matches 'absent' in {b} (SHOWNOTES_LIBRARY)"),
    ("config", "config", "no note matches 'absent' in {b} (library in {config})"),
]


@pytest.mark.parametrize(("where", "message"), [c[1:] for c in NOT_FOUND_CASES], ids=[c[0] for c in NOT_FOUND_CASES])
def test_a_note_not_found_says_where_it_looked(capsys, libraries, monkeypatch, where, message) -> None:
    if where:
        setting(where, str(libraries["b"]), monkeypatch)
    for command in ("links", "show"):
        code, out, err = run(capsys, command, "absent")
        assert_one_line_error(
            code, out, err, message.format(b=libraries["b"], config=os.environ["SHOWNOTES_CONFIG"])
        )


def test_a_note_not_found_in_a_named_path_does_not_repeat_it(capsys, libraries) -> None:
    code, out, err = run(capsys, "links", "absent", str(libraries["b"]))
    assert_one_line_error(code, out, err)
    assert err == "shownotes: no note matches 'absent'\n"


def test_a_config_that_cannot_be_read_is_a_warning_not_an_error(capsys) -> None:
    config = Path(os.environ["SHOWNOTES_CONFIG"])
    config.parent.mkdir(parents=True)
    config.write_bytes(b"library = [\n")
    code, out, err = run(capsys, "list")
    assert code == 0 and out.startswith("redpointai")
    assert err.startswith(f"shownotes: config {config} ignored: ")


SEARCH_CASES = [
    ("hits", ["search", "models"], 0, lambda out, err: out.count("\n") > 0 and err == ""),
    ("plain snippets carry no marks, no [] of a stamp, no From: line", ["search", "models"], 0,
     lambda out, err: all(len(row) == 4 and "models" in row[3] and not any(mark in row[3] for mark in ("**", "[]", "From:"))
                          for row in (line.split("\t") for line in out.splitlines()))),
    ("no hit", ["search", "zzzqqqx"], 1, lambda out, err: out == "" and err == "shownotes: no note matches 'zzzqqqx'\n"),
    ("no hit, JSON", ["search", "zzzqqqx", "--json"], 1, lambda out, err: json.loads(out) == []),
    ("a channel by part of its name", ["search", "channel:redpoint models"], 0,
     lambda out, err: out.count("\n") > 0 and err == "shownotes: channel:redpoint in redpointai\n"),
    ("no such channel", ["search", "channel:nowhere models"], 1,
     lambda out, err: out == "" and err.startswith("shownotes: channel:nowhere no channel matches 'nowhere'\n")),
]


@pytest.mark.parametrize(("argv", "status", "check"), [c[1:] for c in SEARCH_CASES], ids=[c[0] for c in SEARCH_CASES])
def test_search_exits_like_grep(capsys, argv, status, check) -> None:
    code, out, err = run(capsys, *argv)
    assert code == status
    assert check(out, err), (out, err)


def test_show_in_a_pipe_starts_with_the_title(capsys) -> None:
    code, out, _err = run(capsys, "show", SEED_TITLE)
    assert code == 0
    assert out.startswith(f"{SEED_TITLE}\n\nFrom: redpointai\n")


def test_the_reader_refuses_a_pipe(capsys) -> None:
    code, out, err = run(capsys)
    assert_one_line_error(code, out, err, "needs a terminal", "shownotes show", "shownotes list")


def test_serve_without_the_extra_says_how_to_get_it(capsys, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve", None)  # None in sys.modules: the import fails
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    code, out, err = run(capsys, "serve")
    assert_one_line_error(code, out, err, "serve needs textual-serve: uv run --extra serve shownotes serve")


def test_serve_refuses_a_port_out_of_range(capsys) -> None:
    code, out, err = run(capsys, "serve", "--port", "70000")
    assert_one_line_error(code, out, err, "--port: must be 65535 or less")


def test_serve_refuses_a_library_that_does_not_exist(capsys, tmp_path) -> None:
    code, out, err = run(capsys, "serve", str(tmp_path / "gone"))
    assert_one_line_error(code, out, err, f"no such file or folder: {tmp_path / 'gone'}")


def test_search_lines_are_plain_tab_separated_text(capsys) -> None:
    code, out, _err = run(capsys, "search", "models")
    assert code == 0
    for line in out.splitlines():
        link, title, section, snippet = line.split("\t")
        assert link.startswith("https://www.youtube.com/watch?v=") and title and section
        assert "**" not in snippet and "models" in snippet.lower()  # no markers: words as the note has them
