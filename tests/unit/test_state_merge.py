"""Two readers sharing one state file lose nothing: each save applies only its own changes to the file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shownotes.core.state import Bookmark, Position, State, load_state, save_state


def mark(n: int, label: str = "") -> Bookmark:
    return Bookmark("P6y0gr-W2-k", n, f"moment {n}", "a.md", label)


# Steps a reader takes: (reader, action, argument). Readers are loaded from the file when first named.
def act(state: State, action: str, argument, path: Path) -> None:
    if action == "add":
        state.add_bookmark(argument)
    elif action == "remove":
        state.remove_bookmark(argument)
    elif action == "last":
        state.last[argument[0]] = Position(argument[1])
    elif action == "read":
        state.history.setdefault(argument[0], []).append(argument[1])
    elif action == "theme":
        state.theme = argument
    elif action == "save":
        save_state(state, path)
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(action)


def on_disk(path: Path) -> dict:
    state = load_state(path)
    return {
        "bookmarks": sorted((b.seconds, b.label) for b in state.bookmarks),
        "last": {root: p.rel for root, p in state.last.items()},
        "history": state.history,
        "theme": state.theme,
    }


NOTHING = {"bookmarks": [], "last": {}, "history": {}, "theme": None}
# (id, file before, steps, what the file holds after)
CASES = [
    (
        "each adds a bookmark",
        State(),
        [("A", "load", None), ("B", "load", None), ("A", "add", mark(1)), ("A", "save", None),
         ("B", "add", mark(2)), ("B", "save", None)],
        {**NOTHING, "bookmarks": [(1, ""), (2, "")]},
    ),
    (
        "the reader that saves last without touching bookmarks keeps the other's",
        State(),
        [("A", "load", None), ("B", "load", None), ("A", "add", mark(1)), ("A", "save", None),
         ("B", "theme", "nord"), ("B", "save", None)],
        {**NOTHING, "bookmarks": [(1, "")], "theme": "nord"},
    ),
    (
        "one removes a bookmark the other added later; an old copy does not bring it back",
        State(),
        [("A", "load", None), ("B", "load", None), ("A", "add", mark(1)), ("A", "save", None),
         ("B", "save", None), ("B", "remove", mark(1)), ("B", "save", None), ("A", "add", mark(2)),
         ("A", "save", None)],
        {**NOTHING, "bookmarks": [(2, "")]},
    ),
    (
        "a removal and an addition at once",
        State(bookmarks=[mark(1)]),
        [("A", "load", None), ("B", "load", None), ("A", "remove", mark(1)), ("B", "add", mark(2)),
         ("B", "save", None), ("A", "save", None)],
        {**NOTHING, "bookmarks": [(2, "")]},
    ),
    (
        "a bookmark made again with a new label: the change is kept",
        State(bookmarks=[mark(1, "old")]),
        [("A", "load", None), ("B", "load", None), ("A", "remove", mark(1)), ("A", "add", mark(1, "new")),
         ("A", "save", None), ("B", "add", mark(2)), ("B", "save", None)],
        {**NOTHING, "bookmarks": [(1, "new"), (2, "")]},
    ),
    (
        "positions in two libraries",
        State(),
        [("A", "load", None), ("B", "load", None), ("A", "last", ("/lib/one", "a.md")), ("A", "save", None),
         ("B", "last", ("/lib/two", "b.md")), ("B", "save", None)],
        {**NOTHING, "last": {"/lib/one": "a.md", "/lib/two": "b.md"}},
    ),
    (
        "the same library: the later change wins, an unchanged copy does not",
        State(last={"/lib": Position("start.md")}),
        [("A", "load", None), ("B", "load", None), ("C", "load", None), ("A", "last", ("/lib", "a.md")),
         ("A", "save", None), ("B", "last", ("/lib", "b.md")), ("B", "save", None), ("C", "save", None)],
        {**NOTHING, "last": {"/lib": "b.md"}},
    ),
    (
        "history of two libraries",
        State(),
        [("A", "load", None), ("B", "load", None), ("A", "read", ("/one", "x.md")), ("B", "read", ("/two", "y.md")),
         ("A", "save", None), ("B", "save", None)],
        {**NOTHING, "history": {"/one": ["x.md"], "/two": ["y.md"]}},
    ),
    (
        "a theme picked in one reader survives another's save",
        State(theme="dracula"),
        [("A", "load", None), ("B", "load", None), ("A", "theme", "nord"), ("A", "save", None),
         ("B", "add", mark(3)), ("B", "save", None)],
        {**NOTHING, "bookmarks": [(3, "")], "theme": "nord"},
    ),
    (
        "a state never loaded adds to the file instead of replacing it",
        State(bookmarks=[mark(1)], last={"/lib": Position("a.md")}),
        [("A", "new", None), ("A", "add", mark(2)), ("A", "save", None)],
        {**NOTHING, "bookmarks": [(1, ""), (2, "")], "last": {"/lib": "a.md"}},
    ),
]


@pytest.mark.parametrize(("before", "steps", "after"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_saves_merge(tmp_path: Path, before: State, steps: list, after: dict) -> None:
    path = tmp_path / "state.json"
    save_state(before, path)
    readers: dict[str, State] = {}
    for who, action, argument in steps:
        if action in ("load", "new"):
            readers[who] = load_state(path) if action == "load" else State()
        else:
            act(readers[who], action, argument, path)
    assert on_disk(path) == after
    last = readers[steps[-1][0]]
    assert sorted((b.seconds, b.label) for b in last.bookmarks) == after["bookmarks"]  # the saver sees the merge


def test_a_save_leaves_no_temp_file_and_a_lock_beside_the_state(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(State(theme="nord"), path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json", "state.json.lock"]
    assert json.loads(path.read_text(encoding="utf-8"))["theme"] == "nord"
