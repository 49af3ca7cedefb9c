"""Shared fixtures for the core tests: the repo's seed note, the optional corpus, and fixture trees."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.disk import write_files

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_02ee466525ab61b6.txt"


@pytest.fixture
def seed_path() -> Path:
    assert SEED.is_file(), f"the bundled seed note is missing: {SEED}"
    return SEED


@pytest.fixture
def write_tree(tmp_path: Path) -> Callable[[dict[str, str | bytes]], Path]:
    """Write {relative path: text or bytes} under a fresh folder of tmp_path and return the folder."""
    counter = iter(range(1_000_000))

    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / f"lib{next(counter)}"
        root.mkdir()
        return write_files(root, files)

    return write
