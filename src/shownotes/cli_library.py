"""Which library a command reads when no PATH is given: `$SHOWNOTES_LIBRARY`, else `library` in the
config file, else the bundled seeds."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .cli_io import CliError
from .core import resources
from .core.config import Config, load_config
from .core.textsafe import clean_line

ENV = "SHOWNOTES_LIBRARY"


@dataclass(frozen=True)
class Where:
    path: str | None  # None: the bundled seeds
    origin: str | None = None  # how it was chosen when no PATH was given, for messages

    @property
    def target(self) -> Path:
        return Path(self.path).expanduser() if self.path is not None else resources.seeds_path()

    def described(self) -> str:
        """' in FOLDER (ORIGIN)' when the user did not name the library, else ''."""
        if self.origin is None:
            return ""
        return f" in {clean_line(str(self.target.absolute()))} ({self.origin})"


class Defaults:
    """The settings behind a missing PATH; the config file is read once, and only if needed."""

    def __init__(self, load: Callable[[], Config] = load_config, warn: Callable[[str], None] | None = None) -> None:
        self._load, self._warn = load, warn

    @cached_property
    def config(self) -> Config:
        config = self._load()
        for message in config.warnings if self._warn else ():
            self._warn(clean_line(message))
        return config

    def library(self, path: str | None) -> Where:
        if path is not None:
            return Where(path)
        named = os.environ.get(ENV)
        if named:
            return _existing(named, f"{ENV}={clean_line(named)}", ENV)
        config = self.config
        if config.library:
            setting = f"library = {clean_line(config.library)!r} in {clean_line(str(config.path))}"
            return _existing(config.library, setting, f"library in {clean_line(str(config.path))}")
        return Where(None, "the bundled seeds")


def _existing(path: str, setting: str, origin: str) -> Where:
    if not os.path.exists(Path(path).expanduser()):
        raise CliError(f"{setting}: no such file or folder")
    return Where(path, origin)
