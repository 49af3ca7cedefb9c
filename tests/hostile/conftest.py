"""Fixtures for the hostile tests: the hostile library, and an app with its side effects recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from shownotes.core.config import Config
from shownotes.core.library import Library
from shownotes.core.opener import OpenResult
from shownotes.tui.app import ShownotesApp, make_app

from .corpus import write_library


@pytest.fixture
def hostile_root(tmp_path: Path) -> Path:
    return write_library(tmp_path / "hostile")


@pytest.fixture
def heavy_root(tmp_path: Path) -> Path:
    return write_library(tmp_path / "hostile", heavy=True)


@dataclass
class Effects:
    opened: list[tuple[str, int, str | None]] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)

    def opener(self, url: str, seconds: int = 0, player: str | None = None) -> OpenResult:
        self.opened.append((url, seconds, player))
        return OpenResult(True, f"opened {url}")


@pytest.fixture
def effects() -> Effects:
    return Effects()


@pytest.fixture
def hostile_app(effects: Effects) -> Callable[..., ShownotesApp]:
    """As tests/tui/conftest.py's app_factory: no system clipboard, no browser, notices recorded."""

    def build(library: Library | Path, **options) -> ShownotesApp:
        if not isinstance(library, Library):
            library = Library.open(library)
        options.setdefault("config", Config())
        options.setdefault("copier", effects.copied.append)
        options.setdefault("opener", effects.opener)
        options.setdefault("watch_files", False)  # live reload is driven through files_changed, not timing
        app = make_app(library, **options)
        app.notices = []
        notify = app.notify

        def recording_notify(message: str, **kwargs):
            app.notices.append(message)
            return notify(message, **kwargs)

        app.notify = recording_notify
        return app

    return build
