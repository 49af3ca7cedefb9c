"""Small libraries written by the tests (the app factory is in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


def note_text(title: str, video: str, body: str) -> str:
    return f"---\ntitle: {title}\nvideoId: {video}\n---\n{body}"


@pytest.fixture
def small_library(tmp_path: Path) -> Path:
    """A channel with three linked notes (two share an episode) and one note without a video."""
    root = tmp_path / "library"
    channel = root / "pod"
    channel.mkdir(parents=True)
    (channel / "alpha.md").write_text(
        note_text(
            "Alpha",
            "AAAAAAAAAAA",
            "From: [[pod]] <br/>\n\nIntro [00:00:05].\n\n## One\n\nSee [[Beta topic | the beta note]] "
            "and [[missing page]] <a class=\"yt-timestamp\" data-t=\"00:01:00\">[00:01:00]</a>.\n\n"
            "## Two\n\nA [web link](https://example.com/x), an [ftp one](ftp://example.com/f) and "
            "a [script](javascript:alert(1)) [00:02:00].\n",
        ),
        encoding="utf-8",
    )
    (channel / "beta_topic.md").write_text(
        note_text("Beta topic", "AAAAAAAAAAA", "## Beta\n\nBack to [[alpha]] [00:03:00].\n"), encoding="utf-8"
    )
    (channel / "gamma.md").write_text(
        note_text("Gamma", "BBBBBBBBBBB", "# Gamma\n\nOnly one [00:00:30].\n"), encoding="utf-8"
    )
    (channel / "loose.md").write_text("---\ntitle: Loose\n---\nNo video here [00:00:09].\n", encoding="utf-8")
    return root
