"""User configuration: a TOML file under the XDG config dir, or the file `$SHOWNOTES_CONFIG` names.

Reading never creates directories. Unknown keys are ignored; bad values give a warning.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs


def config_path() -> Path:
    override = os.environ.get("SHOWNOTES_CONFIG")
    if override:
        return Path(override).expanduser()
    return platformdirs.user_config_path("shownotes", appauthor=False) / "config.toml"


@dataclass
class Config:
    player: str | None = None  # e.g. "mpv --start={seconds} {url}"
    theme: str | None = None
    warnings: list[str] = field(default_factory=list)


def load_config(path: Path | None = None) -> Config:
    path = path or config_path()
    config = Config()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return config
    except (OSError, UnicodeDecodeError) as error:
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
    for key in ("player", "theme"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str) and value.strip():
            setattr(config, key, value.strip())
        else:
            config.warnings.append(f"config {key} must be a non-empty string; ignored")
    return config
