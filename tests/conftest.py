"""Every test runs with its own state, config and cache locations: nothing touches the real home."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "seeds"
CORPUS = REPO.parent / "shared" / "corpus"


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("SHOWNOTES_STATE", str(home / "state" / "state.json"))
    monkeypatch.setenv("SHOWNOTES_CONFIG", str(home / "config" / "config.toml"))
    monkeypatch.setenv("SHOWNOTES_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("BROWSER", "false")
    return home
