"""User configuration: a TOML file under the XDG config dir, or the file `$SHOWNOTES_CONFIG` names.

Reading never creates directories. Unknown keys are ignored; bad values give a warning.
Only a regular file of at most 1 MB is read: a pipe or device named by mistake never blocks startup.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from .files import read_regular
from .keymap import parse_keys_table

MAX_CONFIG_BYTES = 1024 * 1024
KEYS = ("player", "theme", "library")
MAX_WIDTH = 100  # the reader's measure in columns; wider terminals centre the text
MIN_MAX_WIDTH = 20

def config_path() -> Path:
    override = os.environ.get("SHOWNOTES_CONFIG")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path("shownotes", appauthor=False) / "config.toml"


@dataclass
class Config:
    player: str | None = None  # "mpv" (or an mpv command line): the live link; another: "vlc --start-time={seconds} {url}"
    theme: str | None = None
    media: list[str] = field(default_factory=list)  # folders of downloaded videos, searched for "[VIDEOID]" names
    quit_player_on_exit: bool = False  # quitting shownotes leaves the player playing unless this is true
    library: str | None = None  # the notes folder opened when no PATH is given, e.g. "~/notes"
    max_width: int = MAX_WIDTH  # 0: the text fills the reader however wide
    keys: dict[str, list[str]] = field(default_factory=dict)  # [keys]: action -> keys, checked by the app (core.keymap)
    path: Path | None = None  # the file these settings came from
    warnings: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    config = Config(path=path)
    try:
        text = read_regular(path, MAX_CONFIG_BYTES).decode("utf-8")
    except FileNotFoundError:
        return config
    except OSError as error:
        config.warnings.append(f"config {path} ignored: {error.strerror or error}")
        return config
    except UnicodeDecodeError as error:
        config.warnings.append(f"config {path} ignored: {error}")
        return config
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        config.warnings.append(f"config {path} ignored: {error}")
        return config
    for key in KEYS:
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str) and value.strip():
            setattr(config, key, value.strip())
        else:
            config.warnings.append(f"config {key} must be a non-empty string; ignored")
    media = data.get("media")
    if isinstance(media, str):
        media = [media]
    if isinstance(media, list) and all(isinstance(folder, str) and folder.strip() for folder in media):
        config.media = [str(Path(folder.strip()).expanduser()) for folder in media]
    elif media is not None:
        config.warnings.append("config media must be a list of folders; ignored")
    quit_player = data.get("quit_player_on_exit")
    if isinstance(quit_player, bool):
        config.quit_player_on_exit = quit_player
    elif quit_player is not None:
        config.warnings.append("config quit_player_on_exit must be true or false; ignored")
    max_width = data.get("max_width")
    if isinstance(max_width, int) and not isinstance(max_width, bool) and (max_width == 0 or max_width >= MIN_MAX_WIDTH):
        config.max_width = max_width
    elif max_width is not None:
        config.warnings.append(f"config max_width must be a number of columns, at least {MIN_MAX_WIDTH} (0: no limit); ignored")
    config.keys, problems = parse_keys_table(data.get("keys"))
    config.warnings.extend(problems)
    return config
