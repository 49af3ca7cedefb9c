"""Pilot helpers: an app with recorded side effects, and small libraries written by the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from shownotes.core.config import Config
from shownotes.core.library import Library
from shownotes.core.opener import OpenResult
from shownotes.tui.app import ShownotesApp, make_app


@dataclass
class Effects:
    opened: list[tuple[str, int, str | None]] = field(default_factory=list)

    def opener(self, url: str, seconds: int = 0, player: str | None = None) -> OpenResult:
        self.opened.append((url, seconds, player))
        return OpenResult(True, f"opened {url}")


@pytest.fixture
def effects() -> Effects:
    return Effects()


@pytest.fixture
def app_factory(effects: Effects) -> Callable[..., ShownotesApp]:
    def build(library: Library | str | Path | None = None, **options) -> ShownotesApp:
        if not isinstance(library, Library):
            library = Library.open(library)
        options.setdefault("config", Config())
        options.setdefault("copier", lambda text: None)  # no system clipboard: OSC 52 path, app.clipboard set
        options.setdefault("opener", effects.opener)
        app = make_app(library, **options)
        app.notices = []
        notify = app.notify

        def recording_notify(message: str, **kwargs):
            app.notices.append(message)
            return notify(message, **kwargs)

        app.notify = recording_notify
        return app

    return build


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
