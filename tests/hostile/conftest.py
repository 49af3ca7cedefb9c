"""Fixtures for the hostile tests: the hostile library, and an app with its side effects recorded."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from shownotes.core.library import Library
from shownotes.tui.app import ShownotesApp

from .corpus import write_library


@pytest.fixture
def hostile_root(tmp_path: Path) -> Path:
    return write_library(tmp_path / "hostile")


@pytest.fixture
def heavy_root(tmp_path: Path) -> Path:
    return write_library(tmp_path / "hostile", heavy=True)


@pytest.fixture
def hostile_app(app_factory: Callable[..., ShownotesApp]) -> Callable[..., ShownotesApp]:
    """app_factory, with live reload driven through files_changed rather than the watcher's timing."""

    def build(library: Library | Path, **options) -> ShownotesApp:
        options.setdefault("watch_files", False)
        return app_factory(library, **options)

    return build
