"""Selecting the reader's text with the mouse: the words dragged over are the selected text, painted
as selected, copied by ctrl+c; a click on a link or on a sidebar heading still does what it did."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len
from textual import events

from shownotes.core.library import Library
from shownotes.render.layout import Layout

SIZE = (130, 30)
NOTE = (
    "---\ntitle: Fox\nvideoId: AAAAAAAAAAA\n---\n# Fox\n\n"
    "The quick brown fox jumps over the lazy dog.\n\n"
    "Then it rests [00:00:05] and naps.\n\n"
    "## Later\n\nAn ünïcode line, with wide 漢字 signs in it.\n\n"
    + "".join(f"Filler {n}.\n\n" for n in range(40))
)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / "lib" / "pod"
    root.mkdir(parents=True)
    (root / "fox.md").write_text(NOTE, encoding="utf-8")
    return Library.open(tmp_path / "lib")


def where(app, words: str, at_end: bool = False) -> tuple[int, int]:
    """The screen cell of the first character of `words` in the reader (of the one after it, `at_end`)."""
    reader, layout = app.reader, app.reader.text_layout
    line = next(y for y in range(layout.height) if words in layout.text(y))
    text = layout.text(line)
    start = text.index(words) + (len(words) if at_end else 0)
    margin = (reader.scrollable_content_region.width - reader.text_width) // 2
    region = reader.scrollable_content_region
    return region.x + margin + cell_len(text[:start]), region.y + line - reader.top_line


async def drag(pilot, start: tuple[int, int], end: tuple[int, int]) -> None:
    await pilot.mouse_down(None, start)
    await pilot.hover(None, end)
    await pilot.mouse_up(None, end)


# (drag from the start of one phrase to the end of another, the text selected)
DRAGS = [
    ("quick", "fox", "quick brown fox"),
    ("jumps", "dog.", "jumps over the lazy dog."),
    ("lazy", "Then", "lazy dog.\n\nThen"),
    ("漢字", "signs", "漢字 signs"),
    ("ünïcode", "line", "ünïcode line"),
]


@pytest.mark.parametrize(("first", "last", "selected"), DRAGS)
async def test_dragging_selects_the_words_under_the_mouse(app_factory, library, first: str, last: str, selected: str) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        start, end = where(app, first), where(app, last, at_end=True)
        await drag(pilot, start, (end[0] - 1, end[1]))  # the last cell of the phrase, as a user lets go on it
        assert app.screen.get_selected_text() == selected


async def test_the_selection_is_painted_and_ctrl_c_copies_it(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        end = where(app, "brown", at_end=True)
        await drag(pilot, where(app, "quick"), (end[0] - 1, end[1]))
        selected = app.screen.get_component_rich_style("screen--selection").bgcolor
        line = app.reader.top_line + where(app, "quick")[1] - app.reader.scrollable_content_region.y
        painted = "".join(s.text for s in app.reader.render_line(line) if s.style is not None and s.style.bgcolor == selected)
        assert painted == "quick brown"
        await pilot.press("ctrl+c")
        assert app.clipboard == "quick brown"


async def test_a_click_on_a_timestamp_still_chooses_it_and_a_drag_onto_it_does_not(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.current_timestamp == 0
        app.current_timestamp = None
        stamp = where(app, "00:00:05")
        await drag(pilot, where(app, "Then"), stamp)  # let go over the link: a selection, not a click
        await pilot.click(None, stamp)  # Pilot sends the click a terminal would after the mouse-up
        assert app.screen.get_selected_text() is None  # a click clears the selection
        assert app.current_timestamp == 0


async def test_a_drag_that_ends_on_a_link_does_not_follow_it(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.current_timestamp = None
        stamp = where(app, "00:00:05")
        await drag(pilot, where(app, "Then"), stamp)
        reader = app.reader
        x, y = stamp  # the click a terminal's app makes of a mouse-up on the widget the mouse went down on
        reader.post_message(events.Click(reader, x - reader.region.x, y - reader.region.y, 0, 0, 1, False, False, False, screen_x=x, screen_y=y))
        await pilot.pause()
        assert app.screen.get_selected_text() == "Then it rests ▶\u00a00"  # up to the cell let go on
        assert app.current_timestamp is None


async def test_a_click_on_a_sidebar_heading_still_opens_it(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sidebar = app.sidebar
        assert app.reader.top_line == 0
        node = next(n for n in _nodes(sidebar.root) if str(n.label).strip().endswith("Later"))
        region = sidebar.scrollable_content_region
        await pilot.click(None, (region.x + 4, region.y + node.line - round(sidebar.scroll_y)))
        later = app.reader.line_of_section(next(s.index for s in app.view.outline.sections if s.title == "Later"))
        assert later > 0 and app.reader.top_line == later


def _nodes(node):
    yield node
    for child in node.children:
        yield from _nodes(child)


# (start, end as (line, character); the text between)
RANGES = [
    ((0, 4), (0, 9), "quick"),
    ((0, 4), (1, 4), "quick brown\nThen"),
    (None, None, "The quick brown\nThen it\nrests"),
    ((1, 5), None, "it\nrests"),
    (None, (0, 3), "The"),
    ((2, 0), (9, 0), "rests"),
    ((2, 9), (2, 20), ""),
]


@pytest.mark.parametrize(("start", "end", "text"), RANGES)
def test_layout_text_range(start, end, text) -> None:
    from rich.segment import Segment

    layout = Layout(40)
    layout.lines = [[Segment("The quick "), Segment("brown   ")], [Segment("Then it")], [Segment("rests")]]
    assert layout.text_range(start, end) == text
