"""Watch along, in the app, against the real mpv: `o` starts one player and then seeks it, the notes
follow what it plays (also when it is moved from outside), and its failures fall back to the browser."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from shownotes.core.config import Config
from shownotes.core.library import Library
from shownotes.tui.app import ShownotesApp
from tests.playerkit import send, silence

from ..conftest import Effects, build_app
from ..disk import write_files
from ..waiting import wait_for

pytestmark = pytest.mark.skipif(os.environ.get("SHOWNOTES_NO_MPV") == "1", reason="SHOWNOTES_NO_MPV=1")

VIDEO = "AAAAAAAAAAA"
MPV = "mpv --no-config --ao=null --vo=null"
SIZE = (140, 40)
PLAYED = 60  # seconds a slow machine may play on between a seek and the report of it
ALPHA = f"""---
title: Alpha talk
videoId: {VIDEO}
---
## Opening

It starts [00:00:05]. Then more [00:01:00].

## Middle

A middle point [00:20:00]. And another [00:40:00].

## End

The end [01:00:00].
"""
BETA = f"---\ntitle: Beta talk\nvideoId: {VIDEO}\n---\n## Later\n\nLater part [01:10:00]. Last [01:30:00].\n"


@pytest.fixture(scope="module")
def media(tmp_path_factory: pytest.TempPathFactory) -> Path:
    missing = [tool for tool in ("mpv", "ffmpeg") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{' and '.join(missing)} not installed (apt-get install mpv ffmpeg, as .ci/run does)")
    folder = tmp_path_factory.mktemp("videos")
    silence(folder / f"Alpha talk [{VIDEO}].flac")
    return folder


@pytest.fixture
def watch_app(media: Path, tmp_path: Path, effects: Effects, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., ShownotesApp]]:
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    (tmp_path / "run").mkdir(mode=0o700)
    library = write_files(tmp_path / "lib", {"pod/alpha.md": ALPHA, "pod/beta.md": BETA})
    apps: list[ShownotesApp] = []

    def make(player: str = MPV, folders: list[str] | None = None) -> ShownotesApp:
        config = Config(player=player, media=[str(media)] if folders is None else folders, quit_player_on_exit=True)
        app = build_app(Library.open(library), effects, config=config)
        apps.append(app)
        return app

    yield make
    for app in apps:  # a test that failed half way still stops its mpv
        if app.watching is not None:
            app.watching.player.close(kill=True)


def playing_near(app: ShownotesApp, seconds: float) -> bool:
    at = app.watching.playing.seconds
    return at is not None and seconds - 1 <= at < seconds + PLAYED


def index_of(app: ShownotesApp, seconds: int) -> int:
    return next(stamp.index for stamp in app.view.outline.timestamps if stamp.seconds == seconds)


async def test_o_starts_one_player_and_o_again_seeks_it(watch_app) -> None:
    app = watch_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "o")  # the second timestamp, 00:01:00
        await wait_for(pilot, lambda: playing_near(app, 60), "mpv playing at 00:01:00")
        player = app.watching.player
        first = player.process.pid
        reply = player.get("time-pos")
        assert reply.ok and 59 <= reply.data < 60 + PLAYED
        shown = lambda: str(app.desk.player.render())  # noqa: E731 - the pane follows mpv's own events, a moment after
        await wait_for(pilot, lambda: "00:01" in shown() and "Alpha talk" in shown(), "the player pane naming the moment")
        await pilot.press("j", "j", "o")  # 00:40:00, in the same player
        await wait_for(pilot, lambda: playing_near(app, 2400), "mpv sought to 00:40:00")
        assert player.process.pid == first
        assert player.get("time-pos").data >= 2399


async def test_a_seek_from_outside_moves_the_highlight_and_the_reader(watch_app) -> None:
    app = watch_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "o")
        await wait_for(pilot, lambda: playing_near(app, 5), "mpv playing at 00:00:05")
        send(app.watching.player.socket_path, "seek", 2410, "absolute")  # as a click in mpv's window would
        target = index_of(app, 2400)
        await wait_for(pilot, lambda: app.current_timestamp == target, "the highlight to follow to 00:40:00")
        assert app.panel.current == target
        assert app.reader.is_visible(app.reader.line_of_timestamp(target))


async def test_a_move_by_hand_pauses_following_and_f_turns_it_off(watch_app) -> None:
    app = watch_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "o")
        await wait_for(pilot, lambda: playing_near(app, 5), "mpv playing")
        await pilot.press("j")  # the Timestamps pane moved by hand: following waits
        chosen = app.current_timestamp
        assert app.watching.follow.paused()
        send(app.watching.player.socket_path, "seek", 2410, "absolute")
        await wait_for(pilot, lambda: playing_near(app, 2410), "the report of the outside seek")
        assert app.current_timestamp == chosen
        assert "follow paused" in str(app.desk.player.render())
        await pilot.press("f")
        assert not app.watching.follow.enabled and "follow off" in str(app.desk.player.render())


async def test_playing_past_the_notes_moments_offers_the_sibling_note(watch_app) -> None:
    app = watch_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.open_note("pod/alpha.md")
        await pilot.press("t", "o")
        await wait_for(pilot, lambda: playing_near(app, 5), "mpv playing")
        await wait_for(pilot, lambda: len(app.watching.timeline) == 7, "the episode's timeline")
        send(app.watching.player.socket_path, "seek", 4500, "absolute")  # 01:15:00, past Alpha's last moment
        await wait_for(pilot, lambda: any("Beta talk" in notice and "O opens it" in notice for notice in app.notices), "the offer")
        await pilot.press("O")
        await wait_for(pilot, lambda: app.view is not None and app.view.note.rel == "pod/beta.md", "the sibling note")


async def test_pause_skip_and_a_bookmark_of_the_players_moment(watch_app) -> None:
    app = watch_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "j", "o")  # 00:20:00
        await wait_for(pilot, lambda: playing_near(app, 1200), "mpv playing at 00:20:00")
        await pilot.press("P")
        await wait_for(pilot, lambda: app.watching.playing.paused, "the pause to be reported")
        assert app.watching.player.get("pause").data is True
        before = app.watching.player.get("time-pos").data
        await pilot.press("greater_than_sign")
        await wait_for(pilot, lambda: app.watching.player.get("time-pos").data >= before + 9, "10 s on")
        await pilot.press("less_than_sign", "less_than_sign")
        await wait_for(pilot, lambda: app.watching.player.get("time-pos").data <= before - 9, "20 s back")
        playing = int(app.watching.player.get("time-pos").data)
        await wait_for(pilot, lambda: app.watching.playing.seconds is not None and int(app.watching.playing.seconds) == playing, "the time reported")
        await pilot.press("m")
        mark = app.session.state.bookmarks[-1]
        assert mark.seconds == playing and mark.seconds != 1200  # the player's moment, not the timestamp's
        assert mark.label.startswith("Opening: Then more")  # the timestamp at or before it: its section and sentence


async def test_closing_mpv_then_o_starts_a_new_one(watch_app) -> None:
    app = watch_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "o")
        await wait_for(pilot, lambda: playing_near(app, 5), "mpv playing")
        first = app.watching.player.process
        send(app.watching.player.socket_path, "quit")  # the user closes mpv
        await wait_for(pilot, lambda: not app.watching.playing.linked, "the player to be gone")
        # the notice travels as a message from the player's pane: it arrives after the link is cut
        await wait_for(pilot, lambda: any("o starts a new one" in notice for notice in app.notices), "the notice")
        await pilot.press("j", "o")
        await wait_for(pilot, lambda: playing_near(app, 60), "a new mpv at 00:01:00")
        assert app.watching.player.process.pid != first.pid


async def test_mpv_missing_falls_back_to_the_browser(watch_app, effects: Effects, tmp_path: Path) -> None:
    app = watch_app(player=str(tmp_path / "no" / "mpv"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "j", "o")
        await wait_for(pilot, lambda: bool(effects.opened), "the browser instead")
        assert effects.opened[0][0] == f"https://www.youtube.com/watch?v={VIDEO}&t=60s"
        assert any("could not start" in notice and "browser" in notice for notice in app.notices)


async def test_a_file_that_fails_to_load_says_why_and_b_opens_the_browser(watch_app, effects: Effects, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / f"Alpha talk [{VIDEO}].mp4").write_text("not a video\n", encoding="utf-8")
    app = watch_app(folders=[str(broken)])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("t", "o")
        await wait_for(pilot, lambda: any("could not play" in notice for notice in app.notices), "mpv's failure")
        assert any("B opens it in the browser" in notice for notice in app.notices)
        await pilot.press("B")
        assert effects.opened and effects.opened[-1][0] == f"https://www.youtube.com/watch?v={VIDEO}&t=5s"
