"""The config's `[keys]` table: parsed from TOML, checked against the keys the app binds (core.keymap)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.config import load_config
from shownotes.core.keymap import Bound, action_name, parse_keys_table, resolve

APP, MAIN, READER, TIMESTAMPS, SEARCH = ("app",), ("app", "main"), ("app", "main", "reader"), ("app", "main", "timestamps"), ("search",)
BOUND = [
    Bound(APP, "c", "Copy link", "copy_link"),
    Bound(TIMESTAMPS, "c", "Copy link", "copy_link"),
    Bound(APP, "o", "Open video", "open_video"),
    Bound(APP, "q", "Quit", "quit"),
    Bound(APP, "ctrl+p", "Command palette"),
    Bound(MAIN, "f", "Follow the player", "follow_the_player"),
    Bound(READER, "j", "Down"),
    Bound(READER, "enter", "Follow link"),
    Bound(TIMESTAMPS, "s", "Sort by time"),
    Bound(SEARCH, "escape", "Close"),
]


def key_name(key: str) -> str | None:
    return {"?": "question_mark"}.get(key, key) if key.isprintable() and key != "bad" else None


# (table, keys applied, words each warning must have)
CASES = [
    ("one key", {"copy_link": ["y"]}, {"copy_link": ("y",)}, []),
    ("two keys", {"open_video": ["o", "v"]}, {"open_video": ("o", "v")}, []),
    ("a key named as Textual names it", {"copy_link": ["?"]}, {"copy_link": ("question_mark",)}, []),
    ("the same key twice is once", {"copy_link": ["y", "y"]}, {"copy_link": ("y",)}, []),
    ("unknown action", {"copy_lnk": ["y"], "quit": ["x"]}, {"quit": ("x",)}, [["unknown action", "copy_lnk", "copy_link"]]),
    ("not a key", {"copy_link": ["bad", "y"]}, {"copy_link": ("y",)}, [["copy_link", "'bad'", "not a key"]]),
    ("nothing but bad keys keeps the defaults", {"copy_link": ["bad"]}, {}, [["not a key"]]),
    ("two actions, one key", {"copy_link": ["y"], "open_video": ["y", "v"], "quit": ["x"]}, {"open_video": ("v",), "quit": ("x",)},
     [["'y'", "copy_link", "open_video"], ["copy_link", "no key left", "c"]]),
    ("a built-in key in the same scope", {"copy_link": ["ctrl+p"]}, {}, [["'ctrl+p'", "Command palette"], ["no key left"]]),
    ("a pane's key shadows an app key there", {"quit": ["j"]}, {}, [["'j'", "Down"], ["no key left"]]),
    ("a key the table takes from its action is free", {"copy_link": ["o"], "open_video": ["v"]}, {"copy_link": ("o",), "open_video": ("v",)}, []),
    ("a key of an action left alone is not free", {"copy_link": ["o"]}, {}, [["'o'", "open_video"], ["no key left"]]),
    ("an app key meets a key of a pane it also lives in", {"copy_link": ["s"]}, {}, [["'s'", "Sort by time"], ["no key left"]]),
    ("scopes apart do not clash", {"follow_the_player": ["escape"]}, {"follow_the_player": ("escape",)}, []),
    ("a key the table frees, then takes back", {"copy_link": ["ctrl+p"], "open_video": ["c"]}, {},
     [["ctrl+p"], ["copy_link", "no key left"], ["open_video", "'c'", "copy_link"], ["open_video", "no key left"]]),
]


@pytest.mark.parametrize(("table", "keys", "warnings"), [case[1:] for case in CASES], ids=[case[0] for case in CASES])
def test_resolve(table, keys, warnings) -> None:
    keymap = resolve(table, BOUND, key_name)
    assert keymap.keys == keys
    assert len(keymap.warnings) == len(warnings), keymap.warnings
    for warning, words in zip(keymap.warnings, warnings):
        assert all(word in warning for word in words), (warning, words)


PARSE = [
    ("absent", None, {}, 0),
    ("a key", {"copy_link": "y"}, {"copy_link": ["y"]}, 0),
    ("a comma is a key", {"previous_search_hit": ","}, {"previous_search_hit": [","]}, 0),
    ("a list", {"open_video": ["o", "enter"]}, {"open_video": ["o", "enter"]}, 0),
    ("a number", {"copy_link": 3, "quit": "x"}, {"quit": ["x"]}, 1),
    ("an empty list", {"copy_link": []}, {}, 1),
    ("an empty key", {"copy_link": ["y", " "]}, {}, 1),
    ("a table in a table", {"copy_link": {"key": "y"}}, {}, 1),
    ("not a table", "y", {}, 1),
]


@pytest.mark.parametrize(("value", "table", "warned"), [case[1:] for case in PARSE], ids=[case[0] for case in PARSE])
def test_parse_keys_table(value, table, warned) -> None:
    parsed, warnings = parse_keys_table(value)
    assert parsed == table
    assert len(warnings) == warned


def test_the_config_file_reads_its_keys_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n[keys]\ncopy_link = "y"\nopen_video = ["o", "v"]\nzen = 5\n', encoding="utf-8")
    config = load_config(path)
    assert config.theme == "nord" and config.keys == {"copy_link": ["y"], "open_video": ["o", "v"]}
    assert config.warnings == ["config keys.zen must be a key or a list of keys, e.g. \"y\" or [\"o\", \"v\"]; ignored"]


@pytest.mark.parametrize(("description", "name"), [("Copy link", "copy_link"), ("Play / pause", "play_pause"), ("Back 10 s", "back_10_s")])
def test_action_name(description: str, name: str) -> None:
    assert action_name(description) == name
