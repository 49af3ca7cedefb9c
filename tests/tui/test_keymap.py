"""`[keys]` in the config file: the app's keys moved where the user wants them, warnings for the rest."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from textual.widgets import Footer

from shownotes.core.config import load_config
from shownotes.core.keymap import parse_keys_table, resolve
from shownotes.tui.keymap import bound_keys, key_name
from shownotes.tui.panes.timestamps import TimestampPanel
from shownotes.tui.screens.help import HelpScreen

from ..waiting import wait_for

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

SEED_URL = "https://www.youtube.com/watch?v=P6y0gr-W2-k&t={}s"
SIZE = (140, 40)


def configured(text: str):
    """The config the app reads at startup, written where $SHOWNOTES_CONFIG points (as a user's would be)."""
    path = Path(os.environ["SHOWNOTES_CONFIG"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return load_config()


async def test_a_remapped_key_copies_and_the_old_one_no_longer_does(app_factory, effects) -> None:
    app = app_factory(config=configured('[keys]\ncopy_link = "y"\n'))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert effects.copied == []
        await pilot.press("y")
        assert effects.copied == [SEED_URL.format(0)]
        await pilot.press("t", "j", "y")  # the Timestamps pane's copy moved with it
        assert effects.copied[-1] == SEED_URL.format(6)
        assert isinstance(app.focused, TimestampPanel)
        await pilot.press("c")
        assert len(effects.copied) == 2
        await pilot.press("enter")  # the pane's other copy key is not the one named copy_link
        assert effects.copied[-1] == SEED_URL.format(6) and len(effects.copied) == 3


async def test_help_and_the_footer_show_the_users_keys(app_factory) -> None:
    app = app_factory(config=configured('[keys]\ncopy_link = "y"\nopen_video = ["o", "v"]\n'))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.screen.query(Footer), "the footer")
        footer = app.screen.query_one(Footer)
        await wait_for(pilot, lambda: footer.children, "the footer's keys")
        shown = [" ".join(str(key.render()).split()) for key in footer.children]
        assert "y Copy link" in shown and "c Copy link" not in shown
        assert "o Open video" in shown  # the footer shows an action's first key; help lists them all
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = app.screen.rows
        assert ("Everywhere", "y", "Copy link") in rows and ("Everywhere", "o / v", "Open video") in rows
        assert not any(key == "c" and what == "Copy link" for _where, key, what in rows)


async def test_unknown_actions_and_clashes_are_told_and_the_rest_applies(app_factory, effects) -> None:
    config = configured('[keys]\ncopy_lnk = "x"\nopen_video = "j"\nbookmark = "y"\ncopy_link = "y"\nquit = ["x"]\n')
    app = app_factory(config=config)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        notices = "\n".join(app.notices)
        assert "unknown action 'copy_lnk' (did you mean copy_link?)" in notices
        assert "open_video: 'j' is already the key for 'Down'" in notices
        assert "'y' is given to both bookmark and copy_link" in notices
        await pilot.press("y", "c")  # y was given to two actions: neither has it; each keeps its own key
        assert effects.copied == [SEED_URL.format(0)]
        await pilot.press("j")
        assert app.reader.top_line == 1 and effects.opened == []  # j still scrolls; o still opens
        await pilot.press("o")
        assert len(effects.opened) == 1
        await pilot.press("x")  # quit on x, as asked
        await wait_for(pilot, lambda: not app.is_running, "the app to quit on x")


def test_the_readme_example_is_sound() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    example = re.search(r"### Your own keys.*?```toml\n(.*?)```", readme, re.DOTALL)
    assert example is not None
    table, problems = parse_keys_table(tomllib.loads(example.group(1)).get("keys"))
    keymap = resolve(table, bound_keys(), key_name)
    assert problems == [] and keymap.warnings == [] and set(keymap.keys) == set(table) == {"copy_link", "open_video", "zen"}


# (as the user writes it, as Textual names it; None: no key)
KEY_NAMES = [
    ("y", "y"), ("Y", "Y"), ("?", "question_mark"), (",", "comma"), ("{", "left_curly_bracket"), ("/", "slash"),
    ("enter", "enter"), ("f3", "f3"), ("shift+f3", "shift+f3"), ("ctrl+y", "ctrl+y"), ("ctrl+,", "ctrl+comma"),
    ("question_mark", "question_mark"), ("foo", None), ("ctrl+", None), ("hyperdrive+x", None), ("a b", None), ("F3", None),
]


@pytest.mark.parametrize(("written", "named"), KEY_NAMES)
def test_key_names(written: str, named: str | None) -> None:
    assert key_name(written) == named


def test_every_app_key_has_a_name_and_help_keys_do_not() -> None:
    rows = bound_keys()
    assert {row.name for row in rows if row.scope == ("app",) and row.name} >= {"copy_link", "open_video", "quit", "zen", "next_match"}
    assert all(row.name is None for row in rows if row.description in ("Down", "Follow link", "Command palette"))
