"""Every test runs with its own state, config and cache locations: nothing touches the real home.

Also the one app factory the Pilot tests share: side effects (opener, clipboard) recorded, notices kept.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from textual.widgets import OptionList

from shownotes.core.catalog import Catalog
from shownotes.core.config import Config
from shownotes.core.library import Library
from shownotes.core.opener import OpenResult
from shownotes.tui.app import ShownotesApp, make_app
from tests.disk import write_files
from tests.processes import BOUND, hold_lock

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
    monkeypatch.delenv("SHOWNOTES_LIBRARY", raising=False)
    return home


@dataclass
class Effects:
    opened: list[tuple[str, int, str | None]] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)

    def opener(self, url: str, seconds: int = 0, player: str | None = None) -> OpenResult:
        self.opened.append((url, seconds, player))
        return OpenResult(True, f"opened {url}")

    def copier(self, text: str) -> None:
        self.copied.append(text)  # None: no system clipboard, so the app falls back to OSC 52 (app.clipboard)


@pytest.fixture
def effects() -> Effects:
    return Effects()


def build_app(library: Library | Catalog | str | Path | None, effects: Effects, **options) -> ShownotesApp:
    if not isinstance(library, (Library, Catalog)):
        library = Library.open(library)
    options.setdefault("config", Config())
    options.setdefault("background", False)  # no index, no watcher: a test about them says so
    options.setdefault("copier", effects.copier)
    options.setdefault("opener", effects.opener)
    app = make_app(library, **options)
    app.notices = []
    notify = app.notify

    def recording_notify(message: str, **kwargs):
        app.notices.append(message)
        return notify(message, **kwargs)

    app.notify = recording_notify
    return app


@pytest.fixture
def app_factory(effects: Effects) -> Callable[..., ShownotesApp]:
    """make_app for Pilot: a Library, a Catalog (as the CLI opens it) or a path; effects recorded.

    The index and the watcher start only with `background=True`: without them keys are answered
    sooner (Pilot waits for the process to go idle after every key) and the test is about the reader."""
    return lambda library=None, **options: build_app(library, effects, **options)


async def palette_settled(pilot) -> None:
    """The palette streams hits in; wait until its list has stopped changing."""
    seen, steady = None, 0
    for _ in range(300):
        lists = pilot.app.screen.query(OptionList)
        options = lists.first() if lists else None
        now = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)] if options else []
        steady = steady + 1 if now and now == seen else 0
        if steady >= 10:
            return
        seen = now
        await pilot.pause(0.01)
    raise AssertionError("the palette never settled")


@pytest.fixture
def locked_library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A library whose index another process is writing (it holds the lock until told), with a note to add."""
    from shownotes.core.index import Index

    monkeypatch.setenv("SHOWNOTES_CACHE_DIR", str(tmp_path / "cache"))
    library = write_files(tmp_path / "lib", {f"n{n}.md": f"# Note {n}\n\nwombats {n}\n" for n in range(3)})
    with Index.open(library) as index:
        assert index.update().parsed == 3
        db = index.db_path
    write_files(library, {"n3.md": "# Note 3\n\nwombats 3\n"})  # work for the second instance
    holder = hold_lock(db)
    yield library, holder
    if holder.poll() is None:
        holder.communicate(timeout=BOUND)
