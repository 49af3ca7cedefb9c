from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .tmuxterm import Tmux, have_tmux


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    if not have_tmux():
        pytest.fail("tmux is required for the real-terminal tests (.ci/run installs it)")
    terminal = Tmux(tmp_path)
    yield terminal
    terminal.close()
