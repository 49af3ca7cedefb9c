"""The mpv command line, what may be played, and which player commands would draw in the terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from shownotes.core.player.command import draws_in_terminal, is_live, mpv_argv, player_command, terminal_video
from shownotes.core.player.mpv import Player, media_argument

TERMINAL_CASES = [
    (["mpv"], False),
    (["mpv", "--vo=gpu"], False),
    (["mpv", "--vo=tct"], True),
    (["mpv", "--vo=caca"], True),
    (["mpv", "--vo=sixel"], True),
    (["mpv", "--vo=kitty"], True),
    (["mpv", "--vo=kitty,gpu"], True),
    (["mpv", "--vo=gpu,tct"], False),  # mpv takes the first output that works
    (["mpv", "--vo=tct", "--vo=gpu"], False),  # the last value wins
    (["mpv", "--vo=tct", "--vo="], False),
    (["mpv", "-vo", "tct"], True),  # legacy syntax
    (["mpv", "--vo=tct", "--no-video", "--no-terminal"], False),
    (["mpv", "--no-video"], True),  # audio only: its status line and keys are its whole interface
    (["mpv", "--vid=no"], True),
    (["mpv", "--video=no", "--no-terminal"], False),
    (["mpv", "--no-video", "--terminal=no"], False),
    (["mpv", "--no-video", "--no-terminal", "--terminal"], True),
    (["mpv", "--vid=1"], False),
    (["mpv", "--really-quiet"], False),
    (["mpv", "--", "--vo=tct"], False),  # a file named --vo=tct
]


@pytest.mark.parametrize(("argv", "draws"), TERMINAL_CASES, ids=[" ".join(c[0][1:]) or "plain" for c in TERMINAL_CASES])
def test_draws_in_terminal(argv: list[str], draws: bool) -> None:
    assert draws_in_terminal(argv) is draws


def test_terminal_video_is_only_video_drawn_in_the_terminal() -> None:
    assert terminal_video(["mpv", "--vo=tct"]) and not terminal_video(["mpv", "--no-video"])


COMMAND_CASES = [
    (None, ["mpv"]),
    ("", ["mpv"]),
    ("mpv --start={seconds} {url}", ["mpv"]),
    (
        "/opt/mpv/bin/mpv --fs --ytdl-format='best[height<=720]'",
        ["/opt/mpv/bin/mpv", "--fs", "--ytdl-format=best[height<=720]"],
    ),
    (["mpv", "--volume=50"], ["mpv", "--volume=50"]),
    ('flatpak run io.mpv.Mpv "--title=a b"', ["flatpak", "run", "io.mpv.Mpv", "--title=a b"]),
]


@pytest.mark.parametrize(("configured", "argv"), COMMAND_CASES, ids=[repr(c[0]) for c in COMMAND_CASES])
def test_player_command(configured: str | list[str] | None, argv: list[str]) -> None:
    assert player_command(configured) == argv


def test_an_unsplittable_command_is_an_error_result() -> None:
    with pytest.raises(ValueError):
        player_command("mpv '--title=unclosed")
    result = Player("mpv '--title=unclosed").play("https://example.invalid/v.mp4", 5)
    assert (result.ok, result.action) == (False, "failed") and "not valid" in result.message


def test_mpv_argv_puts_the_media_alone_after_double_dash() -> None:
    argv = mpv_argv(["mpv", "--idle=no", "--start=9"], Path("/run/x/mpv-1.sock"), 12.5, "--script=/tmp/evil.lua")
    assert argv[:3] == ["mpv", "--idle=no", "--start=9"]
    assert argv[-2:] == ["--", "--script=/tmp/evil.lua"]
    ours = argv[3:-2]
    assert "--input-ipc-server=/run/x/mpv-1.sock" in ours and "--idle=yes" in ours and "--keep-open=yes" in ours
    assert "--no-input-terminal" in ours and ours[-1] == "--start=12.5"


START_CASES = [(0, "--start=0"), (765, "--start=765"), (1.25, "--start=1.25"), (-3, "--start=0")]


@pytest.mark.parametrize(("seconds", "arg"), START_CASES)
def test_start_seconds(seconds: float, arg: str) -> None:
    assert mpv_argv(["mpv"], Path("/s"), seconds, "m")[-3] == arg


def media_cases(tmp_path: Path) -> list[tuple[str | Path, str | None]]:
    video = tmp_path / "Talk [AAAAAAAAAAA].mp4"
    video.write_bytes(b"")
    return [
        ("https://www.youtube.com/watch?v=AAAAAAAAAAA&t=765s", "https://www.youtube.com/watch?v=AAAAAAAAAAA"),
        ("https://youtu.be/AAAAAAAAAAA?t=5", "https://www.youtube.com/watch?v=AAAAAAAAAAA"),
        ("https://example.org/talk.mp4", "https://example.org/talk.mp4"),
        ("http://127.0.0.1:9/x.mp4", "http://127.0.0.1:9/x.mp4"),
        (video, str(video.resolve())),
        (str(video), str(video.resolve())),
        (tmp_path / "missing.mp4", None),
        (tmp_path, None),
        ("file:///etc/passwd", None),
        ("ytdl://AAAAAAAAAAA", None),
        ("av://lavfi:sine", None),
        ("javascript:alert(1)", None),
        ("https://example.org/a b.mp4", None),
        ("https://example.org/\u202ex.mp4", None),
        ("-", None),
        ("", None),
    ]


def test_media_argument(tmp_path: Path) -> None:
    for media, expected in media_cases(tmp_path):
        assert media_argument(media) == expected, media


@pytest.mark.parametrize("media", ["file:///etc/passwd", "ytdl://x", "/no/such/file.mp4", "--help"])
def test_play_refuses_without_starting_anything(media: str, tmp_path: Path) -> None:
    player = Player(["/nonexistent/mpv"], runtime_dir=tmp_path / "rt")
    result = player.play(media, 10)
    assert (result.ok, result.action) == (False, "refused")
    assert player.process is None and not (tmp_path / "rt").exists()


def test_a_player_that_draws_video_in_the_terminal_is_refused(tmp_path: Path) -> None:
    (tmp_path / "v.mp4").write_bytes(b"")
    result = Player(["mpv", "--vo=tct"], runtime_dir=tmp_path / "rt").play(tmp_path / "v.mp4", 0)
    assert (result.ok, result.action) == (False, "refused") and "terminal" in result.message


LIVE_CASES = [
    ("mpv", True),
    ("mpv --ao=null --no-video", True),
    ("/usr/local/bin/mpv --profile=x", True),
    ("mpv --start={seconds} {url}", False),  # the one-shot template: run once per `o`, as before
    ("vlc --start-time={seconds} {url}", False),
    ("vlc", False),
    ("", False),
    (None, False),
    ("mpv 'unclosed", False),
]


@pytest.mark.parametrize(("configured", "live"), LIVE_CASES)
def test_which_players_are_linked_live(configured: str | None, live: bool) -> None:
    assert is_live(configured) is live
