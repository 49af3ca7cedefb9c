"""The mpv command line: the configured command, then our options, then `--` and the media alone.

mpv takes the last value of a repeated option, so ours (after the user's) always win. None of it is
ever given to a shell; the media is one argument after `--`, so it can never be read as an option.
"""

from __future__ import annotations

import os
import re
import shlex
from collections.abc import Sequence
from pathlib import Path

DEFAULT_COMMAND = ("mpv",)
# The placeholders of the one-shot opener's template (`mpv --start={seconds} {url}`): we add both ourselves.
_PLACEHOLDER = re.compile(r"\{(url|seconds)\}")
TERMINAL_VIDEO_OUTPUTS = frozenset({"tct", "caca", "sixel", "kitty"})
_OFF = {"no", "false", "0"}


def player_command(configured: str | Sequence[str] | None) -> list[str]:
    """The configured player as an argument list (shlex-split once), placeholder arguments dropped.

    Raises ValueError for a string shlex cannot split (an unclosed quote)."""
    if configured is None:
        return list(DEFAULT_COMMAND)
    parts = shlex.split(configured) if isinstance(configured, str) else [str(part) for part in configured]
    parts = [part for part in parts if not _PLACEHOLDER.search(part)]
    return parts or list(DEFAULT_COMMAND)


def seconds_arg(seconds: float) -> str:
    return f"{max(0.0, float(seconds)):.3f}".rstrip("0").rstrip(".")


def mpv_argv(command: Sequence[str], socket: Path, seconds: float, media: str) -> list[str]:
    return [
        *command,
        f"--input-ipc-server={socket}",
        "--idle=yes",  # a load that fails leaves mpv waiting for the next one instead of quitting
        "--keep-open=yes",  # at the end the file stays loaded (paused), so an earlier moment can still be sought
        "--no-input-terminal",
        "--quiet",  # mpv's errors still print; its status line (a redraw every frame) does not
        f"--start={seconds_arg(seconds)}",
        "--",
        media,
    ]


def _option(arg: str) -> tuple[str, str | None] | None:
    if not arg.startswith("-") or arg in ("-", "--"):
        return None
    name, sep, value = arg.lstrip("-").partition("=")
    return name, (value if sep else None)


def _settings(argv: Sequence[str]) -> tuple[str | None, bool, bool]:
    """(first video output named, video on, terminal on) as mpv would read argv."""
    vo: str | None = None
    video = terminal = True
    args = list(argv[1:])
    for position, arg in enumerate(args):
        if arg == "--":
            break
        option = _option(arg)
        if option is None:
            continue
        name, value = option
        if name == "vo" and value is None and not arg.startswith("--") and position + 1 < len(args):
            value = args[position + 1]  # mpv's legacy `-vo tct`
        if name == "vo" and value is not None:
            vo = value.split(",")[0].split(":")[0].strip() or None
        elif name == "no-video":
            video = False
        elif name in ("video", "vid") and value is not None:
            video = value.lower() not in _OFF
        elif name == "no-terminal":
            terminal = False
        elif name == "terminal":
            terminal = value is None or value.lower() not in _OFF
    return vo, video, terminal


def terminal_video(argv: Sequence[str]) -> bool:
    """True when argv makes mpv draw its video as text or images in the terminal (--vo=tct and kin)."""
    vo, video, _terminal = _settings(argv)
    return video and vo in TERMINAL_VIDEO_OUTPUTS


def draws_in_terminal(argv: Sequence[str]) -> bool:
    """True when the player, given the terminal, would draw in it: video drawn in the terminal, or no
    video at all with terminal output on (mpv's status line and keys are then its only interface).

    The live player never gives mpv the terminal; this is for the app deciding to suspend itself and
    run such a player in the foreground instead. Options set in mpv.conf cannot be seen from here."""
    vo, video, terminal = _settings(argv)
    if not video:
        return terminal
    return vo in TERMINAL_VIDEO_OUTPUTS


def is_live(configured: str | None) -> bool:
    """Whether the configured player is mpv, which the live link drives. Any other player, and a
    one-shot template such as `mpv --start={seconds} {url}`, is run once per `o`."""
    if not configured or _PLACEHOLDER.search(configured):
        return False
    try:
        parts = shlex.split(configured)
    except ValueError:
        return False
    return bool(parts) and os.path.basename(parts[0]).lower() in ("mpv", "mpv.exe", "mpv.com")
