"""Pilot tests of the reader: every key of the reader issue, asserting state after it."""

from __future__ import annotations

import pytest
from textual.widgets import Footer

from shownotes.core.state import load_state
from shownotes.tui.panes.reader import Reader
from shownotes.tui.panes.sidebar import Sidebar
from shownotes.tui.panes.status import IndexStatus
from shownotes.tui.panes.timestamps import TimestampPanel
from shownotes.tui.screens.confirm import ConfirmLink
from shownotes.tui.screens.help import HelpScreen

from ..conftest import palette_settled
from ..waiting import wait_for

SEED_URL = "https://www.youtube.com/watch?v=P6y0gr-W2-k&t={}s"
SIZE = (140, 40)


async def test_seed_opens_with_header_reader_focus_and_timestamps(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.title == "AI infrastructure and tooling"
        assert app.sub_title == "redpointai · AI infrastructure and tooling · P6y0gr-W2-k"
        assert isinstance(app.focused, Reader)
        assert len(app.panel.stamps) == 75
        assert app.current_timestamp == 0
        text = app.reader.text_layout.plain()
        assert "—" in text and "â€”" not in text
        assert "[[" not in text and "<a class=" not in text and "videoId:" not in text
        assert "▶\u00a000:00:06" in text


@pytest.mark.parametrize(
    ("keys", "expected_top"),
    [
        (["j"], lambda r: 1),
        (["j", "j", "k"], lambda r: 1),
        (["G"], lambda r: r.max_scroll_y),
        (["G", "g"], lambda r: 0),
        (["end", "home"], lambda r: 0),
        (["pagedown"], lambda r: r.scrollable_content_region.height),
        (["right_square_bracket"], lambda r: r.line_of_section(1)),
        (["right_square_bracket", "right_square_bracket"], lambda r: r.line_of_section(2)),
        (["right_square_bracket", "right_square_bracket", "left_square_bracket"], lambda r: r.line_of_section(1)),
    ],
    ids=["j", "jjk", "G", "Gg", "end-home", "pagedown", "]", "]]", "]]["],
)
async def test_reader_scroll_keys(app_factory, keys, expected_top):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        # the footer and the index status come after the first note is on screen and take rows: keys after
        await wait_for(pilot, lambda: bool(app.query(Footer)) and bool(app.query(IndexStatus)), "the footer and status")
        await pilot.pause()  # and their layout applied
        await pilot.press(*keys)
        await pilot.pause()
        reader = app.reader
        assert reader.top_line == round(expected_top(reader))
        assert reader.top_line >= 0


@pytest.mark.parametrize(
    ("keys", "focused"),
    [
        (["t"], TimestampPanel),
        (["tab"], TimestampPanel),
        (["tab", "tab"], Sidebar),
        (["shift+tab"], Sidebar),
        (["t", "shift+tab"], Reader),
    ],
)
async def test_focus_moves_between_panes(app_factory, keys, focused):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press(*keys)
        assert isinstance(app.focused, focused)


async def test_scrolling_highlights_section_and_timestamp_at_top(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause()
        reader = app.reader
        assert reader.section_at(reader.top_line) == 2
        first_of_section = app.view.outline.sections[2].timestamps[0]
        assert app.current_timestamp == first_of_section
        assert app.panel.current == first_of_section
        assert app.sidebar.marked_section == 2


async def test_panel_cursor_scrolls_reader_and_enter_copies(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "j", "j")
        await pilot.pause()
        assert app.current_timestamp == 3
        line = app.reader.line_of_timestamp(3)
        assert app.reader.top_line <= line < app.reader.top_line + app.reader.size.height
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == SEED_URL.format(72)
        await pilot.press("G")
        await pilot.pause()
        assert app.current_timestamp == 74
        await pilot.press("g")
        await pilot.pause()
        assert app.current_timestamp == 0


async def test_copy_link_and_markdown(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert app.clipboard == SEED_URL.format(0)
        await pilot.press("t", "j", "C")
        await pilot.pause()
        assert app.clipboard == f"[00:00:06]({SEED_URL.format(6)})"


async def test_copy_prefers_the_system_clipboard_and_says_so(app_factory):
    copied: list[str] = []

    def system(text: str) -> str:
        copied.append(text)
        return "system clipboard"

    app = app_factory(copier=system)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert copied == [SEED_URL.format(0)]
        assert app.clipboard == ""  # OSC 52 was not needed
        messages = app.notices
        assert any(SEED_URL.format(0) in m and "system clipboard" in m for m in messages)


async def test_open_hands_the_deep_link_and_player_to_the_opener(app_factory, effects):
    from shownotes.core.config import Config

    app = app_factory(config=Config(player="mpv --start={seconds} {url}"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "j", "o")
        await pilot.pause()
        assert effects.opened == [(SEED_URL.format(27), 27, "mpv --start={seconds} {url}")]


async def test_sort_by_time_toggle(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "s")
        panel = app.panel
        seconds = [panel.stamps[i].seconds for i in panel.order]
        assert panel.by_time and seconds == sorted(seconds)
        assert panel.order != list(range(len(panel.stamps)))  # the seed is not in time order
        await pilot.press("s")
        assert panel.order == list(range(len(panel.stamps)))


async def test_reader_link_cursor_activates_timestamp(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "l", "enter")  # the From: wiki link, then the first timestamp
        assert app.current_timestamp == 0
        await pilot.press("l", "l", "enter")  # the alias wiki link, then timestamp 1
        assert app.current_timestamp == 1
        assert app.panel.current == 1


async def test_clicking_a_timestamp_selects_it(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        span = app.reader.text_layout.first[("ts", 2)]
        region = app.reader.content_region
        await pilot.click(Reader, offset=(span.x0 + 1 + region.x - app.reader.region.x, span.y + region.y - app.reader.region.y))
        await pilot.pause()
        assert app.current_timestamp == 2


async def test_unresolved_wiki_link_says_not_in_library(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "enter")  # [[redpointai]]: the seed's library has no such note
        messages = app.notices
        assert any("[[redpointai]] is not in this library" in m for m in messages)
        assert app.view.note.title == "AI infrastructure and tooling"


async def test_wiki_link_opens_target_with_back_and_forward(app_factory, small_library):
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_note("pod/alpha.md")
        await pilot.pause()
        links = [span for span in app.reader.links if span.kind == "wiki"]
        target = next(i for i, span in enumerate(app.reader.links) if span.kind == "wiki" and app.view.targets[span.key])
        target_rel = app.view.targets[app.reader.links[target].key].rel
        assert links and target_rel == "pod/beta_topic.md"
        app.reader.select_link(target)
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.note.rel == "pod/beta_topic.md"
        await pilot.press("backspace")
        await pilot.pause()
        assert app.view.note.rel == "pod/alpha.md"
        await pilot.press("alt+right")
        await pilot.pause()
        assert app.view.note.rel == "pod/beta_topic.md"
        await pilot.press("alt+left")
        await pilot.pause()
        assert app.view.note.rel == "pod/alpha.md"


async def test_only_web_links_are_opened(app_factory, small_library, effects):
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_note("pod/alpha.md")
        await pilot.pause()
        urls = [i for i, span in enumerate(app.reader.links) if span.kind == "url"]
        assert len(urls) == 2
        for index in urls:
            app.reader.select_link(index)
            await pilot.press("enter")
            await pilot.pause()
            if isinstance(app.screen, ConfirmLink):  # not YouTube: its real host is shown first
                assert app.screen.host == "example.com"
                await pilot.press("y")
                await pilot.pause()
        assert [url for url, _, _ in effects.opened] == ["https://example.com/x"]
        assert any("refused" in m for m in app.notices)
        app.reader.select_link(urls[0])
        await pilot.press("enter")  # asked once per host
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmLink) and len(effects.opened) == 2


LOOK_ALIKES = [  # a link that reads as YouTube, and the real host it goes to
    ("https://www.youtube.com@evil.example/watch?v=x", "evil.example, not www.youtube.com (written before the @)"),
    ("https://xn--yutube-wqf.com/watch?v=x", "y\u043eutube.com (xn--yutube-wqf.com)"),
    ("https://www.y\u043eutube.com/watch?v=x", "www.y\u043eutube.com (www.xn--yutube-wqf.com)"),  # the parser punycodes it
]


@pytest.mark.parametrize(("url", "host"), LOOK_ALIKES, ids=["at", "punycode", "cyrillic"])
async def test_a_look_alike_link_shows_its_real_host_and_no_opens_nothing(app_factory, tmp_path, effects, url, host):
    root = tmp_path / "lib"
    root.mkdir()
    (root / "a.md").write_text(f"# A\n\nSee [the video]({url}).\n", encoding="utf-8")
    app = app_factory(root)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("l", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmLink)
        assert app.screen.host == host
        await pilot.press("n")
        await pilot.pause()
        assert effects.opened == [] and not isinstance(app.screen, ConfirmLink)


async def test_next_and_previous_note_follow_sidebar_order(app_factory, small_library):
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        first = app.view.note.rel
        await pilot.press("n")
        await pilot.pause()
        second = app.view.note.rel
        assert second != first
        await pilot.press("p")
        await pilot.pause()
        assert app.view.note.rel == first


async def test_sidebar_section_selection_scrolls_reader(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sidebar = app.sidebar
        sidebar.focus()
        node = app.sidebar.note_node(app.view.note.rel)
        section_node = next(child for child in node.children if child.data.section == 5)
        sidebar.move_cursor(section_node)
        await pilot.press("enter")
        await pilot.pause()
        assert app.reader.top_line == app.reader.line_of_section(5)


async def test_note_without_video_has_no_links_and_says_so(app_factory, small_library):
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_note("pod/loose.md")
        await pilot.pause()
        assert "no video" in app.sub_title
        await pilot.press("c")
        assert app.clipboard == ""
        assert any("no valid videoId" in m for m in app.notices)


async def test_help_is_built_from_the_focused_panes_bindings(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "question_mark")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        descriptions = {description for _, _, description in screen.rows}
        for binding in TimestampPanel.BINDINGS + app.BINDINGS:
            if binding.description:
                assert binding.description in descriptions
        assert screen.intro == TimestampPanel.HELP
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_palette_goes_to_a_note_by_fuzzy_title(app_factory, small_library):
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"gamma")
        await palette_settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.note.title == "Gamma"


async def test_palette_copies_a_timestamp(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*"copy timestamp 00:12:45")
        await palette_settled(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert app.clipboard == SEED_URL.format(765)


async def test_last_note_position_and_theme_persist(app_factory):
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right_square_bracket", "right_square_bracket", "j")
        app.theme = "nord"
        await pilot.pause()
        top = app.reader.top_line
        await pilot.press("q")
    state = load_state()
    position = next(iter(state.last.values()))
    assert position.rel == "000_02ee466525ab61b6.txt" and (position.section, position.offset) == (2, 1)
    assert state.theme == "nord"

    again = app_factory()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.view.note.rel == "000_02ee466525ab61b6.txt"
        assert again.reader.top_line == top
        assert again.theme == "nord"


async def test_corrupt_state_is_set_aside_and_the_app_starts_clean(app_factory, isolated_home):
    state_file = isolated_home / "state" / "state.json"
    state_file.parent.mkdir(parents=True, exist_ok=True)
    state_file.write_text("{not json", encoding="utf-8")
    app = app_factory()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.view.note.title == "AI infrastructure and tooling"
        assert any("unreadable" in m for m in app.notices)
    assert list(state_file.parent.glob("state.json.corrupt-*"))


async def test_enter_on_a_note_in_the_sidebar_opens_it_for_reading(app_factory, small_library):
    app = app_factory(small_library)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        sidebar = app.sidebar
        sidebar.focus()
        sidebar.move_cursor(sidebar.note_node("pod/gamma.md"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.view.note.rel == "pod/gamma.md"
        assert isinstance(app.focused, Reader)  # reading keys now scroll the note
