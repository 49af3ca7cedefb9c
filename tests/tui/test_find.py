"""Find in the open note (ctrl+f): highlights and count as you type, stepping, scrolling, closing."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style

from shownotes.core.library import Library
from shownotes.tui.panes.findbar import FindInput, ReadingPane
from shownotes.tui.panes.reader import Reader
from shownotes.tui.screens.help import HelpScreen

from ..waiting import wait_for

SIZE = (120, 36)
FILLER = "".join(f"Filler paragraph number {n} about nothing in particular.\n\n" for n in range(300))
NOTES = {
    "first.md": (
        "---\ntitle: First\nvideoId: AAAAAAAAAAA\n---\n# First\n\n"
        "A Needle near the top, a needle beside it, and NEEDLE shouting [00:00:05].\n\n"
        "Literal text: a.b and (x+y)* cost $5 [sic]; axb is not a.b.\n\n"
        + FILLER
        + "The far needle lives at the bottom.\n"
    ),
    "second.md": "---\ntitle: Second\nvideoId: BBBBBBBBBBB\n---\n# Second\n\nOne needle only, and a needle more.\n",
}


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / "lib" / "pod"
    root.mkdir(parents=True)
    for name, text in NOTES.items():
        (root / name).write_text(text, encoding="utf-8")
    return Library.open(tmp_path / "lib")


def pane(app) -> ReadingPane:
    return app.query_one(ReadingPane)


def painted(app, style: Style) -> list[str]:
    """The text of every visible piece the reader paints with `style`'s background."""
    reader = app.reader
    pieces = []
    for y in range(reader.scrollable_content_region.height):
        pieces += [s.text for s in reader.render_line(y) if s.style is not None and s.style.bgcolor == style.bgcolor]
    return pieces


def palette(app):
    return app.view.document.palette


async def find(pilot, query: str, count: str) -> None:
    await pilot.press("ctrl+f", *query)
    await wait_for(pilot, lambda: pane(pilot.app).count_text == count, f"{count!r} for {query!r}, not {pane(pilot.app).count_text!r}")


async def test_typing_highlights_matches_and_counts(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "needle", "1/4")
        assert isinstance(app.focused, FindInput) and pane(app).is_open
        assert painted(app, palette(app).found_current) == ["Needle"]
        assert painted(app, palette(app).found) == ["needle", "NEEDLE"]  # the fourth is far down, not painted


# (query, count): smart case — lowercase ignores case, a capital letter matches it
SMART_CASES = [("needle", "1/4"), ("Needle", "1/1"), ("NEEDLE", "1/1"), ("neeDLE", "no match"), ("far", "1/1")]


@pytest.mark.parametrize(("query", "count"), SMART_CASES)
async def test_smart_case(app_factory, library, query: str, count: str) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, query, count)


# (keys after typing "needle", the count then): forward and back, wrapping both ways
STEP_CASES = [
    (["enter"], "2/4"),
    (["f3", "f3"], "3/4"),
    (["enter"] * 4, "1/4"),
    (["shift+enter"], "4/4"),
    (["shift+f3", "shift+f3"], "3/4"),
    (["enter", "shift+enter"], "1/4"),
    (["shift+enter", "enter"], "1/4"),
]


@pytest.mark.parametrize(("keys", "count"), STEP_CASES, ids=[" ".join(c[0]) for c in STEP_CASES])
async def test_next_and_previous_wrap_around(app_factory, library, keys: list[str], count: str) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "needle", "1/4")
        await pilot.press(*keys)
        assert pane(app).count_text == count
        found, current = pane(app).found, pane(app).current
        assert app.reader.is_visible(found.line_of(current))
        assert len(painted(app, palette(app).found_current)) == 1


# (where the focus goes after typing "needle", F3 keys, the count then): the bar open but not focused
ELSEWHERE_CASES = [
    ("#reader", ["f3"], "2/4"),
    ("#reader", ["f3", "f3", "shift+f3"], "2/4"),
    ("#reader", ["shift+f3"], "4/4"),
    ("#timestamps", ["f3", "f3"], "3/4"),
    ("#sidebar", ["shift+f3"], "4/4"),
]


@pytest.mark.parametrize(("where", "keys", "count"), ELSEWHERE_CASES, ids=[f"{c[0]} {' '.join(c[1])}" for c in ELSEWHERE_CASES])
async def test_f3_steps_from_another_pane(app_factory, library, where: str, keys: list[str], count: str) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "needle", "1/4")
        app.screen.set_focus(app.query_one(where))
        await pilot.press(*keys)
        assert pane(app).count_text == count and pane(app).is_open
        assert app.focused is app.query_one(where)  # stepping leaves the focus where it was
        assert app.reader.is_visible(pane(app).found.line_of(pane(app).current))


async def test_f3_with_no_query_opens_the_bar(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert not pane(app).is_open
        await pilot.press("f3")
        assert pane(app).is_open and isinstance(app.focused, FindInput)
        await pilot.press(*"needle")
        await wait_for(pilot, lambda: pane(app).count_text == "1/4", "the count")


async def test_the_current_match_far_down_is_scrolled_into_view(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "needle", "1/4")
        assert app.reader.top_line == 0
        await pilot.press("shift+enter")  # back from the first: the last, at the bottom of the note
        reader, found = app.reader, pane(app).found
        line = found.line_of(3)
        assert line > 500 and reader.top_line > 0 and reader.is_visible(line)
        assert painted(app, palette(app).found_current) == ["needle"]
        assert "far needle" in reader.text_layout.text(line)


async def test_typing_a_query_found_only_far_down_goes_there(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "bottom", "1/1")
        line = pane(app).found.line_of(0)
        assert line > 500 and app.reader.is_visible(line)


async def test_escape_closes_the_bar_clears_highlights_and_gives_focus_back(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "needle", "1/4")
        await pilot.press("escape")
        assert not pane(app).is_open and pane(app).found is None
        assert isinstance(app.focused, Reader)
        assert painted(app, palette(app).found) == [] and painted(app, palette(app).found_current) == []
        await pilot.press("ctrl+f")  # opens empty again
        assert pane(app).input.value == "" and pane(app).count_text == ""


async def test_no_match(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "haystack", "no match")
        await pilot.press("enter", "shift+enter")
        assert pane(app).count_text == "no match" and app.reader.top_line == 0
        assert painted(app, palette(app).found) == [] and painted(app, palette(app).found_current) == []


async def test_an_empty_query_shows_nothing(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "nee", "1/4")
        await pilot.press("backspace", "backspace", "backspace")
        await wait_for(pilot, lambda: pane(app).count_text == "", "the count to clear")
        await pilot.press("enter")
        assert pane(app).found is None and painted(app, palette(app).found_current) == []


# (query with regex metacharacters, count): matched literally
LITERAL_CASES = [("a.b", "1/2"), ("(x+y)*", "1/1"), ("$5", "1/1"), ("[sic]", "1/1"), (".*", "no match"), ("\\d", "no match")]


@pytest.mark.parametrize(("query", "count"), LITERAL_CASES)
async def test_regex_metacharacters_match_literally(app_factory, library, query: str, count: str) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, query, count)
        if count != "no match":
            assert painted(app, palette(app).found_current) == [query]


async def test_a_note_opened_while_the_bar_is_open_is_searched_again(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await find(pilot, "needle", "1/4")
        app.open_note("pod/second.md")
        await wait_for(pilot, lambda: pane(app).count_text == "1/2", "the second note's count")
        assert pane(app).is_open and painted(app, palette(app).found_current) == ["needle"]


async def test_help_lists_find_and_the_bar_keys(app_factory, library) -> None:
    app = app_factory(library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        assert ("Everywhere", "^f", "Find in the note") in app.screen.rows
        await pilot.press("escape", "ctrl+f", "f1")
        assert isinstance(app.screen, HelpScreen) and app.screen.help_title == "Help — Find"
        rows = app.screen.rows
        assert {("Find", "⏎ / f3", "Next match"), ("Find", "shift+⏎ / shift+f3", "Previous match"), ("Find", "esc", "Close find")} <= set(rows)


async def test_a_big_note_laid_out_lazily_is_searched_to_its_end(app_factory, tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "big" / "pod"
    root.mkdir(parents=True)
    body = "".join(f"Paragraph {n} of a long note, with words enough to fill a line.\n\n" for n in range(2500))
    (root / "big.md").write_text(f"---\ntitle: Big\nvideoId: CCCCCCCCCCC\n---\n# Big\n\n{body}The tail marker.\n", encoding="utf-8")
    held: list = []
    monkeypatch.setattr(Reader, "_continue_layout", lambda reader, layout: held.append(layout))  # the rest waits
    app = app_factory(Library.open(tmp_path / "big"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+f", *"of a long")
        await wait_for(pilot, lambda: pane(app).count_text.endswith("+"), "a count of what is laid out so far")
        found, layout = pane(app).found, app.reader.text_layout
        assert not layout.complete and len(found) == sum("of a long" in layout.text(y) for y in range(found.haystack.height)) < 2500
        await pilot.press("ctrl+f", *"tail marker")
        await wait_for(pilot, lambda: pane(app).count_text == "no match yet", "no match in what is laid out")
        assert held and not held[-1].complete
        monkeypatch.undo()
        app.reader._continue_layout(held[-1])
        await wait_for(pilot, lambda: pane(app).count_text == "1/1", "the match at the end, once laid out")
        line = pane(app).found.line_of(0)
        assert app.reader.text_layout.complete and line > 5000 and app.reader.is_visible(line)
        await pilot.press("ctrl+f", *"of a long")  # replaces the query
        await wait_for(pilot, lambda: pane(app).count_text.endswith("/2500"), "every paragraph matched")
        assert pane(app).found.line_of(pane(app).current) >= app.reader.top_line  # the first match from here on
