"""Pilot tests of the layout keys: panes hidden and shown, zen, the sidebar's width, kept across runs;
the reader's measure centred on wide terminals; a small terminal keeps the reader tall."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Header

from shownotes.core.config import Config
from shownotes.core.layout import SIDEBAR_STEP
from shownotes.core.state import load_state
from shownotes.tui.panes.reader import Reader

from ..waiting import wait_for

WIDE = (200, 40)
SIZE = (140, 40)


def shown(app) -> dict[str, bool]:
    return {
        "sidebar": app.desk.query_one("#side").display,
        "timestamps": app.panel.display,
        "header": app.screen.query_one(Header).display,
    }


ALL = {"sidebar": True, "timestamps": True, "header": True}
# (id, keys, panes shown after)
KEYS = [
    ("S hides the sidebar", ["S"], {**ALL, "sidebar": False}),
    ("ctrl+b too", ["ctrl+b"], {**ALL, "sidebar": False}),
    ("S twice shows it again", ["S", "S"], ALL),
    ("T hides the Timestamps pane", ["T"], {**ALL, "timestamps": False}),
    ("ctrl+t too", ["ctrl+t"], {**ALL, "timestamps": False}),
    ("z leaves the reader alone", ["z"], {"sidebar": False, "timestamps": False, "header": False}),
    ("z twice gives the panes back", ["z", "z"], ALL),
    ("z after S keeps the sidebar hidden on the way back", ["S", "z", "z"], {**ALL, "sidebar": False}),
    ("t brings a hidden Timestamps pane back", ["T", "t"], ALL),
]


@pytest.mark.parametrize(("keys", "expected"), [c[1:] for c in KEYS], ids=[c[0] for c in KEYS])
async def test_layout_keys(app_factory, keys: list[str], expected: dict[str, bool]) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        await wait_for(pilot, lambda: shown(app) == expected, f"panes {expected}")
        assert app.reader.size.width > 0


async def test_hiding_the_focused_pane_gives_focus_to_the_reader(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t")
        assert app.focused is app.panel
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.focused, Reader)


async def test_sidebar_width_keys(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        side = app.desk.query_one("#side")
        before = side.outer_size.width
        await pilot.press("right_curly_bracket", "right_curly_bracket")
        await wait_for(pilot, lambda: side.outer_size.width == before + 2 * SIDEBAR_STEP, "a wider sidebar")
        await pilot.press("left_curly_bracket")
        await wait_for(pilot, lambda: side.outer_size.width == before + SIDEBAR_STEP, "a narrower sidebar")


async def test_the_layout_is_kept_for_the_next_run(app_factory, tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    app = app_factory(state_file=state_file)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_curly_bracket", "S", "T")
        await pilot.press("q")
    assert load_state(state_file).layout == {"sidebar": False, "timestamps": False, "sidebar_width": 38}
    again = app_factory(state_file=state_file, state=load_state(state_file))
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await wait_for(pilot, lambda: shown(again) == {**ALL, "sidebar": False, "timestamps": False}, "the layout kept")
        await pilot.press("right_curly_bracket")  # a hidden sidebar comes back as wide as it was
        await wait_for(pilot, lambda: again.desk.query_one("#side").outer_size.width == 38, "the width kept")


def text_columns(app) -> tuple[int, int]:
    """(first, last) screen columns holding text in the reader's visible lines."""
    reader = app.reader
    left = reader.content_region.x
    lines = [reader.render_line(y).text for y in range(reader.scrollable_content_region.height)]
    written = [line for line in lines if line.strip()]
    first = min(len(line) - len(line.lstrip()) for line in written)
    last = max(len(line.rstrip()) for line in written)
    return left + first, left + last


@pytest.mark.parametrize("max_width", [100, 72])
async def test_the_text_keeps_its_measure_centred_on_a_wide_terminal(app_factory, max_width: int) -> None:
    app = app_factory(config=Config(max_width=max_width))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await wait_for(pilot, lambda: app.reader.outer_size.width == WIDE[0], "the reader alone")
        await wait_for(pilot, lambda: app.reader.text_layout is not None and app.reader.text_layout.width == max_width, "the measure")
        first, last = text_columns(app)
        assert last - first <= max_width
        region = app.reader.scrollable_content_region
        margin = (region.width - max_width) // 2
        assert first == region.x + margin
        assert abs((first - region.x) - (region.right - last)) <= max_width // 4  # text ragged right, but centred


async def test_no_limit_fills_the_reader(app_factory) -> None:
    app = app_factory(config=Config(max_width=0))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        await pilot.press("z")
        await wait_for(pilot, lambda: app.reader.text_layout is not None and app.reader.text_layout.width == app.reader.scrollable_content_region.width, "a full width layout")


async def test_a_small_terminal_keeps_16_reader_rows(app_factory) -> None:
    app = app_factory()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.panel.stamps and app.panel.outer_size.height > 0
        assert app.reader.scrollable_content_region.height >= 16


async def test_an_empty_timestamps_pane_takes_no_room_on_a_small_terminal(app_factory, small_library: Path) -> None:
    empty = small_library / "pod" / "empty.md"
    empty.write_text("---\ntitle: Empty\n---\n# Nothing timed\n\nJust words.\n", encoding="utf-8")
    app = app_factory(small_library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        with_stamps = app.reader.outer_size.height
        app.open_note("pod/empty.md")
        await wait_for(pilot, lambda: app.view is not None and app.view.note.rel == "pod/empty.md", "the empty note")
        await wait_for(pilot, lambda: not app.panel.display, "no Timestamps pane")
        await wait_for(pilot, lambda: app.reader.outer_size.height == with_stamps + 4, "the reader taking its room")
