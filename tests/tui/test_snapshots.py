"""Screens as SVG snapshots (pytest-textual-snapshot). Update with `uv run pytest --snapshot-update`."""

from __future__ import annotations

from textual.widgets import Input

from ..conftest import palette_settled

SIZE = (140, 40)


async def settled(pilot) -> None:
    """The seed's index is built in the background; its status line must read its final text."""
    for _ in range(400):
        if pilot.app.index_ready:
            break
        await pilot.pause(0.01)
    assert pilot.app.index_ready
    await pilot.pause()


def test_main_screen_on_the_seed(snap_compare, app_factory):
    assert snap_compare(app_factory(watch_files=False, background=True), terminal_size=SIZE, run_before=settled)


def test_help_screen_of_the_timestamp_panel(snap_compare, app_factory):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("t", "question_mark")

    assert snap_compare(app_factory(watch_files=False, background=True), terminal_size=SIZE, run_before=run_before)


def test_command_palette_finds_sections_and_timestamps(snap_compare, app_factory):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*"overhyped")
        await palette_settled(pilot)

    assert snap_compare(app_factory(watch_files=False, background=True), terminal_size=SIZE, run_before=run_before)


def test_search_screen_with_results(snap_compare, app_factory):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("slash")
        await pilot.pause()
        pilot.app.screen.query_one(Input).cursor_blink = False
        await pilot.press(*"open source")
        for _ in range(100):
            if pilot.app.screen.searched == "open source":
                break
            await pilot.pause(0.02)

    assert snap_compare(app_factory(watch_files=False, background=True), terminal_size=SIZE, run_before=run_before)


def test_zen_keeps_the_measure_centred_on_a_wide_terminal(snap_compare, app_factory):
    async def run_before(pilot) -> None:
        await settled(pilot)
        await pilot.press("z")
        await pilot.pause()

    assert snap_compare(app_factory(watch_files=False, background=True), terminal_size=(200, 40), run_before=run_before)


def test_a_small_terminal_keeps_the_reader_tall(snap_compare, app_factory):
    assert snap_compare(app_factory(watch_files=False, background=True), terminal_size=(80, 24), run_before=settled)
