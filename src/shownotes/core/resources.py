"""Where the bundled seeds and styles live: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent.parent / name


def seeds_path() -> Path:
    return _bundled("seeds")


def styles_path() -> Path:
    return _bundled("styles")
