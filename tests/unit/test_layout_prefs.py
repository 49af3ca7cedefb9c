"""The layout the keys choose: its table in the state file, merged with other readers; max_width in the config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shownotes.core.config import MAX_WIDTH, load_config
from shownotes.core.layout import SIDEBAR_MAX, SIDEBAR_MIN, PaneLayout, centred_margin
from shownotes.core.state import State, load_state, save_state

DEFAULT = PaneLayout()

# (id, layout before, step, layout after)
STEPS = [
    ("hide the sidebar", DEFAULT, ("toggle", "sidebar"), PaneLayout(sidebar=False)),
    ("show it again", PaneLayout(sidebar=False), ("toggle", "sidebar"), DEFAULT),
    ("hide the timestamps", DEFAULT, ("toggle", "timestamps"), PaneLayout(timestamps=False)),
    ("zen", DEFAULT, ("zen", None), PaneLayout(zen=True)),
    ("zen again gives the panes back as they were", PaneLayout(sidebar=False, zen=True), ("zen", None), PaneLayout(sidebar=False)),
    ("a pane asked for in zen leaves zen", PaneLayout(zen=True), ("toggle", "timestamps"), DEFAULT),
    ("showing a shown pane changes nothing", DEFAULT, ("show", "timestamps"), DEFAULT),
    ("showing a hidden pane", PaneLayout(timestamps=False, zen=True), ("show", "timestamps"), DEFAULT),
    ("widen", DEFAULT, ("widen", (4, 34, 160)), PaneLayout(sidebar_width=38)),
    ("narrow", DEFAULT, ("widen", (-4, 34, 160)), PaneLayout(sidebar_width=30)),
    ("never under the minimum", DEFAULT, ("widen", (-4, SIDEBAR_MIN, 160)), PaneLayout(sidebar_width=SIDEBAR_MIN)),
    ("never over the maximum", DEFAULT, ("widen", (4, SIDEBAR_MAX, 300)), PaneLayout(sidebar_width=SIDEBAR_MAX)),
    ("the reader keeps its room", DEFAULT, ("widen", (4, 48, 80)), PaneLayout(sidebar_width=50)),
    ("widening a hidden sidebar shows it", PaneLayout(sidebar=False, zen=True), ("widen", (4, 34, 160)), PaneLayout(sidebar_width=38)),
]


@pytest.mark.parametrize(("before", "step", "after"), [c[1:] for c in STEPS], ids=[c[0] for c in STEPS])
def test_layout_steps(before: PaneLayout, step: tuple, after: PaneLayout) -> None:
    action, argument = step
    if action == "toggle":
        got = before.toggled(argument)
    elif action == "show":
        got = before.showing(argument)
    elif action == "zen":
        got = before.zen_toggled()
    else:
        got = before.widened(*argument)
    assert got == after


TABLES = [
    ("empty: the default", {}, DEFAULT),
    ("round trip", PaneLayout(False, True, True, 40).to_table(), PaneLayout(False, True, True, 40)),
    ("wrong types ignored", {"sidebar": 1, "zen": "yes", "sidebar_width": True}, DEFAULT),
    ("a width out of bounds ignored", {"sidebar_width": 5000}, DEFAULT),
    ("unknown names ignored", {"future": True, "timestamps": False}, PaneLayout(timestamps=False)),
]


@pytest.mark.parametrize(("table", "expected"), [c[1:] for c in TABLES], ids=[c[0] for c in TABLES])
def test_layout_from_table(table: dict, expected: PaneLayout) -> None:
    assert PaneLayout.from_table(table) == expected


MARGINS = [
    ("narrower than the measure", (80, 100), (80, 0)),
    ("exactly the measure", (100, 100), (100, 0)),
    ("wide: centred", (160, 100), (100, 30)),
    ("odd spare column goes right", (161, 100), (100, 30)),
    ("no limit", (300, 0), (300, 0)),
]


@pytest.mark.parametrize(("given", "expected"), [c[1:] for c in MARGINS], ids=[c[0] for c in MARGINS])
def test_centred_margin(given: tuple[int, int], expected: tuple[int, int]) -> None:
    assert centred_margin(*given) == expected


def test_an_old_state_file_without_a_layout_loads(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"version": 1, "theme": "nord", "last": {}, "bookmarks": [], "history": {}}), encoding="utf-8")
    state = load_state(path)
    assert state.warning is None and state.theme == "nord" and state.layout == {}
    assert PaneLayout.from_table(state.layout) == DEFAULT


def test_a_bad_layout_entry_is_dropped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"layout": {"sidebar": False, "zen": [1]}}), encoding="utf-8")
    state = load_state(path)
    assert state.layout == {"sidebar": False}
    assert state.warning == "state: dropped 1 bad layout setting"


def test_two_readers_changing_different_panes_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    save_state(State(), path)
    one, two = load_state(path), load_state(path)
    one.layout = PaneLayout.from_table(one.layout).toggled("sidebar").to_table()
    save_state(one, path)
    two.layout = PaneLayout.from_table(two.layout).toggled("timestamps").to_table()
    save_state(two, path)
    assert PaneLayout.from_table(load_state(path).layout) == PaneLayout(sidebar=False, timestamps=False)


CONFIGS = [
    ("absent: the default", "", MAX_WIDTH, []),
    ("set", "max_width = 72\n", 72, []),
    ("zero: no limit", "max_width = 0\n", 0, []),
    ("too small", "max_width = 5\n", MAX_WIDTH, ["max_width"]),
    ("not a number", "max_width = 'wide'\n", MAX_WIDTH, ["max_width"]),
    ("a boolean", "max_width = true\n", MAX_WIDTH, ["max_width"]),
]


@pytest.mark.parametrize(("text", "width", "warned"), [c[1:] for c in CONFIGS], ids=[c[0] for c in CONFIGS])
def test_config_max_width(tmp_path: Path, text: str, width: int, warned: list[str]) -> None:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_config(path)
    assert config.max_width == width
    assert [key for key in ("max_width",) if any(key in warning for warning in config.warnings)] == warned
